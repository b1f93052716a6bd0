// Whether an nd::array handle local to a function can be rebound, or its buffer reached
// from outside the function.
//
// NOTE: reconstructed by the nd-gather-downsampling engineer, who overwrote this file
// by accident (a name clash while it was uncommitted); the declarations match
// ArrayHandleUses.cpp. Its owner should check the comments.
#pragma once

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"

namespace clang::tidy::nd_checks::array_expr {

// Whether the handle V may be rebound (assigned, bound to a non-const reference,
// passed by non-const reference or pointer outside the nd runtime), which would change
// the array it names. Non-local or reference variables may always be rebound.
bool mayBeRebound(const VarDecl &V, ASTContext &Ctx);

// Whether V's buffer may be reached through another handle: true unless V is a local,
// non-reference nd::array whose every use provably keeps the buffer private (reads,
// element accesses that do not outlive their expression, the runtime's functions that
// do not return their argument). AllowedAssignment is one assignment to V to accept.
bool bufferMayEscape(const VarDecl &V, const Expr *AllowedAssignment, ASTContext &Ctx);

} // namespace clang::tidy::nd_checks::array_expr
