// The nd clang-tidy module: registers every nd-* check. Linked into all three front
// ends (the clang-tidy plugin, nd-tidy and nd-clangd); each check engineer adds one
// #include and one registerCheck line below.
#include "clang-tidy/ClangTidyModule.h"
#include "ClangCompat.h" // ClangTidyModuleRegistry, wherever this LLVM declares it
#include "elementwise_loop/ElementwiseLoopCheck.h"
#include "chained_temporaries/ChainedTemporariesCheck.h"
#include "gather_downsampling/GatherDownsamplingCheck.h"

namespace clang::tidy::nd_checks {

class NdModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &CheckFactories) override {
    (void)CheckFactories;
    CheckFactories.registerCheck<ElementwiseLoopCheck>("nd-elementwise-loop");
    CheckFactories.registerCheck<ChainedTemporariesCheck>("nd-chained-temporaries");
    CheckFactories.registerCheck<GatherDownsamplingCheck>("nd-gather-downsampling");
  }
};

// Registering creates a static object; loading the plugin or linking this object runs
// its constructor, which adds "nd-module" to clang-tidy's registry.
static ClangTidyModuleRegistry::Add<NdModule> X("nd-module",
                                                "Checks for code using the nd array runtime.");

} // namespace clang::tidy::nd_checks

namespace clang::tidy {
// Referenced by nd-tidy and nd-clangd so that the linker keeps this module even when
// the checks come from an archive.
volatile int NdModuleAnchorSource = 0;
} // namespace clang::tidy
