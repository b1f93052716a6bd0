#include "model/FusedForm.h"

#include "model/ArrayShapes.h"
#include "model/NdFunctions.h"
#include "utils/NdDecls.h"

#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

namespace clang::tidy::nd_checks::model {

namespace {

bool isSignedInteger(QualType T) {
  T = T.getCanonicalType();
  return T->isIntegerType() && T->isSignedIntegerType() && !T->isBooleanType();
}

// Collects, for the operation Index and those below it, the leaves to wrap: an
// operation with an operation operand is an expression once that one is.
void leavesToWrap(const EagerChain &Chain, int Index, llvm::SmallVectorImpl<const Expr *> &Out) {
  const EagerChain::Node &N = Chain.nodes()[Index];
  bool HasOperation = false;
  for (int Child : N.ChildOf)
    if (Child >= 0) {
      HasOperation = true;
      leavesToWrap(Chain, Child, Out);
    }
  if (HasOperation)
    return;
  for (const Expr *Operand : N.Op.Operands)
    if (utils::isNdArray(Operand->getType())) {
      Out.push_back(Operand);
      return;
    }
}

} // namespace

bool fusesInPass(llvm::StringRef Ufunc, bool IsOperator, bool ResultShape,
                 bool IntegerPowerOfOperation) {
  return hasLazyForm(Ufunc, IsOperator) && ResultShape &&
         !(Ufunc == "power" && IntegerPowerOfOperation);
}

const Expr *onlyArrayLeaf(const EagerChain &Chain) {
  const Expr *Only = nullptr;
  for (const Expr *Leaf : Chain.leaves())
    if (utils::isNdArray(Leaf->getType())) {
      if (Only)
        return nullptr;
      Only = Leaf;
    }
  return Only;
}

bool fusesInOnePass(const EagerChain &Chain, ASTContext &Ctx) {
  const EagerChain::Node &Root = Chain.nodes().front();
  // Over one array and numbers, every element-wise operation has that array's shape,
  // whatever it is (nd::abs(rng.normal(0.0, 1.0, {n})) * 2.0 + 1.0).
  bool OneArray = onlyArrayLeaf(Chain) != nullptr;
  Shape Result = shapeOf(Root.Op.Call, Ctx);
  if (!Result.known() && !OneArray)
    return false;
  for (const EagerChain::Node &N : Chain.nodes()) {
    bool ResultShape = &N == &Root || OneArray || sameShape(shapeOf(N.Op.Call, Ctx), Result);
    bool PowerOfOperation =
        isSignedInteger(N.Op.Element) && N.ChildOf.size() == 2 && N.ChildOf[1] >= 0;
    if (!fusesInPass(N.Op.Ufunc, isa<CXXOperatorCallExpr>(N.Op.Call), ResultShape,
                     PowerOfOperation))
      return false;
  }
  return true;
}

std::string lazyExpressionText(const EagerChain &Chain, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  const Expr *Root = Chain.nodes().front().Op.Call;
  llvm::SmallVector<const Expr *, 4> Wrap;
  leavesToWrap(Chain, 0, Wrap);
  auto Offset = [&](SourceLocation Loc) { return SM.getFileOffset(SM.getFileLoc(Loc)); };
  auto EndOffset = [&](SourceLocation Loc) {
    return Offset(Lexer::getLocForEndOfToken(SM.getFileLoc(Loc), 0, SM, LO));
  };
  llvm::sort(Wrap, [&](const Expr *A, const Expr *B) {
    return Offset(A->getBeginLoc()) < Offset(B->getBeginLoc());
  });
  StringRef Text =
      Lexer::getSourceText(CharSourceRange::getTokenRange(Root->getSourceRange()), SM, LO);
  unsigned Base = Offset(Root->getBeginLoc());
  std::string Result;
  unsigned Done = 0;
  for (const Expr *Leaf : Wrap) {
    unsigned Begin = Offset(Leaf->getBeginLoc()) - Base, End = EndOffset(Leaf->getEndLoc()) - Base;
    Result += Text.slice(Done, Begin).str() + "nd::lazy(" + Text.slice(Begin, End).str() + ")";
    Done = End;
  }
  return Result + Text.substr(Done).str();
}

} // namespace clang::tidy::nd_checks::model
