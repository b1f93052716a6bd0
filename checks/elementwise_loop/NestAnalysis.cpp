#include "NestAnalysis.h"

#include "BestForm.h"
#include "LoopArrayAccess.h"
#include "LoopBodyTranslator.h"
#include "LoopMapForm.h"
#include "RangedMapLoop.h"
#include "ScanLoop.h"
#include "ShiftedAccess.h"
#include "model/ArrayShapes.h"
#include "model/HandleBuffers.h"
#include "utils/ASTUtils.h"
#include "utils/NdDecls.h"

#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"
#include "clang/Lex/Lexer.h"
#include "clang/Tooling/FixIt.h"
#include <numeric>

namespace clang::tidy::nd_checks {

using tooling::fixit::getText;

using model::initialisedWithShapeOf;
using model::ownsPrivateBuffer;
using model::provablySameShape;

namespace {

// Everything the fix needs to know about one nest, and the reasons it cannot have one.
class NestAnalysis {
public:
  NestAnalysis(const LoopNest &Nest, const BodyShape &Shape, const Stmt *Scope, ASTContext &Context)
      : Nest(Nest), Shape(Shape), Scope(Scope), Context(Context) {
    for (const LoopLevel &Level : Nest.Levels)
      LoopVars.push_back(Level.Var);
  }

  NestFix Result;

  void analyse() {
    if (Shape.Kind == BodyKind::Map)
      analyseMap();
    else if (Shape.Kind == BodyKind::Sum || Shape.Kind == BodyKind::Product ||
             Shape.Kind == BodyKind::Count)
      analyseReduction();
    else if (Shape.Kind == BodyKind::Scan)
      analyseScan();
    else if (Shape.Kind == BodyKind::MinMax)
      reject(Nest.Body->getBeginLoc(),
             Shape.Row->Reduction.str() +
                 " throws on an empty array and propagates NaN, where "
                 "the loop leaves '" +
                 Shape.Accumulator->getNameAsString() + "' unchanged; write '" +
                 Shape.Accumulator->getNameAsString() + " = std::" + Shape.Row->StdFunction.str() +
                 "(" + Shape.Accumulator->getNameAsString() + ", " + Shape.Row->Reduction.str() +
                 "(...))' where the array is never empty");
    else if (const Stmt *Carry = carriedScalarWrite())
      reject(Carry->getBeginLoc(),
             "the scalar '" + carriedScalar(Carry)->getNameAsString() +
                 "' is carried from one iteration to the next, which is not a recognised "
                 "reduction (loop-carried dependency)",
             /*Recurrence=*/true);
    else if (const Stmt *Scatter = scatterWrite())
      reject(Scatter->getBeginLoc(),
             "an element is written at an index read from an array (a scatter); NumPy's "
             "buffered 'a[idx] += v' differs from the loop where indices repeat",
             /*Recurrence=*/true);
    else
      reject(Nest.Body->getBeginLoc(),
             "the loop body is not one element-wise assignment or reduction (side effects)");
  }

private:
  // The scalar a write in the body assigns, if it is declared outside the nest.
  const VarDecl *carriedScalar(const Stmt *S) const {
    const VarDecl *V = nullptr;
    if (const auto *Op = dyn_cast<BinaryOperator>(S))
      V = Op->isAssignmentOp() || Op->isCompoundAssignmentOp() ? scalarVariable(Op->getLHS())
                                                               : nullptr;
    else if (const auto *Op = dyn_cast<UnaryOperator>(S))
      V = Op->isIncrementDecrementOp() ? scalarVariable(Op->getSubExpr()) : nullptr;
    if (!V)
      return nullptr;
    const SourceManager &SM = Context.getSourceManager();
    bool Outside =
        SM.isBeforeInTranslationUnit(V->getLocation(), Nest.Levels[0].Loop->getBeginLoc());
    return Outside ? V : nullptr;
  }

  // Whether an element access of an array occurs in E (a data-dependent subscript).
  static bool readsElement(const Expr *E) {
    llvm::SmallVector<const Stmt *, 16> Work{E};
    while (!Work.empty()) {
      const Stmt *S = Work.pop_back_val();
      if (!S)
        continue;
      if (const auto *Sub = dyn_cast<Expr>(S); Sub && matchElementAccess(Sub))
        return true;
      Work.append(S->child_begin(), S->child_end());
    }
    return false;
  }

