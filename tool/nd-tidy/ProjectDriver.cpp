#include "ProjectDriver.h"

#include "DiffFilter.h"
#include "SarifWriter.h"
#include "SourcePositions.h"

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

extern char **environ;

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

// clang-tidy options whose value may be the next argument (`--checks X`).
const char *const ValueOptions[] = {
    "checks",      "config",        "config-file",   "exclude-header-filter",
    "extra-arg",   "extra-arg-before", "format-style", "header-filter",
    "line-filter", "load",          "store-check-profile", "vfsoverlay",
    "warnings-as-errors"};
// Options that print information and exit: they keep plain clang-tidy.
const char *const InfoOptions[] = {
    "help",       "help-hidden",   "help-list",      "help-list-hidden", "version",
    "list-checks", "dump-config",  "explain-config", "verify-config"};

struct Options {
  std::optional<std::string> BuildDir; // -p, as given
  std::optional<unsigned> Jobs;
  std::optional<std::string> Diff;
  std::optional<std::pair<unsigned, unsigned>> Shard; // I, N
  std::optional<std::string> Sarif;
  std::optional<std::string> ExportFixes;
  bool Fix = false, FixErrors = false, FixNotes = false, Quiet = false;
  bool Info = false, DashDash = false;
  std::vector<std::string> Files;
  std::vector<std::string> PassThrough; // to every worker
  std::vector<std::string> Errors;      // usage errors
};

bool contains(llvm::ArrayRef<const char *> List, llvm::StringRef Name) {
  return llvm::any_of(List, [&](const char *S) { return Name == S; });
}

Options parseArgs(llvm::ArrayRef<const char *> Argv) {
  Options O;
  for (size_t I = 1; I < Argv.size(); ++I) {
    llvm::StringRef Arg = Argv[I];
    if (O.DashDash)
      continue; // compiler arguments; project mode refuses them
    if (Arg == "--") {
      O.DashDash = true;
      continue;
    }
    if (Arg.size() < 2 || Arg[0] != '-') {
      O.Files.push_back(Arg.str());
      continue;
    }
    llvm::StringRef Name = Arg.drop_front(Arg.starts_with("--") ? 2 : 1);
    auto [Key, Value] = Name.split('=');
    bool HasValue = Name.contains('=');
    auto TakeValue = [&, Key = Key, Value = Value]() -> std::optional<std::string> {
      if (HasValue)
        return Value.str();
      if (I + 1 < Argv.size())
        return std::string(Argv[++I]);
      O.Errors.push_back(("option '" + Arg + "' needs a value").str());
      return std::nullopt;
    };
    auto Flag = [&, Value = Value] {
      return !HasValue || !(Value == "false" || Value == "0" || Value == "FALSE");
    };
    if (Key == "p") {
      if (auto V = TakeValue())
        O.BuildDir = *V;
    } else if (Key == "j" || Key == "jobs" ||
               (Key.size() > 1 && Key[0] == 'j' &&
                llvm::all_of(Key.drop_front(), llvm::isDigit))) {
      std::optional<std::string> V;
      if (Key.size() > 1 && Key != "jobs")
        V = Key.drop_front().str();
      else
        V = TakeValue();
      unsigned N = 0;
      if (V && (llvm::StringRef(*V).getAsInteger(10, N) || N == 0))
        O.Errors.push_back("invalid number of jobs '" + *V + "': expected a positive integer");
      O.Jobs = N;
    } else if (Key == "diff") {
      O.Diff = TakeValue();
    } else if (Key == "shard") {
      if (auto V = TakeValue()) {
        auto [IText, NText] = llvm::StringRef(*V).split('/');
        unsigned Index = 0, Count = 0;
        if (IText.getAsInteger(10, Index) || NText.getAsInteger(10, Count) || Count == 0 ||
            Index == 0 || Index > Count)
          O.Errors.push_back("invalid shard '" + *V + "': expected I/N with 1 <= I <= N");
        O.Shard = {Index, Count};
      }
    } else if (Key == "sarif") {
      O.Sarif = TakeValue();
    } else if (Key == "export-fixes") {
      O.ExportFixes = TakeValue();
    } else if (Key == "fix") {
      O.Fix = Flag();
    } else if (Key == "fix-errors") {
      O.FixErrors = Flag();
      O.Fix |= O.FixErrors;
    } else if (Key == "fix-notes") {
      O.FixNotes = Flag();
    } else if (Key == "quiet") {
      O.Quiet = Flag();
    } else {
      if (contains(InfoOptions, Key))
        O.Info = true;
      O.PassThrough.push_back(Arg.str());
      if (!HasValue && contains(ValueOptions, Key) && I + 1 < Argv.size())
        O.PassThrough.push_back(Argv[++I]);
    }
  }
  return O;
}

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
  for (DiagnosticMessage &Note : D.Notes)
    Fixup(Note);
}

