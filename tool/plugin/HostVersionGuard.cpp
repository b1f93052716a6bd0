// The plugin refuses a clang-tidy of another LLVM major version than it was built for.
//
// Such a host loads it (the symbols are bound lazily), lists the nd checks, and then
// finds nothing: the checks call into a clang whose classes have another layout. A
// lint job would pass having checked nothing, so the plugin stops the run before any
// file is linted, saying which plugin or front end to use instead.
#include "clang/Basic/Version.h"

#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

// The major version in "... clang version 22.1.8 (...)", or -1.
int majorVersionOf(const std::string &FullVersion) {
  const std::string Marker = "version ";
  std::string::size_type At = FullVersion.find(Marker);
  if (At == std::string::npos)
    return -1;
  return std::atoi(FullVersion.c_str() + At + Marker.size());
}

struct HostVersionGuard {
  HostVersionGuard() {
    // Resolved from the host's libclang-cpp, not from the headers this was built with.
    const std::string Host = clang::getClangFullVersion();
    const int HostMajor = majorVersionOf(Host);
    if (HostMajor == CLANG_VERSION_MAJOR)
      return;
    std::fprintf(stderr,
                 "error: the nd plugin NdTidyModule.so is built for clang-tidy %d and cannot "
                 "run in this clang-tidy (%s): load lib/nd/llvm-%d/NdTidyModule.so from an nd "
                 "built for that version, or run nd-tidy\n",
                 CLANG_VERSION_MAJOR, Host.c_str(), HostMajor);
    std::_Exit(2);
  }
};

const HostVersionGuard Guard;

} // namespace
