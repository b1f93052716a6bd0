// nd-clangd: clangd with the nd clang-tidy module built in. Everything else is clangd's
// own main, behind a filter of the LSP messages that keeps a malformed one from ending
// the session (MessageFilter.h); Debian ships no clangd headers, so its entry point is
// declared here.
#include "MessageFilter.h"

namespace clang::clangd {
int clangdMain(int argc, char *argv[]);
} // namespace clang::clangd

namespace clang::tidy {
// Defined next to the nd module; reading it here keeps the module's registration even
// if the checks are ever linked from an archive.
extern volatile int NdModuleAnchorSource;
[[maybe_unused]] static int NdModuleAnchorDestination = NdModuleAnchorSource;
} // namespace clang::tidy

int main(int argc, char *argv[]) {
  if (!nd_clangd::filtersMessages(argc, argv))
    return clang::clangd::clangdMain(argc, argv);
  return nd_clangd::runWithMessageFilter([&] { return clang::clangd::clangdMain(argc, argv); });
}
