// nd-elementwise-loop's maps over ranges: loops that start at a constant, stop below an
// extent or at a constant, step by a constant, or read arrays at constant offsets from
// the loop variables (ShiftedAccess.h). The destination becomes the view the loop
// writes and every operand the view it reads:
//   for (i = 1; i < n - 1; ++i) d2(i) = u(i - 1) - 2.0 * u(i) + u(i + 1);
// becomes the out forms (or nd::copyto) writing
//   u(nd::slice(0, -2)) - 2.0 * u(nd::slice(1, -1)) + u(nd::slice(2, nd::none))
// into d2(nd::slice(1, -1)).
#pragma once

#include "LoopNest.h"

#include "clang/AST/ASTContext.h"
#include <optional>
#include <string>

namespace clang::tidy::nd_checks {

struct RangedMap {
  std::optional<std::string> Replacement;
  CharSourceRange Range;
  SourceLocation ProblemLoc; // with Problem, when there is no Replacement
  std::string Problem;
  bool Recurrence = false; // the Problem is a recurrence (TranslationFailure)
};

// The rewrite of the map nest `dest(...) = value` (Assignment), whose levels run over
// ranges, or why there is none.
RangedMap analyseRangedMap(const LoopNest &Nest, const BinaryOperator *Assignment,
                           const Stmt *Scope, ASTContext &Context);

} // namespace clang::tidy::nd_checks
