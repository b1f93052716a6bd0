#include "ShiftedAccess.h"

#include "model/ArrayShapes.h"
#include "model/HandleRebinding.h"
#include "model/NdCalls.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"
#include "clang/Tooling/FixIt.h"

namespace clang::tidy::nd_checks {

// The source text of a node, as written.
using tooling::fixit::getText;

// Shifts, bounds and steps are added to and multiplied with each other in int64_t; at
// most 48 significant bits each leaves that arithmetic room not to overflow.
constexpr unsigned ConstantBits = 48;

static std::optional<int64_t> constantOf(const Expr *E, const ASTContext &Context) {
  return utils::integerConstant(E, Context, ConstantBits);
}

std::optional<ShiftedIndex> shiftedIndex(const Expr *Index, const ASTContext &Context) {
  const Expr *E = utils::skipImplicit(Index);
  if (const VarDecl *V = utils::referencedVar(E))
    return ShiftedIndex{V, 0};
  const auto *Op = dyn_cast<BinaryOperator>(E);
  if (!Op || (Op->getOpcode() != BO_Add && Op->getOpcode() != BO_Sub))
    return std::nullopt;
  const VarDecl *V = utils::referencedVar(Op->getLHS());
  std::optional<int64_t> K = constantOf(Op->getRHS(), Context);
  if (!V && Op->getOpcode() == BO_Add) {
    V = utils::referencedVar(Op->getRHS());
    K = constantOf(Op->getLHS(), Context);
  }
  if (!V || !K || constantOf(utils::skipImplicit(E), Context))
    return std::nullopt;
  return ShiftedIndex{V, Op->getOpcode() == BO_Sub ? -*K : *K};
}

static std::optional<AffineBound> affineBound(const Expr *E, const ASTContext &Context, int Depth) {
  E = E->IgnoreParenImpCasts();
  if (std::optional<int64_t> C = constantOf(E, Context))
    return AffineBound{nullptr, nullptr, -1, *C};
  if (const auto *Op = dyn_cast<BinaryOperator>(E);
      Op && (Op->getOpcode() == BO_Add || Op->getOpcode() == BO_Sub)) {
    // `n - 1` in unsigned arithmetic wraps for n = 0, where the loop then runs and
    // throws: only signed bounds are affine.
    if (Op->getType()->isUnsignedIntegerType())
      return std::nullopt;
    std::optional<int64_t> C = constantOf(Op->getRHS(), Context);
    const Expr *Base = Op->getLHS();
    if (!C && Op->getOpcode() == BO_Add) {
      C = constantOf(Op->getLHS(), Context);
      Base = Op->getRHS();
    }
    std::optional<AffineBound> Bound = C ? affineBound(Base, Context, Depth) : std::nullopt;
    if (!Bound || !Bound->Array)
      return std::nullopt;
    Bound->Offset += Op->getOpcode() == BO_Sub ? -*C : *C;
    return Bound;
  }
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *M = Call->getMethodDecl();
    const Expr *Object = Call->getImplicitObjectArgument();
    const VarDecl *Array = utils::namedArray(Object);
    if (!M || !Array || !M->getDeclName().isIdentifier())
      return std::nullopt;
    if (M->getName() == "size" && Call->getNumArgs() == 0)
      return AffineBound{Array, Object, -1, 0};
    std::optional<int64_t> Axis = M->getName() == "shape" && Call->getNumArgs() == 1
                                      ? constantOf(Call->getArg(0), Context)
                                      : std::nullopt;
    if (Axis && *Axis >= 0)
      return AffineBound{Array, Object, static_cast<int>(*Axis), 0};
    return std::nullopt;
  }
  // `const auto n = u.size();` or `auto m = u.shape(0) - 1;` never modified.
  const VarDecl *V = utils::referencedVar(E);
  if (V && Depth == 0 && isUnmodifiedLocal(V))
    return affineBound(V->getInit(), Context, Depth + 1);
  return std::nullopt;
}

std::optional<AffineBound> affineBound(const Expr *E, const ASTContext &Context) {
  return affineBound(E, Context, 0);
}

