#include "LoopNest.h"

#include "LoopArrayAccess.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"

namespace clang::tidy::nd_checks {

const VarDecl *loopVariable(const ForStmt *Loop) {
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

LoopNest buildLoopNest(const ForStmt *Outer) {
  LoopNest Nest;
  const ForStmt *Loop = Outer;
  while (true) {
    LoopLevel Level;
    Level.Loop = Loop;
    Level.Var = loopVariable(Loop);
    const Stmt *Body = unwrapBlock(Loop->getBody());
    const ForStmt *Next = dyn_cast<ForStmt>(Body);
    if (const auto *Block = dyn_cast<CompoundStmt>(Body)) {
      const auto *Last = Block->size() > 1 ? dyn_cast<ForStmt>(Block->body_back()) : nullptr;
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
        !isNdArrayType(Call->getArg(0)->getType()))
      return true;
    for (unsigned I = 1; I < Call->getNumArgs(); ++I)
      if (referencedVar(Call->getArg(I)) == Var || mentions(Call->getArg(I)))
        Found = true;
    return !Found;
  }
  bool Found = false;

private:
  bool mentions(const Stmt *S) {
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
      return Ref->getDecl() == Var;
    for (const Stmt *Child : S->children())
      if (Child && mentions(Child))
        return true;
    return false;
  }
  const VarDecl *Var;
};
} // namespace

bool indexesAnArray(const VarDecl *Var, const Stmt *S) {
  IndexUseFinder Finder(Var);
  Finder.TraverseStmt(const_cast<Stmt *>(S));
  return Finder.Found;
}

bool isInnerLevelOfNest(const ForStmt *Loop, ASTContext &Context) {
  const Stmt *Child = Loop;
  DynTypedNodeList Parents = Context.getParents(*Loop);
  if (Parents.empty())
    return false;
  const Stmt *Parent = Parents[0].get<Stmt>();
  if (const auto *Block = dyn_cast_or_null<CompoundStmt>(Parent)) {
    if (Block->body_back() != Child ||
        !std::all_of(Block->body_begin(), Block->body_end() - 1,
                     [](const Stmt *S) { return isa<DeclStmt>(S); }))
      return false;
    Child = Block;
    Parents = Context.getParents(*Block);
    Parent = Parents.empty() ? nullptr : Parents[0].get<Stmt>();
  }
  const auto *Outer = dyn_cast_or_null<ForStmt>(Parent);
  if (!Outer || Outer->getBody() != Child || !loopVariable(Outer))
    return false;
  return indexesAnArray(loopVariable(Outer), Loop) ||
         isInnerLevelOfNest(Outer, Context);
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
  const ForStmt *Loop = Level.Loop;
  const VarDecl *V = Level.Var;
  if (!V)
    return "the loop does not declare one integer loop variable";
  std::string Name = V->getNameAsString();
  if (!isZero(V->getInit()))
    return "the loop over '" + Name +
           "' does not start at 0, so it covers part of the array (index shape); partial "
           "ranges are not rewritten";
  const auto *Cond = dyn_cast_or_null<BinaryOperator>(Loop->getCond());
  if (!Cond || Cond->getOpcode() != BO_LT || referencedVar(Cond->getLHS()) != V)
    return "the loop condition is not '" + Name + " < extent' (index shape)";
  const Expr *Inc = Loop->getInc();
  bool StepOne = false;
  if (const auto *Op = dyn_cast_or_null<UnaryOperator>(Inc))
    StepOne = Op->isIncrementOp() && referencedVar(Op->getSubExpr()) == V;
  else if (const auto *Op = dyn_cast_or_null<CompoundAssignOperator>(Inc))
    StepOne = Op->getOpcode() == BO_AddAssign && referencedVar(Op->getLHS()) == V &&
              isOne(Op->getRHS());
  if (!StepOne)
    return "the loop over '" + Name + "' does not step by 1 (index shape); strided loops are "
           "not rewritten";
  if (ExprMutationAnalyzer(*Loop->getBody(), Context).isMutated(V))
    return "the loop variable '" + Name + "' is modified in the loop body";
  return "";
}

static std::optional<ExtentBound> extentOf(const Expr *E, int Depth) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *M = Call->getMethodDecl();
    const VarDecl *Array = namedArray(Call->getImplicitObjectArgument());
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
  // A local constant holding an extent: `const auto n = x.shape(0);`.
  const VarDecl *V = referencedVar(E);
  if (V && Depth == 0 && V->hasLocalStorage() && V->getType().isConstQualified() &&
      !V->getType()->isReferenceType() && V->getInit())
    return extentOf(V->getInit(), Depth + 1);
  return std::nullopt;
}

std::optional<ExtentBound> resolveExtentBound(const ForStmt *Loop) {
  const auto *Cond = dyn_cast_or_null<BinaryOperator>(Loop->getCond());
  if (!Cond)
    return std::nullopt;
  return extentOf(Cond->getRHS(), 0);
}

} // namespace clang::tidy::nd_checks
