#include "Configuration.h"

#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"

namespace nd_tidy {

namespace {

// Parses one configuration; on failure adds its YAML errors to Facts.Errors.
std::optional<clang::tidy::ClangTidyOptions> parse(llvm::MemoryBufferRef Buffer,
                                                   ConfigurationFacts &Facts) {
  Facts.Text += Buffer.getBufferIdentifier().str() + "\n" + Buffer.getBuffer().str() + "\n";
  std::vector<std::string> Messages;
  auto Parsed = clang::tidy::parseConfigurationWithDiags(Buffer, [&](const llvm::SMDiagnostic &D) {
    if (D.getKind() != llvm::SourceMgr::DK_Error)
      return;
    std::string Where = D.getFilename().str();
    if (D.getLineNo() > 0)
      Where += ":" + std::to_string(D.getLineNo()) + ":" + std::to_string(D.getColumnNo() + 1);
    Messages.push_back(Where + ": " + D.getMessage().str());
  });
  if (Parsed)
    return *Parsed;
  if (Messages.empty())
    Messages.push_back(Buffer.getBufferIdentifier().str() + ": " + Parsed.getError().message());
  Facts.Errors.insert(Facts.Errors.end(), Messages.begin(), Messages.end());
  return std::nullopt;
}

// Files are read nearest first, so the first value found is the one that applies.
void note(const clang::tidy::ClangTidyOptions &Options, ConfigurationFacts &Facts) {
  Facts.NamesChecks |= Options.Checks.has_value();
  if (!Facts.HeaderFilter)
    Facts.HeaderFilter = Options.HeaderFilterRegex;
  if (!Facts.ExcludeHeaderFilter)
    Facts.ExcludeHeaderFilter = Options.ExcludeHeaderFilterRegex;
}

} // namespace

ConfigurationFacts inspectConfiguration(llvm::StringRef Directory,
                                        const std::optional<std::string> &ConfigText,
                                        const std::optional<std::string> &ConfigFile) {
  ConfigurationFacts Facts;
  if (ConfigText) {
    if (auto Options = parse(llvm::MemoryBufferRef(*ConfigText, "--config"), Facts))
      note(*Options, Facts);
    return Facts;
  }
  if (ConfigFile) {
    auto Text = llvm::MemoryBuffer::getFile(*ConfigFile);
    if (!Text) {
      Facts.Errors.push_back(*ConfigFile + ": " + Text.getError().message());
      return Facts;
    }
    if (auto Options = parse((*Text)->getMemBufferRef(), Facts))
      note(*Options, Facts);
    return Facts;
  }
  llvm::SmallString<256> Dir(Directory);
  llvm::sys::fs::make_absolute(Dir);
  llvm::sys::path::remove_dots(Dir, /*remove_dot_dot=*/true);
  for (; !Dir.empty(); Dir = llvm::sys::path::parent_path(Dir)) {
    llvm::SmallString<256> Path(Dir);
    llvm::sys::path::append(Path, ".clang-tidy");
    if (!llvm::sys::fs::is_regular_file(Path))
      continue;
    auto Text = llvm::MemoryBuffer::getFile(Path);
    if (!Text) {
      Facts.Errors.push_back(std::string(Path) + ": " + Text.getError().message());
      break;
    }
    std::optional<clang::tidy::ClangTidyOptions> Options = parse((*Text)->getMemBufferRef(), Facts);
    if (!Options)
      break;
    note(*Options, Facts);
    if (!Options->InheritParentConfig.value_or(false))
      break;
  }
  return Facts;
}

} // namespace nd_tidy
