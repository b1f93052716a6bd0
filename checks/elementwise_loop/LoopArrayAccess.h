// Recognising nd::array handles and their element accesses in the AST, for
// nd-elementwise-loop. The runtime is recognised by qualified name (::nd::array),
// never by spelling.
#pragma once

#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <vector>

namespace clang::tidy::nd_checks {

// Whether T (after references and qualifiers) is ::nd::array<E>; sets *Element to E.
bool isNdArrayType(QualType T, QualType *Element = nullptr);

// Whether F is declared in namespace ::nd (directly) and is named one of Names.
bool isNdFunction(const FunctionDecl *F, llvm::ArrayRef<llvm::StringRef> Names);

// The named array variable an expression refers to (`x`, `(x)`), or null.
const VarDecl *namedArray(const Expr *E);

// `a(i, j, ...)`: an element access of a named nd::array with one integer per index.
struct ElementAccess {
  const CXXOperatorCallExpr *Call = nullptr;
  const VarDecl *Array = nullptr;
  std::vector<const Expr *> Indices;
  QualType Element;
};
std::optional<ElementAccess> matchElementAccess(const Expr *E);

// `a(nd::all, col)`: a basic-indexing view of a named nd::array whose indices are
// nd::all or integer expressions. For each index, the integer expression or null for
// nd::all.
struct SliceAccess {
  const CXXOperatorCallExpr *Call = nullptr;
  const VarDecl *Array = nullptr;
  std::vector<const Expr *> Indices;
};
std::optional<SliceAccess> matchAllSlice(const Expr *E);

// E without parentheses and implicit nodes (casts, temporaries, cleanups).
const Expr *stripImplicit(const Expr *E);

// The variable E names, after parentheses and implicit casts, or null.
const VarDecl *referencedVar(const Expr *E);

} // namespace clang::tidy::nd_checks
