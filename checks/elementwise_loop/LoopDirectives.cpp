#include "LoopDirectives.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSwitch.h"

namespace clang::tidy::nd_checks {

namespace {

// The words of a directive outside parentheses: `omp simd safelen(8)` gives
// omp, simd, safelen. Clause arguments (`reduction(+:s)`) are skipped.
llvm::SmallVector<llvm::StringRef, 8> topLevelWords(llvm::StringRef Text) {
  llvm::SmallVector<llvm::StringRef, 8> Words;
  int Depth = 0;
  size_t I = 0;
  while (I < Text.size()) {
    char C = Text[I];
    if (C == '(') {
      ++Depth;
      ++I;
    } else if (C == ')') {
      Depth = std::max(0, Depth - 1);
      ++I;
    } else if (isAsciiIdentifierContinue(C)) {
      size_t Start = I;
      while (I < Text.size() && isAsciiIdentifierContinue(Text[I]))
        ++I;
      if (Depth == 0)
        Words.push_back(Text.slice(Start, I));
    } else {
      ++I;
    }
  }
  return Words;
}

// `#pragma omp simd|unroll|tile` with only clauses that tune code generation: the loop
// means the same without it. Everything else OpenMP makes threads, tasks or device
// code, or gives variables a data-sharing meaning (private, reduction, linear...).
bool isOpenMPLoopHint(llvm::ArrayRef<llvm::StringRef> Words) {
  if (Words.size() < 2 || !llvm::is_contained({"simd", "unroll", "tile"}, Words[1]))
    return false;
  return llvm::all_of(Words.drop_front(2), [](llvm::StringRef Clause) {
    return llvm::is_contained(
        {"safelen", "simdlen", "aligned", "nontemporal", "order", "if", "full", "partial", "sizes"},
        Clause);
  });
}

} // namespace

DirectiveRole classifyDirective(llvm::StringRef Directive) {
  // A trailing comment is not part of the pragma.
  llvm::SmallVector<llvm::StringRef, 8> Words =
      topLevelWords(Directive.take_front(std::min(Directive.find("//"), Directive.find("/*"))));
  if (Words.size() < 2 || Words[0] != "pragma")
    return DirectiveRole::Unrelated;
  llvm::ArrayRef<llvm::StringRef> Pragma = llvm::ArrayRef(Words).drop_front();
  llvm::StringRef Name = Pragma[0];
  llvm::StringRef Second = Pragma.size() > 1 ? Pragma[1] : "";
  // Clang's and GCC's loop hints, and the Intel spellings clang and GCC tolerate.
  if (llvm::is_contained({"unroll", "nounroll", "unroll_and_jam", "nounroll_and_jam", "ivdep",
                          "vector", "novector", "loop_count"},
                         Name) ||
      (Name == "clang" && Second == "loop") ||
      (Name == "GCC" && llvm::is_contained({"unroll", "ivdep", "novector"}, Second)))
    return DirectiveRole::LoopHint;
  if (Name == "omp")
    return isOpenMPLoopHint(Pragma) ? DirectiveRole::LoopHint : DirectiveRole::LoopConstruct;
  if (Name == "acc")
    return DirectiveRole::LoopConstruct;
  return DirectiveRole::Unrelated;
}

namespace {

bool isConditional(llvm::StringRef Directive) {
  llvm::SmallVector<llvm::StringRef, 8> Words = topLevelWords(Directive);
  return !Words.empty() &&
         llvm::is_contained(
             {"if", "ifdef", "ifndef", "elif", "elifdef", "elifndef", "else", "endif"}, Words[0]);
}

// One logical source line: [Begin, End) offsets of its text, continuation lines joined.
struct Line {
  size_t Begin = 0, End = 0; // End: at the '\n' (or the buffer's end)
};

// The text of a directive starting at Hash (the offset of '#'): its physical lines
// joined, without the '#'.
std::string directiveText(llvm::StringRef Buffer, size_t Hash) {
  std::string Text;
  size_t I = Hash + 1;
  while (I < Buffer.size()) {
    size_t Newline = Buffer.find('\n', I);
    llvm::StringRef Physical = Buffer.slice(I, Newline).rtrim('\r');
    if (!Physical.ends_with("\\")) {
      Text += Physical.str();
      break;
    }
    Text += Physical.drop_back().str() + " ";
    if (Newline == llvm::StringRef::npos)
      break;
    I = Newline + 1;
  }
  return Text;
}

// The logical line that ends right before offset LineStart (the start of a line).
std::optional<Line> previousLine(llvm::StringRef Buffer, size_t LineStart) {
  if (LineStart == 0)
    return std::nullopt;
  Line L;
  L.End = LineStart - 1; // the '\n' ending the previous line
  L.Begin = Buffer.rfind('\n', L.End == 0 ? 0 : L.End - 1);
  L.Begin = L.Begin == llvm::StringRef::npos || L.End == 0 ? 0 : L.Begin + 1;
  // A line continued from the one before it belongs to the same directive.
  while (L.Begin > 0) {
    llvm::StringRef Before = Buffer.slice(0, L.Begin - 1).rtrim('\r');
    if (!Before.ends_with("\\"))
      break;
    size_t Start = Buffer.rfind('\n', L.Begin - 2);
    L.Begin = Start == llvm::StringRef::npos ? 0 : Start + 1;
  }
  return L;
}

// Where a statement of the loop has text in another file than the loop's (a body, or
// part of one, written in an #included file).
class ForeignStatementFinder : public RecursiveASTVisitor<ForeignStatementFinder> {
public:
  ForeignStatementFinder(const SourceManager &SM, FileID LoopFile) : SM(SM), LoopFile(LoopFile) {}
  bool VisitStmt(Stmt *S) {
    for (SourceLocation Loc : {S->getBeginLoc(), S->getEndLoc()})
      if (Loc.isValid() && SM.getFileID(SM.getExpansionLoc(Loc)) != LoopFile && Found.isInvalid())
        Found = SM.getExpansionLoc(Loc);
    return Found.isInvalid();
  }
  SourceLocation Found; // the first location in another file

private:
  const SourceManager &SM;
  FileID LoopFile;
};

std::string constructProblem(llvm::StringRef Text) {
  return "the loop is the subject of '#" + Text.trim().str() +
         "', which runs it in threads, tasks or on a device, or gives its variables a "
         "data-sharing meaning; the broadcasting expression runs on one thread and would drop "
         "the directive, so rewrite it by hand";
}

// One scan of the directives around a loop, in the phases of directivesOfLoop.
class DirectiveScan {
public:
  DirectiveScan(const Stmt *Loop, ASTContext &Context)
      : Loop(Loop), Context(Context), SM(Context.getSourceManager()),
        LoopBegin(SM.getExpansionLoc(Loop->getBeginLoc())), File(SM.getFileID(LoopBegin)) {}

