// nd-tidy project mode, --cache-dir DIR: a translation unit's clang-tidy results (its
// fixes YAML and exit status) stored under a key of everything that determines them:
// nd-tidy's version, the worker's arguments, the unit's compile command, the
// configuration that applies, and the contents of every file the unit reads (the
// input of its preprocessed text, listed by clang's dependency scanner). An unchanged
// unit is then not linted again. Entries are written atomically, so machines running
// shards can share one directory; each carries a checksum of its content and the
// version that wrote it, and one that does not match is a miss (linted again).
#ifndef ND_TIDY_RESULTCACHE_H
#define ND_TIDY_RESULTCACHE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <optional>
#include <string>
#include <vector>

namespace nd_tidy {

class ResultCache {
public:
  /// \p Version: nd-tidy's; an entry another version wrote is not used.
  ResultCache(std::string Directory, std::string Version)
      : Directory(std::move(Directory)), Version(std::move(Version)) {}

  /// The key of a unit: a hex SHA-256 of \p Parts and of the contents of \p Reads
  /// (each file read and hashed once per run, however many units read it).
  std::string key(llvm::ArrayRef<std::string> Parts, llvm::ArrayRef<std::string> Reads);

  struct Entry {
    std::string Yaml; // clang-tidy's --export-fixes output
    int ExitCode = 0;
  };
  struct Lookup {
    std::optional<Entry> Hit;
    bool Damaged = false; // an entry exists but is cut short, altered or of another version
  };
  /// The entry of \p Key, checked against the checksum and version it was stored with.
  Lookup lookup(llvm::StringRef Key) const;
  llvm::Error store(llvm::StringRef Key, const Entry &E) const;

private:
  std::string path(llvm::StringRef Key) const;
  std::string Directory;
  std::string Version;
  llvm::StringMap<std::string> FileDigests;
};

} // namespace nd_tidy

#endif
