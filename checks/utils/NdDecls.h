// Recognising the nd runtime's declarations in the AST: its namespace, nd::array<T>,
// its other classes, tags and functions. The runtime is recognised by qualified name
// (namespace ::nd, reached from the translation unit through inline namespaces and
// linkage specifications only), never by how the code spells it.
//
// Three namespace tests, because callers ask three different questions:
//   - isInNdNamespace: part of nd's public interface. Declared in ::nd itself, members
//     of its classes included; nd::detail and nd::random are not. The eager
//     operations, the model's calls and handle uses ask this: nd::detail's helpers are
//     not calls the user wrote, and nd::random's generators are classified apart.
//   - isInNdOrNestedNamespace: anywhere inside ::nd, nd::detail and nd::random
//     included. The gather check asks this of the runtime's classes and tags (the
//     result of nd::ix_ is a class of nd::detail) and the buffer model of callees that
//     cannot write a caller's buffer (nd::random's generators).
//   - isDirectlyInNdNamespace: D's own context is ::nd; class members do not count.
//     nd-elementwise-loop asks this of free functions by name (nd::empty_like), where a
//     member function of the same name is something else.
#pragma once

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace clang::tidy::nd_checks::utils {

bool isInNdNamespace(const Decl *D);
bool isInNdOrNestedNamespace(const Decl *D);
bool isDirectlyInNdNamespace(const Decl *D);

// The element type T if QT (references and cv stripped) is nd::array<T>, else null.
QualType ndArrayElementType(QualType QT);
// Whether QT is nd::array<T>; sets *Element to T.
bool isNdArray(QualType QT, QualType *Element = nullptr);

// Whether the element type of an nd::array<E> type is an integer other than bool.
bool isIntegerArrayType(QualType T);

// The class of T (references and qualifiers removed) when it is a class of the runtime
// (in ::nd or a namespace nested in it) named Name ("slice", "all_t", ...).
bool isNdClass(QualType T, llvm::StringRef Name);

// The result of nd::ix_(...): a type of the runtime with a nested `ix_tag`.
bool isIxType(QualType T);

// Whether F is declared directly in ::nd (a free function, not a member) and is named
// one of Names.
bool isNdFunction(const FunctionDecl *F, llvm::ArrayRef<llvm::StringRef> Names);

// A call of a free function of the runtime (::nd or nested) named Name.
bool isNdFunctionCall(const Expr *E, llvm::StringRef Name);

// A reference to the runtime's tag constant Name (nd::all, nd::newaxis).
bool isNdTag(const Expr *E, llvm::StringRef Name);

// E without parentheses, implicit casts, temporaries and copies of an nd::array handle
// (copying a handle shares its buffer, so a copy denotes the same array). Unlike
// skipImplicit, this looks through every copy or move of a handle, not only elidable
// ones: the callers ask which array, not which object.
const Expr *skipHandleCopies(const Expr *E);

// The named nd::array variable E refers to (`x`, `(x)`), or null.
const VarDecl *namedArray(const Expr *E);

} // namespace clang::tidy::nd_checks::utils
