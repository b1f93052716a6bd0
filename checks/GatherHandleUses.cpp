#include "GatherHandleUses.h"

#include "ClangCompat.h"
#include "NdGatherAst.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"

namespace clang::tidy::nd_checks::gather_downsampling {

using namespace ast_matchers;

// Views and copies deeper than this are treated as escaping (and cycles of copies end).
static constexpr unsigned MaxAliasDepth = 8;

HandleUseAnalysis::HandleUseAnalysis(const Stmt &Body, ASTContext &Ctx)
    : Body(Body), Ctx(Ctx), Mutations(Body, Ctx) {}

std::vector<const DeclRefExpr *> HandleUseAnalysis::referencesTo(const VarDecl *V) {
  std::vector<const DeclRefExpr *> Refs;
  for (const BoundNodes &N : match(findAll(declRefExpr(to(varDecl(equalsNode(V)))).bind("ref")), Body, Ctx))
    Refs.push_back(N.getNodeAs<DeclRefExpr>("ref"));
  return Refs;
}

bool HandleUseAnalysis::inWindow(SourceLocation Loc, SourceRange Window) const {
  if (Window.isInvalid())
    return true;
  const SourceManager &SM = Ctx.getSourceManager();
  Loc = SM.getExpansionLoc(Loc);
  return !SM.isBeforeInTranslationUnit(Loc, SM.getExpansionLoc(Window.getBegin())) &&
         !SM.isBeforeInTranslationUnit(SM.getExpansionRange(Window.getEnd()).getEnd(), Loc);
}

// Nodes that pass a handle through unchanged: parentheses, implicit casts, temporaries,
// and copies of the handle (a copy shares the buffer).
static bool isHandleWrapper(const Expr *Parent, const Expr *Child) {
  if (isa<ParenExpr, ImplicitCastExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr, ExprWithCleanups,
          ConstantExpr>(Parent))
    return true;
  if (const auto *CE = dyn_cast<CXXConstructExpr>(Parent))
    return CE->getNumArgs() == 1 && CE->getArg(0) == Child && CE->getConstructor()->isCopyOrMoveConstructor() &&
           isNdArrayType(CE->getType());
  return false;
}

static HandleUse found(UseKind Kind, const Stmt *Where) { return {Kind, Where, false}; }

HandleUse HandleUseAnalysis::classifyVar(const VarDecl *V, SourceRange Window, unsigned Depth) {
  if (!Visiting.insert(V).second)
    return {};
  HandleUse First;
  for (const DeclRefExpr *Ref : referencesTo(V)) {
    HandleUse U = classify(Ref, Window, Depth, inWindow(Ref->getBeginLoc(), Window));
    if (!U.isRead()) {
      First = U;
      break;
    }
  }
  Visiting.erase(V);
  return First;
}

HandleUse HandleUseAnalysis::useOfVar(const VarDecl *V, SourceRange Window) { return classifyVar(V, Window, 0); }

HandleUse HandleUseAnalysis::useOfExpr(const Expr *E, SourceRange Window) {
  return classify(E, Window, 0, inWindow(E->getBeginLoc(), Window));
}

HandleUse HandleUseAnalysis::classify(const Expr *E, SourceRange Window, unsigned Depth, bool InWindow) {
  if (Depth > MaxAliasDepth)
    return found(UseKind::Escapes, E);
  const Expr *Child = E;
  for (;;) {
    DynTypedNodeList Parents = Ctx.getParents(*Child);
    if (Parents.empty())
      return {};
    const DynTypedNode &Parent = Parents[0];
    if (const auto *PE = Parent.get<Expr>()) {
      if (isHandleWrapper(PE, Child)) {
        Child = PE;
        continue;
      }
      // a.member(...)
      if (const auto *ME = dyn_cast<MemberExpr>(PE); ME && ME->getBase() == Child) {
        const auto *MD = dyn_cast<CXXMethodDecl>(ME->getMemberDecl());
        DynTypedNodeList CallParents = Ctx.getParents(*ME);
        const auto *Call = CallParents.empty() ? nullptr : CallParents[0].get<CXXMemberCallExpr>();
        if (!MD || !Call)
          return found(UseKind::Escapes, PE);
        return methodUse(MD, Call, Window, Depth, InWindow);
      }
      // a(...), a += b, a = b: member operators with the handle as object.
      if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(PE);
          Op && Op->getNumArgs() > 0 && Op->getArg(0) == Child) {
        if (const auto *MD = dyn_cast_or_null<CXXMethodDecl>(Op->getDirectCallee()))
          return methodUse(MD, Op, Window, Depth, InWindow);
      }
      if (isa<CallExpr, CXXConstructExpr>(PE))
        return argumentUse(PE, Child, InWindow);
      if (const auto *UO = dyn_cast<UnaryOperator>(PE); UO && UO->getOpcode() == UO_AddrOf)
        return found(UseKind::Escapes, PE);
      if (isa<UnaryExprOrTypeTraitExpr>(PE))
        return {}; // sizeof: unevaluated
      return found(UseKind::Escapes, PE);
    }
    if (const auto *VD = Parent.get<VarDecl>()) {
      // A local copy or reference: another name for the same buffer.
      if (VD->getInit() && VD->hasLocalStorage() && !isa<ParmVarDecl>(VD) &&
          (isNdArrayType(VD->getType())))
        return classifyVar(VD, Window, Depth + 1);
      return found(UseKind::Escapes, Child);
    }
    if (Parent.get<ReturnStmt>() || Parent.get<CXXForRangeStmt>())
      return found(UseKind::Escapes, Parent.get<Stmt>());
    if (Parent.get<Stmt>())
      return {}; // a discarded value, a condition
    return found(UseKind::Escapes, Child);
  }
}

