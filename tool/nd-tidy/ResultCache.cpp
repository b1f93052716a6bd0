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

// An entry is "<exit code>\n" then the YAML.
std::optional<ResultCache::Entry> ResultCache::lookup(llvm::StringRef Key) const {
  auto Buffer = llvm::MemoryBuffer::getFile(path(Key), /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return std::nullopt;
  auto [Status, Yaml] = (*Buffer)->getBuffer().split('\n');
  Entry E;
  if (Status.getAsInteger(10, E.ExitCode))
    return std::nullopt;
  E.Yaml = Yaml.str();
  return E;
}

llvm::Error ResultCache::store(llvm::StringRef Key, const Entry &E) const {
  if (std::error_code EC = llvm::sys::fs::create_directories(Directory))
    return llvm::createStringError(EC, "cannot create the cache directory '" + Directory +
                                           "': " + EC.message());
  return writeFileAtomically(path(Key), [&](llvm::raw_ostream &OS) {
    OS << E.ExitCode << "\n" << E.Yaml;
  });
}

} // namespace nd_tidy
