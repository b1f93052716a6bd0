#include "LoopNest.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/Lex/Lexer.h"

#include "LoopArrayAccess.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"

namespace clang::tidy::nd_checks {

static bool isIntegerVariable(const VarDecl *V) {
  QualType T = V ? V->getType().getNonReferenceType() : QualType();
  return V && T->isIntegerType() && !T->isBooleanType();
}

// Whether D is declared in namespace std or one nested in it (std::ranges::views).
static bool isInStd(const Decl *D) {
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent())
    if (DC->isStdNamespace())
      return true;
  return false;
}

std::optional<IndexRange> indexRange(const CXXForRangeStmt *Loop) {
  const Expr *Range = Loop->getRangeInit() ? utils::skipImplicit(Loop->getRangeInit()) : nullptr;
  if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Range);
      Construct && Construct->getNumArgs() == 1 &&
      isa<MaterializeTemporaryExpr>(Construct->getArg(0)))
    Range = utils::skipImplicit(Construct->getArg(0));
  std::vector<const Expr *> Args;
  if (const auto *Call = dyn_cast_or_null<CXXOperatorCallExpr>(Range)) {
    // std::views::iota, a customisation point object: `iota(a, b)` calls its operator().
    const auto *Object = dyn_cast<DeclRefExpr>(utils::skipImplicit(Call->getArg(0)));
    const auto *Var = Object ? dyn_cast<VarDecl>(Object->getDecl()) : nullptr;
    if (Call->getOperator() != OO_Call || !Var || !isInStd(Var) || Var->getName() != "iota")
      return std::nullopt;
    for (unsigned I = 1; I < Call->getNumArgs(); ++I)
      Args.push_back(utils::skipImplicit(Call->getArg(I)));
  } else if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Range)) {
    const CXXRecordDecl *Record = Construct->getType()->getAsCXXRecordDecl();
    if (!Record || !Record->getDeclName().isIdentifier() || Record->getName() != "iota_view" ||
        !isInStd(Record))
      return std::nullopt;
    for (const Expr *Arg : Construct->arguments())
      Args.push_back(utils::skipImplicit(Arg));
  } else {
    return std::nullopt;
  }
  if (Args.empty() || Args.size() > 2)
    return std::nullopt;
  return IndexRange{Args[0], Args.size() == 2 ? Args[1] : nullptr};
}

const Stmt *loopBody(const Stmt *Loop) {
  if (const auto *For = dyn_cast_or_null<ForStmt>(Loop))
    return For->getBody();
  if (const auto *Range = dyn_cast_or_null<CXXForRangeStmt>(Loop))
    return Range->getBody();
  return nullptr;
}

const Expr *loopLimit(const Stmt *Loop) {
  if (const auto *Range = dyn_cast_or_null<CXXForRangeStmt>(Loop)) {
    std::optional<IndexRange> Indices = indexRange(Range);
    return Indices ? Indices->Bound : nullptr;
  }
  const auto *For = dyn_cast_or_null<ForStmt>(Loop);
  if (!For)
    return nullptr;
  if (const auto *Cond = dyn_cast_or_null<BinaryOperator>(For->getCond()))
    return Cond->getRHS();
  return For->getCond();
}

const VarDecl *loopVariable(const Stmt *S) {
  if (const auto *Range = dyn_cast_or_null<CXXForRangeStmt>(S)) {
    const VarDecl *V = Range->getLoopVariable();
    return isIntegerVariable(V) && indexRange(Range) ? V : nullptr;
  }
  const auto *Loop = dyn_cast_or_null<ForStmt>(S);
  if (!Loop)
    return nullptr;
  const auto *Init = dyn_cast_or_null<DeclStmt>(Loop->getInit());
  if (!Init || !Init->isSingleDecl())
    return nullptr;
  const auto *V = dyn_cast<VarDecl>(Init->getSingleDecl());
  return V && V->getType()->isIntegerType() && !V->getType()->isBooleanType() ? V : nullptr;
}

static const Stmt *unwrapBlock(const Stmt *S) {
  while (const auto *Block = dyn_cast_or_null<CompoundStmt>(S)) {
    if (Block->size() != 1)
      break;
    S = Block->body_front();
  }
  return S;
}

// A loop under a loop hint (`#pragma unroll` makes an AttributedStmt around it): the
// loop. The fix replaces the whole nest, and the hint with it.
static const Stmt *skipLoopHint(const Stmt *S) {
  if (const auto *Attributed = dyn_cast_or_null<AttributedStmt>(S);
      Attributed && isa<ForStmt, CXXForRangeStmt>(Attributed->getSubStmt()))
    return Attributed->getSubStmt();
  return S;
}

