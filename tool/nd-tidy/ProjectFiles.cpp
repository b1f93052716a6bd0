// Project mode: the compilation database's units selected (files, --diff, --shard) and
// the configuration of their directories.
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

namespace nd_tidy::project {

// The units of All (absolute paths) that Files name, by path or real path, sorted; an
// error for a file that is not one.
std::optional<std::vector<std::string>> unitsOf(llvm::ArrayRef<std::string> Files,
                                                llvm::ArrayRef<std::string> All,
                                                llvm::StringRef BuildDir) {
  std::set<std::string> Wanted;
  for (const std::string &F : Files) {
    std::string Abs = absolutePath(F, "");
    std::string Real = realPathOr(Abs);
    auto It =
        llvm::find_if(All, [&](const std::string &T) { return T == Abs || realPathOr(T) == Real; });
    if (It == All.end()) {
      usageError("'" + F + "' is not in " + BuildDir + "/compile_commands.json");
      return std::nullopt;
    }
    Wanted.insert(*It);
  }
  return std::vector<std::string>(Wanted.begin(), Wanted.end());
}

bool Driver::selectFiles() {
  std::vector<std::string> All;
  for (const std::string &F : Database->getAllFiles())
    All.push_back(absolutePath(F, BuildDir));
  llvm::sort(All);
  All.erase(std::unique(All.begin(), All.end()), All.end());

  if (!Opts.Files.empty()) {
    std::optional<std::vector<std::string>> Wanted = unitsOf(Opts.Files, All, BuildDir);
    if (!Wanted)
      return false;
    All = std::move(*Wanted);
  }

  if (Opts.Diff) {
    std::string Root;
    llvm::Expected<std::string> Text = readDiff(*Opts.Diff, Root);
    if (!Text) {
      usageError("--diff " + *Opts.Diff + ": " + llvm::toString(Text.takeError()));
      return false;
    }
    // An empty diff of a revision is no change; an empty --diff - is a pipe whose
    // `git diff` failed, or no diff at all.
    if (Text->empty() && *Opts.Diff != "-") {
      Changed.emplace();
    } else {
      llvm::Expected<ChangedLines> Parsed = ChangedLines::parse(*Text, Root);
      if (!Parsed) {
        usageError("--diff " + *Opts.Diff + ": " + llvm::toString(Parsed.takeError()));
        return false;
      }
      Changed = std::move(*Parsed);
    }
    All = unitsSeeingChanges(All);
  }

  if (Opts.Shard) {
    auto [Index, Count] = *Opts.Shard;
    std::vector<std::string> Mine;
    for (size_t K = Index - 1; K < All.size(); K += Count)
      Mine.push_back(All[K]);
    All = std::move(Mine);
  }
  Files = std::move(All);
  return true;
}

// The units whose source changed, and, when a file that is not a unit changed (a
// header), the units that include it.
std::vector<std::string> Driver::unitsSeeingChanges(const std::vector<std::string> &Units) {
  std::set<std::string> UnitFiles;
  for (const std::string &U : Units)
    UnitFiles.insert(realPathOr(U));
  bool HeaderChanged = llvm::any_of(
      Changed->files(), [&](const auto &Entry) { return !UnitFiles.count(Entry.first); });
  std::vector<std::string> Result;
  if (!HeaderChanged) {
    llvm::copy_if(Units, std::back_inserter(Result),
                  [&](const std::string &U) { return Changed->containsFile(realPathOr(U)); });
    return Result;
  }
  unsigned Parallel = Opts.Jobs.value_or(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::vector<std::string>> Reads = scanIncludes(*Database, Units, Parallel);
  for (size_t K = 0; K < Units.size(); ++K)
    if (llvm::any_of(Reads[K], [&](const std::string &F) { return Changed->containsFile(F); }))
      Result.push_back(Units[K]);
  return Result;
}

// The configuration of every directory of the linted files parses (clang-tidy would
// lint with its defaults instead), and each --warnings-as-errors glob matches a check
// enabled in one of them. Errors are printed once each.
bool Driver::checkConfiguration() {
  // Nothing selected (a diff or commit without C++ changes, an empty shard): there is
  // no configuration that applies, and no check for a glob to match.
  if (Directories.empty())
    return true;
  llvm::StringSet<> Printed;
  for (const auto &[Dir, File] : Directories) {
    ConfigurationFacts Facts = inspectConfiguration(Dir, Opts.Config, Opts.ConfigFile);
    for (const std::string &E : Facts.Errors)
      if (Printed.insert(E).second)
        usageError("the configuration does not parse: " + E);
  }
  if (!Printed.empty() || !Opts.WarningsAsErrors)
    return Printed.empty();
  std::vector<Job> Jobs;
  for (const auto &[Dir, File] : Directories) {
    Job J;
    J.Args = workerArgs({"--list-checks", File});
    J.OutPath = tempPath("checks-" + llvm::Twine(Jobs.size()) + ".out");
    J.ErrPath = tempPath("checks-" + llvm::Twine(Jobs.size()) + ".err");
    Jobs.push_back(std::move(J));
  }
  runJobs(Jobs, Self, Opts.Jobs.value_or(1), /*Progress=*/false);
  std::vector<std::string> Enabled;
  for (const Job &J : Jobs) {
    if (J.ExitCode != 0) {
      usageError("cannot list the enabled checks: " + llvm::StringRef(readFile(J.ErrPath)).trim());
      return false;
    }
    std::vector<std::string> Names = parseListChecks(readFile(J.OutPath));
    Enabled.insert(Enabled.end(), Names.begin(), Names.end());
  }
  std::vector<std::string> Unmatched = globsMatchingNoCheck(*Opts.WarningsAsErrors, Enabled);
  for (const std::string &Glob : Unmatched)
    usageError("--warnings-as-errors glob '" + Glob + "' matches no enabled check");
  return Unmatched.empty();
}

// clang-tidy 19 checks the configuration's check names and options only with
// --verify-config: run that once per directory of the linted files (configuration
// files are looked up per directory) and pass its warnings on, e.g. an unknown
// `nd-*` option in a .clang-tidy file.
void Driver::verifyConfig() {
  std::vector<Job> Jobs;
  for (const auto &[Dir, File] : Directories) {
    Job J;
    J.Args = workerArgs({"--verify-config", File});
    J.ErrPath = tempPath("verify-" + llvm::Twine(Jobs.size()) + ".err");
    Jobs.push_back(std::move(J));
  }
  runJobs(Jobs, Self, Opts.Jobs.value_or(1), /*Progress=*/false);
  llvm::StringSet<> Seen;
  for (const Job &J : Jobs)
    printConfigWarnings(readFile(J.ErrPath), Seen);
}

} // namespace nd_tidy::project
