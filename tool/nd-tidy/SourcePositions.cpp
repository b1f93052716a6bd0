#include "SourcePositions.h"

#include "llvm/Support/MemoryBuffer.h"
#include <algorithm>

namespace nd_tidy {

SourcePositions::Source &SourcePositions::source(llvm::StringRef File) {
  auto [It, Inserted] = Sources.try_emplace(File);
  if (Inserted) {
    if (auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                                  /*RequiresNullTerminator=*/false)) {
      Source &S = It->second;
      S.Text = (*Buffer)->getBuffer().str();
      S.LineStarts.push_back(0);
      for (size_t I = 0; I < S.Text.size(); ++I)
        if (S.Text[I] == '\n')
          S.LineStarts.push_back(static_cast<unsigned>(I + 1));
    }
  }
  return It->second;
}

std::pair<unsigned, unsigned> SourcePositions::position(llvm::StringRef File, unsigned Offset) {
  const std::vector<unsigned> &Starts = source(File).LineStarts;
  if (Starts.empty())
    return {0, 0};
  auto Next = std::upper_bound(Starts.begin(), Starts.end(), Offset);
  unsigned Line = static_cast<unsigned>(Next - Starts.begin());
  return {Line, Offset - Starts[Line - 1] + 1};
}

llvm::StringRef SourcePositions::lineText(llvm::StringRef File, unsigned Line) {
  const Source &S = source(File);
  if (Line == 0 || Line > S.LineStarts.size())
    return "";
  llvm::StringRef Rest = llvm::StringRef(S.Text).drop_front(S.LineStarts[Line - 1]);
  return Rest.split('\n').first.rtrim("\r");
}

} // namespace nd_tidy
