// nd-tidy project mode, --sarif: the reported diagnostics as one SARIF 2.1.0 run.
#ifndef ND_TIDY_SARIFWRITER_H
#define ND_TIDY_SARIFWRITER_H

#include "CheckDocs.h"
#include "SourcePositions.h"
#include "clang/Tooling/Core/Diagnostic.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"

namespace nd_tidy {

/// Writes \p Diags (absolute paths) to \p OS. Each reported check becomes a rule
/// whose helpUri is <\p NdDocsUrl><check>.md for nd checks and clang-tidy's page for
/// the standard ones.
void writeSarif(llvm::raw_ostream &OS, llvm::ArrayRef<const clang::tooling::Diagnostic *> Diags,
                SourcePositions &Positions, llvm::StringRef NdDocsUrl, llvm::StringRef ToolVersion);

// The rules' helpUri and the artifacts' URIs (tool/common/CheckDocs.h, shared with
// nd-clangd).
using nd_docs::checkHelpUri;
using nd_docs::fileUri;

/// One line on what \p Check finds (the rule's shortDescription; nd-tidy --help).
std::string checkDescription(llvm::StringRef Check);

} // namespace nd_tidy

#endif
