#include "ChainedTemporariesCheck.h"
#include "ArrayExprUtils.h"
#include "ArrayHandleUses.h"
#include "UnevaluatedContext.h"
#include "UserCodeMatcher.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::nd_checks {

using namespace array_expr;

namespace {

AST_MATCHER(FunctionDecl, isInNd) { return isInNdNamespace(&Node); }

// The tree of eager operations under one root expression.
struct OpTree {
  struct Node {
    EagerOp Op;
    llvm::SmallVector<int, 3> ChildOf;  // per operand: the index of its Node, or -1
  };
  llvm::SmallVector<Node, 4> Nodes;   // Nodes[0] is the root
  llvm::SmallVector<const Expr *, 6> Leaves;  // operands that are not eager operations

  int add(const EagerOp &Op) {
    int Index = Nodes.size();
    Nodes.push_back({Op, {}});
    for (const Expr *Operand : Op.Operands) {
      int Child = -1;
      if (std::optional<EagerOp> Sub = matchEagerOp(Operand))
        Child = add(*Sub);
      else
        Leaves.push_back(Operand);
      Nodes[Index].ChildOf.push_back(Child);
    }
    return Index;
  }

  // The operations that can share one buffer of the result's element type, innermost
  // first: from the root, repeatedly the first operand that is an operation of the
  // same element type. Other operand expressions stay as they are written.
  llvm::SmallVector<int, 4> spine() const {
    llvm::SmallVector<int, 4> Path{0};
    for (;;) {
      const Node &N = Nodes[Path.back()];
      int Next = -1;
      for (int Child : N.ChildOf)
        if (Child >= 0 && Nodes[Child].Op.Element == Nodes[0].Op.Element) {
          Next = Child;
          break;
        }
      if (Next < 0)
        break;
      Path.push_back(Next);
    }
    std::reverse(Path.begin(), Path.end());
    return Path;
  }
};

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

std::string textOf(const Expr *E, const ASTContext &Ctx) {
  return Lexer::getSourceText(CharSourceRange::getTokenRange(E->getSourceRange()),
                              Ctx.getSourceManager(), Ctx.getLangOpts())
      .str();
}

bool inMacro(SourceRange R) { return R.getBegin().isMacroID() || R.getEnd().isMacroID(); }

// Leading whitespace of the line S starts on, to indent inserted statements alike.
std::string indentationOf(SourceLocation Loc, const SourceManager &SM) {
  std::pair<FileID, unsigned> Pos = SM.getDecomposedLoc(Loc);
  StringRef Buffer = SM.getBufferData(Pos.first);
  size_t LineStart = Buffer.rfind('\n', Pos.second == 0 ? 0 : Pos.second - 1);
  LineStart = LineStart == StringRef::npos ? 0 : LineStart + 1;
  StringRef Line = Buffer.substr(LineStart, Pos.second - LineStart);
  return Line.take_while([](char C) { return C == ' ' || C == '\t'; }).str();
}

// The location just after the ';' that ends the statement whose last token is at End.
std::optional<SourceLocation> afterSemicolon(SourceLocation End, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  Token Tok;
  SourceLocation Loc = Lexer::getLocForEndOfToken(End, 0, SM, Ctx.getLangOpts());
  if (Loc.isInvalid())
    return std::nullopt;
  // Skip whitespace and comments up to the semicolon.
  for (;;) {
    if (Lexer::getRawToken(Loc, Tok, SM, Ctx.getLangOpts(), /*IgnoreWhiteSpace=*/true))
      return std::nullopt;
    if (Tok.is(tok::comment)) {
      Loc = Tok.getEndLoc();
      continue;
    }
    if (!Tok.is(tok::semi))
      return std::nullopt;
    return Tok.getEndLoc();
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

// Why a handler or a lambda could see `Target` between two operations of the rewrite
// (an exception thrown after `Target` was rebound), or empty when nothing can.
std::optional<std::string> partialResultVisibleFrom(const Stmt *S, const VarDecl &Target,
                                                    ASTContext &Ctx) {
  // The statements that enclose the declaration of Target: reaching one of them from S
  // without crossing a try block or a lambda means only Target's own scope is left.
  llvm::SmallPtrSet<const void *, 16> DeclScopes;
  DynTypedNode Node = DynTypedNode::create(Target);
  for (;;) {
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty())
      break;
    Node = Parents[0];
    DeclScopes.insert(Node.getMemoizationData());
    if (Node.get<FunctionDecl>())
      break;
  }
  Node = DynTypedNode::create(*S);
  for (;;) {
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return std::string("its declaration is out of reach");
    Node = Parents[0];
    if (DeclScopes.contains(Node.getMemoizationData()))
      return std::nullopt;
    if (Node.get<CXXTryStmt>())
      return std::string("a handler of the enclosing try block could see it");
    if (Node.get<LambdaExpr>() || Node.get<BlockExpr>() || Node.get<FunctionDecl>())
      return std::string("it is declared outside the enclosing lambda");
  }
}

// The creation call that makes `V` when it is a copy of the shape of another array
// (empty_like and friends), and that array.
const VarDecl *likeSourceOf(const VarDecl &V) {
  const auto *Call = dyn_cast_or_null<CallExpr>(skipImplicit(V.getInit()));
  if (!Call || Call->getNumArgs() < 1)
    return nullptr;
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || !isInNdNamespace(Callee) || !Callee->getDeclName().isIdentifier() ||
      !llvm::is_contained({"empty_like", "zeros_like", "ones_like", "full_like"}, Callee->getName()))
    return nullptr;
  return referencedVar(Call->getArg(0));
}

// The number of elements of the array E, when the program fixes it at compile time.
std::optional<int64_t> knownSize(const Expr *E, ASTContext &Ctx, int Depth = 0);

std::optional<int64_t> initializerListSize(const Expr *E, ASTContext &Ctx) {
  const auto *List = dyn_cast_or_null<InitListExpr>(skipImplicit(E));
  if (!List) {
    if (const auto *Std = dyn_cast_or_null<CXXStdInitializerListExpr>(skipImplicit(E)))
      return initializerListSize(Std->getSubExpr(), Ctx);
    return std::nullopt;
  }
  if (List->getNumInits() == 0)
    return 0;
  std::optional<int64_t> Inner = 1;
  if (isa<InitListExpr, CXXStdInitializerListExpr>(skipImplicit(List->getInit(0))))
    Inner = initializerListSize(List->getInit(0), Ctx);
  if (!Inner)
    return std::nullopt;
  return *Inner * List->getNumInits();
}

// The element count of a constant shape argument: `5`, `{3, 4}`, `nd::shape_t{3, 4}`.
std::optional<int64_t> constantShapeSize(const Expr *E, ASTContext &Ctx) {
  E = skipImplicit(E);
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E); Construct && Construct->getNumArgs() == 1)
    E = skipImplicit(Construct->getArg(0));
  if (const auto *Std = dyn_cast<CXXStdInitializerListExpr>(E))
    E = skipImplicit(Std->getSubExpr());
  if (const auto *List = dyn_cast<InitListExpr>(E)) {
    int64_t Product = 1;
    for (const Expr *Init : List->inits()) {
      std::optional<llvm::APSInt> Extent = Init->getIntegerConstantExpr(Ctx);
      if (!Extent)
        return std::nullopt;
      Product *= Extent->getExtValue();
    }
    return Product;
  }
  if (std::optional<llvm::APSInt> Extent = E->getIntegerConstantExpr(Ctx))
    return Extent->getExtValue();
  return std::nullopt;
}

