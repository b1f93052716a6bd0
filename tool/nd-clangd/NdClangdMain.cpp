// nd-clangd: clangd with the nd clang-tidy module built in. Everything else is clangd's
// own main, behind a filter of the LSP messages that keeps a malformed one from ending
// the session (MessageFilter.h) and links the nd diagnostics to the nd check pages
// (DocsLinks.h); Debian ships no clangd headers, so its entry point is declared here.
#include "CheckDocs.h"
#include "DocsLinks.h"
#include "MessageFilter.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

namespace clang::clangd {
int clangdMain(int argc, char *argv[]);
} // namespace clang::clangd

namespace clang::tidy {
// Defined next to the nd module; reading it here keeps the module's registration even
// if the checks are ever linked from an archive.
extern volatile int NdModuleAnchorSource;
[[maybe_unused]] static int NdModuleAnchorDestination = NdModuleAnchorSource;
} // namespace clang::tidy

// At the end of clangd's --help (nd-clangd's own option is not one of clangd's).
static llvm::cl::extrahelp DocsUrlHelp(R"(
nd-clangd: clangd with the nd checks built in.
  --docs-url=BASE  base URI of the nd check pages that nd diagnostics link to
                   (<BASE><check>.md); else $ND_DOCS_URL, else the ND_DOCS_URL nd was
                   configured with, else the installed ../share/doc/nd/checks/ next
                   to this executable
)");

int main(int argc, char *argv[]) {
  llvm::Expected<std::optional<std::string>> DocsUrl = nd_clangd::takeDocsUrlOption(argc, argv);
  if (!DocsUrl) {
    llvm::errs() << "nd-clangd: error: " << llvm::toString(DocsUrl.takeError()) << "\n";
    return 1;
  }
  if (!nd_clangd::speaksLsp(argc, argv))
    return clang::clangd::clangdMain(argc, argv);
  static int Anchor;
  std::string NdDocsBase =
      nd_docs::ndDocsBase(*DocsUrl, llvm::sys::fs::getMainExecutable(argv[0], &Anchor));
  return nd_clangd::runWithMessageFilter(
      [&] { return clang::clangd::clangdMain(argc, argv); }, nd_clangd::filtersMessages(argc, argv),
      [&](llvm::StringRef Body) { return nd_clangd::withNdDocsLinks(Body, NdDocsBase); });
}
