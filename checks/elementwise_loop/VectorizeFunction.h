// nd::vectorize of a named function, for nd-elementwise-loop (form 5): the article's
// "np.vectorize is a loop" in its most common spelling. With
// `double half(double v) { return v / 2; }`, `nd::vectorize(half)(x)` becomes `x / 2`:
// the function's body (one `return E;` after `const` locals) is inlined as a lambda's
// is, its parameters standing for the operands. Everything else (a function declared
// only, recursion, a pointer variable that may point elsewhere...) is reported with
// the reason there is no fix.
#pragma once

#include "VectorizeLambda.h"
#include "clang/AST/Decl.h"
#include <optional>
#include <string>

namespace clang::tidy::nd_checks {

// The function nd::vectorize was given.
struct VectorizedFunction {
  const FunctionDecl *Function = nullptr; // null when it is not known (see Reason)
  std::string Name;                       // how the messages name it: 'half', 'fp'
  SourceLocation Loc;                     // where E names it
  std::string Reason;                     // why there can be no fix whatever the
                                          // operands: set when Function is null
};

// What E, the argument of nd::vectorize, names: a function (`f`, `&f`, an overload
// picked by a cast), or a function pointer variable. nullopt when E is neither (a
// lambda or another function object).
std::optional<VectorizedFunction> resolveVectorizedFunction(const Expr *E);

// The broadcasting expression computing F applied to Operands element by element, as
// translateLambda does for a lambda.
LambdaTranslation translateFunction(const VectorizedFunction &F,
                                    const std::vector<LambdaOperand> &Operands, QualType Target,
                                    ASTContext &Context, const std::string *OutFormDest = nullptr);

} // namespace clang::tidy::nd_checks
