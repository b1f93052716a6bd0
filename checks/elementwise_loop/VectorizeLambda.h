// Scalar lambdas applied over the elements of nd::arrays, for nd-elementwise-loop
// (form 5): `nd::vectorize([](double v) { return 2 * v + 1; })(x)` and
// `std::transform(x.data(), x.data() + x.size(), y.data(), lambda)`. The lambda's body
// (`return E;`, after `const` locals) is translated by LoopBodyTranslator with its
// parameters standing for the array (or scalar) operands: `2 * x + 1`.
#pragma once

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::nd_checks {

// One argument the lambda is applied to: an array (each element in turn) or a scalar.
struct LambdaOperand {
  const Expr *Arg = nullptr;
  bool IsArray = false;
  QualType Element;         // the array's element type, or the scalar's type
  std::string Spelling;     // how the fix names the operand (default: Arg's text)
  bool AliasesDest = false; // the array is also the destination of the out forms
};

struct LambdaTranslation {
  std::optional<std::string> Text; // the broadcasting expression, when there is one
  bool Bare = false;               // Text is one operand itself (no new array)
  SourceLocation Loc;              // else: where and why not
  std::string Reason;
  // With an out-form destination requested: the out forms that compute Text into it
  // step by step, when there are such steps and they keep behaviour.
  std::optional<std::vector<std::string>> OutForms;
  // With OutForms: the least number of arrays Text allocates along those steps
  // (OutFormWriter::eagerSpineAllocations).
  unsigned EagerAllocations = 0;
  // The lazy expression for nd::eval (FusedWriter), where nd-chained-temporaries would
  // fuse the chain Text is and Text computes the element type asked for.
  std::optional<std::string> Fused;

  // The translation that failed at Loc for Why.
  static LambdaTranslation failed(SourceLocation Loc, std::string Why) {
    LambdaTranslation T;
    T.Loc = Loc;
    T.Reason = std::move(Why);
    return T;
  }
};

// The lambda E evaluates to: a lambda expression, or a local variable initialised with
// one (*Named is then set, as its captures were taken where it was defined).
const LambdaExpr *resolveLambda(const Expr *E, bool *Named = nullptr);

// The broadcasting expression computing Lambda applied to Operands element by element,
// with elements of type Target. CapturesTakenEarlier: the lambda was created before
// the call, so variables it captures by copy must not change in Scope.
// OutFormDest, when given, names the array the out forms should write (LambdaTranslation
// ::OutForms).
LambdaTranslation translateLambda(const LambdaExpr *Lambda,
                                  const std::vector<LambdaOperand> &Operands, QualType Target,
                                  bool CapturesTakenEarlier, const Stmt *Scope, ASTContext &Context,
                                  const std::string *OutFormDest = nullptr);

// The part shared by lambdas and named functions (nd::vectorize(f)): F's parameters
// stand for Operands, its body is `const` locals then `return E;`. Subject names F in
// the reasons ("the lambda", "the function 'f'"); Anchor is where a reason about F as
// a whole points.
LambdaTranslation translateScalarFunction(const FunctionDecl *F, SourceLocation Anchor,
                                          const std::string &Subject,
                                          const std::vector<LambdaOperand> &Operands,
                                          QualType Target, ASTContext &Context,
                                          const std::string *OutFormDest = nullptr);

} // namespace clang::tidy::nd_checks
