// nd-tidy project mode, --cache-dir DIR and --cache-url URL: a translation unit's
// clang-tidy results (its fixes YAML and exit status) stored under a key of everything
// that determines them: nd-tidy's identity (version, LLVM version, build), the
// worker's arguments, the unit's compile command, the configuration that applies, and
// the contents of every file the unit reads (the input of its preprocessed text,
// listed by clang's dependency scanner). An unchanged unit is then not linted again.
//
// One key and one entry format, kept in one or more stores (CacheStore): a directory,
// an HTTP server shared by CI machines (HttpCacheStore.h). Each entry carries a
// checksum of its content and the version that wrote it, and one that does not match
// is a miss (linted again), wherever it was kept.
#ifndef ND_TIDY_RESULTCACHE_H
#define ND_TIDY_RESULTCACHE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace nd_tidy {

/// Where entries are kept: bytes under a key, nothing more (the entry format and its
/// checks are ResultCache's, the same for every store).
class CacheStore {
public:
  virtual ~CacheStore() = default;
  /// The bytes stored under \p Key; nullopt for none (or a store that cannot be read).
  virtual std::optional<std::string> get(llvm::StringRef Key) = 0;
  virtual llvm::Error put(llvm::StringRef Key, llvm::StringRef Bytes) = 0;
  /// The store in messages: "in 'DIR'", "on 'http://host/prefix'".
  virtual std::string where() const = 0;
};

/// A directory of files KEY.yaml, written atomically, so that machines running shards
/// can share one directory. \p Shown is the directory as the user spelled it.
std::unique_ptr<CacheStore> makeDirectoryStore(std::string Directory, std::string Shown);

/// The tool's part of every key: nd-tidy's \p Version, the LLVM version and the
/// executable's build ID (ResultCacheIdentity.cpp says why all three).
std::string toolIdentity(llvm::StringRef Version);

class ResultCache {
public:
  /// \p Version: nd-tidy's; an entry another version wrote is not used.
  explicit ResultCache(std::string Version) : Version(std::move(Version)) {}

  /// Stores are looked up in the order they were added.
  void addStore(std::unique_ptr<CacheStore> Store) { Stores.push_back({std::move(Store), 0}); }

  /// The key of a unit: a hex SHA-256 of \p Parts and of the contents of \p Reads
  /// (each file read and hashed once per run, however many units read it).
  std::string key(llvm::ArrayRef<std::string> Parts, llvm::ArrayRef<std::string> Reads);

  struct Entry {
    std::string Yaml; // clang-tidy's --export-fixes output
    int ExitCode = 0;
  };
  struct Lookup {
    std::optional<Entry> Hit;
    std::optional<std::string> CopyError; // a hit that could not be copied to an earlier store
  };
  /// The first valid entry of \p Key, checked against the checksum and version it was
  /// stored with; it is copied into the stores before the one it came from, which
  /// missed it (a hit on the server is kept in the local directory).
  Lookup lookup(llvm::StringRef Key);
  /// Into every store; the errors of all that failed, joined.
  llvm::Error store(llvm::StringRef Key, const Entry &E);

  struct Damage {
    std::string Where;
    unsigned Count;
  };
  /// Per store, the damaged entries (cut short, altered, of another version) that
  /// lookups met for a unit that then had to be linted again.
  std::vector<Damage> damaged() const;

private:
  std::optional<Entry> decode(llvm::StringRef Bytes) const;
  std::string encode(const Entry &E) const;

  struct Slot {
    std::unique_ptr<CacheStore> Store;
    unsigned Damaged;
  };
  std::vector<Slot> Stores;
  std::string Version;
  llvm::StringMap<std::string> FileDigests;
};

} // namespace nd_tidy

#endif
