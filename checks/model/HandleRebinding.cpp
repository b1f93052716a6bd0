#include "model/HandleRebinding.h"

#include "model/EagerOps.h"
#include "model/HandleUses.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"

namespace clang::tidy::nd_checks::model {

using namespace ast_matchers;
using utils::isInNdNamespace;
using utils::isNdArray;

namespace {

// Whether U may make its handle name another array, now or through a name made here.
bool mayRebind(const HandleUse &U) {
  return U.Kind == UseKind::Rebind || U.Kind == UseKind::Alias || U.Kind == UseKind::Unknown;
}

// A local, non-reference nd::array: the only handles whose every use this walk sees.
bool isPlainLocalHandle(const VarDecl &V) {
  return V.hasLocalStorage() && !V.getType()->isReferenceType() && isNdArray(V.getType());
}

// Whether Node is Region or inside it (within Region's function).
bool isWithin(DynTypedNode Node, const Stmt &Region, ASTContext &Ctx) {
  for (;;) {
    if (Node.get<Stmt>() == &Region)
      return true;
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty() || Parents[0].get<FunctionDecl>())
      return false;
    Node = Parents[0];
  }
}

// Whether E names a local, non-reference variable of the function.
bool isLocalHandle(const Expr *E) {
  const VarDecl *V = utils::referencedVar(E);
  return V && V->hasLocalStorage() && !V->getType()->isReferenceType();
}

} // namespace

bool mayBeReboundHere(const VarDecl &V, const Stmt &Scope, ASTContext &Ctx) {
  for (const DeclRefExpr *Ref : referencesTo(V, Scope, Ctx))
    if (mayRebind(classifyUse(Ref, Ctx)))
      return true;
  return false;
}

bool mayBeRebound(const VarDecl &V, ASTContext &Ctx) {
  const Stmt *Body = functionBodyOf(V);
  return !isPlainLocalHandle(V) || !Body || mayBeReboundHere(V, *Body, Ctx);
}

bool reboundOnlyByAssignment(const VarDecl &V, ASTContext &Ctx,
                             llvm::SmallVectorImpl<const Expr *> &Values) {
  const Stmt *Body = functionBodyOf(V);
  if (!isPlainLocalHandle(V) || !Body)
    return false;
  for (const DeclRefExpr *Ref : referencesTo(V, *Body, Ctx)) {
    HandleUse U = classifyUse(Ref, Ctx);
    if (!mayRebind(U))
      continue;
    if (U.Kind != UseKind::Rebind || !U.Value)
      return false;
    Values.push_back(U.Value);
  }
  return true;
}

bool mayBeReboundIn(const VarDecl &V, const Stmt &Region, ASTContext &Ctx) {
  const Stmt *Body = functionBodyOf(V);
  if (!isPlainLocalHandle(V) || !Body)
    return true;
  for (const DeclRefExpr *Ref : referencesTo(V, *Body, Ctx)) {
    HandleUse U = classifyUse(Ref, Ctx);
    if (mayRebind(U) &&
        (U.Kind != UseKind::Rebind || isWithin(DynTypedNode::create(*Ref), Region, Ctx)))
      return true;
  }
  return false;
}

bool mayRebindOtherHandles(const Stmt &Region, ASTContext &Ctx) {
  for (const BoundNodes &N :
       match(findAll(stmt(anyOf(callExpr().bind("call"), cxxConstructExpr().bind("construct"),
                                cxxDeleteExpr().bind("delete")))),
             Region, Ctx)) {
    if (N.getNodeAs<CXXDeleteExpr>("delete"))
      return true;
    if (const auto *Construct = N.getNodeAs<CXXConstructExpr>("construct")) {
      const CXXConstructorDecl *Ctor = Construct->getConstructor();
      if (!Ctor->isTrivial() && !isInNdNamespace(Ctor))
        return true;
      continue;
    }
    const auto *Call = N.getNodeAs<CallExpr>("call");
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return true;
    if (Callee->getBuiltinID() != 0)
      continue;
    if (!isInNdNamespace(Callee))
      return true;
    // The runtime rebinds no handle, except by assignment.
    if (const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(Call);
        OpCall && OpCall->getOperator() == OO_Equal && !isLocalHandle(OpCall->getArg(0)))
      return true;
  }
  return false;
}

std::optional<std::string> partialResultVisibleFrom(const Stmt *S, const VarDecl &Target,
                                                    ASTContext &Ctx) {
  // The statements that enclose the declaration of Target: reaching one of them from S
  // without crossing a try block or a lambda means only Target's own scope is left.
  llvm::SmallPtrSet<const void *, 16> DeclScopes;
  DynTypedNode Node = DynTypedNode::create(Target);
  for (;;) {
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty())
      break;
    Node = Parents[0];
    DeclScopes.insert(Node.getMemoizationData());
    if (Node.get<FunctionDecl>())
      break;
  }
  Node = DynTypedNode::create(*S);
  for (;;) {
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return std::string("its declaration is out of reach");
    Node = Parents[0];
    if (DeclScopes.contains(Node.getMemoizationData()))
      return std::nullopt;
    if (Node.get<CXXTryStmt>())
      return std::string("a handler of the enclosing try block could see it");
    if (Node.get<LambdaExpr>() || Node.get<BlockExpr>() || Node.get<FunctionDecl>())
      return std::string("it is declared outside the enclosing lambda");
  }
}

} // namespace clang::tidy::nd_checks::model
