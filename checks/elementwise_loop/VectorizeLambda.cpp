#include "VectorizeLambda.h"

#include "LoopArrayAccess.h"
#include "LoopBodyTranslator.h"
#include "LoopMapForm.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"
#include "clang/Tooling/FixIt.h"

namespace clang::tidy::nd_checks {

using tooling::fixit::getText;

const LambdaExpr *resolveLambda(const Expr *E, bool *Named) {
  for (int Depth = 0; E && Depth < 8; ++Depth) {
    E = utils::skipImplicit(E);
    if (const auto *Lambda = dyn_cast<LambdaExpr>(E))
      return Lambda;
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
      // The closure copied or moved into a parameter.
      if (Construct->getNumArgs() != 1)
        return nullptr;
      E = Construct->getArg(0);
      continue;
    }
    const VarDecl *V = utils::referencedVar(E);
    if (!V || !V->hasLocalStorage() || V->getType()->isReferenceType() || !V->getInit())
      return nullptr;
    if (Named)
      *Named = true;
    E = V->getInit();
  }
  return nullptr;
}

static QualType plain(QualType T) {
  return T.getNonReferenceType().getCanonicalType().getUnqualifiedType();
}

static std::string typeName(QualType T, const ASTContext &Context) {
  return plain(T).getAsString(Context.getPrintingPolicy());
}

// Conversions that change no value, so that `.astype<To>()` of the ufunc result is
// exactly what the lambda's conversion gives: bool to anything arithmetic, float to
// double, a 32-bit integer to a 64-bit integer or to double.
static bool isExactWidening(QualType From, QualType To, const ASTContext &Context) {
  From = plain(From);
  To = plain(To);
  if (From == To)
    return true;
  if (From->isBooleanType())
    return To->isArithmeticType();
  if (From->isFloatingType())
    return To->isFloatingType() && Context.getTypeSize(To) > Context.getTypeSize(From) &&
           Context.getTypeSize(To) == 64;
  if (From->isSignedIntegerType() && Context.getTypeSize(From) == 32)
    return (To->isSignedIntegerType() && Context.getTypeSize(To) == 64) ||
           (To->isRealFloatingType() && Context.getTypeSize(To) == 64);
  return false;
}

// The nd spelling of an element type, for `.astype<T>()`.
static std::optional<std::string> elementSpelling(QualType T, const ASTContext &Context) {
  T = plain(T);
  if (T->isBooleanType())
    return "bool";
  if (T->isRealFloatingType())
    return Context.getTypeSize(T) == 32 ? "float" : "double";
  if (T->isSignedIntegerType())
    return Context.getTypeSize(T) == 32 ? "std::int32_t" : "std::int64_t";
  return std::nullopt;
}

namespace {
// Math calls whose C++ result type is not their first argument's: `std::pow(float, int)`
// computes in double, where nd::power keeps float.
class ResultTypeChecker : public RecursiveASTVisitor<ResultTypeChecker> {
public:
  bool VisitCallExpr(CallExpr *Call) {
    if (isa<CXXOperatorCallExpr>(Call) || Call->getNumArgs() == 0)
      return true;
    QualType Arg = plain(Call->getArg(0)->IgnoreParenImpCasts()->getType());
    if (Arg->isArithmeticType() && plain(Call->getType()) != Arg && !Found)
      Found = Call;
    return !Found;
  }
  const CallExpr *Found = nullptr;
};

class ReferenceCounter : public RecursiveASTVisitor<ReferenceCounter> {
public:
  explicit ReferenceCounter(const ValueDecl *D) : D(D) {}
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    Count += Ref->getDecl() == D;
    return true;
  }
  unsigned Count = 0;

private:
  const ValueDecl *D;
};
} // namespace

