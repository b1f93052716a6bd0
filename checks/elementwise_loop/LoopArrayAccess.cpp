#include "LoopArrayAccess.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"

namespace clang::tidy::nd_checks {

using utils::isNdArray;
using utils::namedArray;
using utils::skipImplicit;

static bool isIntegerIndex(const Expr *E) {
  QualType T = skipImplicit(E)->getType();
  return T->isIntegerType() && !T->isBooleanType();
}

static bool isAllTag(const Expr *E) {
  const auto *RD = skipImplicit(E)->getType()->getAsCXXRecordDecl();
  return RD && RD->getName() == "all_t" && utils::isDirectlyInNdNamespace(RD);
}

std::optional<ElementAccess> matchElementAccess(const Expr *E) {
  const auto *Call = dyn_cast_or_null<CXXOperatorCallExpr>(skipImplicit(E));
  if (!Call || Call->getOperator() != OO_Call || Call->getNumArgs() < 2)
    return std::nullopt;
  ElementAccess Access;
  Access.Call = Call;
  Access.Array = namedArray(Call->getArg(0));
  if (!Access.Array || !isNdArray(Access.Array->getType(), &Access.Element))
    return std::nullopt;
  for (unsigned I = 1; I < Call->getNumArgs(); ++I) {
    if (!isIntegerIndex(Call->getArg(I)))
      return std::nullopt;
    Access.Indices.push_back(Call->getArg(I));
  }
  return Access;
}

std::optional<SliceAccess> matchAllSlice(const Expr *E) {
  const auto *Call = dyn_cast_or_null<CXXOperatorCallExpr>(skipImplicit(E));
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
