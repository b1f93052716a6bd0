#include "BestForm.h"

#include "LoopArrayAccess.h"
#include "model/ArrayShapes.h"
#include "utils/ASTUtils.h"
#include "utils/NdDecls.h"

#include "clang-tidy/utils/ASTUtils.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"

namespace clang::tidy::nd_checks {

namespace {

// E without the implicit nodes and parentheses around it (`std::max(x(i), 0.5)` binds
// 0.5 to a reference: a materialised temporary).
const Expr *bare(const Expr *E) {
  for (;;) {
    const Expr *Inner = E->IgnoreImplicit()->IgnoreParens();
    if (Inner == E)
      return E;
    E = Inner;
  }
}

// `std::min(A, B)` or `std::max(A, B)`.
struct MinMax {
  bool Max = false;
  const Expr *A = nullptr;
  const Expr *B = nullptr;
};
std::optional<MinMax> minMaxCall(const Expr *E) {
  const auto *Call = dyn_cast<CallExpr>(bare(E));
  const FunctionDecl *F = Call ? Call->getDirectCallee() : nullptr;
  if (!F || isa<CXXOperatorCallExpr>(Call) || Call->getNumArgs() != 2 ||
      !F->getDeclName().isIdentifier() ||
      !F->getDeclContext()->getRedeclContext()->isStdNamespace() ||
      (F->getName() != "min" && F->getName() != "max"))
    return std::nullopt;
  return MinMax{F->getName() == "max", Call->getArg(0), Call->getArg(1)};
}

// The value of a constant bound that nd::clip treats exactly as the loop's comparisons
// do: an integer, or a floating-point value that is neither NaN (std::max(x, NaN) is x,
// nd::clip's NaN) nor zero. Equal non-zero values are the same bits, so which of the two a
// comparison keeps does not matter; a zero bound would meet -0.0, which std::max(x, 0.0) keeps and
// the runtime's SIMD maximum may not.
std::optional<APValue> exactBound(const Expr *Bound, const ASTContext &Context) {
  Expr::EvalResult Result;
  if (Bound->isValueDependent() || !Bound->EvaluateAsRValue(Result, Context) ||
      Result.HasSideEffects)
    return std::nullopt;
  const APValue &V = Result.Val;
  if (V.isFloat() && (V.getFloat().isNaN() || V.getFloat().isZero()))
    return std::nullopt;
  return V.isInt() || V.isFloat() ? std::optional<APValue>(V) : std::nullopt;
}

// A constant bound as a double, where that is its exact value.
std::optional<double> exactDouble(const APValue &V) {
  if (V.isInt())
    return V.getInt().getSignificantBits() <= 53
               ? std::optional<double>(static_cast<double>(V.getInt().getExtValue()))
               : std::nullopt;
  llvm::APFloat F = V.getFloat();
  bool LosesInfo = false;
  F.convert(llvm::APFloat::IEEEdouble(), llvm::APFloat::rmNearestTiesToEven, &LosesInfo);
  return LosesInfo ? std::nullopt : std::optional<double>(F.convertToDouble());
}

// Lo <= Hi, both constants: then testing one bound before the other gives clip's value.
bool orderedBounds(const Expr *Lo, const Expr *Hi, const ASTContext &Context) {
  std::optional<APValue> L = exactBound(Lo, Context), H = exactBound(Hi, Context);
  if (!L || !H)
    return false;
  if (L->isInt() && H->isInt())
    return llvm::APSInt::compareValues(L->getInt(), H->getInt()) <= 0;
  std::optional<double> DL = exactDouble(*L), DH = exactDouble(*H);
  return DL && DH && *DL <= *DH;
}

bool readsElement(const Expr *E) {
  if (matchElementAccess(bare(E)))
    return true;
  for (const Stmt *Child : E->children())
    if (const auto *C = dyn_cast_or_null<Expr>(Child); C && readsElement(C))
      return true;
  return false;
}

// `std::min(std::max(X, Lo), Hi)` and `std::max(std::min(X, Hi), Lo)`.
std::optional<ClampForm> matchMinMaxClamp(const Expr *E, const ASTContext &Context) {
  std::optional<MinMax> Outer = minMaxCall(E);
  if (!Outer)
    return std::nullopt;
  const bool Integer = E->getType()->isIntegerType();
  // Floating point: std::max(X, b) keeps a NaN X only as its first argument.
  std::optional<MinMax> Inner = minMaxCall(Outer->A);
  const Expr *OuterBound = Outer->B;
  if (!Inner && Integer) {
    Inner = minMaxCall(Outer->B);
    OuterBound = Outer->A;
  }
  if (!Inner || Inner->Max == Outer->Max)
    return std::nullopt;
  ClampForm Clamp;
  Clamp.X = Inner->A;
  const Expr *InnerBound = Inner->B;
  // Integers: either argument may be the clamped one; X is the one that reads an array.
  if (Integer && !readsElement(Inner->A) && readsElement(Inner->B))
    std::swap(Clamp.X, InnerBound);
  (Outer->Max ? Clamp.Lo : Clamp.Hi) = OuterBound;
  (Outer->Max ? Clamp.Hi : Clamp.Lo) = InnerBound;
  if (Integer)
    // clip is minimum(maximum(X, Lo), Hi): exact in integers, whatever the bounds; the
    // other nesting only when Lo <= Hi.
    return !Outer->Max || orderedBounds(Clamp.Lo, Clamp.Hi, Context) ? std::optional(Clamp)
                                                                     : std::nullopt;
  if (!exactBound(Clamp.Lo, Context) || !exactBound(Clamp.Hi, Context) ||
      (Outer->Max && !orderedBounds(Clamp.Lo, Clamp.Hi, Context)))
    return std::nullopt;
  return Clamp;
}

// The same expression, as written (clang-tidy's own comparison).
bool sameExpr(const Expr *A, const Expr *B, const ASTContext &Context) {
  return ::clang::tidy::utils::areStatementsIdentical(bare(A), bare(B), Context);
}

// `C ? B : F` where C compares X with the bound B: true when C tests X below B, false
// when above.
std::optional<bool> boundTest(const ConditionalOperator *Cond, const Expr *&X, const Expr *&Bound,
                              const ASTContext &Context) {
  const auto *Test = dyn_cast<BinaryOperator>(bare(Cond->getCond()));
  if (!Test || !Test->isRelationalOp())
    return std::nullopt;
  Bound = Cond->getTrueExpr();
  const bool Less = Test->getOpcode() == BO_LT || Test->getOpcode() == BO_LE;
  const Expr *L = Test->getLHS(), *R = Test->getRHS();
  if (sameExpr(R, Bound, Context)) { // X < B: below
    X = L;
    return Less;
  }
  if (sameExpr(L, Bound, Context)) { // B > X: below
    X = R;
    return !Less;
  }
  return std::nullopt;
}

// `X < Lo ? Lo : (X > Hi ? Hi : X)` and the other test first, with constants Lo <= Hi
// (exactBound's: for floating point, a NaN X falls through both tests to X, as clip
// keeps it, and no zero bound meets -0.0).
std::optional<ClampForm> matchConditionalClamp(const Expr *E, const ASTContext &Context) {
  const auto *First = dyn_cast<ConditionalOperator>(bare(E));
  const auto *Second = First ? dyn_cast<ConditionalOperator>(bare(First->getFalseExpr())) : nullptr;
  if (!Second)
    return std::nullopt;
  const Expr *X1 = nullptr, *X2 = nullptr, *B1 = nullptr, *B2 = nullptr;
  std::optional<bool> Below1 = boundTest(First, X1, B1, Context);
  std::optional<bool> Below2 = boundTest(Second, X2, B2, Context);
  if (!Below1 || !Below2 || *Below1 == *Below2 || !sameExpr(X1, X2, Context) ||
      !sameExpr(X1, Second->getFalseExpr(), Context))
    return std::nullopt;
  ClampForm Clamp{X1, *Below1 ? B1 : B2, *Below1 ? B2 : B1};
  if (!orderedBounds(Clamp.Lo, Clamp.Hi, Context))
    return std::nullopt;
  return Clamp;
}

} // namespace

std::optional<ClampForm> matchClamp(const Expr *E, const ASTContext &Context) {
  if (E->isTypeDependent() || !E->getType()->isArithmeticType() || E->getType()->isBooleanType())
    return std::nullopt;
  if (std::optional<ClampForm> Clamp = matchMinMaxClamp(E, Context))
    return Clamp;
  return matchConditionalClamp(E, Context);
}

std::optional<std::string> innerProductForm(const Expr *Summand, QualType Accumulator,
                                            const std::vector<const VarDecl *> &LoopVars,
                                            const Stmt *Scope, ASTContext &Context) {
  const auto *Product = dyn_cast<BinaryOperator>(bare(Summand));
  if (!Product || Product->getOpcode() != BO_Mul)
    return std::nullopt;
  std::optional<ElementAccess> A = matchElementAccess(bare(Product->getLHS()));
  std::optional<ElementAccess> B = matchElementAccess(bare(Product->getRHS()));
  QualType T = Accumulator.getCanonicalType().getUnqualifiedType();
  auto IsT = [&](QualType U) { return U.getCanonicalType().getUnqualifiedType() == T; };
  if (!A || !B || !T->isArithmeticType() || T->isBooleanType() || !IsT(A->Element) ||
      !IsT(B->Element) || A->Indices.size() != LoopVars.size() ||
      B->Indices.size() != LoopVars.size())
    return std::nullopt;
  // The same loop variable at each axis of both, every loop's once: the products are
  // those of the flattened arrays, element by element.
  std::vector<const VarDecl *> Seen;
  for (size_t K = 0; K < LoopVars.size(); ++K) {
    const auto *RefA = dyn_cast<DeclRefExpr>(bare(A->Indices[K]));
    const auto *RefB = dyn_cast<DeclRefExpr>(bare(B->Indices[K]));
    const auto *V = RefA ? dyn_cast<VarDecl>(RefA->getDecl()) : nullptr;
    if (!V || !RefB || RefB->getDecl() != V || !llvm::is_contained(LoopVars, V) ||
        llvm::is_contained(Seen, V))
      return std::nullopt;
    Seen.push_back(V);
  }
  // Arrays of one size but of other shapes are flattened alike, where the loop would
  // read out of bounds: beyond one axis, the shapes must be provably the same.
  if (LoopVars.size() > 1 && A->Array != B->Array &&
      !model::provablySameShape(A->Array, B->Array, Scope, Context))
    return std::nullopt;
  return "nd::vdot(" + A->Array->getNameAsString() + ", " + B->Array->getNameAsString() + ")";
}

namespace {

// `a.shape(k)`, `a.size()` or `a.ndim()` of a named nd::array, or an integer constant:
// an initialiser whose evaluation has no effect the loop's fix needs.
bool isExtentOrConstant(const Expr *Init, const ASTContext &Context) {
  Init = bare(Init);
  if (!Init->HasSideEffects(Context) && utils::evaluateInt(Init, Context))
    return true;
  const auto *Call = dyn_cast<CXXMemberCallExpr>(Init);
  const CXXMethodDecl *M = Call ? Call->getMethodDecl() : nullptr;
  const Expr *Object = Call ? Call->getImplicitObjectArgument() : nullptr;
  if (!M || !M->getDeclName().isIdentifier() || !Object || !utils::isNdArray(Object->getType()) ||
      !isa<DeclRefExpr>(bare(Object)))
    return false;
  StringRef Name = M->getName();
  if (Name == "size" || Name == "ndim")
    return Call->getNumArgs() == 0;
  return Name == "shape" && Call->getNumArgs() == 1 &&
         utils::evaluateInt(Call->getArg(0), Context).has_value();
}

// The local S declares, alone, if it is one extendOverUnusedLocals may remove.
const VarDecl *removableLocal(const Stmt *S, const ASTContext &Context) {
  const auto *Decl = dyn_cast<DeclStmt>(S);
  const auto *V = Decl && Decl->isSingleDecl() ? dyn_cast<VarDecl>(Decl->getSingleDecl()) : nullptr;
  if (!V || !V->isLocalVarDecl() || V->isStaticLocal() || V->hasAttrs() || !V->getInit() ||
      !V->getType()->isIntegerType() || V->getType().isVolatileQualified() ||
      Decl->getBeginLoc().isMacroID() || Decl->getEndLoc().isMacroID())
    return nullptr;
  return isExtentOrConstant(V->getInit(), Context) ? V : nullptr;
}

// Whether Text names Name as a whole identifier.
bool namesIdentifier(StringRef Text, StringRef Name) {
  auto IsIdent = [](char C) { return llvm::isAlnum(C) || C == '_'; };
  for (size_t At = Text.find(Name); At != StringRef::npos; At = Text.find(Name, At + 1))
    if ((At == 0 || !IsIdent(Text[At - 1])) &&
        (At + Name.size() == Text.size() || !IsIdent(Text[At + Name.size()])))
      return true;
  return false;
}

} // namespace

void extendOverUnusedLocals(CharSourceRange &Range, const std::string &Text, const Stmt *Loop,
                            ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  DynTypedNodeList Parents = Context.getParents(*Loop);
  if (!Parents.empty() && Parents[0].get<AttributedStmt>())
    Parents = Context.getParents(*Parents[0].get<AttributedStmt>());
  const auto *Block = Parents.empty() ? nullptr : Parents[0].get<CompoundStmt>();
  if (!Block || Range.getBegin().isMacroID())
    return;
  llvm::ArrayRef<Stmt *> Body(Block->body_begin(), Block->body_end());
  // The first statement the fix replaces.
  size_t First = 0;
  while (First < Body.size() &&
         SM.isBeforeInTranslationUnit(Body[First]->getBeginLoc(), Range.getBegin()))
    ++First;
  // (The range ends past a semicolon, or at the start of a loop's closing brace.)
  auto Replaced = [&](const Stmt *S) {
    return !SM.isBeforeInTranslationUnit(S->getBeginLoc(), Range.getBegin()) &&
           !SM.isBeforeInTranslationUnit(Range.getEnd(), S->getEndLoc());
  };
  while (First > 0) {
    const Stmt *Previous = Body[First - 1];
    const VarDecl *V = removableLocal(Previous, Context);
    if (!V || namesIdentifier(Text, V->getName()))
      return;
    // Only whitespace in between: a comment or a directive there stays, and so does V.
    SourceLocation After =
        Lexer::getLocForEndOfToken(Previous->getEndLoc(), 0, SM, Context.getLangOpts());
    bool Invalid = false;
    StringRef Between = Lexer::getSourceText(CharSourceRange::getCharRange(After, Range.getBegin()),
                                             SM, Context.getLangOpts(), &Invalid);
    if (Invalid || !Between.trim().empty())
      return;
    for (const Stmt *S : Body.drop_front(First))
      if (!Replaced(S) && utils::mentions(S, V))
        return;
    Range.setBegin(Previous->getBeginLoc());
    --First;
  }
}

} // namespace clang::tidy::nd_checks
