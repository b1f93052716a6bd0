// nd-chained-temporaries: chains of eager array operations, each a pass over memory
// and most a new array, rewritten into one nd::eval over nd::lazy leaves where the
// fused evaluator computes them in one pass (model/FusedForm.h), else into the out forms of
// the ufuncs that compute into one buffer.
//
//   nd::array<double> y = nd::sqrt(scale * x + offset);
// becomes
//   nd::array<double> y = nd::eval(nd::sqrt(scale * nd::lazy(x) + offset));
// or, with FusedEvaluation off,
//   nd::array<double> y = nd::empty_like(x);
//   nd::multiply(x, scale, y);
//   nd::add(y, offset, y);
//   nd::sqrt(y, y);
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
  // Reduced: the operand of nd::sum(chain) or nd::mean(chain) over all axes.
  enum class SiteKind { Declaration, Assignment, Compound, Copyto, Reduced, Other };
  // Where the chain stands: what decides the fix and what the out forms allocate.
  struct Site {
    SiteKind Kind = SiteKind::Other;
    const VarDecl *Declared = nullptr;             // Declaration
    const CXXOperatorCallExpr *Operator = nullptr; // Assignment, Compound
    const CallExpr *Copyto = nullptr;              // Copyto
  };
  // How nd::eval computes a chain that fuses: into a new array (the chain replaced by
  // nd::eval(...), at any site), into an existing one (nd::eval(..., out)), or, for a
  // compound assignment whose target cannot be an operand of the fused pass, its
  // right-hand side into a new array (y += nd::eval(...)); or, for the operand of a sum
  // or mean over all axes, by that reduction itself, one cache-sized block at a time
  // (nd::sum(nd::lazy(x) * y), nd/lazy_reduce.hpp).
  enum class FusedKind { None, NewResult, IntoTarget, CompoundRhs, IntoReduction };
  struct Fused {
    FusedKind Kind = FusedKind::None;
    unsigned PassesBefore = 0; // one per operation, copyto's copy and the update included
    unsigned PassesAfter = 0;
    unsigned AllocationsAfter = 0;
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
    Fused Fusion;       // Kind None: the out forms
  };

  static Site siteOf(const Expr *Root, ASTContext &Ctx);
  static bool writesInPlace(const Finding &F, ASTContext &Ctx);
  static unsigned outFormBuffers(const Finding &F, ASTContext &Ctx);
  static Fused planFusion(const Finding &F, ASTContext &Ctx);
  static bool evaluatesIntoTarget(const Finding &F, ASTContext &Ctx);
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
  void fixFused(const Finding &F, ASTContext &Ctx);
  DiagnosticBuilder warnFused(const Finding &F, ASTContext &Ctx);

  // Report an expression only when it has at least this many eager operations.
  const unsigned MinOperations;
  // Report only expressions inside a loop body, where the arrays are allocated again
  // in every iteration.
  const bool OnlyInLoops;
  // When > 0: do not report when every array operand has a size known at compile
  // time (created from a constant shape or an initializer list) of at most this many
  // elements; the allocations are cheap next to the code a rewrite would add.
  const unsigned SmallArraySize;
  // Fix chains of at least MinFusedOperations operations into nd::eval over nd::lazy
  // leaves (one pass over memory) where that fuses; false: always the out forms.
  const bool FusedEvaluation;

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
