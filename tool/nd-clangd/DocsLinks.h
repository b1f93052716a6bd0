// nd-clangd: the documentation link of each nd diagnostic. clangd links every
// clang-tidy diagnostic (LSP codeDescription.href) to clang-tidy's site, where there is
// no page of an nd check; nd-clangd rewrites those links in clangd's output to the nd
// check pages (tool/common/CheckDocs.h: the installed pages, or a configured base).
// Links of every other check are clangd's own.
#ifndef ND_CLANGD_DOCSLINKS_H
#define ND_CLANGD_DOCSLINKS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <string>

namespace nd_clangd {

/// Removes nd-clangd's own `--docs-url=BASE` (or `--docs-url BASE`, one dash or two)
/// from the command line, which clangd would refuse; its value if given.
llvm::Expected<std::optional<std::string>> takeDocsUrlOption(int &argc, char *argv[]);

/// \p Body (an LSP message from clangd) with the links of its nd diagnostics under
/// \p NdDocsBase; std::nullopt when it has none to change.
std::optional<std::string> withNdDocsLinks(llvm::StringRef Body, llvm::StringRef NdDocsBase);

} // namespace nd_clangd

#endif
