// The first condition of every nd matcher: the node is in code the user wrote.
//
// MatchFinder offers every node of the translation unit to every matcher: the standard
// library's templates, and the nd runtime's own headers with all their instantiations.
// Nothing there can be reported (clang-tidy drops diagnostics in system headers, and the
// runtime's code is not the user's to rewrite), but matchers that walk ancestors
// (forCallable, hasAncestor, isInTemplateInstantiation) made clang build the parent map
// of the whole translation unit and walk it from each of those nodes. This matcher
// rejects them first, at the cost of one cached lookup per node:
//   - a translation unit that declares no `nd::array` cannot contain anything the nd
//     checks report, so every node is rejected at once;
//   - otherwise a node is user code when its expansion location is neither in a system
//     header nor in the directory of the header that declares `nd::array` (the runtime's
//     headers), decided once per file.
// See docs/performance.md, "The checks' cost".
#pragma once

#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/DenseMap.h"
#include <memory>
#include <string>

namespace clang::tidy::nd_checks {

class UserCodeFilter {
public:
  bool isUserCode(SourceLocation Loc, ASTContext &Context);

private:
  void startTranslationUnit(ASTContext &Context);
  bool isUserFile(FileID File, const SourceManager &SM) const;

  const ASTContext *Context = nullptr;
  bool DeclaresNdArray = false;
  std::string RuntimeDirectory; // with a trailing separator; empty: exclude none
  llvm::DenseMap<FileID, bool> UserFiles;
  FileID LastFile;
  bool LastResult = false;
};

namespace internal {
template <typename NodeType>
bool isInUserCode(const NodeType &Node, UserCodeFilter &Filter, ASTContext &Context) {
  return Filter.isUserCode(Node.getBeginLoc(), Context);
}
} // namespace internal

AST_POLYMORPHIC_MATCHER_P(isInUserCodeOf, AST_POLYMORPHIC_SUPPORTED_TYPES(Stmt, Decl),
                          std::shared_ptr<UserCodeFilter>, Filter) {
  return internal::isInUserCode(Node, *Filter, Finder->getASTContext());
}

// A matcher with its own cache; share one among the matchers of a check.
inline auto isInUserCode() { return isInUserCodeOf(std::make_shared<UserCodeFilter>()); }

} // namespace clang::tidy::nd_checks
