// nd-elementwise-loop: loops that walk nd::arrays element by element, rewritten as
// one broadcasting expression (the article's first trick). See
// docs/checks/nd-elementwise-loop.md.
#pragma once

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

private:
  // Nests shallower than this are not reported (1: every loop).
  const unsigned MinLoopDepth;
  // Whether loops in header files get fix-its (every includer would change).
  const bool FixInHeaders;
};

} // namespace clang::tidy::nd_checks
