// The places where the clang and clang-tidy APIs the nd checks use differ between the
// LLVM versions they build against (19 and 22; cmake/NdLLVM.cmake): one named shim per
// difference, so that the checks are one source with no version tests of their own.
// CLANG_VERSION_MAJOR is that of the headers, which the build matches to the compiler.
#pragma once

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/Version.h"
#include "clang-tidy/ClangTidyModule.h"

// ClangTidyModuleRegistry: LLVM 22 moved it into ClangTidyModule.h and deprecates its old
// header (a #warning in every build that includes it).
#if CLANG_VERSION_MAJOR < 22
#include "clang-tidy/ClangTidyModuleRegistry.h"
#endif

namespace clang::tidy::nd_checks::compat {

// The type a record declaration declares (e.g. nd::array for its CXXRecordDecl). LLVM 22
// dropped ASTContext::getRecordType when types started to carry their own qualifiers;
// its canonical tag type is the same type.
inline QualType recordType(const ASTContext &Ctx, const RecordDecl *Record) {
#if CLANG_VERSION_MAJOR >= 22
  return Ctx.getCanonicalTagType(Record);
#else
  return Ctx.getRecordType(Record);
#endif
}

// Where a call begins in the source. LLVM 22's CallExpr::getBeginLoc, called through
// the CallExpr type, gives the callee's start for an overloaded call operator
// (`std::ranges::transform(...)` then begins at `(`, the operator() it calls); the
// dispatch through Stmt gives the expression's real start in both versions.
inline SourceLocation callBegin(const CallExpr *Call) {
  return static_cast<const Stmt *>(Call)->getBeginLoc();
}
} // namespace clang::tidy::nd_checks::compat
