// Project mode: the workers, one clang-tidy run per unit, N at a time, and what they
// report, read back as findings.
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

static llvm::StringMap<Replacements> absoluteFixes(const llvm::StringMap<Replacements> &Fix,
                                                   llvm::StringRef Base) {
  llvm::StringMap<Replacements> Result;
  for (const auto &Entry : Fix)
    for (const Replacement &R : Entry.second) {
      std::string Path = absolutePath(R.getFilePath(), Base);
      llvm::consumeError(Result[Path].add(
          Replacement(Path, R.getOffset(), R.getLength(), R.getReplacementText())));
    }
  return Result;
}

// Paths in clang-tidy's YAML are relative to the diagnostic's build directory when the
// compile command named the file relatively; make them absolute, so that a header seen
// from several translation units has one name.
static void makeAbsolute(Diagnostic &D) {
  auto Fixup = [&](DiagnosticMessage &M) {
    M.FilePath = absolutePath(M.FilePath, D.BuildDirectory);
    M.Fix = absoluteFixes(M.Fix, D.BuildDirectory);
  };
  Fixup(D.Message);
  for (clang::tooling::FileByteRange &R : D.Message.Ranges)
    R.FilePath = absolutePath(R.FilePath, D.BuildDirectory);
  for (DiagnosticMessage &Note : D.Notes)
    Fixup(Note);
}

std::vector<std::string> Driver::workerArgs(llvm::ArrayRef<std::string> Extra) {
  std::vector<std::string> Args{Self};
  Args.insert(Args.end(), Opts.PassThrough.begin(), Opts.PassThrough.end());
  // Every header's findings; the driver applies the header filter (isWanted).
  Args.insert(Args.end(), {"--header-filter=.*", "-p", BuildDir});
  Args.insert(Args.end(), Extra.begin(), Extra.end());
  return Args;
}

void Driver::lint() {
  std::vector<Job> Jobs;
  for (size_t K = 0; K < Files.size(); ++K) {
    Job J;
    J.Label = Files[K];
    J.ErrPath = tempPath("tu-" + llvm::Twine(K) + ".err");
    J.Args = workerArgs({"--quiet", "--export-fixes=" + yamlPath(K), Files[K]});
    Jobs.push_back(std::move(J));
  }
  unsigned Parallel = Opts.Jobs.value_or(std::max(1u, std::thread::hardware_concurrency()));
  if (Opts.Fix)
    recordContents(Parallel);
  std::vector<size_t> ToRun = lookUpCache(Jobs, Parallel);

  // Each unit's findings are printed as soon as it and every unit before it have
  // finished: streamed, in the same order for any -j.
  std::vector<bool> Finished(Files.size());
  size_t NextToPrint = 0;
  auto Done = [&](size_t K) {
    Finished[K] = true;
    for (; NextToPrint < Files.size() && Finished[NextToPrint]; ++NextToPrint)
      printNew(collect(NextToPrint, Jobs[NextToPrint]));
  };
  std::vector<Job> Running;
  for (size_t K = 0; K < Files.size(); ++K) {
    if (FromCache[K])
      Done(K);
    else
      Running.push_back(Jobs[K]);
  }
  runJobs(Running, Self, Parallel, llvm::sys::Process::StandardErrIsDisplayed(), [&](size_t I) {
    Jobs[ToRun[I]].ExitCode = Running[I].ExitCode;
    Jobs[ToRun[I]].ExecError = Running[I].ExecError;
    Done(ToRun[I]);
  });
}