// Whether E reads one of the lambda's parameters for which Selected is true, directly
// or through a `const` local of the lambda.
static bool readsParameter(const Expr *E, const FunctionDecl *Call,
                           llvm::function_ref<bool(unsigned)> Selected) {
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts())) {
    for (unsigned I = 0; I < Call->getNumParams(); ++I)
      if (Ref->getDecl() == Call->getParamDecl(I))
        return Selected(I);
    if (const auto *Local = dyn_cast<VarDecl>(Ref->getDecl());
        Local && Local->isLocalVarDecl() && Local->getInit() && Local->getDeclContext() == Call)
      return readsParameter(Local->getInit(), Call, Selected);
  }
  for (const Stmt *Child : E->children())
    if (const auto *ChildExpr = dyn_cast_or_null<Expr>(Child);
        ChildExpr && readsParameter(ChildExpr, Call, Selected))
      return true;
  return false;
}

// The out forms computing the lambda's value into Dest: a later step must not read an
// operand that is Dest itself (the earlier steps overwrote it).
static std::optional<std::vector<std::string>>
lambdaOutForms(const Expr *Value, const FunctionDecl *Call,
               const std::vector<LambdaOperand> &Operands, LoopBodyTranslator &Translator,
               const std::string &Dest, unsigned &Allocations) {
  auto IsArray = [&](unsigned I) { return Operands[I].IsArray; };
  auto IsDest = [&](unsigned I) { return Operands[I].AliasesDest; };
  auto ReadsArray = [&](const Expr *E) { return readsParameter(E, Call, IsArray); };
  OutFormWriter Writer(ReadsArray, Translator);
  Allocations = Writer.eagerSpineAllocations(Value);
  return Writer.steps(Value, Dest, [&](const Expr *E) { return readsParameter(E, Call, IsDest); });
}

// The fused form of the lambda's value. An operation that reads every array operand
// has the result's shape; a parameter is a leaf, a `const` local stands for its value.
static std::optional<std::string> lambdaFusedForm(const Expr *Value, const FunctionDecl *Call,
                                                  const std::vector<LambdaOperand> &Operands,
                                                  LoopBodyTranslator &Translator) {
  auto IsArray = [&](unsigned I) { return Operands[I].IsArray; };
  auto ReadsArray = [&](const Expr *E) { return readsParameter(E, Call, IsArray); };
  auto Referenced = [](const Expr *E) -> const ValueDecl * {
    const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    return Ref ? Ref->getDecl() : nullptr;
  };
  auto IsLeaf = [&](const Expr *E) {
    const ValueDecl *D = Referenced(E);
    return D && llvm::is_contained(Call->parameters(), D);
  };
  auto ResultShape = [&](const Expr *E) {
    for (unsigned I = 0; I < Operands.size(); ++I)
      if (Operands[I].IsArray && !readsParameter(E, Call, [&](unsigned J) { return J == I; }))
        return false;
    return true;
  };
  auto Resolve = [&](const Expr *E) -> const Expr * {
    const auto *Local = dyn_cast_or_null<VarDecl>(Referenced(E));
    return Local && Local->isLocalVarDecl() && Local->getDeclContext() == Call ? Local->getInit()
                                                                               : nullptr;
  };
  FusedWriter Writer({ReadsArray, IsLeaf, ResultShape, Resolve}, Translator);
  return Writer.expression(Value);
}