// Whether the element reference `a(i, j)` is only read, assigned to or incremented
// within its expression, so that no reference to the element outlives it.
bool HandleUseAnalysis::elementAccessIsTransient(const Expr *Access) {
  const Expr *Child = Access;
  for (;;) {
    DynTypedNodeList Parents = Ctx.getParents(*Child);
    if (Parents.empty())
      return true;
    const auto *PE = Parents[0].get<Expr>();
    if (!PE)
      return Parents[0].get<Stmt>() != nullptr; // a discarded value
    if (isa<ParenExpr>(PE)) {
      Child = PE;
      continue;
    }
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(PE))
      return Cast->getCastKind() == CK_LValueToRValue;
    if (const auto *BO = dyn_cast<BinaryOperator>(PE))
      return BO->getLHS() == Child ? BO->isAssignmentOp() : true;
    if (const auto *UO = dyn_cast<UnaryOperator>(PE))
      return UO->isIncrementDecrementOp();
    return false;
  }
}

// Whether a member operator() call indexes with an index array (a copy) rather than
// taking a view or an element.
static bool isAdvancedIndexCall(const CallExpr *Call) {
  const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
  if (!Op || Op->getOperator() != OO_Call)
    return false;
  for (unsigned I = 1; I < Op->getNumArgs(); ++I)
    if (isNdArrayType(Op->getArg(I)->getType()) || isIxType(Op->getArg(I)->getType()))
      return true;
  return false;
}

HandleUse HandleUseAnalysis::methodUse(const CXXMethodDecl *MD, const CallExpr *Call, SourceRange Window,
                                       unsigned Depth, bool InWindow) {
  if (!isNdArrayType(compat::recordType(Ctx, MD->getParent())))
    return found(UseKind::Escapes, Call);
  if (MD->getOverloadedOperator() == OO_Call) {
    if (isAdvancedIndexCall(Call))
      return {}; // a gather reads into a new array
    QualType R = MD->getReturnType();
    if (R->isLValueReferenceType()) {
      if (R.getNonReferenceType().isConstQualified())
        return {};
      // a(i, j) on a non-const array yields T&: a write only if that element is modified.
      if (InWindow)
        return Mutations.isMutated(Call) ? found(UseKind::Written, Call) : HandleUse{};
      // Before the window only a reference kept beyond the expression matters.
      return elementAccessIsTransient(Call) ? HandleUse{} : found(UseKind::Escapes, Call);
    }
    if (isNdArrayType(R))
      return classify(Call, Window, Depth + 1, InWindow); // a view
    return {};
  }
  if (MD->getIdentifier()) {
    llvm::StringRef Name = MD->getName();
    if (llvm::is_contained({"copy", "flatten", "astype", "shape", "size", "ndim", "item", "empty", "writeable",
                            "require_writeable"},
                           Name))
      return {};
    if (Name == "data" && !MD->isConst())
      return found(UseKind::Escapes, Call); // a pointer that can write the elements
    if (llvm::is_contained({"data", "strides", "is_contiguous"}, Name))
      return InWindow ? found(UseKind::LayoutObserved, Call) : HandleUse{};
    if (isNdArrayType(MD->getReturnType()) && MD->isConst())
      return classify(Call, Window, Depth + 1, InWindow); // reshape, ravel, T: views
  }
  // fill, compound assignment, assignment (which rebinds the handle) and anything
  // else non-const.
  if (MD->isConst())
    return {};
  return InWindow ? found(UseKind::Written, Call) : HandleUse{};
}