  // The written element access of S (an assignment, compound assignment or increment).
  static std::optional<ElementAccess> writtenElement(const Stmt *S) {
    const Expr *Target = nullptr;
    if (const auto *Op = dyn_cast<BinaryOperator>(S))
      Target = Op->isAssignmentOp() || Op->isCompoundAssignmentOp() ? Op->getLHS() : nullptr;
    else if (const auto *Op = dyn_cast<UnaryOperator>(S))
      Target = Op->isIncrementDecrementOp() ? Op->getSubExpr() : nullptr;
    else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S))
      Target = Op->isAssignmentOp() && Op->getNumArgs() > 0 ? Op->getArg(0) : nullptr;
    return Target ? matchElementAccess(Target->IgnoreParenImpCasts()) : std::nullopt;
  }

  // The first write in the body of an element at an index read from an array,
  // `counts(code(i)) += 1`: a histogram or np.add.at, whose iterations may hit one
  // element several times. No broadcasting expression computes it; the check is silent.
  const Stmt *scatterWrite() const {
    llvm::SmallVector<const Stmt *, 16> Work{Nest.Body};
    while (!Work.empty()) {
      const Stmt *S = Work.pop_back_val();
      if (!S)
        continue;
      if (std::optional<ElementAccess> Written = writtenElement(S))
        for (const Expr *Index : Written->Indices)
          if (readsElement(Index))
            return S;
      Work.append(S->child_begin(), S->child_end());
    }
    return nullptr;
  }

  // The first write in the body to a scalar declared before the loop.
  const Stmt *carriedScalarWrite() const {
    llvm::SmallVector<const Stmt *, 16> Work{Nest.Body};
    while (!Work.empty()) {
      const Stmt *S = Work.pop_back_val();
      if (!S)
        continue;
      if (carriedScalar(S))
        return S;
      llvm::SmallVector<const Stmt *, 8> Children(S->child_begin(), S->child_end());
      Work.append(Children.rbegin(), Children.rend());
    }
    return nullptr;
  }

  void reject(SourceLocation Loc, std::string Reason, bool Recurrence = false) {
    if (!Result.Problem)
      Result.Problem = {Loc, std::move(Reason), Recurrence};
  }

  bool parseStatistics() {
    for (size_t L = 0; L < Nest.Levels.size(); ++L) {
      for (const Stmt *S : Nest.Levels[L].Prelude) {
        const auto *Decl = cast<DeclStmt>(S);
        const auto *Var = Decl->isSingleDecl() ? dyn_cast<VarDecl>(Decl->getSingleDecl()) : nullptr;
        const auto *Call =
            Var && Var->getInit() ? dyn_cast<CallExpr>(Var->getInit()->IgnoreImplicit()) : nullptr;
        std::optional<SliceAccess> Slice;
        if (Call && Call->getNumArgs() == 1 &&
            utils::isNdFunction(Call->getDirectCallee(),
                                {"mean", "stddev", "var", "sum", "prod", "min", "max"}))
          Slice = matchAllSlice(Call->getArg(0));
        if (!Slice) {
          reject(S->getBeginLoc(), "'" + getText(*S, Context).str() +
                                       "' is not a per-slice statistic such as "
                                       "'nd::mean(a(nd::all, i))'");
          return false;
        }
        SliceStatistic Stat;
        Stat.Var = Var;
        Stat.Reduction = Call->getDirectCallee()->getName().str();
        Stat.Array = Slice->Array;
        for (const Expr *Index : Slice->Indices) {
          int Level = -1;
          if (Index) {
            const VarDecl *V = utils::referencedVar(Index);
            auto It = std::find(LoopVars.begin(), LoopVars.begin() + L + 1, V);
            if (!V || It == LoopVars.begin() + L + 1) {
              reject(Index->getBeginLoc(), "the slice index '" + getText(*Index, Context).str() +
                                               "' is not a loop variable (index shape)");
              return false;
            }
            Level = static_cast<int>(It - LoopVars.begin());
          }
          Stat.LevelOfAxis.push_back(Level);
        }
        if (Var->getType().getCanonicalType().getUnqualifiedType() !=
            Call->getType().getCanonicalType().getUnqualifiedType()) {
          reject(Var->getLocation(), "'" + Var->getNameAsString() +
                                         "' converts the result of nd::" + Stat.Reduction +
                                         " to another type");
          return false;
        }
        if (ExprMutationAnalyzer(*loopBody(Nest.Levels[L].Loop), Context).isMutated(Var)) {
          reject(Var->getLocation(), "'" + Var->getNameAsString() + "' is modified in the loop");
          return false;
        }
        Statistics.push_back(Stat);
      }
    }
    return true;
  }