LoopNest buildLoopNest(const Stmt *Outer) {
  LoopNest Nest;
  const Stmt *Loop = Outer;
  while (true) {
    LoopLevel Level;
    Level.Loop = Loop;
    Level.Var = loopVariable(Loop);
    const Stmt *Body = skipLoopHint(unwrapBlock(loopBody(Loop)));
    const Stmt *Next = isa<ForStmt, CXXForRangeStmt>(Body) ? Body : nullptr;
    if (const auto *Block = dyn_cast<CompoundStmt>(Body)) {
      const Stmt *Last =
          Block->size() > 1 && isa<ForStmt, CXXForRangeStmt>(skipLoopHint(Block->body_back()))
              ? skipLoopHint(Block->body_back())
              : nullptr;
      bool DeclsBefore = Last && std::all_of(Block->body_begin(), Block->body_end() - 1,
                                             [](const Stmt *S) { return isa<DeclStmt>(S); });
      if (DeclsBefore && loopVariable(Last)) {
        Next = Last;
        Level.Prelude.assign(Block->body_begin(), Block->body_end() - 1);
      }
    }
    Nest.Levels.push_back(Level);
    if (!Next || !loopVariable(Next)) {
      Nest.Body = Body;
      return Nest;
    }
    Loop = Next;
  }
}

namespace {
class IndexUseFinder : public RecursiveASTVisitor<IndexUseFinder> {
public:
  explicit IndexUseFinder(const VarDecl *Var) : Var(Var) {}
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Call) {
    if (Call->getOperator() != OO_Call || Call->getNumArgs() < 2 ||
        !utils::isNdArray(Call->getArg(0)->getType()))
      return true;
    for (unsigned I = 1; I < Call->getNumArgs(); ++I)
      if (utils::referencedVar(Call->getArg(I)) == Var || utils::mentions(Call->getArg(I), Var))
        Found = true;
    return !Found;
  }
  bool Found = false;

private:
  const VarDecl *Var;
};
} // namespace

bool indexesAnArray(const VarDecl *Var, const Stmt *S) {
  IndexUseFinder Finder(Var);
  Finder.TraverseStmt(const_cast<Stmt *>(S));
  return Finder.Found;
}

bool isInnerLevelOfNest(const Stmt *Loop, ASTContext &Context) {
  const Stmt *Child = Loop;
  DynTypedNodeList Parents = Context.getParents(*Loop);
  if (Parents.empty())
    return false;
  const Stmt *Parent = Parents[0].get<Stmt>();
  if (const auto *Hinted = dyn_cast_or_null<AttributedStmt>(Parent)) {
    Child = Hinted;
    Parents = Context.getParents(*Hinted);
    Parent = Parents.empty() ? nullptr : Parents[0].get<Stmt>();
  }
  if (const auto *Block = dyn_cast_or_null<CompoundStmt>(Parent)) {
    if (Block->body_back() != Child || !std::all_of(Block->body_begin(), Block->body_end() - 1,
                                                    [](const Stmt *S) { return isa<DeclStmt>(S); }))
      return false;
    Child = Block;
    Parents = Context.getParents(*Block);
    Parent = Parents.empty() ? nullptr : Parents[0].get<Stmt>();
  }
  const Stmt *Outer = isa_and_nonnull<ForStmt, CXXForRangeStmt>(Parent) ? Parent : nullptr;
  if (!Outer || loopBody(Outer) != Child || !loopVariable(Outer))
    return false;
  return indexesAnArray(loopVariable(Outer), Loop) || isInnerLevelOfNest(Outer, Context);
}

static bool isZero(const Expr *E) {
  const auto *Lit = dyn_cast_or_null<IntegerLiteral>(E ? E->IgnoreParenImpCasts() : nullptr);
  return Lit && Lit->getValue() == 0;
}

static bool isOne(const Expr *E) {
  const auto *Lit = dyn_cast_or_null<IntegerLiteral>(E->IgnoreParenImpCasts());
  return Lit && Lit->getValue() == 1;
}

