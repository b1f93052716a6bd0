// The tool's part of a result cache key. nd's version alone is not enough: checks
// change between releases (a development build), and one version builds against LLVM
// 19 or 22, whose clang-tidy reports differently. A shared cache must never hand one
// build the results of another, so the key names the executable itself by the
// linker's build ID (a hash of its contents, the same for the same build on every
// machine), else by a hash of the file.
#include "ResultCache.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SHA256.h"

#include <cstring>
#include <elf.h>
#include <link.h>

namespace nd_tidy {

namespace {

size_t align4(size_t N) { return (N + 3) & ~size_t(3); }

// The GNU build ID in one PT_NOTE segment, or "".
std::string buildIdIn(const char *Notes, size_t Size) {
  for (size_t At = 0; At + sizeof(ElfW(Nhdr)) <= Size;) {
    ElfW(Nhdr) Header;
    std::memcpy(&Header, Notes + At, sizeof Header);
    size_t Name = At + sizeof Header;
    size_t Desc = Name + align4(Header.n_namesz);
    if (Desc + Header.n_descsz > Size)
      return "";
    if (Header.n_type == NT_GNU_BUILD_ID && Header.n_namesz == 4 &&
        std::memcmp(Notes + Name, "GNU", 4) == 0)
      return llvm::toHex(llvm::StringRef(Notes + Desc, Header.n_descsz), /*LowerCase=*/true);
    At = Desc + align4(Header.n_descsz);
  }
  return "";
}

// dl_iterate_phdr's first object is the executable.
int readBuildId(dl_phdr_info *Info, size_t, void *Data) {
  std::string &Id = *static_cast<std::string *>(Data);
  for (ElfW(Half) I = 0; I < Info->dlpi_phnum && Id.empty(); ++I) {
    const ElfW(Phdr) &Segment = Info->dlpi_phdr[I];
    if (Segment.p_type == PT_NOTE)
      Id = buildIdIn(reinterpret_cast<const char *>(Info->dlpi_addr + Segment.p_vaddr),
                     Segment.p_memsz);
  }
  return 1;
}

std::string executableDigest() {
  std::string Path = llvm::sys::fs::getMainExecutable(nullptr, nullptr);
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return "unknown";
  return llvm::toHex(llvm::SHA256::hash(llvm::arrayRefFromStringRef((*Buffer)->getBuffer())),
                     /*LowerCase=*/true);
}

} // namespace

std::string toolIdentity(llvm::StringRef Version) {
  std::string Build;
  dl_iterate_phdr(readBuildId, &Build);
  if (Build.empty())
    Build = executableDigest();
  return ("nd-tidy " + Version + ", LLVM " LLVM_VERSION_STRING ", build " + Build).str();
}

} // namespace nd_tidy
