#include "ResultCache.h"

#include "AtomicWrite.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"

namespace nd_tidy {

namespace {
// Each part is preceded by its length, so that no two lists of parts hash alike.
void addPart(llvm::SHA256 &Hash, llvm::StringRef Part) {
  Hash.update(std::to_string(Part.size()) + ":");
  Hash.update(Part);
}

std::string digest(llvm::SHA256 &Hash) {
  std::array<uint8_t, 32> Digest = Hash.final();
  return llvm::toHex(Digest, /*LowerCase=*/true);
}

std::string digest(llvm::StringRef Text) {
  llvm::SHA256 Hash;
  Hash.update(Text);
  return digest(Hash);
}

class DirectoryStore : public CacheStore {
public:
  DirectoryStore(std::string Directory, std::string Shown)
      : Directory(std::move(Directory)), Shown(std::move(Shown)) {}

  std::optional<std::string> get(llvm::StringRef Key) override {
    auto Buffer = llvm::MemoryBuffer::getFile(path(Key), /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    if (!Buffer)
      return std::nullopt;
    return (*Buffer)->getBuffer().str();
  }

  llvm::Error put(llvm::StringRef Key, llvm::StringRef Bytes) override {
    if (std::error_code EC = llvm::sys::fs::create_directories(Directory))
      return llvm::createStringError(EC, "cannot create the cache directory '" + Directory +
                                             "': " + EC.message());
    return writeFileAtomically(path(Key), [&](llvm::raw_ostream &OS) { OS << Bytes; });
  }

  std::string where() const override { return "in '" + Shown + "'"; }

private:
  std::string path(llvm::StringRef Key) const {
    llvm::SmallString<256> P(Directory);
    llvm::sys::path::append(P, Key + ".yaml");
    return std::string(P);
  }
  std::string Directory, Shown;
};
} // namespace

std::unique_ptr<CacheStore> makeDirectoryStore(std::string Directory, std::string Shown) {
  return std::make_unique<DirectoryStore>(std::move(Directory), std::move(Shown));
}

std::string ResultCache::key(llvm::ArrayRef<std::string> Parts, llvm::ArrayRef<std::string> Reads) {
  llvm::SHA256 Hash;
  for (const std::string &P : Parts)
    addPart(Hash, P);
  for (const std::string &File : Reads) {
    auto [It, Inserted] = FileDigests.try_emplace(File);
    if (Inserted) {
      llvm::SHA256 FileHash;
      auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                                /*RequiresNullTerminator=*/false);
      addPart(FileHash, Buffer ? (*Buffer)->getBuffer() : llvm::StringRef("<unreadable>"));
      It->second = digest(FileHash);
    }
    addPart(Hash, File);
    addPart(Hash, It->second);
  }
  return digest(Hash);
}

// An entry is one header line, "nd-tidy-cache <version> <exit code> <SHA-256 of the
// YAML>", then the YAML. Bytes that are not that (cut short by a full disk or a
// dropped connection, a version of another nd-tidy, a stray write, a server's error
// page) are damaged: a miss, which the next store replaces.
std::optional<ResultCache::Entry> ResultCache::decode(llvm::StringRef Bytes) const {
  auto [Header, Yaml] = Bytes.split('\n');
  llvm::SmallVector<llvm::StringRef, 4> Fields;
  Header.split(Fields, ' ');
  Entry E;
  if (Fields.size() != 4 || Fields[0] != "nd-tidy-cache" || Fields[1] != Version ||
      Fields[2].getAsInteger(10, E.ExitCode) || Fields[3] != digest(Yaml))
    return std::nullopt;
  E.Yaml = Yaml.str();
  return E;
}

std::string ResultCache::encode(const Entry &E) const {
  return "nd-tidy-cache " + Version + " " + std::to_string(E.ExitCode) + " " + digest(E.Yaml) +
         "\n" + E.Yaml;
}

ResultCache::Lookup ResultCache::lookup(llvm::StringRef Key) {
  Lookup Result;
  std::vector<Slot *> DamagedIn;
  std::optional<std::string> Bytes;
  size_t From = 0;
  for (; From < Stores.size(); ++From) {
    Bytes = Stores[From].Store->get(Key);
    if (Bytes && (Result.Hit = decode(*Bytes)))
      break;
    if (Bytes)
      DamagedIn.push_back(&Stores[From]);
  }
  if (!Result.Hit) {
    // Counted only here: a damaged entry that a later store made good is replaced by
    // the copy below, and its unit is not linted again.
    for (Slot *S : DamagedIn)
      ++S->Damaged;
    return Result;
  }
  for (size_t I = 0; I < From; ++I)
    if (llvm::Error Err = Stores[I].Store->put(Key, *Bytes))
      Result.CopyError = llvm::toString(std::move(Err));
  return Result;
}

llvm::Error ResultCache::store(llvm::StringRef Key, const Entry &E) {
  std::string Bytes = encode(E);
  llvm::Error All = llvm::Error::success();
  for (Slot &S : Stores)
    All = llvm::joinErrors(std::move(All), S.Store->put(Key, Bytes));
  return All;
}

std::vector<ResultCache::Damage> ResultCache::damaged() const {
  std::vector<Damage> Result;
  for (const Slot &S : Stores)
    if (S.Damaged)
      Result.push_back({S.Store->where(), S.Damaged});
  return Result;
}

} // namespace nd_tidy