std::optional<int64_t> knownSize(const Expr *E, ASTContext &Ctx, int Depth) {
  const VarDecl *V = referencedVar(E);
  if (!V || Depth > 8 || !V->getInit() || mayBeRebound(*V, Ctx))
    return std::nullopt;
  const Expr *Init = skipImplicit(V->getInit());
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Init)) {
    if (Construct->getNumArgs() == 1)
      return initializerListSize(Construct->getArg(0), Ctx);
    return std::nullopt;
  }
  const auto *Call = dyn_cast<CallExpr>(Init);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee || !isInNdNamespace(Callee) || !Callee->getDeclName().isIdentifier() || Call->getNumArgs() < 1)
    return std::nullopt;
  StringRef Name = Callee->getName();
  if (llvm::is_contained({"empty", "zeros", "ones", "full"}, Name))
    return constantShapeSize(Call->getArg(0), Ctx);
  if (llvm::is_contained({"empty_like", "zeros_like", "ones_like", "full_like"}, Name))
    return knownSize(Call->getArg(0), Ctx, Depth + 1);
  return std::nullopt;
}

// Builds the statements of the rewrite.
class Rewriter {
public:
  Rewriter(const OpTree &Tree, llvm::ArrayRef<int> Spine, ASTContext &Ctx)
      : Tree(Tree), Spine(Spine), Ctx(Ctx) {}

