// nd-tidy: file names are bytes. A name that is not UTF-8 (a Latin-1 "caf\xe9.cpp") is
// linted and its fixes applied by its exact bytes, but clang-tidy's YAML, which the
// workers write, cannot carry it: YAML output replaces invalid UTF-8 with U+FFFD (and
// the bytes after it). The driver maps such a spelling back to the file it stands for,
// and escapes the name only where it is shown to a person.
#ifndef ND_TIDY_PATHSPELLING_H
#define ND_TIDY_PATHSPELLING_H

#include "llvm/ADT/StringRef.h"
#include <string>

namespace nd_tidy {

/// \p Path as it reads back from clang-tidy's YAML: itself if it is UTF-8.
std::string yamlSpelling(llvm::StringRef Path);

/// True if \p Path may have been changed by YAML (it holds U+FFFD).
bool mayBeMisspelled(llvm::StringRef Path);

/// \p Path for display: each byte that is not part of valid UTF-8 as "\xNN".
std::string displayPath(llvm::StringRef Path);

} // namespace nd_tidy

#endif
