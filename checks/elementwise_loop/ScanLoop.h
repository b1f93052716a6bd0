// Scans for nd-elementwise-loop: a loop that accumulates into a scalar and stores every
// partial result, `s += x(i); y(i) = s;`, is the inclusive scan nd::cumsum(x, 0, y)
// (cumprod, cummax, cummin for the other accumulations). Whether it is exactly that
// depends on where the accumulator starts and on who else sees it, which this file
// decides; NestAnalysis.cpp checks the body and writes the fix.
#pragma once

#include "LoopBody.h"
#include "LoopNest.h"

#include "clang/AST/ASTContext.h"
#include <optional>
#include <string>

namespace clang::tidy::nd_checks {

// The accumulator of a scan: its declaration and what its initial value requires.
struct ScanStart {
  const DeclStmt *Decl = nullptr;
  // The declaration is right before the loop and holds the identity: the fix replaces
  // both (nothing else sees the accumulator).
  bool RemoveDecl = false;
  // An initial value other than the identity, folded in after the scan with the row's
  // ufunc (exact for integers only): the accumulator's name when its declaration stays,
  // else the constant. Empty for the identity.
  std::optional<std::string> Fold;
  // Why the scan has no rewrite; empty when it has one.
  std::string Problem;
  SourceLocation ProblemLoc;
};

// For a nest whose body has Shape (BodyKind::Scan). One loop: the accumulator is
// declared in the loop's block, and no other statement there reads or writes it (its
// final value is not used). Nested loops: it is declared, alone, right before the
// innermost loop, so that it restarts on every line of the scan axis.
ScanStart scanStart(const LoopNest &Nest, const BodyShape &Shape, ASTContext &Context);

} // namespace clang::tidy::nd_checks
