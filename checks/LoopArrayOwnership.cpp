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

bool initialisedWithShapeOf(const VarDecl *Dest, const VarDecl *Source, const Stmt *Scope,
                            ASTContext &Context) {
  if (!Dest->getInit() || mayBeReseated(Dest, Scope, Context) ||
      mayBeReseated(Source, Scope, Context))
    return false;
  const Expr *Init = Dest->getInit()->IgnoreImplicit();
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Init);
      Construct && Construct->getNumArgs() == 1)
    Init = Construct->getArg(0)->IgnoreImplicit();
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Init))
    return Member->getMethodDecl() && Member->getMethodDecl()->getName() == "copy" &&
           namedArray(Member->getImplicitObjectArgument()) == Source;
  if (const auto *Call = dyn_cast<CallExpr>(Init))
    return isNdFunction(Call->getDirectCallee(),
                        {"empty_like", "zeros_like", "ones_like", "full_like"}) &&
           Call->getNumArgs() >= 1 && namedArray(Call->getArg(0)) == Source;
  return false;
}

// The array V's shape was initialised from (V.copy(), nd::empty_like(V), ...), if any.
static const VarDecl *shapeSource(const VarDecl *V) {
  if (!V->getInit())
    return nullptr;
  const Expr *Init = V->getInit()->IgnoreImplicit();
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Init);
      Construct && Construct->getNumArgs() == 1)
    Init = Construct->getArg(0)->IgnoreImplicit();
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Init))
    return namedArray(Member->getImplicitObjectArgument());
  if (const auto *Call = dyn_cast<CallExpr>(Init); Call && Call->getNumArgs() >= 1)
    return namedArray(Call->getArg(0));
  return nullptr;
}

// V's shape root: the first array of the chain V <- init of V <- ... that is not
// provably initialised with another array's shape.
static const VarDecl *shapeRoot(const VarDecl *V, const Stmt *Scope, ASTContext &Context) {
  for (int Depth = 0; Depth < 8; ++Depth) {
    const VarDecl *Source = shapeSource(V);
    if (!Source || Source == V || !initialisedWithShapeOf(V, Source, Scope, Context))
      return V;
    V = Source;
  }
  return V;
}

bool provablySameShape(const VarDecl *A, const VarDecl *B, const Stmt *Scope,
                       ASTContext &Context) {
  return A == B || shapeRoot(A, Scope, Context) == shapeRoot(B, Scope, Context);
}

bool isContiguousLocal(const VarDecl *V, const Stmt *Scope, ASTContext &Context) {
  if (!V || !V->hasLocalStorage() || isa<ParmVarDecl>(V) || V->getType()->isReferenceType() ||
      !createsFreshBuffer(V->getInit()) || mayBeReseated(V, Scope, Context))
    return false;
  auto Ref = declRefExpr(to(varDecl(equalsNode(V))));
  auto BoundToReference = varDecl(hasType(references(qualType(unless(isConstQualified())))),
                                  hasInitializer(ignoringParenImpCasts(Ref)));
  if (!match(findAll(BoundToReference), *Scope, Context).empty())
    return false;
  for (const BoundNodes &Bound : match(findAll(lambdaExpr().bind("lambda")), *Scope, Context))
    for (const LambdaCapture &Capture : Bound.getNodeAs<LambdaExpr>("lambda")->captures())
      if (Capture.capturesVariable() && Capture.getCapturedVar() == V &&
          Capture.getCaptureKind() == LCK_ByRef)
        return false;
  return true;
}

} // namespace clang::tidy::nd_checks
