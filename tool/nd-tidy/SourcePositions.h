// nd-tidy project mode: byte offsets (as clang-tidy's YAML gives them) to 1-based lines
// and columns (columns count bytes, as clang prints them), and the lines' text for the
// source snippets of the output.
#ifndef ND_TIDY_SOURCEPOSITIONS_H
#define ND_TIDY_SOURCEPOSITIONS_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <utility>
#include <vector>

namespace nd_tidy {

class SourcePositions {
public:
  /// {line, column} of \p Offset in \p File, both 1-based; {0, 0} if the file cannot
  /// be read. The file is read once, when first asked for.
  std::pair<unsigned, unsigned> position(llvm::StringRef File, unsigned Offset);

  /// The text of line \p Line (1-based) of \p File, without its line break; empty if
  /// there is no such line.
  llvm::StringRef lineText(llvm::StringRef File, unsigned Line);

private:
  struct Source {
    std::string Text;
    std::vector<unsigned> LineStarts; // empty: unreadable
  };
  Source &source(llvm::StringRef File);
  llvm::StringMap<Source> Sources;
};

} // namespace nd_tidy

#endif
