// Loops in function templates over `nd::array<T>`, for nd-elementwise-loop. In the
// template's definition the element accesses and operators are dependent (their types,
// and so the promotion rules the translation depends on, are unknown), so such a loop is
// analysed in each instantiation instead, and reported once, at the template: with the
// fix when every instantiation gets the same one, else with a note naming an
// instantiation and why (another fix, or none). A template that is never instantiated
// is not reported: nothing is known about its element types.
#pragma once

#include "clang/AST/Decl.h"
#include "clang/Basic/Diagnostic.h"
#include <map>
#include <string>
#include <vector>

namespace clang::tidy::nd_checks {

// One diagnostic of nd-elementwise-loop: a warning with its fix-its, or with a note
// saying why there is none (Note non-empty).
struct LoopFinding {
  SourceLocation Loc;
  std::string Message;
  std::vector<FixItHint> Fixes;
  SourceLocation NoteLoc;
  std::string Note;
  // The whole statement, so that an editor highlights the loop (clangd otherwise takes
  // the range of a fix-it around Loc, which may begin at a declaration before it).
  CharSourceRange Range;
};

// Whether Loop, in a template's definition, has a type- or value-dependent expression:
// it is analysed in the instantiations.
bool dependsOnTemplateParameters(const Stmt *Loop);

// The statement of Instance's template pattern that Loop (in Instance) was instantiated
// from, when Loop is a loop in an instantiated function; null otherwise.
const Stmt *instantiationPatternOf(const Stmt *Loop, const FunctionDecl *Instance);

// The findings of one loop in each instantiation of its template, merged into one.
class InstantiationFindings {
public:
  void add(const FunctionDecl *Instance, LoopFinding Finding);
  // One finding per loop of a template; clears the collection.
  std::vector<LoopFinding> take();

private:
  struct Instantiated {
    std::string Instance; // `negated<double>`
    LoopFinding Finding;
  };
  // By the loop's location in the template (the same in every instantiation), in the
  // order first seen.
  std::vector<SourceLocation> Order;
  std::map<SourceLocation, std::vector<Instantiated>> ByLoop;
};

} // namespace clang::tidy::nd_checks
