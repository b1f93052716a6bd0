// nd-tidy project mode: lints the translation units of a compilation database with
// one clang-tidy worker process per translation unit, N at a time, and merges their
// results (deduplicated diagnostics grouped per file, one fixes file, --fix applied
// once, SARIF). docs/usage.md, "Linting a whole project", describes the flags.
#ifndef ND_TIDY_PROJECTDRIVER_H
#define ND_TIDY_PROJECTDRIVER_H

#include "CommandLine.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace nd_tidy {

/// True if the command line asks for project mode: `-p DIR` without source files, or
/// any of -j/--jobs, --diff, --shard, --sarif. Informational flags (--help,
/// --list-checks, --dump-config, --verify-config, ...) keep plain clang-tidy.
bool isProjectMode(llvm::ArrayRef<const char *> Argv);

/// clang-tidy 19 checks check names and options of the configuration only with
/// --verify-config: runs that for a plain clang-tidy command line that lints files and
/// prints its warnings (e.g. an unknown `nd-*` option in a .clang-tidy file). Not in
/// the workers of project mode, which verifies once per directory itself.
void warnAboutConfig(llvm::ArrayRef<const char *> Argv, llvm::StringRef Self);

/// For a plain clang-tidy command line with `-p DIR` and files: true if each file is
/// a translation unit of DIR/compile_commands.json; else prints the error project mode
/// gives ("'f.cpp' is not in DIR/compile_commands.json"), for exit status 2.
bool filesAreInDatabase(const Options &O);

/// Runs project mode; \p Self is this executable, run as the clang-tidy workers.
/// Returns the exit status: 0 clean, 1 --warnings-as-errors findings, 2 usage errors,
/// missing compilation database, a configuration that does not parse, a
/// --warnings-as-errors glob that matches no enabled check, a file that could not be
/// written, a translation unit that does not compile.
int runProject(llvm::ArrayRef<const char *> Argv, llvm::StringRef Self);

} // namespace nd_tidy

#endif
