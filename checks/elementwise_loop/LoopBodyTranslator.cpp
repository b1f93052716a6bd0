#include "LoopBodyTranslator.h"
#include "model/NdFunctions.h"

#include "BestForm.h"
#include "ShiftedAccess.h"
#include "utils/LexerUtils.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Tooling/FixIt.h"
#include "llvm/ADT/StringExtras.h"
#include <algorithm>
#include <numeric>

namespace clang::tidy::nd_checks {

using tooling::fixit::getText;

// std::min/std::max, or the C math function of that name in std:: or the global
// namespace (<cmath> declares some overloads in each).
static std::optional<llvm::StringRef> mathName(const FunctionDecl *F) {
  if (!F || !F->getDeclName().isIdentifier())
    return std::nullopt;
  const DeclContext *DC = F->getDeclContext()->getRedeclContext();
  bool InStd = DC->isStdNamespace();
  if (!InStd && !DC->isTranslationUnit())
    return std::nullopt;
  llvm::StringRef Name = F->getName();
  if ((Name == "min" || Name == "max") && InStd)
    return Name;
  if (model::ufuncForMathFunction(Name))
    return Name;
  return std::nullopt;
}

LoopBodyTranslator::LoopBodyTranslator(const ASTContext &Context,
                                       std::vector<const VarDecl *> LoopVars,
                                       std::vector<int> OutputAxisOfLevel, const VarDecl *Dest,
                                       std::vector<const Expr *> DestIndices,
                                       const std::vector<SliceStatistic> &Statistics)
    : Context(Context), LoopVars(std::move(LoopVars)),
      OutputAxisOfLevel(std::move(OutputAxisOfLevel)), Dest(Dest), Statistics(Statistics) {
  NumOutputAxes = static_cast<int>(this->LoopVars.size());
  LevelsUsed.assign(this->LoopVars.size(), false);
  for (const Expr *Index : DestIndices)
    DestLevels.push_back(levelOf(Index));
  this->DestIndices = std::move(DestIndices);
}

std::optional<std::string> LoopBodyTranslator::fail(SourceLocation Loc, std::string Reason,
                                                    bool Recurrence) {
  if (Failure.Reason.empty())
    Failure = {Loc, std::move(Reason), Recurrence};
  return std::nullopt;
}

std::string LoopBodyTranslator::text(const Expr *E) const { return getText(*E, Context).str(); }

int LoopBodyTranslator::levelOf(const Expr *Index) const {
  const VarDecl *V = utils::referencedVar(Index);
  auto It = std::find(LoopVars.begin(), LoopVars.end(), V);
  return V && It != LoopVars.end() ? static_cast<int>(It - LoopVars.begin()) : -1;
}

namespace {
// Whether an expression mentions a loop variable or a per-slice statistic, i.e. has a
// different value in each iteration.
class VariantFinder : public RecursiveASTVisitor<VariantFinder> {
public:
  VariantFinder(llvm::ArrayRef<const VarDecl *> LoopVars,
                const std::vector<SliceStatistic> &Statistics,
                llvm::ArrayRef<const ValueDecl *> Bound)
      : LoopVars(LoopVars), Statistics(Statistics), Bound(Bound) {}
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    const Decl *D = Ref->getDecl();
    if (llvm::is_contained(LoopVars, D) || llvm::is_contained(Bound, D) ||
        llvm::any_of(Statistics, [&](const SliceStatistic &S) { return S.Var == D; }))
      Found = true;
    return !Found;
  }
  bool Found = false;

private:
  llvm::ArrayRef<const VarDecl *> LoopVars;
  const std::vector<SliceStatistic> &Statistics;
  llvm::ArrayRef<const ValueDecl *> Bound;
};
} // namespace

void LoopBodyTranslator::bindOperand(const ValueDecl *D, std::string Text) {
  BoundDecls.push_back(D);
  BoundOperands[D] = std::move(Text);
}

void LoopBodyTranslator::bindLocal(const VarDecl *D, const Expr *Init) {
  BoundDecls.push_back(D);
  BoundLocals[D] = Init;
}

