// Project mode: what is reported (--diff), printed (findings, the summary) and written
// (--sarif, --export-fixes).
#include "ProjectDriverImpl.h"

#include "AtomicWrite.h"
#include "CheckSelection.h"
#include "CommandLine.h"
#include "Configuration.h"
#include "DiffFilter.h"
#include "FixApplication.h"
#include "FindingPrinter.h"
#include "IncludeGraph.h"
#include "PathSpelling.h"
#include "ResultCache.h"
#include "SarifWriter.h"
#include "SourcePositions.h"
#include "Workers.h"

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
#include "llvm/Support/Regex.h"
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

namespace nd_tidy::project {

#ifndef ND_VERSION
#define ND_VERSION ""
#endif

// Whether a finding is reported: with --diff, only on a changed line.
bool Driver::isReported(const Finding &F) {
  const DiagnosticMessage &M = F.Diag.Message;
  if (!Changed || F.Diag.DiagnosticName == CompileError)
    return true;
  if (M.FilePath.empty())
    return false;
  // The finding's statement, not only its line: a diagnostic's ranges and the text its
  // fix replaces (a whole loop, for nd-elementwise-loop) cover what it is about, so an
  // edit in a flagged loop's body touches the finding on its `for` line.
  std::string Real = realPathOr(M.FilePath);
  auto touches = [&](unsigned Offset, unsigned Length) {
    return Changed->touchesLines(Real, Positions.position(M.FilePath, Offset).first,
                                 Positions.position(M.FilePath, Offset + Length).first);
  };
  if (touches(M.FileOffset, 0))
    return true;
  for (const clang::tooling::FileByteRange &R : M.Ranges)
    if (R.FilePath == M.FilePath && touches(R.FileOffset, R.Length))
      return true;
  auto Fix = M.Fix.find(M.FilePath);
  if (Fix != M.Fix.end())
    for (const clang::tooling::Replacement &R : Fix->second)
      if (touches(R.getOffset(), R.getLength()))
        return true;
  return false;
}

static bool byPosition(const Finding *A, const Finding *B) {
  const Diagnostic &L = A->Diag, &R = B->Diag;
  return std::tie(L.Message.FilePath, L.Message.FileOffset, L.DiagnosticName, L.Message.Message) <
         std::tie(R.Message.FilePath, R.Message.FileOffset, R.DiagnosticName, R.Message.Message);
}

void Driver::printNew(std::vector<const Finding *> New) {
  llvm::sort(New, byPosition);
  for (const Finding *F : New)
    if (isReported(*F))
      printDiagnostic(llvm::outs(), F->Diag, Positions,
                      Opts.ShortFormat ? OutputFormat::Short : OutputFormat::Full);
  llvm::outs().flush();
}

void Driver::filterToDiff() {
  for (const auto &[Key, F] : Findings)
    if (isReported(F))
      Reported.push_back(&F);
  // Files sorted, then diagnostics by position.
  llvm::sort(Reported, byPosition);
}

// The totals, then one line per check, and what --fix would fix (as Ruff ends), e.g.
//   nd-tidy: 3 translation units linted: 2 warnings, 1 error
//   nd-tidy:   nd-gather-downsampling: 2 warnings (2 with a fix)
//   nd-tidy: 2 of 3 findings fixable with --fix
void Driver::printSummary() {
  struct Count {
    unsigned Warnings = 0, Errors = 0, WithFix = 0;
  };
  std::map<std::string, Count> PerCheck;
  Count Total;
  for (const Finding *F : Reported) {
    Count &C = PerCheck[F->Diag.DiagnosticName];
    bool IsError = F->Diag.DiagLevel == Diagnostic::Error;
    (IsError ? C.Errors : C.Warnings) += 1;
    (IsError ? Total.Errors : Total.Warnings) += 1;
    C.WithFix += !F->Diag.Message.Fix.empty();
    Total.WithFix += !F->Diag.Message.Fix.empty();
  }
  llvm::raw_ostream &OS = llvm::errs();
  if (Files.empty()) {
    OS << "nd-tidy: 0 translation units to lint\n";
    return;
  }
  OS << "nd-tidy: " << plural(Files.size(), "translation unit") << " linted";
  if (Cache)
    OS << " (" << llvm::count(FromCache, true) << " from the cache)";
  OS << ": " << plural(Total.Warnings, "warning") << ", " << plural(Total.Errors, "error") << "\n";
  for (const auto &[Check, C] : PerCheck) {
    OS << "nd-tidy:   " << Check << ": ";
    if (C.Warnings)
      OS << plural(C.Warnings, "warning") << (C.Errors ? ", " : "");
    if (C.Errors)
      OS << plural(C.Errors, "error");
    if (C.WithFix)
      OS << " (" << C.WithFix << " with a fix)";
    OS << "\n";
  }
  if (Total.WithFix && !Opts.Fix)
    OS << "nd-tidy: " << Total.WithFix << " of " << plural(Total.Warnings + Total.Errors, "finding")
       << " fixable with --fix\n";
}

bool Driver::exportFixes() {
  clang::tooling::TranslationUnitDiagnostics Merged;
  Merged.MainSourceFile = "";
  for (const Finding *F : Reported)
    Merged.Diagnostics.push_back(F->Diag);
  return reportWriteError(writeFileAtomically(*Opts.ExportFixes, [&](llvm::raw_ostream &OS) {
    llvm::yaml::Output Out(OS);
    Out << Merged;
  }));
}

// The base URI of the nd check pages (tool/common/CheckDocs.h): --docs-url, else where
// nd-clangd links its diagnostics as well.
std::string Driver::docsUrl() const { return nd_docs::ndDocsBase(Opts.DocsUrl, Self); }

bool Driver::writeSarifFile() {
  std::vector<const Diagnostic *> Diags;
  for (const Finding *F : Reported)
    Diags.push_back(&F->Diag);
  return reportWriteError(writeFileAtomically(*Opts.Sarif, [&](llvm::raw_ostream &OS) {
    writeSarif(OS, Diags, Positions, docsUrl(), ND_VERSION);
  }));
}

} // namespace nd_tidy::project
