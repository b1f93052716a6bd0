#include "model/EagerOps.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"

namespace clang::tidy::nd_checks::array_expr {

bool isInNdNamespace(const Decl *D) {
  const DeclContext *DC = D->getDeclContext();
  while (DC && DC->isRecord())
    DC = DC->getParent();
  const auto *NS = dyn_cast_or_null<NamespaceDecl>(DC);
  if (!NS || NS->isAnonymousNamespace() || NS->getName() != "nd")
    return false;
  const DeclContext *Outer = NS->getParent();
  while (Outer && Outer->isInlineNamespace())
    Outer = Outer->getParent();
  return Outer && Outer->isTranslationUnit();
}

QualType ndArrayElementType(QualType QT) {
  if (QT.isNull())
    return {};
  QT = QT.getNonReferenceType().getCanonicalType();
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(QT->getAsCXXRecordDecl());
  if (!Spec || Spec->getName() != "array" || !isInNdNamespace(Spec))
    return {};
  const TemplateArgumentList &Args = Spec->getTemplateArgs();
  if (Args.size() != 1 || Args[0].getKind() != TemplateArgument::Type)
    return {};
  return Args[0].getAsType().getCanonicalType();
}

const Expr *skipImplicit(const Expr *E) {
  while (E) {
    const Expr *Next = E->IgnoreParenImpCasts();
    if (const auto *EWC = dyn_cast<ExprWithCleanups>(Next))
      Next = EWC->getSubExpr();
    else if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(Next))
      Next = MTE->getSubExpr();
    else if (const auto *BTE = dyn_cast<CXXBindTemporaryExpr>(Next))
      Next = BTE->getSubExpr();
    else if (const auto *CE = dyn_cast<CXXConstructExpr>(Next);
             CE && CE->isElidable() && CE->getNumArgs() == 1)
      Next = CE->getArg(0);
    if (Next == E)
      return E;
    E = Next;
  }
  return E;
}

namespace {

struct UfuncInfo {
  unsigned Inputs = 0;  // operands of the form without `out`
  bool Commutative = false;
};

// A table, not llvm::StringSwitch::Cases, which LLVM 22 deprecates in a form LLVM 19
// does not have.
std::optional<UfuncInfo> ufuncInfo(StringRef Name) {
  static constexpr struct {
    const char *Name;
    UfuncInfo Info;
  } Table[] = {
      {"add", {2, true}},          {"multiply", {2, true}},       {"subtract", {2, false}},
      {"divide", {2, false}},      {"power", {2, false}},         {"minimum", {2, false}},
      {"maximum", {2, false}},     {"equal", {2, false}},         {"not_equal", {2, false}},
      {"less", {2, false}},        {"less_equal", {2, false}},    {"greater", {2, false}},
      {"greater_equal", {2, false}}, {"logical_and", {2, false}}, {"logical_or", {2, false}},
      {"negative", {1, false}},    {"abs", {1, false}},           {"sqrt", {1, false}},
      {"square", {1, false}},      {"exp", {1, false}},           {"log", {1, false}},
      {"sin", {1, false}},         {"cos", {1, false}},           {"logical_not", {1, false}},
      {"clip", {3, false}},        {"where", {3, false}},
  };
  for (const auto &Row : Table)
    if (Name == Row.Name)
      return Row.Info;
  return std::nullopt;
}

// The ufunc an overloaded operator stands for, given its operand count.
StringRef operatorUfunc(OverloadedOperatorKind Op, unsigned NumOperands) {
  if (NumOperands == 1) {
    switch (Op) {
    case OO_Minus: return "negative";
    case OO_Exclaim: return "logical_not";
    default: return {};
    }
  }
  if (NumOperands != 2)
    return {};
  switch (Op) {
  case OO_Plus: return "add";
  case OO_Minus: return "subtract";
  case OO_Star: return "multiply";
  case OO_Slash: return "divide";
  case OO_Less: return "less";
  case OO_LessEqual: return "less_equal";
  case OO_Greater: return "greater";
  case OO_GreaterEqual: return "greater_equal";
  case OO_EqualEqual: return "equal";
  case OO_ExclaimEqual: return "not_equal";
  default: return {};
  }
}

} // namespace

bool isUfuncName(StringRef Name) { return ufuncInfo(Name).has_value(); }

