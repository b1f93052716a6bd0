// A chain of eager array operations (`(m - mu) / sd`, `nd::exp(-x) * 2.0`) and what
// the runtime allocates to evaluate it. Each eager operation returns a new array,
// except where the runtime computes it into a temporary operand (NumPy's temporary
// elision, nd/operators.hpp): an arithmetic operator (+ - * /, unary -) whose operand
// is an unnamed fresh array of the result's element type, when every other operand
// broadcasts to that temporary's shape. With two temporary operands only the left one
// is tried. Function-call ufuncs (nd::exp(t)) and comparisons never elide.
#pragma once

#include "model/EagerOps.h"

#include "clang/AST/ASTContext.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::nd_checks::model {

// A count that is exact when the model proves every elision, else a range.
struct AllocationCount {
  unsigned Min = 0;
  unsigned Max = 0;
  bool exact() const { return Min == Max; }
  AllocationCount &operator+=(AllocationCount Other) {
    Min += Other.Min;
    Max += Other.Max;
    return *this;
  }
};

// Whether the runtime computes Op into one of its operands instead of a new array.
enum class Elision { Never, Always, Maybe };
Elision elisionOf(const array_expr::EagerOp &Op, ASTContext &Ctx);

// One operand of an operation, as the runtime's elision rule sees it.
struct ElisionOperand {
  bool Temporary = false;     // an nd::array prvalue: binds to the array<T>&& overloads
  bool Reusable = false;      // its buffer is its own: a fresh result, not a view
  bool ResultElement = false; // of the operation's result element type
};

// The rule itself, over what a caller knows of the operands (elisionOf for eager
// expressions, nd-elementwise-loop for the expression a loop or lambda becomes): an
// arithmetic operator (+ - * /, unary - on non-bool) computes into its temporary
// operand, the left one when both are, when that one is reusable and of the result's
// element type and every other operand broadcasts to it. Fits(T, O) tells whether
// operand O broadcasts to the shape of the temporary operand T.
Elision elisionRule(llvm::StringRef Ufunc, bool IsOperator, bool BoolResult,
                    llvm::ArrayRef<ElisionOperand> Operands,
                    llvm::function_ref<Elision(unsigned Temp, unsigned Other)> Fits);

class EagerChain {
public:
  struct Node {
    array_expr::EagerOp Op;
    llvm::SmallVector<int, 3> ChildOf; // per operand: the index of its Node, or -1
    Elision Elided = Elision::Never;
  };

  // The operations under Root (Nodes[0]).
  EagerChain(const array_expr::EagerOp &Root, ASTContext &Ctx);

  const llvm::SmallVector<Node, 4> &nodes() const { return Nodes; }
  // Operands that are not eager operations, in evaluation-tree order.
  const llvm::SmallVector<const Expr *, 6> &leaves() const { return Leaves; }

  // The operations that can share one buffer of the result's element type, innermost
  // first: from the root, repeatedly the first operand that is an operation of the
  // same element type. The out forms compute exactly these into one buffer; the other
  // operands are evaluated as written.
  llvm::SmallVector<int, 4> spine() const;

  // The arrays the runtime allocates for every operation of the chain.
  AllocationCount allocations() const { return allocationsUnder(0); }
  // The same for the operations of Spine only.
  AllocationCount spineAllocations(llvm::ArrayRef<int> Spine) const;
  // The arrays the operations off Spine allocate (they stay as written in a rewrite).
  AllocationCount offSpineAllocations(llvm::ArrayRef<int> Spine) const;
  // The operands that the steps of Spine after the first read besides the previous
  // step's result: what a rewrite computing the spine in one buffer reads after that
  // buffer was first written.
  llvm::SmallVector<const Expr *, 4> laterSpineOperands(llvm::ArrayRef<int> Spine) const;

private:
  int add(const array_expr::EagerOp &Op, ASTContext &Ctx);
  AllocationCount allocationsUnder(int Index) const;
  static AllocationCount ownAllocations(const Node &N);

  llvm::SmallVector<Node, 4> Nodes;
  llvm::SmallVector<const Expr *, 6> Leaves;
};

} // namespace clang::tidy::nd_checks::model
