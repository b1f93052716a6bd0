#include "ChainedTemporariesCheck.h"
#include "model/FusedForm.h"
#include "model/EagerOps.h"
#include "model/HandleBuffers.h"
#include "model/HandleRebinding.h"
#include "model/NdCalls.h"
#include "model/NdFunctions.h"
#include "model/ArrayShapes.h"
#include "model/EagerChain.h"
#include "utils/LexerUtils.h"
#include "utils/UnevaluatedContext.h"
#include "utils/UserCodeMatcher.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "clang/Tooling/FixIt.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::nd_checks {

using tooling::fixit::getText;

using namespace array_expr;
using namespace utils;

namespace {

AST_MATCHER(FunctionDecl, isInNd) { return isInNdNamespace(&Node); }

bool isLoop(const Stmt *S) { return isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S); }

// Whether E is evaluated once per iteration of a loop of its own function.
bool isInLoopBody(const Expr *E, ASTContext &Ctx) {
  DynTypedNode Node = DynTypedNode::create(*E);
  for (;;) {
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return false;
    const DynTypedNode &P = Parents[0];
    if (P.get<FunctionDecl>() || P.get<LambdaExpr>() || P.get<BlockDecl>())
      return false;
    if (const auto *S = P.get<Stmt>(); S && isLoop(S)) {
      const Stmt *Child = Node.get<Stmt>();
      if (const auto *For = dyn_cast<ForStmt>(S); For && For->getInit() == Child)
        ; // the init runs once
      else if (const auto *Range = dyn_cast<CXXForRangeStmt>(S); Range && Range->getBody() != Child)
        ; // the range expression runs once
      else
        return true;
    }
    Node = P;
  }
}

// Whether the full expression E is a statement directly inside a block.
bool isBlockStatement(const Stmt *S, ASTContext &Ctx) {
  DynTypedNodeList Parents = Ctx.getParents(*S);
  return !Parents.empty() && Parents[0].get<CompoundStmt>();
}

const Stmt *fullStatement(const Expr *E, ASTContext &Ctx) {
  DynTypedNodeList Parents = Ctx.getParents(*E);
  if (!Parents.empty())
    if (const auto *EWC = Parents[0].get<ExprWithCleanups>())
      return EWC;
  return E;
}

// The number of elements of the array E, when the program fixes it at compile time.
std::optional<int64_t> knownSize(const Expr *E, ASTContext &Ctx) {
  model::Shape S = model::shapeOf(E, Ctx);
  if (S.K != model::Shape::Kind::Known)
    return std::nullopt;
  int64_t Size = 1;
  for (int64_t Extent : S.Extents)
    Size *= Extent;
  return Size;
}

// Builds the statements of the rewrite.
class Rewriter {
public:
  Rewriter(const model::EagerChain &Tree, llvm::ArrayRef<int> Spine, ASTContext &Ctx)
      : Tree(Tree), Spine(Spine), Ctx(Ctx) {}

  // `nd::<ufunc>(operands)` for Spine[Step], with the previous step's result read
  // from Out, and Out appended as the `out` argument when WithOut.
  std::string call(size_t Step, StringRef Out, bool WithOut) const {
    const model::EagerChain::Node &N = Tree.nodes()[Spine[Step]];
    llvm::SmallVector<std::string, 4> Args;
    for (size_t I = 0; I < N.Op.Operands.size(); ++I)
      Args.push_back(Step > 0 && N.ChildOf[I] == Spine[Step - 1]
                         ? Out.str()
                         : getText(*N.Op.Operands[I], Ctx).str());
    // `2.5 * x` reads better as nd::multiply(x, 2.5, out); add and multiply are exactly
    // commutative, so the swap keeps every result bit.
    if (N.Op.Commutative && Args.size() == 2 && !isArrayOperand(N, 0) && isArrayOperand(N, 1))
      std::swap(Args[0], Args[1]);
    if (WithOut)
      Args.push_back(Out.str());
    return "nd::" + N.Op.Ufunc.str() + "(" + llvm::join(Args, ", ") + ")";
  }

  // The statements for steps First.. of the spine, each on a new line.
  std::string followingStatements(size_t First, StringRef Out, StringRef Indent) const {
    std::string Text;
    for (size_t Step = First; Step < Spine.size(); ++Step)
      Text += "\n" + Indent.str() + call(Step, Out, /*WithOut=*/true) + ";";
    return Text;
  }

private:
  bool isArrayOperand(const model::EagerChain::Node &N, size_t I) const {
    return N.ChildOf[I] >= 0 || isNdArray(N.Op.Operands[I]->getType());
  }

  const model::EagerChain &Tree;
  llvm::ArrayRef<int> Spine;
  ASTContext &Ctx;
};

// Identifies an array operand: its variable, or its spelling.
std::string arrayKey(const Expr *Leaf, const ASTContext &Ctx) {
  if (const VarDecl *V = referencedVar(Leaf))
    return "var:" + std::to_string(reinterpret_cast<uintptr_t>(V));
  return "text:" + getText(*Leaf, Ctx).str();
}

// The operands of node Index and of the operations below it that are not operations.
void leavesUnder(const model::EagerChain &Tree, int Index,
                 llvm::SmallVectorImpl<const Expr *> &Out) {
  const model::EagerChain::Node &N = Tree.nodes()[Index];
  for (size_t I = 0; I < N.Op.Operands.size(); ++I) {
    if (N.ChildOf[I] >= 0)
      leavesUnder(Tree, N.ChildOf[I], Out);
    else
      Out.push_back(N.Op.Operands[I]);
  }
}

// The distinct array operands among Leaves, by variable (or by spelling).
llvm::SmallVector<const Expr *, 4> distinctArrays(llvm::ArrayRef<const Expr *> Leaves,
                                                  const ASTContext &Ctx) {
  llvm::SmallVector<const Expr *, 4> Result;
  llvm::StringSet<> Seen;
  for (const Expr *Leaf : Leaves)
    if (isNdArray(Leaf->getType()) && Seen.insert(arrayKey(Leaf, Ctx)).second)
      Result.push_back(Leaf);
  return Result;
}