  LoopDirectives Result;

  // Part of the loop written in another file (a body from an #include).
  bool rejectForeignText() {
    ForeignStatementFinder Foreign(SM, File);
    Foreign.TraverseStmt(const_cast<Stmt *>(Loop));
    if (Foreign.Found.isInvalid())
      return false;
    SourceLocation ForeignLoc = Foreign.Found;
    FileID Other = SM.getFileID(ForeignLoc);
    SourceLocation Include = SM.getIncludeLoc(Other);
    OptionalFileEntryRef Entry = SM.getFileEntryRefForID(Other);
    reject(Include.isValid() ? Include : ForeignLoc,
           "part of the loop comes from another file" +
               (Entry ? " ('" + llvm::sys::path::filename(Entry->getName()).str() + "')"
                      : std::string()) +
               " through an #include; a fix-it cannot rewrite text across files");
    return true;
  }

  // The replaced text as offsets in the loop's file, or false.
  bool delimit(CharSourceRange Replaced) {
    CharSourceRange FileRange = Lexer::makeFileCharRange(Replaced, SM, Context.getLangOpts());
    if (FileRange.isInvalid() || SM.getFileID(FileRange.getBegin()) != File) {
      reject(LoopBegin, "the loop's text could not be delimited in one file");
      return false;
    }
    Buffer = SM.getBufferData(File);
    ReplacedBegin = SM.getFileOffset(FileRange.getBegin());
    ReplacedEnd = SM.getFileOffset(FileRange.getEnd());
    return true;
  }

  // Directives inside the replaced text are deleted with it.
  void scanInside() {
    Lexer Raw(SM.getLocForStartOfFile(File), Context.getLangOpts(), Buffer.begin(),
              Buffer.begin() + ReplacedBegin, Buffer.end());
    Token Tok;
    while (!Raw.LexFromRawLexer(Tok) && SM.getFileOffset(Tok.getLocation()) < ReplacedEnd) {
      if (!Tok.is(tok::hash) || !Tok.isAtStartOfLine())
        continue;
      unsigned Hash = SM.getFileOffset(Tok.getLocation());
      std::string Text = directiveText(Buffer, Hash);
      DirectiveRole Role = classifyDirective(Text);
      if (Role == DirectiveRole::LoopHint) {
        FoundLoopPragma = true;
      } else if (Role == DirectiveRole::LoopConstruct) {
        reject(Tok.getLocation(), constructProblem(Text));
      } else {
        reject(Tok.getLocation(),
               "the directive '#" + llvm::StringRef(Text).trim().str() +
                   "' is part of the text the fix-it replaces and would be lost");
      }
    }
  }

