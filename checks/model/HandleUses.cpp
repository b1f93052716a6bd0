#include "model/HandleUses.h"

#include "model/EagerOps.h"
#include "model/NdCalls.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"

namespace clang::tidy::nd_checks::model {

using utils::isInNdNamespace;
using utils::isNdArray;
using namespace ast_matchers;

namespace {

bool isNonConstReference(QualType T) {
  return T->isReferenceType() && !T.getNonReferenceType().isConstQualified();
}

HandleUse use(UseKind Kind, const Stmt *Where) { return {Kind, Where, nullptr, nullptr, false}; }

// Whether the value of the full expression E is thrown away (E is a statement of its own).
bool isDiscarded(const Expr *E, ASTContext &Ctx) {
  const Expr *Child = E;
  DynTypedNode P = utils::explicitParent(Child, Ctx);
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

// Whether the element reference `a(i, j)` ends with its expression: it is read, assigned
// to or incremented, or passed by reference to const to a call that returns no
// reference.
bool elementAccessIsTransient(const Expr *Access, ASTContext &Ctx) {
  const Expr *Child = Access;
  for (;;) {
    DynTypedNodeList Parents = Ctx.getParents(*Child);
    if (Parents.empty())
      return true;
    const auto *PE = Parents[0].get<Expr>();
    if (!PE)
      return Parents[0].get<Stmt>() != nullptr; // a discarded value
    if (isa<ParenExpr>(PE) ||
        (isa<ConditionalOperator>(PE) && cast<ConditionalOperator>(PE)->getCond() != Child)) {
      Child = PE;
      continue;
    }
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(PE))
      return Cast->getCastKind() == CK_LValueToRValue;
    if (const auto *BO = dyn_cast<BinaryOperator>(PE))
      return BO->getLHS() == Child ? BO->isAssignmentOp() : true;
    if (const auto *UO = dyn_cast<UnaryOperator>(PE))
      return UO->isIncrementDecrementOp();
    // std::max(a(i), 0.0): bound to a reference to const for the call only, unless the
    // call hands a reference back.
    if (const auto *Call = dyn_cast<CallExpr>(PE); Call && Call->getCallee() != Child) {
      const FunctionDecl *F = Call->getDirectCallee();
      bool ToConst = false;
      unsigned Shift = isa<CXXOperatorCallExpr>(Call) && isa_and_nonnull<CXXMethodDecl>(F) ? 1 : 0;
      for (unsigned I = Shift; F && I < Call->getNumArgs(); ++I)
        if (Call->getArg(I) == Child && I - Shift < F->getNumParams()) {
          QualType Param = F->getParamDecl(I - Shift)->getType();
          ToConst = !Param->isReferenceType() || Param.getNonReferenceType().isConstQualified();
        }
      if (!F || !ToConst)
        return false;
      if (!F->getReturnType()->isReferenceType())
        return true;
      Child = Call;
      continue;
    }
    return false;
  }
}

} // namespace

const CXXOperatorCallExpr *assignmentThroughIndex(const Expr *E, ASTContext &Ctx) {
  const Expr *Child = E;
  for (;;) {
    DynTypedNodeList Parents = Ctx.getParents(*Child);
    const auto *PE = Parents.empty() ? nullptr : Parents[0].get<Expr>();
    if (!PE)
      return nullptr;
    if (isa<ParenExpr, ImplicitCastExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr>(PE)) {
      Child = PE;
      continue;
    }
    const auto *Op = dyn_cast<CXXOperatorCallExpr>(PE);
    return Op && Op->isAssignmentOp() && Op->getNumArgs() > 0 && Op->getArg(0) == Child ? Op
                                                                                        : nullptr;
  }
}

namespace {

// Assignment through indexing writes the indexed array's elements (nd/array.hpp: the
// temporary a(...) returns writes into a, as NumPy's __setitem__): a write that keeps
// nothing when its result is unused.
HandleUse indexedAssignmentUse(const CXXOperatorCallExpr *Assign, ASTContext &Ctx) {
  return use(isDiscarded(Assign, Ctx) ? UseKind::ElementWrite : UseKind::Escapes, Assign);
}

// The handle as the object of a member function of nd::array.
HandleUse methodUse(const CXXMethodDecl *MD, const CallExpr *Call, ASTContext &Ctx) {
  if (!isInNdNamespace(MD))
    return use(UseKind::Unknown, Call);
  QualType R = MD->getReturnType();
  if (MD->getOverloadedOperator() == OO_Equal) {
    // The rvalue-qualified `=` is assignment through a view being followed (the
    // handle is a temporary): it writes the elements, it rebinds nothing.
    if (MD->getRefQualifier() == RQ_RValue) {
      const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
      return Op ? indexedAssignmentUse(Op, Ctx) : use(UseKind::Unknown, Call);
    }
    HandleUse U = use(UseKind::Rebind, Call);
    U.Value = Call->getNumArgs() > 1 ? Call->getArg(1) : nullptr;
    return U;
  }
  if (MD->getOverloadedOperator() == OO_Call) {
    if (isNdArray(R))
      if (const CXXOperatorCallExpr *Assign = assignmentThroughIndex(Call, Ctx))
        return indexedAssignmentUse(Assign, Ctx);
    if (R->isLValueReferenceType()) {
      if (R.getNonReferenceType().isConstQualified())
        return use(UseKind::Read, Call);
      HandleUse U = use(UseKind::ElementAccess, Call);
      U.Kept = !elementAccessIsTransient(Call, Ctx);
      return U;
    }
    if (isNdArray(R)) // a gather copies, basic indexing makes a view
      return use(originOf(Call) == ArrayOrigin::Fresh ? UseKind::Read : UseKind::View, Call);
    return use(UseKind::Read, Call);
  }
  if (MD->getIdentifier()) {
    llvm::StringRef Name = MD->getName();
    if (llvm::is_contained({"copy", "flatten", "astype", "shape", "size", "ndim", "item", "empty",
                            "writeable", "require_writeable"},
                           Name))
      return use(UseKind::Read, Call);
    if (Name == "fill")
      return use(UseKind::ElementWrite, Call);
    if (Name == "data" && !MD->isConst())
      return use(UseKind::Escapes, Call); // a pointer that can write the elements
    if (llvm::is_contained({"data", "strides", "is_contiguous"}, Name))
      return use(UseKind::LayoutObserved, Call);
    if (isNdArray(R)) // reshape, ravel, T
      return use(UseKind::View, Call);
  }
  return use(MD->isConst() ? UseKind::Read : UseKind::Unknown, Call);
}

// The handle Arg as an argument of a call or construction.
HandleUse argumentUse(const Expr *CallLike, const Expr *Arg, ASTContext &Ctx) {
  const FunctionDecl *Callee = nullptr;
  unsigned Shift = 0;
  llvm::ArrayRef<const Expr *> Args;
  const auto *Call = dyn_cast<CallExpr>(CallLike);
  if (Call) {
    Callee = Call->getDirectCallee();
    Args = llvm::ArrayRef(Call->getArgs(), Call->getNumArgs());
    if (isa<CXXOperatorCallExpr>(Call) && isa_and_nonnull<CXXMethodDecl>(Callee)) {
      Shift = 1;
      // `other = a`: the handle is stored in another one.
      if (cast<CXXOperatorCallExpr>(Call)->getOperator() == OO_Equal)
        return use(UseKind::Escapes, CallLike);
    }
  } else {
    const auto *Construct = cast<CXXConstructExpr>(CallLike);
    Callee = Construct->getConstructor();
    Args = llvm::ArrayRef(Construct->getArgs(), Construct->getNumArgs());
  }
  if (!Callee)
    return use(UseKind::Alias, CallLike); // an indirect call may take it by reference
  unsigned Index = 0;
  while (Index < Args.size() && Args[Index] != Arg)
    ++Index;
  if (Index < Shift || Index - Shift >= Callee->getNumParams())
    return use(UseKind::Alias, CallLike); // C variadic or not found
  QualType Param = Callee->getParamDecl(Index - Shift)->getType();
  if (!isInNdNamespace(Callee)) {
    if (isNonConstReference(Param))
      return use(UseKind::Alias, CallLike);
    bool ToConst = Param->isReferenceType() && Call;
    return use(ToConst ? UseKind::Lent : UseKind::Escapes, CallLike);
  }
  // The runtime keeps no handle it is passed, but may write through it or return it.
  if (!Call)
    return use(UseKind::Escapes, CallLike);
  if (Callee->getIdentifier() && Callee->getName() == "shares_memory")
    return use(UseKind::LayoutObserved, CallLike);
  if (array_expr::matchEagerOp(Call))
    return use(UseKind::Read, CallLike); // read into a new array
  QualType R = Callee->getReturnType();
  bool Writes = isNonConstReference(Param) || (!Param->isReferenceType() && isNdArray(Param));
  if (!Writes) // a reference returned is the `out` argument, another one
    return use(!R->isReferenceType() && isNdArray(R) && originOf(Call) != ArrayOrigin::Fresh
                   ? UseKind::View
                   : UseKind::Read,
               CallLike);
  // An `out` (or a += left operand) the call may hand back: kept if the result is used.
  bool MayReturnIt = R->isReferenceType() || (isNdArray(R) && originOf(Call) != ArrayOrigin::Fresh);
  return use(!MayReturnIt || isDiscarded(Call, Ctx) ? UseKind::ElementWrite : UseKind::Escapes,
             CallLike);
}

// The handle initialises the variable VD; Copied: through a copy of the handle.
HandleUse bindingUse(const VarDecl *VD, const Expr *Child, bool Copied) {
  QualType T = VD->getType();
  bool Local = VD->hasLocalStorage() && !isa<ParmVarDecl>(VD);
  HandleUse U = use(UseKind::Escapes, Child);
  if (isNonConstReference(T) && !Copied)
    U.Kind = UseKind::Alias;
  else if (Local && isNdArray(T))
    U.Kind = UseKind::Copy;
  if (Local)
    U.Name = VD;
  return U;
}

} // namespace

namespace {

HandleUse classifyInPlace(const Expr *E, ASTContext &Ctx);

// How the lambdas between Ref (in a lambda's body) and its variable's function
// capture that variable: what each one's captures() say, not its default capture.
struct CaptureChain {
  bool Found = false;  // some lambda captures it
  bool ByCopy = false; // some lambda holds a copy of the handle, not the variable
  const LambdaExpr *Innermost = nullptr;
};

CaptureChain capturesOf(const DeclRefExpr *Ref, ASTContext &Ctx) {
  CaptureChain Chain;
  DynTypedNode Node = DynTypedNode::create(*Ref);
  for (;;) {
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return Chain;
    Node = Parents[0];
    // The body is reached through the closure's call operator or the LambdaExpr.
    if (const auto *Fn = Node.get<FunctionDecl>()) {
      const auto *MD = dyn_cast<CXXMethodDecl>(Fn);
      if (!MD || !MD->getParent()->isLambda())
        return Chain;
    }
    const auto *Lambda = Node.get<LambdaExpr>();
    if (!Lambda)
      continue;
    for (const LambdaCapture &C : Lambda->captures())
      if (C.capturesVariable() && C.getCapturedVar() == Ref->getDecl()) {
        Chain.Found = true;
        Chain.ByCopy |= C.getCaptureKind() == LCK_ByCopy;
        if (!Chain.Innermost)
          Chain.Innermost = Lambda;
      }
  }
}

// A use of a captured variable inside a lambda, which may run at any later time. A
// copy captured cannot rebind the variable, but shares its buffer. Through a capture
// by reference only reads are followed: what else the body does (write, rebind, keep)
// happens when the lambda is called, which this walk does not follow.
HandleUse capturedUse(const DeclRefExpr *Ref, ASTContext &Ctx) {
  CaptureChain Chain = capturesOf(Ref, Ctx);
  if (!Chain.Found)
    return use(UseKind::Unknown, Ref);
  if (Chain.ByCopy)
    return use(UseKind::Escapes, Ref);
  HandleUse Inner = classifyInPlace(Ref, Ctx);
  if (Inner.Kind == UseKind::Read)
    return Inner;
  if (Inner.Kind == UseKind::ElementAccess && !Inner.Kept && Chain.Innermost->getBody() &&
      !ExprMutationAnalyzer(*Chain.Innermost->getBody(), Ctx).isMutated(cast<Expr>(Inner.Where)))
    return use(UseKind::Read, Inner.Where); // an element read
  return use(UseKind::Unknown, Ref);
}

} // namespace

HandleUse classifyUse(const Expr *E, ASTContext &Ctx) {
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E); Ref && Ref->refersToEnclosingVariableOrCapture())
    return capturedUse(Ref, Ctx);
  return classifyInPlace(E, Ctx);
}

