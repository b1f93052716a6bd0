// Recognising the nd runtime's eager array operations in the AST.
//
// An eager operation is an operator (+ - * /, unary -, comparisons, !) or a ufunc call
// without `out` whose callee lives in namespace ::nd and whose result is an
// nd::array<T>: each one allocates a new array. The helpers here find them by the
// callee's qualified name, never by spelling, and decide which operands can be
// re-evaluated in another order without changing behaviour.
#pragma once

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/Type.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include <optional>

namespace clang::tidy::nd_checks::array_expr {

// Whether D is declared in namespace ::nd itself (members of classes in ::nd count;
// nd::detail and other nested namespaces do not).
bool isInNdNamespace(const Decl *D);

// The element type T if QT (references and cv stripped) is nd::array<T>, else null.
QualType ndArrayElementType(QualType QT);
inline bool isNdArray(QualType QT) { return !ndArrayElementType(QT).isNull(); }

// E without the implicit nodes C++ wraps around class-type temporaries and operands:
// implicit casts, parentheses, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
// ExprWithCleanups and elidable copies.
const Expr *skipImplicit(const Expr *E);

// Whether Name is one of the runtime's ufuncs (each has a form with `out`).
bool isUfuncName(llvm::StringRef Name);

// One eager array operation.
struct EagerOp {
  const Expr *Call = nullptr;  // the CXXOperatorCallExpr or CallExpr
  llvm::StringRef Ufunc;       // the ufunc whose out form computes it: "multiply"
  llvm::SmallVector<const Expr *, 3> Operands;
  bool Commutative = false;    // add and multiply: operands may be swapped exactly
  QualType Element;            // T of the nd::array<T> it yields
};

// E (after skipImplicit) as an eager array operation, or nullopt.
std::optional<EagerOp> matchEagerOp(const Expr *E);

// Whether evaluating E has no side effects and its value does not depend on when it
// is evaluated relative to the other operands of a chain: variables, literals,
// members of those, builtin arithmetic on those, const layout queries (.shape()).
bool isSideEffectFree(const Expr *E);

// The first parent of Child that is not an implicit wrapper (implicit cast,
// parentheses, MaterializeTemporaryExpr, CXXBindTemporaryExpr, ExprWithCleanups). On
// return, Child is the node directly below that parent.
DynTypedNode explicitParent(const Expr *&Child, ASTContext &Ctx);

// The variable E names, if E (after skipImplicit) is a plain reference to one.
const VarDecl *referencedVar(const Expr *E);

// How an element type is written in a fix: bool, float, double, std::int32_t, ...
std::string elementTypeSpelling(QualType Element, const ASTContext &Ctx);

} // namespace clang::tidy::nd_checks::array_expr
