// nd-tidy --help and --version: clang-tidy's own texts name clang-tidy and Debian's
// LLVM; nd-tidy adds its project mode and the nd checks to the help and prints its own
// version with the LLVM version it was built against.
#ifndef ND_TIDY_HELPANDVERSION_H
#define ND_TIDY_HELPANDVERSION_H

namespace nd_tidy {

/// Registers the help section and the version printer with LLVM's command line, for
/// clangTidyMain's option parsing to print.
void installHelpAndVersion();

} // namespace nd_tidy

#endif
