#include "ScanLoop.h"

#include "utils/ASTUtils.h"

#include "clang/AST/ParentMapContext.h"
#include <cstdint>
#include <limits>

namespace clang::tidy::nd_checks {

namespace {

ScanStart failure(SourceLocation Loc, std::string Why) {
  ScanStart Start;
  Start.ProblemLoc = Loc;
  Start.Problem = std::move(Why);
  return Start;
}

// Whether Init (converted to the accumulator's type T) is the identity of Row's
// combination: 0 for a sum, 1 for a product, T's lowest value (or -inf) for a maximum
// and its highest (+inf) for a minimum.
bool isScanIdentity(const Expr *Init, const Accumulation &Row, QualType T,
                    const ASTContext &Context) {
  Expr::EvalResult Result;
  if (Init->isValueDependent() || !Init->EvaluateAsRValue(Result, Context))
    return false;
  const APValue &V = Result.Val;
  if (Row.Identity) {
    if (V.isInt())
      return V.getInt() == static_cast<int64_t>(*Row.Identity);
    // -0.0 too: it is the exact identity of a sum.
    return V.isFloat() && (*Row.Identity == 0 ? V.getFloat().isZero()
                                              : V.getFloat().isExactlyValue(*Row.Identity));
  }
  if (V.isFloat())
    return V.getFloat().isInfinity() && V.getFloat().isNegative() == (Row.StdFunction == "max");
  if (!V.isInt() || !T->isIntegerType())
    return false;
  unsigned Bits = Context.getIntWidth(T);
  bool Unsigned = T->isUnsignedIntegerType();
  llvm::APSInt Limit = Row.StdFunction == "max" ? llvm::APSInt::getMinValue(Bits, Unsigned)
                                                : llvm::APSInt::getMaxValue(Bits, Unsigned);
  return llvm::APSInt::isSameValue(V.getInt(), Limit);
}

bool declares(const Stmt *S, const VarDecl *V) {
  const auto *Decl = dyn_cast_or_null<DeclStmt>(S);
  return Decl && Decl->isSingleDecl() && Decl->getSingleDecl() == V;
}

// One loop: the accumulator's declaration in the loop's block, which must be the only
// statement there besides the loop that names it, so that nothing observes the
// accumulator's final value (or changes it before the loop).
ScanStart declarationBeforeLoop(const Stmt *Loop, const VarDecl *Acc, ASTContext &Context) {
  const Stmt *Child = Loop;
  DynTypedNodeList Parents = Context.getParents(*Loop);
  if (!Parents.empty() && Parents[0].get<AttributedStmt>()) {
    Child = Parents[0].get<AttributedStmt>();
    Parents = Context.getParents(*Child);
  }
  const auto *Block = Parents.empty() ? nullptr : Parents[0].get<CompoundStmt>();
  ScanStart Start;
  for (const Stmt *S : Block ? Block->body() : llvm::ArrayRef<Stmt *>()) {
    if (declares(S, Acc))
      Start.Decl = cast<DeclStmt>(S);
    else if (S != Child && utils::mentions(S, Acc))
      return failure(S->getBeginLoc(),
                     "'" + Acc->getNameAsString() +
                         "' is used outside the loop, which would need its final value");
  }
  if (!Start.Decl)
    return failure(Acc->getLocation(), "the accumulator '" + Acc->getNameAsString() +
                                           "' is not declared alone in the loop's block");
  return Start;
}

// Nested loops: the accumulator declared alone before the innermost loop.
ScanStart declarationInNest(const LoopNest &Nest, const VarDecl *Acc) {
  const size_t N = Nest.Levels.size();
  for (size_t L = 0; L + 1 < N; ++L) {
    const std::vector<const Stmt *> &Prelude = Nest.Levels[L].Prelude;
    bool Valid =
        L + 2 == N ? Prelude.size() == 1 && declares(Prelude.front(), Acc) : Prelude.empty();
    if (!Valid)
      return failure(Nest.Levels[L].Loop->getBeginLoc(),
                     "the accumulator '" + Acc->getNameAsString() +
                         "' is not declared alone right before the innermost loop, so the "
                         "scan does not restart on every line");
  }
  ScanStart Start;
  Start.Decl = cast<DeclStmt>(Nest.Levels[N - 2].Prelude.front());
  return Start;
}

} // namespace

ScanStart scanStart(const LoopNest &Nest, const BodyShape &Shape, ASTContext &Context) {
  const VarDecl *Acc = Shape.Accumulator;
  const std::string Name = Acc->getNameAsString();
  QualType T = Acc->getType();
  if (!Acc->hasLocalStorage() || isa<ParmVarDecl>(Acc) || T->isReferenceType() ||
      T.isVolatileQualified() || !Acc->getInit())
    return failure(Acc->getLocation(),
                   "the accumulator '" + Name + "' is not a local variable with an initial value");
  const bool Nested = Nest.Levels.size() > 1;
  const Stmt *Loop = Nest.Levels[0].Loop;
  ScanStart Start =
      Nested ? declarationInNest(Nest, Acc) : declarationBeforeLoop(Loop, Acc, Context);
  if (!Start.Problem.empty())
    return Start;
  if (isScanIdentity(Acc->getInit(), *Shape.Row, T, Context)) {
    Start.RemoveDecl = !Nested && previousStatement(Loop, Context) == Start.Decl &&
                       !Start.Decl->getBeginLoc().isMacroID();
    return Start;
  }
  // (c + x0) + x1 is c + (x0 + x1) in integers (wrapping alike), not in floating point.
  if (!T->isIntegerType())
    return failure(Acc->getInit()->getBeginLoc(),
                   "the initial value of '" + Name +
                       "' is not the identity, and adding it after the scan would round "
                       "differently");
  if (!Nested) {
    Start.Fold = Name; // its declaration stays, holding the initial value
    return Start;
  }
  // The declaration goes with the nest: the constant itself, where a literal spells it.
  std::optional<int64_t> Value = utils::evaluateInt(Acc->getInit(), Context);
  if (!Value || *Value <= std::numeric_limits<int32_t>::min() ||
      *Value > std::numeric_limits<int32_t>::max())
    return failure(Acc->getInit()->getBeginLoc(),
                   "the initial value of '" + Name + "' is not a small integer constant");
  Start.Fold = std::to_string(*Value);
  return Start;
}

} // namespace clang::tidy::nd_checks
