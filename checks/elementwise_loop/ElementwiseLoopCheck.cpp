#include "ElementwiseLoopCheck.h"

#include "model/EagerOps.h"

#include "ClangCompat.h"
#include "LoopArrayAccess.h"
#include "LoopBodyTranslator.h"
#include "LoopMapForm.h"
#include "LoopDirectives.h"
#include "LoopNest.h"
#include "RangedMapLoop.h"
#include "ShiftedAccess.h"
#include "TemplateInstantiations.h"
#include "TransformCall.h"
#include "utils/UserCodeMatcher.h"
#include "VectorizeFunction.h"
#include "VectorizeLambda.h"
#include "model/ArrayShapes.h"
#include "model/HandleBuffers.h"
#include "model/HandleRebinding.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"
#include "clang/Lex/Lexer.h"
#include "clang/Tooling/FixIt.h"
#include "llvm/ADT/StringExtras.h"
#include <numeric>

using namespace clang::ast_matchers;

namespace clang::tidy::nd_checks {

using tooling::fixit::getText;

using model::initialisedWithShapeOf;
using model::isContiguousLocal;
using model::ownsPrivateBuffer;
using model::provablySameShape;

namespace {

// What the innermost body of a nest does.
enum class BodyKind { None, Map, Sum, Product, Count, MinMax, Other };

struct BodyShape {
  BodyKind Kind = BodyKind::None;
  const BinaryOperator *Assignment = nullptr; // Map: `y(...) = F`; Sum/Product: `s op= F`
  const VarDecl *Accumulator = nullptr;        // reductions
  const Expr *Summand = nullptr;               // Sum/Product: F; Count: the condition
  std::string MinMaxName;                      // MinMax: "min" or "max"
};

// Why there is no fix-it (empty Reason: there is one).
struct Verdict {
  SourceLocation Loc;
  std::string Reason;
  // An iteration reads what an earlier one wrote (an element of the destination, the
  // accumulator, a scalar carried along): a recurrence, which is not an element-wise
  // loop, so it gets no diagnostic at all.
  bool Recurrence = false;
  explicit operator bool() const { return !Reason.empty(); }
};

const Stmt *skipCleanups(const Stmt *S) {
  if (const auto *Cleanups = dyn_cast_or_null<ExprWithCleanups>(S))
    return Cleanups->getSubExpr();
  return S;
}

const VarDecl *scalarVariable(const Expr *E) {
  const VarDecl *V = referencedVar(E);
  return V && V->getType()->isArithmeticType() ? V : nullptr;
}

bool isIncrementByOne(const Stmt *S, const VarDecl *&Counter) {
  S = skipCleanups(S);
  if (const auto *Op = dyn_cast_or_null<UnaryOperator>(S)) {
    Counter = Op->isIncrementOp() ? scalarVariable(Op->getSubExpr()) : nullptr;
    return Counter != nullptr;
  }
  if (const auto *Op = dyn_cast_or_null<CompoundAssignOperator>(S)) {
    const auto *Lit = dyn_cast<IntegerLiteral>(Op->getRHS()->IgnoreParenImpCasts());
    Counter = Op->getOpcode() == BO_AddAssign && Lit && Lit->getValue() == 1
                  ? scalarVariable(Op->getLHS())
                  : nullptr;
    return Counter != nullptr;
  }
  return false;
}

// Does S write an element of an nd::array, or accumulate one into a scalar? Only such
// loops are element loops worth reporting.
class ElementWorkFinder : public RecursiveASTVisitor<ElementWorkFinder> {
public:
  bool VisitBinaryOperator(BinaryOperator *Op) {
    if (Op->isAssignmentOp() || Op->isCompoundAssignmentOp())
      Found |= matchElementAccess(Op->getLHS()).has_value() ||
               (scalarVariable(Op->getLHS()) && readsElement(Op->getRHS()));
    return !Found;
  }
  bool VisitIfStmt(IfStmt *If) {
    const VarDecl *Counter = nullptr;
    Found |= readsElement(If->getCond()) && isIncrementByOne(If->getThen(), Counter);
    return !Found;
  }
  static bool readsElement(const Stmt *S) {
    if (const auto *E = dyn_cast<Expr>(S); E && matchElementAccess(E))
      return true;
    for (const Stmt *Child : S->children())
      if (Child && readsElement(Child))
        return true;
    return false;
  }
  bool Found = false;
};

class ControlFlowFinder : public RecursiveASTVisitor<ControlFlowFinder> {
public:
  bool VisitStmt(Stmt *S) {
    const char *Name = nullptr;
    if (isa<BreakStmt>(S))
      Name = "break";
    else if (isa<ContinueStmt>(S))
      Name = "continue";
    else if (isa<ReturnStmt>(S))
      Name = "return";
    else if (isa<GotoStmt>(S))
      Name = "goto";
    else if (isa<CXXThrowExpr>(S))
      Name = "throw";
    if (Name && !Found) {
      Found = S;
      What = Name;
    }
    return !Found;
  }
  const Stmt *Found = nullptr;
  const char *What = "";
};

// The first statement that starts in a macro expansion (the note points at it), or
// else the first that ends in one (a loop whose body ends with a macro argument).
class MacroFinder : public RecursiveASTVisitor<MacroFinder> {
public:
  bool VisitStmt(Stmt *S) {
    if (!EndsInMacro && S->getEndLoc().isMacroID())
      EndsInMacro = S;
    if (S->getBeginLoc().isMacroID())
      StartsInMacro = S;
    return !StartsInMacro;
  }
  const Stmt *found() const { return StartsInMacro ? StartsInMacro : EndsInMacro; }

private:
  const Stmt *StartsInMacro = nullptr;
  const Stmt *EndsInMacro = nullptr;
};

BodyShape classifyBody(const Stmt *Body) {
  BodyShape Shape;
  const Stmt *S = skipCleanups(Body);
  if (const auto *Op = dyn_cast_or_null<BinaryOperator>(S)) {
    if (Op->getOpcode() == BO_Assign && matchElementAccess(Op->getLHS())) {
      Shape.Kind = BodyKind::Map;
      Shape.Assignment = Op;
      return Shape;
    }
    const VarDecl *Acc = scalarVariable(Op->getLHS());
    if (Acc && (Op->getOpcode() == BO_AddAssign || Op->getOpcode() == BO_MulAssign) &&
        ElementWorkFinder::readsElement(Op->getRHS())) {
      Shape.Kind = Op->getOpcode() == BO_AddAssign ? BodyKind::Sum : BodyKind::Product;
      Shape.Assignment = Op;
      Shape.Accumulator = Acc;
      Shape.Summand = Op->getRHS();
      return Shape;
    }
    if (Acc && Op->getOpcode() == BO_Assign) {
      const auto *Call = dyn_cast<CallExpr>(Op->getRHS()->IgnoreImplicit());
      const FunctionDecl *F = Call ? Call->getDirectCallee() : nullptr;
      if (F && F->getDeclName().isIdentifier() && F->isInStdNamespace() &&
          (F->getName() == "min" || F->getName() == "max") && Call->getNumArgs() == 2 &&
          ElementWorkFinder::readsElement(Call)) {
        Shape.Kind = BodyKind::MinMax;
        Shape.Accumulator = Acc;
        Shape.MinMaxName = F->getName().str();
        return Shape;
      }
    }
  }
  if (const auto *If = dyn_cast_or_null<IfStmt>(S)) {
    const VarDecl *Counter = nullptr;
    if (!If->getElse() && !If->getInit() && !If->getConditionVariable() &&
        isIncrementByOne(If->getThen(), Counter) &&
        ElementWorkFinder::readsElement(If->getCond())) {
      Shape.Kind = BodyKind::Count;
      Shape.Accumulator = Counter;
      Shape.Summand = If->getCond();
      return Shape;
    }
  }
  ElementWorkFinder Finder;
  Finder.TraverseStmt(const_cast<Stmt *>(Body));
  Shape.Kind = Finder.Found ? BodyKind::Other : BodyKind::None;
  return Shape;
}

bool mentions(const Stmt *S, const VarDecl *V) {
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(S); Ref && Ref->getDecl() == V)
    return true;
  for (const Stmt *Child : S->children())
    if (Child && mentions(Child, V))
      return true;
  return false;
}

// Everything the fix needs to know about one nest, and the reasons it cannot have one.
class NestAnalysis {
public:
  NestAnalysis(const LoopNest &Nest, const BodyShape &Shape, const Stmt *Scope, ASTContext &Context)
      : Nest(Nest), Shape(Shape), Scope(Scope), Context(Context) {
    for (const LoopLevel &Level : Nest.Levels)
      LoopVars.push_back(Level.Var);
  }

