#include "model/EagerChain.h"

#include "model/ArrayShapes.h"
#include "model/NdCalls.h"
#include "model/NdFunctions.h"

#include "clang/AST/ExprCXX.h"

namespace clang::tidy::nd_checks::model {

using array_expr::EagerOp;

namespace {

// An unnamed array operand that binds to the runtime's `array<T>&&` overloads.
bool isTemporaryArray(const Expr *Operand) {
  const Expr *E = utils::skipImplicit(Operand);
  return E && utils::isNdArray(E->getType()) && !E->getType()->isReferenceType() && E->isPRValue();
}

// Whether Other provably broadcasts to Temp's shape (Always), provably not (Never).
Elision fitsInto(const Expr *Other, const Expr *Temp, ASTContext &Ctx) {
  Shape TempShape = shapeOf(Temp, Ctx), OtherShape = shapeOf(Other, Ctx);
  if (broadcastsTo(OtherShape, TempShape))
    return Elision::Always;
  // Two literal shapes decide it; anything else is not proven either way.
  bool Decided = OtherShape.K == Shape::Kind::Known && TempShape.K == Shape::Kind::Known;
  return Decided ? Elision::Never : Elision::Maybe;
}

} // namespace

Elision elisionRule(llvm::StringRef Ufunc, bool IsOperator, bool BoolResult,
                    llvm::ArrayRef<ElisionOperand> Operands,
                    llvm::function_ref<Elision(unsigned Temp, unsigned Other)> Fits) {
  // nd::exp(t) and the other ufunc calls always allocate, and so do comparisons.
  if (!IsOperator)
    return Elision::Never;
  if (Operands.size() == 1 ? Ufunc != "negative" || BoolResult
                           : Operands.size() != 2 || !reusesTemporaryOperand(Ufunc))
    return Elision::Never;
  // The array<T>&& overload the operands select: with two temporaries, the left one.
  const auto *Temp = llvm::find_if(Operands, [](const ElisionOperand &O) { return O.Temporary; });
  if (Temp == Operands.end() || !Temp->Reusable || !Temp->ResultElement)
    return Elision::Never;
  unsigned T = Temp - Operands.begin();
  Elision Result = Elision::Always;
  for (unsigned O = 0; O < Operands.size(); ++O) {
    if (O == T)
      continue;
    Elision Fit = Fits(T, O);
    if (Fit == Elision::Never)
      return Elision::Never;
    if (Fit == Elision::Maybe)
      Result = Elision::Maybe;
  }
  return Result;
}

Elision elisionOf(const EagerOp &Op, ASTContext &Ctx) {
  llvm::SmallVector<ElisionOperand, 2> Facts;
  for (const Expr *Operand : Op.Operands) {
    ElisionOperand F;
    F.Temporary = isTemporaryArray(Operand);
    // Only a buffer nobody else holds is reused: not a view that happens to be unnamed.
    F.Reusable = F.Temporary && originOf(Operand) == ArrayOrigin::Fresh;
    F.ResultElement = utils::ndArrayElementType(Operand->getType()) == Op.Element;
    Facts.push_back(F);
  }
  auto Fits = [&](unsigned T, unsigned O) { return fitsInto(Op.Operands[O], Op.Operands[T], Ctx); };
  return elisionRule(Op.Ufunc, isa<CXXOperatorCallExpr>(Op.Call), Op.Element->isBooleanType(),
                     Facts, Fits);
}

EagerChain::EagerChain(const EagerOp &Root, ASTContext &Ctx) { add(Root, Ctx); }

int EagerChain::add(const EagerOp &Op, ASTContext &Ctx) {
  int Index = Nodes.size();
  Nodes.push_back({Op, {}, elisionOf(Op, Ctx)});
  for (const Expr *Operand : Op.Operands) {
    int Child = -1;
    if (std::optional<EagerOp> Sub = array_expr::matchEagerOp(Operand))
      Child = add(*Sub, Ctx);
    else
      Leaves.push_back(Operand);
    Nodes[Index].ChildOf.push_back(Child);
  }
  return Index;
}

llvm::SmallVector<int, 4> EagerChain::spine() const {
  llvm::SmallVector<int, 4> Path{0};
  for (;;) {
    const Node &N = Nodes[Path.back()];
    int Next = -1;
    for (int Child : N.ChildOf)
      if (Child >= 0 && Nodes[Child].Op.Element == Nodes[0].Op.Element) {
        Next = Child;
        break;
      }
    if (Next < 0)
      break;
    Path.push_back(Next);
  }
  std::reverse(Path.begin(), Path.end());
  return Path;
}

AllocationCount EagerChain::ownAllocations(const Node &N) {
  switch (N.Elided) {
  case Elision::Always: return {0, 0};
  case Elision::Maybe: return {0, 1};
  case Elision::Never: break;
  }
  return {1, 1};
}

AllocationCount EagerChain::allocationsUnder(int Index) const {
  AllocationCount Count = ownAllocations(Nodes[Index]);
  for (int Child : Nodes[Index].ChildOf)
    if (Child >= 0)
      Count += allocationsUnder(Child);
  return Count;
}

AllocationCount EagerChain::spineAllocations(llvm::ArrayRef<int> Spine) const {
  AllocationCount Count;
  for (int Index : Spine)
    Count += ownAllocations(Nodes[Index]);
  return Count;
}

AllocationCount EagerChain::offSpineAllocations(llvm::ArrayRef<int> Spine) const {
  AllocationCount Count;
  for (int Index : Spine)
    for (int Child : Nodes[Index].ChildOf)
      if (Child >= 0 && !llvm::is_contained(Spine, Child))
        Count += allocationsUnder(Child);
  return Count;
}

llvm::SmallVector<const Expr *, 4> EagerChain::laterSpineOperands(llvm::ArrayRef<int> Spine) const {
  llvm::SmallVector<const Expr *, 4> Operands;
  for (size_t Step = 1; Step < Spine.size(); ++Step) {
    const Node &N = Nodes[Spine[Step]];
    for (size_t I = 0; I < N.Op.Operands.size(); ++I)
      if (N.ChildOf[I] != Spine[Step - 1])
        Operands.push_back(N.Op.Operands[I]);
  }
  return Operands;
}

} // namespace clang::tidy::nd_checks::model
