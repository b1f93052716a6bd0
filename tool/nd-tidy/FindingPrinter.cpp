#include "FindingPrinter.h"

#include "PathSpelling.h"

#include "clang/Tooling/Core/Replacement.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/FormatVariadic.h"

namespace nd_tidy {

using clang::tooling::Diagnostic;
using clang::tooling::DiagnosticMessage;

namespace {

constexpr llvm::StringLiteral CompileError = "clang-diagnostic-error";
constexpr llvm::StringLiteral EmptyGutter = "      | ";

// Marks, a line of spaces and marks under Text, with Text's tabs kept so that the
// marks line up in a terminal; trailing spaces dropped.
std::string alignUnder(llvm::StringRef Text, std::string Marks) {
  for (size_t I = 0; I < Marks.size() && I < Text.size(); ++I)
    if (Marks[I] == ' ' && Text[I] == '\t')
      Marks[I] = '\t';
  return llvm::StringRef(Marks).rtrim(" \t").str();
}

// The fix-its' new text under the text it replaces, as clang shows a one-line fix.
void printOneLineFix(llvm::raw_ostream &OS, const DiagnosticMessage &M, llvm::StringRef Text,
                     unsigned LineStart, unsigned LineEnd) {
  std::string FixLine;
  auto Fixes = M.Fix.find(M.FilePath);
  if (Fixes != M.Fix.end())
    for (const clang::tooling::Replacement &R : Fixes->second) {
      llvm::StringRef New = R.getReplacementText();
      if (New.empty() || R.getOffset() < LineStart || R.getOffset() > LineEnd)
        continue;
      size_t At = R.getOffset() - LineStart;
      if (FixLine.size() > At)
        continue; // overlaps the previous one; clang shows the first
      FixLine.resize(At, ' ');
      FixLine += New;
    }
  if (!FixLine.empty())
    OS << EmptyGutter << alignUnder(Text, FixLine) << "\n";
}

// A fix that clang's one-line display cannot show: it inserts a line break, replaces
// one, or changes another line than the diagnostic's, or another file.
bool isMultiLineFix(const DiagnosticMessage &M, SourcePositions &Positions) {
  unsigned Line = Positions.position(M.FilePath, M.FileOffset).first;
  for (const auto &[File, Replacements] : M.Fix)
    for (const clang::tooling::Replacement &R : Replacements) {
      if (File != M.FilePath || R.getReplacementText().contains('\n'))
        return true;
      if (Positions.position(File, R.getOffset()).first != Line ||
          Positions.position(File, R.getOffset() + R.getLength()).first != Line)
        return true;
    }
  return false;
}

// The lines a multi-line fix changes, before ("-") and after ("+"), per file, as a
// unified diff shows them: what --fix would write, in full.
void printFixAsDiff(llvm::raw_ostream &OS, const DiagnosticMessage &M, SourcePositions &Positions) {
  for (const auto &[File, Replacements] : M.Fix) {
    if (Replacements.empty())
      continue;
    // Replacements is sorted by offset: the block starts at its first one's line.
    auto [First, Column] = Positions.position(File, Replacements.begin()->getOffset());
    if (First == 0)
      continue; // the file cannot be read
    unsigned Last = First;
    for (const clang::tooling::Replacement &R : Replacements)
      Last = std::max(Last, Positions.position(File, R.getOffset() + R.getLength()).first);
    unsigned BlockStart = Replacements.begin()->getOffset() - (Column - 1);
    std::string Before;
    for (unsigned L = First; L <= Last; ++L)
      Before += (Positions.lineText(File, L) + (L < Last ? "\n" : "")).str();
    // The same replacements, relative to the block, applied as --fix applies them.
    clang::tooling::Replacements InBlock;
    for (const clang::tooling::Replacement &R : Replacements)
      if (llvm::Error Err = InBlock.add(clang::tooling::Replacement(
              File, R.getOffset() - BlockStart, R.getLength(), R.getReplacementText())))
        return llvm::consumeError(std::move(Err));
    llvm::Expected<std::string> After = clang::tooling::applyAllReplacements(Before, InBlock);
    if (!After)
      return llvm::consumeError(After.takeError());
    OS << "      = fix" << (File == M.FilePath ? "" : (" in " + displayPath(File))) << ":\n";
    unsigned L = First;
    for (llvm::StringRef Old : llvm::split(llvm::StringRef(Before), '\n'))
      OS << llvm::formatv("{0,5} - ", L++) << Old << "\n";
    L = First;
    for (llvm::StringRef New : llvm::split(llvm::StringRef(*After), '\n'))
      OS << llvm::formatv("{0,5} + ", L++) << New << "\n";
  }
}

void printSnippet(llvm::raw_ostream &OS, const DiagnosticMessage &M, SourcePositions &Positions) {
  if (M.FilePath.empty())
    return;
  auto [Line, Column] = Positions.position(M.FilePath, M.FileOffset);
  if (Line == 0)
    return;
  llvm::StringRef Text = Positions.lineText(M.FilePath, Line);
  unsigned LineStart = M.FileOffset - (Column - 1);
  unsigned LineEnd = LineStart + Text.size();
  OS << llvm::formatv("{0,5} | ", Line) << Text << "\n";

  std::string Marks(Text.size() + 1, ' ');
  for (const clang::tooling::FileByteRange &R : M.Ranges) {
    if (R.FilePath != M.FilePath)
      continue;
    for (unsigned Offset = std::max(R.FileOffset, LineStart);
         Offset < std::min(R.FileOffset + R.Length, LineEnd); ++Offset)
      Marks[Offset - LineStart] = '~';
  }
  if (Column - 1 < Marks.size())
    Marks[Column - 1] = '^';
  OS << EmptyGutter << alignUnder(Text, Marks) << "\n";

  if (isMultiLineFix(M, Positions))
    printFixAsDiff(OS, M, Positions);
  else
    printOneLineFix(OS, M, Text, LineStart, LineEnd);
}

} // namespace

std::string location(SourcePositions &Positions, const DiagnosticMessage &M) {
  // A diagnostic without a location is clang's (its driver's, mostly: an unknown
  // argument), not nd-tidy's own: "clang: error: ...", as clang prints it.
  if (M.FilePath.empty())
    return "clang";
  auto [Line, Column] = Positions.position(M.FilePath, M.FileOffset);
  return (displayPath(M.FilePath) + ":" + llvm::Twine(Line) + ":" + llvm::Twine(Column)).str();
}

void printDiagnostic(llvm::raw_ostream &OS, const Diagnostic &D, SourcePositions &Positions,
                     OutputFormat Format) {
  bool IsError = D.DiagLevel == Diagnostic::Error;
  OS << location(Positions, D.Message) << ": "
     << (IsError                             ? "error"
         : D.DiagLevel == Diagnostic::Remark ? "remark"
                                             : "warning")
     << ": " << D.Message.Message << " [" << D.DiagnosticName
     << (IsError && D.DiagnosticName != CompileError ? ",-warnings-as-errors" : "") << "]\n";
  if (Format == OutputFormat::Full)
    printSnippet(OS, D.Message, Positions);
  for (const DiagnosticMessage &Note : D.Notes) {
    OS << location(Positions, Note) << ": note: " << Note.Message << "\n";
    if (Format == OutputFormat::Full)
      printSnippet(OS, Note, Positions);
  }
}

} // namespace nd_tidy
