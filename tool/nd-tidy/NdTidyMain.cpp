// nd-tidy: clang-tidy with the nd module built in. clangTidyMain is clang-tidy's own
// entry point, so flags, .clang-tidy files, NOLINT and fixes behave exactly as in
// clang-tidy; the standard modules are kept by clang-tidy's own force-linker.
#include "clang-tidy/tool/ClangTidyMain.h"

namespace clang::tidy {
// Defined next to the nd module; reading it here keeps the module's registration even
// if the checks are ever linked from an archive.
extern volatile int NdModuleAnchorSource;
[[maybe_unused]] static int NdModuleAnchorDestination = NdModuleAnchorSource;
} // namespace clang::tidy

int main(int argc, const char **argv) { return clang::tidy::clangTidyMain(argc, argv); }
