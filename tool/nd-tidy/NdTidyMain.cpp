// nd-tidy: clang-tidy with the nd module built in. clangTidyMain is clang-tidy's own
// entry point, so flags, .clang-tidy files, NOLINT and fixes behave exactly as in
// clang-tidy, except for the default checks (nd-* instead of clang-analyzer-*) and a
// configuration that does not parse (an error, where clang-tidy lints with its
// defaults); the standard modules are kept by clang-tidy's own force-linker.
// Project mode (`-p DIR` without files, -j, --diff, --shard, --sarif) runs this same
// executable as clang-tidy workers, one per translation unit (ProjectDriver.h).
#include "AtomicWrite.h"
#include "CheckSelection.h"
#include "ClangTidyFixWriter.h"
#include "CommandLine.h"
#include "Configuration.h"
#include "FixApplication.h"
#include "HelpAndVersion.h"
#include "ProjectDriver.h"
#include "Workers.h"

#include "clang-tidy/tool/ClangTidyMain.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace clang::tidy {
// Defined next to the nd module; reading it here keeps the module's registration even
// if the checks are ever linked from an archive.
extern volatile int NdModuleAnchorSource;
[[maybe_unused]] static int NdModuleAnchorDestination = NdModuleAnchorSource;
} // namespace clang::tidy

namespace {

// The directory whose configuration applies: that of the first file, as clang-tidy
// uses for --list-checks and --dump-config, or the current one.
std::string configurationDirectory(const nd_tidy::Options &O) {
  llvm::SmallString<256> Path(O.Files.empty() ? "." : O.Files.front());
  llvm::sys::fs::make_absolute(Path);
  if (!O.Files.empty())
    llvm::sys::path::remove_filename(Path);
  return std::string(Path);
}

// clang-tidy on the files of the command line (and in project mode's workers).
int runClangTidy(llvm::ArrayRef<const char *> Argv, llvm::StringRef Self) {
  nd_tidy::Options O = nd_tidy::parseArgs(Argv);
  // A worker's run was checked by the process that started it.
  bool Checked = nd_tidy::isWorker() || O.HelpOrVersion;
  nd_tidy::ConfigurationFacts Facts =
      nd_tidy::inspectConfiguration(configurationDirectory(O), O.Config, O.ConfigFile);
  if (!Checked && !Facts.Errors.empty()) {
    for (const std::string &E : Facts.Errors)
      llvm::errs() << "nd-tidy: error: the configuration does not parse: " << E << "\n";
    return 2;
  }
  if (!Checked && !nd_tidy::filesAreInDatabase(O))
    return 2;
  std::vector<std::string> Args = nd_tidy::withDefaultChecks(Argv, Facts.NamesChecks);
  if (!Checked && !O.Info && O.WarningsAsErrors) {
    llvm::Expected<std::vector<std::string>> Enabled =
        nd_tidy::enabledChecks(Self, llvm::ArrayRef<std::string>(Args).drop_front());
    if (!Enabled) {
      llvm::errs() << "nd-tidy: error: " << llvm::toString(Enabled.takeError()) << "\n";
      return 2;
    }
    std::vector<std::string> Unmatched =
        nd_tidy::globsMatchingNoCheck(*O.WarningsAsErrors, *Enabled);
    for (const std::string &Glob : Unmatched)
      llvm::errs() << "nd-tidy: error: --warnings-as-errors glob '" << Glob
                   << "' matches no enabled check\n";
    if (!Unmatched.empty())
      return 2;
  }
  std::vector<const char *> Pointers;
  for (const std::string &A : Args)
    Pointers.push_back(A.c_str());
  nd_tidy::warnAboutConfig(Pointers, Self);
  Pointers.push_back(nullptr);
  // clang-tidy's --fix writes through fixFile (ClangTidyFixWriter.cpp), which refuses
  // a file whose content is not what was linted: record the files as they are now.
  if (O.Fix && !nd_tidy::isWorker())
    for (const std::string &File : O.Files)
      nd_tidy::ContentRecord::ofThisRun().record(File);
  int Status = clang::tidy::clangTidyMain(static_cast<int>(Args.size()), Pointers.data());
  return nd_tidy::clangTidyFixFailed() ? 2 : Status;
}

} // namespace

int main(int argc, const char **argv) {
  llvm::ArrayRef<const char *> Args(argv, argc);
  static int Anchor;
  std::string Self = llvm::sys::fs::getMainExecutable(argv[0], &Anchor);
  nd_tidy::ContentRecord::ofThisRun(); // its start: before any source is read
  nd_tidy::reportFileSizeLimitAsError();
  if (nd_tidy::parseArgs(Args).HelpOrVersion)
    nd_tidy::installHelpAndVersion();
  if (nd_tidy::isProjectMode(Args))
    return nd_tidy::runProject(Args, Self);
  return runClangTidy(Args, Self);
}
