// The preprocessor around a loop that nd-elementwise-loop replaces: directives a fix
// would strand or delete, and loop text that comes from another file.
//
// A loop pragma (`#pragma GCC unroll 4`, `#pragma clang loop ...`, `#pragma omp simd`)
// applies to the loop that follows it; left before the statement that replaces the
// loop it no longer compiles, so the fix removes it with its loop. OpenMP and OpenACC
// constructs that run the loop in threads or on a device, or that give variables a
// data-sharing meaning, are not removed: the loop gets no fix. Any other directive the
// replaced text contains (`#if`, `#include`, `#pragma GCC diagnostic`) would be lost
// with it: no fix either. See docs/checks/nd-elementwise-loop.md.
#pragma once

#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include <string>
#include <vector>

namespace clang::tidy::nd_checks {

// What one directive means to a loop that follows it.
enum class DirectiveRole {
  LoopHint,      // tunes the loop's code only; removed with the loop
  LoopConstruct, // changes how or where the loop runs, or what its variables mean
  Unrelated,     // not about the loop (#pragma GCC diagnostic, #if, #include, ...)
};

// The role of a directive, given its text after the '#' (continuation lines joined).
DirectiveRole classifyDirective(llvm::StringRef Directive);

struct LoopDirectives {
  // Whole lines (indentation and newline included) of loop hints right before the
  // loop and outside the replaced text: the fix removes them.
  std::vector<CharSourceRange> Removals;
  // Why the loop cannot be replaced, or empty.
  SourceLocation ProblemLoc;
  std::string Problem;
};

// The directives that matter to replacing `Replaced` (which contains Loop): those in
// it, and those on the lines directly before Loop (only comments and blank lines in
// between). Also rejects a loop whose statements come from another file (a body from
// an #include), and one that carries a loop attribute no directive found explains
// (a `_Pragma` written in a macro).
LoopDirectives directivesOfLoop(const Stmt *Loop, CharSourceRange Replaced, ASTContext &Context);

} // namespace clang::tidy::nd_checks
