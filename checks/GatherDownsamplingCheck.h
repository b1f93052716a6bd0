// nd-gather-downsampling: advanced indexing with arithmetic progressions
// (`m(rows(nd::all, nd::newaxis), cols)` with `rows = nd::arange(0, m.shape(0), 2)`)
// copies; basic slicing (`m(nd::slice(0, nd::none, 2), ...)`) selects the same
// elements as an O(1) view. See docs/checks/nd-gather-downsampling.md.
#pragma once

#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::nd_checks {

class GatherDownsamplingCheck : public ClangTidyCheck {
public:
  using ClangTidyCheck::ClangTidyCheck;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override { return LangOpts.CPlusPlus; }
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace clang::tidy::nd_checks
