#include "ElementwiseLoopCheck.h"

#include "model/EagerOps.h"
#include "utils/LexerUtils.h"

#include "BestForm.h"
#include "ClangCompat.h"
#include "LoopArrayAccess.h"
#include "LoopBody.h"
#include "LoopBodyTranslator.h"
#include "LoopMapForm.h"
#include "LoopDirectives.h"
#include "LoopNest.h"
#include "NestAnalysis.h"
#include "RangedMapLoop.h"
#include "ShiftedAccess.h"
#include "TemplateInstantiations.h"
#include "TransformCall.h"
#include "utils/UserCodeMatcher.h"
#include "VectorizeFunction.h"
#include "VectorizeLambda.h"
#include "model/ArrayShapes.h"
#include "model/HandleBuffers.h"
#include "model/HandleRebinding.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"
#include "clang/Lex/Lexer.h"
#include "clang/Tooling/FixIt.h"
#include "llvm/ADT/StringExtras.h"
#include <numeric>

using namespace clang::ast_matchers;

namespace clang::tidy::nd_checks {

using tooling::fixit::getText;

using model::initialisedWithShapeOf;
using model::isContiguousLocal;
using model::ownsPrivateBuffer;
using model::provablySameShape;

ElementwiseLoopCheck::ElementwiseLoopCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), MinLoopDepth(Options.get("MinLoopDepth", 1U)),
      FixInHeaders(Options.get("FixInHeaders", false)) {}

void ElementwiseLoopCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "MinLoopDepth", MinLoopDepth);
  Options.store(Opts, "FixInHeaders", FixInHeaders);
}

void ElementwiseLoopCheck::registerMatchers(MatchFinder *Finder) {
  // User code first (cheap, cached per file), the ancestor walks last: see
  // UserCodeMatcher.h.
  auto UserCode = isInUserCode();
  auto Loop = [&](auto Kind) {
    return Kind(UserCode, unless(isInTemplateInstantiation()), forCallable(decl().bind("scope")))
        .bind("loop");
  };
  Finder->addMatcher(Loop(forStmt), this);
  Finder->addMatcher(Loop(cxxForRangeStmt), this);
  // Loops of templates over nd::array<T>, analysed per instantiation.
  auto InstantiatedLoop = [&](auto Kind) {
    return Kind(UserCode, isInTemplateInstantiation(), forCallable(functionDecl().bind("scope")))
        .bind("instantiated-loop");
  };
  Finder->addMatcher(InstantiatedLoop(forStmt), this);
  Finder->addMatcher(InstantiatedLoop(cxxForRangeStmt), this);
  // Form 5: nd::vectorize(lambda)(x, ...) and std::transform over nd::array elements.
  Finder->addMatcher(
      cxxOperatorCallExpr(UserCode, hasOverloadedOperatorName("()"),
                          callee(cxxMethodDecl(ofClass(hasName("::nd::vectorized")))),
                          unless(isInTemplateInstantiation()), forCallable(decl().bind("scope")))
          .bind("vectorized"),
      this);
  Finder->addMatcher(callExpr(UserCode, callee(functionDecl(hasName("::std::transform"))),
                              unless(isInTemplateInstantiation()),
                              forCallable(decl().bind("scope")))
                         .bind("transform"),
                     this);
  Finder->addMatcher(
      cxxOperatorCallExpr(UserCode, hasOverloadedOperatorName("()"),
                          hasArgument(0, ignoringImpCasts(declRefExpr(
                                             to(varDecl(hasName("::std::ranges::transform")))))),
                          unless(isInTemplateInstantiation()), forCallable(decl().bind("scope")))
          .bind("transform"),
      this);
}

void ElementwiseLoopCheck::report(SourceLocation Loc, const std::string &Message,
                                  CharSourceRange Range, const std::string &Replacement,
                                  SourceLocation ProblemLoc, std::string Problem,
                                  const SourceManager &SM) {
  Loc = SM.getExpansionLoc(Loc);
  if (Problem.empty() && !FixInHeaders && !SM.isInMainFile(Loc)) {
    ProblemLoc = Loc;
    Problem = "fix-its in headers are disabled (option FixInHeaders)";
  }
  {
    auto Diag = diag(Loc, Message);
    if (Problem.empty())
      Diag << FixItHint::CreateReplacement(Range, Replacement);
  }
  if (!Problem.empty())
    diag(ProblemLoc.isValid() ? SM.getExpansionLoc(ProblemLoc) : Loc, "no fix-it: %0",
         DiagnosticIDs::Note)
        << Problem;
}

