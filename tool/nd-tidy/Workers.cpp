#include "Workers.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <csignal>
#include <functional>
#include <signal.h>
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

namespace {

// Interruption (SIGTERM, SIGINT, SIGHUP): the signal handler ends the running
// workers, whose process ids are kept in these slots (one per thread of runJobs,
// lock-free, so that the handler may read them), and the caller, seeing
// interruptSignal(), starts no more, cleans up and ends with the signal.
constexpr size_t MaxSlots = 1024;
std::atomic<pid_t> Running[MaxSlots];
std::atomic<int> Interrupted{0};
constexpr int InterruptSignals[] = {SIGTERM, SIGINT, SIGHUP};

void endWorkers() {
  for (std::atomic<pid_t> &Slot : Running)
    if (pid_t Pid = Slot.load())
      ::kill(Pid, SIGTERM);
}

extern "C" void onInterrupt(int Signal) {
  Interrupted = Signal;
  endWorkers();
}

// One job, its process id in Slot while it runs.
void runJob(Job &J, llvm::StringRef Self, llvm::ArrayRef<llvm::StringRef> Env,
            std::atomic<pid_t> &Slot) {
  llvm::SmallVector<llvm::StringRef, 32> Argv(J.Args.begin(), J.Args.end());
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""), llvm::StringRef(J.OutPath),
                                                llvm::StringRef(J.ErrPath)};
  bool Failed = false;
  llvm::sys::ProcessInfo PI =
      llvm::sys::ExecuteNoWait(Self, Argv, Env, Redirects, 0, &J.ExecError, &Failed);
  if (Failed) {
    J.ExitCode = -1;
    return;
  }
  Slot = PI.Pid;
  if (Interrupted) // the signal came before the slot was set
    ::kill(PI.Pid, SIGTERM);
  PI = llvm::sys::Wait(PI, /*SecondsToWait=*/std::nullopt, &J.ExecError);
  Slot = 0;
  J.ExitCode = PI.ReturnCode;
}

} // namespace

void installInterruptHandlers() {
  for (int Signal : InterruptSignals) {
    struct sigaction Action = {};
    Action.sa_handler = onInterrupt;
    sigemptyset(&Action.sa_mask);
    Action.sa_flags = SA_RESTART; // waitpid in the other threads goes on
    ::sigaction(Signal, &Action, nullptr);
  }
}

int interruptSignal() { return Interrupted; }

void endWithInterruptSignal() {
  int Signal = Interrupted;
  if (!Signal)
    return;
  std::signal(Signal, SIG_DFL);
  ::raise(Signal);
}

void runJobs(std::vector<Job> &Jobs, llvm::StringRef Self, unsigned Parallel, bool Progress,
             llvm::function_ref<void(size_t)> Done) {
  std::vector<llvm::StringRef> Env = workerEnvironment();
  std::atomic<size_t> Next{0};
  std::mutex ProgressMutex;
  auto Work = [&](std::atomic<pid_t> &Slot) {
    for (size_t I; !Interrupted && (I = Next++) < Jobs.size();) {
      Job &J = Jobs[I];
      if (Progress) {
        std::lock_guard<std::mutex> Lock(ProgressMutex);
        llvm::errs() << "\r\033[K[" << I + 1 << "/" << Jobs.size() << "] " << J.Label;
        llvm::errs().flush();
      }
      runJob(J, Self, Env, Slot);
      if (Done && !Interrupted) {
        std::lock_guard<std::mutex> Lock(ProgressMutex);
        if (Progress) // the caller may print; start it on a clean line
          llvm::errs() << "\r\033[K";
        Done(I);
      }
    }
  };
  std::vector<std::thread> Threads;
  unsigned Count = std::min<size_t>({size_t(Parallel), Jobs.size(), MaxSlots});
  for (unsigned T = 0; T < Count; ++T)
    Threads.emplace_back(Work, std::ref(Running[T]));
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
