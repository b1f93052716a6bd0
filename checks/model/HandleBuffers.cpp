#include "model/HandleBuffers.h"

#include "model/EagerOps.h"
#include "utils/NdDecls.h"
#include "model/HandleRebinding.h"
#include "model/HandleUses.h"
#include "model/NdCalls.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"

namespace clang::tidy::nd_checks::model {

using namespace ast_matchers;
using utils::isInNdNamespace;
using utils::isNdArray;

// Views and copies deeper than this are treated as escaping (and cycles of copies end).
static constexpr unsigned MaxAliasDepth = 8;

namespace {

// Whether after U no other handle or pointer reaches the buffer.
bool keepsBufferPrivate(const HandleUse &U, const Expr *AllowedAssignment, ASTContext &Ctx,
                        unsigned Depth = 0) {
  switch (U.Kind) {
  case UseKind::Read:
  case UseKind::ElementWrite:
  case UseKind::LayoutObserved:
  case UseKind::Returned: // the function ends: nothing in it writes the buffer again
    return true;
  case UseKind::ElementAccess: return !U.Kept;
  case UseKind::Rebind:
    return AllowedAssignment && U.Where == utils::skipImplicit(AllowedAssignment);
  case UseKind::View: // private while the view is used up within its expression
    return Depth < MaxAliasDepth &&
           keepsBufferPrivate(classifyUse(cast<Expr>(U.Where), Ctx), nullptr, Ctx, Depth + 1);
  case UseKind::Alias:
  case UseKind::Copy:
  case UseKind::Lent:
  case UseKind::Escapes:
  case UseKind::Unknown: return false;
  }
  return false;
}

bool isOwnedLocal(const VarDecl *V) {
  return V && V->hasLocalStorage() && !isa<ParmVarDecl>(V) && !V->getType()->isReferenceType() &&
         isNdArray(V->getType());
}

bool isInsideLoop(const Stmt *S, ASTContext &Ctx) {
  DynTypedNodeList Parents = Ctx.getParents(*S);
  while (!Parents.empty()) {
    const Stmt *Parent = Parents[0].get<Stmt>();
    if (!Parent)
      return false;
    if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(Parent))
      return true;
    Parents = Ctx.getParents(*Parent);
  }
  return false;
}

} // namespace

bool bufferMayEscape(const VarDecl &V, const Expr *AllowedAssignment, ASTContext &Ctx) {
  const Stmt *Body = functionBodyOf(V);
  if (!isOwnedLocal(&V) || !Body)
    return true;
  for (const DeclRefExpr *Ref : referencesTo(V, *Body, Ctx))
    if (!keepsBufferPrivate(classifyUse(Ref, Ctx), AllowedAssignment, Ctx))
      return true;
  return false;
}

bool ownsPrivateBuffer(const VarDecl *V, const Stmt *Scope, const Stmt *Loop, ASTContext &Ctx) {
  if (!isOwnedLocal(V) || !createsFreshBuffer(V->getInit()))
    return false;
  const SourceManager &SM = Ctx.getSourceManager();
  bool LaterUsesMatter = isInsideLoop(Loop, Ctx);
  for (const DeclRefExpr *Ref : referencesTo(*V, *Scope, Ctx)) {
    if (!LaterUsesMatter && SM.isBeforeInTranslationUnit(Loop->getEndLoc(), Ref->getBeginLoc()))
      continue;
    if (!keepsBufferPrivate(classifyUse(Ref, Ctx), nullptr, Ctx))
      return false;
  }
  return true;
}

bool isContiguousLocal(const VarDecl *V, const Stmt *Scope, ASTContext &Ctx) {
  return isOwnedLocal(V) && createsFreshBuffer(V->getInit()) && !mayBeReboundHere(*V, *Scope, Ctx);
}

BufferUses::BufferUses(const Stmt &Body, ASTContext &Ctx)
    : Body(Body), Ctx(Ctx), Mutations(Body, Ctx) {}

llvm::SmallVector<const DeclRefExpr *, 8> BufferUses::referencesTo(const VarDecl *V) {
  return model::referencesTo(*V, Body, Ctx);
}

bool BufferUses::inWindow(SourceLocation Loc, SourceRange Window) const {
  if (Window.isInvalid())
    return true;
  const SourceManager &SM = Ctx.getSourceManager();
  Loc = SM.getExpansionLoc(Loc);
  return !SM.isBeforeInTranslationUnit(Loc, SM.getExpansionLoc(Window.getBegin())) &&
         !SM.isBeforeInTranslationUnit(SM.getExpansionRange(Window.getEnd()).getEnd(), Loc);
}