unsigned LoopBodyTranslator::uses(const ValueDecl *D) const {
  auto It = Uses.find(D);
  return It == Uses.end() ? 0 : It->second;
}

bool LoopBodyTranslator::isVariant(const Expr *E) const {
  VariantFinder Finder(LoopVars, Statistics, BoundDecls);
  Finder.TraverseStmt(const_cast<Expr *>(E));
  return Finder.Found;
}

std::string LoopBodyTranslator::layout(std::string Base,
                                       const std::vector<int> &LevelOfAxis) const {
  // Output axis of each operand axis; sorting the operand's axes by it gives the
  // transposition, and the gaps between them the nd::newaxis entries.
  std::vector<int> Axis;
  for (int Level : LevelOfAxis)
    Axis.push_back(OutputAxisOfLevel[Level]);
  std::vector<int> Order(Axis.size());
  std::iota(Order.begin(), Order.end(), 0);
  std::sort(Order.begin(), Order.end(), [&](int A, int B) { return Axis[A] < Axis[B]; });
  bool Identity = std::is_sorted(Axis.begin(), Axis.end());
  if (!Identity) {
    if (Order.size() == 2) {
      Base += ".T()";
    } else {
      std::string Perm;
      for (int A : Order)
        Perm += (Perm.empty() ? "" : ", ") + std::to_string(A);
      Base = "nd::transpose(" + Base + ", {" + Perm + "})";
    }
  }
  std::vector<int> Sorted = Axis;
  std::sort(Sorted.begin(), Sorted.end());
  // Leading output axes are supplied by broadcasting; trailing nd::all may be left out.
  std::vector<bool> Present(NumOutputAxes, false);
  for (int A : Sorted)
    Present[A] = true;
  int Last = NumOutputAxes - 1;
  while (Last >= 0 && Present[Last])
    --Last;
  if (Last < Sorted.front())
    return Base;
  std::string Index;
  for (int A = Sorted.front(); A <= Last; ++A)
    Index += std::string(Index.empty() ? "" : ", ") + (Present[A] ? "nd::all" : "nd::newaxis");
  return Base + "(" + Index + ")";
}

// Operands of an arithmetic node: C++ converts operands of different types to a common
// one; nd promotes differently (NEP 50), so only conversions nd makes the same way are
// accepted: an integer scalar used with a floating array, or a wider integer.
bool LoopBodyTranslator::checkNoPromotion(const Expr *Operand) {
  const Expr *E = Operand->IgnoreParens();
  while (const auto *Cast = dyn_cast<ImplicitCastExpr>(E)) {
    CastKind K = Cast->getCastKind();
    const Expr *Sub = Cast->getSubExpr();
    if (K == CK_LValueToRValue || K == CK_NoOp) {
      E = Sub->IgnoreParens();
      continue;
    }
    QualType From = Sub->getType(), To = Cast->getType();
    bool IntegerScalar = !isVariant(Sub) && From->isIntegerType() && !From->isBooleanType();
    bool Widening = K == CK_IntegralCast && Context.getTypeSize(To) >= Context.getTypeSize(From);
    if (IntegerScalar && (K == CK_IntegralToFloating || Widening)) {
      E = Sub->IgnoreParens();
      continue;
    }
    fail(Cast->getBeginLoc(), Subject + " converts '" + From.getUnqualifiedType().getAsString() +
                                  "' to '" + To.getUnqualifiedType().getAsString() +
                                  "', which nd's type promotion would not do");
    return false;
  }
  return true;
}

