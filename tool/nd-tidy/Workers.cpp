#include "Workers.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <optional>
#include <thread>

extern char **environ;

namespace nd_tidy {


// The environment of the workers: ours, and ND_TIDY_WORKER=1 (see warnAboutConfig).
static std::vector<llvm::StringRef> workerEnvironment() {
  static std::vector<std::string> Strings = [] {
    std::vector<std::string> Result;
    for (char **E = environ; *E; ++E)
      if (!llvm::StringRef(*E).starts_with("ND_TIDY_WORKER="))
        Result.push_back(*E);
    Result.push_back("ND_TIDY_WORKER=1");
    return Result;
  }();
  return std::vector<llvm::StringRef>(Strings.begin(), Strings.end());
}

void runJobs(std::vector<Job> &Jobs, llvm::StringRef Self, unsigned Parallel, bool Progress,
             llvm::function_ref<void(size_t)> Done) {
  std::vector<llvm::StringRef> Env = workerEnvironment();
  std::atomic<size_t> Next{0};
  std::mutex ProgressMutex;
  auto Work = [&] {
    for (size_t I; (I = Next++) < Jobs.size();) {
      Job &J = Jobs[I];
      if (Progress) {
        std::lock_guard<std::mutex> Lock(ProgressMutex);
        llvm::errs() << "\r\033[K[" << I + 1 << "/" << Jobs.size() << "] " << J.Label;
        llvm::errs().flush();
      }
      llvm::SmallVector<llvm::StringRef, 32> Argv(J.Args.begin(), J.Args.end());
      std::optional<llvm::StringRef> Redirects[] = {
          llvm::StringRef(""), llvm::StringRef(J.OutPath), llvm::StringRef(J.ErrPath)};
      J.ExitCode = llvm::sys::ExecuteAndWait(Self, Argv, Env, Redirects, 0, 0,
                                             &J.ExecError);
      if (Done) {
        std::lock_guard<std::mutex> Lock(ProgressMutex);
        if (Progress) // the caller may print; start it on a clean line
          llvm::errs() << "\r\033[K";
        Done(I);
      }
    }
  };
  std::vector<std::thread> Threads;
  unsigned Count = std::min<size_t>(Parallel, Jobs.size());
  for (unsigned T = 0; T < Count; ++T)
    Threads.emplace_back(Work);
  for (std::thread &T : Threads)
    T.join();
  if (Progress && !Jobs.empty())
    llvm::errs() << "\r\033[K";
}

std::string readFile(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  return Buffer ? (*Buffer)->getBuffer().str() : std::string();
}

bool isWorker() { return llvm::sys::Process::GetEnv("ND_TIDY_WORKER").has_value(); }

} // namespace nd_tidy
