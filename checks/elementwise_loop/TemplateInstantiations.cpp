#include "TemplateInstantiations.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::nd_checks {

bool dependsOnTemplateParameters(const Stmt *S) {
  if (const auto *E = dyn_cast_or_null<Expr>(S); E && E->isInstantiationDependent())
    return true;
  for (const Stmt *Child : S->children())
    if (Child && dependsOnTemplateParameters(Child))
      return true;
  return false;
}

static const Stmt *loopAt(const Stmt *S, SourceLocation Loc, Stmt::StmtClass Class) {
  if (!S)
    return nullptr;
  if (S->getStmtClass() == Class && S->getBeginLoc() == Loc)
    return S;
  for (const Stmt *Child : S->children())
    if (const Stmt *Found = loopAt(Child, Loc, Class))
      return Found;
  return nullptr;
}

const Stmt *instantiationPatternOf(const Stmt *Loop, const FunctionDecl *Instance) {
  if (!Instance || !Instance->isTemplateInstantiation())
    return nullptr;
  const FunctionDecl *Pattern = Instance->getTemplateInstantiationPattern();
  if (!Pattern || Pattern == Instance)
    return nullptr;
  // Instantiated statements keep the locations of the pattern's.
  return loopAt(Pattern->getBody(), Loop->getBeginLoc(), Loop->getStmtClass());
}

void InstantiationFindings::add(const FunctionDecl *Instance, LoopFinding Finding) {
  std::string Name;
  llvm::raw_string_ostream OS(Name);
  PrintingPolicy Policy(Instance->getASTContext().getLangOpts());
  Policy.SuppressTagKeyword = true;
  Instance->getNameForDiagnostic(OS, Policy, /*Qualified=*/false);
  SourceLocation Key = Finding.Loc;
  auto &Entries = ByLoop[Key];
  if (Entries.empty())
    Order.push_back(Key);
  Entries.push_back({OS.str(), std::move(Finding)});
}

static bool sameFixes(const LoopFinding &A, const LoopFinding &B) {
  if (A.Fixes.size() != B.Fixes.size())
    return false;
  for (size_t I = 0; I < A.Fixes.size(); ++I)
    if (A.Fixes[I].RemoveRange.getAsRange() != B.Fixes[I].RemoveRange.getAsRange() ||
        A.Fixes[I].RemoveRange.isTokenRange() != B.Fixes[I].RemoveRange.isTokenRange() ||
        A.Fixes[I].CodeToInsert != B.Fixes[I].CodeToInsert)
      return false;
  return true;
}

// Per loop: the shared fix or the shared reason; when instantiations disagree, no fix,
// and a note naming one without a fix (its reason), or else two whose fixes differ.
std::vector<LoopFinding> InstantiationFindings::take() {
  std::vector<LoopFinding> Merged;
  for (SourceLocation Key : Order) {
    const std::vector<Instantiated> &Entries = ByLoop.find(Key)->second;
    LoopFinding Result = Entries.front().Finding;
    const Instantiated *Other = nullptr;
    for (const Instantiated &Entry : Entries) {
      const LoopFinding &F = Entry.Finding;
      bool Same = F.Note.empty() ? Result.Note.empty() && sameFixes(F, Result)
                                 : F.Note == Result.Note && F.NoteLoc == Result.NoteLoc;
      if (!Same) {
        Other = &Entry;
        break;
      }
    }
    if (Other) {
      // Explain by an instantiation that has no fix; if all have one, they differ.
      const Instantiated *Unfixed = nullptr;
      for (const Instantiated &Entry : Entries)
        if (!Entry.Finding.Note.empty() && !Unfixed)
          Unfixed = &Entry;
      Result.Fixes.clear();
      if (Unfixed) {
        Result.NoteLoc = Unfixed->Finding.NoteLoc;
        Result.Note = "in the instantiation '" + Unfixed->Instance + "', " + Unfixed->Finding.Note;
      } else {
        Result.NoteLoc = Result.Loc;
        Result.Note = "the instantiations '" + Entries.front().Instance + "' and '" +
                      Other->Instance +
                      "' need different rewrites, which one fix-it of the template cannot give";
      }
    }
    Merged.push_back(std::move(Result));
  }
  Order.clear();
  ByLoop.clear();
  return Merged;
}

} // namespace clang::tidy::nd_checks