// The step of `++v`, `v++`, `v += s` with s a positive constant (a literal or a
// `const` local initialised with one).
static std::optional<int64_t> stepOf(const Expr *Inc, const VarDecl *V, const ASTContext &Context) {
  if (const auto *Op = dyn_cast_or_null<UnaryOperator>(Inc))
    return Op->isIncrementOp() && utils::referencedVar(Op->getSubExpr()) == V
               ? std::optional<int64_t>(1)
               : std::nullopt;
  const auto *Op = dyn_cast_or_null<CompoundAssignOperator>(Inc);
  if (!Op || Op->getOpcode() != BO_AddAssign || utils::referencedVar(Op->getLHS()) != V)
    return std::nullopt;
  std::optional<int64_t> Step = constantOf(Op->getRHS()->IgnoreParenImpCasts(), Context);
  return Step && *Step > 0 ? Step : std::nullopt;
}

std::optional<LevelRange> levelRange(const LoopLevel &Level, ASTContext &Context,
                                     std::string &Why) {
  const VarDecl *V = Level.Var;
  if (!V) {
    Why = "the loop does not declare one integer loop variable";
    return std::nullopt;
  }
  const std::string Name = "'" + V->getNameAsString() + "'";
  LevelRange Range;
  const Expr *Start = nullptr;
  if (const auto *For = dyn_cast<ForStmt>(Level.Loop)) {
    Start = V->getInit();
    if (!For->getCond()) {
      Why = "the loop over " + Name + " has no condition (index shape)";
      return std::nullopt;
    }
    const auto *Cond = dyn_cast<BinaryOperator>(For->getCond());
    if (!Cond || Cond->getOpcode() != BO_LT || utils::referencedVar(Cond->getLHS()) != V) {
      Why = "the loop condition is not '" + V->getNameAsString() + " < extent' (index shape)";
      return std::nullopt;
    }
    Range.StopExpr = Cond->getRHS();
    std::optional<int64_t> Step = stepOf(For->getInc(), V, Context);
    if (!Step) {
      Why = "the loop over " + Name + " does not step by a positive constant (index shape)";
      return std::nullopt;
    }
    Range.Step = *Step;
  } else {
    std::optional<IndexRange> Indices = indexRange(cast<CXXForRangeStmt>(Level.Loop));
    Start = Indices ? Indices->Start : nullptr;
    Range.StopExpr = Indices ? Indices->Bound : nullptr;
    if (!Range.StopExpr) {
      Why = "the range of " + Name + " has no end (index shape)";
      return std::nullopt;
    }
  }
  std::optional<int64_t> First =
      Start ? constantOf(Start->IgnoreParenImpCasts(), Context) : std::nullopt;
  if (!First) {
    Why = "the loop over " + Name + " does not start at a constant (index shape)";
    return std::nullopt;
  }
  Range.Start = *First;
  std::optional<AffineBound> Stop = affineBound(Range.StopExpr, Context);
  if (!Stop) {
    Why = "the bound '" + getText(*Range.StopExpr, Context).str() + "' of the loop over " + Name +
          " is neither a constant nor an array's extent ('a.shape(k)', 'a.size()') plus a constant "
          "in signed arithmetic (index shape)";
    return std::nullopt;
  }
  Range.Stop = *Stop;
  if (ExprMutationAnalyzer(*loopBody(Level.Loop), Context).isMutated(V)) {
    Why = "the loop variable " + Name + " is modified in the loop body";
    return std::nullopt;
  }
  return Range;
}

namespace {
// Whether some element access indexes an array with a loop variable plus a non-zero
// constant.
class ShiftFinder : public RecursiveASTVisitor<ShiftFinder> {
public:
  ShiftFinder(const std::vector<const VarDecl *> &Vars, const ASTContext &Context)
      : Vars(Vars), Context(Context) {}
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Call) {
    if (std::optional<ElementAccess> Access = matchElementAccess(Call))
      for (const Expr *Index : Access->Indices)
        if (std::optional<ShiftedIndex> Shift = shiftedIndex(Index, Context);
            Shift && Shift->Offset != 0 && llvm::is_contained(Vars, Shift->Var))
          Found = true;
    return !Found;
  }
  bool Found = false;

private:
  const std::vector<const VarDecl *> &Vars;
  const ASTContext &Context;
};
} // namespace

bool needsSlices(const LoopNest &Nest, ASTContext &Context) {
  std::vector<const VarDecl *> Vars;
  for (const LoopLevel &Level : Nest.Levels) {
    Vars.push_back(Level.Var);
    // A header the whole-extent analysis rejects (a start, a step) is explained here.
    if (!headerProblem(Level, Context).empty())
      return true;
    std::string Why;
    std::optional<LevelRange> Range = levelRange(Level, Context, Why);
    if (Range && !Range->wholeExtent())
      return true;
  }
  ShiftFinder Finder(Vars, Context);
  Finder.TraverseStmt(const_cast<Stmt *>(Nest.Body));
  return Finder.Found;
}