std::optional<EagerOp> matchEagerOp(const Expr *E) {
  E = skipImplicit(E);
  const auto *Call = dyn_cast_or_null<CallExpr>(E);
  if (!Call)
    return std::nullopt;
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || !isInNdNamespace(Callee))
    return std::nullopt;
  QualType Element = ndArrayElementType(Call->getType());
  if (Element.isNull() || Call->getType()->isReferenceType())
    return std::nullopt;

  EagerOp Op;
  Op.Call = Call;
  Op.Element = Element;
  if (const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(Call)) {
    Op.Ufunc = operatorUfunc(OpCall->getOperator(), OpCall->getNumArgs());
    if (Op.Ufunc.empty())
      return std::nullopt;
    Op.Commutative = Op.Ufunc == "add" || Op.Ufunc == "multiply";
  } else {
    if (isa<CXXMemberCallExpr>(Call) || !Callee->getDeclName().isIdentifier())
      return std::nullopt;
    std::optional<UfuncInfo> Info = ufuncInfo(Callee->getName());
    // The form with `out` has one argument more; it writes and allocates nothing.
    if (!Info || Call->getNumArgs() != Info->Inputs)
      return std::nullopt;
    Op.Ufunc = Callee->getName();
    Op.Commutative = Info->Commutative;
  }
  for (const Expr *Arg : Call->arguments())
    Op.Operands.push_back(Arg);
  return Op;
}

DynTypedNode explicitParent(const Expr *&Child, ASTContext &Ctx) {
  DynTypedNode Node = DynTypedNode::create(*Child);
  for (;;) {
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return {};
    const DynTypedNode &P = Parents[0];
    const auto *E = P.get<Expr>();
    if (!E || !isa<ImplicitCastExpr, ParenExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
                   ExprWithCleanups>(E))
      return P;
    Child = E;
    Node = P;
  }
}

const VarDecl *referencedVar(const Expr *E) {
  const auto *DRE = dyn_cast_or_null<DeclRefExpr>(skipImplicit(E));
  return DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
}

bool isSideEffectFree(const Expr *E) {
  E = skipImplicit(E);
  if (!E || E->getType().isVolatileQualified())
    return false;
  if (isa<IntegerLiteral, FloatingLiteral, CXXBoolLiteralExpr, CharacterLiteral>(E))
    return true;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return isa<VarDecl, EnumConstantDecl>(DRE->getDecl());
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return isa<FieldDecl>(ME->getMemberDecl()) && isSideEffectFree(ME->getBase());
  if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    switch (UO->getOpcode()) {
    case UO_Minus: case UO_Plus: case UO_Not: case UO_LNot:
      return isSideEffectFree(UO->getSubExpr());
    default:
      return false;
    }
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    return (BO->isAdditiveOp() || BO->isMultiplicativeOp() || BO->isComparisonOp()) &&
           isSideEffectFree(BO->getLHS()) && isSideEffectFree(BO->getRHS());
  if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E))
    return Cast->getType()->isArithmeticType() && isSideEffectFree(Cast->getSubExpr());
  if (const auto *CE = dyn_cast<CXXConstructExpr>(E))
    // Copying a handle to pass it by value reads it and nothing else.
    return isNdArray(CE->getType()) && CE->getConstructor()->isCopyConstructor() &&
           CE->getNumArgs() == 1 && isSideEffectFree(CE->getArg(0));
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
    // Const layout queries of an array handle.
    const CXXMethodDecl *M = MC->getMethodDecl();
    if (!M || !M->isConst() || !M->getDeclName().isIdentifier() ||
        !isNdArray(MC->getObjectType()))
      return false;
    if (!llvm::is_contained({"shape", "size", "ndim", "strides"}, M->getName()))
      return false;
    for (const Expr *Arg : MC->arguments())
      if (!isSideEffectFree(Arg))
        return false;
    return isSideEffectFree(MC->getImplicitObjectArgument());
  }
  return false;
}

std::string elementTypeSpelling(QualType Element, const ASTContext &Ctx) {
  QualType T = Element.getCanonicalType();
  if (T->isBooleanType())
    return "bool";
  if (T->isIntegerType() && T->isSignedIntegerType()) {
    uint64_t Bits = Ctx.getTypeSize(T);
    if (Bits == 32 || Bits == 64)
      return "std::int" + std::to_string(Bits) + "_t";
  }
  PrintingPolicy Policy(Ctx.getLangOpts());
  Policy.SuppressTagKeyword = true;
  return T.getAsString(Policy);
}

} // namespace clang::tidy::nd_checks::array_expr
