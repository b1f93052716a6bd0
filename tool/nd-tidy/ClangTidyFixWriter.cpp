// nd-tidy: clang-tidy's own --fix (plain mode) written through nd-tidy's fixFile.
// clang-tidy applies its fixes with clang::Rewriter::overwriteChangedFiles (in its
// ErrorReporter), which renames a new file over each source: it loses the file's owner
// and mode, writes a read-only file, and writes whatever the file holds by then, even
// if it changed after it was linted. This executable defines that member function
// itself: the definition in the executable is the one its statically linked
// clang-tidy code binds to (libclang-cpp's stays unused here), and it writes each file
// with fixFile, which refuses a changed or read-only file and keeps owner and mode.
// The plugin runs inside the distribution's clang-tidy, where this cannot be done
// (docs/usage.md, "Fixes").
#include "ClangTidyFixWriter.h"
#include "DiffFilter.h"
#include "FixApplication.h"

#include "clang/Basic/SourceManager.h"
#include "clang/Rewrite/Core/Rewriter.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/raw_ostream.h"

#include <atomic>
#include <map>
#include <string>

namespace nd_tidy {
namespace {
std::atomic<bool> Failed{false};
} // namespace

bool clangTidyFixFailed() { return Failed; }
} // namespace nd_tidy

// Returns true if a file was not written, as clang's own does (clang-tidy then says
// "clang-tidy failed to apply suggested fixes.", and nd-tidy exits with status 2).
bool clang::Rewriter::overwriteChangedFiles() {
  bool AllWritten = true;
  // clang-tidy calls this once per path it has fixes for, each time with a new
  // Rewriter: a file named twice (a.cpp, and a symbolic link to it on the command
  // line) comes twice, with the same fix on the same text (its SourceManager keeps the
  // content it read first). It is written once; the second must give the same text,
  // else the two are in conflict. By real path: a written file is a new inode.
  static std::map<std::string, std::string> Written;
  for (auto I = buffer_begin(), E = buffer_end(); I != E; ++I) {
    SourceManager &SM = getSourceMgr();
    OptionalFileEntryRef Entry = SM.getFileEntryRefForID(I->first);
    if (!Entry)
      continue;
    llvm::SmallString<128> Path(Entry->getName());
    SM.getFileManager().makeAbsolutePath(Path);
    std::string Identity = nd_tidy::realPathOr(Path);
    auto Previous = Written.find(Identity);
    if (Previous != Written.end()) {
      std::string Fixed;
      llvm::raw_string_ostream OS(Fixed);
      I->second.write(OS);
      if (Fixed != Previous->second) {
        llvm::errs() << "nd-tidy: error: the fixes to '" << Path
                     << "' are not applied: they differ from those applied to the same "
                        "file under another name\n";
        AllWritten = false;
      }
      continue;
    }
    // The text the fixes were placed on: clang-tidy reads the file again to fix it.
    llvm::StringRef Base = SM.getBufferData(I->first);
    std::string Fixed;
    auto Fix = [&](llvm::StringRef Current) -> llvm::Expected<std::string> {
      if (Current != Base)
        return llvm::createStringError("it changed while the fixes were applied");
      llvm::raw_string_ostream OS(Fixed);
      I->second.write(OS);
      return Fixed;
    };
    if (llvm::Error Err = nd_tidy::fixFile(Path, nd_tidy::ContentRecord::ofThisRun(), Fix)) {
      llvm::errs() << "nd-tidy: error: " << llvm::toString(std::move(Err)) << "\n";
      AllWritten = false;
    }
    Written[Identity] = std::move(Fixed);
  }
  if (!AllWritten)
    nd_tidy::Failed = true;
  return !AllWritten;
}
