#include "GatherDownsamplingCheck.h"

#include "model/HandleBuffers.h"
#include "model/HandleUses.h"
#include "utils/ASTUtils.h"
#include "utils/LexerUtils.h"
#include "utils/NdDecls.h"
#include "ProgressionIndex.h"
#include "utils/UserCodeMatcher.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "clang/Tooling/FixIt.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"

using namespace clang::ast_matchers;

namespace clang::tidy::nd_checks {

using tooling::fixit::getText;

using namespace gather_downsampling;
using namespace utils;

namespace {

// One index array of a gather and the axis of the indexed array it selects along.
struct IndexedAxis {
  ProgressionOperand Operand;
  const Expr *Spelled = nullptr; // the operand the slice replaces (null inside nd::ix_)
  unsigned Axis = 0;
};

// A gather whose index arrays are all progressions in an outer-product arrangement.
struct GatherPlan {
  const Expr *Gather = nullptr; // the whole indexing expression or nd::take call
  const Expr *Object = nullptr; // the array that is indexed
  llvm::SmallVector<IndexedAxis, 4> Axes;
  const CallExpr *Ix = nullptr;   // m(nd::ix_(...)): replaced as a whole
  const CallExpr *Take = nullptr; // nd::take(x, p, axis): replaced as a whole
  std::string WhyNoFix;           // a reason that holds whatever the slices are
};

enum class Form { View, Copy };

struct FormDecision {
  Form Chosen = Form::View;
  std::string Why; // why a copy is kept
  const Stmt *Where = nullptr;
};

SourceRange tokenRange(const Expr *E) { return E->getSourceRange(); }

bool isInside(SourceLocation Loc, SourceRange Range, const SourceManager &SM) {
  return !SM.isBeforeInTranslationUnit(Loc, Range.getBegin()) &&
         !SM.isBeforeInTranslationUnit(Range.getEnd(), Loc);
}

// The variable an nd::array expression names, through copies of the handle.
const VarDecl *arrayVariable(const Expr *E) {
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(skipHandleCopies(E));
  return Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
}

// Whether E makes a new array nothing else refers to.
bool isFreshArray(const Expr *E) {
  E = skipHandleCopies(E);
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    return isNdArray(Construct->getType()) &&
           !Construct->getConstructor()->isCopyOrMoveConstructor();
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
    const FunctionDecl *FD = Op->getDirectCallee();
    if (Op->getOperator() == OO_Call) // a gather copies
      return llvm::any_of(llvm::drop_begin(Op->arguments()), [](const Expr *Arg) {
        return isNdArray(Arg->getType()) || isIxType(Arg->getType());
      });
    // Free arithmetic operators of the runtime allocate their result.
    return FD && !isa<CXXMethodDecl>(FD) && isInNdOrNestedNamespace(FD) && !Op->isAssignmentOp();
  }
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *MD = Member->getMethodDecl();
    if (!MD || !MD->getIdentifier() || !isInNdOrNestedNamespace(MD))
      return false;
    if (isNdArray(Member->getObjectType()))
      return llvm::is_contained({"copy", "flatten", "astype"}, MD->getName());
    return true; // generators: rng.random(shape), .normal, .integers
  }
  for (llvm::StringRef Creator :
       {"empty", "zeros", "ones", "full", "empty_like", "zeros_like", "ones_like", "full_like",
        "arange", "linspace", "load", "concatenate", "stack"})
    if (isNdFunctionCall(E, Creator))
      return true;
  return false;
}

// The local variables whose buffer the array E may share (E itself, what it was copied
// or viewed from). Returns whether that chain ends in a fresh array, so that no handle
// outside this function reaches the buffer.
bool collectBufferOwners(const Expr *E, model::BufferUses &Uses,
                         llvm::SmallVectorImpl<const VarDecl *> &Owners, unsigned Depth = 0) {
  if (Depth > 8)
    return false;
  E = skipHandleCopies(E);
  if (isFreshArray(E))
    return true;
  if (const VarDecl *V = arrayVariable(E)) {
    if (llvm::is_contained(Owners, V))
      return false;
    Owners.push_back(V);
    if (isa<ParmVarDecl>(V) || !V->hasLocalStorage() || V->getType()->isReferenceType() ||
        !V->getInit() || Uses.mayBeRebound(V))
      return false;
    return collectBufferOwners(V->getInit(), Uses, Owners, Depth + 1);
  }
  // A view of another array: m(nd::slice...), m.T(), ...
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E); Op && Op->getOperator() == OO_Call)
    return collectBufferOwners(Op->getArg(0), Uses, Owners, Depth + 1);
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E);
      Member && isNdArray(Member->getObjectType()))
    return collectBufferOwners(Member->getImplicitObjectArgument(), Uses, Owners, Depth + 1);
  return false;
}

