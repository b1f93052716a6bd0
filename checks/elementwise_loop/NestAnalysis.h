// Everything the fix of one loop nest needs, and the reasons it cannot have one, for
// nd-elementwise-loop: an element-wise map becomes one broadcasting expression written
// into the destination (LoopMapForm.h chooses its form), an accumulation the row's nd
// reduction (LoopBody.h). The check decides only whether and how to report.
#pragma once

#include "LoopBody.h"
#include "LoopNest.h"

#include "clang/AST/ASTContext.h"
#include <optional>
#include <string>

namespace clang::tidy::nd_checks {

// Why there is no fix-it (empty Reason: there is one).
struct Verdict {
  SourceLocation Loc;
  std::string Reason;
  // An iteration reads what an earlier one wrote (an element of the destination, the
  // accumulator, a scalar carried along): a recurrence, which is not an element-wise
  // loop, so it gets no diagnostic at all.
  bool Recurrence = false;
  explicit operator bool() const { return !Reason.empty(); }
};

struct NestFix {
  // The replacement for the loop (and, for merged reductions, the declaration before it).
  std::optional<std::string> Replacement;
  CharSourceRange ReplacedRange;
  Verdict Problem;
  // The loop headers were analysed as ranges (RangedMapLoop.h), not as whole extents.
  bool OverRanges = false;
};

// The fix for Nest, whose body has Shape, in the function body Scope.
NestFix analyseNest(const LoopNest &Nest, const BodyShape &Shape, const Stmt *Scope,
                    ASTContext &Context);

} // namespace clang::tidy::nd_checks
