// What the runtime's calls hand back, as the checks need to know it: whether an
// nd::array expression has a buffer of its own that nobody else can see (a fresh
// result, which the runtime may reuse for a later operation: temporary elision), or
// shares another array's buffer (a view), and the signatures of the reductions
// (axis, ddof, keepdims). One place, so that every check agrees with the runtime.
#pragma once

#include "model/NdFunctions.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <optional>

namespace clang::tidy::nd_checks::model {

enum class ArrayOrigin {
  Fresh,   // a new buffer: creation, copy(), astype, arithmetic, ufuncs, reductions,
           // advanced indexing (a gather copies)
  View,    // shares a buffer: a named handle, basic indexing, reshape/ravel/T views
  Unknown, // not an nd::array expression the model knows
};

// What the nd::array expression E (implicit nodes skipped) hands back.
ArrayOrigin originOf(const Expr *E);

// Whether E makes a new buffer (ArrayOrigin::Fresh).
inline bool createsFreshBuffer(const Expr *E) { return E && originOf(E) == ArrayOrigin::Fresh; }

// isReductionName: model/NdFunctions.h.

// A call of a reduction, with its arguments as the runtime reads them:
//   nd::var(a, axis[, ddof][, nd::keepdims])
struct ReductionCall {
  const CallExpr *Call = nullptr;
  llvm::StringRef Name;
  const Expr *Array = nullptr;
  const Expr *Axis = nullptr;          // null: over all axes
  llvm::SmallVector<unsigned, 2> Axes; // the constant, non-negative axes, ascending
  bool AxesKnown = false;              // Axis is such a constant
  const Expr *Ddof = nullptr;          // var and stddev
  bool KeepDims = false;               // an nd::keepdims argument
};
std::optional<ReductionCall> matchReduction(const Expr *E);

// Whether E names the runtime's nd::keepdims.
bool isKeepDimsTag(const Expr *E);

// The items a shape or axis argument lists: `{n, 4}` and `nd::shape_t{n, 4}` give n
// and 4; any other expression (`5`, a named shape) is a list of itself.
llvm::SmallVector<const Expr *, 4> listedItems(const Expr *E);

// The non-negative integer constants a shape or axis argument spells: `5`, `{3, 4}`,
// `nd::shape_t{3, 4}`; nullopt when one is not such a constant.
std::optional<llvm::SmallVector<int64_t, 4>> constantIntegers(const Expr *E, const ASTContext &Ctx);

} // namespace clang::tidy::nd_checks::model