// One child process: this executable with Args, stdout and stderr to files.
struct Job {
  std::vector<std::string> Args;
  std::string Label;     // for the progress line
  std::string OutPath;   // empty: /dev/null
  std::string ErrPath;
  int ExitCode = 0;      // -1: could not run, -2: crashed
  std::string ExecError;
};

// The environment of the workers: ours, and ND_TIDY_WORKER=1 (see warnAboutConfig).
std::vector<llvm::StringRef> workerEnvironment() {
  static std::vector<std::string> Strings = [] {
    std::vector<std::string> Result;
    for (char **E = environ; *E; ++E)
      if (!llvm::StringRef(*E).starts_with("ND_TIDY_WORKER="))
        Result.push_back(*E);
    Result.push_back("ND_TIDY_WORKER=1");
    return Result;
  }();
  return std::vector<llvm::StringRef>(Strings.begin(), Strings.end());
}

void runJobs(std::vector<Job> &Jobs, llvm::StringRef Self, unsigned Parallel,
             bool Progress) {
  std::vector<llvm::StringRef> Env = workerEnvironment();
  std::atomic<size_t> Next{0};
  std::mutex ProgressMutex;
  auto Work = [&] {
    for (size_t I; (I = Next++) < Jobs.size();) {
      Job &J = Jobs[I];
      if (Progress) {
        std::lock_guard<std::mutex> Lock(ProgressMutex);
        llvm::errs() << "\r\033[K[" << I + 1 << "/" << Jobs.size() << "] " << J.Label;
        llvm::errs().flush();
      }
      llvm::SmallVector<llvm::StringRef, 32> Argv(J.Args.begin(), J.Args.end());
      std::optional<llvm::StringRef> Redirects[] = {
          llvm::StringRef(""), llvm::StringRef(J.OutPath), llvm::StringRef(J.ErrPath)};
      J.ExitCode = llvm::sys::ExecuteAndWait(Self, Argv, Env, Redirects, 0, 0,
                                             &J.ExecError);
    }
  };
  std::vector<std::thread> Threads;
  unsigned Count = std::min<size_t>(Parallel, Jobs.size());
  for (unsigned T = 0; T < Count; ++T)
    Threads.emplace_back(Work);
  for (std::thread &T : Threads)
    T.join();
  if (Progress && !Jobs.empty())
    llvm::errs() << "\r\033[K";
}

std::string readFile(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  return Buffer ? (*Buffer)->getBuffer().str() : std::string();
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
  void verifyConfig();
  void lint();
  void filterToDiff();
  void print();
  bool exportFixes();
  bool writeSarifFile();
  bool applyFixes();
  std::string where(const DiagnosticMessage &M);
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
  std::optional<ChangedLines> Changed;
  std::string TempDir;
  std::map<std::tuple<std::string, std::string, unsigned, std::string>, Finding> Findings;
  std::vector<const Finding *> Reported; // sorted
  std::vector<std::string> NotCompiling;
  bool WorkerFailed = false;
  SourcePositions Positions;
};

