// Recognises index arrays that are arithmetic progressions (nd::arange, directly or
// through an unmodified local variable, possibly reshaped with (nd::all, nd::newaxis))
// and derives the nd::slice that selects the same elements along one axis.
#pragma once

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::nd_checks::gather_downsampling {

// One nd::arange(start, stop, step) call used as an index array.
struct Progression {
  const CallExpr *Arange = nullptr;
  const Expr *Start = nullptr; // null: 0 (the one-argument form arange(stop))
  const Expr *Stop = nullptr;
  const Expr *Step = nullptr; // null: 1
  // The local variable the index names, when it is not the call itself.
  const VarDecl *Var = nullptr;
};

// An index operand of a gather: a progression, possibly reshaped by
// `(nd::all, nd::newaxis, ...)`, which gives it NewAxes trailing axes of length 1.
struct ProgressionOperand {
  Progression P;
  unsigned NewAxes = 0;
};

// The progression an index expression denotes: nd::arange(...) itself or a local,
// non-reference variable initialised from it. Whether the variable is modified is
// decided by the caller (it needs the function body).
std::optional<Progression> findProgression(const Expr *E);

// As findProgression, also accepting the reshaped form `p(nd::all, nd::newaxis...)`.
std::optional<ProgressionOperand> findProgressionOperand(const Expr *E);

// The constant shape of a local array variable when its initialiser makes it obvious
// (nd::zeros/ones/empty/full with a braced shape of constants, nd::arange with
// constant arguments, nd::linspace with a constant count). The caller must make sure the handle is
// never reassigned.
std::optional<std::vector<int64_t>> knownConstantShape(const VarDecl *Array, const ASTContext &Ctx);

// What is known about the axis a progression indexes.
struct AxisContext {
  const VarDecl *Array = nullptr; // the indexed array variable, if it is one
  unsigned Axis = 0;
  std::optional<std::vector<int64_t>> Shape; // Array's constant shape, if known
  // The progression's arguments were evaluated at a declaration, not at the gather:
  // the slice must not repeat their text (names may differ there), only their values.
  bool Moved = false;
};

// The nd::slice(...) spelling that selects the progression's elements, or why none is
// provably equivalent (a sentence fragment for a note).
struct SliceDerivation {
  std::string Slice;
  std::string WhyNot;
};
SliceDerivation deriveSlice(const Progression &P, const AxisContext &Axis, const ASTContext &Ctx);

// Whether an expression has no side effects and cannot throw: literals, variables,
// arithmetic, and shape(k)/size()/ndim() of an nd::array. Used before deleting the
// declaration of an index array that the fix makes unused.
bool isSideEffectFree(const Expr *E);

} // namespace clang::tidy::nd_checks::gather_downsampling