std::optional<std::pair<int, int64_t>> SlicePlan::levelOf(const Expr *Index) const {
  std::optional<ShiftedIndex> Shift = shiftedIndex(Index, Context);
  if (!Shift)
    return std::nullopt;
  auto It = std::find(LoopVars.begin(), LoopVars.end(), Shift->Var);
  if (It == LoopVars.end())
    return std::nullopt;
  return std::make_pair(static_cast<int>(It - LoopVars.begin()), Shift->Offset);
}

std::string SlicePlan::text(const Expr *E) const { return getText(*E, Context).str(); }

// The literal extent of axis Axis of the array E, when the program fixes it.
static std::optional<int64_t> literalExtent(const Expr *E, int Axis, unsigned Rank,
                                            ASTContext &Context) {
  model::Shape Shape = model::shapeOf(E, Context);
  if (Shape.K != model::Shape::Kind::Known)
    return std::nullopt;
  if (Axis < 0) { // size(): the product of the extents
    int64_t Size = 1;
    for (int64_t Extent : Shape.Extents)
      Size *= Extent;
    return Size;
  }
  if (Shape.Extents.size() != Rank || static_cast<unsigned>(Axis) >= Rank)
    return std::nullopt;
  return Shape.Extents[Axis];
}

// The extent of Array along Axis (of Rank axes) as its creation spells it: a local
// created by `nd::empty<T>({x.size() - 1})` (zeros, ones, full) and never reseated has
// the extent `x.size() - 1` along axis 0.
std::optional<AffineBound> SlicePlan::declaredExtent(const VarDecl *Array, int Axis,
                                                     unsigned Rank) const {
  // Rank 0: any rank (size() then needs a 1-D creation).
  if (!Array || !Array->hasLocalStorage() || Array->getType()->isReferenceType() ||
      !Array->getInit() || model::mayBeReboundHere(*Array, *Scope, Context))
    return std::nullopt;
  const Expr *Init = utils::skipImplicit(Array->getInit());
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Init);
      Construct && Construct->getNumArgs() == 1)
    Init = utils::skipImplicit(Construct->getArg(0));
  const auto *Call = dyn_cast<CallExpr>(Init);
  if (!Call || Call->getNumArgs() < 1 ||
      !utils::isNdFunction(Call->getDirectCallee(), {"empty", "zeros", "ones", "full"}))
    return std::nullopt;
  llvm::SmallVector<const Expr *, 4> Extents = model::listedItems(Call->getArg(0));
  if (!llvm::all_of(Extents, [](const Expr *E) { return E->getType()->isIntegerType(); }))
    return std::nullopt; // a named shape: its extents are not spelled here
  if (Axis < 0 && Extents.size() == 1)
    Axis = 0;
  if ((Rank && Extents.size() != Rank) || Axis < 0 || static_cast<size_t>(Axis) >= Extents.size())
    return std::nullopt;
  // The extent it was created with is the bound's only while that array is not reseated.
  std::optional<AffineBound> Extent = affineBound(Extents[Axis], Context);
  return Extent && Extent->Array && !model::mayBeReboundHere(*Extent->Array, *Scope, Context)
             ? Extent
             : std::nullopt;
}

// Whether the extents A and B (Offset aside) are provably equal: the same axis of the
// same array, or of arrays provably of one shape. Rank, when not 0, is that shape's
// rank; size() is then the extent of axis 0 of a rank-1 array.
bool SlicePlan::sameExtent(const AffineBound &A, const AffineBound &B, unsigned Rank) const {
  if (!A.Array || !B.Array)
    return false;
  int AxisA = A.Axis < 0 && Rank == 1 ? 0 : A.Axis;
  int AxisB = B.Axis < 0 && Rank == 1 ? 0 : B.Axis;
  return AxisA == AxisB &&
         (A.Array == B.Array || model::provablySameShape(A.Array, B.Array, Scope, Context));
}