// While the gather's result is alive: from the declaration of the variable it
// initialises to the end of that variable's scope, or its whole full expression.
SourceRange resultLifetime(const Expr *Gather, ASTContext &Ctx) {
  const Stmt *Child = Gather;
  for (;;) {
    DynTypedNodeList Parents = Ctx.getParents(*Child);
    if (Parents.empty())
      return Gather->getSourceRange();
    if (const auto *VD = Parents[0].get<VarDecl>()) {
      DynTypedNodeList DeclParents = Ctx.getParents(*VD);
      const auto *DS = DeclParents.empty() ? nullptr : DeclParents[0].get<DeclStmt>();
      if (!DS)
        return {};
      DynTypedNodeList ScopeParents = Ctx.getParents(*DS);
      const auto *Scope = ScopeParents.empty() ? nullptr : ScopeParents[0].get<Stmt>();
      if (!Scope)
        return {};
      return SourceRange(DS->getBeginLoc(), Scope->getEndLoc());
    }
    const auto *PE = Parents[0].get<Expr>();
    if (!PE) // the whole full expression: its parts are not sequenced with the gather
      return Child->getSourceRange();
    Child = PE;
  }
}

std::string describe(model::BufferUse::Kind Kind, llvm::StringRef What) {
  switch (Kind) {
  case model::BufferUse::Kind::Written: return (What + " is written here").str();
  case model::BufferUse::Kind::Escapes: return (What + " escapes here").str();
  case model::BufferUse::Kind::LayoutObserved:
    return (What + "'s memory layout is observed here").str();
  case model::BufferUse::Kind::Read: break;
  }
  return "";
}

// Whether the fix may yield a plain view: neither the result nor the indexed array is
// written while the result is alive, and the result does not escape.
FormDecision decideForm(const GatherPlan &Plan, const FunctionDecl *Fn, ASTContext &Ctx) {
  // x(nd::arange(0, n, 2)) = v writes x's elements at the progression, which the view
  // writes too; a copy would take the write and lose it.
  if (model::assignmentThroughIndex(Plan.Gather, Ctx))
    return {Form::View, "", nullptr};
  if (!Fn || !Fn->getBody())
    return {Form::Copy, "the gather is outside a function body", Plan.Gather};
  model::BufferUses Uses(*Fn->getBody(), Ctx);
  model::BufferUse Result = Uses.useOfExpr(Plan.Gather, SourceRange());
  if (!Result.isRead())
    return {Form::Copy, describe(Result.K, "the result"), Result.Where};

  SourceRange Alive = resultLifetime(Plan.Gather, Ctx);
  if (Alive.isInvalid())
    return {Form::Copy, "the result's lifetime is not a local scope", Plan.Gather};
  llvm::SmallVector<const VarDecl *, 4> Owners;
  bool Private = collectBufferOwners(Plan.Object, Uses, Owners);
  for (const VarDecl *Owner : Owners) {
    model::BufferUse Source = Uses.useOfVar(Owner, Alive);
    if (Source.K == model::BufferUse::Kind::Written || Source.K == model::BufferUse::Kind::Escapes)
      return {Form::Copy,
              describe(Source.K, "'" + Owner->getName().str() + "'") + " while the result is alive",
              Source.Where};
  }
  if (Owners.empty() && !Private)
    return {Form::Copy, "the indexed array is not a local variable", Plan.Gather};
  if (!Private)
    if (const Stmt *Call = Uses.findOpaqueCall(Alive))
      return {
          Form::Copy,
          "this call may write the indexed array through another handle while the result is alive",
          Call};
  return {};
}

} // namespace

