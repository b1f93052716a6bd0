// nd-chained-temporaries: chains of eager array operations, each allocating a new
// array, rewritten into the out forms of the ufuncs that compute into one buffer.
//
//   nd::array<double> y = scale * x + offset;
// becomes
//   nd::array<double> y = nd::empty_like(x);
//   nd::multiply(x, scale, y);
//   nd::add(y, offset, y);
//
// See docs/checks/nd-chained-temporaries.md for the forms and when no fix is offered.
#pragma once

#include "clang-tidy/ClangTidyCheck.h"
#include "model/EagerChain.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringSet.h"

namespace clang::tidy::nd_checks {

class ChainedTemporariesCheck : public ClangTidyCheck {
public:
  ChainedTemporariesCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  std::optional<TraversalKind> getCheckTraversalKind() const override { return TK_AsIs; }

private:
  enum class SiteKind { Declaration, Assignment, Compound, Copyto, Other };
  // Where the chain stands: what decides the fix and what the out forms allocate.
  struct Site {
    SiteKind Kind = SiteKind::Other;
    const VarDecl *Declared = nullptr;             // Declaration
    const CXXOperatorCallExpr *Operator = nullptr; // Assignment, Compound
    const CallExpr *Copyto = nullptr;              // Copyto
  };
  struct Finding {
    const Expr *Root;
    array_expr::EagerOp RootOp;
    model::EagerChain Chain;
    llvm::SmallVector<int, 4> Spine;
    bool InLoop;
    bool Instantiated;
    Site Where;
    unsigned Saved = 0; // allocations the out forms save (per loop iteration)
  };

  static Site siteOf(const Expr *Root, ASTContext &Ctx);
  static bool writesInPlace(const Finding &F, ASTContext &Ctx);
  static unsigned outFormBuffers(const Finding &F, ASTContext &Ctx);
  bool allOperandsSmall(const Finding &F, ASTContext &Ctx);
  DiagnosticBuilder warn(const Finding &F, ASTContext &Ctx);
  void noFix(const Finding &F, StringRef Why, ASTContext &Ctx);
  std::optional<std::string> operandBlocker(const Finding &F, ASTContext &Ctx);
  std::optional<std::string> stepwiseBlocker(const Finding &F, const VarDecl &Target,
                                             bool TargetPrivate, const Stmt &Full, ASTContext &Ctx);
  void reportAndFix(const Finding &F, ASTContext &Ctx);
  void fixCompound(const Finding &F, ASTContext &Ctx);
  void fixDeclaration(const Finding &F, ASTContext &Ctx);
  void fixAssignment(const Finding &F, ASTContext &Ctx);
  void fixCopyto(const Finding &F, ASTContext &Ctx);

  // Report an expression only when it has at least this many eager operations.
  const unsigned MinOperations;
  // Report only expressions inside a loop body, where the arrays are allocated again
  // in every iteration.
  const bool OnlyInLoops;
  // When > 0: do not report when every array operand has a size known at compile
  // time (created from a constant shape or an initializer list) of at most this many
  // elements; the allocations are cheap next to the code a rewrite would add.
  const unsigned SmallArraySize;

  // Expressions in templates are reported once, at the first instantiation or the
  // template itself, not once per instantiation.
  llvm::DenseSet<SourceLocation> Reported;

  // A name for a new buffer in the function of Where: Stem (then Stem2, Stem3, ...),
  // the first that no identifier of the translation unit and no earlier fix in that
  // function uses.
  std::string freshName(StringRef Stem, const Stmt &Where, ASTContext &Ctx);
  llvm::StringSet<> UsedNames; // "<function>:<name>"
  llvm::StringSet<> Probed;    // names this check added to the identifier table
};

} // namespace clang::tidy::nd_checks
