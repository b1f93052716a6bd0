#include "utils/NdDecls.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"

namespace clang::tidy::nd_checks::gather_downsampling {

bool isInNdNamespace(const Decl *D) {
  if (!D)
    return false;
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent()) {
    const auto *NS = dyn_cast<NamespaceDecl>(DC);
    if (NS && NS->getName() == "nd" && NS->getParent()->getRedeclContext()->isTranslationUnit())
      return true;
  }
  return false;
}

static const CXXRecordDecl *recordOf(QualType T) {
  if (T.isNull())
    return nullptr;
  return T.getNonReferenceType().getCanonicalType()->getAsCXXRecordDecl();
}

bool isNdClass(QualType T, llvm::StringRef Name) {
  const CXXRecordDecl *RD = recordOf(T);
  return RD && RD->getIdentifier() && RD->getName() == Name && isInNdNamespace(RD);
}

bool isIntegerArrayType(QualType T) {
  if (!isNdArrayType(T))
    return false;
  const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(recordOf(T));
  if (!Spec || Spec->getTemplateArgs().size() != 1 ||
      Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return false;
  QualType Elem = Spec->getTemplateArgs()[0].getAsType().getCanonicalType();
  return Elem->isIntegerType() && !Elem->isBooleanType();
}

bool isIxType(QualType T) {
  const CXXRecordDecl *RD = recordOf(T);
  if (!RD || !RD->hasDefinition())
    return false;
  for (const Decl *D : RD->decls())
    if (const auto *ND = dyn_cast<NamedDecl>(D))
      if (ND->getIdentifier() && ND->getName() == "ix_tag")
        return isInNdNamespace(RD);
  return false;
}

bool isNdFunctionCall(const Expr *E, llvm::StringRef Name) {
  const auto *Call = dyn_cast_or_null<CallExpr>(E);
  if (!Call || isa<CXXMemberCallExpr>(Call))
    return false;
  const FunctionDecl *FD = Call->getDirectCallee();
  return FD && !isa<CXXMethodDecl>(FD) && FD->getIdentifier() && FD->getName() == Name &&
         isInNdNamespace(FD);
}

const Expr *ignoreHandleWrappers(const Expr *E) {
  while (E) {
    const Expr *Next = E->IgnoreParenImpCasts();
    if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(Next))
      Next = MTE->getSubExpr();
    else if (const auto *BTE = dyn_cast<CXXBindTemporaryExpr>(Next))
      Next = BTE->getSubExpr();
    else if (const auto *EWC = dyn_cast<ExprWithCleanups>(Next))
      Next = EWC->getSubExpr();
    else if (const auto *CE = dyn_cast<CXXConstructExpr>(Next)) {
      if (CE->getNumArgs() == 1 && CE->getConstructor()->isCopyOrMoveConstructor() &&
          isNdArrayType(CE->getType()))
        Next = CE->getArg(0);
    }
    if (Next == E)
      return E;
    E = Next;
  }
  return E;
}

bool isNdTag(const Expr *E, llvm::StringRef Name) {
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(ignoreHandleWrappers(E));
  if (!Ref)
    return false;
  const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
  return VD && VD->getIdentifier() && VD->getName() == Name && isInNdNamespace(VD);
}

std::optional<int64_t> evaluateInt(const Expr *E, const ASTContext &Ctx) {
  if (!E || E->isValueDependent() || E->isTypeDependent())
    return std::nullopt;
  Expr::EvalResult Result;
  if (!E->EvaluateAsInt(Result, Ctx))
    return std::nullopt;
  const llvm::APSInt &V = Result.Val.getInt();
  if (V.getSignificantBits() > 64)
    return std::nullopt;
  return V.getSExtValue();
}

} // namespace clang::tidy::nd_checks::gather_downsampling
