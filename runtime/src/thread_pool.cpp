// nd's own thread pool (why not OpenMP or oneTBB: docs/runtime.md, "Threads").
//
// Workers are started on the first parallel loop and then sleep between loops. One
// caller at a time owns the pool: a loop started while another thread owns it, from
// inside a task, or inside an active OpenMP region runs on its caller alone, so nd
// never adds more than get_num_threads() - 1 threads to what the program already runs.
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "nd/threads.hpp"
#include "parallel.hpp"

// Defined when the program links an OpenMP runtime (libomp or libgomp); a call from
// inside an active OpenMP region then runs serially.
extern "C" int omp_in_parallel(void) __attribute__((weak));

namespace nd::detail {

int default_thread_count();  // thread_count.cpp

namespace {

inline void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#else
  std::this_thread::yield();
#endif
}

// Set on pool workers for their lifetime and on a caller while it runs a loop.
thread_local bool inside_parallel_loop = false;

// The value of environment variable `name` if it is a whole number in [1, max], else
// 0 (with a message on stderr when it is set but not such a number: a typo in a
// variable must not stop a program, and must not pass unnoticed either).
long positive_from_env(const char* name, long max) {
  const char* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return 0;
  char* end = nullptr;
  errno = 0;
  const long n = std::strtol(text, &end, 10);
  if (errno != 0 || *end != '\0' || n < 1 || n > max) {
    std::fprintf(stderr, "nd: ignoring %s='%s': expected a whole number from 1 to %ld\n", name, text, max);
    return 0;
  }
  return n;
}

int initial_thread_count() {
  const int from_env = static_cast<int>(positive_from_env("ND_NUM_THREADS", 4096));
  return from_env > 0 ? from_env : default_thread_count();
}

std::atomic<int>& configured_threads() {
  static std::atomic<int> n{initial_thread_count()};
  return n;
}

class thread_pool {
 public:
  std::mutex owner;  // held by the caller whose loop the workers run

  // Runs the loop on the caller and up to `helpers` workers; the caller holds `owner`.
  // The caller does not wait for a worker that has not joined the loop by the time
  // the tasks are all taken: on a busy machine a woken worker may not run for
  // milliseconds, and it is then simply not needed.
  void run(int helpers, index_t tasks, void (*body)(void*, index_t), void* ctx) {
    grow(helpers);
    body_ = body;
    ctx_ = ctx;
    tasks_ = tasks;
    helpers_.store(helpers, std::memory_order_relaxed);
    failed_task_ = tasks;
    failure_ = nullptr;
    next_.store(0, std::memory_order_relaxed);
    sequence_ = (sequence_ + count_mask + 1) & ~(open_bit | count_mask);
    state_.store(open_bit | sequence_, std::memory_order_release);
    for (int i = 0; i < helpers; ++i) {
      workers_[i]->go.fetch_add(1, std::memory_order_release);
      workers_[i]->go.notify_one();
    }
    work();
    // Close the loop to late workers, then wait for the ones inside to finish.
    std::uint64_t state = state_.fetch_and(~open_bit, std::memory_order_acq_rel) & ~open_bit;
    while ((state & count_mask) != 0) {
      state_.wait(state, std::memory_order_acquire);
      state = state_.load(std::memory_order_acquire);
    }
    if (failure_) std::rethrow_exception(failure_);
  }

 private:
  struct worker {
    alignas(64) std::atomic<std::uint32_t> go{0};
  };

  // state_: whether a loop is open to workers, a sequence number (so that a worker
  // cannot join a later loop by mistake), and how many workers are inside it.
  static constexpr std::uint64_t open_bit = std::uint64_t{1} << 63;
  static constexpr std::uint64_t count_mask = (std::uint64_t{1} << 32) - 1;

  void grow(int helpers) {
    while (static_cast<int>(workers_.size()) < helpers) {
      auto w = std::make_unique<worker>();
      worker* self = w.get();
      std::thread([this, self] { worker_main(*self); }).detach();
      workers_.push_back(std::move(w));
    }
  }