// A new uninitialised array of the result's shape and element type T: empty_like of the
// only array operand, or empty of the operands' broadcast shape.
std::string freshBuffer(llvm::ArrayRef<const Expr *> Arrays, QualType T, ASTContext &Ctx) {
  std::string Spelled = elementTypeSpelling(T, Ctx);
  if (Arrays.size() == 1) {
    bool SameType = ndArrayElementType(Arrays[0]->getType()) == T;
    return "nd::empty_like" + (SameType ? std::string() : "<" + Spelled + ">") + "(" +
           getText(*Arrays[0], Ctx).str() + ")";
  }
  llvm::SmallVector<std::string, 4> Shapes;
  for (const Expr *A : Arrays)
    Shapes.push_back(getText(*A, Ctx).str() + ".shape()");
  return "nd::empty<" + Spelled + ">(nd::broadcast_shapes(" + llvm::join(Shapes, ", ") + "))";
}

// The body of the loop statement L.
const Stmt *loopBody(const Stmt *L) {
  if (const auto *For = dyn_cast<ForStmt>(L))
    return For->getBody();
  if (const auto *While = dyn_cast<WhileStmt>(L))
    return While->getBody();
  if (const auto *Do = dyn_cast<DoStmt>(L))
    return Do->getBody();
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(L))
    return Range->getBody();
  return nullptr;
}

// Where a statement stands that a fix replaces by several statements (or precedes by
// a declaration): directly in a block, as the single-statement body of a loop (braces
// are added), or elsewhere (no fix). A block that is a switch body counts as needing
// braces: a later case label could jump over a declaration inserted there.
enum class Placement { Block, NeedsBraces, None };
Placement placementOf(const Stmt *S, ASTContext &Ctx) {
  DynTypedNodeList Parents = Ctx.getParents(*S);
  if (Parents.empty())
    return Placement::None;
  if (const auto *Block = Parents[0].get<CompoundStmt>()) {
    DynTypedNodeList Up = Ctx.getParents(*Block);
    return !Up.empty() && Up[0].get<SwitchStmt>() ? Placement::NeedsBraces : Placement::Block;
  }
  const auto *P = Parents[0].get<Stmt>();
  return P && isLoop(P) && loopBody(P) == S ? Placement::NeedsBraces : Placement::None;
}

// Whether the declaration D lies inside the statement Region.
bool declaredWithin(const VarDecl &D, const Stmt &Region, ASTContext &Ctx) {
  DynTypedNode Node = DynTypedNode::create(D);
  for (;;) {
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty() || Parents[0].get<FunctionDecl>())
      return false;
    Node = Parents[0];
    if (Node.get<Stmt>() == &Region)
      return true;
  }
}

// The outermost loop around Full (a statement of a loop body) before which a buffer
// for the right-hand side's operands `Arrays` can be allocated once: every array
// operand is a variable declared outside that loop, and their shapes provably do not
// change inside it; the loop is a statement of its own in a block. Null, and Why set
// when no loop qualifies.
const Stmt *hoistLoop(const Stmt *Full, llvm::ArrayRef<const Expr *> Arrays, ASTContext &Ctx,
                      std::string &Why) {
  llvm::SmallVector<const VarDecl *, 4> Vars;
  for (const Expr *A : Arrays) {
    const VarDecl *V = referencedVar(A);
    if (!V || !(V->hasLocalStorage() || isa<ParmVarDecl>(V))) {
      Why = "operand '" + getText(*A, Ctx).str() +
            "' is not a local variable or a parameter, so its shape "
            "may differ between iterations";
      return nullptr;
    }
    Vars.push_back(V);
  }
  // Several arrays: their broadcast shape must provably exist, so that allocating it
  // before the loop cannot throw where the original would not (yet).
  bool ShapesShared = Vars.size() > 1;
  if (ShapesShared) {
    model::Shape First = model::shapeOf(Arrays[0], Ctx);
    for (size_t I = 1; I < Vars.size(); ++I)
      if (const VarDecl *V = Vars[I]; !model::sameShape(First, model::shapeOf(Arrays[I], Ctx))) {
        Why = "the shapes of '" + Vars[0]->getName().str() + "' and '" + V->getName().str() +
              "' are not provably equal, and computing their broadcast shape before the loop "
              "could throw a shape error before earlier iterations ran";
        return nullptr;
      }
  }
  const Stmt *Best = nullptr;
  DynTypedNode Node = DynTypedNode::create(*Full);
  for (;;) {
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty())
      break;
    const DynTypedNode &P = Parents[0];
    if (P.get<FunctionDecl>() || P.get<LambdaExpr>() || P.get<BlockExpr>())
      break;
    if (P.get<CXXTryStmt>() || P.get<CXXCatchStmt>()) {
      if (!Best)
        Why = "a try block or handler lies between the statement and its loop, and an "
              "allocation moved out of it would throw elsewhere";
      break;
    }
    const auto *L = P.get<Stmt>();
    if (L && isLoop(L)) {
      if (loopBody(L) != Node.get<Stmt>())
        break;
      for (const VarDecl *V : Vars) {
        if (declaredWithin(*V, *L, Ctx)) {
          if (!Best)
            Why = "'" + V->getName().str() + "' is declared inside the loop";
          return Best;
        }
        bool Rebound = V->getType()->isReferenceType() ? model::mayRebindOtherHandles(*L, Ctx)
                                                       : model::mayBeReboundIn(*V, *L, Ctx);
        if (Rebound) {
          if (!Best)
            Why = "'" + V->getName().str() + "' may be rebound in the loop" +
                  (V->getType()->isReferenceType() ? " (it is a reference, and the loop calls code "
                                                     "outside the runtime or assigns an array)"
                                                   : "") +
                  ", so the right-hand side's shape may change between iterations";
          return Best;
        }
      }
      if (placementOf(L, Ctx) == Placement::Block && !isInMacro(L->getSourceRange()))
        Best = L;
      else if (!Best)
        Why = "the loop is not a statement of its own in a block, where the buffer could be "
              "declared";
    }
    Node = P;
  }
  return Best;
}

} // namespace