  // The replacement for the loop (and, for merged reductions, the declaration before it).
  std::optional<std::string> Replacement;
  CharSourceRange ReplacedRange;
  Verdict Problem;
  // The loop headers were analysed as ranges (RangedMapLoop.h), not as whole extents.
  bool OverRanges = false;

  void analyse() {
    if (Shape.Kind == BodyKind::Map)
      analyseMap();
    else if (Shape.Kind == BodyKind::Sum || Shape.Kind == BodyKind::Product ||
             Shape.Kind == BodyKind::Count)
      analyseReduction();
    else if (Shape.Kind == BodyKind::MinMax)
      reject(Nest.Body->getBeginLoc(),
             "nd::" + Shape.MinMaxName + " throws on an empty array and propagates NaN, where "
             "the loop leaves '" + Shape.Accumulator->getNameAsString() +
             "' unchanged; write '" + Shape.Accumulator->getNameAsString() + " = std::" +
             Shape.MinMaxName + "(" + Shape.Accumulator->getNameAsString() + ", nd::" +
             Shape.MinMaxName + "(...))' where the array is never empty");
    else if (const Stmt *Carry = carriedScalarWrite())
      reject(Carry->getBeginLoc(),
             "the scalar '" + carriedScalar(Carry)->getNameAsString() +
                 "' is carried from one iteration to the next, which is not a recognised "
                 "reduction (loop-carried dependency)",
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
      V = Op->isAssignmentOp() || Op->isCompoundAssignmentOp() ? scalarVariable(Op->getLHS()) : nullptr;
    else if (const auto *Op = dyn_cast<UnaryOperator>(S))
      V = Op->isIncrementDecrementOp() ? scalarVariable(Op->getSubExpr()) : nullptr;
    if (!V)
      return nullptr;
    const SourceManager &SM = Context.getSourceManager();
    bool Outside = SM.isBeforeInTranslationUnit(V->getLocation(), Nest.Levels[0].Loop->getBeginLoc());
    return Outside ? V : nullptr;
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
    if (!Problem)
      Problem = {Loc, std::move(Reason), Recurrence};
  }

  bool parseStatistics() {
    for (size_t L = 0; L < Nest.Levels.size(); ++L) {
      for (const Stmt *S : Nest.Levels[L].Prelude) {
        const auto *Decl = cast<DeclStmt>(S);
        const auto *Var = Decl->isSingleDecl() ? dyn_cast<VarDecl>(Decl->getSingleDecl()) : nullptr;
        const auto *Call = Var && Var->getInit()
                               ? dyn_cast<CallExpr>(Var->getInit()->IgnoreImplicit())
                               : nullptr;
        std::optional<SliceAccess> Slice;
        if (Call && Call->getNumArgs() == 1 &&
            isNdFunction(Call->getDirectCallee(),
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
            const VarDecl *V = referencedVar(Index);
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
          reject(Var->getLocation(), "'" + Var->getNameAsString() + "' converts the result of nd::" +
                                         Stat.Reduction + " to another type");
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
      auto It = std::find(LoopVars.begin(), LoopVars.end(), referencedVar(Index));
      Levels.push_back(It == LoopVars.end() ? -1 : static_cast<int>(It - LoopVars.begin()));
    }
    return Levels;
  }

  void analyseMap() {
    if (needsSlices(Nest, Context)) {
      OverRanges = true;
      RangedMap Ranged = analyseRangedMap(Nest, Shape.Assignment, Scope, Context);
      if (!Ranged.Replacement)
        return reject(Ranged.ProblemLoc, Ranged.Problem, Ranged.Recurrence);
      Replacement = Ranged.Replacement;
      ReplacedRange = Ranged.Range;
      return;
    }
    std::optional<ElementAccess> Target = matchElementAccess(Shape.Assignment->getLHS());
    std::vector<int> DestLevels = levelsOf(Target->Indices);
    for (size_t A = 0; A < DestLevels.size(); ++A)
      if (DestLevels[A] < 0)
        return reject(Target->Indices[A]->getBeginLoc(),
                      "the index '" + getText(*Target->Indices[A], Context).str() +
                          "' is not a loop variable (index shape); only whole-extent loops "
                          "become broadcasting");
    std::vector<int> OutputAxisOfLevel(LoopVars.size(), -1);
    for (size_t A = 0; A < DestLevels.size(); ++A) {
      if (OutputAxisOfLevel[DestLevels[A]] >= 0)
        return reject(Target->Call->getBeginLoc(),
                      "'" + getText(*Target->Call, Context).str() + "' uses one loop variable for two axes");
      OutputAxisOfLevel[DestLevels[A]] = static_cast<int>(A);
    }
    for (size_t L = 0; L < LoopVars.size(); ++L)
      if (OutputAxisOfLevel[L] < 0)
        return reject(Target->Call->getBeginLoc(),
                      "'" + getText(*Target->Call, Context).str() + "' does not depend on '" +
                          LoopVars[L]->getNameAsString() +
                          "': iterations write the same element, a loop-carried dependency");
    if (!parseStatistics())
      return;
    for (const SliceStatistic &Stat : Statistics)
      if (Stat.Array == Target->Array)
        return reject(Stat.Var->getLocation(),
                      "'" + Stat.Var->getNameAsString() + "' reads the destination '" +
                          Target->Array->getNameAsString() +
                          "' while the loop writes it, a loop-carried dependency",
                      /*Recurrence=*/true);
    LoopBodyTranslator Translator(Context, LoopVars, OutputAxisOfLevel, Target->Array,
                                  Target->Indices, Statistics);
    std::optional<std::string> Broadcast = Translator.translate(Shape.Assignment->getRHS());
    if (!Broadcast)
      return reject(Translator.failure().Loc, Translator.failure().Reason, Translator.failure().Recurrence);
    std::vector<ElementAccess> Accesses = Translator.reads();
    Accesses.push_back(*Target);
    if (!checkBounds(Accesses))
      return;
    // The destination's extent along each axis must be the loop's, or copyto would
    // broadcast into (or reject) elements the loop never touched.
    for (size_t L = 0; L < LoopVars.size(); ++L) {
      const ExtentBound &Bound = Bounds[L];
      int Axis = OutputAxisOfLevel[L];
      bool SameAxis = Bound.Axis == Axis || (Bound.Axis < 0 && DestLevels.size() == 1);
      bool Proven = SameAxis && (Bound.Array == Target->Array ||
                                 initialisedWithShapeOf(Target->Array, Bound.Array, Scope, Context));
      if (!Proven) {
        const Expr *Limit = loopLimit(Nest.Levels[L].Loop);
        return reject(Limit->getBeginLoc(),
                      "the loop over '" + LoopVars[L]->getNameAsString() + "' runs to '" +
                          getText(*Limit, Context).str() +
                          "', which is not provably the extent of '" +
                          Target->Array->getNameAsString() + "' along axis " +
                          std::to_string(Axis) + " (index shape); bound it by '" +
                          Target->Array->getNameAsString() + ".shape(" + std::to_string(Axis) + ")'");
      }
    }
    // Aliasing: the rewrite reads every input before writing, the loop interleaves
    // reads and writes; they agree unless another array overlaps the destination.
    std::vector<const VarDecl *> ReadArrays;
    for (const ElementAccess &Access : Translator.reads())
      ReadArrays.push_back(Access.Array);
    for (const SliceStatistic &Stat : Statistics)
      ReadArrays.push_back(Stat.Array);
    const Stmt *Outer = Nest.Levels[0].Loop;
    bool DestPrivate = ownsPrivateBuffer(Target->Array, Scope, Outer, Context);
    for (const VarDecl *Read : ReadArrays) {
      if (Read == Target->Array || DestPrivate || ownsPrivateBuffer(Read, Scope, Outer, Context))
        continue;
      return reject(Shape.Assignment->getBeginLoc(),
                    "'" + Target->Array->getNameAsString() + "' and '" + Read->getNameAsString() +
                        "' may share memory (aliasing); the fix is offered when one of them is "
                        "a local array with its own buffer, e.g. from copy() or nd::empty_like");
    }
    std::vector<ElementAccess> Reads = Translator.reads();
    MapLoop Loop{Outer, LoopVars, Target->Array, Shape.Assignment->getRHS(), DestLevels, OutputAxisOfLevel,
                 &Statistics, &Reads, DestPrivate};
    MapRewrite Rewrite = chooseMapRewrite(Loop, *Broadcast, Translator, Context);
    Replacement = Rewrite.Text;
    ReplacedRange = Rewrite.Range;
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
      QualType SumType = Shape.Summand->IgnoreParenImpCasts()->getType().getCanonicalType().getUnqualifiedType();
      if (AccType != SumType || !AccType->isArithmeticType() || AccType->isBooleanType())
        return reject(Shape.Summand->getBeginLoc(),
                      "the accumulator '" + Acc->getNameAsString() + "' has type '" +
                          AccType.getAsString() + "' and the loop adds '" +
                          SumType.getAsString() + "', which nd's reduction would not convert alike");
    } else if (!Acc->getType()->isIntegerType()) {
      return reject(Acc->getLocation(), "the counter '" + Acc->getNameAsString() +
                                            "' is not an integer");
    }
    if (mentions(Shape.Summand, Acc))
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
        return reject(Shape.Summand->getBeginLoc(),
                      "'" + getText(*Shape.Summand, Context).str() + "' does not depend on '" +
                          LoopVars[L]->getNameAsString() + "'");
    if (!checkBounds(Translator.reads()))
      return;
    std::string Reduction = Shape.Kind == BodyKind::Product ? "nd::prod" : "nd::sum";
    std::string Total = Reduction + "(" + *Broadcast + ")";
    std::string Name = Acc->getNameAsString();
    ReplacedRange = loopRange(Nest.Levels[0].Loop, Context);
    Replacement = Name + (Shape.Kind == BodyKind::Product ? " *= " : " += ") + Total + ";";
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
      double Neutral = Shape.Kind == BodyKind::Product ? 1.0 : 0.0;
      if (Value && *Value == Neutral) {
        std::string Prefix = Lexer::getSourceText(
                                 CharSourceRange::getCharRange(Decl->getBeginLoc(), Acc->getLocation()),
                                 Context.getSourceManager(), Context.getLangOpts())
                                 .str();
        Replacement = Prefix + Name + " = " + Total + ";";
        ReplacedRange.setBegin(Decl->getBeginLoc());
      }
    }
  }

  const LoopNest &Nest;
  const BodyShape &Shape;
  const Stmt *Scope;
  ASTContext &Context;
  std::vector<const VarDecl *> LoopVars;
  std::vector<SliceStatistic> Statistics;
  std::vector<ExtentBound> Bounds;
};

std::string warningFor(BodyKind Kind, const BodyShape &Shape) {
  switch (Kind) {
  case BodyKind::Map:
    return "element-wise loop over '" +
           matchElementAccess(Shape.Assignment->getLHS())->Array->getNameAsString() +
           "'; use one broadcasting expression";
  case BodyKind::Sum:
    return "reduction loop; use nd::sum";
  case BodyKind::Product:
    return "reduction loop; use nd::prod";
  case BodyKind::Count:
    return "counting loop; use nd::sum of the condition";
  case BodyKind::MinMax:
    return "reduction loop; use nd::" + Shape.MinMaxName;
  default:
    return "loop over nd::array elements; use broadcasting expressions";
  }
}

} // namespace

ElementwiseLoopCheck::ElementwiseLoopCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), MinLoopDepth(Options.get("MinLoopDepth", 1U)),
      FixInHeaders(Options.get("FixInHeaders", false)) {}

void ElementwiseLoopCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "MinLoopDepth", MinLoopDepth);
  Options.store(Opts, "FixInHeaders", FixInHeaders);
}