  // Joins the open loop, if there is one and it wants another helper.
  bool join() {
    std::uint64_t state = state_.load(std::memory_order_acquire);
    while ((state & open_bit) != 0) {
      // helpers_ may already be the next loop's; the exchange then fails, as the state
      // has changed since.
      if (static_cast<int>(state & count_mask) >= helpers_.load(std::memory_order_relaxed)) return false;
      if (state_.compare_exchange_weak(state, state + 1, std::memory_order_acq_rel, std::memory_order_acquire))
        return true;
    }
    return false;
  }

  void leave() {
    const std::uint64_t before = state_.fetch_sub(1, std::memory_order_acq_rel);
    if ((before & count_mask) == 1 && (before & open_bit) == 0) state_.notify_all();
  }

  void worker_main(worker& self) {
    inside_parallel_loop = true;
    std::uint32_t seen = 0;
    for (;;) {
      // A short spin first (some tens of microseconds): loops often follow each other
      // (the passes of a chained expression), and falling asleep and being woken
      // costs more than that.
      for (int spin = 0; spin < 2000 && self.go.load(std::memory_order_acquire) == seen; ++spin) cpu_relax();
      self.go.wait(seen, std::memory_order_acquire);
      seen = self.go.load(std::memory_order_acquire);
      if (!join()) continue;
      work();
      leave();
    }
  }

  // Takes tasks until none is left.
  void work() {
    for (;;) {
      const index_t t = next_.fetch_add(1, std::memory_order_relaxed);
      if (t >= tasks_) return;
      try {
        body_(ctx_, t);
      } catch (...) {
        std::lock_guard<std::mutex> lock(failure_mutex_);
        if (t < failed_task_) {
          failed_task_ = t;
          failure_ = std::current_exception();
        }
      }
    }
  }

  std::vector<std::unique_ptr<worker>> workers_;
  // The loop being run: written by the owner before it opens the loop.
  void (*body_)(void*, index_t) = nullptr;
  void* ctx_ = nullptr;
  index_t tasks_ = 0;
  std::atomic<int> helpers_{0};
  std::uint64_t sequence_ = 0;  // the owner's count of loops, in the bits above count_mask
  alignas(64) std::atomic<index_t> next_{0};
  alignas(64) std::atomic<std::uint64_t> state_{0};
  std::mutex failure_mutex_;
  index_t failed_task_ = 0;
  std::exception_ptr failure_;
};

// Never destroyed: at exit the workers sleep and end with the process, so no static
// destructor has to stop and join them (in a child made by fork() they do not even
// exist: its loops run on the calling thread, as workers that do not exist never join
// a loop).
thread_pool& pool() {
  static thread_pool* p = new thread_pool;
  return *p;
}

void run_serially(index_t tasks, void (*body)(void*, index_t), void* ctx) {
  for (index_t t = 0; t < tasks; ++t) body(ctx, t);
}

}  // namespace

index_t parallel_grain() {
  static const index_t grain = [] {
    const long n = positive_from_env("ND_PARALLEL_GRAIN", 1L << 30);
    return n > 0 ? static_cast<index_t>(n) : default_parallel_grain;
  }();
  return grain;
}

int available_threads() {
  if (inside_parallel_loop) return 1;
  if (omp_in_parallel != nullptr && omp_in_parallel() != 0) return 1;
  return configured_threads().load(std::memory_order_relaxed);
}

void parallel_for_tasks(index_t tasks, void (*body)(void*, index_t), void* ctx) {
  const int threads = available_threads();
  if (tasks <= 1 || threads <= 1) return run_serially(tasks, body, ctx);
  thread_pool& p = pool();
  std::unique_lock<std::mutex> owner(p.owner, std::try_to_lock);
  if (!owner.owns_lock()) return run_serially(tasks, body, ctx);  // another thread's loop has the pool
  inside_parallel_loop = true;
  struct leave {
    ~leave() { inside_parallel_loop = false; }
  } on_exit;
  const int helpers = static_cast<int>(std::min<index_t>(threads, tasks)) - 1;
  p.run(helpers, tasks, body, ctx);
}

}  // namespace nd::detail

namespace nd {

void set_num_threads(int n) {
  if (n < 1) throw value_error("set_num_threads: the number of threads must be at least 1, got " + std::to_string(n));
  detail::configured_threads().store(n, std::memory_order_relaxed);
}

int get_num_threads() { return detail::configured_threads().load(std::memory_order_relaxed); }

}  // namespace nd
