// What the innermost body of a loop nest does, for nd-elementwise-loop: an element-wise
// assignment `y(i, j) = F`, an accumulation into a scalar (one row of the table of
// accumulations), a scan (an accumulation followed by `y(i, j) = s`), or other work. Kept apart
// from the check, as clang-tidy's LoopConvertUtils is from LoopConvertCheck; NestAnalysis.h decides
// what a classified nest becomes.
#pragma once

#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>

namespace clang::tidy::nd_checks {

enum class BodyKind { None, Map, Sum, Product, Count, MinMax, Scan, Other };

// One way a loop accumulates element values into a scalar, and what nd has for it:
// the reduction that replaces the loop, and the scan that replaces a loop storing every
// partial result (`s += x(i); y(i) = s;`).
struct Accumulation {
  BodyKind Kind;
  // How the loop writes it: `s += F` (Operator BO_AddAssign), `s *= F`, `if (C) ++n`
  // (Count; folds in 1 with +=), `s = std::min(s, F)` (BO_Assign with StdFunction).
  BinaryOperatorKind Operator;
  llvm::StringRef StdFunction;    // "min", "max"; empty for the compound assignments
  llvm::StringRef Combine;        // how the fix folds the reduction in: "+=", "*="
  std::optional<double> Identity; // the initial value the reduction makes redundant
  llvm::StringRef Name;           // nd's name for it: "sum", "prod", "min", "max"
  llvm::StringRef Reduction;      // "nd::sum"
  llvm::StringRef Scan;           // "nd::cumsum"
  llvm::StringRef Ufunc;          // the combination as a ufunc: "nd::add", "nd::maximum"
  llvm::StringRef Warning;        // the diagnostic for a loop of this kind
};

// Every accumulation the check recognises, one row each.
llvm::ArrayRef<Accumulation> accumulations();

struct BodyShape {
  BodyKind Kind = BodyKind::None;
  // Map and Scan: `y(...) = F` (for a scan, F is the accumulator); Sum/Product: `s op= F`.
  const BinaryOperator *Assignment = nullptr;
  const VarDecl *Accumulator = nullptr; // reductions and scans
  // Sum/Product: F; Count: the condition; MinMax: the argument that is not the
  // accumulator, when exactly one is; Scan: the summand of its accumulation.
  const Expr *Summand = nullptr;
  const Accumulation *Row = nullptr; // Sum, Product, Count, MinMax; a scan's accumulation
};

// What the body (the innermost loop's) does.
BodyShape classifyBody(const Stmt *Body);

// The warning for a nest whose body has Shape.
std::string warningFor(const BodyShape &Shape);

// The arithmetic variable E names, or null.
const VarDecl *scalarVariable(const Expr *E);

// The first break, continue, return, goto or throw in S: such a body may stop early or
// skip elements.
struct ControlFlow {
  const Stmt *At = nullptr;
  const char *What = "";
};
ControlFlow firstControlFlow(const Stmt *S);

// The first statement of S (or S) that comes from a macro expansion, if any: the
// statement that starts in one, else the first that ends in one (a loop whose body ends
// with a macro argument).
const Stmt *macroIn(const Stmt *S);

} // namespace clang::tidy::nd_checks