  // `nd::<ufunc>(operands)` for Spine[Step], with the previous step's result read
  // from Out, and Out appended as the `out` argument when WithOut.
  std::string call(size_t Step, StringRef Out, bool WithOut) const {
    const OpTree::Node &N = Tree.Nodes[Spine[Step]];
    llvm::SmallVector<std::string, 4> Args;
    for (size_t I = 0; I < N.Op.Operands.size(); ++I)
      Args.push_back(Step > 0 && N.ChildOf[I] == Spine[Step - 1] ? Out.str()
                                                                  : textOf(N.Op.Operands[I], Ctx));
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
  bool isArrayOperand(const OpTree::Node &N, size_t I) const {
    return N.ChildOf[I] >= 0 || isNdArray(N.Op.Operands[I]->getType());
  }

  const OpTree &Tree;
  llvm::ArrayRef<int> Spine;
  ASTContext &Ctx;
};

// Identifies an array operand: its variable, or its spelling.
std::string arrayKey(const Expr *Leaf, const ASTContext &Ctx) {
  if (const VarDecl *V = referencedVar(Leaf))
    return "var:" + std::to_string(reinterpret_cast<uintptr_t>(V));
  return "text:" + textOf(Leaf, Ctx);
}

// The operands of node Index and of the operations below it that are not operations.
void leavesUnder(const OpTree &Tree, int Index, llvm::SmallVectorImpl<const Expr *> &Out) {
  const OpTree::Node &N = Tree.Nodes[Index];
  for (size_t I = 0; I < N.Op.Operands.size(); ++I) {
    if (N.ChildOf[I] >= 0)
      leavesUnder(Tree, N.ChildOf[I], Out);
    else
      Out.push_back(N.Op.Operands[I]);
  }
}

// The distinct array operands among Leaves, by variable (or by spelling).
llvm::SmallVector<const Expr *, 4> distinctArrays(llvm::ArrayRef<const Expr *> Leaves, const ASTContext &Ctx) {
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
           textOf(Arrays[0], Ctx) + ")";
  }
  llvm::SmallVector<std::string, 4> Shapes;
  for (const Expr *A : Arrays)
    Shapes.push_back(textOf(A, Ctx) + ".shape()");
  return "nd::empty<" + Spelled + ">(nd::broadcast_shapes(" + llvm::join(Shapes, ", ") + "))";
}

