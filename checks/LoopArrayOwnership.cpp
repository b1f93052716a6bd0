#include "LoopArrayOwnership.h"

#include "LoopArrayAccess.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"

namespace clang::tidy::nd_checks {

using namespace ast_matchers;

static const Expr *skipWrappers(const Expr *E) {
  while (true) {
    E = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
      // A copy or move of a temporary (pre-C++17 style elision in the AST).
      if (Construct->getNumArgs() == 1 &&
          (Construct->getConstructor()->isCopyOrMoveConstructor()) &&
          isa<MaterializeTemporaryExpr>(Construct->getArg(0))) {
        E = Construct->getArg(0);
        continue;
      }
    }
    return E;
  }
}

bool createsFreshBuffer(const Expr *E) {
  if (!E)
    return false;
  E = skipWrappers(E);
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *M = Member->getMethodDecl();
    if (!M || !M->getDeclName().isIdentifier())
      return false;
    if (M->getName() == "copy" && isNdArrayType(Member->getObjectType()))
      return true;
    // nd::random's generators return new arrays.
    const auto *NS = dyn_cast<NamespaceDecl>(M->getParent()->getDeclContext());
    return NS && NS->getName() == "random" && isNdArrayType(Member->getType());
  }
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
    OverloadedOperatorKind K = Op->getOperator();
    bool Arithmetic = K == OO_Plus || K == OO_Minus || K == OO_Star || K == OO_Slash;
    const auto *F = dyn_cast_or_null<FunctionDecl>(Op->getCalleeDecl());
    return Arithmetic && F && !isa<CXXMethodDecl>(F) && isNdArrayType(Op->getType());
  }
  if (const auto *Call = dyn_cast<CallExpr>(E))
    return isNdFunction(Call->getDirectCallee(),
                        {"empty", "zeros", "ones", "full", "empty_like", "zeros_like",
                         "ones_like", "full_like", "arange", "linspace"});
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
    if (!isNdArrayType(Construct->getType()))
      return false;
    const CXXConstructorDecl *C = Construct->getConstructor();
    return !C->isCopyOrMoveConstructor();
  }
  return false;
}

static const Stmt *userOf(const Expr *&Node, ASTContext &Context) {
  // Skip implicit nodes (const conversions, temporaries) up to the real user.
  while (true) {
    const DynTypedNodeList Parents = Context.getParents(*Node);
    const Stmt *Parent = Parents.empty() ? nullptr : Parents[0].get<Stmt>();
    if (!Parent || !isa<ImplicitCastExpr, ParenExpr, MaterializeTemporaryExpr,
                        CXXBindTemporaryExpr>(Parent))
      return Parent;
    Node = cast<Expr>(Parent);
  }
}

static bool isReduction(const CallExpr *Call) {
  return isNdFunction(Call->getDirectCallee(), {"sum", "prod", "mean", "var", "stddev", "min",
                                                "max", "argmin", "argmax", "any", "all"});
}

// A use of the array that neither copies its handle nor makes a view that survives.
static bool isContainedUse(const Expr *Node, ASTContext &Context) {
  const Stmt *Parent = userOf(Node, Context);
  if (!Parent)
    return false;
  // Returning the handle ends the function: nothing after it can alias.
  if (isa<ReturnStmt>(Parent))
    return true;
  if (const auto *Member = dyn_cast<MemberExpr>(Parent)) {
    const auto *M = dyn_cast<CXXMethodDecl>(Member->getMemberDecl());
    return M && M->getDeclName().isIdentifier() &&
           llvm::is_contained({"shape", "size", "ndim", "empty", "copy", "item", "fill",
                               "strides", "is_contiguous", "writeable"},
                              M->getName());
  }
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Parent)) {
    if (Op->getOperator() == OO_Call && Op->getArg(0) == Node) {
      if (matchElementAccess(Op))
        return true;
      // A view consumed at once by a reduction (`nd::mean(a(nd::all, c))`).
      const Expr *View = Op;
      const auto *Call = dyn_cast_or_null<CallExpr>(userOf(View, Context));
      return Call && isReduction(Call) && Call->getNumArgs() >= 1 && Call->getArg(0) == View;
    }
    // Arithmetic and comparison operators make new arrays; printing reads.
    switch (Op->getOperator()) {
    case OO_Plus: case OO_Minus: case OO_Star: case OO_Slash: case OO_Less:
    case OO_Greater: case OO_LessEqual: case OO_GreaterEqual: case OO_EqualEqual:
    case OO_ExclaimEqual: case OO_Exclaim:
      return true;
    case OO_LessLess:
      return Op->getNumArgs() == 2 && Op->getArg(1) == Node;
    default:
      return false;
    }
  }
  if (const auto *Call = dyn_cast<CallExpr>(Parent)) {
    // Reductions return scalars or new arrays (or their `out`, the last argument);
    // copyto returns nothing.
    if (isNdFunction(Call->getDirectCallee(), {"copyto", "shares_memory", "save"}))
      return true;
    return isReduction(Call) &&
           (Call->getNumArgs() == 1 || Call->getArg(Call->getNumArgs() - 1) != Node);
  }
  return false;
}

static bool isInsideLoop(const Stmt *S, ASTContext &Context) {
  DynTypedNodeList Parents = Context.getParents(*S);
  while (!Parents.empty()) {
    const Stmt *Parent = Parents[0].get<Stmt>();
    if (!Parent)
      return false;
    if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(Parent))
      return true;
    Parents = Context.getParents(*Parent);
  }
  return false;
}

bool ownsPrivateBuffer(const VarDecl *V, const Stmt *Scope, const Stmt *Loop,
                       ASTContext &Context) {
  if (!V || !V->hasLocalStorage() || isa<ParmVarDecl>(V) || V->getType()->isReferenceType() ||
      !createsFreshBuffer(V->getInit()))
    return false;
  const SourceManager &SM = Context.getSourceManager();
  bool LaterUsesMatter = isInsideLoop(Loop, Context);
  auto Refs = match(findAll(declRefExpr(to(varDecl(equalsNode(V)))).bind("ref")), *Scope, Context);
  for (const BoundNodes &Bound : Refs) {
    const auto *Ref = Bound.getNodeAs<DeclRefExpr>("ref");
    if (!LaterUsesMatter && SM.isBeforeInTranslationUnit(Loop->getEndLoc(), Ref->getBeginLoc()))
      continue;
    if (!isContainedUse(Ref, Context))
      return false;
  }
  return true;
}

bool mayBeReseated(const VarDecl *V, const Stmt *Scope, ASTContext &Context) {
  auto Ref = declRefExpr(to(varDecl(equalsNode(V))));
  auto Assigned = cxxOperatorCallExpr(hasOverloadedOperatorName("="), hasArgument(0, ignoringParenImpCasts(Ref)));
  auto PassedByRef = callExpr(forEachArgumentWithParam(
      ignoringParenImpCasts(Ref), parmVarDecl(hasType(references(qualType(unless(isConstQualified())))))));
  auto Swapped = cxxMemberCallExpr(on(ignoringParenImpCasts(Ref)), callee(cxxMethodDecl(hasName("swap"))));
  return !match(findAll(stmt(anyOf(Assigned, PassedByRef, Swapped))), *Scope, Context).empty();
}

} // namespace clang::tidy::nd_checks
