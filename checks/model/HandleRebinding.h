// Whether an nd::array handle may name another array later (rebound, reseated), and
// what a rewrite that writes a handle step by step lets others see: the questions of
// HandleUses.h about the handle itself rather than its buffer.
#pragma once

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"

#include <optional>
#include <string>

namespace clang::tidy::nd_checks::model {

// Whether code in Scope may rebind V through its own name: assign it, bind it to a
// non-const reference or a pointer, pass it by one outside the runtime (std::swap,
// std::move), capture it by reference, or use it where the walk cannot follow. What
// a reference refers to may still change through other names: see mayBeRebound.
bool mayBeReboundHere(const VarDecl &V, const Stmt &Scope, ASTContext &Ctx);

// Whether the handle V may be rebound at all: true for non-local and reference
// variables, else mayBeReboundHere over V's function.
bool mayBeRebound(const VarDecl &V, ASTContext &Ctx);

// Whether the local, non-reference handle V is rebound only by plain assignments
// `V = value;` (and otherwise not, as in mayBeRebound). Values receives the assigned
// expressions.
bool reboundOnlyByAssignment(const VarDecl &V, ASTContext &Ctx,
                             llvm::SmallVectorImpl<const Expr *> &Values);

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
std::optional<std::string> partialResultVisibleFrom(const Stmt *S, const VarDecl &Target,
                                                    ASTContext &Ctx);

} // namespace clang::tidy::nd_checks::model
