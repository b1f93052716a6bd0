#include "LoopMapForm.h"
#include "BestForm.h"

#include "LoopNest.h"
#include "model/ArrayShapes.h"
#include "model/EagerChain.h"
#include "model/FusedForm.h"
#include "model/HandleRebinding.h"
#include "model/NdCalls.h"
#include "model/NdFunctions.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"

#include <set>

namespace clang::tidy::nd_checks {

namespace {

bool sameType(QualType A, QualType B) {
  return A.getCanonicalType().getUnqualifiedType() == B.getCanonicalType().getUnqualifiedType();
}

// One operation of the translated value, as the scalar loop body spells it: its ufunc
// and the operands in the ufunc's order. `Condition` is set for std::min/max on
// floating point, whose ufunc is nd::where(b < a, b, a).
struct Operation {
  std::string Ufunc;
  std::vector<const Expr *> Operands;
  bool MinMaxWhere = false;
  bool IsOperator = false; // + - * / and unary -: the runtime may elide into a temporary
};

const Expr *bare(const Expr *E) { return E->IgnoreParenImpCasts(); }

std::optional<Operation> operationOf(const Expr *E, const ASTContext &Context) {
  E = bare(E);
  Operation Op;
  // A clamp is one operation, nd::clip(X, Lo, Hi), as the translator writes it.
  if (std::optional<ClampForm> Clamp = matchClamp(E, Context)) {
    Op.Ufunc = "clip";
    Op.Operands = {Clamp->X, Clamp->Lo, Clamp->Hi};
    return Op;
  }
  if (const auto *B = dyn_cast<BinaryOperator>(E)) {
    static const std::pair<BinaryOperatorKind, const char *> Names[] = {
        {BO_Add, "add"},  {BO_Sub, "subtract"},  {BO_Mul, "multiply"},     {BO_Div, "divide"},
        {BO_LT, "less"},  {BO_LE, "less_equal"}, {BO_GT, "greater"},       {BO_GE, "greater_equal"},
        {BO_EQ, "equal"}, {BO_NE, "not_equal"},  {BO_LAnd, "logical_and"}, {BO_LOr, "logical_or"}};
    for (const auto &[Kind, Name] : Names)
      if (B->getOpcode() == Kind) {
        Op.Ufunc = Name;
        Op.Operands = {B->getLHS(), B->getRHS()};
        Op.IsOperator = B->isAdditiveOp() || B->isMultiplicativeOp();
        return Op;
      }
    return std::nullopt;
  }
  if (const auto *U = dyn_cast<UnaryOperator>(E)) {
    if (U->getOpcode() != UO_Minus && U->getOpcode() != UO_LNot)
      return std::nullopt;
    Op.Ufunc = U->getOpcode() == UO_Minus ? "negative" : "logical_not";
    Op.Operands = {U->getSubExpr()};
    Op.IsOperator = U->getOpcode() == UO_Minus;
    return Op;
  }
  if (const auto *C = dyn_cast<ConditionalOperator>(E)) {
    Op.Ufunc = "where";
    Op.Operands = {C->getCond(), C->getTrueExpr(), C->getFalseExpr()};
    return Op;
  }
  const auto *Call = dyn_cast<CallExpr>(E);
  const FunctionDecl *F = Call ? Call->getDirectCallee() : nullptr;
  if (!F || !F->getDeclName().isIdentifier() || isa<CXXOperatorCallExpr>(Call))
    return std::nullopt;
  for (const Expr *Arg : Call->arguments())
    Op.Operands.push_back(Arg);
  if ((F->getName() == "min" || F->getName() == "max") && Call->getNumArgs() == 2) {
    if (Call->getType()->isIntegerType()) {
      Op.Ufunc = F->getName() == "min" ? "minimum" : "maximum";
    } else {
      Op.Ufunc = "where";
      Op.MinMaxWhere = true;
    }
    return Op;
  }
  if (std::optional<llvm::StringRef> Ufunc = model::ufuncForMathFunction(F->getName())) {
    Op.Ufunc = Ufunc->drop_front(4).str(); // "nd::sqrt"
    return Op;
  }
  return std::nullopt;
}

} // namespace

std::vector<const Expr *> OutFormWriter::spine(const Expr *Value) const {
  std::vector<const Expr *> Path;
  const Expr *Node = bare(Value);
  QualType Type = Value->getType();
  while (Node && ReadsArray(Node)) {
    std::optional<Operation> Op = operationOf(Node, Translator.context());
    if (!Op)
      break;
    Path.push_back(Node);
    const Expr *Next = nullptr;
    if (!Op->MinMaxWhere)
      for (const Expr *Operand : Op->Operands)
        if (ReadsArray(Operand) && operationOf(Operand, Translator.context()) &&
            sameType(Operand->getType(), Type)) {
          Next = bare(Operand);
          break;
        }
    Node = Next;
  }
  std::reverse(Path.begin(), Path.end());
  return Path;
}

std::optional<std::string> OutFormWriter::stepText(const Expr *Node, const Expr *Previous,
                                                   const std::string &Dest) {
  Operation Op = *operationOf(Node, Translator.context());
  std::vector<std::string> Args;
  for (const Expr *Operand : Op.Operands) {
    if (Previous && bare(Operand) == Previous) {
      Args.push_back(Dest);
      continue;
    }
    std::optional<std::string> Text = Translator.translate(Operand);
    if (!Text)
      return std::nullopt;
    Args.push_back(*Text);
  }
  if (Op.MinMaxWhere) {
    bool Min = cast<CallExpr>(Node)->getDirectCallee()->getName() == "min";
    // As the translator spells them: std::min(a, b) is (b < a) ? b : a.
    Args = {Min ? Args[1] + " < " + Args[0] : Args[0] + " < " + Args[1], Args[1], Args[0]};
  }
  Args.push_back(Dest);
  return "nd::" + Op.Ufunc + "(" + llvm::join(Args, ", ") + ")";
}

unsigned OutFormWriter::eagerSpineAllocations(const Expr *Value) const {
  unsigned Count = 0;
  for (const Expr *Node : spine(Value)) {
    Operation Op = *operationOf(Node, Translator.context());
    std::vector<model::ElisionOperand> Facts;
    for (const Expr *Operand : Op.Operands) {
      bool Computed = ReadsArray(Operand) && operationOf(Operand, Translator.context());
      Facts.push_back({Computed, Computed, sameType(Operand->getType(), Node->getType())});
    }
    // The shapes are not known here: an elision the rule allows is counted, as
    // nd-chained-temporaries counts the least its chain may allocate.
    auto Fits = [](unsigned, unsigned) { return model::Elision::Maybe; };
    if (model::elisionRule(Op.Ufunc, Op.IsOperator, Node->getType()->isBooleanType(), Facts,
                           Fits) == model::Elision::Never)
      ++Count;
  }
  return Count;
}

std::optional<std::vector<std::string>>
OutFormWriter::steps(const Expr *Value, const std::string &Dest,
                     llvm::function_ref<bool(const Expr *)> UnsafeLaterOperand) {
  std::vector<const Expr *> Spine = spine(Value);
  if (Spine.empty())
    return std::nullopt;
  for (size_t Step = 1; Step < Spine.size(); ++Step) {
    Operation Op = *operationOf(Spine[Step], Translator.context());
    for (const Expr *Operand : Op.Operands)
      if (bare(Operand) != Spine[Step - 1] && UnsafeLaterOperand(Operand))
        return std::nullopt;
  }
  std::vector<std::string> Statements;
  for (size_t Step = 0; Step < Spine.size(); ++Step) {
    std::optional<std::string> Statement =
        stepText(Spine[Step], Step ? Spine[Step - 1] : nullptr, Dest);
    if (!Statement)
      return std::nullopt;
    Statements.push_back(*Statement);
  }
  return Statements;
}

bool FusedWriter::isOperation(const Expr *E) const {
  return R.ReadsArray(E) && operationOf(E, Translator.context());
}

const Expr *FusedWriter::through(const Expr *E) const {
  E = bare(E);
  while (const Expr *Target = R.Resolve(E))
    E = bare(Target);
  return E;
}

// The operations of the chain E translates to, counted as nd-chained-temporaries
// counts them, or nullopt where one of them does not fuse.
std::optional<unsigned> FusedWriter::operations(const Expr *E,
                                                std::set<const Expr *> &Leaves) const {
  E = through(E);
  if (!R.ReadsArray(E) || R.IsLeaf(E))
    return 0u;
  std::optional<Operation> Op = operationOf(E, Translator.context());
  if (!Op)
    return std::nullopt;
  // As the translator spells it: arithmetic, comparisons and ! as operators, && and ||
  // as nd::logical_and/or, the rest as calls.
  const auto *B = dyn_cast<BinaryOperator>(E);
  bool Operator = (B && !B->isLogicalOp()) || isa<UnaryOperator>(E);
  bool PowerOfOperation = E->getType()->isIntegerType() && Op->Operands.size() == 2 &&
                          isOperation(through(Op->Operands[1]));
  if (!model::fusesInPass(Op->Ufunc, Operator, R.ResultShape(E), PowerOfOperation))
    return std::nullopt;
  // std::min/max on floating point is nd::where(b < a, b, a): two operations, naming
  // each operand twice.
  unsigned Copies = Op->MinMaxWhere ? 2 : 1;
  unsigned Count = Copies;
  bool HasOperation = false;
  for (const Expr *Operand : Op->Operands) {
    std::optional<unsigned> Under = operations(Operand, Leaves);
    if (!Under)
      return std::nullopt;
    Count += Copies * *Under;
    HasOperation |= isOperation(through(Operand));
  }
  if (!HasOperation)
    for (const Expr *Operand : Op->Operands)
      if (R.ReadsArray(through(Operand))) {
        Leaves.insert(through(Operand));
        break;
      }
  return Count;
}

std::optional<std::string> FusedWriter::expression(const Expr *Value, unsigned Consumer) {
  std::set<const Expr *> Leaves;
  std::optional<unsigned> Count = operations(Value, Leaves);
  if (!Count || *Count + Consumer < model::MinFusedOperations || Leaves.empty())
    return std::nullopt;
  Translator.setLazyLeaves(&Leaves);
  std::optional<std::string> Text = Translator.translate(Value);
  Translator.setLazyLeaves(nullptr);
  // Every leaf is reached through the translation; without one nd::eval has no operand.
  if (!Text || Text->find("nd::lazy(") == std::string::npos)
    return std::nullopt;
  return Text;
}

namespace {

class MapRewriter {
public:
  MapRewriter(const MapLoop &L, LoopBodyTranslator &Translator, ASTContext &Context)
      : L(L), Translator(Translator), Context(Context) {}

