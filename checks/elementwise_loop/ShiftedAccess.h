// Loops over part of an axis, with a stride, or reading arrays at constant offsets
// from the loop variable (stencils, differences), for nd-elementwise-loop:
//   for (i = 1; i < n - 1; ++i) d2(i) = u(i - 1) - 2.0 * u(i) + u(i + 1);
// Each array read at offset k over [lo, hi) step s is the slice [lo + k, hi + k) step
// s, written with NumPy's slice semantics (`nd::slice(0, -2)`, `nd::slice(2,
// nd::none)`), and only where the slice provably stays inside the array: a loop that
// would throw nd::index_error must not become a slice that silently clips.
#pragma once

#include "LoopArrayAccess.h"
#include "LoopNest.h"

#include "clang/AST/ASTContext.h"
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::nd_checks {

// An index `v`, `v + k`, `v - k` or `k + v`, with k an integer constant.
struct ShiftedIndex {
  const VarDecl *Var = nullptr;
  int64_t Offset = 0;
};
std::optional<ShiftedIndex> shiftedIndex(const Expr *Index, const ASTContext &Context);

// A loop bound `extent + c` (extent: `a.shape(k)` or `a.size()`, directly or through
// an unmodified local) or a constant c (Array null).
struct AffineBound {
  const VarDecl *Array = nullptr;
  const Expr *ArrayExpr = nullptr; // the array as written in the extent call
  int Axis = -1;                   // -1 for size()
  int64_t Offset = 0;
};
std::optional<AffineBound> affineBound(const Expr *E, const ASTContext &Context);

// The iterations of one loop level: Start, Start + Step, ... while below Stop.
struct LevelRange {
  int64_t Start = 0;
  AffineBound Stop;
  const Expr *StopExpr = nullptr;
  int64_t Step = 1;
  // `for (v = 0; v < a.shape(k); ++v)`: the whole-extent form the check always handled.
  bool wholeExtent() const { return Start == 0 && Step == 1 && Stop.Array && Stop.Offset == 0; }
};
// The range of Level, or nullopt with Why set.
std::optional<LevelRange> levelRange(const LoopLevel &Level, ASTContext &Context, std::string &Why);

// Whether a map nest needs slices: some level is not a whole-extent loop, or some
// element access in Body reads a loop variable plus a non-zero constant.
bool needsSlices(const LoopNest &Nest, ASTContext &Context);

// The views that replace the element accesses of a nest whose levels run over Ranges.
class SlicePlan {
public:
  SlicePlan(std::vector<const VarDecl *> LoopVars, std::vector<LevelRange> Ranges,
            const Stmt *Scope, ASTContext &Context)
      : LoopVars(std::move(LoopVars)), Ranges(std::move(Ranges)), Scope(Scope), Context(Context) {}

  // The loop level and offset of an index, or nullopt if it is not a loop variable
  // plus a constant.
  std::optional<std::pair<int, int64_t>> levelOf(const Expr *Index) const;

  // The array of Access over the loop's ranges (`u(nd::slice(0, -2))`, or the name when
  // the view is the whole array), or nullopt with Why set when some slice is not
  // provably inside the array.
  std::optional<std::string> view(const ElementAccess &Access, std::string &Why) const;

private:
  std::optional<std::string> axisSlice(const ElementAccess &Access, unsigned Axis,
                                       std::string &Why) const;
  // How far below the extent of Array's axis Axis the bound Stop lies (extent - Stop),
  // when provable.
  std::optional<int64_t> gapBelowExtent(const AffineBound &Stop, const ElementAccess &Access,
                                        unsigned Axis) const;
  std::optional<AffineBound> declaredExtent(const VarDecl *Array, int Axis, unsigned Rank) const;
  bool sameExtent(const AffineBound &A, const AffineBound &B, unsigned Rank) const;
  std::string text(const Expr *E) const;

  std::vector<const VarDecl *> LoopVars;
  std::vector<LevelRange> Ranges;
  const Stmt *Scope;
  ASTContext &Context;
};

} // namespace clang::tidy::nd_checks
