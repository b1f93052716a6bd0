// nd-tidy's project-mode flags on files named without -p (`nd-tidy FILE... -- FLAGS`,
// or `nd-tidy FILE...` with a compilation database found above the file): --format,
// --sarif, --docs-url, -j, --diff and --shard give exactly the output they give in
// project mode, because project mode runs, on a compilation database of those files
// made from the compile commands clang-tidy itself would use. --cache-dir and
// --cache-url are refused: the cache keys on the build directory, a temporary one here.
#ifndef ND_TIDY_SINGLEFILEPROJECT_H
#define ND_TIDY_SINGLEFILEPROJECT_H

#include "CommandLine.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>

namespace nd_tidy {

/// Whether project mode's \p O names files without a build directory.
bool isSingleFileProject(const Options &O);

/// The compilation database of \p O's files as the JSON of a compile_commands.json:
/// the flags after '--' of \p Argv, else the database clang-tidy would detect for each
/// file (compile_commands.json or compile_flags.txt in its directory or above).
llvm::Expected<std::string> singleFileDatabase(const Options &O, llvm::ArrayRef<const char *> Argv);

/// Project mode on that database, written to a temporary build directory; the exit
/// status of project mode.
int runSingleFileProject(Options O, llvm::ArrayRef<const char *> Argv, llvm::StringRef Self);

} // namespace nd_tidy

#endif
