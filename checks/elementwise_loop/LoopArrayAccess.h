// Recognising nd::array handles and their element accesses in the AST, for
// nd-elementwise-loop. The runtime is recognised by qualified name (::nd::array),
// never by spelling.
#pragma once

#include "utils/ASTUtils.h"
#include "utils/NdDecls.h"

#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <vector>

namespace clang::tidy::nd_checks {

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

} // namespace clang::tidy::nd_checks
