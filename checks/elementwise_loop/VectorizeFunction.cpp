#include "VectorizeFunction.h"

#include "clang/AST/RecursiveASTVisitor.h"

namespace clang::tidy::nd_checks {

std::optional<VectorizedFunction> resolveVectorizedFunction(const Expr *E) {
  VectorizedFunction Result;
  for (int Depth = 0; E && Depth < 8; ++Depth) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E)) {
      // `static_cast<double (*)(double)>(f)` picks one function of an overload set.
      E = Cast->getSubExpr();
      continue;
    }
    if (const auto *AddressOf = dyn_cast<UnaryOperator>(E);
        AddressOf && AddressOf->getOpcode() == UO_AddrOf) {
      E = AddressOf->getSubExpr();
      continue;
    }
    const auto *Ref = dyn_cast<DeclRefExpr>(E);
    if (!Ref)
      return std::nullopt;
    if (const auto *F = dyn_cast<FunctionDecl>(Ref->getDecl())) {
      if (isa<CXXMethodDecl>(F) && !cast<CXXMethodDecl>(F)->isStatic())
        return std::nullopt;
      Result.Function = F;
      Result.Loc = Ref->getBeginLoc();
      if (Result.Name.empty())
        Result.Name = F->getNameAsString();
      return Result;
    }
    const auto *V = dyn_cast<VarDecl>(Ref->getDecl());
    QualType T = V ? V->getType().getNonReferenceType() : QualType();
    bool FunctionPointer = V && (T->isFunctionPointerType() || T->isFunctionType());
    if (!FunctionPointer)
      return std::nullopt;
    if (Result.Name.empty())
      Result.Name = V->getNameAsString();
    // A constant pointer always calls the function it was initialised with.
    bool Constant = V->getType()->isReferenceType() || V->getType().isConstQualified();
    if (!Constant || !V->getInit() || !V->hasLocalStorage()) {
      Result.Loc = Ref->getBeginLoc();
      Result.Reason = "'" + V->getNameAsString() +
                      "' is a function pointer variable, which may point to another function "
                      "when the call runs";
      return Result;
    }
    E = V->getInit();
  }
  return std::nullopt;
}

namespace {
// What in a function body cannot be copied to the call site: names that may mean
// something else there, the function itself (recursion), macro expansions.
class InliningBlocker : public RecursiveASTVisitor<InliningBlocker> {
public:
  explicit InliningBlocker(const FunctionDecl *F) : F(F) {}
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    const ValueDecl *D = Ref->getDecl();
    if (const auto *Callee = dyn_cast<FunctionDecl>(D)) {
      if (Callee->getCanonicalDecl() == F->getCanonicalDecl())
        block(Ref->getBeginLoc(), "'" + F->getNameAsString() + "' calls itself (recursion)");
      return !Found;
    }
    if (D->getDeclContext() != F && !Name.Found)
      Name = {true, Ref->getBeginLoc(),
              "'" + F->getNameAsString() + "' reads '" + D->getNameAsString() +
                  "', which is not one of its parameters or locals; the fix-it "
                  "would have to name it where the call is"};
    return !Found;
  }
  bool VisitExplicitCastExpr(ExplicitCastExpr *Cast) {
    if (!Cast->getTypeAsWritten()->isBuiltinType())
      block(Cast->getBeginLoc(), "'" + F->getNameAsString() +
                                     "' casts to a type named in its scope, "
                                     "which the fix-it would have to name where the call is");
    return !Found;
  }
  bool VisitStmt(Stmt *S) {
    if (S->getBeginLoc().isMacroID() || S->getEndLoc().isMacroID())
      block(S->getBeginLoc(), "the body of '" + F->getNameAsString() +
                                  "' is or contains a macro expansion, which a fix-it cannot "
                                  "copy");
    return !Found;
  }
  SourceLocation Loc;
  std::string Reason;
  bool Found = false;
  // A name that may mean something else at the call: it matters only when the body
  // would otherwise inline (a side effect is better explained by the translation).
  struct {
    bool Found = false;
    SourceLocation Loc;
    std::string Reason;
  } Name;

private:
  void block(SourceLocation At, std::string Why) {
    if (Found)
      return;
    Found = true;
    Loc = At;
    Reason = std::move(Why);
  }
  const FunctionDecl *F;
};
} // namespace

LambdaTranslation translateFunction(const VectorizedFunction &F,
                                    const std::vector<LambdaOperand> &Operands, QualType Target,
                                    ASTContext &Context, const std::string *OutFormDest) {
  LambdaTranslation Result;
  if (!F.Function)
    return LambdaTranslation::failed(F.Loc, F.Reason);
  const FunctionDecl *Definition = nullptr;
  const std::string Name = "'" + F.Function->getNameAsString() + "'";
  if (!F.Function->hasBody(Definition) || !Definition->getBody())
    return LambdaTranslation::failed(
        F.Loc, Name + " is only declared in this translation unit, so its body cannot be "
                      "inlined");
  if (Definition->getTemplatedKind() != FunctionDecl::TK_NonTemplate)
    return LambdaTranslation::failed(
        Definition->getLocation(),
        Name + " is a template specialisation, whose body is written for every "
               "template argument");
  if (Definition->isVariadic())
    return LambdaTranslation::failed(Definition->getLocation(), Name + " is variadic");
  InliningBlocker Blocker(Definition);
  Blocker.TraverseStmt(Definition->getBody());
  if (Blocker.Found)
    return LambdaTranslation::failed(Blocker.Loc, Blocker.Reason);
  Result = translateScalarFunction(Definition, Definition->getLocation(), Name, Operands, Target,
                                   Context, OutFormDest);
  if (Result.Text && Blocker.Name.Found)
    return LambdaTranslation::failed(Blocker.Name.Loc, Blocker.Name.Reason);
  return Result;
}

} // namespace clang::tidy::nd_checks