HandleUse HandleUseAnalysis::argumentUse(const Expr *CallLike, const Expr *Arg, bool InWindow) {
  const FunctionDecl *Callee = nullptr;
  unsigned Shift = 0;
  llvm::ArrayRef<const Expr *> Args;
  if (const auto *Call = dyn_cast<CallExpr>(CallLike)) {
    Callee = Call->getDirectCallee();
    Args = llvm::ArrayRef(Call->getArgs(), Call->getNumArgs());
    if (isa<CXXOperatorCallExpr>(Call) && isa_and_nonnull<CXXMethodDecl>(Callee)) {
      Shift = 1;
      // `other = a`: the handle is stored in another one.
      if (cast<CXXOperatorCallExpr>(Call)->getOperator() == OO_Equal)
        return found(UseKind::Escapes, CallLike);
    }
  } else {
    const auto *Construct = cast<CXXConstructExpr>(CallLike);
    Callee = Construct->getConstructor();
    Args = llvm::ArrayRef(Construct->getArgs(), Construct->getNumArgs());
  }
  if (!Callee)
    return found(UseKind::Escapes, CallLike);
  unsigned Index = 0;
  while (Index < Args.size() && Args[Index] != Arg)
    ++Index;
  if (Index < Shift || Index - Shift >= Callee->getNumParams())
    return found(UseKind::Escapes, CallLike); // C variadic or not found
  const bool InNd = isInNdNamespace(Callee);
  if (InNd && Callee->getIdentifier() && Callee->getName() == "shares_memory")
    return InWindow ? found(UseKind::LayoutObserved, CallLike) : HandleUse{};
  QualType Param = Callee->getParamDecl(Index - Shift)->getType();
  if (Param->isLValueReferenceType() && Param.getNonReferenceType().isConstQualified())
    return {}; // read-only access (the runtime's API is const-correct)
  if (InNd && (Param->isReferenceType() || isNdArrayType(Param)))
    // nd functions write through a non-const array (`out`, copyto's destination) but
    // never keep it.
    return InWindow ? found(UseKind::Written, CallLike) : HandleUse{};
  return found(UseKind::Escapes, CallLike);
}

bool HandleUseAnalysis::mayBeRebound(const VarDecl *V) {
  if (!V->hasLocalStorage())
    return true;
  QualType T = V->getType();
  if (T->isReferenceType() && !T.getNonReferenceType().isConstQualified())
    return true;
  for (const DeclRefExpr *Ref : referencesTo(V)) {
    const Expr *Child = Ref;
    for (;;) {
      DynTypedNodeList Parents = Ctx.getParents(*Child);
      if (Parents.empty())
        break;
      const auto *PE = Parents[0].get<Expr>();
      if (PE && isa<ParenExpr, ImplicitCastExpr, MaterializeTemporaryExpr>(PE)) {
        Child = PE;
        continue;
      }
      if (const auto *VD = Parents[0].get<VarDecl>()) {
        if (VD->getType()->isReferenceType() && !VD->getType().getNonReferenceType().isConstQualified())
          return true;
        break;
      }
      if (!PE)
        break;
      if (const auto *UO = dyn_cast<UnaryOperator>(PE); UO && UO->getOpcode() == UO_AddrOf)
        return true;
      if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(PE); Op && Op->getArg(0) == Child &&
                                                             isa_and_nonnull<CXXMethodDecl>(Op->getDirectCallee())) {
        if (Op->getOperator() == OO_Equal)
          return true;
        break;
      }
      if (isa<MemberExpr>(PE))
        break; // no member of nd::array but operator= rebinds
      if (const auto *Call = dyn_cast<CallExpr>(PE)) {
        const FunctionDecl *Callee = Call->getDirectCallee();
        if (!Callee)
          return true;
        if (isInNdNamespace(Callee))
          break; // the runtime writes elements, never rebinds a handle
        unsigned Shift = isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee) ? 1 : 0;
        for (unsigned I = Shift; I < Call->getNumArgs(); ++I) {
          if (Call->getArg(I) != Child)
            continue;
          if (I - Shift >= Callee->getNumParams())
            return true;
          QualType Param = Callee->getParamDecl(I - Shift)->getType();
          if (Param->isReferenceType() && !Param.getNonReferenceType().isConstQualified())
            return true;
        }
        break;
      }
      break;
    }
  }
  return false;
}

const Stmt *HandleUseAnalysis::findOpaqueCall(SourceRange Window) {
  for (const BoundNodes &N : match(findAll(callExpr().bind("call")), Body, Ctx)) {
    const auto *Call = N.getNodeAs<CallExpr>("call");
    if (!inWindow(Call->getBeginLoc(), Window))
      continue;
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return Call;
    if (isInNdNamespace(Callee))
      continue;
    if (const auto *MD = dyn_cast<CXXMethodDecl>(Callee); MD && MD->getParent()->isLambda())
      continue; // its body is part of this function and analysed with it
    if (Callee->isInStdNamespace()) {
      // std::function and the like call arbitrary code.
      const auto *MD = dyn_cast<CXXMethodDecl>(Callee);
      if (!MD || MD->getOverloadedOperator() != OO_Call)
        continue;
    }
    return Call;
  }
  return nullptr;
}

} // namespace clang::tidy::nd_checks::gather_downsampling