  // Each loop must run over the whole extent of an array it indexes at that axis.
  bool checkBounds(const std::vector<ElementAccess> &Accesses) {
    for (size_t L = 0; L < Nest.Levels.size(); ++L) {
      const LoopLevel &Level = Nest.Levels[L];
      std::optional<ExtentBound> Bound = resolveExtentBound(Level.Loop);
      bool Indexed = false;
      if (Bound) {
        auto Matches = [&](const VarDecl *Array, const std::vector<int> &LevelOfAxis) {
          if (Array != Bound->Array)
            return false;
          if (Bound->Axis < 0)
            return LevelOfAxis.size() == 1 && LevelOfAxis[0] == static_cast<int>(L);
          return Bound->Axis < static_cast<int>(LevelOfAxis.size()) &&
                 LevelOfAxis[Bound->Axis] == static_cast<int>(L);
        };
        for (const ElementAccess &Access : Accesses)
          Indexed |= Matches(Access.Array, levelsOf(Access.Indices));
        for (const SliceStatistic &Stat : Statistics)
          Indexed |= Matches(Stat.Array, Stat.LevelOfAxis);
      }
      if (!loopLimit(Level.Loop)) {
        reject(Level.Loop->getBeginLoc(), "the loop over '" + Level.Var->getNameAsString() +
                                              "' has no condition (index shape)");
        return false;
      }
      if (!Indexed) {
        const Expr *Limit = loopLimit(Level.Loop);
        reject(Limit->getBeginLoc(),
               "the bound '" + getText(*Limit, Context).str() + "' of the loop over '" +
                   Level.Var->getNameAsString() +
                   "' is not the extent ('a.shape(k)' or 'a.size()') of an array it indexes "
                   "at that axis, so the loop may not cover the whole array (index shape)");
        return false;
      }
      Bounds.push_back(*Bound);
    }
    return true;
  }

  std::vector<int> levelsOf(const std::vector<const Expr *> &Indices) const {
    std::vector<int> Levels;
    for (const Expr *Index : Indices) {
      auto It = std::find(LoopVars.begin(), LoopVars.end(), utils::referencedVar(Index));
      Levels.push_back(It == LoopVars.end() ? -1 : static_cast<int>(It - LoopVars.begin()));
    }
    return Levels;
  }

  // The destination `y(i, j)` of a map and the output axis each loop level writes.
  struct MapDestination {
    ElementAccess Target;
    std::vector<int> DestLevels;        // per axis of y: the loop level indexing it
    std::vector<int> OutputAxisOfLevel; // per loop level: the axis of y it indexes
  };

  void analyseMap() {
    if (needsSlices(Nest, Context))
      return analyseRangedMap();
    std::optional<MapDestination> Dest = mapDestination();
    if (!Dest || !parseStatistics() || readsDestinationInStatistic(Dest->Target))
      return;
    LoopBodyTranslator Translator(Context, LoopVars, Dest->OutputAxisOfLevel, Dest->Target.Array,
                                  Dest->Target.Indices, Statistics);
    std::optional<std::string> Broadcast = Translator.translate(Shape.Assignment->getRHS());
    if (!Broadcast)
      return reject(Translator.failure().Loc, Translator.failure().Reason,
                    Translator.failure().Recurrence);
    std::vector<ElementAccess> Accesses = Translator.reads();
    Accesses.push_back(Dest->Target);
    if (!checkBounds(Accesses) || !destinationSpansLoops(*Dest))
      return;
    std::vector<ElementAccess> Reads = Translator.reads();
    std::optional<bool> DestPrivate = checkAliasing(Dest->Target.Array, Reads);
    if (!DestPrivate)
      return;
    MapLoop Loop{Nest.Levels[0].Loop, LoopVars,
                 Dest->Target.Array,  Shape.Assignment->getRHS(),
                 Dest->DestLevels,    Dest->OutputAxisOfLevel,
                 &Statistics,         &Reads,
                 *DestPrivate};
    MapRewrite Rewrite = chooseMapRewrite(Loop, *Broadcast, Translator, Context);
    Result.Replacement = Rewrite.Text;
    Result.ReplacedRange = Rewrite.Range;
  }

