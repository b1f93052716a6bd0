#include "SingleFileProject.h"

#include "AtomicWrite.h"
#include "ProjectDriverImpl.h"
#include "Workers.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>

namespace nd_tidy {

using clang::tooling::CompilationDatabase;

bool isSingleFileProject(const Options &O) { return !O.Files.empty() && !O.BuildDir; }

static llvm::Error failure(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
}

// The compile command of one file in a database, as a compile_commands.json entry.
static llvm::Expected<llvm::json::Object> entry(CompilationDatabase &Database,
                                                const std::string &File) {
  std::string Path = project::absolutePath(File, "");
  std::vector<clang::tooling::CompileCommand> Commands = Database.getCompileCommands(Path);
  if (Commands.empty())
    return failure("'" + File + "' has no compile command");
  const clang::tooling::CompileCommand &C = Commands.front();
  return llvm::json::Object{{"directory", project::absolutePath(C.Directory, "")},
                            {"file", Path},
                            {"arguments", C.CommandLine}};
}

llvm::Expected<std::string> singleFileDatabase(const Options &O,
                                               llvm::ArrayRef<const char *> Argv) {
  std::string Error;
  std::unique_ptr<CompilationDatabase> Flags;
  if (O.DashDash) {
    // Relative to the working directory, as clang-tidy takes them.
    int Argc = static_cast<int>(Argv.size());
    Flags = clang::tooling::FixedCompilationDatabase::loadFromCommandLine(
        Argc, Argv.data(), Error, project::absolutePath(".", ""));
    if (!Flags)
      return failure("the compile flags after '--': " + Error);
  }
  llvm::json::Array Entries;
  for (const std::string &File : O.Files) {
    std::unique_ptr<CompilationDatabase> Detected;
    if (!Flags) {
      Detected = CompilationDatabase::autoDetectFromSource(project::absolutePath(File, ""), Error);
      if (!Detected)
        return failure("no compilation database for '" + File +
                       "' in its directory or above: give its build directory with -p "
                       "DIR, or its compile flags after '--'");
    }
    llvm::Expected<llvm::json::Object> Entry = entry(Flags ? *Flags : *Detected, File);
    if (!Entry)
      return Entry.takeError();
    Entries.push_back(std::move(*Entry));
  }
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << llvm::json::Value(std::move(Entries));
  OS.flush();
  return Text;
}

int runSingleFileProject(Options O, llvm::ArrayRef<const char *> Argv, llvm::StringRef Self) {
  for (const std::string &E : O.Errors)
    project::usageError(E);
  if (!O.Errors.empty())
    return 2;
  // The cache keys on the build directory, a temporary one here: nothing stored
  // would ever be found again.
  if (O.CacheDir || O.CacheUrl)
    return project::usageError(llvm::Twine(O.CacheDir ? "--cache-dir" : "--cache-url") +
                               " needs the build directory (-p DIR) of the files: the "
                               "cache is kept per compilation database");
  llvm::Expected<std::string> Database = singleFileDatabase(O, Argv);
  if (!Database)
    return project::usageError(llvm::toString(Database.takeError()));
  // Signals end the workers, and the directory is removed before nd-tidy ends with
  // the signal (runProject).
  installInterruptHandlers();
  llvm::SmallString<128> Dir;
  if (std::error_code EC = llvm::sys::fs::createUniqueDirectory("nd-tidy-files", Dir))
    return project::usageError("cannot create a temporary directory: " + EC.message());
  llvm::SmallString<128> Path(Dir);
  llvm::sys::path::append(Path, "compile_commands.json");
  int Status = 2;
  if (project::reportWriteError(
          writeFileAtomically(Path, [&](llvm::raw_ostream &OS) { OS << *Database; }))) {
    O.BuildDir = std::string(Dir);
    O.DashDash = false;
    Status = project::Driver(std::move(O), Self).run();
  }
  llvm::sys::fs::remove_directories(Dir);
  return Status;
}

} // namespace nd_tidy