std::string ChainedTemporariesCheck::freshName(StringRef Stem, const Stmt &Where, ASTContext &Ctx) {
  // Names are kept apart per outermost function, lambdas included.
  const void *Function = nullptr;
  DynTypedNode Node = DynTypedNode::create(Where);
  for (;;) {
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty())
      break;
    Node = Parents[0];
    if (Node.get<FunctionDecl>())
      Function = Node.getMemoizationData();
  }
  std::string Key = std::to_string(reinterpret_cast<uintptr_t>(Function)) + ":";
  for (unsigned N = 1;; ++N) {
    std::string Name = Stem.str() + (N > 1 ? std::to_string(N) : std::string());
    if (UsedNames.contains(Key + Name) ||
        (Ctx.Idents.find(Name) != Ctx.Idents.end() && !Probed.contains(Name)))
      continue;
    // Names of a precompiled preamble (clangd) are not all in the table yet. Looking
    // one up adds it to the table: remember that this check did.
    Probed.insert(Name);
    IdentifierInfo &II = Ctx.Idents.get(Name);
    if (II.hasMacroDefinition() ||
        !Ctx.getTranslationUnitDecl()->lookup(DeclarationName(&II)).empty())
      continue;
    UsedNames.insert(Key + Name);
    return Name;
  }
}

ChainedTemporariesCheck::ChainedTemporariesCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      // Fewer than two operations is not a chain: one allocation is the result itself.
      MinOperations(std::max(2u, Options.get("MinOperations", 2u))),
      OnlyInLoops(Options.get("OnlyInLoops", false)),
      SmallArraySize(Options.get("SmallArraySize", 0u)),
      FusedEvaluation(Options.get("FusedEvaluation", true)) {}

void ChainedTemporariesCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "MinOperations", MinOperations);
  Options.store(Opts, "OnlyInLoops", OnlyInLoops);
  Options.store(Opts, "SmallArraySize", SmallArraySize);
  Options.store(Opts, "FusedEvaluation", FusedEvaluation);
}

void ChainedTemporariesCheck::registerMatchers(MatchFinder *Finder) {
  // User code first (cheap, cached per file), the ancestor walks last: see
  // UserCodeMatcher.h. Unevaluated operands (sizeof, decltype, ...) allocate nothing.
  auto UserCode = isInUserCode();
  auto NdCall = [&](auto Instantiation) {
    return callExpr(UserCode, callee(functionDecl(isInNd())), Instantiation,
                    unless(isInUnevaluatedOperand()));
  };
  Finder->addMatcher(NdCall(unless(isInTemplateInstantiation())).bind("call"), this);
  Finder->addMatcher(NdCall(isInTemplateInstantiation()).bind("instantiated"), this);
}

namespace {

// The call `nd::copyto(dst, src)` that E is, if any.
const CallExpr *asCopyto(const Expr *E) {
  const auto *Call = dyn_cast_or_null<CallExpr>(skipImplicit(E));
  const FunctionDecl *F = Call ? Call->getDirectCallee() : nullptr;
  if (!F || !isInNdNamespace(F) || !F->getDeclName().isIdentifier() || F->getName() != "copyto" ||
      Call->getNumArgs() != 2)
    return nullptr;
  return Call;
}

// Whether E (an operand of the chain) reads any array: an array it names, or an
// operation on arrays.
bool readsAnArray(const Expr *E, ASTContext &Ctx) {
  return isNdArray(E->getType()) ||
         !match(findAll(expr(hasType(qualType(hasCanonicalType(
                    hasDeclaration(classTemplateSpecializationDecl(hasName("::nd::array")))))))),
                *E, Ctx)
              .empty();
}

// The call `nd::sum(e)` or `nd::mean(e)` (over all axes) that Call is, if any: the
// reductions whose form over an expression follows eager's summation tree one block at
// a time, with no array of the operand's size (nd/lazy_reduce.hpp).
const CallExpr *asFullSumOrMean(const CallExpr *Call) {
  const FunctionDecl *F = Call ? Call->getDirectCallee() : nullptr;
  if (!F || isa<CXXOperatorCallExpr>(Call) || !isInNdNamespace(F) ||
      !F->getDeclName().isIdentifier() || !llvm::is_contained({"sum", "mean"}, F->getName()) ||
      Call->getNumArgs() != 1)
    return nullptr;
  return Call;
}

} // namespace

ChainedTemporariesCheck::Site ChainedTemporariesCheck::siteOf(const Expr *Root, ASTContext &Ctx) {
  Site S;
  const Expr *Child = Root;
  DynTypedNode Parent = explicitParent(Child, Ctx);
  if (const auto *Op = Parent.get<CXXOperatorCallExpr>(); Op && Op->getNumArgs() == 2 &&
                                                          Op->getArg(1) == Child &&
                                                          isNdArray(Op->getArg(0)->getType())) {
    if (llvm::is_contained({OO_PlusEqual, OO_MinusEqual, OO_StarEqual, OO_SlashEqual},
                           Op->getOperator())) {
      S.Kind = SiteKind::Compound;
      S.Operator = Op;
    } else if (Op->getOperator() == OO_Equal) {
      S.Kind = SiteKind::Assignment;
      S.Operator = Op;
    }
    return S;
  }
  if (const auto *V = Parent.get<VarDecl>()) {
    S.Kind = SiteKind::Declaration;
    S.Declared = V;
  } else if (const CallExpr *Reduction = asFullSumOrMean(Parent.get<CallExpr>());
             Reduction && Reduction->getArg(0) == Child) {
    S.Kind = SiteKind::Reduced;
  }
  return S;
}

// How many buffers the out forms need where the chain stands: none when they write
// into an existing array (copyto's destination, a private target, a buffer allocated
// once before the loop), else the one that holds the result.
unsigned ChainedTemporariesCheck::outFormBuffers(const Finding &F, ASTContext &Ctx) {
  switch (F.Where.Kind) {
  case SiteKind::Copyto: return 0;
  case SiteKind::Assignment: return writesInPlace(F, Ctx) ? 0 : 1;
  case SiteKind::Compound: {
    if (!F.InLoop)
      return 1;
    std::string Why;
    const Expr *Full = F.Where.Operator;
    explicitParent(Full, Ctx);
    return hoistLoop(Full, distinctArrays(F.Chain.leaves(), Ctx), Ctx, Why) ? 0 : 1;
  }
  default: return 1;
  }
}