// Reads unit K's results into Findings; the findings not seen in an earlier unit.
std::vector<const Finding *> Driver::collect(size_t K, const Job &J) {
  std::vector<const Finding *> New;
  std::string YamlPath = yamlPath(K);
  clang::tooling::TranslationUnitDiagnostics TUD;
  bool ReadError = false;
  if (llvm::sys::fs::exists(YamlPath)) {
    std::string Text = readFile(YamlPath);
    llvm::yaml::Input In(Text);
    In >> TUD;
    ReadError = static_cast<bool>(In.error());
  }
  bool DoesNotCompile = llvm::any_of(
      TUD.Diagnostics, [](const Diagnostic &D) { return D.DiagnosticName == CompileError; });
  bool AnyError = llvm::any_of(
      TUD.Diagnostics, [](const Diagnostic &D) { return D.DiagLevel == Diagnostic::Error; });
  // clang-tidy exits 1 for compiler errors and --warnings-as-errors findings, both
  // of which are in its YAML; anything else is a failure of the worker itself.
  if (ReadError || J.ExitCode < 0 || (J.ExitCode != 0 && !AnyError)) {
    WorkerFailed = true;
    llvm::errs() << "nd-tidy: error: clang-tidy failed on '" << displayPath(Files[K]) << "' (";
    if (ReadError)
      llvm::errs() << "unreadable fixes file";
    else if (J.ExitCode == -2)
      llvm::errs() << "crashed";
    else if (J.ExitCode == -1)
      llvm::errs() << "could not run: " << J.ExecError;
    else
      llvm::errs() << "exit code " << J.ExitCode;
    llvm::errs() << ")\n" << readFile(J.ErrPath);
  }
  bool Failed = ReadError || J.ExitCode < 0 || (J.ExitCode != 0 && !AnyError);
  if (Cache && !FromCache[K] && !Failed) {
    if (llvm::Error Err = Cache->store(CacheKeys[K], {readFile(YamlPath), J.ExitCode}))
      llvm::errs() << "nd-tidy: warning: " << llvm::toString(std::move(Err)) << "\n";
  }
  if (DoesNotCompile)
    NotCompiling.push_back(Files[K]);
  for (Diagnostic &D : TUD.Diagnostics) {
    makeAbsolute(D);
    respell(D, K);
    if (!isWanted(D, Files[K]))
      continue;
    // By the file's identity: a file seen by two paths (a symbolic link) is one file.
    auto Key = std::make_tuple(D.DiagnosticName, identity(D.Message.FilePath), D.Message.FileOffset,
                               D.Message.Message);
    auto [It, Inserted] = Findings.try_emplace(Key);
    if (Inserted) {
      It->second.Diag = std::move(D);
      New.push_back(&It->second);
    }
    It->second.FixAllowed |= !DoesNotCompile || Opts.FixErrors;
  }
  return New;
}

// A name that is not UTF-8 comes back from the worker's YAML with U+FFFD in it
// (PathSpelling.h): put back the exact bytes of the file it stands for, the unit itself
// or a file the unit reads, so that the finding is reported and its fix applied.
void Driver::respell(Diagnostic &D, size_t K) {
  auto Respell = [&](std::string &Path) {
    if (!mayBeMisspelled(Path))
      return;
    if (std::optional<std::string> Exact = exactPath(Path, K))
      Path = *Exact;
  };
  auto RespellMessage = [&](DiagnosticMessage &M) {
    Respell(M.FilePath);
    for (clang::tooling::FileByteRange &R : M.Ranges)
      Respell(R.FilePath);
    llvm::StringMap<Replacements> Fix;
    for (const auto &Entry : M.Fix) {
      std::string File = Entry.first().str();
      Respell(File);
      for (const Replacement &R : Entry.second) {
        std::string Path = R.getFilePath().str();
        Respell(Path);
        llvm::consumeError(
            Fix[File].add(Replacement(Path, R.getOffset(), R.getLength(), R.getReplacementText())));
      }
    }
    M.Fix = std::move(Fix);
  };
  RespellMessage(D.Message);
  for (DiagnosticMessage &Note : D.Notes)
    RespellMessage(Note);
}

std::optional<std::string> Driver::exactPath(const std::string &Spelled, size_t K) {
  if (yamlSpelling(Files[K]) == Spelled)
    return Files[K];
  for (const std::string &File : reads(parallel())[K])
    if (yamlSpelling(File) == Spelled)
      return File;
  return std::nullopt;
}

// clang-tidy matches its header filter against a header's name as the compiler spelled
// it, relative to the build directory or not depending on the include path, so the
// same regex finds different headers depending on where it runs (llvm#118009). The
// workers report every header; here the filter that applies to the unit (the flags,
// else the unit's configuration) is matched against the header's absolute, normalised
// path. Diagnostics in the unit's own file and compile errors always pass.
bool Driver::isWanted(const Diagnostic &D, const std::string &Unit) {
  const std::string &File = D.Message.FilePath;
  if (File.empty() || D.DiagnosticName == CompileError || File == Unit ||
      realPathOr(File) == realPathOr(Unit))
    return true;
  std::string Dir = llvm::sys::path::parent_path(Unit).str();
  auto [It, Inserted] = HeaderFilters.try_emplace(Dir);
  if (Inserted) {
    ConfigurationFacts Facts = inspectConfiguration(Dir, Opts.Config, Opts.ConfigFile);
    std::string Include = Opts.HeaderFilter.value_or(Facts.HeaderFilter.value_or(""));
    std::string Exclude = Opts.ExcludeHeaderFilter.value_or(Facts.ExcludeHeaderFilter.value_or(""));
    if (!Include.empty())
      It->second.Include.emplace(Include);
    if (!Exclude.empty())
      It->second.Exclude.emplace(Exclude);
  }
  const HeaderFilter &Filter = It->second;
  return Filter.Include && Filter.Include->match(File) &&
         !(Filter.Exclude && Filter.Exclude->match(File));
}

} // namespace nd_tidy::project