LambdaTranslation translateLambda(const LambdaExpr *Lambda,
                                  const std::vector<LambdaOperand> &Operands, QualType Target,
                                  bool CapturesTakenEarlier, const Stmt *Scope, ASTContext &Context,
                                  const std::string *OutFormDest) {
  const CXXMethodDecl *Call = Lambda->getCallOperator();
  if (Lambda->isGenericLambda())
    return LambdaTranslation::failed(
        Lambda->getBeginLoc(),
        "the lambda is generic ('auto' parameters); give its parameters the element "
        "types");

  // Captures: read-only scalars, with the values they have where the fix reads them.
  for (const LambdaCapture &Capture : Lambda->captures()) {
    if (!Capture.capturesVariable())
      return LambdaTranslation::failed(Capture.getLocation(),
                                       "the lambda captures 'this'; only scalar variables "
                                       "become operands of the ufunc expression");
    const auto *Var = dyn_cast<VarDecl>(Capture.getCapturedVar());
    if (!Var || Var->isInitCapture())
      return LambdaTranslation::failed(
          Capture.getLocation(),
          "the lambda has an init-capture, whose value the ufunc expression cannot name");
    if (Capture.getCaptureKind() == LCK_ByCopy && CapturesTakenEarlier &&
        ExprMutationAnalyzer(*Scope, Context).isMutated(Var))
      return LambdaTranslation::failed(
          Capture.getLocation(),
          "the lambda captures '" + Var->getNameAsString() +
              "' by copy and it is modified in the function, so the ufunc expression "
              "could read another value than the copy");
  }

  return translateScalarFunction(Call, Lambda->getBeginLoc(), "the lambda", Operands, Target,
                                 Context, OutFormDest);
}

namespace {

// The phases of translateScalarFunction. Each returns the failure, or nullopt to go on.
using Failure = std::optional<LambdaTranslation>;

// Binds each parameter of Call to its operand's text in Translator.
Failure bindParameters(const FunctionDecl *Call, const std::string &Subject,
                       const std::vector<LambdaOperand> &Operands, LoopBodyTranslator &Translator,
                       ASTContext &Context, std::vector<std::string> &OperandTexts) {
  auto Text = [&](const Stmt *S) { return getText(*S, Context).str(); };
  for (unsigned I = 0; I < Operands.size(); ++I) {
    const ParmVarDecl *Param = Call->getParamDecl(I);
    const LambdaOperand &Operand = Operands[I];
    QualType ParamType = Param->getType();
    if (ParamType->isReferenceType() && !ParamType.getNonReferenceType().isConstQualified())
      return LambdaTranslation::failed(Param->getLocation(), Subject + " takes '" +
                                                                 Param->getNameAsString() +
                                                                 "' by non-const reference");
    if (plain(ParamType) != plain(Operand.Element))
      return LambdaTranslation::failed(
          Param->getLocation(),
          Subject + " takes '" + Param->getNameAsString() + "' as '" +
              typeName(ParamType, Context) + "' but is applied to " +
              (Operand.IsArray ? "elements of type '" : "a scalar of type '") +
              typeName(Operand.Element, Context) +
              "'; it computes in the parameter's type, the ufuncs would compute in "
              "the operand's");
    const Expr *Arg = utils::skipImplicit(Operand.Arg);
    std::string ArgText = Operand.Spelling.empty() ? Text(Arg) : Operand.Spelling;
    bool Simple = !Operand.Spelling.empty() ||
                  isa<DeclRefExpr, IntegerLiteral, FloatingLiteral, CXXBoolLiteralExpr>(Arg);
    if (!Operand.IsArray && !Simple)
      return LambdaTranslation::failed(Arg->getBeginLoc(), "the scalar argument '" + ArgText +
                                                               "' is not a literal or a variable");
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Arg); Ref && Ref->getType().isVolatileQualified())
      return LambdaTranslation::failed(Arg->getBeginLoc(),
                                       "the argument '" + ArgText + "' is volatile");
    if (!Simple) {
      ArgText = "(" + ArgText + ")";
      ReferenceCounter Counter(Param);
      Counter.TraverseStmt(Call->getBody());
      if (Counter.Count > 1)
        return LambdaTranslation::failed(Arg->getBeginLoc(),
                                         "the argument '" + Text(Arg) +
                                             "' would be evaluated once per use of '" +
                                             Param->getNameAsString() + "'");
    }
    Translator.bindOperand(Param, ArgText);
    OperandTexts.push_back(ArgText);
  }
  return std::nullopt;
}

