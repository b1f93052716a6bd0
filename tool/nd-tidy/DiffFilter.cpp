#include "DiffFilter.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"
#include <optional>

namespace nd_tidy {

std::string realPathOr(llvm::StringRef Path) {
  llvm::SmallString<256> Real;
  if (!llvm::sys::fs::real_path(Path, Real))
    return std::string(Real);
  return std::string(Path);
}

std::string unquoteGitPath(llvm::StringRef Name) {
  if (Name.size() < 2 || Name.front() != '"' || Name.back() != '"')
    return Name.str();
  Name = Name.drop_front().drop_back();
  std::string Result;
  for (size_t I = 0; I < Name.size(); ++I) {
    char C = Name[I];
    if (C != '\\' || I + 1 == Name.size()) {
      Result += C;
      continue;
    }
    char Escaped = Name[++I];
    // Three octal digits: one byte of a name's UTF-8 (or other) encoding.
    if (Escaped >= '0' && Escaped <= '3' && I + 2 < Name.size() &&
        llvm::all_of(Name.substr(I + 1, 2), [](char D) { return D >= '0' && D <= '7'; })) {
      Result += static_cast<char>(((Escaped - '0') << 6) | ((Name[I + 1] - '0') << 3) |
                                  (Name[I + 2] - '0'));
      I += 2;
      continue;
    }
    switch (Escaped) {
    case 'a': Result += '\a'; break;
    case 'b': Result += '\b'; break;
    case 't': Result += '\t'; break;
    case 'n': Result += '\n'; break;
    case 'v': Result += '\v'; break;
    case 'f': Result += '\f'; break;
    case 'r': Result += '\r'; break;
    default: Result += Escaped; break; // a quote or a backslash
    }
  }
  return Result;
}

ChangedLines ChangedLines::parse(llvm::StringRef Diff, llvm::StringRef Root) {
  ChangedLines Result;
  std::string Current; // empty: a deleted file, or before the first "+++"
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Diff.split(Lines, '\n');
  for (llvm::StringRef Line : Lines) {
    Line = Line.rtrim("\r");
    if (Line.consume_front("+++ ")) {
      // git quotes a name with unusual bytes (non-ASCII, quotes, control characters) as
      // a C string, "b/caf\303\251.cpp"; other diff tools end the name with a tab.
      llvm::StringRef Quoted = Line.trim();
      std::string Unquoted = Quoted.starts_with("\"")
                                 ? unquoteGitPath(Quoted)
                                 : Line.split('\t').first.trim().str();
      llvm::StringRef Name = Unquoted;
      Current.clear();
      if (Name == "/dev/null")
        continue;
      Name.consume_front("b/");
      llvm::SmallString<256> Path(Name);
      if (!llvm::sys::path::is_absolute(Path)) {
        Path = Root;
        llvm::sys::path::append(Path, Name);
      }
      llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
      Current = realPathOr(Path);
      continue;
    }
    if (Current.empty() || !Line.consume_front("@@ "))
      continue;
    // "@@ -a[,b] +c[,d] @@": lines c .. c+d-1 of the new file (d defaults to 1).
    llvm::StringRef New = Line.split(' ').second.split(' ').first;
    if (!New.consume_front("+"))
      continue;
    auto [StartText, CountText] = New.split(',');
    unsigned Start = 0, Count = 1;
    if (StartText.getAsInteger(10, Start) ||
        (!CountText.empty() && CountText.getAsInteger(10, Count)))
      continue;
    if (Count > 0)
      Result.Files[Current].push_back({Start, Start + Count - 1});
  }
  return Result;
}

bool ChangedLines::containsFile(llvm::StringRef RealPath) const {
  return Files.count(std::string(RealPath)) != 0;
}

bool ChangedLines::containsLine(llvm::StringRef RealPath, unsigned Line) const {
  auto It = Files.find(std::string(RealPath));
  if (It == Files.end())
    return false;
  for (auto [First, Last] : It->second)
    if (First <= Line && Line <= Last)
      return true;
  return false;
}

namespace {
// Runs git with \p Args in the current directory; its standard output, or an error
// with its standard error.
llvm::Expected<std::string> runGit(llvm::ArrayRef<llvm::StringRef> Args) {
  llvm::ErrorOr<std::string> Git = llvm::sys::findProgramByName("git");
  if (!Git)
    return llvm::createStringError("git not found in PATH");
  llvm::SmallString<128> Out, Err;
  int OutFD, ErrFD;
  if (llvm::sys::fs::createTemporaryFile("nd-tidy-git", "out", OutFD, Out) ||
      llvm::sys::fs::createTemporaryFile("nd-tidy-git", "err", ErrFD, Err))
    return llvm::createStringError("cannot create a temporary file");
  llvm::sys::Process::SafelyCloseFileDescriptor(OutFD);
  llvm::sys::Process::SafelyCloseFileDescriptor(ErrFD);
  llvm::SmallVector<llvm::StringRef, 8> Argv{"git"};
  Argv.append(Args.begin(), Args.end());
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""), llvm::StringRef(Out),
                                                llvm::StringRef(Err)};
  std::string ExecError;
  int RC = llvm::sys::ExecuteAndWait(*Git, Argv, std::nullopt, Redirects, 0, 0, &ExecError);
  auto Read = [](llvm::StringRef Path) {
    auto Buffer = llvm::MemoryBuffer::getFile(Path);
    return Buffer ? (*Buffer)->getBuffer().str() : std::string();
  };
  std::string Output = Read(Out), Errors = Read(Err);
  llvm::sys::fs::remove(Out);
  llvm::sys::fs::remove(Err);
  if (RC != 0)
    return llvm::createStringError(
        "'git " + llvm::join(Args, " ") + "' failed: " +
        (Errors.empty() ? ExecError : llvm::StringRef(Errors).trim().str()));
  return Output;
}
} // namespace

llvm::Expected<std::string> readDiff(llvm::StringRef Ref, std::string &Root) {
  llvm::Expected<std::string> TopLevel = runGit({"rev-parse", "--show-toplevel"});
  if (Ref == "-") {
    if (TopLevel) {
      Root = llvm::StringRef(*TopLevel).trim().str();
    } else {
      llvm::consumeError(TopLevel.takeError());
      llvm::SmallString<256> Cwd;
      llvm::sys::fs::current_path(Cwd);
      Root = std::string(Cwd);
    }
    auto Input = llvm::MemoryBuffer::getSTDIN();
    if (!Input)
      return llvm::createStringError("cannot read the diff from standard input: " +
                                     Input.getError().message());
    return (*Input)->getBuffer().str();
  }
  // The ref must name a revision, never an option of git diff (--output=FILE would
  // write FILE): no leading '-', resolved by rev-parse, and passed after
  // --end-of-options as the object name rev-parse printed.
  if (Ref.empty() || Ref.starts_with("-"))
    return llvm::createStringError("'" + Ref + "' is not a git revision");
  if (!TopLevel)
    return TopLevel.takeError();
  Root = llvm::StringRef(*TopLevel).trim().str();
  llvm::Expected<std::string> Object =
      runGit({"rev-parse", "--verify", "--quiet", "--end-of-options", Ref});
  if (!Object) {
    llvm::consumeError(Object.takeError());
    return llvm::createStringError("'" + Ref + "' is not a git revision");
  }
  std::string Resolved = llvm::StringRef(*Object).trim().str();
  return runGit({"diff", "-U0", "--no-color", "--no-ext-diff", "--no-renames",
                 "--end-of-options", Resolved, "--"});
}

} // namespace nd_tidy
