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

namespace {

// The largest line number a hunk header may give: clang counts lines in an unsigned,
// and no source has 2^31 lines; a larger one is a damaged diff, not a line.
constexpr uint64_t MaxLine = (uint64_t(1) << 31) - 1;

// "a[,b]" of a hunk header (b defaults to 1); false if malformed or absurd.
bool parseRange(llvm::StringRef Text, uint64_t &Start, uint64_t &Count) {
  auto [StartText, CountText] = Text.split(',');
  Count = 1;
  if (StartText.empty() || StartText.getAsInteger(10, Start) ||
      (Text.contains(',') && (CountText.empty() || CountText.getAsInteger(10, Count))))
    return false;
  return Start <= MaxLine && Count <= MaxLine && Start + Count <= MaxLine + 1 &&
         (Start > 0 || Count == 0);
}

// The name of a "+++ " line: git quotes a name with unusual bytes (non-ASCII, quotes,
// control characters) as a C string, "b/caf\303\251.cpp"; other tools end it with a tab.
std::string newFileName(llvm::StringRef Line) {
  llvm::StringRef Quoted = Line.trim();
  return Quoted.starts_with("\"") ? unquoteGitPath(Quoted) : Line.split('\t').first.trim().str();
}

std::string resolve(llvm::StringRef Name, llvm::StringRef Root) {
  Name.consume_front("b/");
  llvm::SmallString<256> Path(Name);
  if (!llvm::sys::path::is_absolute(Path)) {
    Path = Root;
    llvm::sys::path::append(Path, Name);
  }
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return realPathOr(Path);
}

} // namespace

// A unified diff is read strictly: text before the first file header is allowed (a
// mail's headers, git's "diff --git" and "index" lines), but every hunk header must
// parse, with sane line numbers, and be followed by exactly the lines it counts; the
// input must name at least one file. Anything else (random bytes, an empty pipe behind
// a failed `git diff`, a cut or garbled diff) is an error, never "nothing changed".
llvm::Expected<ChangedLines> ChangedLines::parse(llvm::StringRef Diff, llvm::StringRef Root) {
  ChangedLines Result;
  std::string Current; // empty: a deleted file, or before the first "+++"
  bool SawFile = false;
  uint64_t OldLeft = 0, NewLeft = 0; // lines still due in the current hunk
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Diff.split(Lines, '\n');
  if (!Lines.empty() && Lines.back().empty())
    Lines.pop_back(); // after the last newline
  size_t Number = 0;
  auto Bad = [&](const llvm::Twine &Why) {
    return llvm::createStringError("not a unified diff: line " + llvm::Twine(Number) + ": " + Why);
  };
  for (llvm::StringRef Line : Lines) {
    ++Number;
    Line = Line.rtrim("\r");
    if (OldLeft || NewLeft) {
      char C = Line.empty() ? ' ' : Line.front(); // an empty context line lost its space
      if (C == '\\')
        continue; // "\ No newline at end of file"
      if ((C == ' ' && (!OldLeft || !NewLeft)) || (C == '-' && !OldLeft) ||
          (C == '+' && !NewLeft) || (C != ' ' && C != '-' && C != '+'))
        return Bad("the hunk does not have the lines its header counts");
      OldLeft -= C != '+';
      NewLeft -= C != '-';
      continue;
    }
    if (Line.starts_with("diff ")) { // a new file; it may have no hunk (a mode change)
      Current.clear();
      SawFile = true;
      continue;
    }
    if (Line.consume_front("+++ ")) {
      std::string Name = newFileName(Line);
      if (Name.empty())
        return Bad("a '+++' line without a file name");
      Current = Name == "/dev/null" ? "" : resolve(Name, Root);
      SawFile = true;
      continue;
    }
    if (!Line.starts_with("@@"))
      continue; // headers and text between files
    // "@@ -a[,b] +c[,d] @@": lines c .. c+d-1 of the new file.
    llvm::SmallVector<llvm::StringRef, 4> Fields;
    Line.split(Fields, ' ', /*MaxSplit=*/3, /*KeepEmpty=*/false);
    uint64_t OldStart, NewStart;
    if (!SawFile)
      return Bad("a hunk before any file header");
    if (Fields.size() < 4 || Fields[0] != "@@" || !Fields[1].consume_front("-") ||
        !Fields[2].consume_front("+") || !Fields[3].starts_with("@@"))
      return Bad("a malformed hunk header '" + Line + "'");
    if (!parseRange(Fields[1], OldStart, OldLeft) || !parseRange(Fields[2], NewStart, NewLeft))
      return Bad("a hunk header with an absurd or malformed line range '" + Line + "'");
    if (!Current.empty() && NewLeft > 0)
      Result.Files[Current].push_back({unsigned(NewStart), unsigned(NewStart + NewLeft - 1)});
  }
  if (OldLeft || NewLeft)
    return Bad("the diff ends inside a hunk");
  if (!SawFile)
    return llvm::createStringError(Diff.trim().empty()
                                       ? "the diff is empty (not a unified diff)"
                                       : "not a unified diff: no file header ('+++ ' line)");
  return Result;
}

bool ChangedLines::containsFile(llvm::StringRef RealPath) const {
  return Files.count(std::string(RealPath)) != 0;
}

bool ChangedLines::containsLine(llvm::StringRef RealPath, unsigned Line) const {
  return touchesLines(RealPath, Line, Line);
}

bool ChangedLines::touchesLines(llvm::StringRef RealPath, unsigned First, unsigned Last) const {
  auto It = Files.find(std::string(RealPath));
  if (It == Files.end())
    return false;
  for (auto [ChangedFirst, ChangedLast] : It->second)
    if (ChangedFirst <= Last && First <= ChangedLast)
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
        "'git " + llvm::join(Args, " ") +
        "' failed: " + (Errors.empty() ? ExecError : llvm::StringRef(Errors).trim().str()));
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
  return runGit({"diff", "-U0", "--no-color", "--no-ext-diff", "--no-renames", "--end-of-options",
                 Resolved, "--"});
}

} // namespace nd_tidy