// The body: `const` locals (bound in Translator), then `return E;` (in *Return).
Failure bindBody(const FunctionDecl *Call, const std::string &Subject,
                 LoopBodyTranslator &Translator, ASTContext &Context, const ReturnStmt *&Return) {
  auto Text = [&](const Stmt *S) { return getText(*S, Context).str(); };
  const std::string BodyOf = Subject == "the lambda" ? "the lambda body" : "the body of " + Subject;
  const auto *Body = dyn_cast<CompoundStmt>(Call->getBody());
  Return = nullptr;
  for (const Stmt *S : Body->body()) {
    if (Return)
      return LambdaTranslation::failed(S->getBeginLoc(),
                                       BodyOf + " is not a single 'return' statement");
    if (const auto *Decl = dyn_cast<DeclStmt>(S)) {
      const auto *Var = Decl->isSingleDecl() ? dyn_cast<VarDecl>(Decl->getSingleDecl()) : nullptr;
      if (!Var || !Var->getInit() || !Var->getType().isConstQualified() ||
          Var->getType()->isReferenceType() || !Var->getType()->isArithmeticType() ||
          Var->getType().isVolatileQualified() || Var->isStaticLocal())
        return LambdaTranslation::failed(S->getBeginLoc(),
                                         Subject + " declares '" + Text(S) +
                                             "', which is not one 'const' arithmetic local");
      Translator.bindLocal(Var, Var->getInit());
      continue;
    }
    Return = dyn_cast<ReturnStmt>(S);
    if (!Return || !Return->getRetValue())
      return LambdaTranslation::failed(
          S->getBeginLoc(), BodyOf + " is not a single 'return' statement (after 'const' locals)");
  }
  if (!Return)
    return LambdaTranslation::failed(Body->getBeginLoc(), Subject + " returns no value");
  return std::nullopt;
}

// The value returned (Value), and what it computes before the conversion to the return
// type (Computed), of ComputedType.
struct ReturnedValue {
  const Expr *Value = nullptr;
  const Expr *Computed = nullptr;
  QualType ComputedType;
};

ReturnedValue returnedValue(const ReturnStmt *Return) {
  ReturnedValue R;
  R.Value = Return->getRetValue();
  if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(R.Value))
    R.Value = Cleanups->getSubExpr();
  R.Computed = R.Value;
  while (const auto *Cast = dyn_cast<ImplicitCastExpr>(R.Computed->IgnoreParens())) {
    if (Cast->getCastKind() == CK_LValueToRValue || Cast->getCastKind() == CK_NoOp)
      break;
    R.Computed = Cast->getSubExpr();
  }
  R.ComputedType = plain(R.Computed->getType());
  return R;
}

// The function must compute in the types the ufuncs would: no call whose result type
// differs from its argument's, and only exact widenings to the return and element type.
Failure checkResultTypes(const FunctionDecl *Call, const std::string &Subject,
                         const ReturnedValue &R, QualType Target, ASTContext &Context) {
  ResultTypeChecker Checker;
  Checker.TraverseStmt(Call->getBody());
  if (Checker.Found)
    return LambdaTranslation::failed(
        Checker.Found->getBeginLoc(),
        "'" + getText(*Checker.Found, Context).str() + "' returns '" +
            typeName(Checker.Found->getType(), Context) + "' for an argument of type '" +
            typeName(Checker.Found->getArg(0)->IgnoreParenImpCasts()->getType(), Context) +
            "', where its ufunc keeps the argument's type");
  QualType Returned = plain(Call->getReturnType());
  QualType Wanted = plain(Target);
  if (!isExactWidening(R.ComputedType, Returned, Context) ||
      !isExactWidening(Returned, Wanted, Context))
    return LambdaTranslation::failed(
        R.Value->getBeginLoc(),
        Subject + " computes '" + typeName(R.ComputedType, Context) + "'" +
            (Returned != R.ComputedType ? " and returns '" + typeName(Returned, Context) + "'"
                                        : "") +
            ", converted to elements of type '" + typeName(Wanted, Context) +
            "', which the ufunc expression (of type '" + typeName(R.ComputedType, Context) +
            "') would not do exactly");
  return std::nullopt;
}

