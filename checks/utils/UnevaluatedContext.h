// Whether an expression is in an unevaluated operand: `sizeof`, `alignof`, `decltype`,
// `typeof`, `noexcept(...)`, the operand of `typeid` of a non-polymorphic type, or a
// requires-expression. Such code computes nothing at run time, so the checks that
// count what it allocates or copies must not report it.
#pragma once

#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchers.h"

namespace clang::tidy::nd_checks {

bool isInUnevaluatedContext(const Stmt &S, ASTContext &Context);

// The matcher form; it walks the parents, so it belongs after the cheap conditions.
AST_MATCHER(Stmt, isInUnevaluatedOperand) {
  return isInUnevaluatedContext(Node, Finder->getASTContext());
}

} // namespace clang::tidy::nd_checks
