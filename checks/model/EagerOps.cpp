#include "model/EagerOps.h"
#include "model/NdFunctions.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"

namespace clang::tidy::nd_checks::array_expr {

using utils::isInNdNamespace;
using utils::isNdArray;
using utils::ndArrayElementType;
using utils::skipImplicit;

using model::operatorUfunc;
using model::ufuncInfo;
using model::UfuncInfo;

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
    Op.Commutative = ufuncInfo(Op.Ufunc)->Commutative;
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
    case UO_Minus:
    case UO_Plus:
    case UO_Not:
    case UO_LNot: return isSideEffectFree(UO->getSubExpr());
    default: return false;
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
    if (!M || !M->isConst() || !M->getDeclName().isIdentifier() || !isNdArray(MC->getObjectType()))
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