// The local `T y = E;` (one declarator, a statement of a block) whose initialiser is E.
static const VarDecl *declarationInitialisedWith(const Expr *E, ASTContext &Context) {
  const Stmt *Node = E;
  for (;;) {
    DynTypedNodeList Parents = Context.getParents(*Node);
    if (Parents.empty())
      return nullptr;
    if (const auto *V = Parents[0].get<VarDecl>()) {
      DynTypedNodeList Up = Context.getParents(*V);
      const auto *Decl = Up.empty() ? nullptr : Up[0].get<DeclStmt>();
      DynTypedNodeList Block = Decl ? Context.getParents(*Decl) : DynTypedNodeList(DynTypedNode());
      QualType T = V->getType();
      bool Plain = !T->isReferenceType() && !T.isConstQualified() && utils::isNdArray(T);
      return Decl && Decl->isSingleDecl() && !Block.empty() && Block[0].get<CompoundStmt>() &&
                     Plain && V->getInitStyle() == VarDecl::CInit
                 ? V
                 : nullptr;
    }
    const auto *Parent = Parents[0].get<Expr>();
    if (!Parent || !isa<ImplicitCastExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
                        ExprWithCleanups, CXXConstructExpr>(Parent))
      return nullptr;
    Node = Parent;
  }
}

// A new array of the result's shape and element type for the out forms.
static std::string outFormBuffer(const std::vector<LambdaOperand> &Operands, QualType Result,
                                 ASTContext &Context) {
  std::vector<std::string> Arrays;
  bool SameType = true;
  for (const LambdaOperand &Operand : Operands) {
    std::string Name =
        Operand.Spelling.empty() ? getText(*Operand.Arg, Context).str() : Operand.Spelling;
    if (Operand.IsArray && !llvm::is_contained(Arrays, Name)) {
      Arrays.push_back(Name);
      SameType &= Operand.Element.getCanonicalType().getUnqualifiedType() ==
                  Result.getCanonicalType().getUnqualifiedType();
    }
  }
  std::string Spelled = array_expr::elementTypeSpelling(Result, Context);
  if (Arrays.size() == 1)
    return "nd::empty_like" + (SameType ? std::string() : "<" + Spelled + ">") + "(" + Arrays[0] +
           ")";
  std::string Shapes;
  for (const std::string &A : Arrays)
    Shapes += (Shapes.empty() ? "" : ", ") + A + ".shape()";
  return "nd::empty<" + Spelled + ">(nd::broadcast_shapes(" + Shapes + "))";
}