bool LoopBodyTranslator::checkPureInvariant(const Expr *E) {
  E = utils::skipImplicit(E);
  if (isa<IntegerLiteral, FloatingLiteral, CXXBoolLiteralExpr>(E))
    return true;
  if (const auto *Cast = dyn_cast<CastExpr>(E))
    return (isa<ImplicitCastExpr>(Cast) || Cast->getType()->isArithmeticType()) &&
           checkPureInvariant(Cast->getSubExpr());
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    if (Ref->getType().isVolatileQualified()) {
      fail(Ref->getBeginLoc(), Subject + " reads the volatile '" +
                                   Ref->getDecl()->getNameAsString() + "' in every iteration");
      return false;
    }
    if (isa<VarDecl, EnumConstantDecl>(Ref->getDecl()))
      return true;
  }
  if (const auto *Op = dyn_cast<BinaryOperator>(E)) {
    if (Op->isAssignmentOp() || Op->isCompoundAssignmentOp() || Op->getOpcode() == BO_Comma) {
      fail(Op->getOperatorLoc(), bodySubject() + " writes to something other than its destination");
      return false;
    }
    return checkPureInvariant(Op->getLHS()) && checkPureInvariant(Op->getRHS());
  }
  if (const auto *Op = dyn_cast<UnaryOperator>(E)) {
    if (Op->isIncrementDecrementOp()) {
      fail(Op->getOperatorLoc(), bodySubject() + " writes to something other than its destination");
      return false;
    }
    return Op->isArithmeticOp() && checkPureInvariant(Op->getSubExpr());
  }
  if (const auto *Cond = dyn_cast<ConditionalOperator>(E))
    return checkPureInvariant(Cond->getCond()) && checkPureInvariant(Cond->getTrueExpr()) &&
           checkPureInvariant(Cond->getFalseExpr());
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *M = Member->getMethodDecl();
    if (M && M->getDeclName().isIdentifier() && utils::isNdArray(Member->getObjectType()) &&
        llvm::is_contained({"shape", "size", "ndim"}, M->getName()))
      return llvm::all_of(Member->arguments(),
                          [&](const Expr *A) { return checkPureInvariant(A); });
  }
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    if (!isa<CXXOperatorCallExpr>(Call) && mathName(Call->getDirectCallee()))
      return llvm::all_of(Call->arguments(), [&](const Expr *A) { return checkPureInvariant(A); });
  }
  if (auto Access = matchElementAccess(E)) {
    fail(E->getBeginLoc(),
         "'" + text(E) + "' is read at an index that is not a loop variable (index shape)");
    return false;
  }
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *F = Call->getDirectCallee();
    fail(E->getBeginLoc(), Subject + " calls '" + (F ? F->getQualifiedNameAsString() : text(E)) +
                               "', which has no ufunc equivalent (side effects)");
    return false;
  }
  fail(E->getBeginLoc(), "'" + text(E) + "' has no broadcasting equivalent");
  return false;
}

// A bound local's translation comes in parentheses, which the places that group on
// their own (a whole call argument, a parenthesised expression, the whole result) do
// not need: `nd::sqrt(x - 0.5)`, not `nd::sqrt((x - 0.5))`.
bool LoopBodyTranslator::isBoundLocal(const Expr *E) const {
  const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreImplicit());
  return Ref && BoundLocals.count(Ref->getDecl());
}

static bool
readsEarlierIteration(const std::vector<std::optional<std::pair<int, int64_t>>> &Read,
                      const std::vector<std::optional<std::pair<int, int64_t>>> &Written);

std::optional<std::string> LoopBodyTranslator::translate(const Expr *E) {
  if (const ElementAccess *Carried = earlierIterationRead(E))
    return fail(Carried->Call->getBeginLoc(),
                "'" + text(Carried->Call) +
                    "' reads the destination where an earlier iteration wrote it, a "
                    "loop-carried dependency",
                /*Recurrence=*/true);
  if (!checkNoPromotion(E))
    return std::nullopt;
  return translateArgument(E);
}

