// nd-tidy: clang-tidy's own --fix (plain mode) goes through fixFile (FixApplication.h);
// ClangTidyFixWriter.cpp says how.
#ifndef ND_TIDY_CLANGTIDYFIXWRITER_H
#define ND_TIDY_CLANGTIDYFIXWRITER_H

namespace nd_tidy {

/// True if clang-tidy's --fix left a file unwritten (changed since it was read,
/// read-only, or a failed write): the run's exit status is then 2.
bool clangTidyFixFailed();

} // namespace nd_tidy

#endif
