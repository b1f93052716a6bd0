#include "CheckSelection.h"

#include "Configuration.h"
#include "Workers.h"

#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"
#include "clang-tidy/GlobList.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"

namespace nd_tidy {

std::vector<std::string> withDefaultChecks(llvm::ArrayRef<const char *> Argv,
                                           bool ConfigurationNamesChecks) {
  std::vector<std::string> Args(Argv.begin(), Argv.end());
  if (ConfigurationNamesChecks || Args.empty())
    return Args;
  for (size_t I = 1; I < Args.size() && Args[I] != "--"; ++I) {
    llvm::StringRef Arg = Args[I];
    llvm::StringRef Name = Arg.drop_front(Arg.starts_with("--") ? 2 : 1);
    if (!Arg.starts_with("-"))
      continue;
    if (Name.consume_front("checks=")) {
      Args[I] = ("--checks=" + DefaultChecks + "," + Name).str();
      return Args;
    }
    if (Name == "checks" && I + 1 < Args.size()) {
      Args[I + 1] = (DefaultChecks + "," + Args[I + 1]).str();
      return Args;
    }
  }
  Args.insert(Args.begin() + 1, ("--checks=" + DefaultChecks).str());
  return Args;
}

llvm::Expected<std::vector<std::string>> enabledChecks(llvm::StringRef Self,
                                                       llvm::ArrayRef<std::string> Args) {
  llvm::SmallString<128> OutPath, ErrPath;
  if (std::error_code EC = llvm::sys::fs::createTemporaryFile("nd-tidy-checks", "out", OutPath))
    return llvm::createStringError(EC, "cannot create a temporary file: " + EC.message());
  if (std::error_code EC = llvm::sys::fs::createTemporaryFile("nd-tidy-checks", "err", ErrPath))
    return llvm::createStringError(EC, "cannot create a temporary file: " + EC.message());
  Job J;
  J.Args = {Self.str(), "--list-checks"};
  J.Args.insert(J.Args.end(), Args.begin(), Args.end());
  J.OutPath = std::string(OutPath);
  J.ErrPath = std::string(ErrPath);
  std::vector<Job> Jobs{std::move(J)};
  runJobs(Jobs, Self, 1, /*Progress=*/false);
  std::string Out = readFile(OutPath), Err = readFile(ErrPath);
  llvm::sys::fs::remove(OutPath);
  llvm::sys::fs::remove(ErrPath);
  if (Jobs[0].ExitCode != 0)
    return llvm::createStringError("cannot list the enabled checks: " +
                                   llvm::StringRef(Err).trim());
  return parseListChecks(Out);
}

std::vector<std::string> parseListChecks(llvm::StringRef Output) {
  // "Enabled checks:" then one indented name a line.
  std::vector<std::string> Names;
  llvm::SmallVector<llvm::StringRef, 64> Lines;
  Output.split(Lines, '\n');
  bool InList = false;
  for (llvm::StringRef Line : Lines) {
    if (Line.starts_with("Enabled checks:")) {
      InList = true;
      continue;
    }
    if (InList && Line.starts_with(" ") && !Line.trim().empty())
      Names.push_back(Line.trim().str());
  }
  return Names;
}

std::vector<std::string> globsMatchingNoCheck(llvm::StringRef WarningsAsErrors,
                                              llvm::ArrayRef<std::string> Enabled) {
  std::vector<std::string> Unmatched;
  llvm::SmallVector<llvm::StringRef, 8> Globs;
  WarningsAsErrors.split(Globs, ',', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Glob : Globs) {
    Glob = Glob.trim();
    if (Glob.empty() || Glob.starts_with("-"))
      continue;
    clang::tidy::GlobList Matcher(Glob);
    if (llvm::none_of(Enabled, [&](const std::string &C) { return Matcher.contains(C); }))
      Unmatched.push_back(Glob.str());
  }
  return Unmatched;
}

std::vector<std::string> ndCheckNames() {
  std::vector<std::string> Names;
  for (const auto &Entry : clang::tidy::ClangTidyModuleRegistry::entries()) {
    if (Entry.getName() != "nd-module")
      continue;
    clang::tidy::ClangTidyCheckFactories Factories;
    Entry.instantiate()->addCheckFactories(Factories);
    for (const auto &Factory : Factories)
      Names.push_back(Factory.getKey().str());
  }
  llvm::sort(Names);
  return Names;
}

} // namespace nd_tidy