std::string headerProblem(const LoopLevel &Level, ASTContext &Context) {
  const VarDecl *V = Level.Var;
  if (!V)
    return "the loop does not declare one integer loop variable";
  std::string Name = V->getNameAsString();
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(Level.Loop)) {
    std::optional<IndexRange> Indices = indexRange(Range);
    std::optional<llvm::APSInt> Start = Indices->Start->getIntegerConstantExpr(Context);
    if (!Start || *Start != 0)
      return "the range of '" + Name +
             "' does not start at 0, so it covers part of the array (index shape); partial "
             "ranges are not rewritten";
    if (!Indices->Bound)
      return "the range of '" + Name + "' has no end (index shape)";
    if (ExprMutationAnalyzer(*Range->getBody(), Context).isMutated(V))
      return "the loop variable '" + Name + "' is modified in the loop body";
    return "";
  }
  const auto *Loop = cast<ForStmt>(Level.Loop);
  if (!isZero(V->getInit()))
    return "the loop over '" + Name +
           "' does not start at 0, so it covers part of the array (index shape); partial "
           "ranges are not rewritten";
  const auto *Cond = dyn_cast_or_null<BinaryOperator>(Loop->getCond());
  if (!Cond || Cond->getOpcode() != BO_LT || utils::referencedVar(Cond->getLHS()) != V)
    return "the loop condition is not '" + Name + " < extent' (index shape)";
  const Expr *Inc = Loop->getInc();
  bool StepOne = false;
  if (const auto *Op = dyn_cast_or_null<UnaryOperator>(Inc))
    StepOne = Op->isIncrementOp() && utils::referencedVar(Op->getSubExpr()) == V;
  else if (const auto *Op = dyn_cast_or_null<CompoundAssignOperator>(Inc))
    StepOne = Op->getOpcode() == BO_AddAssign && utils::referencedVar(Op->getLHS()) == V &&
              isOne(Op->getRHS());
  if (!StepOne)
    return "the loop over '" + Name +
           "' does not step by 1 (index shape); strided loops are "
           "not rewritten";
  if (ExprMutationAnalyzer(*Loop->getBody(), Context).isMutated(V))
    return "the loop variable '" + Name + "' is modified in the loop body";
  return "";
}

static std::optional<ExtentBound> extentOf(const Expr *E, int Depth) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *M = Call->getMethodDecl();
    const VarDecl *Array = utils::namedArray(Call->getImplicitObjectArgument());
    if (!M || !Array || !M->getDeclName().isIdentifier())
      return std::nullopt;
    if (M->getName() == "size" && Call->getNumArgs() == 0)
      return ExtentBound{Array, -1};
    if (M->getName() == "shape" && Call->getNumArgs() == 1) {
      const auto *Lit = dyn_cast<IntegerLiteral>(Call->getArg(0)->IgnoreParenImpCasts());
      if (Lit)
        return ExtentBound{Array, static_cast<int>(Lit->getValue().getZExtValue())};
    }
    return std::nullopt;
  }
  // A local holding an extent: `const auto n = x.shape(0);`, or `auto n = ...` that
  // nothing modifies.
  const VarDecl *V = utils::referencedVar(E);
  if (V && Depth == 0 && isUnmodifiedLocal(V))
    return extentOf(V->getInit(), Depth + 1);
  return std::nullopt;
}

bool isUnmodifiedLocal(const VarDecl *V) {
  if (!V || !V->hasLocalStorage() || isa<ParmVarDecl>(V) || V->getType()->isReferenceType() ||
      !V->getInit() || V->getType().isVolatileQualified())
    return false;
  if (V->getType().isConstQualified())
    return true;
  // Not const: no write, increment, non-const reference or address anywhere in the
  // function, nor a write in the body of a lambda capturing it by reference, so it
  // keeps its initial value.
  const auto *Function = dyn_cast<FunctionDecl>(V->getDeclContext());
  const Stmt *Body = Function ? Function->getBody() : nullptr;
  return Body && !utils::isMutatedIn(V, *Body, V->getASTContext());
}

std::optional<ExtentBound> resolveExtentBound(const Stmt *Loop) {
  if (isa<CXXForRangeStmt>(Loop)) {
    const Expr *Bound = loopLimit(Loop);
    return Bound ? extentOf(Bound, 0) : std::nullopt;
  }
  const auto *Cond = dyn_cast_or_null<BinaryOperator>(cast<ForStmt>(Loop)->getCond());
  if (!Cond)
    return std::nullopt;
  return extentOf(Cond->getRHS(), 0);
}

// The statement in the loop's block right before it, if any.
const Stmt *previousStatement(const Stmt *S, ASTContext &Context) {
  DynTypedNodeList Parents = Context.getParents(*S);
  const auto *Block = Parents.empty() ? nullptr : Parents[0].get<CompoundStmt>();
  if (!Block)
    return nullptr;
  const Stmt *Previous = nullptr;
  for (const Stmt *Child : Block->body()) {
    if (Child == S)
      return Previous;
    Previous = Child;
  }
  return nullptr;
}

// The loop's text, with the semicolon that ends a body without braces.
CharSourceRange loopRange(const Stmt *Loop, const ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  SourceLocation AfterSemi =
      Lexer::findLocationAfterToken(Loop->getEndLoc(), tok::semi, SM, Context.getLangOpts(),
                                    /*SkipTrailingWhitespaceAndNewLine=*/false);
  if (AfterSemi.isValid())
    return CharSourceRange::getCharRange(Loop->getBeginLoc(), AfterSemi);
  return CharSourceRange::getTokenRange(Loop->getSourceRange());
}

} // namespace clang::tidy::nd_checks
