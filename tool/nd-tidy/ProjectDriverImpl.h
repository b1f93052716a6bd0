// Project mode's driver, shared by the files that implement its jobs:
// ProjectFiles.cpp (the compilation database, the files selected, their
// configuration), ProjectScheduling.cpp (the workers and what they report),
// ProjectCache.cpp (--cache-dir), ProjectOutput.cpp (--diff, the printed findings and
// summary, --sarif, --export-fixes), ProjectFixes.cpp (--fix) and ProjectDriver.cpp
// (the order of the jobs, the public entry points of ProjectDriver.h).
#ifndef ND_TIDY_PROJECTDRIVERIMPL_H
#define ND_TIDY_PROJECTDRIVERIMPL_H

#include "CommandLine.h"
#include "DiffFilter.h"
#include "FixApplication.h"
#include "ResultCache.h"
#include "SourcePositions.h"
#include "Workers.h"

#include "clang/Tooling/Core/Diagnostic.h"
#include "clang/Tooling/Core/Replacement.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

namespace nd_tidy::project {

using clang::tooling::Diagnostic;
using clang::tooling::DiagnosticMessage;
using clang::tooling::Replacement;
using clang::tooling::Replacements;

constexpr llvm::StringLiteral CompileError = "clang-diagnostic-error";

// Path as an absolute, normalised path (relative to Base, or else the working
// directory).
std::string absolutePath(llvm::StringRef Path, llvm::StringRef Base);

// Prints a usage error; returns exit status 2.
int usageError(const llvm::Twine &Message);

// "1 warning", "2 warnings".
std::string plural(unsigned N, llvm::StringRef Word);

// The warnings of a --verify-config run, each once.
void printConfigWarnings(llvm::StringRef Text, llvm::StringSet<> &Seen);

// The units of All (absolute paths) that Files name, by path or real path, sorted; an
// error for a file that is not one.
std::optional<std::vector<std::string>> unitsOf(llvm::ArrayRef<std::string> Files,
                                                llvm::ArrayRef<std::string> All,
                                                llvm::StringRef BuildDir);

// Reports a failed write; false if there was one.
bool reportWriteError(llvm::Error Err);

// A diagnostic reported once, however many translation units saw it.
struct Finding {
  Diagnostic Diag;
  bool FixAllowed = false; // seen from a translation unit that compiles (or --fix-errors)
};

class Driver {
public:
  Driver(Options O, llvm::StringRef Self) : Opts(std::move(O)), Self(Self) {}
  int run();

private:
  // run's phases.
  std::optional<int> openProject();
  bool lintInTempDir();
  int report();

  bool selectFiles();
  std::vector<std::string> unitsSeeingChanges(const std::vector<std::string> &Units);
  bool checkConfiguration();
  void verifyConfig();
  void lint();
  bool openCache();
  std::vector<size_t> lookUpCache(std::vector<Job> &Jobs, unsigned Parallel);
  std::string yamlPath(size_t K) { return tempPath("tu-" + llvm::Twine(K) + ".yaml"); }
  std::vector<const Finding *> collect(size_t K, const Job &J);
  bool isWanted(const Diagnostic &D, const std::string &Unit);
  void respell(Diagnostic &D, size_t K);
  std::optional<std::string> exactPath(const std::string &Spelled, size_t K);
  unsigned parallel() const {
    return Opts.Jobs.value_or(std::max(1u, std::thread::hardware_concurrency()));
  }
  bool isReported(const Finding &F);
  void printNew(std::vector<const Finding *> New);
  void filterToDiff();
  void printSummary();
  bool exportFixes();
  bool writeSarifFile();
  std::string docsUrl() const;
  bool applyFixes();
  void recordContents(unsigned Parallel);
  const std::vector<std::vector<std::string>> &reads(unsigned Parallel);
  const std::string &identity(const std::string &Path) {
    auto [It, Inserted] = Identities.try_emplace(Path);
    if (Inserted)
      It->second = fileIdentity(Path);
    return It->second;
  }
  std::string tempPath(const llvm::Twine &Name) {
    llvm::SmallString<256> P(TempDir);
    llvm::sys::path::append(P, Name);
    return std::string(P);
  }
  std::vector<std::string> workerArgs(llvm::ArrayRef<std::string> Extra);

  Options Opts;
  std::string Self;
  std::string BuildDir; // absolute
  std::unique_ptr<clang::tooling::JSONCompilationDatabase> Database;
  std::vector<std::string> Files; // translation units to lint, sorted
  // Each directory of Files with one of its files: configuration is per directory.
  std::map<std::string, std::string> Directories;
  std::optional<ChangedLines> Changed;
  std::string TempDir;
  std::map<std::tuple<std::string, std::string, unsigned, std::string>, Finding> Findings;
  std::vector<const Finding *> Reported; // sorted
  std::vector<std::string> NotCompiling;
  bool WorkerFailed = false;
  struct HeaderFilter {
    std::optional<llvm::Regex> Include, Exclude;
  };
  std::map<std::string, HeaderFilter> HeaderFilters; // per directory of the units
  std::optional<ResultCache> Cache;                  // --cache-dir, --cache-url
  std::vector<bool> FromCache;                       // per unit of Files
  std::vector<std::string> CacheKeys;                // per unit of Files
  SourcePositions Positions;
  ContentRecord &Contents = ContentRecord::ofThisRun();       // --fix
  std::optional<std::vector<std::vector<std::string>>> Reads; // per unit of Files
  llvm::StringMap<std::string> Identities;                    // fileIdentity, by path
};

} // namespace nd_tidy::project

#endif
