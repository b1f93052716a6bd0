#include "FixApplication.h"

#include "AtomicWrite.h"
#include "DiffFilter.h"
#include "PathSpelling.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SHA256.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace nd_tidy {

namespace {

std::string identityOf(const struct stat &S) {
  return std::to_string(S.st_dev) + ":" + std::to_string(S.st_ino);
}

// The file at Path opened and locked (flock, exclusive), its content read through the
// locked descriptor. Another nd-tidy run that fixed it meanwhile has renamed a new
// file over the path: then the new one is locked instead.
struct LockedFile {
  int FD = -1;
  struct stat Status = {};
  std::string Content;
  ~LockedFile() {
    if (FD >= 0)
      ::close(FD); // releases the lock
  }
};

std::error_code lockAndRead(llvm::StringRef Path, LockedFile &F) {
  std::string P = Path.str();
  for (;;) {
    F.FD = ::open(P.c_str(), O_RDONLY | O_CLOEXEC);
    if (F.FD < 0)
      return std::error_code(errno, std::generic_category());
    while (::flock(F.FD, LOCK_EX) != 0)
      if (errno != EINTR)
        return std::error_code(errno, std::generic_category());
    struct stat Now;
    if (::fstat(F.FD, &F.Status) != 0 || ::stat(P.c_str(), &Now) != 0)
      return std::error_code(errno, std::generic_category());
    if (Now.st_dev == F.Status.st_dev && Now.st_ino == F.Status.st_ino)
      break;
    ::close(F.FD);
    F.FD = -1;
  }
  auto Buffer = llvm::MemoryBuffer::getOpenFile(F.FD, Path, /*FileSize=*/-1,
                                                /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return Buffer.getError();
  F.Content = (*Buffer)->getBuffer().str();
  return {};
}

// Read-only: not writable by us, or (for root, whom access() lets write anything)
// writable by nobody.
bool isReadOnly(llvm::StringRef Path, const struct stat &S) {
  return ::access(Path.str().c_str(), W_OK) != 0 ||
         (S.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0;
}

} // namespace

std::string fileIdentity(llvm::StringRef Path) {
  struct stat S;
  if (::stat(Path.str().c_str(), &S) != 0)
    return Path.str();
  return identityOf(S);
}

std::string contentDigest(llvm::StringRef Content) {
  llvm::SHA256 Hash;
  Hash.update(Content);
  std::array<uint8_t, 32> Digest = Hash.final();
  return llvm::toHex(Digest, /*LowerCase=*/true);
}

ContentRecord::ContentRecord() : Start(std::chrono::system_clock::now()) {}

ContentRecord &ContentRecord::ofThisRun() {
  static ContentRecord Record;
  return Record;
}

// By real path, not identity: a file replaced by a rename (an editor's save, another
// nd-tidy's fix) is a new inode under the same name, and must compare as changed.
void ContentRecord::record(llvm::StringRef Path) {
  std::string Identity = realPathOr(Path);
  if (Digests.count(Identity))
    return;
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (Buffer)
    Digests[Identity] = contentDigest((*Buffer)->getBuffer());
}

std::string ContentRecord::changed(llvm::StringRef Path, llvm::StringRef Content,
                                   llvm::sys::TimePoint<> Modified) const {
  auto It = Digests.find(realPathOr(Path));
  if (It != Digests.end())
    return It->second == contentDigest(Content) ? "" : "it changed since nd-tidy read it";
  // A file's modification time comes from the kernel's coarse clock, which may lag
  // the run's start by a tick: a margin keeps a change just after it from passing.
  return Modified + std::chrono::milliseconds(50) < Start ? ""
                                                          : "it was modified while nd-tidy ran";
}

bool FixSet::add(const llvm::StringMap<clang::tooling::Replacements> &Fix) {
  std::vector<std::pair<EditMap *, EditMap::iterator>> Added;
  auto Undo = [&] {
    for (auto &[Map, It] : Added)
      Map->erase(It);
    return false;
  };
  for (const auto &Entry : Fix) {
    for (const clang::tooling::Replacement &R : Entry.second) {
      llvm::StringRef Path = R.getFilePath();
      auto [Cached, New] = Identities.try_emplace(Path);
      if (New)
        Cached->second = fileIdentity(Path);
      FileFixes &F = Files[Cached->second];
      if (F.Path.empty())
        F.Path = Path.str();
      unsigned Begin = R.getOffset(), End = Begin + R.getLength();
      std::pair<unsigned, bool> Key{Begin, R.getLength() > 0};
      auto Same = F.Edits.find(Key);
      if (Same != F.Edits.end()) {
        if (Same->second.Length == R.getLength() && Same->second.Text == R.getReplacementText())
          continue; // taken already
        return Undo();
      }
      auto Next = F.Edits.lower_bound(Key);
      // The edit before must end at or before Begin (an insertion at Begin is fine).
      if (Next != F.Edits.begin()) {
        auto Prev = std::prev(Next);
        if (Prev->first.first + Prev->second.Length > Begin)
          return Undo();
      }
      // The edit after must start at or after End (an insertion at End is fine).
      if (Next != F.Edits.end() && Next->first.first < End)
        return Undo();
      auto It = F.Edits.emplace_hint(Next, Key, Edit{R.getLength(), R.getReplacementText().str()});
      Added.emplace_back(&F.Edits, It);
    }
  }
  return true;
}

llvm::Error fixFile(llvm::StringRef Path, const ContentRecord &Record,
                    llvm::function_ref<llvm::Expected<std::string>(llvm::StringRef)> Fix) {
  auto Refuse = [&](const llvm::Twine &Why) {
    return llvm::createStringError("the fixes to '" + displayPath(Path) +
                                   "' are not applied: " + Why);
  };
  LockedFile Locked;
  if (std::error_code EC = lockAndRead(Path, Locked))
    return Refuse("cannot read it: " + EC.message());
  if (isReadOnly(Path, Locked.Status))
    return Refuse("it is read-only");
  llvm::sys::TimePoint<> Modified =
      llvm::sys::toTimePoint(Locked.Status.st_mtim.tv_sec, Locked.Status.st_mtim.tv_nsec);
  std::string Why = Record.changed(Path, Locked.Content, Modified);
  if (!Why.empty())
    return Refuse(Why + "; lint it again");
  llvm::Expected<std::string> Fixed = Fix(Locked.Content);
  if (!Fixed)
    return Refuse(llvm::toString(Fixed.takeError()));
  return writeFileAtomically(Path, [&](llvm::raw_ostream &OS) { OS << *Fixed; });
  // The lock is released (Locked closed) after the new file is in place.
}

bool FixSet::applyToFile(const FileFixes &F, const ContentRecord &Record,
                         llvm::raw_ostream &Errs) const {
  // One pass: the unchanged text between edits, then each edit's text.
  auto Apply = [&](llvm::StringRef Content) -> llvm::Expected<std::string> {
    std::string Fixed;
    Fixed.reserve(Content.size());
    size_t Copied = 0;
    for (const auto &[Key, E] : F.Edits) {
      if (Key.first < Copied || Key.first + E.Length > Content.size())
        return llvm::createStringError("a fix lies outside the file");
      Fixed.append(Content.data() + Copied, Key.first - Copied);
      Fixed += E.Text;
      Copied = Key.first + E.Length;
    }
    Fixed.append(Content.data() + Copied, Content.size() - Copied);
    return Fixed;
  };
  if (llvm::Error Err = fixFile(F.Path, Record, Apply)) {
    Errs << "nd-tidy: error: " << llvm::toString(std::move(Err)) << "\n";
    return false;
  }
  return true;
}

bool FixSet::apply(const ContentRecord &Record, llvm::raw_ostream &Errs) const {
  bool Ok = true;
  for (const auto &[Identity, F] : Files)
    if (!F.Edits.empty())
      Ok &= applyToFile(F, Record, Errs);
  return Ok;
}

} // namespace nd_tidy