// Whether y = chain may compute into y's current buffer: nothing else can see that
// buffer, and it provably has the result's shape and element type.
bool ChainedTemporariesCheck::writesInPlace(const Finding &F, ASTContext &Ctx) {
  const VarDecl *Target = referencedVar(F.Where.Operator->getArg(0));
  if (!Target || !Target->hasLocalStorage() || Target->getType()->isReferenceType() ||
      ndArrayElementType(Target->getType()) != F.RootOp.Element)
    return false;
  if (!model::sameShape(model::shapeOf(F.Where.Operator->getArg(0), Ctx),
                        model::shapeOf(F.Root, Ctx)) ||
      model::bufferMayEscape(*Target, F.Where.Operator, Ctx))
    return false;
  // A later step must not read the target the earlier steps overwrote.
  return llvm::none_of(F.Chain.laterSpineOperands(F.Spine),
                       [&](const Expr *Operand) { return mentions(Operand, Target); });
}

void ChainedTemporariesCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  const SourceManager &SM = Ctx.getSourceManager();
  const auto *Matched = Result.Nodes.getNodeAs<Expr>("call");
  bool Instantiated = false;
  if (!Matched) {
    Matched = Result.Nodes.getNodeAs<Expr>("instantiated");
    Instantiated = true;
  }

  // nd::copyto(dst, chain) is reported at the copyto, the chain's root otherwise.
  const CallExpr *Copyto = asCopyto(Matched);
  const Expr *Root = Copyto ? skipImplicit(Copyto->getArg(1)) : Matched;
  std::optional<EagerOp> RootOp = matchEagerOp(Root);
  if (!RootOp || RootOp->Call != Root)
    return;
  if (!Copyto) {
    // Only the outermost operation of a chain is reported.
    const Expr *Child = Root;
    DynTypedNode Parent = explicitParent(Child, Ctx);
    if (const auto *ParentExpr = Parent.get<Expr>()) {
      if (std::optional<EagerOp> ParentOp = matchEagerOp(ParentExpr);
          ParentOp && ParentOp->Call == ParentExpr)
        return;
      if (const CallExpr *Outer = asCopyto(ParentExpr); Outer && Outer->getArg(1) == Child)
        return;
    }
  }

  Finding F{Root,         *RootOp, model::EagerChain(*RootOp, Ctx), {}, isInLoopBody(Root, Ctx),
            Instantiated, {}};
  F.Spine = F.Chain.spine();
  if (Copyto) {
    F.Where.Kind = SiteKind::Copyto;
    F.Where.Copyto = Copyto;
  } else {
    F.Where = siteOf(Root, Ctx);
  }
  bool UpdatesInPlace = F.Where.Kind == SiteKind::Compound || F.Where.Kind == SiteKind::Copyto;
  unsigned Operations = F.Chain.nodes().size() + (UpdatesInPlace ? 1 : 0);
  if (Operations < MinOperations || (OnlyInLoops && !F.InLoop) || allOperandsSmall(F, Ctx))
    return;

  // A chain that fuses is reported for the passes it saves; otherwise only where the
  // out forms allocate less, or (copyto) make one pass less.
  if (FusedEvaluation)
    F.Fusion = planFusion(F, Ctx);
  if (F.Fusion.Kind == FusedKind::None) {
    model::AllocationCount OnSpine = F.Chain.spineAllocations(F.Spine);
    unsigned Buffers = outFormBuffers(F, Ctx);
    if (F.Where.Kind != SiteKind::Copyto && OnSpine.Min <= Buffers)
      return;
    F.Saved = OnSpine.Min - std::min(OnSpine.Min, Buffers);
  }
  if (!Reported.insert(SM.getFileLoc(Root->getBeginLoc())).second)
    return;
  reportAndFix(F, Ctx);
}

bool ChainedTemporariesCheck::allOperandsSmall(const Finding &F, ASTContext &Ctx) {
  if (SmallArraySize == 0)
    return false;
  bool AnyArray = false;
  for (const Expr *Leaf : F.Chain.leaves()) {
    if (!isNdArray(Leaf->getType()))
      continue;
    AnyArray = true;
    std::optional<int64_t> Size = knownSize(Leaf, Ctx);
    if (!Size || *Size > static_cast<int64_t>(SmallArraySize))
      return false;
  }
  return AnyArray;
}

DiagnosticBuilder ChainedTemporariesCheck::warn(const Finding &F, ASTContext &Ctx) {
  if (F.Fusion.Kind != FusedKind::None)
    return warnFused(F, Ctx);
  model::AllocationCount Total = F.Chain.allocations();
  StringRef FirstUfunc = F.Chain.nodes()[F.Spine.front()].Op.Ufunc;
  switch (F.Where.Kind) {
  case SiteKind::Copyto:
    return diag(F.Where.Copyto->getBeginLoc(),
                "'nd::copyto' of a chained expression allocates %select{|at least }0%1 array%s1"
                "%select{| in every loop iteration}2 and copies the result in an extra pass over "
                "memory; compute it into '%3' with the out forms, as in 'nd::%4(..., %3)'")
           << !Total.exact() << Total.Min << F.InLoop
           << getText(*F.Where.Copyto->getArg(0), Ctx).str() << FirstUfunc;
  case SiteKind::Compound:
    return diag(
               F.Where.Operator->getOperatorLoc(),
               "compound assignment computes its right-hand side into %select{|at least }0%1 new "
               "array%s1%select{| in every loop iteration}2 before updating '%3' in place, %4 more "
               "than the out forms; compute the right-hand side with the out forms, as in "
               "'nd::%5(..., out)', into a buffer allocated once")
           << !Total.exact() << Total.Min << F.InLoop
           << getText(*F.Where.Operator->getArg(0), Ctx).str() << F.Saved << FirstUfunc;
  default:
    return diag(F.Root->getBeginLoc(),
                "chained array expression allocates %select{|at least }0%1 array%s1%select{| in "
                "every loop iteration}2, %3 more than the out forms; compute it into one buffer "
                "with the out forms, as in 'nd::%4(..., out)'")
           << !Total.exact() << Total.Min << F.InLoop << F.Saved << FirstUfunc;
  }
}

