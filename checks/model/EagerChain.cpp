#include "model/EagerChain.h"

#include "model/ArrayShapes.h"
#include "model/NdCalls.h"

#include "clang/AST/ExprCXX.h"

namespace clang::tidy::nd_checks::model {

using array_expr::EagerOp;

namespace {

// An unnamed array operand that binds to the runtime's `array<T>&&` overloads.
bool isTemporaryArray(const Expr *Operand) {
  const Expr *E = array_expr::skipImplicit(Operand);
  return E && array_expr::isNdArray(E->getType()) && !E->getType()->isReferenceType() && E->isPRValue();
}

// Whether the runtime computes into the temporary operand Temp of Op, the other
// operands being Others.
Elision reuses(const EagerOp &Op, const Expr *Temp, llvm::ArrayRef<const Expr *> Others, ASTContext &Ctx) {
  // Only a buffer nobody else holds is reused: not a view that happens to be unnamed.
  if (originOf(Temp) != ArrayOrigin::Fresh)
    return Elision::Never;
  if (array_expr::ndArrayElementType(Temp->getType()) != Op.Element)
    return Elision::Never;
  Shape TempShape = shapeOf(Temp, Ctx);
  Elision Result = Elision::Always;
  for (const Expr *Other : Others) {
    Shape OtherShape = shapeOf(Other, Ctx);
    if (broadcastsTo(OtherShape, TempShape))
      continue;
    // Two literal shapes decide it; anything else is not proven either way.
    bool Decided = OtherShape.K == Shape::Kind::Known && TempShape.K == Shape::Kind::Known;
    if (Decided)
      return Elision::Never;
    Result = Elision::Maybe;
  }
  return Result;
}

} // namespace

Elision elisionOf(const EagerOp &Op, ASTContext &Ctx) {
  const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Op.Call);
  if (!Operator)
    return Elision::Never;  // nd::exp(t) and the other ufunc calls always allocate
  if (Op.Operands.size() == 1)
    return Op.Ufunc == "negative" && !Op.Element->isBooleanType() && isTemporaryArray(Op.Operands[0])
               ? reuses(Op, Op.Operands[0], {}, Ctx)
               : Elision::Never;
  if (!llvm::is_contained({"add", "subtract", "multiply", "divide"}, Op.Ufunc) || Op.Operands.size() != 2)
    return Elision::Never;
  // With two temporaries the runtime tries the left one only.
  if (isTemporaryArray(Op.Operands[0]))
    return reuses(Op, Op.Operands[0], {Op.Operands[1]}, Ctx);
  if (isTemporaryArray(Op.Operands[1]))
    return reuses(Op, Op.Operands[1], {Op.Operands[0]}, Ctx);
  return Elision::Never;
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
  case Elision::Always:
    return {0, 0};
  case Elision::Maybe:
    return {0, 1};
  case Elision::Never:
    break;
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
