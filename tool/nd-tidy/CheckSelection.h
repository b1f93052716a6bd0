// nd-tidy: which checks a run enables. nd-tidy's default is the nd checks (clang-tidy's
// is clang-analyzer-*, which finds nothing nd-specific and is slow), and a
// --warnings-as-errors glob that matches no enabled check is an error rather than a
// silently green lint.
#ifndef ND_TIDY_CHECKSELECTION_H
#define ND_TIDY_CHECKSELECTION_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace nd_tidy {

/// \p Argv with nd-tidy's default checks: unless \p ConfigurationNamesChecks, a
/// --checks=X becomes --checks=-*,nd-*,X (X still adds to or removes from the
/// default, as in clang-tidy), and without --checks, --checks=-*,nd-* is added.
std::vector<std::string> withDefaultChecks(llvm::ArrayRef<const char *> Argv,
                                           bool ConfigurationNamesChecks);

/// The checks enabled for \p Args (clang-tidy's arguments without the program name):
/// `Self --list-checks Args...`.
llvm::Expected<std::vector<std::string>> enabledChecks(llvm::StringRef Self,
                                                       llvm::ArrayRef<std::string> Args);

/// The check names of `--list-checks` output.
std::vector<std::string> parseListChecks(llvm::StringRef Output);

/// The positive globs of \p WarningsAsErrors that match none of \p Enabled.
std::vector<std::string> globsMatchingNoCheck(llvm::StringRef WarningsAsErrors,
                                              llvm::ArrayRef<std::string> Enabled);

/// The nd checks registered in this executable, sorted.
std::vector<std::string> ndCheckNames();

} // namespace nd_tidy

#endif
