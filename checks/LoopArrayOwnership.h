// Which nd::array handles provably own a buffer no other handle can reach, for
// nd-elementwise-loop's aliasing rule: a loop that writes y while reading x may be
// rewritten only when y and x cannot share memory (handles share buffers like Python
// names do, so `auto x = y;` or a view makes them overlap).
#pragma once

#include "clang/AST/ASTContext.h"

namespace clang::tidy::nd_checks {

// Whether E (an initializer) creates a new buffer: a.copy(), nd::empty/zeros/ones/full
// and their _like forms, nd::arange, nd::linspace, nd::array's list or shape
// constructors, random generators, or an arithmetic operator on arrays.
bool createsFreshBuffer(const Expr *E);

// Whether, while Loop runs, V is a local array initialised with a fresh buffer whose
// handle has not escaped in Scope: every use reads elements, queries the shape, or
// passes it to an nd function that neither keeps nor returns it. Uses after Loop count
// only when Loop is itself inside a loop (they may then come before the next run).
// Such an array cannot share memory with any other named array during Loop.
bool ownsPrivateBuffer(const VarDecl *V, const Stmt *Scope, const Stmt *Loop,
                       ASTContext &Context);

// Whether V is assigned (`V = ...`) or passed by non-const reference anywhere in Scope,
// either of which may change the shape it has after its initialisation.
bool mayBeReseated(const VarDecl *V, const Stmt *Scope, ASTContext &Context);

// Whether Dest provably has Source's shape: Dest is initialised with Source.copy() or
// nd::empty_like(Source) (zeros_like, ones_like, full_like), and neither is reseated.
bool initialisedWithShapeOf(const VarDecl *Dest, const VarDecl *Source, const Stmt *Scope,
                            ASTContext &Context);

// Whether A and B provably have the same shape: the same variable, or linked by a chain
// of initialisations as in initialisedWithShapeOf.
bool provablySameShape(const VarDecl *A, const VarDecl *B, const Stmt *Scope,
                       ASTContext &Context);

// Whether V is a local array that owns a fresh C-contiguous buffer for all of Scope:
// initialised with a fresh buffer (createsFreshBuffer), never reseated, and never bound
// to a non-const reference or captured by reference (which could reseat it unseen).
// Its data() then walks exactly its elements, and it shares memory with no other such
// array.
bool isContiguousLocal(const VarDecl *V, const Stmt *Scope, ASTContext &Context);

} // namespace clang::tidy::nd_checks
