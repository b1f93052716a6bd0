// Whether an nd::array handle local to a function can be rebound, or its buffer reached
// from outside the function. Used by nd-chained-temporaries.
#pragma once

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"

#include <optional>
#include <string>

namespace clang::tidy::nd_checks::array_expr {

// Whether the handle V may be rebound (assigned, bound to a non-const reference,
// passed by non-const reference or pointer outside the nd runtime), which would change
// the array it names. Non-local or reference variables may always be rebound.
bool mayBeRebound(const VarDecl &V, ASTContext &Ctx);

// Whether the local, non-reference handle V is rebound only by plain assignments
// `V = value;` (and otherwise only read, as in mayBeRebound). Values receives the
// assigned expressions.
bool reboundOnlyByAssignment(const VarDecl &V, ASTContext &Ctx,
                             llvm::SmallVectorImpl<const Expr *> &Values);

// Whether V's buffer may be reached through another handle: true unless V is a local,
// non-reference nd::array whose every use provably keeps the buffer private (reads,
// element accesses that do not outlive their expression, the runtime's functions that
// do not return their argument). AllowedAssignment is one assignment to V to accept.
bool bufferMayEscape(const VarDecl &V, const Expr *AllowedAssignment, ASTContext &Ctx);

// Whether code inside Region (a statement of V's function, typically a loop) may rebind
// the handle V: a use of V inside Region that may rebind it, or a use anywhere that
// makes an alias through which Region could rebind it (a non-const reference or
// pointer, a lambda capture). Direct assignments `v = w;` outside Region do not count.
// Non-local or reference variables: always true.
bool mayBeReboundIn(const VarDecl &V, const Stmt &Region, ASTContext &Ctx);

// Whether code inside Region may rebind an nd::array handle that is not a local
// non-reference variable of the function (a global, or one a reference parameter refers
// to): a call of anything outside namespace ::nd that is not a builtin, a constructor or
// delete of a class outside ::nd, or an assignment to an array that is not such a local.
bool mayRebindOtherHandles(const Stmt &Region, ASTContext &Ctx);

// Why a handler or a lambda could see the local Target after S (a statement of its
// function) threw midway through a rewrite that writes Target step by step, or
// nullopt when nothing can: only Target's own scope is left when S throws.
std::optional<std::string> partialResultVisibleFrom(const Stmt *S, const VarDecl &Target, ASTContext &Ctx);

} // namespace clang::tidy::nd_checks::array_expr
