// nd-tidy: the clang-tidy configuration that applies to a directory, found as clang-tidy
// finds it (--config, --config-file, or the .clang-tidy files from the directory up,
// following InheritParentConfig). clang-tidy skips a file that does not parse and
// lints with its defaults; nd-tidy reports it instead. It also needs to know whether
// the configuration names any checks, because nd-tidy's default set is nd-*.
#ifndef ND_TIDY_CONFIGURATION_H
#define ND_TIDY_CONFIGURATION_H

#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>
#include <vector>

namespace nd_tidy {

/// The check set nd-tidy uses when no --checks and no configuration names checks
/// (clang-tidy's own default is clang-analyzer-*).
inline constexpr llvm::StringLiteral DefaultChecks = "-*,nd-*";

struct ConfigurationFacts {
  bool NamesChecks = false;        // some file or --config sets Checks
  std::vector<std::string> Errors; // "FILE:LINE:COLUMN: message" of what does not parse
  std::string Text;                // every configuration read, with its name (a cache key part)
  // HeaderFilterRegex and ExcludeHeaderFilterRegex, from the nearest file that sets them.
  std::optional<std::string> HeaderFilter, ExcludeHeaderFilter;
};

/// What the configuration of a file in \p Directory says. \p ConfigText and
/// \p ConfigFile are the values of --config and --config-file, if given.
ConfigurationFacts inspectConfiguration(llvm::StringRef Directory,
                                        const std::optional<std::string> &ConfigText,
                                        const std::optional<std::string> &ConfigFile);

} // namespace nd_tidy

#endif