void ChainedTemporariesCheck::noFix(const Finding &F, StringRef Why, ASTContext &Ctx) {
  warn(F, Ctx);
  diag(F.Root->getBeginLoc(), "no fix-it: %0", DiagnosticIDs::Note) << Why;
}

// Why no rewrite of the chain's operands could keep behaviour, if so.
std::optional<std::string> ChainedTemporariesCheck::operandBlocker(const Finding &F,
                                                                   ASTContext &Ctx) {
  if (F.Instantiated)
    return std::string("the expression is in a template instantiation; its element types depend on "
                       "the template arguments");
  // A fused chain over one fresh array and side-effect free numbers
  // (nd::abs(rng.normal(...)) * 2.0) may make that array with a call: the call runs once,
  // where it ran, and no other operand reads memory it could change.
  const Expr *FreshCall = nullptr;
  if (F.Fusion.Kind != FusedKind::None)
    if (const Expr *Only = model::onlyArrayLeaf(F.Chain); Only && model::createsFreshBuffer(Only))
      FreshCall = Only;
  for (const Expr *Leaf : F.Chain.leaves()) {
    if (isInMacro(Leaf->getSourceRange()))
      return std::string("the expression is inside a macro expansion");
    if (Leaf != FreshCall && !isSideEffectFree(Leaf))
      return "operand '" + getText(*Leaf, Ctx).str() + "' may have side effects, and " +
             (F.Fusion.Kind == FusedKind::None
                  ? "the out forms evaluate the operands in a different order"
                  : "nd::eval reads the arrays only after every operand was evaluated");
    QualType LeafType = Leaf->getType().getNonReferenceType();
    if (!isNdArray(LeafType) && !LeafType->isArithmeticType())
      return "operand '" + getText(*Leaf, Ctx).str() + "' is neither an array nor a number";
  }
  for (const model::EagerChain::Node &N : F.Chain.nodes())
    if (isInMacro(N.Op.Call->getSourceRange()))
      return std::string("the expression is inside a macro expansion");
  return std::nullopt;
}

void ChainedTemporariesCheck::reportAndFix(const Finding &F, ASTContext &Ctx) {
  if (std::optional<std::string> Why = operandBlocker(F, Ctx))
    return noFix(F, *Why, Ctx);
  if (F.Fusion.Kind != FusedKind::None)
    return fixFused(F, Ctx);
  switch (F.Where.Kind) {
  case SiteKind::Compound: return fixCompound(F, Ctx);
  case SiteKind::Copyto: return fixCopyto(F, Ctx);
  case SiteKind::Declaration: return fixDeclaration(F, Ctx);
  case SiteKind::Assignment: return fixAssignment(F, Ctx);
  case SiteKind::Reduced:
  case SiteKind::Other: break;
  }
  noFix(F,
        "the expression is not the initializer of a declaration or the right-hand side of an "
        "assignment statement; give the result a name to compute it with the out forms",
        Ctx);
}

// `y += a * b` computes t = a * b, then y + t in place. The rewrite keeps both steps and
// their order: the out forms compute t into a buffer, then `y += buffer`.
void ChainedTemporariesCheck::fixCompound(const Finding &F, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const CXXOperatorCallExpr *Compound = F.Where.Operator;
  Rewriter Rewrite(F.Chain, F.Spine, Ctx);
  // The full expression: the compound assignment of a view temporary returns an array
  // by value, wrapped in temporaries.
  const Expr *Full = Compound;
  explicitParent(Full, Ctx);
  if (isInMacro(Compound->getSourceRange()))
    return noFix(F, "the compound assignment is inside a macro expansion", Ctx);
  Placement Where = placementOf(Full, Ctx);
  if (Where == Placement::None)
    return noFix(F,
                 "the compound assignment is not a statement of its own in a block or a loop body, "
                 "where the statements computing its right-hand side could go",
                 Ctx);
  std::optional<SourceLocation> End = afterSemicolon(Full->getEndLoc(), Ctx);
  if (!End)
    return noFix(F, "the end of the compound assignment could not be found", Ctx);
  llvm::SmallVector<const Expr *, 4> Arrays = distinctArrays(F.Chain.leaves(), Ctx);
  if (Arrays.empty())
    return noFix(F, "no operand is an array", Ctx);
  // In a loop whose operand shapes stay the same: one buffer before the loop.
  std::string HoistWhy;
  const Stmt *Loop = F.InLoop ? hoistLoop(Full, Arrays, Ctx, HoistWhy) : nullptr;
  const VarDecl *TargetVar = referencedVar(Compound->getArg(0));
  std::string Name =
      freshName(TargetVar ? (TargetVar->getName() + "_rhs").str() : std::string("rhs"), *Full, Ctx);
  bool Braces = Where == Placement::NeedsBraces;
  std::string Separator = Braces ? " " : "\n" + indentationOf(Full->getBeginLoc(), SM);
  std::string Steps = Braces ? "{ " : "";
  auto D = warn(F, Ctx);
  size_t FirstOut = 0;
  if (Loop) {
    // nd::array<T> y_rhs = <buffer>;  before the loop.
    D << FixItHint::CreateInsertion(
        Loop->getBeginLoc(), "nd::array<" + elementTypeSpelling(F.RootOp.Element, Ctx) + "> " +
                                 Name + " = " + freshBuffer(Arrays, F.RootOp.Element, Ctx) + ";\n" +
                                 indentationOf(Loop->getBeginLoc(), SM));
  } else {
    // One buffer for the whole right-hand side, made by its first operation when that
    // reads every array operand (so it has the final shape), else fresh.
    llvm::SmallVector<const Expr *, 6> FirstLeaves;
    leavesUnder(F.Chain, F.Spine.front(), FirstLeaves);
    if (distinctArrays(FirstLeaves, Ctx).size() == Arrays.size()) {
      Steps += "auto " + Name + " = " + Rewrite.call(0, Name, /*WithOut=*/false) + ";" + Separator;
      FirstOut = 1;
    } else {
      Steps +=
          "auto " + Name + " = " + freshBuffer(Arrays, F.RootOp.Element, Ctx) + ";" + Separator;
    }
  }
  for (size_t Step = FirstOut; Step < F.Spine.size(); ++Step)
    Steps += Rewrite.call(Step, Name, /*WithOut=*/true) + ";" + Separator;
  D << FixItHint::CreateInsertion(Full->getBeginLoc(), Steps)
    << FixItHint::CreateReplacement(Compound->getArg(1)->getSourceRange(), Name);
  if (Braces)
    D << FixItHint::CreateInsertion(*End, " }");
}