namespace {

// The use E makes where it stands, as if it were not inside a lambda.
HandleUse classifyInPlace(const Expr *E, ASTContext &Ctx) {
  const Expr *Child = E;
  bool Copied = false; // the walk passed a copy of the handle
  for (;;) {
    DynTypedNodeList Parents = Ctx.getParents(*Child);
    if (Parents.empty())
      return use(UseKind::Unknown, Child);
    const DynTypedNode &P = Parents[0];
    if (const auto *VD = P.get<VarDecl>())
      return bindingUse(VD, Child, Copied);
    const auto *PE = P.get<Expr>();
    if (!PE) {
      if (const auto *Return = P.get<ReturnStmt>())
        return use(UseKind::Returned, Return);
      if (P.get<CXXForRangeStmt>() || !P.get<Stmt>())
        return use(UseKind::Unknown, Child);
      return use(UseKind::Read, Child); // a discarded value, a condition
    }
    if (isa<ParenExpr, ImplicitCastExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
            ExprWithCleanups, ConstantExpr>(PE)) {
      Child = PE;
      continue;
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(PE);
        Construct && Construct->getNumArgs() == 1 && Construct->getArg(0) == Child &&
        Construct->getConstructor()->isCopyOrMoveConstructor() && isNdArray(Construct->getType())) {
      Copied = true; // another handle of the same buffer
      Child = PE;
      continue;
    }
    if (Copied && !isa<CallExpr>(PE))
      return use(UseKind::Escapes, PE); // the copy is kept: a capture, a member
    if (const auto *ME = dyn_cast<MemberExpr>(PE); ME && ME->getBase() == Child) {
      const auto *MD = dyn_cast<CXXMethodDecl>(ME->getMemberDecl());
      DynTypedNodeList CallParents = Ctx.getParents(*ME);
      const auto *Call = CallParents.empty() ? nullptr : CallParents[0].get<CXXMemberCallExpr>();
      return MD && Call ? methodUse(MD, Call, Ctx) : use(UseKind::Unknown, PE);
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(PE);
        Op && Op->getNumArgs() > 0 && Op->getArg(0) == Child)
      if (const auto *MD = dyn_cast_or_null<CXXMethodDecl>(Op->getDirectCallee()))
        return methodUse(MD, Op, Ctx);
    if (isa<CallExpr, CXXConstructExpr>(PE))
      return argumentUse(PE, Child, Ctx);
    if (const auto *UO = dyn_cast<UnaryOperator>(PE); UO && UO->getOpcode() == UO_AddrOf)
      return use(UseKind::Alias, PE);
    if (isa<UnaryExprOrTypeTraitExpr>(PE))
      return use(UseKind::Read, PE); // sizeof: unevaluated
    // Captured by reference: the closure refers to the variable, and each use it
    // makes is a reference in its body, classified on its own (capturedUse).
    if (isa<LambdaExpr>(PE))
      return use(UseKind::Read, PE);
    return use(UseKind::Unknown, PE);
  }
}

} // namespace

llvm::SmallVector<const DeclRefExpr *, 8> referencesTo(const VarDecl &V, const Stmt &Body,
                                                       ASTContext &Ctx) {
  llvm::SmallVector<const DeclRefExpr *, 8> Refs;
  for (const BoundNodes &N :
       match(findAll(declRefExpr(to(varDecl(equalsNode(&V)))).bind("ref")), Body, Ctx))
    Refs.push_back(N.getNodeAs<DeclRefExpr>("ref"));
  return Refs;
}

const Stmt *functionBodyOf(const VarDecl &V) {
  const auto *Fn = dyn_cast<FunctionDecl>(V.getDeclContext());
  return Fn ? Fn->getBody() : nullptr;
}

} // namespace clang::tidy::nd_checks::model
