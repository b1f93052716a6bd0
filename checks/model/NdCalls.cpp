#include "model/NdCalls.h"
#include "model/NdFunctions.h"

#include "model/EagerOps.h"
#include "utils/NdDecls.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::nd_checks::model {

using utils::isInNdNamespace;
using utils::isNdArray;
using utils::skipImplicit;

namespace {

bool named(const NamedDecl *D, std::initializer_list<llvm::StringRef> Names) {
  return D && D->getDeclName().isIdentifier() && llvm::is_contained(Names, D->getName());
}

// Whether D is a function the table Is names.
bool named(const NamedDecl *D, bool (*Is)(llvm::StringRef)) {
  return D && D->getDeclName().isIdentifier() && Is(D->getName());
}

// A copy or move of another expression of the same class (pre-C++17 forms, and the
// copies a by-value return makes), which hands back what its argument hands back.
const Expr *skipTemporaryCopies(const Expr *E) {
  for (;;) {
    E = skipImplicit(E);
    const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(E);
    if (!Construct || Construct->getNumArgs() != 1 ||
        !Construct->getConstructor()->isCopyOrMoveConstructor() ||
        !isa<MaterializeTemporaryExpr>(Construct->getArg(0)->IgnoreParens()))
      return E;
    E = Construct->getArg(0);
  }
}

// The form of a function with `out` (its last parameter), which returns out's buffer.
bool writesIntoOut(const FunctionDecl *F, const FunctionInfo &Info) {
  if (!Info.HasOutForm || F->getNumParams() == 0)
    return false;
  const ParmVarDecl *Last = F->getParamDecl(F->getNumParams() - 1);
  return Last->getDeclName().isIdentifier() && Last->getName() == "out";
}

ArrayOrigin originOfMemberCall(const CXXMemberCallExpr *Member) {
  const CXXMethodDecl *M = Member->getMethodDecl();
  if (!M)
    return ArrayOrigin::Unknown;
  if (isNdArray(Member->getObjectType())) {
    if (named(M, isCopyingArrayMethod))
      return ArrayOrigin::Fresh;
    // reshape is a view when the strides allow it, else a copy: not known here.
    if (named(M, isReshapingArrayMethod))
      return M->getName() == "T" ? ArrayOrigin::View : ArrayOrigin::Unknown;
    return ArrayOrigin::Unknown;
  }
  // nd::random's generators return new arrays.
  const auto *NS = dyn_cast<NamespaceDecl>(M->getParent()->getDeclContext());
  if (NS && NS->getName() == "random" && isInNdNamespace(NS) && isNdArray(Member->getType()))
    return ArrayOrigin::Fresh;
  return ArrayOrigin::Unknown;
}

ArrayOrigin originOfOperatorCall(const CXXOperatorCallExpr *Op) {
  const FunctionDecl *F = Op->getDirectCallee();
  if (!F || !isInNdNamespace(F))
    return ArrayOrigin::Unknown;
  if (Op->getOperator() == OO_Call && isa<CXXMethodDecl>(F)) {
    // a(...): an element (not an array), a view by basic indexing, or a copy when an
    // index is an array or nd::ix (advanced indexing).
    for (unsigned I = 1; I < Op->getNumArgs(); ++I)
      if (isNdArray(Op->getArg(I)->getType()) || utils::isIxType(Op->getArg(I)->getType()))
        return ArrayOrigin::Fresh;
    return ArrayOrigin::View;
  }
  // Operators return new arrays (or a temporary operand they computed into, which is
  // as private); compound assignment returns its left operand.
  if (isa<CXXMethodDecl>(F))
    return ArrayOrigin::Unknown;
  switch (Op->getOperator()) {
  case OO_PlusEqual:
  case OO_MinusEqual:
  case OO_StarEqual:
  case OO_SlashEqual: return ArrayOrigin::View;
  default:
    return isNdArray(Op->getType()) && !Op->getType()->isReferenceType() ? ArrayOrigin::Fresh
                                                                         : ArrayOrigin::Unknown;
  }
}

ArrayOrigin originOfCall(const CallExpr *Call) {
  const FunctionDecl *F = Call->getDirectCallee();
  if (!F || !isInNdNamespace(F) || Call->getType()->isReferenceType())
    return ArrayOrigin::Unknown;
  if (matchReduction(Call) || array_expr::matchEagerOp(Call))
    return ArrayOrigin::Fresh;
  if (!F->getDeclName().isIdentifier())
    return ArrayOrigin::Unknown;
  // Every other public function is a row of nd/functions.def, which says what it
  // returns; a name missing there is not nd's (check_tables.py keeps the table whole).
  std::optional<FunctionInfo> Info = functionInfo(F->getName());
  if (!Info || writesIntoOut(F, *Info))
    return ArrayOrigin::Unknown;
  switch (Info->Result) {
  case CallResult::Fresh: return ArrayOrigin::Fresh;
  case CallResult::View: return ArrayOrigin::View;
  default: return ArrayOrigin::Unknown; // mixed, dest, value
  }
}

} // namespace