// A pre-pass before the translation, which stops at its first failure: a Gauss-Seidel
// sweep `u(i, j) = 0.25 * (u(i + 1, j) + u(i - 1, j) + ...)` reads ahead first, yet
// u(i - 1, j) is this sweep's value, so the loop is a recurrence whatever comes first.
const ElementAccess *LoopBodyTranslator::earlierIterationRead(const Expr *E) {
  if (!Dest)
    return nullptr;
  std::vector<std::optional<std::pair<int, int64_t>>> Written;
  for (const Expr *Index : DestIndices)
    Written.push_back(
        Plan ? Plan->levelOf(Index)
             : std::optional<std::pair<int, int64_t>>(std::pair<int, int64_t>(levelOf(Index), 0)));
  llvm::SmallVector<const Stmt *, 16> Work{E};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (const auto *Sub = dyn_cast<Expr>(S)) {
      std::optional<ElementAccess> Access = matchElementAccess(Sub);
      if (Access && Access->Array == Dest) {
        std::vector<std::optional<std::pair<int, int64_t>>> Read;
        for (const Expr *Index : Access->Indices)
          Read.push_back(Plan ? Plan->levelOf(Index)
                              : std::optional<std::pair<int, int64_t>>(
                                    std::pair<int, int64_t>(levelOf(Index), 0)));
        // Other index shapes (`y(0)`) keep the translation's own reason.
        bool Affine =
            std::all_of(Read.begin(), Read.end(), [](const auto &L) { return L && L->first >= 0; });
        if (Affine && Read != Written && readsEarlierIteration(Read, Written)) {
          CarriedRead = *Access;
          return &CarriedRead;
        }
        continue;
      }
    }
    Work.append(S->child_begin(), S->child_end());
  }
  return nullptr;
}

std::optional<std::string> LoopBodyTranslator::translateArgument(const Expr *E) {
  std::optional<std::string> Result = translateOperand(E);
  if (Result && isBoundLocal(E))
    return utils::withoutEnclosingParens(*Result);
  return Result;
}

std::optional<std::string> LoopBodyTranslator::translateOperand(const Expr *E) {
  if (!isVariant(E)) {
    if (!checkPureInvariant(E))
      return std::nullopt;
    return text(E->IgnoreImplicit());
  }
  return translateVariant(E);
}

std::optional<std::string> LoopBodyTranslator::translateAccess(const ElementAccess &Access) {
  if (Plan)
    return translateShiftedAccess(Access);
  std::vector<int> Levels;
  for (const Expr *Index : Access.Indices)
    Levels.push_back(levelOf(Index));
  // Other indices of the destination (a transpose in place, a reversal): some
  // iteration reads an element an earlier one wrote.
  if (Access.Array == Dest && Levels != DestLevels)
    return fail(Access.Call->getBeginLoc(),
                "'" + text(Access.Call) +
                    "' reads the destination at other indices than it is "
                    "written at, a loop-carried dependency",
                /*Recurrence=*/true);
  for (size_t A = 0; A < Levels.size(); ++A) {
    if (Levels[A] < 0)
      return fail(Access.Indices[A]->getBeginLoc(),
                  "the index '" + text(Access.Indices[A]) +
                      "' is not a loop variable (index shape); only whole-extent loops become "
                      "broadcasting");
    if (std::count(Levels.begin(), Levels.end(), Levels[A]) > 1)
      return fail(Access.Call->getBeginLoc(),
                  "'" + text(Access.Call) + "' uses one loop variable for two axes");
    LevelsUsed[Levels[A]] = true;
  }
  Reads.push_back(Access);
  return layout(Access.Array->getNameAsString(), Levels);
}

// Whether a read of the destination at these (level, offset) indices, in loops that
// count upwards, reads what an earlier iteration wrote: on another level than written
// (a transpose), or behind the written element on some level (`y(i - 1)` for `y(i)`).
// `y(i) = y(i + 1)` only reads elements still to be written: no recurrence.
static bool
readsEarlierIteration(const std::vector<std::optional<std::pair<int, int64_t>>> &Read,
                      const std::vector<std::optional<std::pair<int, int64_t>>> &Written) {
  if (Read.size() != Written.size())
    return true;
  for (size_t A = 0; A < Read.size(); ++A) {
    if (!Read[A] || !Written[A] || Read[A]->first != Written[A]->first)
      return true;
    if (Read[A]->second < Written[A]->second)
      return true;
  }
  return false;
}

