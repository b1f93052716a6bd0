// Small AST predicates about the nd runtime's types and functions, shared by the
// helpers of nd-gather-downsampling. The runtime is recognised by qualified name
// (namespace ::nd), never by how the code spells it.
#pragma once

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/StringRef.h"

#include <optional>

namespace clang::tidy::nd_checks::gather_downsampling {

// Whether D is declared inside namespace ::nd (or one nested in it, such as nd::detail).
bool isInNdNamespace(const Decl *D);

// The class declaration of T (references and qualifiers removed) when it is a class
// of the runtime named Name ("array", "slice", "all_t", ...).
bool isNdClass(QualType T, llvm::StringRef Name);

// nd::array<...>.
inline bool isNdArrayType(QualType T) { return isNdClass(T, "array"); }

// Whether the element type of an nd::array<E> type is an integer other than bool.
bool isIntegerArrayType(QualType T);

// The result of nd::ix_(...): a type with a nested `ix_tag`.
bool isIxType(QualType T);

// A call to the free function ::nd::Name.
bool isNdFunctionCall(const Expr *E, llvm::StringRef Name);

// E without parentheses, implicit casts, temporaries and copies of an nd::array handle
// (copying a handle shares its buffer, so a copy denotes the same array).
const Expr *ignoreHandleWrappers(const Expr *E);

// A reference to the runtime's tag constant ::nd::Name (nd::all, nd::newaxis).
bool isNdTag(const Expr *E, llvm::StringRef Name);

// The value of an integer constant expression.
std::optional<int64_t> evaluateInt(const Expr *E, const ASTContext &Ctx);

} // namespace clang::tidy::nd_checks::gather_downsampling
