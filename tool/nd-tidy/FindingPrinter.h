// nd-tidy project mode: one diagnostic as clang prints it, `file:line:col: warning:
// message [check]` and its notes; in the full format each followed by the source line,
// a caret under the column with the ranges underlined, and the fix-it: its text under
// the text it replaces when it changes that one line, else the lines it changes before
// and after, in full.
#ifndef ND_TIDY_FINDINGPRINTER_H
#define ND_TIDY_FINDINGPRINTER_H

#include "SourcePositions.h"
#include "clang/Tooling/Core/Diagnostic.h"
#include "llvm/Support/raw_ostream.h"
#include <string>

namespace nd_tidy {

enum class OutputFormat { Short, Full };

/// "file:line:col" of a message, "clang" for one without a file (clang's own).
std::string location(SourcePositions &Positions, const clang::tooling::DiagnosticMessage &M);

/// Prints \p D (absolute paths) and its notes to \p OS.
void printDiagnostic(llvm::raw_ostream &OS, const clang::tooling::Diagnostic &D,
                     SourcePositions &Positions, OutputFormat Format);

} // namespace nd_tidy

#endif
