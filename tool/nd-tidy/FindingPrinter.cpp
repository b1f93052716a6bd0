#include "FindingPrinter.h"

#include "PathSpelling.h"

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

  // The fix-its' new text under the text it replaces (one-line insertions only).
  std::string FixLine;
  auto Fixes = M.Fix.find(M.FilePath);
  if (Fixes != M.Fix.end())
    for (const clang::tooling::Replacement &R : Fixes->second) {
      llvm::StringRef New = R.getReplacementText();
      if (New.empty() || New.contains('\n') || R.getOffset() < LineStart || R.getOffset() > LineEnd)
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
