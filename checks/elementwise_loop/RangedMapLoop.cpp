#include "RangedMapLoop.h"

#include "LoopBodyTranslator.h"
#include "LoopMapForm.h"
#include "ShiftedAccess.h"
#include "model/HandleBuffers.h"

#include "clang/Tooling/FixIt.h"

namespace clang::tidy::nd_checks {

// The source text of a node, as written.
using tooling::fixit::getText;

namespace {

RangedMap rejected(SourceLocation Loc, std::string Why, bool Recurrence = false) {
  RangedMap Result;
  Result.ProblemLoc = Loc;
  Result.Problem = std::move(Why);
  Result.Recurrence = Recurrence;
  return Result;
}

} // namespace

RangedMap analyseRangedMap(const LoopNest &Nest, const BinaryOperator *Assignment,
                           const Stmt *Scope, ASTContext &Context) {
  std::vector<const VarDecl *> LoopVars;
  std::vector<LevelRange> Ranges;
  for (const LoopLevel &Level : Nest.Levels) {
    if (!Level.Prelude.empty())
      return rejected(Level.Prelude.front()->getBeginLoc(),
                      "per-slice statistics are rewritten only in loops over whole extents");
    std::string Why;
    std::optional<LevelRange> Range = levelRange(Level, Context, Why);
    if (!Range)
      return rejected(Level.Loop->getBeginLoc(), Why);
    LoopVars.push_back(Level.Var);
    Ranges.push_back(*Range);
  }
  SlicePlan Plan(LoopVars, Ranges, Scope, Context);

  // The destination: every loop variable (plus a constant) exactly once.
  std::optional<ElementAccess> Target = matchElementAccess(Assignment->getLHS());
  std::vector<int> DestLevels;
  std::vector<int> OutputAxisOfLevel(LoopVars.size(), -1);
  for (size_t A = 0; A < Target->Indices.size(); ++A) {
    std::optional<std::pair<int, int64_t>> Index = Plan.levelOf(Target->Indices[A]);
    if (!Index)
      return rejected(Target->Indices[A]->getBeginLoc(),
                      "the index '" + getText(*Target->Indices[A], Context).str() +
                          "' is not a loop variable plus a constant (index shape)");
    if (OutputAxisOfLevel[Index->first] >= 0)
      return rejected(Target->Call->getBeginLoc(), "'" + getText(*Target->Call, Context).str() +
                                                       "' uses one loop variable for two axes");
    OutputAxisOfLevel[Index->first] = static_cast<int>(A);
    DestLevels.push_back(Index->first);
  }
  for (size_t L = 0; L < LoopVars.size(); ++L)
    if (OutputAxisOfLevel[L] < 0)
      return rejected(Target->Call->getBeginLoc(),
                      "'" + getText(*Target->Call, Context).str() + "' does not depend on '" +
                          LoopVars[L]->getNameAsString() +
                          "': iterations write the same element, a loop-carried dependency");
  std::string Why;
  std::optional<std::string> DestView = Plan.view(*Target, Why);
  if (!DestView)
    return rejected(Target->Call->getBeginLoc(), Why);

  std::vector<SliceStatistic> NoStatistics;
  LoopBodyTranslator Translator(Context, LoopVars, OutputAxisOfLevel, Target->Array,
                                Target->Indices, NoStatistics);
  Translator.setSlicePlan(&Plan);
  std::optional<std::string> Broadcast = Translator.translate(Assignment->getRHS());
  if (!Broadcast)
    return rejected(Translator.failure().Loc, Translator.failure().Reason,
                    Translator.failure().Recurrence);

  // Aliasing, as for whole extents: the rewrite reads every input before writing.
  const Stmt *Outer = Nest.Levels[0].Loop;
  bool DestPrivate = model::ownsPrivateBuffer(Target->Array, Scope, Outer, Context);
  std::vector<ElementAccess> Reads = Translator.reads();
  for (const ElementAccess &Read : Reads) {
    if (Read.Array == Target->Array || DestPrivate ||
        model::ownsPrivateBuffer(Read.Array, Scope, Outer, Context))
      continue;
    return rejected(
        Assignment->getBeginLoc(),
        "'" + Target->Array->getNameAsString() + "' and '" + Read.Array->getNameAsString() +
            "' may share memory (aliasing); the fix is offered when one of them is a local "
            "array with its own buffer, e.g. from copy() or nd::empty_like");
  }
  MapLoop Loop{Outer,       LoopVars,          Target->Array, Assignment->getRHS(),
               DestLevels,  OutputAxisOfLevel, &NoStatistics, &Reads,
               DestPrivate, *DestView};
  MapRewrite Rewrite = chooseMapRewrite(Loop, *Broadcast, Translator, Context);
  RangedMap Result;
  Result.Replacement = Rewrite.Text;
  Result.Range = Rewrite.Range;
  return Result;
}

} // namespace clang::tidy::nd_checks
