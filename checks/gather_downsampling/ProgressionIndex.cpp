#include "ProgressionIndex.h"

#include "utils/ASTUtils.h"
#include "utils/NdDecls.h"

#include "clang/AST/DeclCXX.h"
#include "clang/Tooling/FixIt.h"

namespace clang::tidy::nd_checks::gather_downsampling {

using tooling::fixit::getText;
using namespace utils;

static std::optional<Progression> progressionOfCall(const Expr *E) {
  const auto *Call = dyn_cast_or_null<CallExpr>(E);
  if (!isNdFunctionCall(Call, "arange") || !isIntegerArrayType(Call->getType()))
    return std::nullopt;
  Progression P;
  P.Arange = Call;
  switch (Call->getNumArgs()) {
  case 1: P.Stop = Call->getArg(0); break;
  case 2:
  case 3:
    P.Start = Call->getArg(0);
    P.Stop = Call->getArg(1);
    if (Call->getNumArgs() == 3 && !isa<CXXDefaultArgExpr>(Call->getArg(2)))
      P.Step = Call->getArg(2);
    break;
  default: return std::nullopt;
  }
  return P;
}

std::optional<Progression> findProgression(const Expr *E) {
  E = skipHandleCopies(E);
  if (auto P = progressionOfCall(E))
    return P;
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E);
  if (!Ref)
    return std::nullopt;
  const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
  if (!VD || !VD->hasLocalStorage() || isa<ParmVarDecl>(VD) || VD->getType()->isReferenceType() ||
      VD->getType().isVolatileQualified() || !VD->getInit())
    return std::nullopt;
  auto P = progressionOfCall(skipHandleCopies(VD->getInit()));
  if (P)
    P->Var = VD;
  return P;
}

std::optional<ProgressionOperand> findProgressionOperand(const Expr *E) {
  E = skipHandleCopies(E);
  if (auto P = findProgression(E))
    return ProgressionOperand{*P, 0};
  // p(nd::all, nd::newaxis, ...): operator() of nd::array whose object is a progression.
  const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(E);
  if (!Op || Op->getOperator() != OO_Call || Op->getNumArgs() < 2 || !isNdArray(Op->getType()))
    return std::nullopt;
  if (!isNdTag(Op->getArg(1), "all"))
    return std::nullopt;
  unsigned NewAxes = 0;
  for (unsigned I = 2; I < Op->getNumArgs(); ++I) {
    if (!isNdTag(Op->getArg(I), "newaxis"))
      return std::nullopt;
    ++NewAxes;
  }
  auto P = findProgression(Op->getArg(0));
  if (!P)
    return std::nullopt;
  return ProgressionOperand{*P, NewAxes};
}

// The braced list in a shape argument such as `{3, 4}` (through the shape_t
// constructor and the std::initializer_list it takes).
static const InitListExpr *bracedList(const Expr *E) {
  while (E) {
    E = skipHandleCopies(E);
    if (const auto *IL = dyn_cast<InitListExpr>(E))
      return IL;
    if (const auto *SIL = dyn_cast<CXXStdInitializerListExpr>(E))
      E = SIL->getSubExpr();
    else if (const auto *CE = dyn_cast<CXXConstructExpr>(E); CE && CE->getNumArgs() == 1)
      E = CE->getArg(0);
    else if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E))
      E = MTE->getSubExpr();
    else
      return nullptr;
  }
  return nullptr;
}

std::optional<std::vector<int64_t>> knownConstantShape(const VarDecl *Array,
                                                       const ASTContext &Ctx) {
  if (!Array || !Array->hasLocalStorage() || Array->getType()->isReferenceType() ||
      !Array->getInit())
    return std::nullopt;
  const Expr *Init = skipHandleCopies(Array->getInit());
  if (auto P = progressionOfCall(Init)) {
    auto Start = P->Start ? evaluateInt(P->Start, Ctx) : std::optional<int64_t>(0);
    auto Stop = evaluateInt(P->Stop, Ctx);
    auto Step = P->Step ? evaluateInt(P->Step, Ctx) : std::optional<int64_t>(1);
    if (!Start || !Stop || !Step || *Step == 0)
      return std::nullopt;
    int64_t Span = *Stop - *Start;
    int64_t Count = Span / *Step + ((Span % *Step) != 0 && ((Span < 0) == (*Step < 0)) ? 1 : 0);
    return std::vector<int64_t>{std::max<int64_t>(Count, 0)};
  }
  if (isNdFunctionCall(Init, "linspace")) {
    const auto *Call = cast<CallExpr>(Init);
    auto Num = Call->getNumArgs() >= 3 ? evaluateInt(Call->getArg(2), Ctx) : std::nullopt;
    if (!Num || *Num < 0)
      return std::nullopt;
    return std::vector<int64_t>{*Num};
  }
  for (llvm::StringRef Creator : {"zeros", "ones", "empty", "full"}) {
    if (!isNdFunctionCall(Init, Creator))
      continue;
    const auto *Call = cast<CallExpr>(Init);
    if (Call->getNumArgs() < 1)
      return std::nullopt;
    const InitListExpr *List = bracedList(Call->getArg(0));
    if (!List)
      return std::nullopt;
    std::vector<int64_t> Shape;
    for (const Expr *Dim : List->inits()) {
      auto V = evaluateInt(Dim, Ctx);
      if (!V || *V < 0)
        return std::nullopt;
      Shape.push_back(*V);
    }
    return Shape;
  }
  return std::nullopt;
}

