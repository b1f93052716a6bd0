// nd-tidy project mode, --diff: which translation units include a changed header.
// clang's dependency scanner (the fast preprocessor of clang-scan-deps, on each
// unit's compile command) lists every file a unit reads; a unit that reads a changed
// header is linted, and only that header's changed lines are reported.
#ifndef ND_TIDY_INCLUDEGRAPH_H
#define ND_TIDY_INCLUDEGRAPH_H

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace nd_tidy {

/// The files each of \p Units reads (real paths, the unit itself included), scanned
/// with \p Parallel threads; a unit that cannot be scanned (it does not compile) lists
/// only itself. \p Units are absolute paths of translation units of \p Database.
std::vector<std::vector<std::string>>
scanIncludes(const clang::tooling::CompilationDatabase &Database,
             const std::vector<std::string> &Units, unsigned Parallel);

/// The file names of a Makefile rule as clang writes it (`out: a.cpp b.h \`, with
/// backslash-escaped spaces).
std::vector<std::string> parseMakeDependencies(llvm::StringRef Rule);

} // namespace nd_tidy

#endif
