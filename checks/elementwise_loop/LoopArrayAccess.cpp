#include "LoopArrayAccess.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"

namespace clang::tidy::nd_checks {

static bool isInNdNamespace(const DeclContext *DC) {
  const auto *NS = dyn_cast_or_null<NamespaceDecl>(DC);
  return NS && NS->getName() == "nd" && NS->getParent()->getRedeclContext()->isTranslationUnit();
}

bool isNdArrayType(QualType T, QualType *Element) {
  T = T.getNonReferenceType().getCanonicalType();
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(T->getAsCXXRecordDecl());
  if (!Spec || Spec->getName() != "array" || !isInNdNamespace(Spec->getDeclContext()))
    return false;
  const TemplateArgumentList &Args = Spec->getTemplateArgs();
  if (Args.size() != 1 || Args[0].getKind() != TemplateArgument::Type)
    return false;
  if (Element)
    *Element = Args[0].getAsType().getCanonicalType();
  return true;
}

bool isNdFunction(const FunctionDecl *F, llvm::ArrayRef<llvm::StringRef> Names) {
  if (!F || !F->getDeclName().isIdentifier() || !isInNdNamespace(F->getDeclContext()))
    return false;
  return llvm::is_contained(Names, F->getName());
}

const Expr *stripImplicit(const Expr *E) {
  const Expr *Previous = nullptr;
  while (E && E != Previous) {
    Previous = E;
    E = E->IgnoreImplicit()->IgnoreParens();
  }
  return E;
}

const VarDecl *referencedVar(const Expr *E) {
  if (!E)
    return nullptr;
  const auto *Ref = dyn_cast<DeclRefExpr>(stripImplicit(E));
  return Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
}

const VarDecl *namedArray(const Expr *E) {
  const VarDecl *V = referencedVar(E);
  return V && isNdArrayType(V->getType()) ? V : nullptr;
}

static bool isIntegerIndex(const Expr *E) {
  QualType T = stripImplicit(E)->getType();
  return T->isIntegerType() && !T->isBooleanType();
}

static bool isAllTag(const Expr *E) {
  const auto *RD = stripImplicit(E)->getType()->getAsCXXRecordDecl();
  return RD && RD->getName() == "all_t" && isInNdNamespace(RD->getDeclContext());
}

std::optional<ElementAccess> matchElementAccess(const Expr *E) {
  const auto *Call = dyn_cast_or_null<CXXOperatorCallExpr>(stripImplicit(E));
  if (!Call || Call->getOperator() != OO_Call || Call->getNumArgs() < 2)
    return std::nullopt;
  ElementAccess Access;
  Access.Call = Call;
  Access.Array = namedArray(Call->getArg(0));
  if (!Access.Array || !isNdArrayType(Access.Array->getType(), &Access.Element))
    return std::nullopt;
  for (unsigned I = 1; I < Call->getNumArgs(); ++I) {
    if (!isIntegerIndex(Call->getArg(I)))
      return std::nullopt;
    Access.Indices.push_back(Call->getArg(I));
  }
  return Access;
}

std::optional<SliceAccess> matchAllSlice(const Expr *E) {
  const auto *Call = dyn_cast_or_null<CXXOperatorCallExpr>(stripImplicit(E));
  if (!Call || Call->getOperator() != OO_Call || Call->getNumArgs() < 2)
    return std::nullopt;
  SliceAccess Access;
  Access.Call = Call;
  Access.Array = namedArray(Call->getArg(0));
  if (!Access.Array)
    return std::nullopt;
  bool AnyAll = false;
  for (unsigned I = 1; I < Call->getNumArgs(); ++I) {
    const Expr *Arg = Call->getArg(I);
    if (isAllTag(Arg)) {
      Access.Indices.push_back(nullptr);
      AnyAll = true;
    } else if (isIntegerIndex(Arg)) {
      Access.Indices.push_back(Arg);
    } else {
      return std::nullopt;
    }
  }
  if (!AnyAll)
    return std::nullopt;
  return Access;
}

} // namespace clang::tidy::nd_checks