  // Loops over ranges of the extents (RangedMapLoop.h) become slice assignments.
  void analyseRangedMap() {
    Result.OverRanges = true;
    RangedMap Ranged = nd_checks::analyseRangedMap(Nest, Shape.Assignment, Scope, Context);
    if (!Ranged.Replacement)
      return reject(Ranged.ProblemLoc, Ranged.Problem, Ranged.Recurrence);
    Result.Replacement = Ranged.Replacement;
    Result.ReplacedRange = Ranged.Range;
  }

  // Each axis of the destination is indexed by its own loop variable, and each loop
  // variable indexes an axis (else iterations write the same element).
  std::optional<MapDestination> mapDestination() {
    MapDestination Dest{*matchElementAccess(Shape.Assignment->getLHS()), {}, {}};
    const ElementAccess &Target = Dest.Target;
    Dest.DestLevels = levelsOf(Target.Indices);
    for (size_t A = 0; A < Dest.DestLevels.size(); ++A)
      if (Dest.DestLevels[A] < 0) {
        reject(Target.Indices[A]->getBeginLoc(),
               "the index '" + getText(*Target.Indices[A], Context).str() +
                   "' is not a loop variable (index shape); only whole-extent loops "
                   "become broadcasting");
        return std::nullopt;
      }
    Dest.OutputAxisOfLevel.assign(LoopVars.size(), -1);
    for (size_t A = 0; A < Dest.DestLevels.size(); ++A) {
      if (Dest.OutputAxisOfLevel[Dest.DestLevels[A]] >= 0) {
        reject(Target.Call->getBeginLoc(), "'" + getText(*Target.Call, Context).str() +
                                               "' uses one loop variable for two axes");
        return std::nullopt;
      }
      Dest.OutputAxisOfLevel[Dest.DestLevels[A]] = static_cast<int>(A);
    }
    for (size_t L = 0; L < LoopVars.size(); ++L)
      if (Dest.OutputAxisOfLevel[L] < 0) {
        reject(Target.Call->getBeginLoc(),
               "'" + getText(*Target.Call, Context).str() + "' does not depend on '" +
                   LoopVars[L]->getNameAsString() +
                   "': iterations write the same element, a loop-carried dependency");
        return std::nullopt;
      }
    return Dest;
  }

  // A per-slice statistic of the destination reads what the loop writes.
  bool readsDestinationInStatistic(const ElementAccess &Target) {
    for (const SliceStatistic &Stat : Statistics)
      if (Stat.Array == Target.Array) {
        reject(Stat.Var->getLocation(),
               "'" + Stat.Var->getNameAsString() + "' reads the destination '" +
                   Target.Array->getNameAsString() +
                   "' while the loop writes it, a loop-carried dependency",
               /*Recurrence=*/true);
        return true;
      }
    return false;
  }

  // The destination's extent along each axis must be the loop's, or copyto would
  // broadcast into (or reject) elements the loop never touched.
  bool destinationSpansLoops(const MapDestination &Dest) {
    const VarDecl *Array = Dest.Target.Array;
    for (size_t L = 0; L < LoopVars.size(); ++L) {
      const ExtentBound &Bound = Bounds[L];
      int Axis = Dest.OutputAxisOfLevel[L];
      bool SameAxis = Bound.Axis == Axis || (Bound.Axis < 0 && Dest.DestLevels.size() == 1);
      bool Proven = SameAxis && (Bound.Array == Array ||
                                 initialisedWithShapeOf(Array, Bound.Array, Scope, Context));
      if (!Proven) {
        const Expr *Limit = loopLimit(Nest.Levels[L].Loop);
        reject(Limit->getBeginLoc(),
               "the loop over '" + LoopVars[L]->getNameAsString() + "' runs to '" +
                   getText(*Limit, Context).str() + "', which is not provably the extent of '" +
                   Array->getNameAsString() + "' along axis " + std::to_string(Axis) +
                   " (index shape); bound it by '" + Array->getNameAsString() + ".shape(" +
                   std::to_string(Axis) + ")'");
        return false;
      }
    }
    return true;
  }

