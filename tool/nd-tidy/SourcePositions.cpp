#include "SourcePositions.h"

#include "llvm/Support/MemoryBuffer.h"
#include <algorithm>

namespace nd_tidy {

std::pair<unsigned, unsigned> SourcePositions::position(llvm::StringRef File,
                                                        unsigned Offset) {
  auto [It, Inserted] = LineStarts.try_emplace(File);
  if (Inserted) {
    if (auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                                  /*RequiresNullTerminator=*/false)) {
      llvm::StringRef Text = (*Buffer)->getBuffer();
      It->second.push_back(0);
      for (size_t I = 0; I < Text.size(); ++I)
        if (Text[I] == '\n')
          It->second.push_back(static_cast<unsigned>(I + 1));
    }
  }
  const std::vector<unsigned> &Starts = It->second;
  if (Starts.empty())
    return {0, 0};
  auto Next = std::upper_bound(Starts.begin(), Starts.end(), Offset);
  unsigned Line = static_cast<unsigned>(Next - Starts.begin());
  return {Line, Offset - Starts[Line - 1] + 1};
}

} // namespace nd_tidy
