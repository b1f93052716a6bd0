// Project mode: --fix, every reported fix applied once to the content the run read.
#include "ProjectDriverImpl.h"

#include "AtomicWrite.h"
#include "CheckSelection.h"
#include "CommandLine.h"
#include "Configuration.h"
#include "DiffFilter.h"
#include "FixApplication.h"
#include "FindingPrinter.h"
#include "IncludeGraph.h"
#include "PathSpelling.h"
#include "ResultCache.h"
#include "SarifWriter.h"
#include "SourcePositions.h"
#include "Workers.h"

#include "clang/Tooling/Core/Replacement.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/YAMLTraits.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

namespace nd_tidy::project {

// --fix: every reported fix once (a header's fix is reported once however many
// translation units include it, a file's once whatever paths name it); a fix that
// overlaps one already taken is refused. Each file is written only if it still has
// the content the run read (FixApplication.h).
bool Driver::applyFixes() {
  FixSet Fixes;
  unsigned Total = 0, Taken = 0;
  for (const Finding *F : Reported) {
    const Diagnostic &D = F->Diag;
    if (D.Message.Fix.empty() || !F->FixAllowed)
      continue;
    ++Total;
    if (!Fixes.add(D.Message.Fix)) {
      llvm::errs() << "nd-tidy: warning: the fix of [" << D.DiagnosticName << "] at "
                   << location(Positions, D.Message)
                   << " overlaps a fix already applied and is not applied\n";
      continue;
    }
    ++Taken;
  }
  bool Ok = Fixes.apply(Contents, llvm::errs());
  if (!Opts.Quiet && Total > 0)
    llvm::errs() << "nd-tidy: " << (Ok ? "applied " : "took ") << Taken << " of " << Total
                 << " suggested fixes" << (Ok ? "" : ", not every file was written") << "\n";
  return Ok;
}

// --fix: the content of every file the units read, recorded before any worker reads
// it, so that a file changed meanwhile (an editor, another nd-tidy) is not fixed.
void Driver::recordContents(unsigned Parallel) {
  for (const std::vector<std::string> &Unit : reads(Parallel))
    for (const std::string &File : Unit)
      Contents.record(File);
}

const std::vector<std::vector<std::string>> &Driver::reads(unsigned Parallel) {
  if (!Reads)
    Reads = scanIncludes(*Database, Files, Parallel);
  return *Reads;
}

} // namespace nd_tidy::project
