// The fastest nd form of a loop's parts that keeps behaviour exactly, for
// nd-elementwise-loop: a clamp becomes nd::clip, an inner product nd::vdot, and the
// locals that only a replaced loop used go with it. What qualifies, and why, is in
// docs/checks/nd-elementwise-loop.md ("The best form").
#pragma once

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceLocation.h"

#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::nd_checks {

// `std::min(std::max(X, Lo), Hi)`, `std::max(std::min(X, Hi), Lo)` or the conditional
// `X < Lo ? Lo : X > Hi ? Hi : X` (either test first), where nd::clip(X, Lo, Hi)
// computes the same value for every X, NaN and signed zeros included.
struct ClampForm {
  const Expr *X = nullptr;
  const Expr *Lo = nullptr;
  const Expr *Hi = nullptr;
};
std::optional<ClampForm> matchClamp(const Expr *E, const ASTContext &Context);

// `nd::vdot(a, b)` for the summand `a(...) * b(...)` of a sum into an accumulator of
// the arrays' element type, both indexed by the same loop variables in the same order,
// each of LoopVars once, and (beyond one axis) provably of one shape in Scope: the sum
// over the flattened arrays.
std::optional<std::string> innerProductForm(const Expr *Summand, QualType Accumulator,
                                            const std::vector<const VarDecl *> &LoopVars,
                                            const Stmt *Scope, ASTContext &Context);

// Extends Range (a fix replacing the statements of a block from Range's start, Text
// the replacement) backwards over the declarations right before it of locals that
// nothing else uses: `const auto n = x.shape(0);` before a loop bounded by `n`. Only a
// declaration alone in its statement, of an integer initialised with `a.shape(k)`,
// `a.size()`, `a.ndim()` or a constant, with only whitespace up to the range. Loop is
// the outermost loop the fix replaces.
void extendOverUnusedLocals(CharSourceRange &Range, const std::string &Text, const Stmt *Loop,
                            ASTContext &Context);

} // namespace clang::tidy::nd_checks
