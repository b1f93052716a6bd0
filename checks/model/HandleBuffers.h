// Whether another handle may reach an nd::array's buffer, and whether code writes it:
// the questions of HandleUses.h about the buffer behind a handle (handles share
// buffers like Python names do: `auto x = y;` or a view makes them overlap).
#pragma once

#include "clang/AST/ASTContext.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::nd_checks::model {

// Whether V's buffer may be reached through another handle: true unless V is a local,
// non-reference nd::array whose every use provably keeps the buffer private (reads,
// element writes, element accesses that do not outlive their expression, views used up
// within their expression, the runtime's functions that do not return their argument).
// AllowedAssignment is one assignment to V to accept.
bool bufferMayEscape(const VarDecl &V, const Expr *AllowedAssignment, ASTContext &Ctx);

// Whether, while Loop runs, V is a local array initialised with a fresh buffer
// (createsFreshBuffer) whose handle has not escaped in Scope, as in bufferMayEscape.
// Uses after Loop count only when Loop is itself inside a loop (they may then come
// before the next run). Such an array shares memory with no other named array during
// Loop.
bool ownsPrivateBuffer(const VarDecl *V, const Stmt *Scope, const Stmt *Loop, ASTContext &Ctx);

// Whether V is a local array that owns a fresh C-contiguous buffer for all of Scope:
// initialised with a fresh buffer (createsFreshBuffer) and never rebound through its
// name (mayBeReboundHere). Its data() then walks exactly its elements, and it shares
// memory with no other such array.
bool isContiguousLocal(const VarDecl *V, const Stmt *Scope, ASTContext &Ctx);

// Whether the uses of a buffer only read it, inside a window of a function, following
// views and local copies (which share the buffer) to their own uses.
struct BufferUse {
  enum class Kind {
    Read,
    Written,        // elements are (or may be) written through the handle
    Escapes,        // the handle is stored or passed where its uses cannot be followed
    LayoutObserved, // data(), strides(), is_contiguous() or nd::shares_memory see the layout
  };
  Kind K = Kind::Read;
  const Stmt *Where = nullptr;
  bool isRead() const { return K == Kind::Read; }
};

class BufferUses {
public:
  BufferUses(const Stmt &Body, ASTContext &Ctx);

  // The first use of the array that E denotes (an expression of nd::array type) other
  // than a read. Writes and layout observations count only inside Window (an invalid
  // range means the whole function); escapes anywhere, including a pointer from
  // data() or an element reference kept beyond its expression.
  BufferUse useOfExpr(const Expr *E, SourceRange Window);
  // The same over every reference to the local variable or parameter V.
  BufferUse useOfVar(const VarDecl *V, SourceRange Window);

  // Whether the handle V may be rebound in this function (a non-local, a reference to
  // non-const, or mayBeReboundHere). For a reference to const, what it refers to can
  // still change through calls this function cannot see: see findOpaqueCall.
  bool mayBeRebound(const VarDecl *V);

  // The first call inside Window to a function outside namespaces ::nd and ::std: it
  // could write an array through a handle this function cannot see.
  const Stmt *findOpaqueCall(SourceRange Window);

  llvm::SmallVector<const DeclRefExpr *, 8> referencesTo(const VarDecl *V);

private:
  BufferUse follow(const Expr *E, SourceRange Window, unsigned Depth, bool InWindow);
  BufferUse followVar(const VarDecl *V, SourceRange Window, unsigned Depth);
  bool inWindow(SourceLocation Loc, SourceRange Window) const;

  const Stmt &Body;
  ASTContext &Ctx;
  ExprMutationAnalyzer Mutations;
  llvm::SmallPtrSet<const VarDecl *, 8> Visiting;
};

} // namespace clang::tidy::nd_checks::model