  // Directives on the lines right before the loop (comments and blank lines between).
  void scanBefore() {
    unsigned LoopOffset = SM.getFileOffset(LoopBegin);
    size_t LineStart = Buffer.rfind('\n', LoopOffset == 0 ? 0 : LoopOffset - 1);
    LineStart = LineStart == llvm::StringRef::npos || LoopOffset == 0 ? 0 : LineStart + 1;
    // Something preceding the loop on its line (`{ for`, a label): no directive can
    // apply to it from the lines above without applying to that first.
    if (!Buffer.slice(LineStart, LoopOffset).trim().empty())
      return;
    bool Conditional = false;
    std::vector<Found> Block = directivesAbove(LineStart, Conditional);
    for (const Found &D : Block) {
      if (D.Role == DirectiveRole::Unrelated)
        continue;
      FoundLoopPragma = true;
      if (D.Role == DirectiveRole::LoopConstruct)
        reject(D.Loc, constructProblem(D.Text));
      else if (Conditional)
        reject(D.Loc, "the loop hint '#" + llvm::StringRef(D.Text).trim().str() +
                          "' is among conditional directives; remove it by hand with the loop");
      else if (D.Begin < ReplacedBegin)
        // The whole line, its newline included, so no blank line is left.
        Result.Removals.push_back(CharSourceRange::getCharRange(
            SM.getComposedLoc(File, D.Begin),
            SM.getComposedLoc(File, std::min<size_t>(D.End + 1, Buffer.size()))));
    }
  }

  // A loop attribute (LoopHintAttr) that no directive above explains comes from a
  // _Pragma, perhaps in a macro, which the fix cannot find to remove.
  void rejectUnexplainedHint() {
    DynTypedNodeList Parents = Context.getParents(*Loop);
    if (const auto *Attributed = Parents.empty() ? nullptr : Parents[0].get<AttributedStmt>();
        Attributed && !FoundLoopPragma)
      reject(Attributed->getBeginLoc(),
             "the loop carries a loop hint (from a _Pragma or a macro) that the fix-it cannot "
             "remove with it");
  }

private:
  struct Found {
    size_t Begin, End;
    SourceLocation Loc;
    std::string Text;
    DirectiveRole Role;
  };

  // The directives on the lines above LineStart, nearest first, up to the first line
  // that is neither a directive, a comment nor blank.
  std::vector<Found> directivesAbove(size_t LineStart, bool &Conditional) {
    std::vector<Found> Block;
    size_t At = LineStart;
    while (std::optional<Line> L = previousLine(Buffer, At)) {
      llvm::StringRef Text = Buffer.slice(L->Begin, L->End).trim();
      At = L->Begin;
      if (Text.empty() || Text.starts_with("//") ||
          (Text.starts_with("/*") && Text.ends_with("*/")))
        continue;
      if (!Text.starts_with("#"))
        break;
      size_t Hash = L->Begin + Buffer.slice(L->Begin, L->End).find('#');
      std::string Directive = directiveText(Buffer, Hash);
      Conditional |= isConditional(Directive);
      Block.push_back({L->Begin, L->End, SM.getComposedLoc(File, Hash), Directive,
                       classifyDirective(Directive)});
    }
    return Block;
  }

  void reject(SourceLocation Loc, std::string Why) {
    if (Result.Problem.empty()) {
      Result.ProblemLoc = Loc;
      Result.Problem = std::move(Why);
    }
  }

  const Stmt *Loop;
  ASTContext &Context;
  const SourceManager &SM;
  SourceLocation LoopBegin;
  FileID File;
  llvm::StringRef Buffer;
  unsigned ReplacedBegin = 0, ReplacedEnd = 0;
  bool FoundLoopPragma = false;
};

} // namespace

LoopDirectives directivesOfLoop(const Stmt *Loop, CharSourceRange Replaced, ASTContext &Context) {
  DirectiveScan Scan(Loop, Context);
  if (Scan.rejectForeignText() || !Scan.delimit(Replaced))
    return Scan.Result;
  Scan.scanInside();
  Scan.scanBefore();
  Scan.rejectUnexplainedHint();
  return Scan.Result;
}

} // namespace clang::tidy::nd_checks
