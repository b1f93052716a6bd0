// Project mode: --cache-dir and --cache-url, the units whose stored results are still
// valid.
#include "ProjectDriverImpl.h"

#include "AtomicWrite.h"
#include "CheckSelection.h"
#include "CommandLine.h"
#include "Configuration.h"
#include "DiffFilter.h"
#include "FixApplication.h"
#include "FindingPrinter.h"
#include "HttpCacheStore.h"
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
#include <utility>
#include <vector>

namespace nd_tidy::project {

#ifndef ND_VERSION
#define ND_VERSION ""
#endif

// The local directory first, then the server: a hit on the server is copied into the
// directory (the next run on this machine needs no request), and a fresh result is
// written to both. Either alone is the cache.
bool Driver::openCache() {
  if (!Opts.CacheDir && !Opts.CacheUrl)
    return true;
  Cache.emplace(ND_VERSION);
  if (Opts.CacheDir)
    Cache->addStore(makeDirectoryStore(absolutePath(*Opts.CacheDir, ""), *Opts.CacheDir));
  if (Opts.CacheUrl) {
    llvm::Expected<std::unique_ptr<CacheStore>> Server = makeHttpStore(*Opts.CacheUrl, ND_VERSION);
    if (!Server) {
      usageError(llvm::toString(Server.takeError()));
      return false;
    }
    Cache->addStore(std::move(*Server));
  }
  return true;
}

namespace {
// One warning per store for the run, however many of its entries were damaged.
void warnAboutDamage(const ResultCache &Cache) {
  for (const ResultCache::Damage &D : Cache.damaged()) {
    bool One = D.Count == 1;
    llvm::errs() << "nd-tidy: warning: " << D.Count << (One ? " cache entry " : " cache entries ")
                 << D.Where << (One ? " is" : " are") << " damaged or of another nd-tidy version; "
                 << (One ? "its unit is" : "their units are") << " linted again and "
                 << (One ? "the entry" : "the entries") << " replaced\n";
  }
}
} // namespace

// The units whose results are stored are copied to their fixes files and marked
// FromCache; returns the others, to be linted.
std::vector<size_t> Driver::lookUpCache(std::vector<Job> &Jobs, unsigned Parallel) {
  FromCache.assign(Files.size(), false);
  CacheKeys.assign(Files.size(), "");
  std::vector<size_t> ToRun;
  if (!Cache) {
    for (size_t K = 0; K < Files.size(); ++K)
      ToRun.push_back(K);
    return ToRun;
  }
  const std::vector<std::vector<std::string>> &Reads = reads(Parallel);
  const std::string Identity = toolIdentity(ND_VERSION);
  bool CopyErrorShown = false;
  for (size_t K = 0; K < Files.size(); ++K) {
    std::vector<std::string> Parts{Identity, BuildDir, Files[K]};
    // The workers' output does not depend on the header filter (isWanted applies it).
    Parts.insert(Parts.end(), Opts.PassThrough.begin(), Opts.PassThrough.end());
    for (const clang::tooling::CompileCommand &C : Database->getCompileCommands(Files[K])) {
      Parts.push_back(C.Directory);
      Parts.insert(Parts.end(), C.CommandLine.begin(), C.CommandLine.end());
    }
    Parts.push_back(
        inspectConfiguration(llvm::sys::path::parent_path(Files[K]), Opts.Config, Opts.ConfigFile)
            .Text);
    CacheKeys[K] = Cache->key(Parts, Reads[K]);
    ResultCache::Lookup Found = Cache->lookup(CacheKeys[K]);
    if (Found.CopyError && !std::exchange(CopyErrorShown, true))
      llvm::errs() << "nd-tidy: warning: " << *Found.CopyError
                   << " (results from the cache server are not kept locally)\n";
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
  warnAboutDamage(*Cache);
  return ToRun;
}

} // namespace nd_tidy::project