void GatherDownsamplingCheck::registerMatchers(MatchFinder *Finder) {
  // Code in templates is matched in the template itself when its types are known
  // there, and otherwise in the instantiations, whose reports check() merges into one.
  auto InFunction = optionally(hasAncestor(functionDecl().bind("fn")));
  auto Instantiated = optionally(stmt(isInTemplateInstantiation()).bind("instantiated"));
  // User code first (cheap, cached per file): see UserCodeMatcher.h.
  auto UserCode = isInUserCode();
  Finder->addMatcher(
      cxxOperatorCallExpr(UserCode, hasOverloadedOperatorName("()"),
                          callee(cxxMethodDecl(ofClass(cxxRecordDecl(hasName("::nd::array"))))),
                          InFunction, Instantiated)
          .bind("gather"),
      this);
  Finder->addMatcher(
      callExpr(UserCode, callee(functionDecl(hasName("::nd::take"))), InFunction, Instantiated)
          .bind("take"),
      this);
}

// m(i0, i1, ...) with at least one progression index array; nullopt when the index is
// not a downsampling (another index array, a zip of two 1-D arrays, ...).
static std::optional<GatherPlan> planOperatorGather(const CXXOperatorCallExpr *Op) {
  enum class Kind { Integer, Range, NewAxis, Ellipsis, Array };
  GatherPlan Plan;
  Plan.Gather = Op;
  Plan.Object = Op->getArg(0);
  llvm::SmallVector<Kind, 8> Kinds;
  unsigned AxesSoFar = 0;
  for (unsigned I = 1; I < Op->getNumArgs(); ++I) {
    const Expr *Arg = Op->getArg(I);
    QualType T = Arg->getType();
    if (isNdArray(T)) {
      auto Operand = findProgressionOperand(Arg);
      if (!Operand)
        return std::nullopt;
      Plan.Axes.push_back({*Operand, Arg, AxesSoFar++});
      Kinds.push_back(Kind::Array);
    } else if (isIxType(T)) {
      const auto *Ix = dyn_cast<CallExpr>(skipHandleCopies(Arg));
      if (Op->getNumArgs() != 2 || !isNdFunctionCall(Ix, "ix_"))
        return std::nullopt;
      for (unsigned K = 0; K < Ix->getNumArgs(); ++K) {
        auto P = findProgression(Ix->getArg(K));
        if (!P)
          return std::nullopt;
        Plan.Axes.push_back({{*P, 0}, nullptr, K});
      }
      Plan.Ix = Ix;
      return Plan;
    } else if (T->isIntegerType() && !T->isBooleanType()) {
      Kinds.push_back(Kind::Integer);
      ++AxesSoFar;
    } else if (isNdClass(T, "slice") || isNdClass(T, "all_t")) {
      Kinds.push_back(Kind::Range);
      ++AxesSoFar;
    } else if (isNdClass(T, "newaxis_t")) {
      Kinds.push_back(Kind::NewAxis);
    } else if (isNdClass(T, "ellipsis_t")) {
      Kinds.push_back(Kind::Ellipsis);
    } else {
      return std::nullopt;
    }
  }
  if (Plan.Axes.empty())
    return std::nullopt;
  // NumPy broadcasts the index arrays together: the p-th of n arrays must extend along
  // broadcast axis p, i.e. carry n-1-p trailing new axes, for an outer product.
  for (unsigned P = 0; P < Plan.Axes.size(); ++P)
    if (Plan.Axes[P].Operand.NewAxes != Plan.Axes.size() - 1 - P)
      return std::nullopt;
  // Integers are advanced indices too; when they and the arrays are not adjacent, the
  // gathered axes move to the front of the result.
  auto IsAdvanced = [](Kind K) { return K == Kind::Array || K == Kind::Integer; };
  auto First = llvm::find_if(Kinds, IsAdvanced);
  auto Last = llvm::find_if(llvm::reverse(Kinds), IsAdvanced);
  if (!std::all_of(First, Last.base(), IsAdvanced))
    Plan.WhyNoFix =
        "the index arrays and integer indices are not adjacent, so the gather puts the selected "
        "axes first and no slice gives the same shape";
  auto FirstArray = llvm::find(Kinds, Kind::Array);
  if (std::find(Kinds.begin(), FirstArray, Kind::Ellipsis) != FirstArray)
    Plan.WhyNoFix = "an nd::ellipsis before the index arrays hides which axes they select";
  return Plan;
}