// Whether the variable V is named anywhere inside E.
bool mentions(const Expr *E, const VarDecl *V, ASTContext &Ctx) {
  return !match(findAll(declRefExpr(to(varDecl(equalsNode(V))))), *E, Ctx).empty();
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

// The array whose shape V provably always has: V itself, or, when V was made by a
// *_like of another array, that array's (recursively). Null when V or an array on the
// way may be rebound anywhere in the function.
const VarDecl *shapeRoot(const VarDecl *V, ASTContext &Ctx) {
  for (int Depth = 0; V && Depth < 16; ++Depth) {
    if (mayBeRebound(*V, Ctx))
      return nullptr;
    const VarDecl *Source = likeSourceOf(*V);
    if (!Source)
      return V;
    V = Source;
  }
  return nullptr;
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
      Why = "operand '" + textOf(A, Ctx) + "' is not a local variable or a parameter, so its shape "
            "may differ between iterations";
      return nullptr;
    }
    Vars.push_back(V);
  }
  // Several arrays: their broadcast shape must provably exist, so that allocating it
  // before the loop cannot throw where the original would not (yet).
  bool ShapesShared = Vars.size() > 1;
  if (ShapesShared) {
    const VarDecl *Root = shapeRoot(Vars[0], Ctx);
    for (const VarDecl *V : Vars)
      if (!Root || shapeRoot(V, Ctx) != Root) {
        Why = "the shapes of '" + Vars[0]->getName().str() + "' and '" +
              (V == Vars[0] ? Vars[1] : V)->getName().str() +
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
        // Shared shapes were proven for the whole function already.
        bool Rebound = !ShapesShared && (V->getType()->isReferenceType() ? mayRebindOtherHandles(*L, Ctx)
                                                                          : mayBeReboundIn(*V, *L, Ctx));
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
      if (placementOf(L, Ctx) == Placement::Block && !inMacro(L->getSourceRange()))
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
    if (II.hasMacroDefinition() || !Ctx.getTranslationUnitDecl()->lookup(DeclarationName(&II)).empty())
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
      SmallArraySize(Options.get("SmallArraySize", 0u)) {}

void ChainedTemporariesCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "MinOperations", MinOperations);
  Options.store(Opts, "OnlyInLoops", OnlyInLoops);
  Options.store(Opts, "SmallArraySize", SmallArraySize);
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

void ChainedTemporariesCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  const SourceManager &SM = Ctx.getSourceManager();
  const auto *Root = Result.Nodes.getNodeAs<Expr>("call");
  bool Instantiated = false;
  if (!Root) {
    Root = Result.Nodes.getNodeAs<Expr>("instantiated");
    Instantiated = true;
  }

  std::optional<EagerOp> RootOp = matchEagerOp(Root);
  if (!RootOp || RootOp->Call != Root)
    return;

  // Only the outermost operation of a chain is reported.
  const Expr *Child = Root;
  DynTypedNode Parent = explicitParent(Child, Ctx);
  if (const auto *ParentExpr = Parent.get<Expr>())
    if (std::optional<EagerOp> ParentOp = matchEagerOp(ParentExpr);
        ParentOp && ParentOp->Call == ParentExpr)
      return;

  // `y += a * b`: the in-place operation allocates nothing but counts as a step.
  const auto *Compound = Parent.get<CXXOperatorCallExpr>();
  if (Compound && !(Compound->getNumArgs() == 2 && Compound->getArg(1) == Child &&
                    isNdArray(Compound->getArg(0)->getType()) &&
                    llvm::is_contained({OO_PlusEqual, OO_MinusEqual, OO_StarEqual, OO_SlashEqual},
                                       Compound->getOperator())))
    Compound = nullptr;

  OpTree Tree;
  Tree.add(*RootOp);
  unsigned Allocations = Tree.Nodes.size();
  unsigned Operations = Allocations + (Compound ? 1 : 0);
  if (Operations < MinOperations)
    return;
  bool InLoop = isInLoopBody(Root, Ctx);
  if (OnlyInLoops && !InLoop)
    return;
  if (SmallArraySize > 0) {
    bool AllSmall = true;
    bool AnyArray = false;
    for (const Expr *Leaf : Tree.Leaves) {
      if (!isNdArray(Leaf->getType()))
        continue;
      AnyArray = true;
      std::optional<int64_t> Size = knownSize(Leaf, Ctx);
      if (!Size || *Size > static_cast<int64_t>(SmallArraySize))
        AllSmall = false;
    }
    if (AnyArray && AllSmall)
      return;
  }
  if (!Reported.insert(SM.getFileLoc(Root->getBeginLoc())).second)
    return;

  llvm::SmallVector<int, 4> Spine = Tree.spine();
  const EagerOp &First = Tree.Nodes[Spine.front()].Op;
  auto Diag = [&] {
    if (Compound)
      return diag(Compound->getOperatorLoc(),
                  "compound assignment computes its right-hand side into %0 new "
                  "array%s0%select{| in every loop iteration}1 before updating '%2' in place; "
                  "compute the right-hand side with the out forms, as in 'nd::%3(..., out)', "
                  "into a buffer allocated once")
             << Allocations << InLoop << textOf(Compound->getArg(0), Ctx) << First.Ufunc;
    return diag(Root->getBeginLoc(),
                "chained array expression allocates %0 arrays%select{| in every loop iteration}1, "
                "%2 of them %plural{1:a temporary|:temporaries}2; compute it into one buffer with "
                "the out forms, as in 'nd::%3(..., out)'")
           << Allocations << InLoop << (Allocations - 1) << First.Ufunc;
  };
  auto NoFix = [&](StringRef Why) {
    Diag();
    diag(Root->getBeginLoc(), "no fix-it: %0", DiagnosticIDs::Note) << Why;
  };

  // ---- why no rewrite could keep behaviour --------------------------------------
  if (Instantiated)
    return NoFix("the expression is in a template instantiation; its element types depend on "
                 "the template arguments");
  const Expr *Statement = nullptr;
  for (const Expr *Leaf : Tree.Leaves) {
    if (inMacro(Leaf->getSourceRange()))
      return NoFix("the expression is inside a macro expansion");
    if (!isSideEffectFree(Leaf))
      return NoFix(("operand '" + textOf(Leaf, Ctx) +
                    "' may have side effects, and the out forms evaluate the operands in a "
                    "different order")
                       .c_str());
    QualType LeafType = Leaf->getType().getNonReferenceType();
    if (!isNdArray(LeafType) && !LeafType->isArithmeticType())
      return NoFix(("operand '" + textOf(Leaf, Ctx) + "' is neither an array nor a number").c_str());
  }
  for (const OpTree::Node &N : Tree.Nodes)
    if (inMacro(N.Op.Call->getSourceRange()))
      return NoFix("the expression is inside a macro expansion");

  Rewriter Rewrite(Tree, Spine, Ctx);

  // ---- 3. a compound assignment: the right-hand side into one buffer -----------
  // `y += a * b` computes t = a * b, then y + t in place. The rewrite keeps both steps
  // and their order: the out forms compute t into a buffer, then `y += buffer`.
  if (Compound) {
    // The full expression: the compound assignment of a view temporary returns an
    // array by value, wrapped in temporaries.
    const Expr *Full = Compound;
    explicitParent(Full, Ctx);
    if (inMacro(Compound->getSourceRange()))
      return NoFix("the compound assignment is inside a macro expansion");
    Placement Where = placementOf(Full, Ctx);
    if (Where == Placement::None)
      return NoFix("the compound assignment is not a statement of its own in a block or a loop "
                   "body, where the statements computing its right-hand side could go");
    std::optional<SourceLocation> End = afterSemicolon(Full->getEndLoc(), Ctx);
    if (!End)
      return NoFix("the end of the compound assignment could not be found");
    llvm::SmallVector<const Expr *, 4> Arrays = distinctArrays(Tree.Leaves, Ctx);
    if (Arrays.empty())
      return NoFix("no operand is an array");
    std::string TargetText = textOf(Compound->getArg(0), Ctx);
    // In a loop whose operand shapes stay the same: one buffer before the loop.
    std::string HoistWhy;
    const Stmt *Loop = InLoop ? hoistLoop(Full, Arrays, Ctx, HoistWhy) : nullptr;
    if (!Loop && Spine.size() < 2) {
      if (!InLoop)
        return NoFix(("the right-hand side is a single operation, and its result needs a buffer "
                      "of its own because '" + TargetText +
                      "' is still an operand of the update; outside a loop there is no earlier "
                      "place to allocate that buffer once")
                         .c_str());
      return NoFix(("the buffer for the right-hand side cannot be allocated once before the "
                    "loop: " + HoistWhy)
                       .c_str());
    }
    const VarDecl *TargetVar = referencedVar(Compound->getArg(0));
    std::string Name =
        freshName(TargetVar ? (TargetVar->getName() + "_rhs").str() : std::string("rhs"), *Full, Ctx);
    bool Braces = Where == Placement::NeedsBraces;
    std::string Separator = Braces ? " " : "\n" + indentationOf(Full->getBeginLoc(), SM);
    std::string Steps = Braces ? "{ " : "";
    size_t FirstOut = 0;
    if (Loop) {
      // nd::array<T> y_rhs = <buffer>;  before the loop.
      std::string Declaration = "nd::array<" + elementTypeSpelling(RootOp->Element, Ctx) + "> " +
                                Name + " = " + freshBuffer(Arrays, RootOp->Element, Ctx) + ";\n" +
                                indentationOf(Loop->getBeginLoc(), SM);
      auto D = Diag();
      D << FixItHint::CreateInsertion(Loop->getBeginLoc(), Declaration);
      for (size_t Step = 0; Step < Spine.size(); ++Step)
        Steps += Rewrite.call(Step, Name, /*WithOut=*/true) + ";" + Separator;
      D << FixItHint::CreateInsertion(Full->getBeginLoc(), Steps)
        << FixItHint::CreateReplacement(Compound->getArg(1)->getSourceRange(), Name);
      if (Braces)
        D << FixItHint::CreateInsertion(*End, " }");
      return;
    }
    // Otherwise one buffer for the whole right-hand side, made by its first operation
    // when that reads every array operand (so it has the final shape), else fresh.
    llvm::SmallVector<const Expr *, 6> FirstLeaves;
    leavesUnder(Tree, Spine.front(), FirstLeaves);
    if (distinctArrays(FirstLeaves, Ctx).size() == Arrays.size()) {
      Steps += "auto " + Name + " = " + Rewrite.call(0, Name, /*WithOut=*/false) + ";" + Separator;
      FirstOut = 1;
    } else {
      Steps += "auto " + Name + " = " + freshBuffer(Arrays, RootOp->Element, Ctx) + ";" + Separator;
    }
    for (size_t Step = FirstOut; Step < Spine.size(); ++Step)
      Steps += Rewrite.call(Step, Name, /*WithOut=*/true) + ";" + Separator;
    auto D = Diag();
    D << FixItHint::CreateInsertion(Full->getBeginLoc(), Steps)
      << FixItHint::CreateReplacement(Compound->getArg(1)->getSourceRange(), Name);
    if (Braces)
      D << FixItHint::CreateInsertion(*End, " }");
    return;
  }

  if (Spine.size() < 2) {
    Diag();
    const OpTree::Node &R = Tree.Nodes[0];
    for (int C : R.ChildOf)
      if (C >= 0) {
        diag(Tree.Nodes[C].Op.Call->getBeginLoc(),
             "no fix-it: this intermediate has element type %0 and the result %1; computing it "
             "in the result's buffer would convert it and change its rounding",
             DiagnosticIDs::Note)
            << Tree.Nodes[C].Op.Element << RootOp->Element;
        break;
      }
    return;
  }

  const VarDecl *Declared = Parent.get<VarDecl>();
  const auto *Assign = Parent.get<CXXOperatorCallExpr>();
  if (Assign && !(Assign->getOperator() == OO_Equal && Assign->getNumArgs() == 2 &&
                  Assign->getArg(1) == Child && isNdArray(Assign->getArg(0)->getType())))
    Assign = nullptr;

  // ---- 1. a declaration: compute into the new variable --------------------------
  if (Declared) {
    QualType VT = Declared->getType();
    const auto *DS = [&]() -> const DeclStmt * {
      DynTypedNodeList Parents = Ctx.getParents(*Declared);
      return Parents.empty() ? nullptr : Parents[0].get<DeclStmt>();
    }();
    if (VT->isReferenceType() || VT.isConstQualified() || !isNdArray(VT))
      return NoFix("the variable is const or a reference; the out forms need a writable array");
    if (Declared->getInitStyle() != VarDecl::CInit || !DS || !DS->isSingleDecl() ||
        !isBlockStatement(DS, Ctx))
      return NoFix("the declaration is not a statement of its own of the form 'T y = ...;'");
    if (inMacro(DS->getSourceRange()))
      return NoFix("the declaration is inside a macro expansion");
    std::optional<SourceLocation> End = afterSemicolon(Declared->getInit()->getEndLoc(), Ctx);
    if (!End)
      return NoFix("the end of the declaration could not be found");

    llvm::SmallVector<const Expr *, 4> Arrays = distinctArrays(Tree.Leaves, Ctx);
    if (Arrays.empty())
      return NoFix("no operand is an array");
    std::string Create = freshBuffer(Arrays, RootOp->Element, Ctx);
    std::string Name = Declared->getName().str();
    Diag() << FixItHint::CreateReplacement(Declared->getInit()->getSourceRange(), Create)
           << FixItHint::CreateInsertion(
                  *End, Rewrite.followingStatements(0, Name, indentationOf(DS->getBeginLoc(), SM)));
    return;
  }

  // ---- 2. an assignment: write into the target, or rebind it once --------------
  if (Assign) {
    const Stmt *Full = fullStatement(Assign, Ctx);
    const VarDecl *Target = referencedVar(Assign->getArg(0));
    if (!Target)
      return NoFix("the target is not a variable");
    if (!isBlockStatement(Full, Ctx))
      return NoFix("the assignment is not a statement of its own");
    if (inMacro(Assign->getSourceRange()))
      return NoFix("the assignment is inside a macro expansion");
    if (!Target->hasLocalStorage() || Target->getType()->isReferenceType())
      return NoFix(("'" + Target->getName().str() +
                    "' is not a local array, so others may see it between the operations")
                       .c_str());
    for (size_t Step = 1; Step < Spine.size(); ++Step) {
      const OpTree::Node &N = Tree.Nodes[Spine[Step]];
      for (size_t I = 0; I < N.Op.Operands.size(); ++I)
        if (N.ChildOf[I] != Spine[Step - 1] && mentions(N.Op.Operands[I], Target, Ctx))
          return NoFix(("'" + Target->getName().str() +
                        "' is read by a later operation, after the rewrite would have "
                        "overwritten it")
                           .c_str());
    }
    if (std::optional<std::string> Why = partialResultVisibleFrom(Full, *Target, Ctx))
      return NoFix(("if an operation throws, '" + Target->getName().str() +
                    "' would hold a partial result and " + *Why)
                       .c_str());
    std::optional<SourceLocation> End = afterSemicolon(Assign->getEndLoc(), Ctx);
    if (!End)
      return NoFix("the end of the assignment could not be found");

    std::string Name = Target->getName().str();
    std::string Indent = indentationOf(Full->getBeginLoc(), SM);
    // Writing into the old buffer is safe when no one else sees it and it already has
    // the result's shape: made by *_like(x) where x (and y itself) are the only array
    // operands, and neither handle is ever rebound.
    llvm::SmallVector<const Expr *, 4> Arrays = distinctArrays(Tree.Leaves, Ctx);
    const VarDecl *ShapeSource = likeSourceOf(*Target);
    bool WriteInPlace = ShapeSource && ShapeSource != Target &&
                        llvm::all_of(Arrays,
                                     [&](const Expr *A) {
                                       // y itself has x's shape, so it does not widen the result.
                                       const VarDecl *V = referencedVar(A);
                                       return V == ShapeSource || V == Target;
                                     }) &&
                        !mayBeRebound(*ShapeSource, Ctx) && !bufferMayEscape(*Target, Assign, Ctx);
    if (WriteInPlace) {
      Diag() << FixItHint::CreateReplacement(Assign->getSourceRange(), Rewrite.call(0, Name, true))
             << FixItHint::CreateInsertion(*End, Rewrite.followingStatements(1, Name, Indent));
      return;
    }
    // Rebinding y to the first operation's result is right when that result already
    // has the final shape: the first operation reads every array operand there is.
    llvm::SmallVector<const Expr *, 6> FirstLeaves;
    leavesUnder(Tree, Spine.front(), FirstLeaves);
    if (distinctArrays(FirstLeaves, Ctx).size() == Arrays.size()) {
      Diag() << FixItHint::CreateReplacement(Assign->getArg(1)->getSourceRange(),
                                             Rewrite.call(0, Name, false))
             << FixItHint::CreateInsertion(*End, Rewrite.followingStatements(1, Name, Indent));
      return;
    }
    // Otherwise a later operand widens the result by broadcasting: rebind y to a fresh
    // buffer of the final shape first, which is only right when y is no operand.
    if (mentions(Assign->getArg(1), Target, Ctx))
      return NoFix(("a later operand broadcasts the result to a larger shape, so '" + Name +
                    "' would need a fresh buffer before the operations that read it")
                       .c_str());
    Diag() << FixItHint::CreateReplacement(Assign->getArg(1)->getSourceRange(),
                                           freshBuffer(Arrays, RootOp->Element, Ctx))
           << FixItHint::CreateInsertion(*End, Rewrite.followingStatements(0, Name, Indent));
    return;
  }

  // ---- 3. anything else: a condition, an argument, a return value ---------------
  NoFix("the expression is not the initializer of a declaration or the right-hand side of an "
        "assignment statement; give the result a name to compute it with the out forms");
}

} // namespace clang::tidy::nd_checks
