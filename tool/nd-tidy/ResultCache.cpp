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
} // namespace

std::string ResultCache::key(llvm::ArrayRef<std::string> Parts,
                             llvm::ArrayRef<std::string> Reads) {
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

std::string ResultCache::path(llvm::StringRef Key) const {
  llvm::SmallString<256> P(Directory);
  llvm::sys::path::append(P, Key + ".yaml");
  return std::string(P);
}

// An entry is one header line, "nd-tidy-cache <version> <exit code> <SHA-256 of the
// YAML>", then the YAML. A file that is not that (cut short by a full disk, a version
// of another nd-tidy, a stray write) is damaged: a miss, which the next store replaces.
ResultCache::Lookup ResultCache::lookup(llvm::StringRef Key) const {
  auto Buffer = llvm::MemoryBuffer::getFile(path(Key), /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return {};
  auto [Header, Yaml] = (*Buffer)->getBuffer().split('\n');
  llvm::SmallVector<llvm::StringRef, 4> Fields;
  Header.split(Fields, ' ');
  Lookup Result;
  Entry E;
  if (Fields.size() != 4 || Fields[0] != "nd-tidy-cache" || Fields[1] != Version ||
      Fields[2].getAsInteger(10, E.ExitCode) || Fields[3] != digest(Yaml)) {
    Result.Damaged = true;
    return Result;
  }
  E.Yaml = Yaml.str();
  Result.Hit = std::move(E);
  return Result;
}

llvm::Error ResultCache::store(llvm::StringRef Key, const Entry &E) const {
  if (std::error_code EC = llvm::sys::fs::create_directories(Directory))
    return llvm::createStringError(EC, "cannot create the cache directory '" + Directory +
                                           "': " + EC.message());
  return writeFileAtomically(path(Key), [&](llvm::raw_ostream &OS) {
    OS << "nd-tidy-cache " << Version << " " << E.ExitCode << " " << digest(E.Yaml) << "\n"
       << E.Yaml;
  });
}

} // namespace nd_tidy