// Every array operand must be used, or the expression would not have its shape.
Failure checkOperandUses(const FunctionDecl *Call, SourceLocation Anchor,
                         const std::string &Subject, const std::vector<LambdaOperand> &Operands,
                         const LoopBodyTranslator &Translator,
                         const std::vector<std::string> &OperandTexts) {
  for (unsigned I = 0; I < Operands.size(); ++I)
    if (Operands[I].IsArray && Translator.uses(Call->getParamDecl(I)) == 0)
      return LambdaTranslation::failed(
          Call->getParamDecl(I)->getLocation(),
          Subject + " does not use '" + Call->getParamDecl(I)->getNameAsString() +
              "', so the ufunc expression would not have the shape of '" + OperandTexts[I] + "'");
  if (!llvm::any_of(Operands, [&](const LambdaOperand &O) { return O.IsArray; }))
    return LambdaTranslation::failed(Anchor, Subject + " is applied to no array");
  return std::nullopt;
}

} // namespace

LambdaTranslation translateScalarFunction(const FunctionDecl *Call, SourceLocation Anchor,
                                          const std::string &Subject,
                                          const std::vector<LambdaOperand> &Operands,
                                          QualType Target, ASTContext &Context,
                                          const std::string *OutFormDest) {
  if (Call->getNumParams() != Operands.size())
    return LambdaTranslation::failed(
        Anchor, Subject + " takes " + std::to_string(Call->getNumParams()) + " parameters for " +
                    std::to_string(Operands.size()) + " operands");
  const std::vector<SliceStatistic> NoStatistics; // the translator keeps a reference
  LoopBodyTranslator Translator(Context, {}, {}, nullptr, {}, NoStatistics);
  Translator.setSubject(Subject);
  std::vector<std::string> OperandTexts;
  const ReturnStmt *Return = nullptr;
  if (Failure F = bindParameters(Call, Subject, Operands, Translator, Context, OperandTexts))
    return *F;
  if (Failure F = bindBody(Call, Subject, Translator, Context, Return))
    return *F;
  ReturnedValue R = returnedValue(Return);
  if (Failure F = checkResultTypes(Call, Subject, R, Target, Context))
    return *F;
  std::optional<std::string> Translated = Translator.translate(R.Computed);
  if (!Translated)
    return LambdaTranslation::failed(Translator.failure().Loc, Translator.failure().Reason);
  if (Failure F = checkOperandUses(Call, Anchor, Subject, Operands, Translator, OperandTexts))
    return *F;

  // The fix: the expression, converted to the element type where it computes another.
  LambdaTranslation Result;
  QualType Wanted = plain(Target);
  std::string Out = *Translated;
  llvm::StringRef Inner = Out;
  while (Inner.size() > 2 && Inner.front() == '(' && Inner.back() == ')' &&
         llvm::is_contained(OperandTexts, Inner.drop_front().drop_back().str()))
    Inner = Inner.drop_front().drop_back();
  Result.Bare = llvm::is_contained(OperandTexts, Inner.str());
  if (R.ComputedType != Wanted) {
    std::optional<std::string> Spelling = elementSpelling(Wanted, Context);
    if (!Spelling)
      return LambdaTranslation::failed(R.Value->getBeginLoc(), "the result type '" +
                                                                   typeName(Wanted, Context) +
                                                                   "' is not an nd element type");
    Out = (Result.Bare ? Inner.str() : "(" + Out + ")") + ".astype<" + *Spelling + ">()";
    Result.Bare = false;
  }
  Result.Text = Out;
  if (R.ComputedType == Wanted)
    Result.Fused = lambdaFusedForm(R.Computed, Call, Operands, Translator);
  if (OutFormDest && R.ComputedType == Wanted)
    Result.OutForms = lambdaOutForms(R.Computed, Call, Operands, Translator, *OutFormDest,
                                     Result.EagerAllocations);
  return Result;
}

} // namespace clang::tidy::nd_checks