  // Aliasing: the rewrite reads every input before writing, the loop interleaves reads
  // and writes; they agree unless another array overlaps the destination. Whether the
  // destination owns a private buffer, or nullopt (rejected).
  std::optional<bool> checkAliasing(const VarDecl *Dest, const std::vector<ElementAccess> &Reads) {
    std::vector<const VarDecl *> ReadArrays;
    for (const ElementAccess &Access : Reads)
      ReadArrays.push_back(Access.Array);
    for (const SliceStatistic &Stat : Statistics)
      ReadArrays.push_back(Stat.Array);
    const Stmt *Outer = Nest.Levels[0].Loop;
    bool DestPrivate = ownsPrivateBuffer(Dest, Scope, Outer, Context);
    for (const VarDecl *Read : ReadArrays) {
      if (Read == Dest || DestPrivate || ownsPrivateBuffer(Read, Scope, Outer, Context))
        continue;
      reject(Shape.Assignment->getBeginLoc(),
             "'" + Dest->getNameAsString() + "' and '" + Read->getNameAsString() +
                 "' may share memory (aliasing); the fix is offered when one of them is "
                 "a local array with its own buffer, e.g. from copy() or nd::empty_like");
      return std::nullopt;
    }
    return DestPrivate;
  }

  void analyseReduction() {
    const VarDecl *Acc = Shape.Accumulator;
    bool Counting = Shape.Kind == BodyKind::Count;
    if (!Acc->hasLocalStorage() || Acc->getType().isVolatileQualified())
      return reject(Acc->getLocation(), "the accumulator '" + Acc->getNameAsString() +
                                            "' is not a local variable (side effects)");
    for (const LoopLevel &Level : Nest.Levels)
      if (!Level.Prelude.empty())
        return reject(Level.Prelude.front()->getBeginLoc(),
                      "the loop does more than accumulate (side effects)");
    if (!Counting) {
      QualType AccType = Acc->getType().getCanonicalType().getUnqualifiedType();
      QualType SumType =
          Shape.Summand->IgnoreParenImpCasts()->getType().getCanonicalType().getUnqualifiedType();
      if (AccType != SumType || !AccType->isArithmeticType() || AccType->isBooleanType())
        return reject(Shape.Summand->getBeginLoc(),
                      "the accumulator '" + Acc->getNameAsString() + "' has type '" +
                          AccType.getAsString() + "' and the loop adds '" + SumType.getAsString() +
                          "', which nd's reduction would not convert alike");
    } else if (!Acc->getType()->isIntegerType()) {
      return reject(Acc->getLocation(),
                    "the counter '" + Acc->getNameAsString() + "' is not an integer");
    }
    if (utils::mentions(Shape.Summand, Acc))
      return reject(Shape.Summand->getBeginLoc(),
                    "'" + getText(*Shape.Summand, Context).str() + "' reads the accumulator '" +
                        Acc->getNameAsString() + "', a loop-carried dependency",
                    /*Recurrence=*/true);
    std::vector<int> Identity(LoopVars.size());
    std::iota(Identity.begin(), Identity.end(), 0);
    LoopBodyTranslator Translator(Context, LoopVars, Identity, nullptr, {}, Statistics);
    std::optional<std::string> Broadcast = Translator.translate(Shape.Summand);
    if (!Broadcast)
      return reject(Translator.failure().Loc, Translator.failure().Reason);
    for (size_t L = 0; L < LoopVars.size(); ++L)
      if (!Translator.levelsUsed()[L])
        return reject(Shape.Summand->getBeginLoc(), "'" + getText(*Shape.Summand, Context).str() +
                                                        "' does not depend on '" +
                                                        LoopVars[L]->getNameAsString() + "'");
    if (!checkBounds(Translator.reads()))
      return;
    std::string Total = Shape.Row->Reduction.str() + "(" + *Broadcast + ")";
    if (Shape.Kind == BodyKind::Sum) {
      // `s += x(i) * y(i)`: nd::vdot, with no temporary for the products (BestForm.h).
      if (std::optional<std::string> Dot =
              innerProductForm(Shape.Summand, Acc->getType(), LoopVars, Scope, Context))
        Total = *Dot;
      // A chain nd-chained-temporaries would fuse into the sum is written fused, so that
      // the fix is already its fixed point: nd::sum(nd::abs(nd::lazy(a) - b)).
      else if (std::optional<std::string> Fused = fusedSummand(Translator))
        Total = "nd::sum(" + *Fused + ")";
    }
    std::string Name = Acc->getNameAsString();
    Result.ReplacedRange = loopRange(Nest.Levels[0].Loop, Context);
    Result.Replacement = Name + " " + Shape.Row->Combine.str() + " " + Total + ";";
    // `double s = 0; for (...) s += x(i);` becomes `double s = nd::sum(x);`.
    const auto *Decl = dyn_cast_or_null<DeclStmt>(previousStatement(Nest.Levels[0].Loop, Context));
    if (Decl && Decl->isSingleDecl() && Decl->getSingleDecl() == Acc && Acc->getInit() &&
        !Decl->getBeginLoc().isMacroID()) {
      const Expr *Init = Acc->getInit()->IgnoreParenImpCasts();
      // The initial value must be the reduction's identity, so that dropping it is exact.
      std::optional<double> Value;
      if (const auto *Int = dyn_cast<IntegerLiteral>(Init))
        Value = static_cast<double>(Int->getValue().getZExtValue());
      else if (const auto *Float = dyn_cast<FloatingLiteral>(Init))
        Value = Float->getValueAsApproximateDouble();
      if (Value && *Value == *Shape.Row->Identity) {
        std::string Prefix = Lexer::getSourceText(CharSourceRange::getCharRange(Decl->getBeginLoc(),
                                                                                Acc->getLocation()),
                                                  Context.getSourceManager(), Context.getLangOpts())
                                 .str();
        Result.Replacement = Prefix + Name + " = " + Total + ";";
        Result.ReplacedRange.setBegin(Decl->getBeginLoc());
      }
    }
  }

