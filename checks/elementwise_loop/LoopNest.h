// The shape of a loop nest for nd-elementwise-loop: its levels (canonical headers
// `for (T v = 0; v < bound; ++v)`, or `for (T v : std::views::iota(0, bound))`), the
// statements each outer level runs before the
// next one (per-slice statistics), and the innermost body.
#pragma once

#include "clang/AST/ASTContext.h"
#include "clang/AST/StmtCXX.h"
#include <string>
#include <vector>

namespace clang::tidy::nd_checks {

struct LoopLevel {
  const Stmt *Loop = nullptr; // a ForStmt or a CXXForRangeStmt
  const VarDecl *Var = nullptr;
  // The statements before the next level in this level's body (declarations only).
  std::vector<const Stmt *> Prelude;
};

struct LoopNest {
  std::vector<LoopLevel> Levels;
  const Stmt *Body = nullptr; // the innermost body, single-statement blocks unwrapped
};

// The variable a for loop declares in its init statement (`for (T v = ...; ...)`), if
// it declares exactly one integer variable; or the integer variable of a range-based
// for loop over an index range (`std::views::iota(a, b)`, `std::ranges::iota_view`).
const VarDecl *loopVariable(const Stmt *Loop);

// The body of a ForStmt or CXXForRangeStmt.
const Stmt *loopBody(const Stmt *Loop);

// The expression the loop variable is compared with (the whole condition if it is not
// a comparison), or the end of an index range; null without one.
const Expr *loopLimit(const Stmt *Loop);

// `std::views::iota(Start[, Bound])` or `std::ranges::iota_view(Start[, Bound])`: the
// range of a range-based for loop over indices.
struct IndexRange {
  const Expr *Start = nullptr;
  const Expr *Bound = nullptr; // null for an unbounded range
};
std::optional<IndexRange> indexRange(const CXXForRangeStmt *Loop);

// Follows directly nested loops inward from Outer.
LoopNest buildLoopNest(const Stmt *Outer);

// Whether Loop is the inner level of a nest starting further out, whose variable
// indexes an array inside Loop (that outer loop is then analysed and reported).
bool isInnerLevelOfNest(const Stmt *Loop, ASTContext &Context);

// Whether Var indexes an nd::array (an element access or a view) anywhere in S.
bool indexesAnArray(const VarDecl *Var, const Stmt *S);

// Why the header of Level is not `for (T v = 0; v < bound; ++v)` with v unchanged in
// the body; empty when it is.
std::string headerProblem(const LoopLevel &Level, ASTContext &Context);

// Whether V is a local variable with an initialiser that keeps its initial value: it is
// `const`, or nothing in its function modifies it (ExprMutationAnalyzer).
bool isUnmodifiedLocal(const VarDecl *V);

// `x.shape(k)` or `x.size()` (directly or through a local variable initialised with
// one that keeps its value, see isUnmodifiedLocal): the array and the axis (-1 for
// size()).
struct ExtentBound {
  const VarDecl *Array = nullptr;
  int Axis = -1;
};
std::optional<ExtentBound> resolveExtentBound(const Stmt *Loop);

// The statement right before S in its block, if S is a statement of a block.
const Stmt *previousStatement(const Stmt *S, ASTContext &Context);

// The loop's text, with the semicolon that ends a body without braces.
CharSourceRange loopRange(const Stmt *Loop, const ASTContext &Context);

} // namespace clang::tidy::nd_checks
