#include "utils/NdDecls.h"

#include "utils/ASTUtils.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"

namespace clang::tidy::nd_checks::utils {

// Whether DC is the namespace ::nd.
static bool isNdNamespace(const DeclContext *DC) {
  const auto *NS = dyn_cast_or_null<NamespaceDecl>(DC);
  return NS && NS->getIdentifier() && NS->getName() == "nd" &&
         NS->getParent()->getRedeclContext()->isTranslationUnit();
}

bool isInNdNamespace(const Decl *D) {
  const DeclContext *DC = D->getDeclContext();
  while (DC && DC->isRecord())
    DC = DC->getParent();
  return isNdNamespace(DC);
}

bool isInNdOrNestedNamespace(const Decl *D) {
  if (!D)
    return false;
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent())
    if (isNdNamespace(DC))
      return true;
  return false;
}

bool isDirectlyInNdNamespace(const Decl *D) { return D && isNdNamespace(D->getDeclContext()); }

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

bool isNdArray(QualType QT, QualType *Element) {
  QualType E = ndArrayElementType(QT);
  if (E.isNull())
    return false;
  if (Element)
    *Element = E;
  return true;
}

bool isIntegerArrayType(QualType T) {
  QualType E = ndArrayElementType(T);
  return !E.isNull() && E->isIntegerType() && !E->isBooleanType();
}

static const CXXRecordDecl *recordOf(QualType T) {
  if (T.isNull())
    return nullptr;
  return T.getNonReferenceType().getCanonicalType()->getAsCXXRecordDecl();
}

bool isNdClass(QualType T, llvm::StringRef Name) {
  const CXXRecordDecl *RD = recordOf(T);
  return RD && RD->getIdentifier() && RD->getName() == Name && isInNdOrNestedNamespace(RD);
}

bool isIxType(QualType T) {
  const CXXRecordDecl *RD = recordOf(T);
  if (!RD || !RD->hasDefinition())
    return false;
  for (const Decl *D : RD->decls())
    if (const auto *ND = dyn_cast<NamedDecl>(D))
      if (ND->getIdentifier() && ND->getName() == "ix_tag")
        return isInNdOrNestedNamespace(RD);
  return false;
}

bool isNdFunction(const FunctionDecl *F, llvm::ArrayRef<llvm::StringRef> Names) {
  if (!F || !F->getDeclName().isIdentifier() || !isDirectlyInNdNamespace(F))
    return false;
  return llvm::is_contained(Names, F->getName());
}

bool isNdFunctionCall(const Expr *E, llvm::StringRef Name) {
  const auto *Call = dyn_cast_or_null<CallExpr>(E);
  if (!Call || isa<CXXMemberCallExpr>(Call))
    return false;
  const FunctionDecl *FD = Call->getDirectCallee();
  return FD && !isa<CXXMethodDecl>(FD) && FD->getIdentifier() && FD->getName() == Name &&
         isInNdOrNestedNamespace(FD);
}

bool isNdTag(const Expr *E, llvm::StringRef Name) {
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(skipHandleCopies(E));
  if (!Ref)
    return false;
  const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
  return VD && VD->getIdentifier() && VD->getName() == Name && isInNdOrNestedNamespace(VD);
}

const Expr *skipHandleCopies(const Expr *E) {
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
          isNdArray(CE->getType()))
        Next = CE->getArg(0);
    }
    if (Next == E)
      return E;
    E = Next;
  }
  return E;
}

const VarDecl *namedArray(const Expr *E) {
  const VarDecl *V = referencedVar(E);
  return V && isNdArray(V->getType()) ? V : nullptr;
}

} // namespace clang::tidy::nd_checks::utils