void ElementwiseLoopCheck::registerMatchers(MatchFinder *Finder) {
  // User code first (cheap, cached per file), the ancestor walks last: see
  // UserCodeMatcher.h.
  auto UserCode = isInUserCode();
  auto Loop = [&](auto Kind) {
    return Kind(UserCode, unless(isInTemplateInstantiation()), forCallable(decl().bind("scope")))
        .bind("loop");
  };
  Finder->addMatcher(Loop(forStmt), this);
  Finder->addMatcher(Loop(cxxForRangeStmt), this);
  // Loops of templates over nd::array<T>, analysed per instantiation.
  auto InstantiatedLoop = [&](auto Kind) {
    return Kind(UserCode, isInTemplateInstantiation(), forCallable(functionDecl().bind("scope")))
        .bind("instantiated-loop");
  };
  Finder->addMatcher(InstantiatedLoop(forStmt), this);
  Finder->addMatcher(InstantiatedLoop(cxxForRangeStmt), this);
  // Form 5: nd::vectorize(lambda)(x, ...) and std::transform over nd::array elements.
  Finder->addMatcher(
      cxxOperatorCallExpr(UserCode, hasOverloadedOperatorName("()"),
                          callee(cxxMethodDecl(ofClass(hasName("::nd::vectorized")))),
                          unless(isInTemplateInstantiation()), forCallable(decl().bind("scope")))
          .bind("vectorized"),
      this);
  Finder->addMatcher(callExpr(UserCode, callee(functionDecl(hasName("::std::transform"))),
                              unless(isInTemplateInstantiation()),
                              forCallable(decl().bind("scope")))
                         .bind("transform"),
                     this);
  Finder->addMatcher(
      cxxOperatorCallExpr(UserCode, hasOverloadedOperatorName("()"),
                          hasArgument(0, ignoringImpCasts(declRefExpr(to(varDecl(hasName("::std::ranges::transform")))))),
                          unless(isInTemplateInstantiation()), forCallable(decl().bind("scope")))
          .bind("transform"),
      this);
}

