// nd-clangd's identity: `nd-clangd --version` and the LSP initialize result's serverInfo
// print clangd's versionString(), featureString() and platformString(). Debian's
// archive defines them (Feature.cpp in libclangDaemon.a) for Debian's clangd: its name,
// and "+grpc", a remote index that nd-clangd does not link (RemoteIndexUnavailable.cpp).
// Defining all three here keeps that object out of the link, so nd-clangd names itself,
// nd's version and the LLVM it was built against, and only the features it has.
#include "llvm/Config/llvm-config.h"
#include "llvm/TargetParser/Host.h"

#include <string>

#ifndef ND_VERSION
#define ND_VERSION ""
#endif

namespace clang::clangd {

std::string versionString() {
  return std::string("nd-clangd version ") + ND_VERSION + " (clangd with the nd checks, LLVM " +
         LLVM_VERSION_STRING + ")";
}

std::string featureString() {
  return "linux"
#ifndef NDEBUG
         "+debug"
#endif
      ;
}

std::string platformString() {
  return llvm::sys::getProcessTriple() + "; target=" + llvm::sys::getDefaultTargetTriple();
}

} // namespace clang::clangd
