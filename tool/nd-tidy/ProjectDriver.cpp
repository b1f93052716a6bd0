#include "ProjectDriver.h"

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

#ifndef ND_DOCS_URL
#define ND_DOCS_URL ""
#endif
#ifndef ND_VERSION
#define ND_VERSION ""
#endif

namespace nd_tidy {
namespace {

using clang::tooling::Diagnostic;
using clang::tooling::DiagnosticMessage;
using clang::tooling::Replacement;
using clang::tooling::Replacements;

constexpr llvm::StringLiteral CompileError = "clang-diagnostic-error";

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

llvm::StringMap<Replacements> absoluteFixes(const llvm::StringMap<Replacements> &Fix,
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
void makeAbsolute(Diagnostic &D) {
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

// The units of All (absolute paths) that Files name, by path or real path, sorted; an
// error for a file that is not one.
std::optional<std::vector<std::string>> unitsOf(llvm::ArrayRef<std::string> Files,
                                                llvm::ArrayRef<std::string> All,
                                                llvm::StringRef BuildDir) {
  std::set<std::string> Wanted;
  for (const std::string &F : Files) {
    std::string Abs = absolutePath(F, "");
    std::string Real = realPathOr(Abs);
    auto It = llvm::find_if(All, [&](const std::string &T) {
      return T == Abs || realPathOr(T) == Real;
    });
    if (It == All.end()) {
      usageError("'" + F + "' is not in " + BuildDir + "/compile_commands.json");
      return std::nullopt;
    }
    Wanted.insert(*It);
  }
  return std::vector<std::string>(Wanted.begin(), Wanted.end());
}

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
  bool selectFiles();
  std::vector<std::string> unitsSeeingChanges(const std::vector<std::string> &Units);
  bool checkConfiguration();
  void verifyConfig();
  void lint();
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
  std::optional<ResultCache> Cache;   // --cache-dir
  std::vector<bool> FromCache;        // per unit of Files
  std::vector<std::string> CacheKeys; // per unit of Files
  SourcePositions Positions;
  ContentRecord &Contents = ContentRecord::ofThisRun(); // --fix
  std::optional<std::vector<std::vector<std::string>>> Reads; // per unit of Files
  llvm::StringMap<std::string> Identities;                    // fileIdentity, by path
};

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
  bool HeaderChanged = llvm::any_of(Changed->files(), [&](const auto &Entry) {
    return !UnitFiles.count(Entry.first);
  });
  std::vector<std::string> Result;
  if (!HeaderChanged) {
    llvm::copy_if(Units, std::back_inserter(Result), [&](const std::string &U) {
      return Changed->containsFile(realPathOr(U));
    });
    return Result;
  }
  unsigned Parallel = Opts.Jobs.value_or(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::vector<std::string>> Reads = scanIncludes(*Database, Units, Parallel);
  for (size_t K = 0; K < Units.size(); ++K)
    if (llvm::any_of(Reads[K], [&](const std::string &F) { return Changed->containsFile(F); }))
      Result.push_back(Units[K]);
  return Result;
}

std::vector<std::string> Driver::workerArgs(llvm::ArrayRef<std::string> Extra) {
  std::vector<std::string> Args{Self};
  Args.insert(Args.end(), Opts.PassThrough.begin(), Opts.PassThrough.end());
  // Every header's findings; the driver applies the header filter (isWanted).
  Args.insert(Args.end(), {"--header-filter=.*", "-p", BuildDir});
  Args.insert(Args.end(), Extra.begin(), Extra.end());
  return Args;
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
  runJobs(Running, Self, Parallel, llvm::sys::Process::StandardErrIsDisplayed(),
          [&](size_t I) {
            Jobs[ToRun[I]].ExitCode = Running[I].ExitCode;
            Jobs[ToRun[I]].ExecError = Running[I].ExecError;
            Done(ToRun[I]);
          });
}

// --cache-dir: the units whose results are stored are copied to their fixes files
// and marked FromCache; returns the others, to be linted.
std::vector<size_t> Driver::lookUpCache(std::vector<Job> &Jobs, unsigned Parallel) {
  FromCache.assign(Files.size(), false);
  CacheKeys.assign(Files.size(), "");
  std::vector<size_t> ToRun;
  unsigned Damaged = 0;
  if (!Cache) {
    for (size_t K = 0; K < Files.size(); ++K)
      ToRun.push_back(K);
    return ToRun;
  }
  const std::vector<std::vector<std::string>> &Reads = reads(Parallel);
  for (size_t K = 0; K < Files.size(); ++K) {
    std::vector<std::string> Parts{ND_VERSION, BuildDir, Files[K]};
    // The workers' output does not depend on the header filter (isWanted applies it).
    Parts.insert(Parts.end(), Opts.PassThrough.begin(), Opts.PassThrough.end());
    for (const clang::tooling::CompileCommand &C : Database->getCompileCommands(Files[K])) {
      Parts.push_back(C.Directory);
      Parts.insert(Parts.end(), C.CommandLine.begin(), C.CommandLine.end());
    }
    Parts.push_back(inspectConfiguration(llvm::sys::path::parent_path(Files[K]), Opts.Config,
                                         Opts.ConfigFile)
                        .Text);
    CacheKeys[K] = Cache->key(Parts, Reads[K]);
    ResultCache::Lookup Found = Cache->lookup(CacheKeys[K]);
    Damaged += Found.Damaged;
    std::optional<ResultCache::Entry> &Hit = Found.Hit;
    // A unit without findings has no fixes file (clang-tidy writes none), and its
    // entry stores an empty text: restore it as no file, exactly as the worker left it.
    if (Hit && (Hit->Yaml.empty() || !writeFileAtomically(yamlPath(K), [&](llvm::raw_ostream &OS) {
                  OS << Hit->Yaml;
                }))) {
      Jobs[K].ExitCode = Hit->ExitCode;
      FromCache[K] = true;
      continue;
    }
    ToRun.push_back(K);
  }
  if (Damaged)
    llvm::errs() << "nd-tidy: warning: " << Damaged
                 << (Damaged == 1 ? " cache entry" : " cache entries") << " in '"
                 << *Opts.CacheDir << "' " << (Damaged == 1 ? "is" : "are")
                 << " damaged or of another nd-tidy version; "
                 << (Damaged == 1 ? "its unit is" : "their units are") << " linted again and "
                 << (Damaged == 1 ? "the entry" : "the entries") << " replaced\n";
  return ToRun;
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
  bool DoesNotCompile = llvm::any_of(TUD.Diagnostics, [](const Diagnostic &D) {
    return D.DiagnosticName == CompileError;
  });
  bool AnyError = llvm::any_of(TUD.Diagnostics, [](const Diagnostic &D) {
    return D.DiagLevel == Diagnostic::Error;
  });
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
    auto Key = std::make_tuple(D.DiagnosticName, identity(D.Message.FilePath),
                               D.Message.FileOffset, D.Message.Message);
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
        llvm::consumeError(Fix[File].add(
            Replacement(Path, R.getOffset(), R.getLength(), R.getReplacementText())));
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
    std::string Exclude =
        Opts.ExcludeHeaderFilter.value_or(Facts.ExcludeHeaderFilter.value_or(""));
    if (!Include.empty())
      It->second.Include.emplace(Include);
    if (!Exclude.empty())
      It->second.Exclude.emplace(Exclude);
  }
  const HeaderFilter &Filter = It->second;
  return Filter.Include && Filter.Include->match(File) &&
         !(Filter.Exclude && Filter.Exclude->match(File));
}

// Whether a finding is reported: with --diff, only on a changed line.
bool Driver::isReported(const Finding &F) {
  const DiagnosticMessage &M = F.Diag.Message;
  if (!Changed || F.Diag.DiagnosticName == CompileError)
    return true;
  if (M.FilePath.empty())
    return false;
  return Changed->containsLine(realPathOr(M.FilePath),
                               Positions.position(M.FilePath, M.FileOffset).first);
}

bool byPosition(const Finding *A, const Finding *B) {
  const Diagnostic &L = A->Diag, &R = B->Diag;
  return std::tie(L.Message.FilePath, L.Message.FileOffset, L.DiagnosticName,
                  L.Message.Message) < std::tie(R.Message.FilePath, R.Message.FileOffset,
                                                R.DiagnosticName, R.Message.Message);
}

void Driver::printNew(std::vector<const Finding *> New) {
  llvm::sort(New, byPosition);
  for (const Finding *F : New)
    if (isReported(*F))
      printDiagnostic(llvm::outs(), F->Diag, Positions,
                      Opts.ShortFormat ? OutputFormat::Short : OutputFormat::Full);
  llvm::outs().flush();
}

void Driver::filterToDiff() {
  for (const auto &[Key, F] : Findings)
    if (isReported(F))
      Reported.push_back(&F);
  // Files sorted, then diagnostics by position.
  llvm::sort(Reported, byPosition);
}

// The totals, then one line per check, e.g.
//   nd-tidy: 3 translation units linted: 2 warnings, 1 error
//   nd-tidy:   nd-gather-downsampling: 2 warnings (2 with a fix)
void Driver::printSummary() {
  struct Count {
    unsigned Warnings = 0, Errors = 0, WithFix = 0;
  };
  std::map<std::string, Count> PerCheck;
  Count Total;
  for (const Finding *F : Reported) {
    Count &C = PerCheck[F->Diag.DiagnosticName];
    bool IsError = F->Diag.DiagLevel == Diagnostic::Error;
    (IsError ? C.Errors : C.Warnings) += 1;
    (IsError ? Total.Errors : Total.Warnings) += 1;
    C.WithFix += !F->Diag.Message.Fix.empty();
  }
  llvm::raw_ostream &OS = llvm::errs();
  if (Files.empty()) {
    OS << "nd-tidy: 0 translation units to lint\n";
    return;
  }
  OS << "nd-tidy: " << plural(Files.size(), "translation unit") << " linted";
  if (Cache)
    OS << " (" << llvm::count(FromCache, true) << " from the cache)";
  OS << ": "
     << plural(Total.Warnings, "warning") << ", " << plural(Total.Errors, "error") << "\n";
  for (const auto &[Check, C] : PerCheck) {
    OS << "nd-tidy:   " << Check << ": ";
    if (C.Warnings)
      OS << plural(C.Warnings, "warning") << (C.Errors ? ", " : "");
    if (C.Errors)
      OS << plural(C.Errors, "error");
    if (C.WithFix)
      OS << " (" << C.WithFix << " with a fix)";
    OS << "\n";
  }
}

// Reports a failed write; false if there was one.
bool reportWriteError(llvm::Error Err) {
  if (!Err)
    return true;
  llvm::errs() << "nd-tidy: error: " << llvm::toString(std::move(Err)) << "\n";
  return false;
}

bool Driver::exportFixes() {
  clang::tooling::TranslationUnitDiagnostics Merged;
  Merged.MainSourceFile = "";
  for (const Finding *F : Reported)
    Merged.Diagnostics.push_back(F->Diag);
  return reportWriteError(writeFileAtomically(*Opts.ExportFixes, [&](llvm::raw_ostream &OS) {
    llvm::yaml::Output Out(OS);
    Out << Merged;
  }));
}

// The base URI of the nd check pages: --docs-url, $ND_DOCS_URL, the ND_DOCS_URL nd was
// built with, or else the pages installed next to this executable
// (<prefix>/share/doc/nd/checks/ for <prefix>/bin/nd-tidy), wherever the prefix moved.
std::string Driver::docsUrl() const {
  if (Opts.DocsUrl)
    return *Opts.DocsUrl;
  std::optional<std::string> Env = llvm::sys::Process::GetEnv("ND_DOCS_URL");
  if (Env && !Env->empty())
    return *Env;
  if (!llvm::StringRef(ND_DOCS_URL).empty())
    return ND_DOCS_URL;
  llvm::SmallString<256> Dir(llvm::sys::path::parent_path(Self));
  llvm::sys::path::append(Dir, "..", "share", "doc");
  llvm::sys::path::append(Dir, "nd", "checks");
  llvm::sys::path::remove_dots(Dir, /*remove_dot_dot=*/true);
  return fileUri(Dir) + "/";
}

bool Driver::writeSarifFile() {
  std::vector<const Diagnostic *> Diags;
  for (const Finding *F : Reported)
    Diags.push_back(&F->Diag);
  return reportWriteError(writeFileAtomically(*Opts.Sarif, [&](llvm::raw_ostream &OS) {
    writeSarif(OS, Diags, Positions, docsUrl(), ND_VERSION);
  }));
}

// --fix: every reported fix once (a header's fix is reported once however many
// translation units include it, a file's once whatever paths name it); a fix that
// overlaps one already taken is refused. Each file is written only if it still has
// the content the run read (FixApplication.h).
bool Driver::applyFixes() {
  FixSet Fixes;
  unsigned Total = 0, Taken = 0;
  for (const Finding *F : Reported) {
    const Diagnostic &D = F->Diag;
    if (D.Message.Fix.empty() || !F->FixAllowed)
      continue;
    ++Total;
    if (!Fixes.add(D.Message.Fix)) {
      llvm::errs() << "nd-tidy: warning: the fix of [" << D.DiagnosticName << "] at "
                   << location(Positions, D.Message)
                   << " overlaps a fix already applied and is not applied\n";
      continue;
    }
    ++Taken;
  }
  bool Ok = Fixes.apply(Contents, llvm::errs());
  if (!Opts.Quiet && Total > 0)
    llvm::errs() << "nd-tidy: " << (Ok ? "applied " : "took ") << Taken << " of " << Total
                 << " suggested fixes" << (Ok ? "" : ", not every file was written") << "\n";
  return Ok;
}

// --fix: the content of every file the units read, recorded before any worker reads
// it, so that a file changed meanwhile (an editor, another nd-tidy) is not fixed.
void Driver::recordContents(unsigned Parallel) {
  for (const std::vector<std::string> &Unit : reads(Parallel))
    for (const std::string &File : Unit)
      Contents.record(File);
}

const std::vector<std::vector<std::string>> &Driver::reads(unsigned Parallel) {
  if (!Reads)
    Reads = scanIncludes(*Database, Files, Parallel);
  return *Reads;
}

int Driver::run() {
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
    return usageError(DatabasePath + " lists no translation unit; "
                      "configure the project again with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON");
  if (!selectFiles())
    return 2;

  // From here on a SIGTERM or SIGINT ends the workers and removes the temporary
  // directory, instead of leaving both behind.
  installInterruptHandlers();
  llvm::SmallString<128> Temp;
  if (std::error_code EC = llvm::sys::fs::createUniqueDirectory("nd-tidy", Temp))
    return usageError("cannot create a temporary directory: " + EC.message());
  TempDir = std::string(Temp);

  if (Opts.CacheDir)
    Cache.emplace(absolutePath(*Opts.CacheDir, ""), ND_VERSION);
  for (const std::string &F : Files)
    Directories.try_emplace(llvm::sys::path::parent_path(F).str(), F);
  if (!checkConfiguration()) {
    llvm::sys::fs::remove_directories(TempDir);
    return 2;
  }
  if (!Files.empty()) {
    verifyConfig();
    if (!interruptSignal())
      lint();
  }
  llvm::sys::fs::remove_directories(TempDir);
  if (int Signal = interruptSignal()) {
    // The workers were ended by the handler; nothing of theirs is reported.
    llvm::errs() << "\nnd-tidy: interrupted by signal " << Signal << "; the workers were "
                 << "ended and nothing was written\n";
    endWithInterruptSignal();
    return 128 + Signal;
  }

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

} // namespace

bool isProjectMode(llvm::ArrayRef<const char *> Argv) {
  Options O = parseArgs(Argv);
  if (O.Info)
    return false;
  // The flags clang-tidy does not have are project mode's: given to clangTidyMain,
  // they would be an unknown option.
  return O.Jobs || O.Diff || O.Shard || O.Sarif || O.FormatGiven || O.CacheDir ||
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
  return Driver(parseArgs(Argv), Self).run();
}

} // namespace nd_tidy
