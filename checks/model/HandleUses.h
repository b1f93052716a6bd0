// How a function uses an nd::array handle, one use at a time: the single walk every
// check's questions about handles are answered from (HandleRebinding.h: may the
// handle name another array later; HandleBuffers.h: may another handle reach its
// buffer, is it written).
//
// A handle is like a Python name: copies and views share its buffer, assignment makes
// it name another array. The runtime is const-correct (everything that writes elements
// is a non-const member or takes a non-const array) and never keeps a handle it is
// passed, so a use is classified by the expression that consumes it, found by walking
// up from the reference through parentheses, implicit casts and temporaries.
#pragma once

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::nd_checks::model {

enum class UseKind {
  Read,           // reads elements or the shape, copies into a new array, prints
  ElementAccess,  // `a(i, j)` on a non-const array whose T& ends with its expression:
                  // a read or a write of one element (ExprMutationAnalyzer tells)
  ElementWrite,   // writes elements in place and keeps nothing: fill, `a += b` as a
                  // statement, an nd function's `out` whose result is unused
  Rebind,         // `a = b`: the handle names another array afterwards (Value: b)
  Alias,          // bound to a non-const reference or pointer, or passed by one outside
                  // the runtime: code this walk does not see may rebind the handle
                  // (Name: the local reference, if that is what it is)
  Copy,           // a local copy or reference to const initialised with the handle
                  // (Name): another name for the same buffer
  View,           // an expression that may share the buffer (Where): basic indexing,
                  // T(), ravel, reshape, an nd function that may return its argument
  LayoutObserved, // data() const, strides(), is_contiguous(), nd::shares_memory
  Returned,       // returned: the function ends
  Lent,           // passed by reference to const to a function outside the runtime,
                  // which reads it and could keep a copy of the handle
  Escapes,        // stored or passed where its uses cannot be followed
  Unknown,        // anything else, and inside a lambda anything but a read through a
                  // capture by reference (a copy captured: Escapes): assume the worst
};

struct HandleUse {
  UseKind Kind = UseKind::Unknown;
  const Stmt *Where = nullptr;   // what consumes the handle (View: an Expr)
  const VarDecl *Name = nullptr; // Copy, Alias: the local variable that now names it
  const Expr *Value = nullptr;   // Rebind: the assigned value
  bool Kept = false;             // ElementAccess: the element's reference outlives
                                 // its expression (bound to a reference, returned)
};

// The use that E, an expression of nd::array type (a reference to a handle, or a view
// being followed), makes of the handle it denotes.
HandleUse classifyUse(const Expr *E, ASTContext &Ctx);

// The assignment or compound assignment whose left operand is the temporary E (an
// indexing result: `a(mask) = v`, `a(idx) += 1`), or null. Such an assignment writes
// the elements E selects in the indexed array, as NumPy's __setitem__.
const CXXOperatorCallExpr *assignmentThroughIndex(const Expr *E, ASTContext &Ctx);

// Every reference to V in Body.
llvm::SmallVector<const DeclRefExpr *, 8> referencesTo(const VarDecl &V, const Stmt &Body,
                                                       ASTContext &Ctx);

// The body of the function V belongs to, or null.
const Stmt *functionBodyOf(const VarDecl &V);

} // namespace clang::tidy::nd_checks::model
