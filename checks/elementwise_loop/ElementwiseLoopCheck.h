// nd-elementwise-loop: loops that walk nd::arrays element by element, rewritten as
// one broadcasting expression (the article's first trick). See
// docs/checks/nd-elementwise-loop.md.
#pragma once

#include "TemplateInstantiations.h"
#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::nd_checks {

struct LoopNest;

class ElementwiseLoopCheck : public ClangTidyCheck {
public:
  ElementwiseLoopCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void onEndOfTranslationUnit() override;

private:
  // Forms 1-4: a loop nest (Instantiated: in an instantiation of a template).
  void checkLoop(const Stmt *Loop, const Decl *Scope, bool Instantiated, ASTContext &Context);
  // Form 5: a scalar lambda applied with nd::vectorize or std::transform.
  void checkVectorize(const CXXOperatorCallExpr *Call, const Stmt *Scope, ASTContext &Context);
  void checkTransform(const CallExpr *Call, const Stmt *Scope, ASTContext &Context);
  // Reports at Loc; with a fix-it replacing Range by Replacement unless Problem is set
  // (then a note at ProblemLoc says why there is none).
  void report(SourceLocation Loc, const std::string &Message, CharSourceRange Range,
              const std::string &Replacement, SourceLocation ProblemLoc, std::string Problem,
              const SourceManager &SM);

  // A loop's warning, with its fix-its or the note saying why there are none.
  void emit(const LoopFinding &Finding);

  // Loops of templates over nd::array<T>, one finding per instantiation until the end
  // of the translation unit merges them.
  InstantiationFindings Instantiations;
  // Nests shallower than this are not reported (1: every loop).
  const unsigned MinLoopDepth;
  // Whether loops in header files get fix-its (every includer would change).
  const bool FixInHeaders;
};

} // namespace clang::tidy::nd_checks
