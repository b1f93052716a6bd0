#include "utils/ASTUtils.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"

namespace clang::tidy::nd_checks::utils {

const Expr *skipImplicit(const Expr *E) {
  while (E) {
    const Expr *Next = E->IgnoreParenImpCasts();
    if (const auto *EWC = dyn_cast<ExprWithCleanups>(Next))
      Next = EWC->getSubExpr();
    else if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(Next))
      Next = MTE->getSubExpr();
    else if (const auto *BTE = dyn_cast<CXXBindTemporaryExpr>(Next))
      Next = BTE->getSubExpr();
    else if (const auto *CE = dyn_cast<CXXConstructExpr>(Next);
             CE && CE->isElidable() && CE->getNumArgs() == 1)
      Next = CE->getArg(0);
    if (Next == E)
      return E;
    E = Next;
  }
  return E;
}

DynTypedNode explicitParent(const Expr *&Child, ASTContext &Ctx) {
  DynTypedNode Node = DynTypedNode::create(*Child);
  for (;;) {
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return {};
    const DynTypedNode &P = Parents[0];
    const auto *E = P.get<Expr>();
    if (!E || !isa<ImplicitCastExpr, ParenExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
                   ExprWithCleanups>(E))
      return P;
    Child = E;
    Node = P;
  }
}

const VarDecl *referencedVar(const Expr *E) {
  const auto *DRE = dyn_cast_or_null<DeclRefExpr>(skipImplicit(E));
  return DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
}

bool mentions(const Stmt *S, const VarDecl *V) {
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
    return Ref->getDecl() == V;
  for (const Stmt *Child : S->children())
    if (Child && mentions(Child, V))
      return true;
  return false;
}

std::optional<int64_t> integerConstant(const Expr *E, const ASTContext &Ctx, unsigned MaxBits) {
  if (!E || E->isValueDependent() || !E->getType()->isIntegerType())
    return std::nullopt;
  std::optional<llvm::APSInt> Value = E->getIntegerConstantExpr(Ctx);
  if (!Value || Value->getSignificantBits() > MaxBits)
    return std::nullopt;
  return Value->getExtValue();
}

std::optional<int64_t> evaluateInt(const Expr *E, const ASTContext &Ctx) {
  if (!E || E->isValueDependent() || E->isTypeDependent())
    return std::nullopt;
  Expr::EvalResult Result;
  if (!E->EvaluateAsInt(Result, Ctx))
    return std::nullopt;
  const llvm::APSInt &V = Result.Val.getInt();
  if (V.getSignificantBits() > 64)
    return std::nullopt;
  return V.getSExtValue();
}

namespace {

// The references to V in a scope, each with the innermost lambda body around it that
// captures V by reference (null outside such lambdas). Those lambdas' capture
// initialisers are not visited: binding the reference writes nothing.
class CaptureAwareReferences : public RecursiveASTVisitor<CaptureAwareReferences> {
public:
  explicit CaptureAwareReferences(const VarDecl *V) : V(V) {}

  bool TraverseLambdaExpr(LambdaExpr *Lambda) {
    bool ByReference = llvm::any_of(Lambda->captures(), [&](const LambdaCapture &C) {
      return C.capturesVariable() && C.getCapturedVar() == V && C.getCaptureKind() == LCK_ByRef;
    });
    if (!ByReference)
      return RecursiveASTVisitor::TraverseLambdaExpr(Lambda);
    // The capture's initialiser binds the reference; only the body can write through it.
    const Stmt *Outer = Within;
    Within = Lambda->getBody();
    TraverseStmt(Lambda->getBody());
    Within = Outer;
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (Ref->getDecl() == V)
      Uses.push_back({Ref, Within});
    return true;
  }

  struct Use {
    const DeclRefExpr *Ref;
    const Stmt *Lambda; // the capturing lambda's body, or null
  };
  std::vector<Use> Uses;

private:
  const VarDecl *V;
  const Stmt *Within = nullptr;
};

} // namespace

bool isMutatedIn(const VarDecl *V, const Stmt &Scope, ASTContext &Ctx) {
  CaptureAwareReferences Refs(V);
  Refs.TraverseStmt(const_cast<Stmt *>(&Scope));
  ExprMutationAnalyzer InScope(Scope, Ctx);
  for (const CaptureAwareReferences::Use &U : Refs.Uses) {
    bool Mutated =
        U.Lambda ? ExprMutationAnalyzer(*U.Lambda, Ctx).isMutated(U.Ref) : InScope.isMutated(U.Ref);
    if (Mutated)
      return true;
  }
  return false;
}

} // namespace clang::tidy::nd_checks::utils