void ElementwiseLoopCheck::checkVectorize(const CXXOperatorCallExpr *Call, const Stmt *Scope,
                                          ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  // The callee: `nd::vectorize(f)` itself, or a local initialised with it.
  const Expr *Callee = utils::skipImplicit(Call->getArg(0));
  bool Named = false;
  if (const VarDecl *V = utils::referencedVar(Callee)) {
    if (!V->hasLocalStorage() || V->getType()->isReferenceType() || !V->getInit())
      return;
    Callee = utils::skipImplicit(V->getInit());
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Callee);
        Construct && Construct->getNumArgs() == 1)
      Callee = utils::skipImplicit(Construct->getArg(0));
    Named = true;
  }
  const auto *Make = dyn_cast<CallExpr>(Callee);
  if (!Make || !utils::isNdFunction(Make->getDirectCallee(), {"vectorize"}) ||
      Make->getNumArgs() != 1)
    return;
  const LambdaExpr *Lambda = resolveLambda(Make->getArg(0), &Named);
  std::optional<VectorizedFunction> Function;
  if (!Lambda && !(Function = resolveVectorizedFunction(Make->getArg(0))))
    return;
  QualType Result;
  if (!utils::isNdArray(Call->getType(), &Result))
    return;
  std::vector<LambdaOperand> Operands;
  for (unsigned I = 1; I < Call->getNumArgs(); ++I) {
    LambdaOperand Operand;
    Operand.Arg = Call->getArg(I);
    Operand.IsArray = utils::isNdArray(Call->getArg(I)->getType(), &Operand.Element);
    if (!Operand.IsArray)
      Operand.Element = utils::skipImplicit(Call->getArg(I))->getType();
    Operands.push_back(Operand);
  }
  const std::string Message =
      "nd::vectorize calls " + (Lambda ? "the lambda" : "'" + Function->Name + "'") +
      " once per element; use the broadcasting ufunc expression it computes";
  SourceLocation ProblemLoc;
  std::string Problem, Replacement;
  if (const Stmt *Macro = macroIn(Call) ? macroIn(Call) : Lambda ? macroIn(Lambda) : nullptr) {
    ProblemLoc = Macro->getBeginLoc();
    Problem = "the call or its lambda is or contains a macro expansion, which a fix-it cannot "
              "rewrite";
  } else {
    const VarDecl *Declared = declarationInitialisedWith(Call, Context);
    const std::string Dest = Declared ? Declared->getNameAsString() : std::string();
    LambdaTranslation T = Lambda ? translateLambda(Lambda, Operands, Result, Named, Scope, Context,
                                                   Declared ? &Dest : nullptr)
                                 : translateFunction(*Function, Operands, Result, Context,
                                                     Declared ? &Dest : nullptr);
    if (!T.Text) {
      ProblemLoc = T.Loc;
      Problem = T.Reason;
    } else if (T.Fused) {
      // A chain nd-chained-temporaries would fuse: one pass, the result's one array.
      Replacement = "nd::eval(" + *T.Fused + ")";
    } else if (std::optional<CharSourceRange> Range =
                   Declared && T.OutForms && T.EagerAllocations > 1
                       ? utils::declarationRange(Call, Context)
                       : std::nullopt) {
      // `auto y = g(x, z);` whose expression nd-chained-temporaries would rewrite: its
      // out forms, computing into y's own buffer, so that the fixes converge.
      std::string Indent = Lexer::getIndentationForLine(Call->getBeginLoc(), SM).str();
      report(Call->getBeginLoc(), Message, *Range,
             outFormBuffer(Operands, Result, Context) + ";\n" + Indent +
                 llvm::join(*T.OutForms, ";\n" + Indent) + ";",
             ProblemLoc, Problem, SM);
      return;
    } else {
      // vectorize returns a new array: a bare operand must be copied, not shared.
      Replacement = T.Bare ? *T.Text + ".copy()" : *T.Text;
      if (!T.Bare && utils::needsParentheses(Call, Context))
        Replacement = "(" + Replacement + ")";
    }
  }
  report(Call->getBeginLoc(), Message, CharSourceRange::getTokenRange(Call->getSourceRange()),
         Replacement, ProblemLoc, Problem, SM);
}

void ElementwiseLoopCheck::checkTransform(const CallExpr *Call, const Stmt *Scope,
                                          ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  std::optional<TransformCall> Transform = matchTransformCall(Call, Context);
  if (!Transform)
    return;
  // A lambda created for this call takes its captures at the call; a named one earlier.
  bool Named = false;
  const LambdaExpr *Lambda = resolveLambda(Transform->Function, &Named);
  if (!Lambda)
    return;
  const VarDecl *X = Transform->X, *Z = Transform->Z, *Y = Transform->Y;
  const std::string Message = Transform->Name + " applies the lambda to the elements of '" +
                              (X ? X->getNameAsString() : std::string("an nd::array")) +
                              "' one by one; use one broadcasting expression with nd::copyto";
  SourceLocation ProblemLoc;
  std::string Problem, Replacement;
  auto Reject = [&](const Expr *At, std::string Why) {
    if (Problem.empty()) {
      ProblemLoc = At->getBeginLoc();
      Problem = std::move(Why);
    }
  };
  if (!Transform->Problem.empty())
    Reject(Transform->ProblemAt, Transform->Problem);
  for (const VarDecl *A : {X, Z, Y}) {
    if (!Problem.empty() || !A)
      continue;
    if (!provablySameShape(A, X, Scope, Context))
      Reject(Call, "'" + A->getNameAsString() + "' is not provably of the shape of '" +
                       X->getNameAsString() +
                       "' (index shape); the fix is offered when it is "
                       "initialised as its copy() or with nd::empty_like");
    else if (!isContiguousLocal(A, Scope, Context))
      Reject(Call, "'" + A->getNameAsString() +
                       "' may be a strided view, whose data() does not run over its elements "
                       "in order, or share memory with another array (aliasing); the fix is "
                       "offered for local arrays with their own buffer, e.g. from copy() or "
                       "nd::empty_like");
  }
  // The call must be a statement of its own: its result (an iterator) is not used.
  DynTypedNodeList Parents = Context.getParents(*Call);
  const Stmt *Parent = Parents.empty() ? nullptr : Parents[0].get<Stmt>();
  if (const auto *Cleanups = dyn_cast_or_null<ExprWithCleanups>(Parent)) {
    Parents = Context.getParents(*Cleanups);
    Parent = Parents.empty() ? nullptr : Parents[0].get<Stmt>();
  }
  if (Problem.empty() && (!Parent || isa<Expr>(Parent)))
    Reject(Call, (Transform->Name == "std::transform" ? "the iterator " : "the result ") +
                     Transform->Name + " returns is used");
  if (const Stmt *Macro = macroIn(Call) ? macroIn(Call) : macroIn(Lambda);
      Problem.empty() && Macro) {
    ProblemLoc = Macro->getBeginLoc();
    Problem = "the call or its lambda is or contains a macro expansion, which a fix-it cannot "
              "rewrite";
  }
  if (Problem.empty()) {
    QualType XElement, ZElement, YElement;
    utils::isNdArray(X->getType(), &XElement);
    utils::isNdArray(Y->getType(), &YElement);
    // The lambda's parameters stand for the arrays, spelled by name (not data()).
    std::vector<LambdaOperand> Operands{
        {Transform->First, true, XElement, X->getNameAsString(), X == Y}};
    if (Z) {
      utils::isNdArray(Z->getType(), &ZElement);
      Operands.push_back({Transform->Second, true, ZElement, Z->getNameAsString(), Z == Y});
    }
    const std::string Dest = Y->getNameAsString();
    LambdaTranslation T = translateLambda(Lambda, Operands, YElement, Named, Scope, Context, &Dest);
    if (!T.Text) {
      ProblemLoc = T.Loc;
      Problem = T.Reason;
    } else if (T.Fused) {
      // A chain nd-chained-temporaries would fuse: one pass into y, as copyto writes it.
      Replacement = "nd::eval(" + *T.Fused + ", " + Dest + ")";
    } else if (T.OutForms && (T.OutForms->size() == 1 || isa_and_nonnull<CompoundStmt>(Parent)) &&
               !model::partialResultVisibleFrom(Call, *Y, Context)) {
      // The out forms write y step by step: what nd-chained-temporaries would make of
      // nd::copyto(y, expression), so that the fixes converge.
      Replacement = llvm::join(
          *T.OutForms, ";\n" + Lexer::getIndentationForLine(compat::callBegin(Call), SM).str());
    } else {
      Replacement = "nd::copyto(" + Dest + ", " + *T.Text + ")";
    }
  }
  report(compat::callBegin(Call), Message, CharSourceRange::getTokenRange(Call->getSourceRange()),
         Replacement, ProblemLoc, Problem, SM);
}

void ElementwiseLoopCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Scope = Result.Nodes.getNodeAs<Decl>("scope");
  if (const auto *Call = Result.Nodes.getNodeAs<CXXOperatorCallExpr>("vectorized")) {
    if (Scope && Scope->getBody())
      checkVectorize(Call, Scope->getBody(), *Result.Context);
    return;
  }
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("transform")) {
    if (Scope && Scope->getBody())
      checkTransform(Call, Scope->getBody(), *Result.Context);
    return;
  }
  const auto *Loop = Result.Nodes.getNodeAs<Stmt>("loop");
  const bool Instantiated = !Loop;
  if (Instantiated)
    Loop = Result.Nodes.getNodeAs<Stmt>("instantiated-loop");
  if (Scope && Scope->getBody())
    checkLoop(Loop, Scope, Instantiated, *Result.Context);
}

// The outermost loop of a nest over an nd::array, analysed once: in the definition, or
// for a loop of a template over `nd::array<T>`, in its instantiations
// (TemplateInstantiations.h).
static bool isNestToAnalyse(const Stmt *Loop, const Decl *Scope, bool Instantiated,
                            ASTContext &Context) {
  const VarDecl *Var = loopVariable(Loop);
  if (!Var || !indexesAnArray(Var, loopBody(Loop)) || isInnerLevelOfNest(Loop, Context))
    return false;
  if (Instantiated) {
    const Stmt *Pattern = instantiationPatternOf(Loop, dyn_cast<FunctionDecl>(Scope));
    return Pattern && dependsOnTemplateParameters(Pattern);
  }
  return !dependsOnTemplateParameters(Loop);
}

