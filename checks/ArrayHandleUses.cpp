#include "ArrayHandleUses.h"
#include "ArrayExprUtils.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"

namespace clang::tidy::nd_checks::array_expr {

using namespace ast_matchers;

namespace {

// Whether the value of the full expression E is thrown away (E is a statement of its own).
bool isDiscarded(const Expr *E, ASTContext &Ctx) {
  const Expr *Child = E;
  DynTypedNode P = explicitParent(Child, Ctx);
  if (const auto *Cast = P.get<CStyleCastExpr>())
    return Cast->getType()->isVoidType();
  if (P.get<CompoundStmt>() || P.get<SwitchCase>() || P.get<LabelStmt>())
    return true;
  if (const auto *If = P.get<IfStmt>())
    return If->getThen() == Child || If->getElse() == Child;
  if (const auto *For = P.get<ForStmt>())
    return For->getBody() == Child || For->getInc() == Child;
  if (const auto *While = P.get<WhileStmt>())
    return While->getBody() == Child;
  if (const auto *Do = P.get<DoStmt>())
    return Do->getBody() == Child;
  if (const auto *Range = P.get<CXXForRangeStmt>())
    return Range->getBody() == Child;
  return false;
}

llvm::SmallVector<const DeclRefExpr *, 8> usesOf(const VarDecl &V, ASTContext &Ctx) {
  llvm::SmallVector<const DeclRefExpr *, 8> Uses;
  const auto *Fn = dyn_cast<FunctionDecl>(V.getDeclContext());
  if (!Fn || !Fn->getBody())
    return Uses;
  for (const BoundNodes &N :
       match(findAll(declRefExpr(to(varDecl(equalsNode(&V)))).bind("use")), *Fn->getBody(), Ctx))
    Uses.push_back(N.getNodeAs<DeclRefExpr>("use"));
  return Uses;
}

// The parameter a call argument binds to, if known.
const ParmVarDecl *parameterFor(const CallExpr &Call, const Expr *Arg) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee)
    return nullptr;
  unsigned Shift = isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee) ? 1 : 0;
  for (unsigned I = Shift; I < Call.getNumArgs(); ++I)
    if (Call.getArg(I) == Arg)
      return I - Shift < Callee->getNumParams() ? Callee->getParamDecl(I - Shift) : nullptr;
  return nullptr;
}

bool isNonConstReference(QualType T) {
  return T->isReferenceType() && !T.getNonReferenceType().isConstQualified();
}

bool isIntegerIndexCall(const CXXOperatorCallExpr &Call) {
  for (unsigned I = 1; I < Call.getNumArgs(); ++I)
    if (!Call.getArg(I)->getType()->isIntegerType())
      return false;
  return true;
}

// Whether the result of an element access `y(i, j)` is only read or assigned to, so
// that no reference into the buffer outlives the expression.
bool elementAccessIsTransient(const Expr *Access, ASTContext &Ctx) {
  const Expr *Child = Access;
  DynTypedNode P = explicitParent(Child, Ctx);
  if (const auto *Cast = Child != Access ? dyn_cast<ImplicitCastExpr>(Child) : nullptr;
      Cast && Cast->getCastKind() == CK_LValueToRValue)
    return true;
  if (const auto *BO = P.get<BinaryOperator>())
    return BO->getLHS() == Child && BO->isAssignmentOp();
  if (const auto *UO = P.get<UnaryOperator>())
    return UO->isIncrementDecrementOp();
  return false;
}

// The call `v.method(...)` when P is the member expression `v.method` of a use of v.
const CXXMemberCallExpr *memberCallOn(const DynTypedNode &P, ASTContext &Ctx) {
  const auto *Member = P.get<MemberExpr>();
  if (!Member || !isa<CXXMethodDecl>(Member->getMemberDecl()))
    return nullptr;
  const Expr *Child = Member;
  return explicitParent(Child, Ctx).get<CXXMemberCallExpr>();
}

bool isReductionName(StringRef Name) {
  return llvm::is_contained({"sum", "prod", "mean", "var", "stddev", "min", "max", "argmin", "argmax",
                             "any", "all", "dot", "matmul"},
                            Name);
}

