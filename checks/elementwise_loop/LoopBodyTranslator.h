// Turns the scalar element expression of an element-wise loop body into the
// broadcasting nd:: expression that computes all elements at once, for
// nd-elementwise-loop. `(matrix(row, col) - col_mean) / col_std` with output axes
// (row, col) becomes `(matrix - nd::mean(matrix, 0)) / nd::stddev(matrix, 0)`.
//
// The translation refuses (with a reason) anything whose broadcasting form could
// behave differently from the loop: calls without a ufunc, writes, volatile reads,
// indices other than the loop variables, C++ promotions that nd would not do, and
// integer division (C++ truncates, nd::divide divides exactly).
#pragma once

#include "LoopArrayAccess.h"
#include "clang/AST/ASTContext.h"
#include <map>
#include <set>
#include <string>

namespace clang::tidy::nd_checks {

class SlicePlan;
struct ClampForm;

// A statistic of one slice per outer iteration, `double m = nd::mean(a(nd::all, c));`,
// which becomes the axis reduction `nd::mean(a, 0)` indexed by the loop variables.
struct SliceStatistic {
  const VarDecl *Var = nullptr;
  std::string Reduction; // "mean", "stddev", ...
  const VarDecl *Array = nullptr;
  std::vector<int> LevelOfAxis; // per axis of Array: the loop level indexing it, or -1 for nd::all
};

// Why there is no fix: where, and a sentence (lower case, no trailing period).
struct TranslationFailure {
  SourceLocation Loc;
  std::string Reason;
  // An iteration reads what an earlier one wrote (`y(i) = y(i - 1) + x(i)`): the loop
  // is a recurrence, not an element-wise loop, and the check says nothing of it.
  bool Recurrence = false;
};

class LoopBodyTranslator {
public:
  // LoopVars[L] is the variable of loop level L; OutputAxisOfLevel[L] the axis of the
  // result that level L runs over. Dest is the written array (null for reductions).
  LoopBodyTranslator(const ASTContext &Context, std::vector<const VarDecl *> LoopVars,
                     std::vector<int> OutputAxisOfLevel, const VarDecl *Dest,
                     std::vector<const Expr *> DestIndices,
                     const std::vector<SliceStatistic> &Statistics);

  // Scalar lambdas (nd::vectorize, std::transform): a reference to D stands for the
  // operand Text (an array or a scalar) and varies like an element access does.
  void bindOperand(const ValueDecl *D, std::string Text);
  // A `const` local of the lambda: a reference to D becomes its translated
  // initialiser, in parentheses where the context needs them.
  void bindLocal(const VarDecl *D, const Expr *Init);
  // How many references to a bound operand or local were translated.
  unsigned uses(const ValueDecl *D) const;
  // Loops over partial ranges, with strides or shifted indices (ShiftedAccess.h): an
  // element access `u(i - 1)` becomes the view Plan gives it, `u(nd::slice(0, -2))`.
  void setSlicePlan(const SlicePlan *Plan) { this->Plan = Plan; }
  // The fused form (model/FusedForm.h): the operands whose translation is wrapped in
  // nd::lazy(...), as the loop body spells them (no parentheses or implicit casts).
  void setLazyLeaves(const std::set<const Expr *> *Leaves) { LazyLeaves = Leaves; }
  // The subject of the failure reasons: "the loop" (default), "the lambda".
  void setSubject(std::string S) { Subject = std::move(S); }

  // The broadcasting expression for E, or nullopt with failure() set.
  std::optional<std::string> translate(const Expr *E);
  const TranslationFailure &failure() const { return Failure; }
  const ASTContext &context() const { return Context; }

  // Every element access read by the translated expressions.
  const std::vector<ElementAccess> &reads() const { return Reads; }
  // The loop levels that some translated operand is indexed by.
  const std::vector<bool> &levelsUsed() const { return LevelsUsed; }

  // The operand text for Base (an array-valued expression whose axes are indexed by
  // the loop levels LevelOfAxis) laid out along the output axes: transposed when its
  // axes come in another order, with nd::newaxis where an output axis is missing.
  std::string layout(std::string Base, const std::vector<int> &LevelOfAxis) const;

private:
  std::optional<std::string> translateVariant(const Expr *E);
  std::optional<std::string> translateReference(const DeclRefExpr *Ref);
  std::optional<std::string> translateBinary(const BinaryOperator *Op);
  std::optional<std::string> translateUnary(const UnaryOperator *Op);
  std::optional<std::string> translateConditional(const ConditionalOperator *Cond);
  std::optional<std::string> translateClamp(const ClampForm &Clamp);
  std::optional<std::string> translateOperand(const Expr *E);
  // translateOperand for a whole argument of a call, which groups on its own.
  std::optional<std::string> translateArgument(const Expr *E);
  std::optional<std::string> translateCall(const CallExpr *Call);
  std::optional<std::string> translateAccess(const ElementAccess &Access);
  std::optional<std::string> translateShiftedAccess(const ElementAccess &Access);
  std::optional<std::string> translateStatistic(const SliceStatistic &Stat);
  bool checkNoPromotion(const Expr *Operand);
  // A read of the destination behind the written element (or at other indices) in E.
  const ElementAccess *earlierIterationRead(const Expr *E);
  bool isBoundLocal(const Expr *E) const;
  bool isVariant(const Expr *E) const;
  bool checkPureInvariant(const Expr *E);
  int levelOf(const Expr *Index) const;
  std::string text(const Expr *E) const;
  std::optional<std::string> fail(SourceLocation Loc, std::string Reason, bool Recurrence = false);
  // "the loop body" for loops, else the subject.
  std::string bodySubject() const { return Subject == "the loop" ? "the loop body" : Subject; }

  const ASTContext &Context;
  std::vector<const VarDecl *> LoopVars;
  std::vector<int> OutputAxisOfLevel;
  int NumOutputAxes;
  const VarDecl *Dest;
  std::vector<int> DestLevels;
  std::vector<const Expr *> DestIndices;
  const SlicePlan *Plan = nullptr;
  const std::set<const Expr *> *LazyLeaves = nullptr;
  const std::vector<SliceStatistic> &Statistics;
  std::vector<ElementAccess> Reads;
  std::vector<bool> LevelsUsed;
  TranslationFailure Failure;
  ElementAccess CarriedRead;
  std::vector<const ValueDecl *> BoundDecls;
  std::map<const ValueDecl *, std::string> BoundOperands;
  std::map<const ValueDecl *, const Expr *> BoundLocals;
  std::map<const ValueDecl *, unsigned> Uses;
  std::string Subject = "the loop";
};

} // namespace clang::tidy::nd_checks