// nd::take(x, p) and nd::take(x, p, axis).
static std::optional<GatherPlan> planTake(const CallExpr *Take, const ASTContext &Ctx) {
  if (Take->getNumArgs() < 2 || !isNdArray(Take->getArg(1)->getType()))
    return std::nullopt;
  auto P = findProgression(Take->getArg(1));
  if (!P)
    return std::nullopt;
  GatherPlan Plan;
  Plan.Gather = Take;
  Plan.Object = Take->getArg(0);
  Plan.Take = Take;
  unsigned Axis = 0;
  if (Take->getNumArgs() >= 3 && !isa<CXXDefaultArgExpr>(Take->getArg(2))) {
    auto A = evaluateInt(Take->getArg(2), Ctx);
    if (!A || *A < 0 || *A > 32)
      Plan.WhyNoFix = "the axis is not a non-negative constant";
    else
      Axis = static_cast<unsigned>(*A);
  } else {
    auto Shape = knownConstantShape(arrayVariable(Plan.Object), Ctx);
    if (!Shape || Shape->size() != 1)
      Plan.WhyNoFix = "nd::take without an axis indexes the flattened array";
  }
  Plan.Axes.push_back({{*P, 0}, Take->getArg(1), Axis});
  return Plan;
}

static constexpr llvm::StringLiteral MessageView =
    "gather with arithmetic-progression indices copies; use nd::slice indexing, which returns a "
    "view";
static constexpr llvm::StringLiteral MessageCopy =
    "gather with arithmetic-progression indices; use nd::slice "
    "indexing followed by .copy(), which needs no index arrays";
static constexpr llvm::StringLiteral MessageNoFix =
    "gather with arithmetic-progression indices; nd::slice indexing "
    "would select the same elements as a view without index arrays";

