// nd-tidy: writing the files it produces (fixed sources, --export-fixes, --sarif) so
// that a failed write loses nothing: the old file stays whole, and the failure is
// reported, never a silently cut file.
#ifndef ND_TIDY_ATOMICWRITE_H
#define ND_TIDY_ATOMICWRITE_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

namespace nd_tidy {

/// Writes what \p Write streams to \p Path: into a temporary file in the same
/// directory, synced to disk, then renamed over \p Path (keeping its owner, group and
/// mode), so that \p Path is either unchanged or complete. A \p Path that exists and is not a
/// regular file (/dev/stdout, a pipe, a device) is written directly. Every write is
/// checked; the error names the file and the cause ("cannot write 'x': File too large").
llvm::Error writeFileAtomically(llvm::StringRef Path,
                                llvm::function_ref<void(llvm::raw_ostream &)> Write);

/// Ignores SIGXFSZ, so that a write beyond the file-size limit (ulimit -f) fails with
/// EFBIG, which writeFileAtomically reports, instead of killing the process.
void reportFileSizeLimitAsError();

} // namespace nd_tidy

#endif
