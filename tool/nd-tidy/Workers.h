// nd-tidy: running this executable again as child processes (clang-tidy workers,
// --verify-config and --list-checks runs), N at a time.
#ifndef ND_TIDY_WORKERS_H
#define ND_TIDY_WORKERS_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace nd_tidy {

// One child process: this executable with Args, stdout and stderr to files.
struct Job {
  std::vector<std::string> Args;
  std::string Label;   // for the progress line
  std::string OutPath; // empty: /dev/null
  std::string ErrPath;
  int ExitCode = 0; // -1: could not run, -2: crashed
  std::string ExecError;
};

/// Runs \p Jobs, \p Parallel at a time, with ND_TIDY_WORKER=1 in their environment (a
/// worker leaves the checks of the whole run to the process that started it). With
/// \p Progress, a "[k/n] label" line on standard error.
/// \p Done, if given, is called with a job's index as soon as it has finished, one call
/// at a time.
void runJobs(std::vector<Job> &Jobs, llvm::StringRef Self, unsigned Parallel, bool Progress,
             llvm::function_ref<void(size_t)> Done = nullptr);

/// Makes SIGTERM, SIGINT and SIGHUP end the running workers (SIGTERM) and stop
/// runJobs from starting more; the caller then sees interruptSignal(), removes its
/// temporary files and calls endWithInterruptSignal().
void installInterruptHandlers();
/// The signal that interrupted the run, or 0.
int interruptSignal();
/// Ends the process with the signal that interrupted it (its default action), so
/// that the parent sees it; nothing if there was none.
void endWithInterruptSignal();

/// True in a process started by runJobs.
bool isWorker();

/// The contents of a file, empty if it cannot be read.
std::string readFile(llvm::StringRef Path);

} // namespace nd_tidy

#endif