bool Driver::selectFiles() {
  std::vector<std::string> All;
  for (const std::string &F : Database->getAllFiles())
    All.push_back(absolutePath(F, BuildDir));
  llvm::sort(All);
  All.erase(std::unique(All.begin(), All.end()), All.end());

  if (!Opts.Files.empty()) {
    std::set<std::string> Wanted;
    for (const std::string &F : Opts.Files) {
      std::string Abs = absolutePath(F, "");
      std::string Real = realPathOr(Abs);
      auto It = llvm::find_if(All, [&](const std::string &T) {
        return T == Abs || realPathOr(T) == Real;
      });
      if (It == All.end()) {
        usageError("'" + F + "' is not in " + BuildDir + "/compile_commands.json");
        return false;
      }
      Wanted.insert(*It);
    }
    All.assign(Wanted.begin(), Wanted.end());
  }

  if (Opts.Diff) {
    std::string Root;
    llvm::Expected<std::string> Text = readDiff(*Opts.Diff, Root);
    if (!Text) {
      usageError("--diff " + *Opts.Diff + ": " + llvm::toString(Text.takeError()));
      return false;
    }
    Changed = ChangedLines::parse(*Text, Root);
    llvm::erase_if(All, [&](const std::string &F) {
      return !Changed->containsFile(realPathOr(F));
    });
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

std::vector<std::string> Driver::workerArgs(llvm::ArrayRef<std::string> Extra) {
  std::vector<std::string> Args{Self};
  Args.insert(Args.end(), Opts.PassThrough.begin(), Opts.PassThrough.end());
  Args.insert(Args.end(), {"-p", BuildDir});
  Args.insert(Args.end(), Extra.begin(), Extra.end());
  return Args;
}

// clang-tidy 19 checks the configuration's check names and options only with
// --verify-config: run that once per directory of the linted files (configuration
// files are looked up per directory) and pass its warnings on, e.g. an unknown
// `nd-*` option in a .clang-tidy file.
void Driver::verifyConfig() {
  std::map<std::string, std::string> PerDirectory;
  for (const std::string &F : Files)
    PerDirectory.try_emplace(llvm::sys::path::parent_path(F).str(), F);
  std::vector<Job> Jobs;
  for (const auto &[Dir, File] : PerDirectory) {
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
    J.Args = workerArgs({"--quiet", "--export-fixes=" + tempPath("tu-" + llvm::Twine(K) + ".yaml"),
                         Files[K]});
    Jobs.push_back(std::move(J));
  }
  unsigned Parallel = Opts.Jobs.value_or(std::max(1u, std::thread::hardware_concurrency()));
  runJobs(Jobs, Self, Parallel, llvm::sys::Process::StandardErrIsDisplayed());

  for (size_t K = 0; K < Files.size(); ++K) {
    const Job &J = Jobs[K];
    std::string YamlPath = tempPath("tu-" + llvm::Twine(K) + ".yaml");
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
      llvm::errs() << "nd-tidy: error: clang-tidy failed on '" << Files[K] << "' (";
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
    if (DoesNotCompile)
      NotCompiling.push_back(Files[K]);
    for (Diagnostic &D : TUD.Diagnostics) {
      makeAbsolute(D);
      auto Key = std::make_tuple(D.DiagnosticName, D.Message.FilePath, D.Message.FileOffset,
                                 D.Message.Message);
      auto [It, Inserted] = Findings.try_emplace(Key);
      if (Inserted)
        It->second.Diag = std::move(D);
      It->second.FixAllowed |= !DoesNotCompile || Opts.FixErrors;
    }
  }
}

void Driver::filterToDiff() {
  for (const auto &[Key, F] : Findings) {
    const DiagnosticMessage &M = F.Diag.Message;
    if (Changed && F.Diag.DiagnosticName != CompileError) {
      if (M.FilePath.empty())
        continue;
      std::string Real = realPathOr(M.FilePath);
      if (!Changed->containsLine(Real, Positions.position(M.FilePath, M.FileOffset).first))
        continue;
    }
    Reported.push_back(&F);
  }
  // Files sorted, then diagnostics by position.
  llvm::sort(Reported, [](const Finding *A, const Finding *B) {
    const Diagnostic &L = A->Diag, &R = B->Diag;
    return std::tie(L.Message.FilePath, L.Message.FileOffset, L.DiagnosticName,
                    L.Message.Message) < std::tie(R.Message.FilePath, R.Message.FileOffset,
                                                  R.DiagnosticName, R.Message.Message);
  });
}

std::string Driver::where(const DiagnosticMessage &M) {
  if (M.FilePath.empty())
    return "nd-tidy";
  auto [Line, Column] = Positions.position(M.FilePath, M.FileOffset);
  return (M.FilePath + ":" + llvm::Twine(Line) + ":" + llvm::Twine(Column)).str();
}

void Driver::print() {
  llvm::raw_ostream &OS = llvm::outs();
  for (const Finding *F : Reported) {
    const Diagnostic &D = F->Diag;
    bool IsError = D.DiagLevel == Diagnostic::Error;
    OS << where(D.Message) << ": "
       << (IsError ? "error" : D.DiagLevel == Diagnostic::Remark ? "remark" : "warning")
       << ": " << D.Message.Message << " [" << D.DiagnosticName
       << (IsError && D.DiagnosticName != CompileError ? ",-warnings-as-errors" : "")
       << "]\n";
    for (const DiagnosticMessage &Note : D.Notes)
      OS << where(Note) << ": note: " << Note.Message << "\n";
  }
  OS.flush();
}

bool Driver::exportFixes() {
  clang::tooling::TranslationUnitDiagnostics Merged;
  Merged.MainSourceFile = "";
  for (const Finding *F : Reported)
    Merged.Diagnostics.push_back(F->Diag);
  std::error_code EC;
  llvm::raw_fd_ostream OS(*Opts.ExportFixes, EC);
  if (EC) {
    llvm::errs() << "nd-tidy: error: cannot write '" << *Opts.ExportFixes
                 << "': " << EC.message() << "\n";
    return false;
  }
  llvm::yaml::Output Out(OS);
  Out << Merged;
  return true;
}

bool Driver::writeSarifFile() {
  std::vector<const Diagnostic *> Diags;
  for (const Finding *F : Reported)
    Diags.push_back(&F->Diag);
  if (llvm::Error Err = writeSarif(*Opts.Sarif, Diags, Positions, ND_DOCS_URL, ND_VERSION)) {
    llvm::errs() << "nd-tidy: error: " << llvm::toString(std::move(Err)) << "\n";
    return false;
  }
  return true;
}

bool sameReplacement(const Replacement &A, const Replacement &B) {
  return A.getOffset() == B.getOffset() && A.getLength() == B.getLength() &&
         A.getReplacementText() == B.getReplacementText();
}

// --fix: every reported fix once (a header's fix is reported once however many
// translation units include it); a fix that overlaps one already taken is refused.
bool Driver::applyFixes() {
  std::map<std::string, Replacements> Accepted;
  unsigned Total = 0, Taken = 0;
  for (const Finding *F : Reported) {
    const Diagnostic &D = F->Diag;
    if (D.Message.Fix.empty() || !F->FixAllowed)
      continue;
    ++Total;
    std::map<std::string, Replacements> Trial;
    std::string Conflict;
    for (const auto &Entry : D.Message.Fix) {
      std::string File = Entry.first().str();
      Replacements &Target = Trial.try_emplace(File, Accepted[File]).first->second;
      for (const Replacement &R : Entry.second) {
        if (llvm::any_of(Target, [&](const Replacement &A) { return sameReplacement(A, R); }))
          continue;
        if (llvm::Error Err = Target.add(R)) {
          Conflict = llvm::toString(std::move(Err));
          break;
        }
      }
      if (!Conflict.empty())
        break;
    }
    if (!Conflict.empty()) {
      llvm::errs() << "nd-tidy: warning: the fix of [" << D.DiagnosticName << "] at "
                   << where(D.Message)
                   << " overlaps a fix already applied and is not applied\n";
      continue;
    }
    for (auto &[File, Reps] : Trial)
      Accepted[File] = std::move(Reps);
    ++Taken;
  }
  bool Ok = true;
  for (const auto &[File, Reps] : Accepted) {
    if (Reps.empty())
      continue;
    llvm::Expected<std::string> Fixed = clang::tooling::applyAllReplacements(readFile(File), Reps);
    std::error_code EC;
    if (Fixed) {
      llvm::raw_fd_ostream OS(File, EC);
      if (!EC)
        OS << *Fixed;
    } else {
      EC = std::make_error_code(std::errc::invalid_argument);
      llvm::errs() << "nd-tidy: error: cannot apply the fixes to '" << File
                   << "': " << llvm::toString(Fixed.takeError()) << "\n";
      Ok = false;
      continue;
    }
    if (EC) {
      llvm::errs() << "nd-tidy: error: cannot write '" << File << "': " << EC.message() << "\n";
      Ok = false;
    }
  }
  if (!Opts.Quiet && Total > 0)
    llvm::errs() << "nd-tidy: applied " << Taken << " of " << Total << " suggested fixes\n";
  return Ok;
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
  if (!selectFiles())
    return 2;

  llvm::SmallString<128> Temp;
  if (std::error_code EC = llvm::sys::fs::createUniqueDirectory("nd-tidy", Temp))
    return usageError("cannot create a temporary directory: " + EC.message());
  TempDir = std::string(Temp);

  if (!Files.empty()) {
    verifyConfig();
    lint();
  }
  llvm::sys::fs::remove_directories(TempDir);

  filterToDiff();
  print();
  bool Ok = !WorkerFailed;
  if (Opts.ExportFixes)
    Ok &= exportFixes();
  if (Opts.Sarif)
    Ok &= writeSarifFile();
  if (Opts.Fix)
    Ok &= applyFixes();

  unsigned Warnings = 0, Errors = 0;
  for (const Finding *F : Reported)
    (F->Diag.DiagLevel == Diagnostic::Error ? Errors : Warnings) += 1;
  if (!Opts.Quiet) {
    llvm::errs() << "nd-tidy: " << Files.size() << " translation unit"
                 << (Files.size() == 1 ? "" : "s") << " linted: " << Warnings << " warning"
                 << (Warnings == 1 ? "" : "s") << ", " << Errors << " error"
                 << (Errors == 1 ? "" : "s") << "\n";
  }
  for (const std::string &F : NotCompiling)
    llvm::errs() << "nd-tidy: error: '" << F << "' does not compile\n";
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
  return O.Jobs || O.Diff || O.Shard || O.Sarif ||
         (O.BuildDir && O.Files.empty() && !O.DashDash);
}

void warnAboutConfig(llvm::ArrayRef<const char *> Argv, llvm::StringRef Self) {
  Options O = parseArgs(Argv);
  if (O.Info || O.Files.empty() || llvm::sys::Process::GetEnv("ND_TIDY_WORKER"))
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

int runProject(llvm::ArrayRef<const char *> Argv, llvm::StringRef Self) {
  return Driver(parseArgs(Argv), Self).run();
}

} // namespace nd_tidy