std::optional<int64_t> SlicePlan::gapBelowExtent(const AffineBound &Stop,
                                                 const ElementAccess &Access, unsigned Axis) const {
  unsigned Rank = Access.Indices.size();
  // The same extent: the array itself or one provably of its shape, along the same
  // axis, each also as its creation spells it (`nd::zeros<double>({n - 1})`).
  if (Stop.Array) {
    // Each extent with the rank of its array when known (the accessed array's is).
    AffineBound Own{Access.Array, nullptr, static_cast<int>(Axis), 0};
    std::vector<std::pair<AffineBound, unsigned>> Extents{{Own, Rank}};
    if (std::optional<AffineBound> Declared =
            declaredExtent(Access.Array, static_cast<int>(Axis), Rank))
      Extents.push_back({*Declared, 0});
    std::vector<AffineBound> Stops{Stop};
    if (std::optional<AffineBound> Declared = declaredExtent(Stop.Array, Stop.Axis, 0)) {
      Declared->Offset += Stop.Offset;
      Stops.push_back(*Declared);
    }
    for (const AffineBound &S : Stops)
      for (const auto &[E, KnownRank] : Extents)
        if (sameExtent(S, E, KnownRank))
          return E.Offset - S.Offset;
  }
  // Literal shapes: compare the numbers.
  std::optional<int64_t> Extent = literalExtent(Access.Call->getArg(0), Axis, Rank, Context);
  if (!Extent)
    return std::nullopt;
  if (!Stop.Array)
    return *Extent - Stop.Offset;
  std::optional<int64_t> StopExtent = literalExtent(Stop.ArrayExpr, Stop.Axis, ~0u, Context);
  if (Stop.Axis >= 0) {
    model::Shape S = model::shapeOf(Stop.ArrayExpr, Context);
    StopExtent =
        S.K == model::Shape::Kind::Known && static_cast<size_t>(Stop.Axis) < S.Extents.size()
            ? std::optional<int64_t>(S.Extents[Stop.Axis])
            : std::nullopt;
  }
  if (!StopExtent)
    return std::nullopt;
  return *Extent - (*StopExtent + Stop.Offset);
}

std::optional<std::string> SlicePlan::axisSlice(const ElementAccess &Access, unsigned Axis,
                                                std::string &Why) const {
  auto [Level, Offset] = *levelOf(Access.Indices[Axis]);
  const LevelRange &Range = Ranges[Level];
  const std::string Var = "'" + LoopVars[Level]->getNameAsString() + "'";
  int64_t Start = Range.Start + Offset;
  if (Start < 0) {
    // nd, like NumPy, counts a negative index from the end: the loop reads the last
    // elements there, a slice would not.
    Why = "'" + text(Access.Call) + "' reads index " + std::to_string(Start) + " of '" +
          Access.Array->getNameAsString() + "' in the first iteration of the loop over " + Var +
          ", which no slice starting inside the array can express (index shape)";
    return std::nullopt;
  }
  std::optional<int64_t> Gap = gapBelowExtent(Range.Stop, Access, Axis);
  if (Gap)
    *Gap -= Offset;
  if (!Gap || *Gap < 0) {
    Why = "'" + text(Access.Call) + "' is not provably inside '" + Access.Array->getNameAsString() +
          "' along axis " + std::to_string(Axis) + " for " + Var + " up to '" +
          text(Range.StopExpr) +
          "': the loop would throw nd::index_error where a slice silently clips (index shape)";
    return std::nullopt;
  }
  if (Start == 0 && *Gap == 0 && Range.Step == 1)
    return std::string("nd::all");
  // The stop counts from the end (NumPy's `u[1:-1]`): with the start a non-negative
  // constant the slice selects exactly the loop's iterations, none when the loop runs
  // none (a negative stop clips at 0).
  std::string Slice = "nd::slice(" + std::to_string(Start) + ", " +
                      (*Gap == 0 ? std::string("nd::none") : "-" + std::to_string(*Gap));
  if (Range.Step != 1)
    Slice += ", " + std::to_string(Range.Step);
  return Slice + ")";
}

std::optional<std::string> SlicePlan::view(const ElementAccess &Access, std::string &Why) const {
  std::vector<std::string> Slices;
  bool Whole = true;
  for (unsigned Axis = 0; Axis < Access.Indices.size(); ++Axis) {
    std::optional<std::string> Slice = axisSlice(Access, Axis, Why);
    if (!Slice)
      return std::nullopt;
    Whole &= *Slice == "nd::all";
    Slices.push_back(*Slice);
  }
  std::string Name = Access.Array->getNameAsString();
  if (Whole)
    return Name;
  std::string Index;
  for (const std::string &Slice : Slices)
    Index += (Index.empty() ? "" : ", ") + Slice;
  return Name + "(" + Index + ")";
}

} // namespace clang::tidy::nd_checks