// A declaration `T y = chain;` gets its buffer, and every operation writes into it.
void ChainedTemporariesCheck::fixDeclaration(const Finding &F, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const VarDecl *Declared = F.Where.Declared;
  QualType VT = Declared->getType();
  const auto *DS = [&]() -> const DeclStmt * {
    DynTypedNodeList Parents = Ctx.getParents(*Declared);
    return Parents.empty() ? nullptr : Parents[0].get<DeclStmt>();
  }();
  if (VT->isReferenceType() || VT.isConstQualified() || !isNdArray(VT))
    return noFix(F, "the variable is const or a reference; the out forms need a writable array",
                 Ctx);
  if (Declared->getInitStyle() != VarDecl::CInit || !DS || !DS->isSingleDecl() ||
      !isBlockStatement(DS, Ctx))
    return noFix(F, "the declaration is not a statement of its own of the form 'T y = ...;'", Ctx);
  if (isInMacro(DS->getSourceRange()))
    return noFix(F, "the declaration is inside a macro expansion", Ctx);
  std::optional<SourceLocation> End = afterSemicolon(Declared->getInit()->getEndLoc(), Ctx);
  if (!End)
    return noFix(F, "the end of the declaration could not be found", Ctx);
  llvm::SmallVector<const Expr *, 4> Arrays = distinctArrays(F.Chain.leaves(), Ctx);
  if (Arrays.empty())
    return noFix(F, "no operand is an array", Ctx);
  Rewriter Rewrite(F.Chain, F.Spine, Ctx);
  warn(F, Ctx) << FixItHint::CreateReplacement(Declared->getInit()->getSourceRange(),
                                               freshBuffer(Arrays, F.RootOp.Element, Ctx))
               << FixItHint::CreateInsertion(
                      *End, Rewrite.followingStatements(0, Declared->getName(),
                                                        indentationOf(DS->getBeginLoc(), SM)));
}

// Why writing the chain's steps into Target, one after another, could differ from
// computing the chain first: a later step reads Target (or, when other handles may
// share its buffer, any array), or a handler could see a partial result.
std::optional<std::string>
ChainedTemporariesCheck::stepwiseBlocker(const Finding &F, const VarDecl &Target,
                                         bool TargetPrivate, const Stmt &Full, ASTContext &Ctx) {
  for (const Expr *Operand : F.Chain.laterSpineOperands(F.Spine)) {
    if (mentions(Operand, &Target))
      return "'" + Target.getName().str() +
             "' is read by a later operation, after the rewrite would have overwritten it";
    if (!TargetPrivate && readsAnArray(Operand, Ctx))
      return "'" + getText(*Operand, Ctx).str() + "' is read after the first operation wrote '" +
             Target.getName().str() + "', and may share its buffer";
  }
  if (!Target.hasLocalStorage() || Target.getType()->isReferenceType())
    return "'" + Target.getName().str() +
           "' is not a local array, so others may see it between the operations";
  if (std::optional<std::string> Why = model::partialResultVisibleFrom(&Full, Target, Ctx))
    return "if an operation throws, '" + Target.getName().str() +
           "' would hold a partial result and " + *Why;
  return std::nullopt;
}

// `y = chain;`: write into y's buffer when that is private and has the result's shape,
// else rebind y once to the first operation's result and run the rest in place.
void ChainedTemporariesCheck::fixAssignment(const Finding &F, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const CXXOperatorCallExpr *Assign = F.Where.Operator;
  const Stmt *Full = fullStatement(Assign, Ctx);
  const VarDecl *Target = referencedVar(Assign->getArg(0));
  if (!Target)
    return noFix(F, "the target is not a variable", Ctx);
  if (!isBlockStatement(Full, Ctx))
    return noFix(F, "the assignment is not a statement of its own", Ctx);
  if (isInMacro(Assign->getSourceRange()))
    return noFix(F, "the assignment is inside a macro expansion", Ctx);
  // A rebound target's old buffer is nobody's concern: only reads of it matter.
  if (std::optional<std::string> Why =
          stepwiseBlocker(F, *Target, /*TargetPrivate=*/true, *Full, Ctx))
    return noFix(F, *Why, Ctx);
  std::optional<SourceLocation> End = afterSemicolon(Assign->getEndLoc(), Ctx);
  if (!End)
    return noFix(F, "the end of the assignment could not be found", Ctx);

  std::string Name = Target->getName().str();
  std::string Indent = indentationOf(Full->getBeginLoc(), SM);
  Rewriter Rewrite(F.Chain, F.Spine, Ctx);
  if (writesInPlace(F, Ctx)) {
    warn(F, Ctx) << FixItHint::CreateReplacement(Assign->getSourceRange(),
                                                 Rewrite.call(0, Name, true))
                 << FixItHint::CreateInsertion(*End, Rewrite.followingStatements(1, Name, Indent));
    return;
  }
  // Rebinding y to the first operation's result is right when that result already has
  // the final shape: the first operation reads every array operand there is.
  llvm::SmallVector<const Expr *, 4> Arrays = distinctArrays(F.Chain.leaves(), Ctx);
  llvm::SmallVector<const Expr *, 6> FirstLeaves;
  leavesUnder(F.Chain, F.Spine.front(), FirstLeaves);
  if (distinctArrays(FirstLeaves, Ctx).size() == Arrays.size()) {
    warn(F, Ctx) << FixItHint::CreateReplacement(Assign->getArg(1)->getSourceRange(),
                                                 Rewrite.call(0, Name, false))
                 << FixItHint::CreateInsertion(*End, Rewrite.followingStatements(1, Name, Indent));
    return;
  }
  // Otherwise a later operand widens the result by broadcasting: rebind y to a fresh
  // buffer of the final shape first, which is only right when y is no operand.
  if (mentions(Assign->getArg(1), Target))
    return noFix(F,
                 "a later operand broadcasts the result to a larger shape, so '" + Name +
                     "' would need a fresh buffer before the operations that read it",
                 Ctx);
  warn(F, Ctx) << FixItHint::CreateReplacement(Assign->getArg(1)->getSourceRange(),
                                               freshBuffer(Arrays, F.RootOp.Element, Ctx))
               << FixItHint::CreateInsertion(*End, Rewrite.followingStatements(0, Name, Indent));
}