void ElementwiseLoopCheck::report(SourceLocation Loc, const std::string &Message,
                                  CharSourceRange Range, const std::string &Replacement,
                                  SourceLocation ProblemLoc, std::string Problem,
                                  const SourceManager &SM) {
  Loc = SM.getExpansionLoc(Loc);
  if (Problem.empty() && !FixInHeaders && !SM.isInMainFile(Loc)) {
    ProblemLoc = Loc;
    Problem = "fix-its in headers are disabled (option FixInHeaders)";
  }
  {
    auto Diag = diag(Loc, Message);
    if (Problem.empty())
      Diag << FixItHint::CreateReplacement(Range, Replacement);
  }
  if (!Problem.empty())
    diag(ProblemLoc.isValid() ? SM.getExpansionLoc(ProblemLoc) : Loc, "no fix-it: %0",
         DiagnosticIDs::Note)
        << Problem;
}

// The first statement of S (or S) that comes from a macro expansion, if any.
static const Stmt *macroIn(const Stmt *S) {
  MacroFinder Macro;
  Macro.TraverseStmt(const_cast<Stmt *>(S));
  return Macro.found();
}

// Whether the replacement of E needs parentheses where E stands.
static bool needsParentheses(const Expr *E, ASTContext &Context) {
  const Stmt *Node = E;
  while (true) {
    DynTypedNodeList Parents = Context.getParents(*Node);
    if (Parents.empty())
      return true;
    if (Parents[0].get<VarDecl>())
      return false;
    const Stmt *Parent = Parents[0].get<Stmt>();
    if (!Parent)
      return true;
    if (isa<ImplicitCastExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr, ExprWithCleanups>(Parent) ||
        (isa<CXXConstructExpr>(Parent) && cast<CXXConstructExpr>(Parent)->getNumArgs() == 1)) {
      Node = Parent;
      continue;
    }
    if (isa<ParenExpr, ReturnStmt, CompoundStmt, InitListExpr>(Parent))
      return false;
    if (const auto *Call = dyn_cast<CallExpr>(Parent))
      return !isa<CXXOperatorCallExpr>(Call) && Call->getCallee() == Node;
    if (isa<CXXConstructExpr>(Parent))
      return false;
    return true;
  }
}

