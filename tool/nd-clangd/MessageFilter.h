// nd-clangd: clangd ends its session on a message that is JSON but not a JSON-RPC 2.0
// request, notification or response (`[1,2]`, `{}`), so one bad message from an editor
// or a plugin loses the server. nd-clangd reads the LSP stream itself, between its
// standard input and clangd: a message clangd would not take is answered with a
// JSON-RPC error (-32700 for text that is not JSON, -32600 for an invalid request) and
// not passed on; clangd's output is passed on whole messages at a time, so that an
// answer never lands inside one of them (and may be rewritten on the way: DocsLinks.h).
#ifndef ND_CLANGD_MESSAGEFILTER_H
#define ND_CLANGD_MESSAGEFILTER_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace nd_clangd {

/// Whether the command line speaks LSP at all: not for --help, --version or --check.
bool speaksLsp(int argc, char *argv[]);

/// Whether it speaks LSP over standard input in clangd's default framing: not with
/// --input-style=delimited, nor with a terminal as standard input.
bool filtersMessages(int argc, char *argv[]);

/// A message of clangd's changed on its way out, or std::nullopt to pass it on as is.
using OutputRewrite = llvm::function_ref<std::optional<std::string>(llvm::StringRef)>;

/// Runs \p Server (clangd's main) with its standard output going through \p Rewrite
/// and, if \p FilterInput, its standard input through the filter; its exit status.
int runWithMessageFilter(llvm::function_ref<int()> Server, bool FilterInput, OutputRewrite Rewrite);

} // namespace nd_clangd

#endif