// `nd::copyto(dst, chain);` computes the chain into a new array, then copies it into dst:
// the out forms write each step into dst instead.
void ChainedTemporariesCheck::fixCopyto(const Finding &F, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const CallExpr *Copyto = F.Where.Copyto;
  const Stmt *Full = fullStatement(Copyto, Ctx);
  if (isInMacro(Copyto->getSourceRange()))
    return noFix(F, "the call is inside a macro expansion", Ctx);
  Placement Where = placementOf(Full, Ctx);
  if (Where == Placement::None)
    return noFix(F, "the call is not a statement of its own in a block or a loop body", Ctx);
  const VarDecl *Target = referencedVar(Copyto->getArg(0));
  if (!Target)
    return noFix(F, "the destination is not a variable", Ctx);
  if (ndArrayElementType(Target->getType()) != F.RootOp.Element)
    return noFix(
        F,
        "the destination's element type differs from the expression's; copyto converts the "
        "result once, the out forms would convert every step",
        Ctx);
  if (!model::broadcastsTo(model::shapeOf(F.Root, Ctx), model::shapeOf(Copyto->getArg(0), Ctx)))
    return noFix(F,
                 "the expression's shape is not provably one that broadcasts to '" +
                     Target->getName().str() +
                     "'; a shape error would then come after the first steps wrote into it",
                 Ctx);
  bool Private = !model::bufferMayEscape(*Target, nullptr, Ctx);
  if (std::optional<std::string> Why = stepwiseBlocker(F, *Target, Private, *Full, Ctx))
    return noFix(F, *Why, Ctx);
  std::optional<SourceLocation> End = afterSemicolon(Copyto->getEndLoc(), Ctx);
  if (!End)
    return noFix(F, "the end of the call could not be found", Ctx);
  Rewriter Rewrite(F.Chain, F.Spine, Ctx);
  std::string Name = getText(*Copyto->getArg(0), Ctx).str();
  bool Braces = Where == Placement::NeedsBraces;
  std::string Steps = Rewrite.call(0, Name, /*WithOut=*/true);
  for (size_t Step = 1; Step < F.Spine.size(); ++Step)
    Steps += ";" + (Braces ? std::string(" ") : "\n" + indentationOf(Full->getBeginLoc(), SM)) +
             Rewrite.call(Step, Name, /*WithOut=*/true);
  auto D = warn(F, Ctx);
  D << FixItHint::CreateReplacement(Copyto->getSourceRange(), (Braces ? "{ " : "") + Steps);
  if (Braces)
    D << FixItHint::CreateInsertion(*End, " }");
}

// Whether nd::eval can write the chain's value straight into the site's target, which
// then takes no new array and, for copyto and compound assignment, no extra pass. The
// evaluator reads every leaf as if before any write, so the target may be an operand.
bool ChainedTemporariesCheck::evaluatesIntoTarget(const Finding &F, ASTContext &Ctx) {
  const Expr *TargetExpr = F.Where.Kind == SiteKind::Copyto ? F.Where.Copyto->getArg(0)
                           : F.Where.Operator               ? F.Where.Operator->getArg(0)
                                                            : nullptr;
  const VarDecl *Target = TargetExpr ? referencedVar(TargetExpr) : nullptr;
  if (!Target || ndArrayElementType(Target->getType()) != F.RootOp.Element)
    return false;
  // A target larger than the chain would make every operation a narrower node, which
  // the evaluator computes whole before the pass.
  bool SameShape = model::sameShape(model::shapeOf(TargetExpr, Ctx), model::shapeOf(F.Root, Ctx));
  switch (F.Where.Kind) {
  case SiteKind::Copyto: return SameShape;   // copyto writes into dst as eval does
  case SiteKind::Compound: return SameShape; // y += t writes into y too
  case SiteKind::Assignment:
    // y = t rebinds y: writing into y's buffer instead is only unseen when nobody else
    // holds it, and only right when it has t's shape. A fresh buffer is C-ordered, so
    // that the pass writes it in its own order.
    return SameShape && Target->hasLocalStorage() && !Target->getType()->isReferenceType() &&
           model::createsFreshBuffer(Target->getInit()) &&
           !model::bufferMayEscape(*Target, F.Where.Operator, Ctx);
  default: return false;
  }
}

namespace {

// Whether E is an input of an out-form ufunc call, `nd::subtract(y, E, y)`: one step of
// a computation written into a buffer step by step (by hand, or by nd-elementwise-loop,
// whose fix a second run must leave alone). Fusing E alone leaves that step a pass of
// its own; fusing the steps together is beyond one expression, so E keeps the out
// forms' verdict.
bool isOutFormInput(const Expr *E, ASTContext &Ctx) {
  const Expr *Child = E;
  const auto *Call = explicitParent(Child, Ctx).get<CallExpr>();
  const FunctionDecl *F = Call ? Call->getDirectCallee() : nullptr;
  if (!F || isa<CXXOperatorCallExpr>(Call) || !isInNdNamespace(F) ||
      !F->getDeclName().isIdentifier())
    return false;
  std::optional<model::UfuncInfo> Info = model::ufuncInfo(F->getName());
  return Info && Call->getNumArgs() == Info->Inputs + 1;
}

} // namespace

