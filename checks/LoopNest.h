// The shape of a loop nest for nd-elementwise-loop: its levels (canonical headers
// `for (T v = 0; v < bound; ++v)`), the statements each outer level runs before the
// next one (per-slice statistics), and the innermost body.
#pragma once

#include "clang/AST/ASTContext.h"
#include "clang/AST/StmtCXX.h"
#include <string>
#include <vector>

namespace clang::tidy::nd_checks {

struct LoopLevel {
  const ForStmt *Loop = nullptr;
  const VarDecl *Var = nullptr;
  // The statements before the next level in this level's body (declarations only).
  std::vector<const Stmt *> Prelude;
};

struct LoopNest {
  std::vector<LoopLevel> Levels;
  const Stmt *Body = nullptr; // the innermost body, single-statement blocks unwrapped
};

// The variable a for loop declares in its init statement (`for (T v = ...; ...)`), if
// it declares exactly one integer variable.
const VarDecl *loopVariable(const ForStmt *Loop);

// Follows directly nested loops inward from Outer.
LoopNest buildLoopNest(const ForStmt *Outer);

// Whether Loop is the inner level of a nest starting further out, whose variable
// indexes an array inside Loop (that outer loop is then analysed and reported).
bool isInnerLevelOfNest(const ForStmt *Loop, ASTContext &Context);

// Whether Var indexes an nd::array (an element access or a view) anywhere in S.
bool indexesAnArray(const VarDecl *Var, const Stmt *S);

// Why the header of Level is not `for (T v = 0; v < bound; ++v)` with v unchanged in
// the body; empty when it is.
std::string headerProblem(const LoopLevel &Level, ASTContext &Context);

// `x.shape(k)` or `x.size()` (directly or through a local const variable initialised
// with one): the array and the axis (-1 for size()).
struct ExtentBound {
  const VarDecl *Array = nullptr;
  int Axis = -1;
};
std::optional<ExtentBound> resolveExtentBound(const ForStmt *Loop);

} // namespace clang::tidy::nd_checks
