// nd-tidy: clang-tidy with the nd module built in. clangTidyMain is clang-tidy's own
// entry point, so flags, .clang-tidy files, NOLINT and fixes behave exactly as in
// clang-tidy; the standard modules are kept by clang-tidy's own force-linker.
// Project mode (`-p DIR` without files, -j, --diff, --shard, --sarif) runs this same
// executable as clang-tidy workers, one per translation unit (ProjectDriver.h).
#include "ProjectDriver.h"

#include "clang-tidy/tool/ClangTidyMain.h"
#include "llvm/Support/FileSystem.h"

namespace clang::tidy {
// Defined next to the nd module; reading it here keeps the module's registration even
// if the checks are ever linked from an archive.
extern volatile int NdModuleAnchorSource;
[[maybe_unused]] static int NdModuleAnchorDestination = NdModuleAnchorSource;
} // namespace clang::tidy

int main(int argc, const char **argv) {
  llvm::ArrayRef<const char *> Args(argv, argc);
  static int Anchor;
  std::string Self = llvm::sys::fs::getMainExecutable(argv[0], &Anchor);
  if (nd_tidy::isProjectMode(Args))
    return nd_tidy::runProject(Args, Self);
  nd_tidy::warnAboutConfig(Args, Self);
  return clang::tidy::clangTidyMain(argc, argv);
}
