#include "LoopBody.h"

#include "LoopArrayAccess.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace clang::tidy::nd_checks {

namespace {

// The rows, in the order classifyBody looks them up.
const Accumulation Accumulations[] = {
    // Kind, Operator, StdFunction, Combine, Identity, Name, Reduction, Scan, Ufunc, Warning
    {BodyKind::Sum, BO_AddAssign, "", "+=", 0.0, "sum", "nd::sum", "nd::cumsum", "nd::add",
     "reduction loop; use nd::sum"},
    {BodyKind::Product, BO_MulAssign, "", "*=", 1.0, "prod", "nd::prod", "nd::cumprod",
     "nd::multiply", "reduction loop; use nd::prod"},
    {BodyKind::Count, BO_AddAssign, "", "+=", 0.0, "sum", "nd::sum", "nd::cumsum", "nd::add",
     "counting loop; use nd::sum of the condition"},
    {BodyKind::MinMax, BO_Assign, "min", "", std::nullopt, "min", "nd::min", "nd::cummin",
     "nd::minimum", "reduction loop; use nd::min"},
    {BodyKind::MinMax, BO_Assign, "max", "", std::nullopt, "max", "nd::max", "nd::cummax",
     "nd::maximum", "reduction loop; use nd::max"},
};

const Accumulation *rowOf(BodyKind Kind, llvm::StringRef StdFunction = "") {
  for (const Accumulation &Row : Accumulations)
    if (Row.Kind == Kind && Row.StdFunction == StdFunction)
      return &Row;
  return nullptr;
}

const Stmt *skipCleanups(const Stmt *S) {
  if (const auto *Cleanups = dyn_cast_or_null<ExprWithCleanups>(S))
    return Cleanups->getSubExpr();
  return S;
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

} // namespace

llvm::ArrayRef<Accumulation> accumulations() { return Accumulations; }

const VarDecl *scalarVariable(const Expr *E) {
  const VarDecl *V = utils::referencedVar(E);
  return V && V->getType()->isArithmeticType() ? V : nullptr;
}

// `s += F`, `s *= F` or `s = std::min(s, F)` (std::max): the accumulation, or None.
static BodyShape classifyAccumulation(const BinaryOperator *Op) {
  BodyShape Shape;
  const VarDecl *Acc = scalarVariable(Op->getLHS());
  if (Acc && (Op->getOpcode() == BO_AddAssign || Op->getOpcode() == BO_MulAssign) &&
      ElementWorkFinder::readsElement(Op->getRHS())) {
    Shape.Kind = Op->getOpcode() == BO_AddAssign ? BodyKind::Sum : BodyKind::Product;
    Shape.Row = rowOf(Shape.Kind);
    Shape.Assignment = Op;
    Shape.Accumulator = Acc;
    Shape.Summand = Op->getRHS();
    return Shape;
  }
  const auto *Call = Acc && Op->getOpcode() == BO_Assign
                         ? dyn_cast<CallExpr>(Op->getRHS()->IgnoreImplicit())
                         : nullptr;
  const FunctionDecl *F = Call ? Call->getDirectCallee() : nullptr;
  if (F && F->getDeclName().isIdentifier() && F->isInStdNamespace() &&
      (F->getName() == "min" || F->getName() == "max") && Call->getNumArgs() == 2 &&
      ElementWorkFinder::readsElement(Call)) {
    Shape.Kind = BodyKind::MinMax;
    Shape.Accumulator = Acc;
    Shape.Row = rowOf(BodyKind::MinMax, F->getName());
    bool FirstIsAcc = scalarVariable(Call->getArg(0)) == Acc;
    if (FirstIsAcc != (scalarVariable(Call->getArg(1)) == Acc))
      Shape.Summand = Call->getArg(FirstIsAcc ? 1 : 0);
  }
  return Shape;
}

// `{ accumulation; y(...) = s; }`: every partial result stored, an inclusive scan.
static BodyShape classifyScan(const CompoundStmt *Block) {
  if (!Block || Block->size() != 2)
    return {};
  const auto *Accumulate = dyn_cast<BinaryOperator>(skipCleanups(Block->body_front()));
  const auto *Store = dyn_cast<BinaryOperator>(skipCleanups(Block->body_back()));
  if (!Accumulate || !Store || Store->getOpcode() != BO_Assign ||
      !matchElementAccess(Store->getLHS()))
    return {};
  BodyShape Shape = classifyAccumulation(Accumulate);
  if (Shape.Kind == BodyKind::None || !Shape.Summand ||
      scalarVariable(Store->getRHS()) != Shape.Accumulator)
    return {};
  Shape.Kind = BodyKind::Scan;
  Shape.Assignment = Store;
  return Shape;
}

BodyShape classifyBody(const Stmt *Body) {
  BodyShape Shape;
  const Stmt *S = skipCleanups(Body);
  if (const auto *Op = dyn_cast_or_null<BinaryOperator>(S)) {
    if (Op->getOpcode() == BO_Assign && matchElementAccess(Op->getLHS())) {
      Shape.Kind = BodyKind::Map;
      Shape.Assignment = Op;
      return Shape;
    }
    Shape = classifyAccumulation(Op);
    if (Shape.Kind != BodyKind::None)
      return Shape;
  }
  if (const auto *If = dyn_cast_or_null<IfStmt>(S)) {
    const VarDecl *Counter = nullptr;
    if (!If->getElse() && !If->getInit() && !If->getConditionVariable() &&
        isIncrementByOne(If->getThen(), Counter) &&
        ElementWorkFinder::readsElement(If->getCond())) {
      Shape.Kind = BodyKind::Count;
      Shape.Row = rowOf(BodyKind::Count);
      Shape.Accumulator = Counter;
      Shape.Summand = If->getCond();
      return Shape;
    }
  }
  Shape = classifyScan(dyn_cast_or_null<CompoundStmt>(S));
  if (Shape.Kind == BodyKind::Scan)
    return Shape;
  ElementWorkFinder Finder;
  Finder.TraverseStmt(const_cast<Stmt *>(Body));
  Shape.Kind = Finder.Found ? BodyKind::Other : BodyKind::None;
  return Shape;
}

std::string warningFor(const BodyShape &Shape) {
  if (Shape.Kind == BodyKind::Map)
    return "element-wise loop over '" +
           matchElementAccess(Shape.Assignment->getLHS())->Array->getNameAsString() +
           "'; use one broadcasting expression";
  if (Shape.Kind == BodyKind::Scan)
    return "scan loop over '" +
           matchElementAccess(Shape.Assignment->getLHS())->Array->getNameAsString() + "'; use " +
           Shape.Row->Scan.str();
  if (Shape.Row)
    return Shape.Row->Warning.str();
  return "loop over nd::array elements; use broadcasting expressions";
}

ControlFlow firstControlFlow(const Stmt *S) {
  ControlFlowFinder Flow;
  Flow.TraverseStmt(const_cast<Stmt *>(S));
  return {Flow.Found, Flow.What};
}

const Stmt *macroIn(const Stmt *S) {
  MacroFinder Macro;
  Macro.TraverseStmt(const_cast<Stmt *>(S));
  return Macro.found();
}

} // namespace clang::tidy::nd_checks
