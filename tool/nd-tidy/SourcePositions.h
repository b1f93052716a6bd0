// nd-tidy project mode: byte offsets (as clang-tidy's YAML gives them) to 1-based lines
// and columns (columns count bytes, as clang prints them).
#ifndef ND_TIDY_SOURCEPOSITIONS_H
#define ND_TIDY_SOURCEPOSITIONS_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include <utility>
#include <vector>

namespace nd_tidy {

class SourcePositions {
public:
  /// {line, column} of \p Offset in \p File, both 1-based; {0, 0} if the file cannot
  /// be read. The file is read once, when first asked for.
  std::pair<unsigned, unsigned> position(llvm::StringRef File, unsigned Offset);

private:
  llvm::StringMap<std::vector<unsigned>> LineStarts; // empty: unreadable
};

} // namespace nd_tidy

#endif
