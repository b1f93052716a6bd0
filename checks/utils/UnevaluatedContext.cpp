#include "utils/UnevaluatedContext.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ExprConcepts.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/TypeLoc.h"

namespace clang::tidy::nd_checks {

bool isInUnevaluatedContext(const Stmt &S, ASTContext &Context) {
  DynTypedNode Node = DynTypedNode::create(S);
  for (;;) {
    DynTypedNodeList Parents = Context.getParents(Node);
    if (Parents.empty())
      return false;
    const DynTypedNode &Parent = Parents[0];
    // A function body runs when the function is called, wherever it is declared.
    if (Parent.get<FunctionDecl>())
      return false;
    if (const auto *Type = Parent.get<TypeLoc>();
        Type && isa<DecltypeType, TypeOfExprType>(Type->getTypePtr()))
      return true;
    if (const auto *Typeid = Parent.get<CXXTypeidExpr>())
      if (!Typeid->isPotentiallyEvaluated())
        return true;
    if (Parent.get<UnaryExprOrTypeTraitExpr>() || Parent.get<CXXNoexceptExpr>() ||
        Parent.get<RequiresExpr>())
      return true;
    Node = Parent;
  }
}

} // namespace clang::tidy::nd_checks
