#include "utils/LexerUtils.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/Lex/Lexer.h"

namespace clang::tidy::nd_checks::utils {

bool isInMacro(SourceRange R) { return R.getBegin().isMacroID() || R.getEnd().isMacroID(); }

std::string indentationOf(SourceLocation Loc, const SourceManager &SM) {
  std::pair<FileID, unsigned> Pos = SM.getDecomposedLoc(Loc);
  StringRef Buffer = SM.getBufferData(Pos.first);
  size_t LineStart = Buffer.rfind('\n', Pos.second == 0 ? 0 : Pos.second - 1);
  LineStart = LineStart == StringRef::npos ? 0 : LineStart + 1;
  StringRef Line = Buffer.substr(LineStart, Pos.second - LineStart);
  return Line.take_while([](char C) { return C == ' ' || C == '\t'; }).str();
}

std::optional<SourceLocation> afterSemicolon(SourceLocation End, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  Token Tok;
  SourceLocation Loc = Lexer::getLocForEndOfToken(End, 0, SM, Ctx.getLangOpts());
  if (Loc.isInvalid())
    return std::nullopt;
  // Skip whitespace and comments up to the semicolon.
  for (;;) {
    if (Lexer::getRawToken(Loc, Tok, SM, Ctx.getLangOpts(), /*IgnoreWhiteSpace=*/true))
      return std::nullopt;
    if (Tok.is(tok::comment)) {
      Loc = Tok.getEndLoc();
      continue;
    }
    if (!Tok.is(tok::semi))
      return std::nullopt;
    return Tok.getEndLoc();
  }
}

std::optional<CharSourceRange> declarationRange(const Expr *Call, const ASTContext &Context) {
  std::optional<SourceLocation> AfterSemi = afterSemicolon(Call->getEndLoc(), Context);
  if (!AfterSemi || Call->getBeginLoc().isMacroID())
    return std::nullopt;
  return CharSourceRange::getCharRange(Call->getBeginLoc(), *AfterSemi);
}

CharSourceRange wholeLines(const Stmt *DS, const SourceManager &SM, const LangOptions &LO) {
  SourceLocation Begin = DS->getBeginLoc();
  SourceLocation End = Lexer::getLocForEndOfToken(DS->getEndLoc(), 0, SM, LO);
  bool Invalid = false;
  llvm::StringRef Buffer = SM.getBufferData(SM.getFileID(Begin), &Invalid);
  if (Invalid)
    return CharSourceRange::getCharRange(Begin, End);
  unsigned B = SM.getFileOffset(Begin), E = SM.getFileOffset(End);
  unsigned LineStart = B;
  while (LineStart > 0 && (Buffer[LineStart - 1] == ' ' || Buffer[LineStart - 1] == '\t'))
    --LineStart;
  unsigned LineEnd = E;
  while (LineEnd < Buffer.size() && (Buffer[LineEnd] == ' ' || Buffer[LineEnd] == '\t'))
    ++LineEnd;
  bool OwnLine = (LineStart == 0 || Buffer[LineStart - 1] == '\n') &&
                 (LineEnd == Buffer.size() || Buffer[LineEnd] == '\n' || Buffer[LineEnd] == '\r');
  if (!OwnLine || LineStart == 0)
    return CharSourceRange::getCharRange(Begin, End);
  // Remove from the end of the previous line: clang's rewriter joins the whitespace
  // around a removal, which would otherwise eat the next line's indentation.
  unsigned From = LineStart - 1;
  if (From > 0 && Buffer[From - 1] == '\r')
    --From;
  return CharSourceRange::getCharRange(Begin.getLocWithOffset(-static_cast<int>(B - From)),
                                       End.getLocWithOffset(static_cast<int>(LineEnd - E)));
}

bool needsParentheses(const Expr *E, ASTContext &Context) {
  const Stmt *Node = E;
  while (true) {
    DynTypedNodeList Parents = Context.getParents(*Node);
    if (Parents.empty())
      return true;
    if (Parents[0].get<VarDecl>())
      return false;
    const Stmt *Parent = Parents[0].get<Stmt>();
    if (!Parent)
      return true;
    if (isa<ImplicitCastExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr, ExprWithCleanups>(
            Parent) ||
        (isa<CXXConstructExpr>(Parent) && cast<CXXConstructExpr>(Parent)->getNumArgs() == 1)) {
      Node = Parent;
      continue;
    }
    if (isa<ParenExpr, ReturnStmt, CompoundStmt, InitListExpr>(Parent))
      return false;
    if (const auto *Call = dyn_cast<CallExpr>(Parent))
      return !isa<CXXOperatorCallExpr>(Call) && Call->getCallee() == Node;
    if (isa<CXXConstructExpr>(Parent))
      return false;
    return true;
  }
}

std::string withoutEnclosingParens(const std::string &Text) {
  if (Text.size() < 2 || Text.front() != '(' || Text.back() != ')')
    return Text;
  int Depth = 0;
  for (size_t I = 0; I + 1 < Text.size(); ++I) {
    Depth += Text[I] == '(' ? 1 : Text[I] == ')' ? -1 : 0;
    if (Depth == 0)
      return Text; // the first parenthesis closes before the end
  }
  return Text.substr(1, Text.size() - 2);
}

} // namespace clang::tidy::nd_checks::utils
