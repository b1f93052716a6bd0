#include "IncludeGraph.h"

#include "DiffFilter.h"

#include "clang/Basic/Version.h"
// LLVM 22 moved the scanning service to clang/DependencyScanning (namespace
// clang::dependencies) and the tool to clang/Tooling, and the tool reports errors to
// a DiagnosticConsumer: makeDependencies() below is the one place that differs.
#if CLANG_VERSION_MAJOR >= 22
#include "clang/Basic/Diagnostic.h"
#include "clang/DependencyScanning/DependencyScanningService.h"
#include "clang/Tooling/DependencyScanningTool.h"
#else
#include "clang/Tooling/DependencyScanning/DependencyScanningService.h"
#include "clang/Tooling/DependencyScanning/DependencyScanningTool.h"
#endif
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"

#include <atomic>
#include <optional>
#include <thread>

namespace nd_tidy {

#if CLANG_VERSION_MAJOR >= 22
namespace deps = clang::dependencies;
using ScanningTool = clang::tooling::DependencyScanningTool;
#else
namespace deps = clang::tooling::dependencies;
using ScanningTool = deps::DependencyScanningTool;
#endif

// The make-style dependency rule of one compile command, or nullopt when the scan fails.
static std::optional<std::string> makeDependencies(ScanningTool &Tool,
                                                   const clang::tooling::CompileCommand &Command) {
#if CLANG_VERSION_MAJOR >= 22
  clang::IgnoringDiagConsumer Ignore;
  return Tool.getDependencyFile(Command.CommandLine, Command.Directory, Ignore);
#else
  llvm::Expected<std::string> Rule = Tool.getDependencyFile(Command.CommandLine, Command.Directory);
  if (!Rule) {
    llvm::consumeError(Rule.takeError());
    return std::nullopt;
  }
  return *Rule;
#endif
}

std::vector<std::string> parseMakeDependencies(llvm::StringRef Rule) {
  std::vector<std::string> Names;
  // Skip the target: everything up to the first unescaped ": ".
  size_t Colon = Rule.find(": ");
  if (Colon == llvm::StringRef::npos)
    return Names;
  llvm::StringRef Rest = Rule.drop_front(Colon + 2);
  std::string Current;
  for (size_t I = 0; I < Rest.size(); ++I) {
    char C = Rest[I];
    if (C == '\\' && I + 1 < Rest.size()) {
      char Next = Rest[I + 1];
      if (Next == '\n' || Next == '\r') { // line continuation
        ++I;
        continue;
      }
      if (Next == ' ' || Next == '#' || Next == '\\') {
        Current += Next;
        ++I;
        continue;
      }
    }
    if (C == '$' && I + 1 < Rest.size() && Rest[I + 1] == '$') {
      Current += '$';
      ++I;
      continue;
    }
    if (C == ' ' || C == '\t' || C == '\n' || C == '\r') {
      if (!Current.empty())
        Names.push_back(std::move(Current));
      Current.clear();
      continue;
    }
    Current += C;
  }
  if (!Current.empty())
    Names.push_back(std::move(Current));
  return Names;
}

std::vector<std::vector<std::string>>
scanIncludes(const clang::tooling::CompilationDatabase &Database,
             const std::vector<std::string> &Units, unsigned Parallel) {
  std::vector<std::vector<std::string>> Result(Units.size());
  deps::DependencyScanningService Service(deps::ScanningMode::DependencyDirectivesScan,
                                          deps::ScanningOutputFormat::Make);
  std::atomic<size_t> Next{0};
  auto Work = [&] {
    ScanningTool Tool(Service);
    for (size_t I; (I = Next++) < Units.size();) {
      Result[I].push_back(realPathOr(Units[I]));
      std::vector<clang::tooling::CompileCommand> Commands = Database.getCompileCommands(Units[I]);
      if (Commands.empty())
        continue;
      const clang::tooling::CompileCommand &Command = Commands.front();
      std::optional<std::string> Rule = makeDependencies(Tool, Command);
      if (!Rule)
        continue;
      for (const std::string &Name : parseMakeDependencies(*Rule)) {
        llvm::SmallString<256> Path(Name);
        if (!llvm::sys::path::is_absolute(Path)) {
          Path = Command.Directory;
          llvm::sys::path::append(Path, Name);
        }
        llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
        Result[I].push_back(realPathOr(Path));
      }
    }
  };
  std::vector<std::thread> Threads;
  for (unsigned T = 0; T < std::max(1u, std::min<unsigned>(Parallel, Units.size())); ++T)
    Threads.emplace_back(Work);
  for (std::thread &T : Threads)
    T.join();
  return Result;
}

} // namespace nd_tidy
