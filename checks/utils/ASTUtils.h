// AST helpers that know nothing of nd, in the manner of clang-tidy's utils/ASTUtils.h:
// looking through the nodes C++ wraps around expressions, finding the variable an
// expression names, and integer constants.
#pragma once

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ParentMapContext.h"
#include <cstdint>
#include <optional>

namespace clang::tidy::nd_checks::utils {

// E without the implicit nodes C++ wraps around class-type temporaries and operands:
// implicit casts, parentheses, full-expressions (ExprWithCleanups, ConstantExpr),
// MaterializeTemporaryExpr, CXXBindTemporaryExpr, substituted non-type template
// parameters and elidable copies.
const Expr *skipImplicit(const Expr *E);

// The first parent of Child that is not an implicit wrapper (implicit cast,
// parentheses, MaterializeTemporaryExpr, CXXBindTemporaryExpr, ExprWithCleanups). On
// return, Child is the node directly below that parent.
DynTypedNode explicitParent(const Expr *&Child, ASTContext &Ctx);

// The variable E names, if E (after skipImplicit) is a plain reference to one.
const VarDecl *referencedVar(const Expr *E);

// Whether the variable V is named anywhere inside S (lambda bodies included).
bool mentions(const Stmt *S, const VarDecl *V);

// Whether anything in Scope may modify V, as ExprMutationAnalyzer tells, except that a
// lambda capturing V by reference modifies it only where its body does: `[&] { return
// n * 2; }` reads n. (The analyzer counts every by-reference capture as a write.)
bool isMutatedIn(const VarDecl *V, const Stmt &Scope, ASTContext &Ctx);

// The value of E, an integer constant expression of integer type, when it has at most
// MaxBits significant bits. Callers that add and multiply such values with others
// (offsets, bounds) pass a smaller MaxBits so that their arithmetic cannot overflow.
std::optional<int64_t> integerConstant(const Expr *E, const ASTContext &Ctx, unsigned MaxBits = 64);

// The value of E as the constant evaluator folds it (more than integer constant
// expressions: `const` locals with constant initialisers, conversions), when it fits
// in int64_t.
std::optional<int64_t> evaluateInt(const Expr *E, const ASTContext &Ctx);

} // namespace clang::tidy::nd_checks::utils