  // The summand as the operand of a fused full sum (LoopMapForm.h), or nullopt.
  std::optional<std::string> fusedSummand(LoopBodyTranslator &Translator) {
    MapLoop Loop;
    Loop.Loop = Nest.Levels[0].Loop;
    Loop.LoopVars = LoopVars;
    Loop.Value = Shape.Summand;
    Loop.OutputAxisOfLevel.resize(LoopVars.size());
    std::iota(Loop.OutputAxisOfLevel.begin(), Loop.OutputAxisOfLevel.end(), 0);
    Loop.Statistics = &Statistics;
    Loop.Reads = &Translator.reads();
    return fusedSumOperand(Loop, Translator, Context);
  }

  // A scan the check cannot rewrite is still a recurrence: no diagnostic.
  void analyseScan() {
    rewriteScan();
    Result.Problem.Recurrence = static_cast<bool>(Result.Problem);
  }

  // `s += F; y(...) = s;` becomes `nd::cumsum(F', axis, y);`, F' the broadcasting F and
  // axis the one the innermost loop runs along, then the initial value folded in.
  void rewriteScan() {
    for (const LoopLevel &Level : Nest.Levels)
      if (std::string Header = headerProblem(Level, Context); !Header.empty())
        return reject(Level.Loop->getBeginLoc(), Header);
    ScanStart Start = scanStart(Nest, Shape, Context);
    if (!Start.Problem.empty())
      return reject(Start.ProblemLoc, Start.Problem);
    std::optional<MapDestination> Dest = mapDestination();
    if (!Dest)
      return;
    LoopBodyTranslator Translator(Context, LoopVars, Dest->OutputAxisOfLevel, Dest->Target.Array,
                                  Dest->Target.Indices, Statistics);
    std::optional<std::string> Operand = Translator.translate(Shape.Summand);
    if (!Operand)
      return reject(Translator.failure().Loc, Translator.failure().Reason);
    std::vector<ElementAccess> Accesses = Translator.reads();
    Accesses.push_back(Dest->Target);
    if (!checkScanOperands(*Dest, Translator.reads()) || !checkBounds(Accesses) ||
        !destinationSpansLoops(*Dest) || !checkAliasing(Dest->Target.Array, Translator.reads()))
      return;
    const Stmt *Outer = Nest.Levels[0].Loop;
    const std::string Out = Dest->Target.Array->getNameAsString();
    std::string Text = Shape.Row->Scan.str() + "(" + *Operand + ", " +
                       std::to_string(Dest->OutputAxisOfLevel.back()) + ", " + Out + ");";
    if (Start.Fold)
      Text += "\n" +
              Lexer::getIndentationForLine(Outer->getBeginLoc(), Context.getSourceManager()).str() +
              Shape.Row->Ufunc.str() + "(" + Out + ", " + *Start.Fold + ", " + Out + ");";
    Result.ReplacedRange = loopRange(Outer, Context);
    if (Start.RemoveDecl)
      Result.ReplacedRange.setBegin(Start.Decl->getBeginLoc());
    Result.Replacement = Text;
  }

