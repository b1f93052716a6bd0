// The fused form of a chain: the same expression over nd::lazy leaves, evaluated by
// nd::eval in one blocked pass (API.md, "Fused evaluation"), instead of one pass over
// memory per operation.
//
//   nd::array<double> y = nd::sqrt(2.5 * x + 1.2);
// becomes
//   nd::array<double> y = nd::eval(nd::sqrt(2.5 * nd::lazy(x) + 1.2));
//
// The runtime guarantees that nd::eval equals the eager evaluation bit for bit, with the
// eager type promotion and the eager errors, so the rewrite only has to keep the tree.
//
// Both nd-chained-temporaries (over eager chains) and nd-elementwise-loop (over the
// expression a loop body becomes) decide with the same rules, so that the loop check's
// fix is already what the chained check would make of it.
#pragma once

#include "model/EagerChain.h"

#include "clang/AST/ASTContext.h"
#include <string>

namespace clang::tidy::nd_checks::model {

// Chains of fewer operations keep the out forms: measured on 10M doubles (bench/fusion
// and docs/checks/nd-chained-temporaries.md), a fused pass of two operations is no
// faster than the two eager passes (the evaluator's set-up per block costs what the
// second pass saves), while three or more gain 1.1-1.7x, a polynomial about 2x.
constexpr unsigned MinFusedOperations = 3;

// Whether nd::eval computes the chain in one pass with no intermediate array: every
// operation has a form over expressions, and every operation provably has the shape of
// the result. (The evaluator computes an operation of a smaller, broadcast shape whole
// before the pass, into memory of its own, and so an integer power's array exponent;
// those chains keep the out forms, whose counts the runtime's statistics show.)
bool fusesInOnePass(const EagerChain &Chain, ASTContext &Ctx);

// The chain's only operand that is an array (the others are numbers), or null.
const Expr *onlyArrayLeaf(const EagerChain &Chain);

// The rule fusesInOnePass applies to each operation: Ufunc (spelled as an operator or
// not) has a form over expressions, the operation has the result's shape, and it is
// not an integer power whose exponent is an operation.
bool fusesInPass(llvm::StringRef Ufunc, bool IsOperator, bool ResultShape,
                 bool IntegerPowerOfOperation);

// The source text of the chain's root with the fewest leaves wrapped in nd::lazy(...)
// that make every operation an expression: in each operation that has no operation as
// an operand, its first array operand.
std::string lazyExpressionText(const EagerChain &Chain, ASTContext &Ctx);

} // namespace clang::tidy::nd_checks::model