// `u(i - 1)` in a loop over a range: the view of u that the loop's iterations read.
std::optional<std::string> LoopBodyTranslator::translateShiftedAccess(const ElementAccess &Access) {
  std::vector<std::optional<std::pair<int, int64_t>>> Indices, Written;
  for (const Expr *Index : Access.Indices)
    Indices.push_back(Plan->levelOf(Index));
  for (const Expr *Index : DestIndices)
    Written.push_back(Plan->levelOf(Index));
  if (Access.Array == Dest && Indices != Written)
    return fail(Access.Call->getBeginLoc(),
                "'" + text(Access.Call) +
                    "' reads the destination at other indices than it is "
                    "written at, a loop-carried dependency",
                readsEarlierIteration(Indices, Written));
  std::vector<int> Levels;
  for (size_t A = 0; A < Indices.size(); ++A) {
    if (!Indices[A])
      return fail(Access.Indices[A]->getBeginLoc(),
                  "the index '" + text(Access.Indices[A]) +
                      "' is not a loop variable plus a constant (index shape)");
    Levels.push_back(Indices[A]->first);
  }
  for (int Level : Levels) {
    if (std::count(Levels.begin(), Levels.end(), Level) > 1)
      return fail(Access.Call->getBeginLoc(),
                  "'" + text(Access.Call) + "' uses one loop variable for two axes");
    LevelsUsed[Level] = true;
  }
  std::string Why;
  std::optional<std::string> View = Plan->view(Access, Why);
  if (!View)
    return fail(Access.Call->getBeginLoc(), Why);
  Reads.push_back(Access);
  return layout(*View, Levels);
}

std::optional<std::string> LoopBodyTranslator::translateStatistic(const SliceStatistic &Stat) {
  std::vector<int> Reduced, KeptLevels;
  std::string Axes;
  for (size_t A = 0; A < Stat.LevelOfAxis.size(); ++A) {
    if (Stat.LevelOfAxis[A] < 0) {
      Reduced.push_back(static_cast<int>(A));
      Axes += (Axes.empty() ? "" : ", ") + std::to_string(A);
    } else {
      KeptLevels.push_back(Stat.LevelOfAxis[A]);
      LevelsUsed[Stat.LevelOfAxis[A]] = true;
    }
  }
  if (Reduced.size() > 1)
    Axes = "{" + Axes + "}";
  std::string Call = "nd::" + Stat.Reduction + "(" + Stat.Array->getNameAsString() + ", " + Axes;
  std::string Plain = layout(Call + ")", KeptLevels);
  if (Plain == Call + ")")
    return Plain;
  // With keepdims the reduced axes stay as length 1, which lines the result up with
  // the output when the array's kept axes already sit at their output positions.
  bool Aligned = static_cast<int>(Stat.LevelOfAxis.size()) == NumOutputAxes;
  for (size_t A = 0; A < Stat.LevelOfAxis.size() && Aligned; ++A)
    Aligned =
        Stat.LevelOfAxis[A] < 0 || OutputAxisOfLevel[Stat.LevelOfAxis[A]] == static_cast<int>(A);
  return Aligned ? Call + ", nd::keepdims)" : Plain;
}

std::optional<std::string> LoopBodyTranslator::translateCall(const CallExpr *Call) {
  if (std::optional<ClampForm> Clamp = matchClamp(Call, Context))
    return translateClamp(*Clamp);
  std::optional<llvm::StringRef> Name = mathName(Call->getDirectCallee());
  if (!Name || isa<CXXOperatorCallExpr>(Call)) {
    const FunctionDecl *F = Call->getDirectCallee();
    return fail(Call->getBeginLoc(), Subject + " calls '" +
                                         (F ? F->getQualifiedNameAsString() : text(Call)) +
                                         "', which has no ufunc equivalent (side effects)");
  }
  // std::min and std::max become an infix comparison, where a bound local keeps its
  // parentheses; every other call's arguments are whole arguments of a ufunc.
  const bool MinMax = *Name == "min" || *Name == "max";
  std::vector<std::string> Args;
  for (const Expr *Arg : Call->arguments()) {
    if (!checkNoPromotion(Arg))
      return std::nullopt;
    std::optional<std::string> T = MinMax ? translateOperand(Arg) : translateArgument(Arg);
    if (!T)
      return std::nullopt;
    Args.push_back(*T);
  }
  if (MinMax) {
    if (Args.size() != 2)
      return fail(Call->getBeginLoc(), "only the two-argument std::min and std::max have a ufunc");
    // Integers: nd::minimum/maximum. Floating point: std::min(a, b) is (b < a) ? b : a,
    // which treats NaN differently from nd::minimum, so its exact broadcasting form.
    if (Call->getType()->isIntegerType())
      return std::string(*Name == "min" ? "nd::minimum(" : "nd::maximum(") + Args[0] + ", " +
             Args[1] + ")";
    if (*Name == "min")
      return "nd::where(" + Args[1] + " < " + Args[0] + ", " + Args[1] + ", " + Args[0] + ")";
    return "nd::where(" + Args[0] + " < " + Args[1] + ", " + Args[1] + ", " + Args[0] + ")";
  }
  std::string Out = model::ufuncForMathFunction(*Name)->str() + "(";
  for (size_t I = 0; I < Args.size(); ++I)
    Out += (I ? ", " : "") + Args[I];
  return Out + ")";
}