// `A.shape(Axis)` (or `A.size()` when A is known to be one-dimensional) for the
// indexed array variable A.
static bool isLengthOfAxis(const Expr *E, const AxisContext &Axis, const ASTContext &Ctx) {
  if (!Axis.Array)
    return false;
  const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(skipHandleCopies(E));
  if (!Call || !isNdArray(Call->getObjectType()))
    return false;
  const auto *Obj =
      dyn_cast_or_null<DeclRefExpr>(skipHandleCopies(Call->getImplicitObjectArgument()));
  if (!Obj || Obj->getDecl() != Axis.Array)
    return false;
  const CXXMethodDecl *MD = Call->getMethodDecl();
  if (!MD || !MD->getIdentifier())
    return false;
  if (MD->getName() == "shape" && Call->getNumArgs() == 1) {
    auto K = evaluateInt(Call->getArg(0), Ctx);
    return K && *K == static_cast<int64_t>(Axis.Axis);
  }
  if (MD->getName() == "size" && Call->getNumArgs() == 0)
    return Axis.Axis == 0 && Axis.Shape && Axis.Shape->size() == 1;
  return false;
}

// `A.shape(Axis) - 1`: the last index of the axis.
static bool isLastIndexOfAxis(const Expr *E, const AxisContext &Axis, const ASTContext &Ctx) {
  const auto *Sub = dyn_cast_or_null<BinaryOperator>(E ? E->IgnoreParenImpCasts() : nullptr);
  if (!Sub || Sub->getOpcode() != BO_Sub)
    return false;
  auto One = evaluateInt(Sub->getRHS(), Ctx);
  return One && *One == 1 && isLengthOfAxis(Sub->getLHS(), Axis, Ctx);
}

SliceDerivation deriveSlice(const Progression &P, const AxisContext &Axis, const ASTContext &Ctx) {
  auto Text = [&](const Expr *E, int64_t Value) -> std::string {
    if (!Axis.Moved && E && !E->getBeginLoc().isMacroID() && !E->getEndLoc().isMacroID()) {
      llvm::StringRef S = getText(*E, Ctx);
      if (!S.empty())
        return S.str();
    }
    return std::to_string(Value);
  };
  auto Fail = [](std::string Why) { return SliceDerivation{"", std::move(Why)}; };

  std::optional<int64_t> Step = P.Step ? evaluateInt(P.Step, Ctx) : std::optional<int64_t>(1);
  if (!Step)
    return Fail("the step is not a constant, so its sign is unknown");
  if (*Step == 0)
    return Fail("the step is zero");
  std::optional<int64_t> Start = P.Start ? evaluateInt(P.Start, Ctx) : std::optional<int64_t>(0);
  std::optional<int64_t> Stop = evaluateInt(P.Stop, Ctx);
  std::optional<int64_t> Length;
  if (Axis.Shape && Axis.Axis < Axis.Shape->size())
    Length = (*Axis.Shape)[Axis.Axis];

  std::string StartText, StopText;
  const std::string StepText = P.Step ? Text(P.Step, *Step) : "1";
  if (*Step > 0) {
    if (!Start)
      return Fail("the start is not a constant known to be non-negative (a gather wraps negative "
                  "indices one by one, a slice does not)");
    if (*Start < 0)
      return Fail("the start is negative (a gather wraps negative indices one by one, a slice "
                  "does not)");
    StartText = P.Start ? Text(P.Start, *Start) : "0";
    if (isLengthOfAxis(P.Stop, Axis, Ctx))
      StopText = "nd::none";
    else if (Stop && Length && *Stop >= 0 && *Stop <= *Length)
      StopText = Text(P.Stop, *Stop);
    else
      return Fail("the stop is not provably within the axis (a gather throws on an out-of-range "
                  "index, a slice clips it); spell it with the axis's shape(k)");
  } else {
    if (isLastIndexOfAxis(P.Start, Axis, Ctx))
      StartText = "nd::none";
    else if (Start && Length && *Start >= 0 && *Start < *Length)
      StartText = Text(P.Start, *Start);
    else
      return Fail("the start is not provably within the axis (a gather throws on an "
                  "out-of-range index, a slice clips it); spell it as the axis's shape(k) - 1");
    if (!Stop)
      return Fail("the stop of a decreasing progression is not a constant");
    if (*Stop < -1)
      return Fail("the progression reaches negative indices (a gather wraps them one by one, a "
                  "slice does not)");
    // arange's stop is exclusive; -1 as a slice's stop would mean the last element.
    StopText = *Stop == -1 ? "nd::none" : Text(P.Stop, *Stop);
  }
  return {"nd::slice(" + StartText + ", " + StopText + ", " + StepText + ")", ""};
}

bool isSideEffectFree(const Expr *E) {
  if (!E)
    return true;
  E = E->IgnoreParenImpCasts();
  if (isa<IntegerLiteral, FloatingLiteral, CharacterLiteral, CXXBoolLiteralExpr, CXXDefaultArgExpr>(
          E))
    return true;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return !Ref->getType().isVolatileQualified();
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    return (U->getOpcode() == UO_Minus || U->getOpcode() == UO_Plus || U->getOpcode() == UO_Not) &&
           isSideEffectFree(U->getSubExpr());
  if (const auto *B = dyn_cast<BinaryOperator>(E))
    return !B->isAssignmentOp() && !B->isCommaOp() && B->getOpcode() != BO_Div &&
           B->getOpcode() != BO_Rem && isSideEffectFree(B->getLHS()) &&
           isSideEffectFree(B->getRHS());
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *MD = Call->getMethodDecl();
    if (!MD || !MD->getIdentifier() || !isNdArray(Call->getObjectType()))
      return false;
    if (MD->getName() != "shape" && MD->getName() != "size" && MD->getName() != "ndim")
      return false;
    for (const Expr *Arg : Call->arguments())
      if (!isSideEffectFree(Arg))
        return false;
    return isSideEffectFree(Call->getImplicitObjectArgument());
  }
  return false;
}

} // namespace clang::tidy::nd_checks::gather_downsampling