// One use of a handle that must not escape. True when the use provably keeps the
// buffer private.
bool useKeepsBufferPrivate(const DeclRefExpr *Use, const Expr *AllowedAssignment, ASTContext &Ctx) {
  if (Use->refersToEnclosingVariableOrCapture())
    return false;
  const Expr *Child = Use;
  DynTypedNode P = explicitParent(Child, Ctx);
  // A by-value argument: a copy of the handle that lives as long as the call; or the
  // copy (or implicit move) that `return y;` makes as the function ends.
  if (const auto *Copy = P.get<CXXConstructExpr>();
      Copy && Copy->getConstructor()->isCopyOrMoveConstructor()) {
    const Expr *CopyChild = Copy;
    DynTypedNode CopyParent = explicitParent(CopyChild, Ctx);
    if (CopyParent.get<ReturnStmt>())
      return true;
    if (!CopyParent.get<CallExpr>() || !Copy->getConstructor()->isCopyConstructor())
      return false;
    Child = CopyChild;
    P = CopyParent;
  }
  if (P.get<ReturnStmt>())
    return true;  // the function ends: nothing in it writes the buffer again
  if (const CXXMemberCallExpr *MC = memberCallOn(P, Ctx)) {
    const CXXMethodDecl *M = MC->getMethodDecl();
    return M && M->getDeclName().isIdentifier() &&
           llvm::is_contained({"shape", "size", "ndim", "strides", "empty", "is_contiguous", "writeable",
                               "item", "fill", "copy", "flatten", "astype", "require_writeable"},
                              M->getName());
  }
  const auto *Call = P.get<CallExpr>();
  if (!Call)
    return false;
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || !isInNdNamespace(Callee))
    return false;
  if (matchEagerOp(Call))
    return true;  // read into a fresh array
  if (const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(Call)) {
    bool IsObject = OpCall->getArg(0) == Child;
    switch (OpCall->getOperator()) {
    case OO_Equal:
      return IsObject && OpCall == skipImplicit(AllowedAssignment);
    case OO_PlusEqual: case OO_MinusEqual: case OO_StarEqual: case OO_SlashEqual:
      return !IsObject || isDiscarded(OpCall, Ctx);
    case OO_Call:
      return IsObject && isIntegerIndexCall(*OpCall) && elementAccessIsTransient(OpCall, Ctx);
    case OO_LessLess:
      return !IsObject;  // printing
    default:
      return false;
    }
  }
  if (!Callee->getDeclName().isIdentifier())
    return false;
  StringRef Name = Callee->getName();
  bool IsLastArg = Call->getNumArgs() > 1 && Call->getArg(Call->getNumArgs() - 1) == Child;
  if (Name == "copyto" || Name == "shares_memory" || Name == "save")
    return !Callee->getReturnType()->isReferenceType() && !isNdArray(Callee->getReturnType());
  if (isReductionName(Name))
    return Call->getArg(0) == Child || (IsLastArg && isDiscarded(Call, Ctx));
  // A ufunc's `out` form returns its `out` argument: keep the result unused.
  if (isUfuncName(Name))
    return !IsLastArg || isDiscarded(Call, Ctx);
  return false;
}

// One use of a handle. True when the use provably cannot rebind it.
bool useKeepsHandle(const DeclRefExpr *Use, ASTContext &Ctx) {
  if (Use->refersToEnclosingVariableOrCapture())
    return false;
  const Expr *Child = Use;
  DynTypedNode P = explicitParent(Child, Ctx);
  if (const auto *VD = P.get<VarDecl>())
    return !isNonConstReference(VD->getType());
  if (const auto *CE = P.get<CXXConstructExpr>()) {
    if (CE->getConstructor()->isCopyConstructor())
      return true;
    // `return y;` moves from y as the function ends: nothing sees y afterwards.
    const Expr *Construct = CE;
    return explicitParent(Construct, Ctx).get<ReturnStmt>() != nullptr;
  }
  if (P.get<ReturnStmt>())
    return true;
  if (P.get<MemberExpr>())
    return memberCallOn(P, Ctx) != nullptr;  // no named member rebinds
  const auto *Call = P.get<CallExpr>();
  if (!Call)
    return false;
  if (const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(Call);
      OpCall && OpCall->getArg(0) == Child && isa_and_nonnull<CXXMethodDecl>(OpCall->getDirectCallee()))
    // Member operators of nd::array: only assignment rebinds.
    return OpCall->getOperator() != OO_Equal && isNdArray(Child->getType());
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee)
    return false;
  // The nd runtime writes elements of its arguments but never rebinds a handle.
  if (isInNdNamespace(Callee))
    return true;
  const ParmVarDecl *Param = parameterFor(*Call, Child);
  return Param && !isNonConstReference(Param->getType()) && !Param->getType()->isPointerType();
}

// Whether Use is the object of a direct assignment `v = w;`, which rebinds v but makes
// no alias of it.
bool isAssignedObject(const DeclRefExpr *Use, ASTContext &Ctx) {
  const Expr *Child = Use;
  DynTypedNode P = explicitParent(Child, Ctx);
  const auto *OpCall = P.get<CXXOperatorCallExpr>();
  return OpCall && OpCall->getOperator() == OO_Equal && OpCall->getNumArgs() == 2 &&
         OpCall->getArg(0) == Child && isa_and_nonnull<CXXMethodDecl>(OpCall->getDirectCallee());
}

