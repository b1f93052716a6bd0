// Source text helpers for building fixes, in the manner of clang-tidy's
// utils/LexerUtils.h: where a statement ends, which lines it covers, how the line it
// starts on is indented, and when a replacement needs parentheses.
#pragma once

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"
#include <optional>
#include <string>

namespace clang::tidy::nd_checks::utils {

// Whether either end of R comes from a macro expansion.
bool isInMacro(SourceRange R);

// Leading whitespace of the line Loc is on, to indent inserted statements alike.
std::string indentationOf(SourceLocation Loc, const SourceManager &SM);

// The location just after the ';' that ends the statement whose last token is at End
// (whitespace and comments before the ';' skipped), or nullopt.
std::optional<SourceLocation> afterSemicolon(SourceLocation End, const ASTContext &Ctx);

// From Call to just after the ';' of its statement, when Call does not start in a macro.
std::optional<CharSourceRange> declarationRange(const Expr *Call, const ASTContext &Context);

// The range of the statement S, and when it stands on lines of its own, those lines
// (from the end of the previous line, so that removing it leaves no blank line and
// the next line's indentation intact).
CharSourceRange wholeLines(const Stmt *S, const SourceManager &SM, const LangOptions &LO);

// Whether text replacing E needs parentheses where E stands (it does not as an
// initialiser, a call argument, a return value or inside parentheses).
bool needsParentheses(const Expr *E, ASTContext &Context);

// Text without the one pair of parentheses that encloses all of it, if it has one:
// "(a + b)" gives "a + b"; "(a) + (b)" is returned as it is.
std::string withoutEnclosingParens(const std::string &Text);

} // namespace clang::tidy::nd_checks::utils