// The local `T y = E;` (one declarator, a statement of a block) whose initialiser is E.
static const VarDecl *declarationInitialisedWith(const Expr *E, ASTContext &Context) {
  const Stmt *Node = E;
  for (;;) {
    DynTypedNodeList Parents = Context.getParents(*Node);
    if (Parents.empty())
      return nullptr;
    if (const auto *V = Parents[0].get<VarDecl>()) {
      DynTypedNodeList Up = Context.getParents(*V);
      const auto *Decl = Up.empty() ? nullptr : Up[0].get<DeclStmt>();
      DynTypedNodeList Block = Decl ? Context.getParents(*Decl) : DynTypedNodeList(DynTypedNode());
      QualType T = V->getType();
      bool Plain = !T->isReferenceType() && !T.isConstQualified() && isNdArrayType(T);
      return Decl && Decl->isSingleDecl() && !Block.empty() && Block[0].get<CompoundStmt>() && Plain &&
                     V->getInitStyle() == VarDecl::CInit
                 ? V
                 : nullptr;
    }
    const auto *Parent = Parents[0].get<Expr>();
    if (!Parent || !isa<ImplicitCastExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr, ExprWithCleanups,
                        CXXConstructExpr>(Parent))
      return nullptr;
    Node = Parent;
  }
}