BufferUse BufferUses::followVar(const VarDecl *V, SourceRange Window, unsigned Depth) {
  if (!Visiting.insert(V).second)
    return {};
  BufferUse First;
  for (const DeclRefExpr *Ref : referencesTo(V)) {
    BufferUse U = follow(Ref, Window, Depth, inWindow(Ref->getBeginLoc(), Window));
    if (!U.isRead()) {
      First = U;
      break;
    }
  }
  Visiting.erase(V);
  return First;
}

BufferUse BufferUses::useOfVar(const VarDecl *V, SourceRange Window) {
  return followVar(V, Window, 0);
}

BufferUse BufferUses::useOfExpr(const Expr *E, SourceRange Window) {
  return follow(E, Window, 0, inWindow(E->getBeginLoc(), Window));
}

BufferUse BufferUses::follow(const Expr *E, SourceRange Window, unsigned Depth, bool InWindow) {
  using K = BufferUse::Kind;
  if (Depth > MaxAliasDepth)
    return {K::Escapes, E};
  HandleUse U = classifyUse(E, Ctx);
  // A lambda's uses happen when it is called, not where it stands: against a window
  // they are escapes, even the reads classifyUse lets through.
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E);
      (Ref && Ref->refersToEnclosingVariableOrCapture()) || isa_and_nonnull<LambdaExpr>(U.Where))
    return {K::Escapes, U.Where ? U.Where : E};
  auto InWindowOnly = [&](K Kind) { return InWindow ? BufferUse{Kind, U.Where} : BufferUse{}; };
  switch (U.Kind) {
  case UseKind::Read:
  case UseKind::Lent: // trusted to read only, as before this model existed
    return {};
  case UseKind::ElementAccess:
    // a(i, j) on a non-const array yields T&: a write only if that element is modified;
    // before the window only a reference kept beyond the expression matters.
    if (InWindow)
      return Mutations.isMutated(cast<Expr>(U.Where)) ? BufferUse{K::Written, U.Where}
                                                      : BufferUse{};
    return U.Kept ? BufferUse{K::Escapes, U.Where} : BufferUse{};
  case UseKind::ElementWrite:
  case UseKind::Rebind: // a = b: what `a` names is no longer this buffer
    return InWindowOnly(K::Written);
  case UseKind::LayoutObserved: return InWindowOnly(K::LayoutObserved);
  case UseKind::Copy: return followVar(U.Name, Window, Depth + 1);
  case UseKind::Alias: // a local reference is another name; anything else escapes
    return U.Name ? followVar(U.Name, Window, Depth + 1) : BufferUse{K::Escapes, U.Where};
  case UseKind::View: return follow(cast<Expr>(U.Where), Window, Depth + 1, InWindow);
  case UseKind::Returned:
  case UseKind::Escapes:
  case UseKind::Unknown: break;
  }
  return {K::Escapes, U.Where};
}

bool BufferUses::mayBeRebound(const VarDecl *V) {
  QualType T = V->getType();
  return !V->hasLocalStorage() ||
         (T->isReferenceType() && !T.getNonReferenceType().isConstQualified()) ||
         mayBeReboundHere(*V, Body, Ctx);
}

const Stmt *BufferUses::findOpaqueCall(SourceRange Window) {
  for (const BoundNodes &N : match(findAll(callExpr().bind("call")), Body, Ctx)) {
    const auto *Call = N.getNodeAs<CallExpr>("call");
    if (!inWindow(Call->getBeginLoc(), Window))
      continue;
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return Call;
    if (utils::isInNdOrNestedNamespace(Callee)) // nd::random's generators too
      continue;
    if (const auto *MD = dyn_cast<CXXMethodDecl>(Callee); MD && MD->getParent()->isLambda())
      continue; // its body is part of this function and analysed with it
    if (Callee->isInStdNamespace()) {
      // std::function and the like call arbitrary code.
      const auto *MD = dyn_cast<CXXMethodDecl>(Callee);
      if (!MD || MD->getOverloadedOperator() != OO_Call)
        continue;
    }
    return Call;
  }
  return nullptr;
}

} // namespace clang::tidy::nd_checks::model
