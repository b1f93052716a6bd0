#include "ArrayExprUtils.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "llvm/ADT/StringSwitch.h"

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

std::optional<UfuncInfo> ufuncInfo(StringRef Name) {
  return llvm::StringSwitch<std::optional<UfuncInfo>>(Name)
      .Cases("add", "multiply", UfuncInfo{2, true})
      .Cases("subtract", "divide", "power", "minimum", "maximum", UfuncInfo{2, false})
      .Cases("equal", "not_equal", "less", "less_equal", "greater", UfuncInfo{2, false})
      .Cases("greater_equal", "logical_and", "logical_or", UfuncInfo{2, false})
      .Cases("negative", "abs", "sqrt", "square", "exp", UfuncInfo{1, false})
      .Cases("log", "sin", "cos", "logical_not", UfuncInfo{1, false})
      .Cases("clip", "where", UfuncInfo{3, false})
      .Default(std::nullopt);
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
