// Where the documentation page of a check is: shared by nd-tidy (the helpUri of its
// SARIF rules) and nd-clangd (the link of each diagnostic, LSP codeDescription.href),
// so that both front ends link a finding to the same page.
#ifndef ND_TOOL_CHECKDOCS_H
#define ND_TOOL_CHECKDOCS_H

#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>

namespace nd_docs {

/// The base URI of the nd check pages: \p Given (a --docs-url flag), else
/// $ND_DOCS_URL, else the ND_DOCS_URL nd was configured with, else the pages installed
/// next to \p Executable (file://<prefix>/share/doc/nd/checks/ for
/// <prefix>/bin/<tool>), found at run time so that a moved install keeps its links.
std::string ndDocsBase(const std::optional<std::string> &Given, llvm::StringRef Executable);

/// The documentation URI of a check: <\p NdDocsBase><check>.md for an nd check,
/// clang-tidy's page for a standard one, empty for compiler diagnostics.
std::string checkHelpUri(llvm::StringRef Check, llvm::StringRef NdDocsBase);

/// The page clangd links an nd check to (clang-tidy's site has no nd module, so that
/// page does not exist); nd-clangd replaces it with checkHelpUri.
std::string clangdCheckUri(llvm::StringRef Check);

/// file:// URI of an absolute path.
std::string fileUri(llvm::StringRef Path);

} // namespace nd_docs

#endif