  // The scan computes in the destination's type what the loop computes in the
  // accumulator's, from arrays of the destination's shape, read where it is written:
  // all of one type, every read indexed as the destination.
  bool checkScanOperands(const MapDestination &Dest, const std::vector<ElementAccess> &Reads) {
    const VarDecl *Acc = Shape.Accumulator;
    QualType T = Acc->getType().getCanonicalType().getUnqualifiedType();
    auto IsT = [&](QualType U) { return U.getCanonicalType().getUnqualifiedType() == T; };
    bool SameTypes = IsT(Shape.Summand->IgnoreParenImpCasts()->getType()) &&
                     IsT(Dest.Target.Element) &&
                     llvm::all_of(Reads, [&](const ElementAccess &A) { return IsT(A.Element); });
    if (!T->isArithmeticType() || T->isBooleanType() || !SameTypes) {
      reject(Shape.Summand->getBeginLoc(),
             "the accumulator '" + Acc->getNameAsString() +
                 "', what it accumulates and the destination are not of one arithmetic type");
      return false;
    }
    // std::max(m, v) keeps m when v is NaN and the first of two equal zeros;
    // nd::cummax propagates NaN and keeps the later one.
    if (Shape.Row->Kind == BodyKind::MinMax && !T->isIntegerType()) {
      reject(Shape.Summand->getBeginLoc(),
             Shape.Row->Scan.str() +
                 " treats NaN and signed zeros unlike std::" + Shape.Row->StdFunction.str());
      return false;
    }
    if (utils::mentions(Shape.Summand, Acc)) {
      reject(Shape.Summand->getBeginLoc(), "'" + getText(*Shape.Summand, Context).str() +
                                               "' reads the accumulator '" +
                                               Acc->getNameAsString() + "'");
      return false;
    }
    const VarDecl *Out = Dest.Target.Array;
    for (const ElementAccess &Read : Reads)
      if (levelsOf(Read.Indices) != Dest.DestLevels ||
          (Read.Array != Out && !provablySameShape(Read.Array, Out, Scope, Context))) {
        reject(Read.Call->getBeginLoc(), "'" + getText(*Read.Call, Context).str() +
                                             "' is not provably of the shape of '" +
                                             Out->getNameAsString() + "' and indexed as it is");
        return false;
      }
    return true;
  }

  const LoopNest &Nest;
  const BodyShape &Shape;
  const Stmt *Scope;
  ASTContext &Context;
  std::vector<const VarDecl *> LoopVars;
  std::vector<SliceStatistic> Statistics;
  std::vector<ExtentBound> Bounds;
};

} // namespace

NestFix analyseNest(const LoopNest &Nest, const BodyShape &Shape, const Stmt *Scope,
                    ASTContext &Context) {
  NestAnalysis Analysis(Nest, Shape, Scope, Context);
  Analysis.analyse();
  return Analysis.Result;
}

} // namespace clang::tidy::nd_checks
