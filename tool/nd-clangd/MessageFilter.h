// nd-clangd: clangd ends its session on a message that is JSON but not a JSON-RPC 2.0
// request, notification or response (`[1,2]`, `{}`), so one bad message from an editor
// or a plugin loses the server. nd-clangd reads the LSP stream itself, between its
// standard input and clangd: a message clangd would not take is answered with a
// JSON-RPC error (-32700 for text that is not JSON, -32600 for an invalid request) and
// not passed on; clangd's output is passed on whole messages at a time, so that an
// answer never lands inside one of them.
#ifndef ND_CLANGD_MESSAGEFILTER_H
#define ND_CLANGD_MESSAGEFILTER_H

#include "llvm/ADT/STLFunctionalExtras.h"

namespace nd_clangd {

/// Whether the command line speaks LSP over standard input in clangd's default
/// framing: not for --help, --version, --check, or --input-style=delimited.
bool filtersMessages(int argc, char *argv[]);

/// Runs \p Server (clangd's main) with its standard input and output going through
/// the filter; its exit status.
int runWithMessageFilter(llvm::function_ref<int()> Server);

} // namespace nd_clangd

#endif
