// Project mode: --cache-dir, the units whose stored results are still valid.
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

#ifndef ND_VERSION
#define ND_VERSION ""
#endif

// --cache-dir: the units whose results are stored are copied to their fixes files
// and marked FromCache; returns the others, to be linted.
std::vector<size_t> Driver::lookUpCache(std::vector<Job> &Jobs, unsigned Parallel) {
  FromCache.assign(Files.size(), false);
  CacheKeys.assign(Files.size(), "");
  std::vector<size_t> ToRun;
  unsigned Damaged = 0;
  if (!Cache) {
    for (size_t K = 0; K < Files.size(); ++K)
      ToRun.push_back(K);
    return ToRun;
  }
  const std::vector<std::vector<std::string>> &Reads = reads(Parallel);
  for (size_t K = 0; K < Files.size(); ++K) {
    std::vector<std::string> Parts{ND_VERSION, BuildDir, Files[K]};
    // The workers' output does not depend on the header filter (isWanted applies it).
    Parts.insert(Parts.end(), Opts.PassThrough.begin(), Opts.PassThrough.end());
    for (const clang::tooling::CompileCommand &C : Database->getCompileCommands(Files[K])) {
      Parts.push_back(C.Directory);
      Parts.insert(Parts.end(), C.CommandLine.begin(), C.CommandLine.end());
    }
    Parts.push_back(inspectConfiguration(llvm::sys::path::parent_path(Files[K]), Opts.Config,
                                         Opts.ConfigFile)
                        .Text);
    CacheKeys[K] = Cache->key(Parts, Reads[K]);
    ResultCache::Lookup Found = Cache->lookup(CacheKeys[K]);
    Damaged += Found.Damaged;
    std::optional<ResultCache::Entry> &Hit = Found.Hit;
    // A unit without findings has no fixes file (clang-tidy writes none), and its
    // entry stores an empty text: restore it as no file, exactly as the worker left it.
    if (Hit && (Hit->Yaml.empty() || !writeFileAtomically(yamlPath(K), [&](llvm::raw_ostream &OS) {
                  OS << Hit->Yaml;
                }))) {
      Jobs[K].ExitCode = Hit->ExitCode;
      FromCache[K] = true;
      continue;
    }
    ToRun.push_back(K);
  }
  if (Damaged)
    llvm::errs() << "nd-tidy: warning: " << Damaged
                 << (Damaged == 1 ? " cache entry" : " cache entries") << " in '"
                 << *Opts.CacheDir << "' " << (Damaged == 1 ? "is" : "are")
                 << " damaged or of another nd-tidy version; "
                 << (Damaged == 1 ? "its unit is" : "their units are") << " linted again and "
                 << (Damaged == 1 ? "the entry" : "the entries") << " replaced\n";
  return ToRun;
}

} // namespace nd_tidy::project
