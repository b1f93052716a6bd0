// The form nd-elementwise-loop rewrites an element-wise map loop into: the fastest
// one that keeps behaviour and that nd-chained-temporaries leaves alone, so that one
// `--fix` run gives code every nd check accepts.
//
// 0. The fused form (FusedWriter), where nd-chained-temporaries would fuse the chain:
//      auto res = nd::eval(nd::sqrt(nd::lazy(x)) + nd::exp(-nd::lazy(x)));
//    in the declaration when form 1's conditions hold, else nd::eval(e, dest).
// 1. The declaration of the destination, when the loop fills a fresh local declared
//    right before it and the expression has its shape and element type:
//      auto res = matrix.copy();  for (...) res(i, j) = (matrix(i, j) - mu[j]) / sd[j];
//    becomes
//      auto res = (matrix - nd::mean(matrix, 0)) / nd::stddev(matrix, 0);
//    (no copy pass, and the runtime elides the temporaries). Only when the runtime
//    allocates at most one array for it; else nd-chained-temporaries would rewrite it.
// 2. The out forms writing every step into the destination,
//      nd::subtract(matrix, nd::mean(matrix, 0), res);
//      nd::divide(res, nd::stddev(matrix, 0), res);
//    when that is provably the same as computing first and copying after (what
//    nd-chained-temporaries requires of a copyto it rewrites).
// 3. Otherwise nd::copyto(dest, expression).
#pragma once

#include "LoopArrayAccess.h"
#include "LoopBodyTranslator.h"

#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <optional>
#include <set>

#include <string>
#include <vector>

namespace clang::tidy::nd_checks {

struct MapLoop {
  const Stmt *Loop = nullptr;            // the outermost loop of the nest
  std::vector<const VarDecl *> LoopVars; // per loop level
  const VarDecl *Dest = nullptr;
  const Expr *Value = nullptr;        // the right-hand side of `dest(...) = value`
  std::vector<int> DestLevels;        // per destination axis: its loop level
  std::vector<int> OutputAxisOfLevel; // per loop level: the output axis
  const std::vector<SliceStatistic> *Statistics = nullptr;
  const std::vector<ElementAccess> *Reads = nullptr;
  bool DestPrivate = false; // no other handle can reach Dest's buffer
  // Loops over ranges (ShiftedAccess.h): the view of Dest the loop writes
  // (`d2(nd::slice(1, -1))`); empty for Dest itself. The declaration form is then
  // never chosen.
  std::string DestView;
};

// Writes a scalar expression that LoopBodyTranslator translates as the out forms that
// compute it into Dest one operation at a time, innermost first: the operations whose
// element type is the result's, following the first such operand of each. ReadsArray
// tells which subexpressions vary with the element (read an array).
class OutFormWriter {
public:
  OutFormWriter(llvm::function_ref<bool(const Expr *)> ReadsArray, LoopBodyTranslator &Translator)
      : ReadsArray(ReadsArray), Translator(Translator) {}

  // The statements (without ';'), or nullopt when Value has no such operation, or a
  // later step has an operand for which UnsafeLaterOperand is true (it would read what
  // an earlier step wrote).
  std::optional<std::vector<std::string>>
  steps(const Expr *Value, const std::string &Dest,
        llvm::function_ref<bool(const Expr *)> UnsafeLaterOperand);

  // The least number of arrays the operations of those steps allocate when the
  // expression is evaluated eagerly (model::elisionRule; operands that are not
  // operations count as named arrays): what nd-chained-temporaries compares with the
  // one buffer of the out forms.
  unsigned eagerSpineAllocations(const Expr *Value) const;

private:
  std::vector<const Expr *> spine(const Expr *Value) const;
  std::optional<std::string> stepText(const Expr *Node, const Expr *Previous,
                                      const std::string &Dest);

  llvm::function_ref<bool(const Expr *)> ReadsArray;
  LoopBodyTranslator &Translator;
};

// Writes a scalar expression that LoopBodyTranslator translates as its fused form
// (model/FusedForm.h), where nd-chained-temporaries would fuse the chain it translates
// to: at least model::MinFusedOperations operations, each with a form over expressions
// and of the result's shape, and every other operand that reads an array a leaf (an
// element access, a statistic, a lambda's parameter). In each operation with no
// operation operand its first array operand becomes nd::lazy(...), as
// model::lazyExpressionText does.
class FusedWriter {
public:
  struct Rules {
    llvm::function_ref<bool(const Expr *)> ReadsArray;
    llvm::function_ref<bool(const Expr *)> IsLeaf;
    // Whether the operation E has the result's shape.
    llvm::function_ref<bool(const Expr *)> ResultShape;
    // The expression a reference stands for (a lambda's `const` local), else null.
    llvm::function_ref<const Expr *(const Expr *)> Resolve;
  };
  FusedWriter(Rules R, LoopBodyTranslator &Translator) : R(R), Translator(Translator) {}

  // The lazy expression (without nd::eval), or nullopt where the chain does not fuse.
  // Consumer: the operations of the pass beyond the chain's own (1: the reduction that
  // sums it), which count towards model::MinFusedOperations as the chained check counts.
  std::optional<std::string> expression(const Expr *Value, unsigned Consumer = 0);

private:
  std::optional<unsigned> operations(const Expr *E, std::set<const Expr *> &Leaves) const;
  bool isOperation(const Expr *E) const;
  // E without parentheses, implicit casts and the references Resolve sees through.
  const Expr *through(const Expr *E) const;

  Rules R;
  LoopBodyTranslator &Translator;
};

struct MapRewrite {
  CharSourceRange Range;
  std::string Text;
};

// The rewrite of Loop; Broadcast is the translated value (`(matrix - ...) / ...`).
MapRewrite chooseMapRewrite(const MapLoop &Loop, const std::string &Broadcast,
                            LoopBodyTranslator &Translator, ASTContext &Context);

// The operand of nd::sum that Loop.Value (a summand, with no destination) fuses into:
// `nd::abs(nd::lazy(a) - b)` for `s += std::abs(a(i) - b(i))`, where nd-chained-temporaries
// would fuse nd::sum(nd::abs(a - b)) into the reduction (a full sum over an expression
// follows eager's summation tree, nd/lazy_reduce.hpp). Every operation must vary along
// every loop level; nullopt where the chain does not fuse.
std::optional<std::string> fusedSumOperand(const MapLoop &Loop, LoopBodyTranslator &Translator,
                                           ASTContext &Context);

} // namespace clang::tidy::nd_checks