  // Fused: Broadcast is the fused form, which allocates only the result.
  std::optional<MapRewrite> declaration(const std::string &Broadcast, bool Fused);
  std::optional<MapRewrite> outForms();
  // The value's lazy expression, where its chain fuses into the destination's shape.
  std::optional<std::string> fusedValue();
  // The summand's lazy expression, where its chain fuses into a full nd::sum.
  std::optional<std::string> fusedSummand();

private:
  // The lazy form of L.Value over Axes output axes, Consumer operations after it.
  std::optional<std::string> fusedOver(size_t Axes, unsigned Consumer);
  // The output axes an operand varies along (empty: a scalar).
  std::set<int> axesOf(const Expr *E) const;
  // Whether E reads an array: an element access or a per-slice statistic.
  bool readsArray(const Expr *E) const;
  // An upper bound of the arrays the runtime allocates for the translated E.
  unsigned allocationBound(const Expr *E, std::set<int> &Axes, bool &FreshOperation) const;
  bool destinationFilledFresh(const DeclStmt *&Decl) const;

  const MapLoop &L;
  LoopBodyTranslator &Translator;
  ASTContext &Context;
};

// The loop level whose variable Index names, or -1.
int levelOf(const MapLoop &L, const Expr *Index) {
  const VarDecl *V = utils::referencedVar(Index);
  auto It = std::find(L.LoopVars.begin(), L.LoopVars.end(), V);
  return V && It != L.LoopVars.end() ? static_cast<int>(It - L.LoopVars.begin()) : -1;
}

const SliceStatistic *statisticOf(const MapLoop &L, const Expr *E) {
  const auto *Ref = dyn_cast<DeclRefExpr>(bare(E));
  if (!Ref)
    return nullptr;
  for (const SliceStatistic &Stat : *L.Statistics)
    if (Stat.Var == Ref->getDecl())
      return &Stat;
  return nullptr;
}

std::set<int> MapRewriter::axesOf(const Expr *E) const {
  std::set<int> Axes;
  if (std::optional<ElementAccess> Access = matchElementAccess(bare(E))) {
    for (const Expr *Index : Access->Indices)
      if (int Level = levelOf(L, Index); Level >= 0)
        Axes.insert(L.OutputAxisOfLevel[Level]);
    return Axes;
  }
  if (const SliceStatistic *Stat = statisticOf(L, E)) {
    for (int Level : Stat->LevelOfAxis)
      if (Level >= 0)
        Axes.insert(L.OutputAxisOfLevel[Level]);
    return Axes;
  }
  for (const Stmt *Child : E->children())
    if (const auto *ChildExpr = dyn_cast_or_null<Expr>(Child)) {
      std::set<int> Inner = axesOf(ChildExpr);
      Axes.insert(Inner.begin(), Inner.end());
    }
  return Axes;
}

bool MapRewriter::readsArray(const Expr *E) const {
  if (matchElementAccess(bare(E)) || statisticOf(L, E))
    return true;
  for (const Stmt *Child : E->children())
    if (const auto *ChildExpr = dyn_cast_or_null<Expr>(Child); ChildExpr && readsArray(ChildExpr))
      return true;
  return false;
}

// Counts every operation of the translated value as an allocation, except where the
// runtime provably computes into a temporary operand (nd/operators.hpp): an operator
// whose left operand is an operation of its type that the other operand broadcasts to,
// or whose only array operand is such an operation behind a scalar.
unsigned MapRewriter::allocationBound(const Expr *E, std::set<int> &Axes,
                                      bool &FreshOperation) const {
  FreshOperation = false;
  Axes = axesOf(E);
  std::optional<Operation> Op = readsArray(E) ? operationOf(E, Context) : std::nullopt;
  if (!Op)
    return 0;
  unsigned Total = 1;
  std::vector<std::set<int>> OperandAxes(Op->Operands.size());
  std::vector<model::ElisionOperand> Facts(Op->Operands.size());
  for (size_t I = 0; I < Op->Operands.size(); ++I) {
    bool Fresh = false;
    Total += allocationBound(Op->Operands[I], OperandAxes[I], Fresh);
    // An operand that reads an array may translate to an unnamed view: a temporary,
    // but not reusable; only an operation's result is a buffer of its own.
    Facts[I] = {readsArray(Op->Operands[I]), Fresh,
                sameType(Op->Operands[I]->getType(), E->getType())};
  }
  // The temporary has the shape of the axes it varies along; an operand varying along
  // fewer of them broadcasts to it.
  auto Fits = [&](unsigned T, unsigned O) {
    return std::includes(OperandAxes[T].begin(), OperandAxes[T].end(), OperandAxes[O].begin(),
                         OperandAxes[O].end())
               ? model::Elision::Always
               : model::Elision::Maybe;
  };
  bool Elided = model::elisionRule(Op->Ufunc, Op->IsOperator, E->getType()->isBooleanType(), Facts,
                                   Fits) == model::Elision::Always;
  FreshOperation = true;
  return Total - (Elided ? 1 : 0);
}

std::optional<MapRewrite> MapRewriter::outForms() {
  const VarDecl *Dest = L.Dest;
  QualType Element;
  if (!utils::isNdArray(Dest->getType(), &Element) || !sameType(Element, L.Value->getType()) ||
      !Dest->hasLocalStorage() || Dest->getType()->isReferenceType() ||
      model::partialResultVisibleFrom(L.Loop, *Dest, Context))
    return std::nullopt;
  // A later step must not read what an earlier one wrote (the destination, or when
  // other handles may share its buffer, any array).
  auto UnsafeLater = [&](const Expr *Operand) {
    for (const ElementAccess &Read : *L.Reads)
      if (Read.Array == Dest &&
          Operand->getSourceRange().fullyContains(Read.Call->getSourceRange()))
        return true;
    return !L.DestPrivate && readsArray(Operand);
  };
  auto ReadsArray = [&](const Expr *E) { return readsArray(E); };
  OutFormWriter Writer(ReadsArray, Translator);
  std::string Out = L.DestView.empty() ? Dest->getNameAsString() : L.DestView;
  std::optional<std::vector<std::string>> Steps = Writer.steps(L.Value, Out, UnsafeLater);
  if (!Steps)
    return std::nullopt;
  const SourceManager &SM = Context.getSourceManager();
  // Several statements where one stood: braces unless the loop is a statement of a block.
  // A loop pragma makes the loop the child of an AttributedStmt.
  DynTypedNodeList Parents = Context.getParents(*L.Loop);
  while (!Parents.empty() && Parents[0].get<AttributedStmt>())
    Parents = Context.getParents(Parents[0]);
  bool Braces = Steps->size() > 1 && (Parents.empty() || !Parents[0].get<CompoundStmt>());
  std::string Separator =
      Braces ? std::string("; ")
             : ";\n" + Lexer::getIndentationForLine(L.Loop->getBeginLoc(), SM).str();
  std::string Text = llvm::join(*Steps, Separator);
  return MapRewrite{loopRange(L.Loop, Context), Braces ? "{ " + Text + "; }" : Text + ";"};
}

// Whether Dest is declared right before the loop, alone, with a fresh buffer that the
// loop then overwrites completely: the declaration can take the value instead.
bool MapRewriter::destinationFilledFresh(const DeclStmt *&Decl) const {
  Decl = dyn_cast_or_null<DeclStmt>(previousStatement(L.Loop, Context));
  const VarDecl *Dest = L.Dest;
  if (!Decl || !Decl->isSingleDecl() || Decl->getSingleDecl() != Dest ||
      Decl->getBeginLoc().isMacroID() || !Dest->getInit() ||
      Dest->getInitStyle() != VarDecl::CInit || Dest->getType()->isReferenceType() ||
      !model::createsFreshBuffer(Dest->getInit()))
    return false;
  // Only whitespace between them: a comment there would be lost.
  const SourceManager &SM = Context.getSourceManager();
  CharSourceRange Gap =
      CharSourceRange::getCharRange(Decl->getEndLoc().getLocWithOffset(1), L.Loop->getBeginLoc());
  return Lexer::getSourceText(Gap, SM, Context.getLangOpts()).trim().empty();
}

std::optional<MapRewrite> MapRewriter::declaration(const std::string &Broadcast, bool Fused) {
  const DeclStmt *Decl = nullptr;
  QualType Element;
  if (!L.DestView.empty() || !destinationFilledFresh(Decl) ||
      !utils::isNdArray(L.Dest->getType(), &Element) || !sameType(Element, L.Value->getType()))
    return std::nullopt;
  // The value must have the destination's shape: some operand read at the
  // destination's own indices is an array of the destination's shape.
  model::Shape DestShape = model::shapeOf(L.Dest->getInit(), Context);
  bool ShapeProven = false;
  for (const ElementAccess &Read : *L.Reads) {
    if (Read.Array == L.Dest)
      return std::nullopt; // the declaration cannot read itself
    std::vector<int> Levels;
    for (const Expr *Index : Read.Indices)
      Levels.push_back(levelOf(L, Index));
    ShapeProven |= Levels == L.DestLevels &&
                   model::sameShape(model::shapeOf(Read.Call->getArg(0), Context), DestShape);
  }
  std::set<int> Axes;
  bool Fresh = false;
  if (!ShapeProven || (!Fused && allocationBound(L.Value, Axes, Fresh) > 1))
    return std::nullopt;
  CharSourceRange Loop = loopRange(L.Loop, Context);
  SourceLocation End =
      Loop.isTokenRange() ? Lexer::getLocForEndOfToken(Loop.getEnd(), 0, Context.getSourceManager(),
                                                       Context.getLangOpts())
                          : Loop.getEnd();
  return MapRewrite{CharSourceRange::getCharRange(L.Dest->getInit()->getBeginLoc(), End),
                    Broadcast + ";"};
}

std::optional<std::string> MapRewriter::fusedValue() {
  QualType Element;
  if (!utils::isNdArray(L.Dest->getType(), &Element) || !sameType(Element, L.Value->getType()))
    return std::nullopt;
  return fusedOver(L.DestLevels.size(), 0);
}

std::optional<std::string> MapRewriter::fusedSummand() {
  return fusedOver(L.LoopVars.size(), /*Consumer=*/1);
}

std::optional<std::string> MapRewriter::fusedOver(size_t Axes, unsigned Consumer) {
  // Every operation varies along every output axis: each has the result's shape.
  std::set<int> All;
  for (size_t A = 0; A < Axes; ++A)
    All.insert(static_cast<int>(A));
  if (axesOf(L.Value) != All)
    return std::nullopt;
  auto ReadsArray = [&](const Expr *E) { return readsArray(E); };
  auto IsLeaf = [&](const Expr *E) {
    return matchElementAccess(bare(E)).has_value() || statisticOf(L, E);
  };
  auto ResultShape = [&](const Expr *E) { return axesOf(E) == All; };
  auto Resolve = [](const Expr *) -> const Expr * { return nullptr; };
  FusedWriter Writer({ReadsArray, IsLeaf, ResultShape, Resolve}, Translator);
  return Writer.expression(L.Value, Consumer);
}

} // namespace

MapRewrite chooseMapRewrite(const MapLoop &Loop, const std::string &Broadcast,
                            LoopBodyTranslator &Translator, ASTContext &Context) {
  MapRewriter Rewriter(Loop, Translator, Context);
  std::string Dest = Loop.DestView.empty() ? Loop.Dest->getNameAsString() : Loop.DestView;
  // A chain that nd-chained-temporaries would fuse is written fused: one pass.
  if (std::optional<std::string> Fused = Rewriter.fusedValue()) {
    if (std::optional<MapRewrite> Declaration =
            Rewriter.declaration("nd::eval(" + *Fused + ")", true))
      return *Declaration;
    return {loopRange(Loop.Loop, Context), "nd::eval(" + *Fused + ", " + Dest + ");"};
  }
  if (std::optional<MapRewrite> Declaration = Rewriter.declaration(Broadcast, false))
    return *Declaration;
  if (std::optional<MapRewrite> OutForms = Rewriter.outForms())
    return *OutForms;
  return {loopRange(Loop.Loop, Context), "nd::copyto(" + Dest + ", " + Broadcast + ");"};
}

std::optional<std::string> fusedSumOperand(const MapLoop &Loop, LoopBodyTranslator &Translator,
                                           ASTContext &Context) {
  return MapRewriter(Loop, Translator, Context).fusedSummand();
}

} // namespace clang::tidy::nd_checks