// The fused form of F's chain, if it fuses and saves enough passes to be faster
// (MinFusedOperations), with the passes and arrays before and after.
ChainedTemporariesCheck::Fused ChainedTemporariesCheck::planFusion(const Finding &F,
                                                                   ASTContext &Ctx) {
  Fused P;
  if (!model::fusesInOnePass(F.Chain, Ctx) ||
      (F.Where.Kind == SiteKind::Other && isOutFormInput(F.Root, Ctx)))
    return P;
  unsigned Operations = F.Chain.nodes().size();
  bool Into = evaluatesIntoTarget(F, Ctx);
  switch (F.Where.Kind) {
  case SiteKind::Copyto:
    if (!Into)
      return P;
    P.Kind = FusedKind::IntoTarget;
    P.PassesBefore = Operations + 1; // the copy
    break;
  case SiteKind::Compound:
    P.Kind = Into ? FusedKind::IntoTarget : FusedKind::CompoundRhs;
    P.PassesBefore = Operations + 1; // the update
    break;
  case SiteKind::Assignment:
    P.Kind = Into ? FusedKind::IntoTarget : FusedKind::NewResult;
    P.PassesBefore = Operations;
    break;
  case SiteKind::Reduced:
    P.Kind = FusedKind::IntoReduction;
    P.PassesBefore = Operations + 1; // the reduction reads the chain's result
    break;
  default:
    P.Kind = FusedKind::NewResult;
    P.PassesBefore = Operations;
    break;
  }
  // The update of a compound assignment is an operation of the pass when it is fused,
  // and so is the reduction a chain is fused into.
  bool FusedUpdate = (F.Where.Kind == SiteKind::Compound && P.Kind == FusedKind::IntoTarget) ||
                     P.Kind == FusedKind::IntoReduction;
  if (Operations + (FusedUpdate ? 1 : 0) < model::MinFusedOperations)
    return Fused();
  P.PassesAfter = P.Kind == FusedKind::CompoundRhs ? 2 : 1;
  // Into a reduction: one block buffer (or the whole operand, when it fits one block).
  P.AllocationsAfter = P.Kind == FusedKind::IntoTarget ? 0 : 1;
  return P;
}

DiagnosticBuilder ChainedTemporariesCheck::warnFused(const Finding &F, ASTContext &Ctx) {
  model::AllocationCount Total = F.Chain.allocations();
  SourceLocation Loc = F.Root->getBeginLoc();
  unsigned Lead = 0;
  std::string Target;
  if (F.Where.Kind == SiteKind::Copyto) {
    Loc = F.Where.Copyto->getBeginLoc();
    Lead = 2;
    Target = getText(*F.Where.Copyto->getArg(0), Ctx).str();
  } else if (F.Where.Kind == SiteKind::Compound) {
    Loc = F.Where.Operator->getOperatorLoc();
    Lead = 1;
    Target = getText(*F.Where.Operator->getArg(0), Ctx).str();
  }
  return diag(Loc, "%select{chained array expression|compound assignment to '%1'|'nd::copyto' of a "
                   "chained expression into '%1'}0 makes %2 passes over memory and allocates "
                   "%select{|at least }3%4 array%s4%select{| in every loop iteration}5; fused "
                   "%select{with 'nd::eval'|into the reduction}9 over 'nd::lazy' operands it "
                   "makes %6 pass%select{|es}7 and allocates %8 array%s8")
         << Lead << Target << F.Fusion.PassesBefore << !Total.exact() << Total.Min << F.InLoop
         << F.Fusion.PassesAfter << (F.Fusion.PassesAfter != 1) << F.Fusion.AllocationsAfter
         << (F.Fusion.Kind == FusedKind::IntoReduction);
}

// The chain (or the statement writing it into its target) becomes one nd::eval of the
// same tree over nd::lazy leaves. The replacement is an expression of the same type as
// the one it replaces, so it stands wherever that stood.
void ChainedTemporariesCheck::fixFused(const Finding &F, ASTContext &Ctx) {
  std::string Lazy = model::lazyExpressionText(F.Chain, Ctx);
  if (F.Fusion.Kind == FusedKind::IntoReduction) {
    warn(F, Ctx) << FixItHint::CreateReplacement(F.Root->getSourceRange(), Lazy);
    return;
  }
  if (F.Fusion.Kind != FusedKind::IntoTarget) {
    warn(F, Ctx) << FixItHint::CreateReplacement(F.Root->getSourceRange(),
                                                 "nd::eval(" + Lazy + ")");
    return;
  }
  const Expr *Statement = F.Where.Kind == SiteKind::Copyto
                              ? static_cast<const Expr *>(F.Where.Copyto)
                              : static_cast<const Expr *>(F.Where.Operator);
  if (isInMacro(Statement->getSourceRange()))
    return noFix(F, "the statement is inside a macro expansion", Ctx);
  const Expr *TargetExpr =
      F.Where.Kind == SiteKind::Copyto ? F.Where.Copyto->getArg(0) : F.Where.Operator->getArg(0);
  std::string Target = getText(*TargetExpr, Ctx).str();
  std::string Value = Lazy;
  if (F.Where.Kind == SiteKind::Compound) {
    // y op= t is y op (t): the chain stays one operand, rounded before the update.
    StringRef Op = getOperatorSpelling(F.Where.Operator->getOperator());
    bool Call = !isa<CXXOperatorCallExpr>(F.RootOp.Call);
    Value =
        "nd::lazy(" + Target + ") " + Op.drop_back().str() + " " + (Call ? Lazy : "(" + Lazy + ")");
  }
  warn(F, Ctx) << FixItHint::CreateReplacement(Statement->getSourceRange(),
                                               "nd::eval(" + Value + ", " + Target + ")");
}

} // namespace clang::tidy::nd_checks
