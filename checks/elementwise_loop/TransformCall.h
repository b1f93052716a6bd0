// The element ranges of `std::transform` and `std::ranges::transform` calls over
// nd::array data, for nd-elementwise-loop (form 5). nd::array has no iterators: its
// elements are `a.data(), a.data() + a.size()` (when it is C-contiguous), as a pointer
// pair or as a range over them (`std::span(a.data(), a.size())`,
// `std::ranges::subrange(a.data(), a.data() + a.size())`).
#pragma once

#include "clang/AST/Expr.h"
#include <optional>
#include <string>

namespace clang::tidy::nd_checks {

struct TransformCall {
  std::string Name;               // "std::transform", "std::ranges::transform"
  const Expr *Function = nullptr; // the function applied
  const Expr *First = nullptr;    // the first input (its begin or its range)
  const Expr *Second = nullptr;   // the second input (binary forms), or null
  const Expr *Out = nullptr;      // the output iterator
  // The arrays whose elements the inputs and the output run over; null where that is
  // not provably a named array's (ProblemAt and Problem say which and why).
  const VarDecl *X = nullptr, *Z = nullptr, *Y = nullptr;
  const Expr *ProblemAt = nullptr;
  std::string Problem;
};

// The transform Call, when it is one whose first input runs over nd::array data
// (`a.data()`, or a span or subrange starting there); nullopt otherwise.
std::optional<TransformCall> matchTransformCall(const CallExpr *Call, const ASTContext &Context);

} // namespace clang::tidy::nd_checks