std::optional<std::string> LoopBodyTranslator::translateVariant(const Expr *E) {
  if (LazyLeaves && LazyLeaves->count(E)) {
    const std::set<const Expr *> *Leaves = LazyLeaves;
    LazyLeaves = nullptr; // a leaf holds no other leaf
    std::optional<std::string> Leaf = translateVariant(E);
    LazyLeaves = Leaves;
    return Leaf ? std::optional<std::string>("nd::lazy(" + *Leaf + ")") : std::nullopt;
  }
  if (const auto *Paren = dyn_cast<ParenExpr>(E)) {
    std::optional<std::string> Inner = translateArgument(Paren->getSubExpr());
    return Inner ? std::optional<std::string>("(" + *Inner + ")") : std::nullopt;
  }
  if (const auto *Cast = dyn_cast<ImplicitCastExpr>(E))
    return translateVariant(Cast->getSubExpr());
  if (isa<FullExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr>(E))
    return translateVariant(E->IgnoreImplicit());
  if (auto Access = matchElementAccess(E))
    return translateAccess(*Access);
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return translateReference(Ref);
  if (const auto *Op = dyn_cast<BinaryOperator>(E))
    return translateBinary(Op);
  if (const auto *Op = dyn_cast<UnaryOperator>(E))
    return translateUnary(Op);
  if (const auto *Cond = dyn_cast<ConditionalOperator>(E))
    return translateConditional(Cond);
  if (const auto *Call = dyn_cast<CallExpr>(E))
    return translateCall(Call);
  return fail(E->getBeginLoc(), "'" + text(E) + "' has no broadcasting equivalent");
}

// A bound operand or local, a per-slice statistic; a loop variable used as a value fails.
std::optional<std::string> LoopBodyTranslator::translateReference(const DeclRefExpr *Ref) {
  if (auto It = BoundOperands.find(Ref->getDecl()); It != BoundOperands.end()) {
    ++Uses[Ref->getDecl()];
    return It->second;
  }
  if (auto It = BoundLocals.find(Ref->getDecl()); It != BoundLocals.end()) {
    ++Uses[Ref->getDecl()];
    if (!checkNoPromotion(It->second))
      return std::nullopt;
    std::optional<std::string> Init = translateOperand(It->second);
    if (!Init)
      return std::nullopt;
    // Where the local is used, an operator's text is parenthesised. A call, a name,
    // a number and a parenthesised expression stand on their own, and so do a
    // conditional and && / || that vary, which become nd::where and nd::logical_*.
    const Expr *Value = It->second->IgnoreImplicit();
    const auto *Binary = dyn_cast<BinaryOperator>(Value);
    bool StandsAlone =
        isa<CallExpr, DeclRefExpr, IntegerLiteral, FloatingLiteral, ParenExpr>(Value) ||
        (isVariant(Value) &&
         (isa<ConditionalOperator>(Value) || (Binary && Binary->isLogicalOp())));
    return StandsAlone ? *Init : "(" + *Init + ")";
  }
  for (const SliceStatistic &Stat : Statistics)
    if (Stat.Var == Ref->getDecl())
      return translateStatistic(Stat);
  return fail(Ref->getBeginLoc(), "the loop variable '" + Ref->getDecl()->getNameAsString() +
                                      "' is used as a value, not only as an index");
}