// Whether Node is Region or inside it (within Region's function).
bool isWithin(DynTypedNode Node, const Stmt &Region, ASTContext &Ctx) {
  for (;;) {
    if (Node.get<Stmt>() == &Region)
      return true;
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty() || Parents[0].get<FunctionDecl>())
      return false;
    Node = Parents[0];
  }
}

// Whether E names a local, non-reference variable of the function.
bool isLocalHandle(const Expr *E) {
  const VarDecl *V = referencedVar(E);
  return V && V->hasLocalStorage() && !V->getType()->isReferenceType();
}

} // namespace

std::optional<std::string> partialResultVisibleFrom(const Stmt *S, const VarDecl &Target,
                                                    ASTContext &Ctx) {
  // The statements that enclose the declaration of Target: reaching one of them from S
  // without crossing a try block or a lambda means only Target's own scope is left.
  llvm::SmallPtrSet<const void *, 16> DeclScopes;
  DynTypedNode Node = DynTypedNode::create(Target);
  for (;;) {
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty())
      break;
    Node = Parents[0];
    DeclScopes.insert(Node.getMemoizationData());
    if (Node.get<FunctionDecl>())
      break;
  }
  Node = DynTypedNode::create(*S);
  for (;;) {
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return std::string("its declaration is out of reach");
    Node = Parents[0];
    if (DeclScopes.contains(Node.getMemoizationData()))
      return std::nullopt;
    if (Node.get<CXXTryStmt>())
      return std::string("a handler of the enclosing try block could see it");
    if (Node.get<LambdaExpr>() || Node.get<BlockExpr>() || Node.get<FunctionDecl>())
      return std::string("it is declared outside the enclosing lambda");
  }
}

bool mayBeReboundIn(const VarDecl &V, const Stmt &Region, ASTContext &Ctx) {
  if (!V.hasLocalStorage() || V.getType()->isReferenceType() || !isNdArray(V.getType()))
    return true;
  for (const DeclRefExpr *Use : usesOf(V, Ctx)) {
    if (useKeepsHandle(Use, Ctx))
      continue;
    if (isWithin(DynTypedNode::create(*Use), Region, Ctx) || !isAssignedObject(Use, Ctx))
      return true;
  }
  return false;
}

bool mayRebindOtherHandles(const Stmt &Region, ASTContext &Ctx) {
  for (const BoundNodes &N : match(findAll(stmt(anyOf(callExpr().bind("call"), cxxConstructExpr().bind("construct"),
                                                      cxxDeleteExpr().bind("delete")))),
                                   Region, Ctx)) {
    if (N.getNodeAs<CXXDeleteExpr>("delete"))
      return true;
    if (const auto *Construct = N.getNodeAs<CXXConstructExpr>("construct")) {
      const CXXConstructorDecl *Ctor = Construct->getConstructor();
      if (!Ctor->isTrivial() && !isInNdNamespace(Ctor))
        return true;
      continue;
    }
    const auto *Call = N.getNodeAs<CallExpr>("call");
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return true;
    if (Callee->getBuiltinID() != 0)
      continue;
    if (!isInNdNamespace(Callee))
      return true;
    // The runtime rebinds no handle, except by assignment.
    if (const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(Call);
        OpCall && OpCall->getOperator() == OO_Equal && !isLocalHandle(OpCall->getArg(0)))
      return true;
  }
  return false;
}

bool mayBeRebound(const VarDecl &V, ASTContext &Ctx) {
  if (!V.hasLocalStorage() || V.getType()->isReferenceType() || !isNdArray(V.getType()))
    return true;
  for (const DeclRefExpr *Use : usesOf(V, Ctx))
    if (!useKeepsHandle(Use, Ctx))
      return true;
  return false;
}

bool reboundOnlyByAssignment(const VarDecl &V, ASTContext &Ctx,
                             llvm::SmallVectorImpl<const Expr *> &Values) {
  if (!V.hasLocalStorage() || V.getType()->isReferenceType() || !isNdArray(V.getType()))
    return false;
  for (const DeclRefExpr *Use : usesOf(V, Ctx)) {
    if (useKeepsHandle(Use, Ctx))
      continue;
    if (!isAssignedObject(Use, Ctx))
      return false;
    const Expr *Child = Use;
    Values.push_back(explicitParent(Child, Ctx).get<CXXOperatorCallExpr>()->getArg(1));
  }
  return true;
}

bool bufferMayEscape(const VarDecl &V, const Expr *AllowedAssignment, ASTContext &Ctx) {
  if (!V.hasLocalStorage() || isa<ParmVarDecl>(V) || V.getType()->isReferenceType() ||
      !isNdArray(V.getType()))
    return true;
  for (const DeclRefExpr *Use : usesOf(V, Ctx))
    if (!useKeepsBufferPrivate(Use, AllowedAssignment, Ctx))
      return true;
  return false;
}

} // namespace clang::tidy::nd_checks::array_expr