// From the call to the end of its declaration statement's ';'.
static std::optional<CharSourceRange> declarationRange(const Expr *Call, ASTContext &Context) {
  SourceLocation AfterSemi = Lexer::findLocationAfterToken(Call->getEndLoc(), tok::semi, Context.getSourceManager(),
                                                           Context.getLangOpts(), false);
  if (AfterSemi.isInvalid() || Call->getBeginLoc().isMacroID())
    return std::nullopt;
  return CharSourceRange::getCharRange(Call->getBeginLoc(), AfterSemi);
}

// A new array of the result's shape and element type for the out forms.
static std::string outFormBuffer(const std::vector<LambdaOperand> &Operands, QualType Result,
                                 ASTContext &Context) {
  std::vector<std::string> Arrays;
  bool SameType = true;
  for (const LambdaOperand &Operand : Operands) {
    std::string Name = Operand.Spelling.empty() ? getText(*Operand.Arg, Context).str() : Operand.Spelling;
    if (Operand.IsArray && !llvm::is_contained(Arrays, Name)) {
      Arrays.push_back(Name);
      SameType &= Operand.Element.getCanonicalType().getUnqualifiedType() ==
                  Result.getCanonicalType().getUnqualifiedType();
    }
  }
  std::string Spelled = array_expr::elementTypeSpelling(Result, Context);
  if (Arrays.size() == 1)
    return "nd::empty_like" + (SameType ? std::string() : "<" + Spelled + ">") + "(" + Arrays[0] + ")";
  std::string Shapes;
  for (const std::string &A : Arrays)
    Shapes += (Shapes.empty() ? "" : ", ") + A + ".shape()";
  return "nd::empty<" + Spelled + ">(nd::broadcast_shapes(" + Shapes + "))";
}

void ElementwiseLoopCheck::checkVectorize(const CXXOperatorCallExpr *Call, const Stmt *Scope,
                                          ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  // The callee: `nd::vectorize(f)` itself, or a local initialised with it.
  const Expr *Callee = stripImplicit(Call->getArg(0));
  bool Named = false;
  if (const VarDecl *V = referencedVar(Callee)) {
    if (!V->hasLocalStorage() || V->getType()->isReferenceType() || !V->getInit())
      return;
    Callee = stripImplicit(V->getInit());
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Callee); Construct && Construct->getNumArgs() == 1)
      Callee = stripImplicit(Construct->getArg(0));
    Named = true;
  }
  const auto *Make = dyn_cast<CallExpr>(Callee);
  if (!Make || !isNdFunction(Make->getDirectCallee(), {"vectorize"}) || Make->getNumArgs() != 1)
    return;
  const LambdaExpr *Lambda = resolveLambda(Make->getArg(0), &Named);
  std::optional<VectorizedFunction> Function;
  if (!Lambda && !(Function = resolveVectorizedFunction(Make->getArg(0))))
    return;
  QualType Result;
  if (!isNdArrayType(Call->getType(), &Result))
    return;
  std::vector<LambdaOperand> Operands;
  for (unsigned I = 1; I < Call->getNumArgs(); ++I) {
    LambdaOperand Operand;
    Operand.Arg = Call->getArg(I);
    Operand.IsArray = isNdArrayType(Call->getArg(I)->getType(), &Operand.Element);
    if (!Operand.IsArray)
      Operand.Element = stripImplicit(Call->getArg(I))->getType();
    Operands.push_back(Operand);
  }
  const std::string Message = "nd::vectorize calls " + (Lambda ? "the lambda" : "'" + Function->Name + "'") +
                              " once per element; use the broadcasting ufunc expression it computes";
  SourceLocation ProblemLoc;
  std::string Problem, Replacement;
  if (const Stmt *Macro = macroIn(Call) ? macroIn(Call) : Lambda ? macroIn(Lambda) : nullptr) {
    ProblemLoc = Macro->getBeginLoc();
    Problem = "the call or its lambda is or contains a macro expansion, which a fix-it cannot "
              "rewrite";
  } else {
    const VarDecl *Declared = declarationInitialisedWith(Call, Context);
    const std::string Dest = Declared ? Declared->getNameAsString() : std::string();
    LambdaTranslation T =
        Lambda ? translateLambda(Lambda, Operands, Result, Named, Scope, Context, Declared ? &Dest : nullptr)
               : translateFunction(*Function, Operands, Result, Context, Declared ? &Dest : nullptr);
    if (!T.Text) {
      ProblemLoc = T.Loc;
      Problem = T.Reason;
    } else if (std::optional<CharSourceRange> Range =
                   Declared && T.OutForms && T.EagerAllocations > 1
                       ? declarationRange(Call, Context)
                       : std::nullopt) {
      // `auto y = g(x, z);` whose expression nd-chained-temporaries would rewrite: its
      // out forms, computing into y's own buffer, so that the fixes converge.
      std::string Indent = Lexer::getIndentationForLine(Call->getBeginLoc(), SM).str();
      report(Call->getBeginLoc(), Message, *Range,
             outFormBuffer(Operands, Result, Context) + ";\n" + Indent +
                 llvm::join(*T.OutForms, ";\n" + Indent) + ";",
             ProblemLoc, Problem, SM);
      return;
    } else {
      // vectorize returns a new array: a bare operand must be copied, not shared.
      Replacement = T.Bare ? *T.Text + ".copy()" : *T.Text;
      if (!T.Bare && needsParentheses(Call, Context))
        Replacement = "(" + Replacement + ")";
    }
  }
  report(Call->getBeginLoc(), Message, CharSourceRange::getTokenRange(Call->getSourceRange()),
         Replacement, ProblemLoc, Problem, SM);
}

