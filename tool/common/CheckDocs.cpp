#include "CheckDocs.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"

#include <cstring>

#ifndef ND_DOCS_URL
#define ND_DOCS_URL ""
#endif

namespace nd_docs {

std::string fileUri(llvm::StringRef Path) {
  std::string Uri = "file://";
  for (char C : Path) {
    if (llvm::isAlnum(C) || llvm::StringRef("/-._~").contains(C)) {
      Uri += C;
    } else {
      Uri += '%';
      Uri += llvm::hexdigit(static_cast<unsigned char>(C) >> 4);
      Uri += llvm::hexdigit(static_cast<unsigned char>(C) & 15);
    }
  }
  return Uri;
}

std::string ndDocsBase(const std::optional<std::string> &Given, llvm::StringRef Executable) {
  if (Given)
    return *Given;
  std::optional<std::string> Env = llvm::sys::Process::GetEnv("ND_DOCS_URL");
  if (Env && !Env->empty())
    return *Env;
  if (!llvm::StringRef(ND_DOCS_URL).empty())
    return ND_DOCS_URL;
  llvm::SmallString<256> Dir(llvm::sys::path::parent_path(Executable));
  llvm::sys::path::append(Dir, "..", "share", "doc");
  llvm::sys::path::append(Dir, "nd", "checks");
  llvm::sys::path::remove_dots(Dir, /*remove_dot_dot=*/true);
  return fileUri(Dir) + "/";
}

static std::string clangTidyPage(llvm::StringRef Module, llvm::StringRef Name) {
  return ("https://clang.llvm.org/extra/clang-tidy/checks/" + Module + "/" + Name + ".html").str();
}

std::string checkHelpUri(llvm::StringRef Check, llvm::StringRef NdDocsBase) {
  if (Check.starts_with("clang-diagnostic-"))
    return "";
  if (Check.starts_with("nd-"))
    return (NdDocsBase + Check + ".md").str();
  // Standard checks: <module>/<name>.html; the analyzer's module is "clang-analyzer".
  if (Check.starts_with("clang-analyzer-"))
    return clangTidyPage("clang-analyzer", Check.drop_front(strlen("clang-analyzer-")));
  auto [Module, Name] = Check.split('-');
  return clangTidyPage(Module, Name);
}

// clangd's getDiagnosticDocURI: the module is the name up to its first '-'.
std::string clangdCheckUri(llvm::StringRef Check) {
  auto [Module, Name] = Check.split('-');
  return clangTidyPage(Module, Name);
}

} // namespace nd_docs
