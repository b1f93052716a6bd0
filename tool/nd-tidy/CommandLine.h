// nd-tidy: its command line, read once for project mode and for the clang-tidy run
// (flags of its own, and the clang-tidy options it needs to know about).
#ifndef ND_TIDY_COMMANDLINE_H
#define ND_TIDY_COMMANDLINE_H

#include "llvm/ADT/ArrayRef.h"
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace nd_tidy {

struct Options {
  std::optional<std::string> BuildDir; // -p, as given
  std::optional<unsigned> Jobs;
  std::optional<std::string> Diff;
  std::optional<std::pair<unsigned, unsigned>> Shard; // I, N
  std::optional<std::string> Sarif;
  std::optional<std::string> ExportFixes;
  std::optional<std::string> DocsUrl;  // --docs-url
  std::optional<std::string> CacheDir; // --cache-dir
  std::optional<std::string> CacheUrl; // --cache-url
  // --header-filter, --exclude-header-filter: project mode applies them itself (to
  // absolute paths); they are not passed through.
  std::optional<std::string> HeaderFilter, ExcludeHeaderFilter;
  bool ShortFormat = false; // --format=short (default: full)
  bool FormatGiven = false; // --format, a flag of project mode only
  // Also passed through: what nd-tidy reads of clang-tidy's own options.
  std::optional<std::string> Checks, Config, ConfigFile, WarningsAsErrors;
  bool Fix = false, FixErrors = false, FixNotes = false, Quiet = false;
  bool Info = false, DashDash = false;
  bool HelpOrVersion = false; // a subset of Info
  std::vector<std::string> Files;
  std::vector<std::string> PassThrough; // to every worker
  std::vector<std::string> Errors;      // usage errors
};

/// Reads nd-tidy's arguments (\p Argv[0] is the program). Usage errors are collected
/// in Options::Errors.
Options parseArgs(llvm::ArrayRef<const char *> Argv);

} // namespace nd_tidy

#endif