namespace {

// The slices replacing the progressions of a gather, or the first reason why one would
// not select the same elements (and where to say it).
struct SliceChoice {
  llvm::SmallVector<std::string, 4> Slices;
  std::string WhyNoFix;
  const Expr *WhyNoFixAt = nullptr;
};

// An index variable must hold its progression at the gather: never written, never
// escaping (so nothing else writes it either).
bool indicesHoldProgressions(const GatherPlan &Plan, std::optional<model::BufferUses> &Uses) {
  for (const IndexedAxis &A : Plan.Axes) {
    const VarDecl *Var = A.Operand.P.Var;
    if (Var && (!Uses || !Uses->useOfVar(Var, SourceRange()).isRead()))
      return false;
  }
  return true;
}

SliceChoice deriveSlices(const GatherPlan &Plan, std::optional<model::BufferUses> &Uses,
                         ASTContext &Ctx) {
  SliceChoice Result{{}, Plan.WhyNoFix, Plan.Gather};
  const VarDecl *Array = arrayVariable(Plan.Object);
  bool ArrayStable = Array && Uses && !Uses->mayBeRebound(Array);
  std::optional<std::vector<int64_t>> Shape;
  if (ArrayStable)
    Shape = knownConstantShape(Array, Ctx);
  for (const IndexedAxis &A : Plan.Axes) {
    const Progression &P = A.Operand.P;
    AxisContext Axis;
    Axis.Axis = A.Axis;
    Axis.Moved = P.Var != nullptr;
    // Repeating a shape at the gather is only sound if the handle still names the same
    // array there; a progression written inline is evaluated next to the gather.
    bool Stable = ArrayStable;
    if (Stable && Axis.Moved && Array->getType()->isReferenceType())
      // A reference to const: a call between the index and the gather might rebind
      // the handle it refers to.
      Stable = !Uses->findOpaqueCall(SourceRange(P.Var->getBeginLoc(), Plan.Gather->getEndLoc()));
    Axis.Array = (Stable || !Axis.Moved) ? Array : nullptr;
    Axis.Shape = Shape;
    SliceDerivation D = deriveSlice(P, Axis, Ctx);
    if (D.Slice.empty() && Result.WhyNoFix.empty()) {
      Result.WhyNoFix = D.WhyNot;
      if (Axis.Moved && Array && !Stable)
        Result.WhyNoFix +=
            " ('" + Array->getName().str() + "' may be reassigned after the index is made)";
      Result.WhyNoFixAt = P.Arange;
    }
    Result.Slices.push_back(D.Slice);
  }
  bool Macro =
      isInMacro(Plan.Gather->getSourceRange()) || llvm::any_of(Plan.Axes, [](const IndexedAxis &A) {
        return (A.Spelled && isInMacro(A.Spelled->getSourceRange())) ||
               isInMacro(A.Operand.P.Arange->getSourceRange());
      });
  if (Macro && Result.WhyNoFix.empty())
    Result.WhyNoFix = "the gather is inside a macro expansion";
  return Result;
}

// The slices written where the progressions were, and `.copy()` when the form is a copy.
void addSliceFixes(const GatherPlan &Plan, const SliceChoice &Slices, Form Chosen, ASTContext &Ctx,
                   llvm::SmallVectorImpl<FixItHint> &Fixes) {
  if (Plan.Take) {
    std::string Object = getText(*Plan.Object, Ctx).str();
    const Expr *Bare = Plan.Object->IgnoreParenImpCasts();
    if (!isa<DeclRefExpr, MemberExpr, CallExpr, ParenExpr>(Bare))
      Object = "(" + Object + ")";
    std::string Index;
    for (unsigned K = 0; K < Plan.Axes[0].Axis; ++K)
      Index += "nd::all, ";
    Fixes.push_back(FixItHint::CreateReplacement(Plan.Take->getSourceRange(),
                                                 Object + "(" + Index + Slices.Slices[0] + ")"));
  } else if (Plan.Ix) {
    Fixes.push_back(
        FixItHint::CreateReplacement(Plan.Ix->getSourceRange(), llvm::join(Slices.Slices, ", ")));
  } else {
    for (unsigned I = 0; I < Plan.Axes.size(); ++I)
      Fixes.push_back(
          FixItHint::CreateReplacement(tokenRange(Plan.Axes[I].Spelled), Slices.Slices[I]));
  }
  if (Chosen == Form::Copy)
    Fixes.push_back(FixItHint::CreateInsertion(Lexer::getLocForEndOfToken(Plan.Gather->getEndLoc(),
                                                                          0, Ctx.getSourceManager(),
                                                                          Ctx.getLangOpts()),
                                               ".copy()"));
}

// Index variables the fix leaves unused go too, when dropping them changes nothing else.
void addIndexRemovals(const GatherPlan &Plan, std::optional<model::BufferUses> &Uses,
                      ASTContext &Ctx, llvm::SmallVectorImpl<FixItHint> &Fixes) {
  const SourceManager &SM = Ctx.getSourceManager();
  llvm::SmallPtrSet<const VarDecl *, 4> Removed;
  for (const IndexedAxis &A : Plan.Axes) {
    const VarDecl *Var = A.Operand.P.Var;
    if (!Var || !Uses || !Removed.insert(Var).second)
      continue;
    bool OnlyHere = llvm::all_of(Uses->referencesTo(Var), [&](const DeclRefExpr *Ref) {
      return isInside(Ref->getBeginLoc(), Plan.Gather->getSourceRange(), SM);
    });
    DynTypedNodeList Parents = Ctx.getParents(*Var);
    const auto *DS = Parents.empty() ? nullptr : Parents[0].get<DeclStmt>();
    const CallExpr *Arange = A.Operand.P.Arange;
    bool InBlock = false; // a statement of a block, not a for-init
    if (DS) {
      DynTypedNodeList DeclParents = Ctx.getParents(*DS);
      InBlock = !DeclParents.empty() && DeclParents[0].get<CompoundStmt>();
    }
    if (!OnlyHere || !InBlock || !DS->isSingleDecl() || DS->getBeginLoc().isMacroID() ||
        !llvm::all_of(Arange->arguments(), isSideEffectFree))
      continue;
    Fixes.push_back(FixItHint::CreateRemoval(wholeLines(DS, SM, Ctx.getLangOpts())));
  }
}

} // namespace

void GatherDownsamplingCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  const bool InInstantiation = Result.Nodes.getNodeAs<Stmt>("instantiated") != nullptr;
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn");

  std::optional<GatherPlan> Plan;
  if (const auto *Op = Result.Nodes.getNodeAs<CXXOperatorCallExpr>("gather"))
    Plan = planOperatorGather(Op);
  else if (const auto *Take = Result.Nodes.getNodeAs<CallExpr>("take"))
    Plan = planTake(Take, Ctx);
  if (!Plan)
    return;

  std::optional<model::BufferUses> Uses;
  if (Fn && Fn->getBody())
    Uses.emplace(*Fn->getBody(), Ctx);
  if (!indicesHoldProgressions(*Plan, Uses))
    return;
  SliceChoice Slices = deriveSlices(*Plan, Uses, Ctx);

  GatherReport Report;
  Report.Loc = Plan->Gather->getBeginLoc();
  if (!Slices.WhyNoFix.empty()) {
    Report.Message = MessageNoFix;
    Report.Notes.push_back({Slices.WhyNoFixAt->getBeginLoc(), "no fix-it: " + Slices.WhyNoFix});
    submit(std::move(Report), InInstantiation);
    return;
  }

  FormDecision Decision = decideForm(*Plan, Fn, Ctx);
  llvm::SmallVector<FixItHint, 8> Fixes;
  addSliceFixes(*Plan, Slices, Decision.Chosen, Ctx, Fixes);
  addIndexRemovals(*Plan, Uses, Ctx, Fixes);

  Report.Fixes.assign(Fixes.begin(), Fixes.end());
  if (Decision.Chosen == Form::View) {
    Report.Message = MessageView;
  } else {
    Report.Message = MessageCopy;
    Report.Notes.push_back(
        {Decision.Where->getBeginLoc(), "the fix keeps a copy: " + Decision.Why});
  }
  submit(std::move(Report), InInstantiation);
}

void GatherDownsamplingCheck::submit(GatherReport Report, bool InInstantiation) {
  if (!InInstantiation) {
    if (Reported.insert(Report.Loc).second)
      emit(Report);
    return;
  }
  // Instantiations of one template are reported once, at the end, with the fix only
  // if every instantiation needs the same one.
  auto &Pending = PendingInstantiations[Report.Loc];
  if (!Pending) {
    Pending = std::move(Report);
    return;
  }
  if (!Pending->sameOutcome(Report)) {
    Pending->Message = MessageNoFix;
    Pending->Fixes.clear();
    Pending->Notes = {
        {Pending->Loc, "no fix-it: the instantiations of this template need different fixes"}};
  }
}

void GatherDownsamplingCheck::onEndOfTranslationUnit() {
  for (auto &[Loc, Report] : PendingInstantiations)
    if (Report && !Reported.count(Loc))
      emit(*Report);
  PendingInstantiations.clear();
  Reported.clear();
}

void GatherDownsamplingCheck::emit(const GatherReport &Report) {
  // Messages quote source text: as arguments, a '%' in it is printed, not interpreted.
  diag(Report.Loc, "%0") << Report.Message << Report.Fixes;
  for (const auto &[Loc, Text] : Report.Notes)
    diag(Loc, "%0", DiagnosticIDs::Note) << Text;
}

bool GatherReport::sameOutcome(const GatherReport &Other) const {
  auto SameFix = [](const FixItHint &A, const FixItHint &B) {
    return A.RemoveRange.getAsRange() == B.RemoveRange.getAsRange() &&
           A.RemoveRange.isTokenRange() == B.RemoveRange.isTokenRange() &&
           A.CodeToInsert == B.CodeToInsert;
  };
  return Message == Other.Message && Notes == Other.Notes && Fixes.size() == Other.Fixes.size() &&
         std::equal(Fixes.begin(), Fixes.end(), Other.Fixes.begin(), SameFix);
}

} // namespace clang::tidy::nd_checks
