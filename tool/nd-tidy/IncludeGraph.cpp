#include "IncludeGraph.h"

#include "DiffFilter.h"

#include "clang/Tooling/DependencyScanning/DependencyScanningService.h"
#include "clang/Tooling/DependencyScanning/DependencyScanningTool.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"

#include <atomic>
#include <thread>

namespace nd_tidy {

namespace deps = clang::tooling::dependencies;

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
    deps::DependencyScanningTool Tool(Service);
    for (size_t I; (I = Next++) < Units.size();) {
      Result[I].push_back(realPathOr(Units[I]));
      std::vector<clang::tooling::CompileCommand> Commands =
          Database.getCompileCommands(Units[I]);
      if (Commands.empty())
        continue;
      const clang::tooling::CompileCommand &Command = Commands.front();
      llvm::Expected<std::string> Rule =
          Tool.getDependencyFile(Command.CommandLine, Command.Directory);
      if (!Rule) {
        llvm::consumeError(Rule.takeError());
        continue;
      }
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
