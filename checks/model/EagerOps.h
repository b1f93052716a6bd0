// Recognising the nd runtime's eager array operations in the AST.
//
// An eager operation is an operator (+ - * /, unary -, comparisons, !) or a ufunc call
// without `out` whose callee lives in namespace ::nd and whose result is an
// nd::array<T>: each one allocates a new array. The helpers here find them by the
// callee's qualified name, never by spelling, and decide which operands can be
// re-evaluated in another order without changing behaviour.
#pragma once

#include "utils/ASTUtils.h"
#include "utils/NdDecls.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/Type.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include <optional>

namespace clang::tidy::nd_checks::array_expr {

// One eager array operation.
struct EagerOp {
  const Expr *Call = nullptr; // the CXXOperatorCallExpr or CallExpr
  llvm::StringRef Ufunc;      // the ufunc whose out form computes it: "multiply"
  llvm::SmallVector<const Expr *, 3> Operands;
  bool Commutative = false; // add and multiply: operands may be swapped exactly
  QualType Element;         // T of the nd::array<T> it yields
};

// E (after utils::skipImplicit) as an eager array operation, or nullopt.
std::optional<EagerOp> matchEagerOp(const Expr *E);

// Whether evaluating E has no side effects and its value does not depend on when it
// is evaluated relative to the other operands of a chain: variables, literals,
// members of those, builtin arithmetic on those, const layout queries (.shape()).
bool isSideEffectFree(const Expr *E);

// How an element type is written in a fix: bool, float, double, std::int32_t, ...
std::string elementTypeSpelling(QualType Element, const ASTContext &Ctx);

} // namespace clang::tidy::nd_checks::array_expr
