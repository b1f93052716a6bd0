#include "ProjectDriver.h"
#include "ProjectDriverImpl.h"

#include "AtomicWrite.h"
#include "CheckSelection.h"
#include "CommandLine.h"
#include "Configuration.h"
#include "DiffFilter.h"
#include "FixApplication.h"
#include "FindingPrinter.h"
#include "IncludeGraph.h"
#include "PathSpelling.h"
#include "ResultCache.h"
#include "SarifWriter.h"
#include "SingleFileProject.h"
#include "SourcePositions.h"
#include "Workers.h"

#include "clang/Tooling/Core/Replacement.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/YAMLTraits.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#ifndef ND_DOCS_URL
#define ND_DOCS_URL ""
#endif
#ifndef ND_VERSION
#define ND_VERSION ""
#endif

namespace nd_tidy {
namespace project {

std::string absolutePath(llvm::StringRef Path, llvm::StringRef Base) {
  if (Path.empty())
    return "";
  llvm::SmallString<256> Result(Path);
  if (!llvm::sys::path::is_absolute(Result)) {
    if (Base.empty()) {
      llvm::sys::fs::make_absolute(Result);
    } else {
      Result = Base;
      llvm::sys::path::append(Result, Path);
    }
  }
  llvm::sys::path::remove_dots(Result, /*remove_dot_dot=*/true);
  return std::string(Result);
}

// The warnings of a --verify-config run, each once.
void printConfigWarnings(llvm::StringRef Text, llvm::StringSet<> &Seen) {
  llvm::SmallVector<llvm::StringRef, 8> Lines;
  Text.split(Lines, '\n', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Line : Lines)
    if (Line.contains("warning: ") && Seen.insert(Line).second)
      llvm::errs() << Line << "\n";
}

int usageError(const llvm::Twine &Message) {
  llvm::errs() << "nd-tidy: error: " << Message << "\n";
  return 2;
}

std::string plural(unsigned N, llvm::StringRef Word) {
  return (llvm::Twine(N) + " " + Word + (N == 1 ? "" : "s")).str();
}

// Reports a failed write; false if there was one.
bool reportWriteError(llvm::Error Err) {
  if (!Err)
    return true;
  llvm::errs() << "nd-tidy: error: " << llvm::toString(std::move(Err)) << "\n";
  return false;
}

// The command line's errors, the compilation database, the files and the cache; the
// exit status of a usage error, or nullopt to go on.
std::optional<int> Driver::openProject() {
  for (const std::string &E : Opts.Errors)
    usageError(E);
  if (!Opts.Errors.empty())
    return 2;
  if (Opts.DashDash)
    return usageError("project mode takes the compile flags from compile_commands.json; "
                      "use --extra-arg instead of '--'");
  if (Opts.FixNotes)
    return usageError("--fix-notes is not supported in project mode");
  if (!Opts.BuildDir)
    return usageError("project mode needs the build directory: -p DIR");

  BuildDir = absolutePath(*Opts.BuildDir, "");
  llvm::SmallString<256> DatabasePath(BuildDir);
  llvm::sys::path::append(DatabasePath, "compile_commands.json");
  if (!llvm::sys::fs::exists(DatabasePath))
    return usageError("no compile_commands.json in '" + *Opts.BuildDir +
                      "'; configure the project with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON");
  std::string Error;
  Database = clang::tooling::JSONCompilationDatabase::loadFromFile(
      DatabasePath, Error, clang::tooling::JSONCommandLineSyntax::AutoDetect);
  if (!Database)
    return usageError("cannot read " + DatabasePath + ": " + Error);
  // An empty database is a broken configuration (a CMake run that failed half-way),
  // never a clean lint.
  if (Database->getAllFiles().empty())
    return usageError(DatabasePath +
                      " lists no translation unit; "
                      "configure the project again with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON");
  if (!selectFiles() || !openCache())
    return 2;
  return std::nullopt;
}

// The workers over the files, in a temporary directory that is removed before this
// returns; false if the configuration or that directory failed.
bool Driver::lintInTempDir() {
  // From here on a SIGTERM or SIGINT ends the workers and removes the temporary
  // directory, instead of leaving both behind.
  installInterruptHandlers();
  llvm::SmallString<128> Temp;
  if (std::error_code EC = llvm::sys::fs::createUniqueDirectory("nd-tidy", Temp)) {
    usageError("cannot create a temporary directory: " + EC.message());
    return false;
  }
  TempDir = std::string(Temp);

  for (const std::string &F : Files)
    Directories.try_emplace(llvm::sys::path::parent_path(F).str(), F);
  bool Configured = checkConfiguration();
  if (Configured && !Files.empty()) {
    verifyConfig();
    if (!interruptSignal())
      lint();
  }
  llvm::sys::fs::remove_directories(TempDir);
  return Configured;
}

// The outputs (fixes, SARIF, the summary) and the exit status.
int Driver::report() {
  filterToDiff();
  bool Ok = !WorkerFailed;
  if (Opts.ExportFixes)
    Ok &= exportFixes();
  if (Opts.Sarif)
    Ok &= writeSarifFile();
  if (Opts.Fix)
    Ok &= applyFixes();

  if (!Opts.Quiet)
    printSummary();
  for (const std::string &F : NotCompiling)
    llvm::errs() << "nd-tidy: error: '" << displayPath(F) << "' does not compile\n";
  if (!Ok || !NotCompiling.empty())
    return 2;
  bool WarningsAsErrors = llvm::any_of(Reported, [](const Finding *F) {
    return F->Diag.DiagLevel == Diagnostic::Error && F->Diag.DiagnosticName != CompileError;
  });
  return WarningsAsErrors ? 1 : 0;
}

int Driver::run() {
  if (std::optional<int> Status = openProject())
    return *Status;
  if (!lintInTempDir())
    return 2;
  if (int Signal = interruptSignal()) {
    // The workers were ended by the handler; nothing of theirs is reported.
    llvm::errs() << "\nnd-tidy: interrupted by signal " << Signal << "; the workers were "
                 << "ended and nothing was written\n";
    return 128 + Signal; // runProject ends with the signal
  }
  return report();
}

} // namespace project

using namespace project;

bool isProjectMode(llvm::ArrayRef<const char *> Argv) {
  Options O = parseArgs(Argv);
  if (O.Info)
    return false;
  // The flags clang-tidy does not have are project mode's: given to clangTidyMain,
  // they would be an unknown option.
  return O.Jobs || O.Diff || O.Shard || O.Sarif || O.FormatGiven || O.CacheDir || O.CacheUrl ||
         O.DocsUrl || (O.BuildDir && O.Files.empty() && !O.DashDash);
}

void warnAboutConfig(llvm::ArrayRef<const char *> Argv, llvm::StringRef Self) {
  Options O = parseArgs(Argv);
  if (O.Info || O.Files.empty() || isWorker())
    return;
  llvm::SmallString<128> ErrPath;
  int FD;
  if (llvm::sys::fs::createTemporaryFile("nd-tidy-verify", "err", FD, ErrPath))
    return;
  llvm::sys::Process::SafelyCloseFileDescriptor(FD);
  Job J;
  J.Args = {Self.str(), "--verify-config"};
  J.Args.insert(J.Args.end(), Argv.begin() + 1, Argv.end());
  J.ErrPath = std::string(ErrPath);
  std::vector<Job> Jobs{std::move(J)};
  runJobs(Jobs, Self, 1, /*Progress=*/false);
  llvm::StringSet<> Seen;
  printConfigWarnings(readFile(ErrPath), Seen);
  llvm::sys::fs::remove(ErrPath);
}

bool filesAreInDatabase(const Options &O) {
  if (!O.BuildDir || O.DashDash || O.Files.empty() || O.Info)
    return true;
  std::string BuildDir = absolutePath(*O.BuildDir, "");
  llvm::SmallString<256> DatabasePath(BuildDir);
  llvm::sys::path::append(DatabasePath, "compile_commands.json");
  std::string Error;
  std::unique_ptr<clang::tooling::JSONCompilationDatabase> Database =
      clang::tooling::JSONCompilationDatabase::loadFromFile(
          DatabasePath, Error, clang::tooling::JSONCommandLineSyntax::AutoDetect);
  if (!Database) // clang-tidy looks further (the parent directories) and says so itself
    return true;
  std::vector<std::string> All;
  for (const std::string &F : Database->getAllFiles())
    All.push_back(absolutePath(F, BuildDir));
  return unitsOf(O.Files, All, BuildDir).has_value();
}

int runProject(llvm::ArrayRef<const char *> Argv, llvm::StringRef Self) {
  Options O = parseArgs(Argv);
  int Status = isSingleFileProject(O) ? runSingleFileProject(std::move(O), Argv, Self)
                                      : Driver(std::move(O), Self).run();
  // After the temporary files of both are removed.
  endWithInterruptSignal();
  return Status;
}

} // namespace nd_tidy
