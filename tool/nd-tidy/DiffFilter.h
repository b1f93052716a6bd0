// nd-tidy project mode, --diff: which lines of which files changed, from a unified diff
// (`git diff -U0`), as clang-tidy-diff reads it.
#ifndef ND_TIDY_DIFFFILTER_H
#define ND_TIDY_DIFFFILTER_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace nd_tidy {

/// Added or changed lines per file: file (real absolute path) -> [first, last] line
/// ranges, 1-based and inclusive. Files with only deleted lines are not listed.
class ChangedLines {
public:
  /// Parses a unified diff. Paths in the diff are relative to \p Root (a leading
  /// "b/" as git writes it is dropped). An error for input that is not a unified diff
  /// (no file header, a malformed or absurd hunk header, a hunk cut short).
  static llvm::Expected<ChangedLines> parse(llvm::StringRef Diff, llvm::StringRef Root);

  bool containsFile(llvm::StringRef RealPath) const;
  bool containsLine(llvm::StringRef RealPath, unsigned Line) const;
  /// Whether a changed line lies in [First, Last].
  bool touchesLines(llvm::StringRef RealPath, unsigned First, unsigned Last) const;
  const std::map<std::string, std::vector<std::pair<unsigned, unsigned>>> &files() const {
    return Files;
  }

private:
  std::map<std::string, std::vector<std::pair<unsigned, unsigned>>> Files;
};

/// The diff for `--diff REF`: `git diff -U0 REF` run in the current directory; REF "-"
/// reads the diff from standard input. REF must resolve to a git object
/// (`git rev-parse --verify`) and may not start with '-'. Sets \p Root to the
/// repository's top level (for "-", the current directory if it is not inside a git
/// repository).
llvm::Expected<std::string> readDiff(llvm::StringRef Ref, std::string &Root);

/// A file name as git writes it in a diff header: a C-quoted string ("b/caf\303\251.cpp")
/// unquoted to its bytes; any other name unchanged.
std::string unquoteGitPath(llvm::StringRef Name);

/// The real path of \p Path, or \p Path itself if it does not exist.
std::string realPathOr(llvm::StringRef Path);

} // namespace nd_tidy

#endif
