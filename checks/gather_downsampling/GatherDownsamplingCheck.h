// nd-gather-downsampling: advanced indexing with arithmetic progressions
// (`m(rows(nd::all, nd::newaxis), cols)` with `rows = nd::arange(0, m.shape(0), 2)`)
// copies; basic slicing (`m(nd::slice(0, nd::none, 2), ...)`) selects the same
// elements as an O(1) view. See docs/checks/nd-gather-downsampling.md.
#pragma once

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace clang::tidy::nd_checks {

// One diagnostic with its fix-its and notes, kept until it is emitted.
struct GatherReport {
  SourceLocation Loc;
  std::string Message;
  std::vector<FixItHint> Fixes;
  std::vector<std::pair<SourceLocation, std::string>> Notes;
  // Same message, fix-its and notes (two instantiations of one template agree).
  bool sameOutcome(const GatherReport &Other) const;
};

class GatherDownsamplingCheck : public ClangTidyCheck {
public:
  using ClangTidyCheck::ClangTidyCheck;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  void submit(GatherReport Report, bool InInstantiation);
  void emit(const GatherReport &Report);

  llvm::DenseSet<SourceLocation> Reported;
  llvm::DenseMap<SourceLocation, std::optional<GatherReport>> PendingInstantiations;
};

} // namespace clang::tidy::nd_checks