// Why the nest gets no fix (or nothing: a recurrence outside a template), and its fix.
static Verdict analyseLoop(const Stmt *Loop, const LoopNest &Nest, const BodyShape &Shape,
                           const Decl *Scope, bool Instantiated, ASTContext &Context,
                           NestFix &Analysis) {
  const SourceManager &SM = Context.getSourceManager();
  ControlFlow Flow = firstControlFlow(loopBody(Loop));
  if (Flow.At)
    return {Flow.At->getBeginLoc(), std::string("the loop body contains '") + Flow.What +
                                        "' (control flow), so it may stop early or skip elements"};
  if (const Stmt *Macro = macroIn(Loop))
    return {SM.getExpansionLoc(Macro->getBeginLoc()),
            "the loop is or contains a macro expansion, which a fix-it cannot rewrite"};
  // The body first: a dependency (`y(i) = y(i - 1) + x(i)`) explains more than the
  // header that usually comes with it (`i = 1`).
  Analysis = analyseNest(Nest, Shape, Scope->getBody(), Context);
  Verdict Problem = Analysis.Problem;
  // Not an element-wise loop: nothing to say. Except in a template: another
  // instantiation may look element-wise (y(i - K) with K = 0), and its fix must not be
  // applied to the template; this one's no-fix note keeps it from being.
  if (Problem.Recurrence && !Instantiated)
    return Problem;
  for (const LoopLevel &Level : Nest.Levels) {
    std::string Header = headerProblem(Level, Context);
    if (!Problem && !Header.empty() && !Analysis.OverRanges)
      Problem = {Level.Loop->getBeginLoc(), Header};
  }
  return Problem;
}

void ElementwiseLoopCheck::checkLoop(const Stmt *Loop, const Decl *Scope, bool Instantiated,
                                     ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  if (!isNestToAnalyse(Loop, Scope, Instantiated, Context))
    return;
  LoopNest Nest = buildLoopNest(Loop);
  if (Nest.Levels.size() < MinLoopDepth)
    return;
  BodyShape Shape = classifyBody(Nest.Body);
  if (Shape.Kind == BodyKind::None)
    return;

  NestFix Analysis;
  Verdict Problem = analyseLoop(Loop, Nest, Shape, Scope, Instantiated, Context, Analysis);
  if (Problem.Recurrence && !Instantiated)
    return;
  // Loop pragmas go with the loop; other directives must not be lost or stranded.
  std::vector<CharSourceRange> PragmaRemovals;
  if (!Problem) {
    LoopDirectives Directives =
        directivesOfLoop(Nest.Levels[0].Loop, Analysis.ReplacedRange, Context);
    if (!Directives.Problem.empty())
      Problem = {Directives.ProblemLoc, Directives.Problem};
    PragmaRemovals = std::move(Directives.Removals);
  }
  SourceLocation LoopLoc = SM.getExpansionLoc(Loop->getBeginLoc());
  if (!Problem && !FixInHeaders && !SM.isInMainFile(LoopLoc))
    Problem = {LoopLoc, "fix-its in headers are disabled (option FixInHeaders)"};
  // Only this translation unit's instantiations are seen; a header's template may be
  // instantiated elsewhere for other element types.
  if (!Problem && Instantiated && !SM.isInMainFile(LoopLoc))
    Problem = {LoopLoc, "the template is in a header, whose includers may instantiate it for "
                        "element types this translation unit does not"};

  LoopFinding Finding{LoopLoc, warningFor(Shape), {},
                      {},      Problem.Reason,    SM.getExpansionRange(Loop->getSourceRange())};
  if (!Problem) {
    // The locals only the loop's header used go with it.
    extendOverUnusedLocals(Analysis.ReplacedRange, *Analysis.Replacement, Nest.Levels[0].Loop,
                           Context);
    Finding.Fixes.push_back(
        FixItHint::CreateReplacement(Analysis.ReplacedRange, *Analysis.Replacement));
    for (const CharSourceRange &Pragma : PragmaRemovals)
      Finding.Fixes.push_back(FixItHint::CreateRemoval(Pragma));
  } else {
    Finding.NoteLoc = Problem.Loc.isValid() ? SM.getExpansionLoc(Problem.Loc) : LoopLoc;
  }
  if (Instantiated)
    Instantiations.add(cast<FunctionDecl>(Scope), std::move(Finding));
  else
    emit(Finding);
}

void ElementwiseLoopCheck::emit(const LoopFinding &Finding) {
  {
    auto Diag = diag(Finding.Loc, Finding.Message);
    if (Finding.Range.isValid())
      Diag << Finding.Range;
    for (const FixItHint &Fix : Finding.Fixes)
      Diag << Fix;
  }
  // The reason is an argument, not part of the format: it quotes source text, and a
  // '%' in it (`x(i) % 2`) would be read as a format directive and print nothing.
  if (!Finding.Note.empty())
    diag(Finding.NoteLoc, "no fix-it: %0", DiagnosticIDs::Note) << Finding.Note;
}

void ElementwiseLoopCheck::onEndOfTranslationUnit() {
  for (const LoopFinding &Finding : Instantiations.take())
    emit(Finding);
}

} // namespace clang::tidy::nd_checks