void ElementwiseLoopCheck::checkTransform(const CallExpr *Call, const Stmt *Scope,
                                          ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  std::optional<TransformCall> Transform = matchTransformCall(Call, Context);
  if (!Transform)
    return;
  // A lambda created for this call takes its captures at the call; a named one earlier.
  bool Named = false;
  const LambdaExpr *Lambda = resolveLambda(Transform->Function, &Named);
  if (!Lambda)
    return;
  const VarDecl *X = Transform->X, *Z = Transform->Z, *Y = Transform->Y;
  const std::string Message =
      Transform->Name + " applies the lambda to the elements of '" +
      (X ? X->getNameAsString() : std::string("an nd::array")) +
      "' one by one; use one broadcasting expression with nd::copyto";
  SourceLocation ProblemLoc;
  std::string Problem, Replacement;
  auto Reject = [&](const Expr *At, std::string Why) {
    if (Problem.empty()) {
      ProblemLoc = At->getBeginLoc();
      Problem = std::move(Why);
    }
  };
  if (!Transform->Problem.empty())
    Reject(Transform->ProblemAt, Transform->Problem);
  for (const VarDecl *A : {X, Z, Y}) {
    if (!Problem.empty() || !A)
      continue;
    if (!provablySameShape(A, X, Scope, Context))
      Reject(Call, "'" + A->getNameAsString() + "' is not provably of the shape of '" +
                       X->getNameAsString() + "' (index shape); the fix is offered when it is "
                       "initialised as its copy() or with nd::empty_like");
    else if (!isContiguousLocal(A, Scope, Context))
      Reject(Call, "'" + A->getNameAsString() +
                       "' may be a strided view, whose data() does not run over its elements "
                       "in order, or share memory with another array (aliasing); the fix is "
                       "offered for local arrays with their own buffer, e.g. from copy() or "
                       "nd::empty_like");
  }
  // The call must be a statement of its own: its result (an iterator) is not used.
  DynTypedNodeList Parents = Context.getParents(*Call);
  const Stmt *Parent = Parents.empty() ? nullptr : Parents[0].get<Stmt>();
  if (const auto *Cleanups = dyn_cast_or_null<ExprWithCleanups>(Parent)) {
    Parents = Context.getParents(*Cleanups);
    Parent = Parents.empty() ? nullptr : Parents[0].get<Stmt>();
  }
  if (Problem.empty() && (!Parent || isa<Expr>(Parent)))
    Reject(Call, (Transform->Name == "std::transform" ? "the iterator " : "the result ") + Transform->Name +
                     " returns is used");
  if (const Stmt *Macro = macroIn(Call) ? macroIn(Call) : macroIn(Lambda); Problem.empty() && Macro) {
    ProblemLoc = Macro->getBeginLoc();
    Problem = "the call or its lambda is or contains a macro expansion, which a fix-it cannot "
              "rewrite";
  }
  if (Problem.empty()) {
    QualType XElement, ZElement, YElement;
    isNdArrayType(X->getType(), &XElement);
    isNdArrayType(Y->getType(), &YElement);
    // The lambda's parameters stand for the arrays, spelled by name (not data()).
    std::vector<LambdaOperand> Operands{{Transform->First, true, XElement, X->getNameAsString(), X == Y}};
    if (Z) {
      isNdArrayType(Z->getType(), &ZElement);
      Operands.push_back({Transform->Second, true, ZElement, Z->getNameAsString(), Z == Y});
    }
    const std::string Dest = Y->getNameAsString();
    LambdaTranslation T = translateLambda(Lambda, Operands, YElement, Named, Scope, Context, &Dest);
    if (!T.Text) {
      ProblemLoc = T.Loc;
      Problem = T.Reason;
    } else if (T.OutForms && (T.OutForms->size() == 1 || isa_and_nonnull<CompoundStmt>(Parent)) &&
               !model::partialResultVisibleFrom(Call, *Y, Context)) {
      // The out forms write y step by step: what nd-chained-temporaries would make of
      // nd::copyto(y, expression), so that the fixes converge.
      Replacement = llvm::join(*T.OutForms, ";\n" + Lexer::getIndentationForLine(compat::callBegin(Call), SM).str());
    } else {
      Replacement = "nd::copyto(" + Dest + ", " + *T.Text + ")";
    }
  }
  report(compat::callBegin(Call), Message, CharSourceRange::getTokenRange(Call->getSourceRange()),
         Replacement, ProblemLoc, Problem, SM);
}

void ElementwiseLoopCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Scope = Result.Nodes.getNodeAs<Decl>("scope");
  if (const auto *Call = Result.Nodes.getNodeAs<CXXOperatorCallExpr>("vectorized")) {
    if (Scope && Scope->getBody())
      checkVectorize(Call, Scope->getBody(), *Result.Context);
    return;
  }
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("transform")) {
    if (Scope && Scope->getBody())
      checkTransform(Call, Scope->getBody(), *Result.Context);
    return;
  }
  const auto *Loop = Result.Nodes.getNodeAs<Stmt>("loop");
  const bool Instantiated = !Loop;
  if (Instantiated)
    Loop = Result.Nodes.getNodeAs<Stmt>("instantiated-loop");
  const auto *ScopeDecl = Result.Nodes.getNodeAs<Decl>("scope");
  ASTContext &Context = *Result.Context;
  const SourceManager &SM = *Result.SourceManager;
  const VarDecl *Var = loopVariable(Loop);
  if (!Var || !ScopeDecl || !ScopeDecl->getBody() || !indexesAnArray(Var, loopBody(Loop)) ||
      isInnerLevelOfNest(Loop, Context))
    return;
  // A loop of a template over `nd::array<T>` is analysed in its instantiations, any
  // other once, in the definition (TemplateInstantiations.h).
  if (Instantiated) {
    const Stmt *Pattern = instantiationPatternOf(Loop, dyn_cast<FunctionDecl>(ScopeDecl));
    if (!Pattern || !dependsOnTemplateParameters(Pattern))
      return;
  } else if (dependsOnTemplateParameters(Loop)) {
    return;
  }
  LoopNest Nest = buildLoopNest(Loop);
  if (Nest.Levels.size() < MinLoopDepth)
    return;
  BodyShape Shape = classifyBody(Nest.Body);
  if (Shape.Kind == BodyKind::None)
    return;

  NestAnalysis Analysis(Nest, Shape, ScopeDecl->getBody(), Context);
  ControlFlowFinder Flow;
  Flow.TraverseStmt(const_cast<Stmt *>(loopBody(Loop)));
  MacroFinder Macro;
  Macro.TraverseStmt(const_cast<Stmt *>(Loop));
  Verdict Problem;
  if (Flow.Found) {
    Problem = {Flow.Found->getBeginLoc(),
               std::string("the loop body contains '") + Flow.What +
                   "' (control flow), so it may stop early or skip elements"};
  } else if (Macro.found()) {
    Problem = {SM.getExpansionLoc(Macro.found()->getBeginLoc()),
               "the loop is or contains a macro expansion, which a fix-it cannot rewrite"};
  } else {
    // The body first: a dependency (`y(i) = y(i - 1) + x(i)`) explains more than the
    // header that usually comes with it (`i = 1`).
    Analysis.analyse();
    Problem = Analysis.Problem;
    // Not an element-wise loop: nothing to say. Except in a template: another
    // instantiation may look element-wise (y(i - K) with K = 0), and its fix must not be
    // applied to the template; this one's no-fix note keeps it from being.
    if (Problem.Recurrence && !Instantiated)
      return;
    for (const LoopLevel &Level : Nest.Levels) {
      std::string Header = headerProblem(Level, Context);
      if (!Problem && !Header.empty() && !Analysis.OverRanges)
        Problem = {Level.Loop->getBeginLoc(), Header};
    }
  }
  // Loop pragmas go with the loop; other directives must not be lost or stranded.
  std::vector<CharSourceRange> PragmaRemovals;
  if (!Problem) {
    LoopDirectives Directives =
        directivesOfLoop(Nest.Levels[0].Loop, Analysis.ReplacedRange, Context);
    if (!Directives.Problem.empty())
      Problem = {Directives.ProblemLoc, Directives.Problem};
    PragmaRemovals = std::move(Directives.Removals);
  }
  SourceLocation LoopLoc = SM.getExpansionLoc(Loop->getBeginLoc());
  if (!Problem && !FixInHeaders && !SM.isInMainFile(LoopLoc))
    Problem = {LoopLoc, "fix-its in headers are disabled (option FixInHeaders)"};
  // Only this translation unit's instantiations are seen; a header's template may be
  // instantiated elsewhere for other element types.
  if (!Problem && Instantiated && !SM.isInMainFile(LoopLoc))
    Problem = {LoopLoc, "the template is in a header, whose includers may instantiate it for "
                        "element types this translation unit does not"};

  LoopFinding Finding{LoopLoc, warningFor(Shape.Kind, Shape), {}, {}, Problem.Reason};
  if (!Problem) {
    Finding.Fixes.push_back(FixItHint::CreateReplacement(Analysis.ReplacedRange, *Analysis.Replacement));
    for (const CharSourceRange &Pragma : PragmaRemovals)
      Finding.Fixes.push_back(FixItHint::CreateRemoval(Pragma));
  } else {
    Finding.NoteLoc = Problem.Loc.isValid() ? SM.getExpansionLoc(Problem.Loc) : LoopLoc;
  }
  if (Instantiated)
    Instantiations.add(cast<FunctionDecl>(ScopeDecl), std::move(Finding));
  else
    emit(Finding);
}

void ElementwiseLoopCheck::emit(const LoopFinding &Finding) {
  {
    auto Diag = diag(Finding.Loc, Finding.Message);
    for (const FixItHint &Fix : Finding.Fixes)
      Diag << Fix;
  }
  // The reason is an argument, not part of the format: it quotes source text, and a
  // '%' in it (`x(i) % 2`) would be read as a format directive and print nothing.
  if (!Finding.Note.empty())
    diag(Finding.NoteLoc, "no fix-it: %0", DiagnosticIDs::Note) << Finding.Note;
}

void ElementwiseLoopCheck::onEndOfTranslationUnit() {
  for (const LoopFinding &Finding : Instantiations.take())
    emit(Finding);
}

} // namespace clang::tidy::nd_checks
