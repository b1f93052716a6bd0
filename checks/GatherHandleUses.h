// How a function uses an nd::array handle: only reads it, writes elements through it
// (or through a view or a local copy of it, which share its buffer), lets it escape
// where this function cannot follow it, or observes its memory layout.
//
// The runtime is const-correct: everything that writes elements is a non-const member
// or takes a non-const array (`out`, nd::copyto's destination). Element access on a
// non-const array returns T&, so whether `a(i, j)` writes is decided by clang's
// ExprMutationAnalyzer on that element expression; views are followed to their uses.
#pragma once

#include "clang/AST/ASTContext.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <vector>

namespace clang::tidy::nd_checks::gather_downsampling {

enum class UseKind {
  Read,
  Written,        // elements are (or may be) written through the handle
  Escapes,        // the handle is stored or passed where its uses cannot be followed
  LayoutObserved, // data(), strides(), is_contiguous() or nd::shares_memory see the layout
};

struct HandleUse {
  UseKind Kind = UseKind::Read;
  const Stmt *Where = nullptr;
  // The use lies before the window being asked about (only escapes are reported there).
  bool BeforeWindow = false;
  bool isRead() const { return Kind == UseKind::Read; }
};

class HandleUseAnalysis {
public:
  HandleUseAnalysis(const Stmt &Body, ASTContext &Ctx);

  // The first use of the array that E denotes (an expression of nd::array type) other
  // than a read, following views and local copies. Writes are reported only inside
  // Window (an invalid range means the whole function); escapes anywhere, including
  // a pointer from data() or an element reference kept beyond its expression.
  HandleUse useOfExpr(const Expr *E, SourceRange Window);

  // The same over every reference to the local variable or parameter V.
  HandleUse useOfVar(const VarDecl *V, SourceRange Window);

  // Whether the handle V may be rebound in this function (assigned, moved from,
  // swapped, bound to a non-const reference, passed by non-const reference outside
  // nd), which can change its shape. For a reference to const, what it refers to can
  // still change through calls this function cannot see: see findOpaqueCall.
  bool mayBeRebound(const VarDecl *V);

  // The first call inside Window to a function outside namespaces ::nd and ::std: it
  // could write an array through a handle this function cannot see.
  const Stmt *findOpaqueCall(SourceRange Window);

  // Every reference to V in the body.
  std::vector<const DeclRefExpr *> referencesTo(const VarDecl *V);

private:
  HandleUse classify(const Expr *E, SourceRange Window, unsigned Depth, bool InWindow);
  HandleUse classifyVar(const VarDecl *V, SourceRange Window, unsigned Depth);
  HandleUse methodUse(const CXXMethodDecl *MD, const CallExpr *Call, SourceRange Window, unsigned Depth,
                      bool InWindow);
  HandleUse argumentUse(const Expr *CallLike, const Expr *Arg, bool InWindow);
  bool inWindow(SourceLocation Loc, SourceRange Window) const;
  bool elementAccessIsTransient(const Expr *Access);

  const Stmt &Body;
  ASTContext &Ctx;
  ExprMutationAnalyzer Mutations;
  llvm::SmallPtrSet<const VarDecl *, 8> Visiting;
};

} // namespace clang::tidy::nd_checks::gather_downsampling