std::optional<std::string> LoopBodyTranslator::translateBinary(const BinaryOperator *Op) {
  if (Op->isAssignmentOp() || Op->isCompoundAssignmentOp() || Op->getOpcode() == BO_Comma)
    return fail(Op->getOperatorLoc(),
                bodySubject() + " writes to something other than its destination (side effects)");
  BinaryOperatorKind K = Op->getOpcode();
  bool Arithmetic = K == BO_Add || K == BO_Sub || K == BO_Mul || K == BO_Div;
  bool Logical = K == BO_LAnd || K == BO_LOr;
  if (!Arithmetic && !Op->isComparisonOp() && !Logical)
    return fail(Op->getOperatorLoc(),
                "the operator '" + Op->getOpcodeStr().str() + "' has no ufunc in nd");
  if (K == BO_Div && Op->getType()->isIntegerType())
    return fail(Op->getOperatorLoc(), "integer division truncates in C++ but nd::divide "
                                      "returns the exact quotient");
  if (!checkNoPromotion(Op->getLHS()) || !checkNoPromotion(Op->getRHS()))
    return std::nullopt;
  if (Logical) {
    std::optional<std::string> L = translateArgument(Op->getLHS());
    std::optional<std::string> R = L ? translateArgument(Op->getRHS()) : std::nullopt;
    if (!R)
      return std::nullopt;
    return std::string(K == BO_LAnd ? "nd::logical_and(" : "nd::logical_or(") + *L + ", " + *R +
           ")";
  }
  std::optional<std::string> L = translateOperand(Op->getLHS());
  if (!L)
    return std::nullopt;
  std::optional<std::string> R = translateOperand(Op->getRHS());
  if (!R)
    return std::nullopt;
  return *L + " " + Op->getOpcodeStr().str() + " " + *R;
}

std::optional<std::string> LoopBodyTranslator::translateUnary(const UnaryOperator *Op) {
  UnaryOperatorKind K = Op->getOpcode();
  if (K != UO_Minus && K != UO_Plus && K != UO_LNot)
    return fail(Op->getOperatorLoc(),
                "the operator '" + UnaryOperator::getOpcodeStr(K).str() + "' has no ufunc");
  if (!checkNoPromotion(Op->getSubExpr()))
    return std::nullopt;
  std::optional<std::string> Sub = translateOperand(Op->getSubExpr());
  if (!Sub)
    return std::nullopt;
  return K == UO_Plus ? *Sub : UnaryOperator::getOpcodeStr(K).str() + *Sub;
}

// `C ? T : F` becomes nd::where(C, T, F).
std::optional<std::string>
LoopBodyTranslator::translateConditional(const ConditionalOperator *Cond) {
  if (std::optional<ClampForm> Clamp = matchClamp(Cond, Context))
    return translateClamp(*Clamp);
  if (!checkNoPromotion(Cond->getTrueExpr()) || !checkNoPromotion(Cond->getFalseExpr()))
    return std::nullopt;
  std::optional<std::string> C = translateArgument(Cond->getCond());
  if (!C)
    return std::nullopt;
  std::optional<std::string> T = translateArgument(Cond->getTrueExpr());
  if (!T)
    return std::nullopt;
  std::optional<std::string> F = translateArgument(Cond->getFalseExpr());
  if (!F)
    return std::nullopt;
  return "nd::where(" + *C + ", " + *T + ", " + *F + ")";
}

// A clamp becomes one nd::clip, one pass instead of two nd::where (BestForm.h).
std::optional<std::string> LoopBodyTranslator::translateClamp(const ClampForm &Clamp) {
  std::vector<std::string> Args;
  for (const Expr *E : {Clamp.X, Clamp.Lo, Clamp.Hi}) {
    if (!checkNoPromotion(E))
      return std::nullopt;
    std::optional<std::string> T = translateArgument(E);
    if (!T)
      return std::nullopt;
    Args.push_back(*T);
  }
  return "nd::clip(" + llvm::join(Args, ", ") + ")";
}

} // namespace clang::tidy::nd_checks
