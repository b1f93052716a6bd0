// nd-tidy: applying fixes to the sources, the one path of every --fix that nd-tidy
// controls. A fix's offsets are valid only for the content it was computed on, so
// each file's content is recorded (a SHA-256) when the run first reads it, and a file
// is written only if, under an advisory lock on it, it still has that content. Fixes
// are merged by the file's identity (device and inode), so a file named by several
// paths (a symbolic link, a second database entry) gets each fix once, and applied in
// one pass per file (linear in its fixes).
#ifndef ND_TIDY_FIXAPPLICATION_H
#define ND_TIDY_FIXAPPLICATION_H

#include "clang/Tooling/Core/Replacement.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Chrono.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <string>
#include <utility>

namespace nd_tidy {

/// A key naming a file whatever path reaches it: "<device>:<inode>", or the path
/// itself if the file cannot be reached.
std::string fileIdentity(llvm::StringRef Path);

/// The hex SHA-256 of a file's content.
std::string contentDigest(llvm::StringRef Content);

/// The contents the run read: each file's digest when it was first read, and the time
/// the run started (before any read), for a file that was not recorded: it is taken as
/// unchanged if it was last modified before that time.
class ContentRecord {
public:
  /// The record of this process, started by its first call (early in main).
  static ContentRecord &ofThisRun();
  ContentRecord();
  /// Reads \p Path and records its digest, once per file (real path).
  void record(llvm::StringRef Path);
  /// Why \p Content of the file at \p Path is not what the run read; empty if it
  /// is. \p Modified is the file's modification time.
  std::string changed(llvm::StringRef Path, llvm::StringRef Content,
                      llvm::sys::TimePoint<> Modified) const;

private:
  std::map<std::string, std::string> Digests; // by real path
  llvm::sys::TimePoint<> Start;
};

/// Replaces the content of \p Path by \p Fix of it, under an exclusive advisory lock
/// (flock) on the file, so that two nd-tidy runs fix one file one after the other:
/// refused, the file untouched, if its content is not what \p Record says the run
/// read, or if it is read-only; written atomically, keeping its owner and mode. The
/// error names the file and the reason.
llvm::Error fixFile(llvm::StringRef Path, const ContentRecord &Record,
                    llvm::function_ref<llvm::Expected<std::string>(llvm::StringRef)> Fix);

/// The fixes to apply, by file identity.
class FixSet {
public:
  /// Adds one fix (a diagnostic's replacements, in one or more files), whole or not at
  /// all: false if a replacement overlaps one already taken. A replacement equal to
  /// one already taken is taken once.
  bool add(const llvm::StringMap<clang::tooling::Replacements> &Fix);

  /// Writes each file with its fixes, atomically, keeping its owner and mode. A file
  /// is left untouched, with an error on \p Errs naming it, when its content is not
  /// what \p Record recorded, when it is read-only, or when it cannot be written.
  /// False if any file was not written.
  bool apply(const ContentRecord &Record, llvm::raw_ostream &Errs) const;

private:
  struct Edit {
    unsigned Length;
    std::string Text;
  };
  // (offset, is a replacement): an insertion sorts before a replacement at its offset.
  using EditMap = std::map<std::pair<unsigned, bool>, Edit>;
  struct FileFixes {
    std::string Path; // the first path that named it
    EditMap Edits;
  };
  bool applyToFile(const FileFixes &F, const ContentRecord &Record, llvm::raw_ostream &Errs) const;
  std::map<std::string, FileFixes> Files;  // by identity
  llvm::StringMap<std::string> Identities; // by path, cached
};

} // namespace nd_tidy

#endif