ArrayOrigin originOf(const Expr *E) {
  E = skipTemporaryCopies(E);
  if (!E || !isNdArray(E->getType()))
    return ArrayOrigin::Unknown;
  if (isa<DeclRefExpr, MemberExpr>(E))
    return ArrayOrigin::View;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E))
    return originOfMemberCall(Member);
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E))
    return originOfOperatorCall(Op);
  if (const auto *Call = dyn_cast<CallExpr>(E))
    return originOfCall(Call);
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    // nd::array's list and shape constructors allocate; copies share.
    return Construct->getConstructor()->isCopyOrMoveConstructor() ? ArrayOrigin::View
                                                                  : ArrayOrigin::Fresh;
  return ArrayOrigin::Unknown;
}

bool isKeepDimsTag(const Expr *E) {
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenImpCasts() : nullptr);
  return Ref && named(Ref->getDecl(), {"keepdims"}) && isInNdNamespace(Ref->getDecl());
}

llvm::SmallVector<const Expr *, 4> listedItems(const Expr *E) {
  E = skipImplicit(E);
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
      Construct && Construct->getNumArgs() == 1)
    E = skipImplicit(Construct->getArg(0));
  if (const auto *Std = dyn_cast<CXXStdInitializerListExpr>(E))
    E = skipImplicit(Std->getSubExpr());
  llvm::SmallVector<const Expr *, 4> Items;
  if (const auto *List = dyn_cast<InitListExpr>(E))
    Items.append(List->inits().begin(), List->inits().end());
  else
    Items.push_back(E);
  return Items;
}

std::optional<llvm::SmallVector<int64_t, 4>> constantIntegers(const Expr *E,
                                                              const ASTContext &Ctx) {
  llvm::SmallVector<int64_t, 4> Values;
  for (const Expr *Item : listedItems(E)) {
    std::optional<int64_t> Value = utils::integerConstant(Item, Ctx);
    if (!Value || *Value < 0)
      return std::nullopt;
    Values.push_back(*Value);
  }
  return Values;
}

namespace {

// The axes a constant axis argument names: `1`, `{0, 2}`. Negative axes depend on
// the array's rank and are not resolved here.
bool constantAxes(const Expr *Axis, const ASTContext &Ctx, llvm::SmallVectorImpl<unsigned> &Axes) {
  std::optional<llvm::SmallVector<int64_t, 4>> Values = constantIntegers(Axis, Ctx);
  if (!Values)
    return false;
  for (int64_t Value : *Values)
    Axes.push_back(static_cast<unsigned>(Value));
  llvm::sort(Axes);
  return !Axes.empty() && std::adjacent_find(Axes.begin(), Axes.end()) == Axes.end();
}

} // namespace

std::optional<ReductionCall> matchReduction(const Expr *E) {
  const auto *Call = dyn_cast_or_null<CallExpr>(skipImplicit(E));
  if (!Call || Call->getNumArgs() == 0)
    return std::nullopt;
  // The reductions are function objects in nd (nd::all is also the slicing tag):
  // nd::sum(a, ...) is a call of their operator().
  const FunctionDecl *F = Call->getDirectCallee();
  unsigned First = 0;
  llvm::StringRef Name;
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call); Op && Op->getOperator() == OO_Call) {
    const auto *Ref = dyn_cast<DeclRefExpr>(skipImplicit(Op->getArg(0)));
    if (!Ref || !isInNdNamespace(Ref->getDecl()) || !Ref->getDecl()->getDeclName().isIdentifier())
      return std::nullopt;
    Name = Ref->getDecl()->getName();
    First = 1;
  } else {
    if (!F || !isInNdNamespace(F) || !F->getDeclName().isIdentifier())
      return std::nullopt;
    Name = F->getName();
  }
  if (!isReductionName(Name) || Call->getNumArgs() <= First ||
      !isNdArray(Call->getArg(First)->getType()))
    return std::nullopt;
  ReductionCall R;
  R.Call = Call;
  R.Name = Name;
  R.Array = Call->getArg(First);
  const bool HasDdof = Name == "var" || Name == "stddev";
  const ASTContext *Ctx = nullptr;
  if (F)
    Ctx = &F->getASTContext();
  for (unsigned I = First + 1; I < Call->getNumArgs(); ++I) {
    const Expr *Arg = Call->getArg(I);
    if (isa<CXXDefaultArgExpr>(Arg))
      continue;
    if (isKeepDimsTag(Arg)) {
      R.KeepDims = true;
    } else if (I == First + 1) {
      R.Axis = Arg;
      R.AxesKnown = Ctx && constantAxes(Arg, *Ctx, R.Axes);
    } else if (HasDdof && I == First + 2) {
      R.Ddof = Arg;
    } else if (Arg->getType()->isBooleanType() && Ctx) {
      // keepdims spelled as a bool
      std::optional<llvm::APSInt> Value = Arg->getIntegerConstantExpr(*Ctx);
      if (!Value)
        return std::nullopt;
      R.KeepDims = Value->getBoolValue();
    } else if (isNdArray(Arg->getType())) {
      return std::nullopt; // the form with `out`
    }
  }
  return R;
}

} // namespace clang::tidy::nd_checks::model
