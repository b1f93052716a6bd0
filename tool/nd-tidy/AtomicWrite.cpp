#include "AtomicWrite.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <cerrno>
#include <csignal>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

namespace nd_tidy {

namespace {

llvm::Error cannotWrite(llvm::StringRef Path, std::error_code EC) {
  return llvm::createStringError(EC, "cannot write '" + Path + "': " + EC.message());
}

// Streams into OS and closes it, syncing SyncFD (OS's descriptor; -1: no sync) to disk
// first; the first error of any write, of the sync or of the close.
std::error_code streamAndClose(llvm::raw_fd_ostream &OS,
                               llvm::function_ref<void(llvm::raw_ostream &)> Write, int SyncFD) {
  Write(OS);
  OS.flush();
  std::error_code EC = OS.error();
  if (!EC && SyncFD >= 0 && ::fsync(SyncFD) != 0)
    EC = std::error_code(errno, std::generic_category());
  OS.close();
  if (!EC)
    EC = OS.error();
  OS.clear_error(); // reported by the caller; raw_fd_ostream would abort otherwise
  return EC;
}

llvm::Error writeDirectly(llvm::StringRef Path,
                          llvm::function_ref<void(llvm::raw_ostream &)> Write) {
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC);
  if (EC)
    return cannotWrite(Path, EC);
  if (std::error_code WriteError = streamAndClose(OS, Write, /*SyncFD=*/-1))
    return cannotWrite(Path, WriteError);
  return llvm::Error::success();
}

// The temporary file that replaces Target gets its owner, group and mode (the rename
// would otherwise give the file ours, and our umask's mode); an owner we may not give
// it is an error, not a silent change.
std::error_code keepOwnerAndMode(llvm::StringRef Target, llvm::StringRef Temporary) {
  struct stat Old;
  if (::stat(Target.str().c_str(), &Old) != 0)
    return std::error_code(errno, std::generic_category());
  struct stat New;
  if (::stat(Temporary.str().c_str(), &New) != 0)
    return std::error_code(errno, std::generic_category());
  if ((Old.st_uid != New.st_uid || Old.st_gid != New.st_gid) &&
      ::chown(Temporary.str().c_str(), Old.st_uid, Old.st_gid) != 0)
    return std::error_code(errno, std::generic_category());
  if (::chmod(Temporary.str().c_str(), Old.st_mode & 07777) != 0)
    return std::error_code(errno, std::generic_category());
  return {};
}

} // namespace

llvm::Error writeFileAtomically(llvm::StringRef Path,
                                llvm::function_ref<void(llvm::raw_ostream &)> Write) {
  // A symbolic link is kept, and its target replaced.
  llvm::SmallString<256> Target(Path);
  llvm::SmallString<256> Real;
  if (!llvm::sys::fs::real_path(Path, Real))
    Target = Real;
  llvm::sys::fs::file_status Status;
  bool Exists = !llvm::sys::fs::status(Target, Status);
  if (Exists && !llvm::sys::fs::is_regular_file(Status))
    return writeDirectly(Path, Write);

  llvm::SmallString<256> Model(Target);
  Model += ".nd-tidy-%%%%%%.tmp";
  llvm::SmallString<256> Temporary;
  int FD = -1;
  if (std::error_code EC = llvm::sys::fs::createUniqueFile(Model, FD, Temporary))
    return cannotWrite(Path, EC);
  llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
  std::error_code EC = streamAndClose(OS, Write, FD);
  if (!EC && Exists)
    EC = keepOwnerAndMode(Target, Temporary);
  if (!EC)
    EC = llvm::sys::fs::rename(Temporary, Target);
  if (EC) {
    llvm::sys::fs::remove(Temporary);
    return cannotWrite(Path, EC);
  }
  return llvm::Error::success();
}

void reportFileSizeLimitAsError() { std::signal(SIGXFSZ, SIG_IGN); }

} // namespace nd_tidy
