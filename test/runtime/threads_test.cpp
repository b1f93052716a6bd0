// Threads: the controls, the pool's guarantees (every task once, errors, nested and
// concurrent calls run serially), and bit-for-bit equal results for every thread count.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include <nd/nd.hpp>

#include "parallel.hpp"
#include "test_support.hpp"

// Stands in for an OpenMP runtime's omp_in_parallel, which nd looks up as a weak
// symbol: the test says whether "an OpenMP region" is active.
namespace {
std::atomic<bool> in_openmp_region{false};
}
extern "C" int omp_in_parallel(void) { return in_openmp_region.load() ? 1 : 0; }

namespace {

using nd::index_t;

// Restores the thread count a test changed.
class ThreadCount : public ::testing::Test {
 protected:
  void TearDown() override { nd::set_num_threads(saved_); }
  int saved_ = nd::get_num_threads();
};

// ---- controls -----------------------------------------------------------------------
TEST_F(ThreadCount, SetAndGet) {
  nd::set_num_threads(3);
  EXPECT_EQ(nd::get_num_threads(), 3);
  nd::set_num_threads(1);
  EXPECT_EQ(nd::get_num_threads(), 1);
}

TEST_F(ThreadCount, FewerThanOneIsRejectedAndChangesNothing) {
  nd::set_num_threads(2);
  nd_test::expect_message<nd::value_error>([] { nd::set_num_threads(0); },
                                           "set_num_threads: the number of threads must be at least 1, got 0");
  EXPECT_THROW(nd::set_num_threads(-4), nd::value_error);
  EXPECT_EQ(nd::get_num_threads(), 2);
}

TEST(Threads, DefaultIsPositive) {
  // ND_NUM_THREADS, or the CPUs this process may use: at least one either way.
  EXPECT_GE(nd::get_num_threads(), 1);
}

// ---- the pool ---------------------------------------------------------------------
TEST_F(ThreadCount, EveryTaskRunsOnce) {
  nd::set_num_threads(4);
  for (index_t tasks : {1, 2, 3, 7, 64, 1000}) {
    std::vector<std::atomic<int>> runs(static_cast<std::size_t>(tasks));
    nd::detail::parallel_for(tasks, [&](index_t t) { runs[static_cast<std::size_t>(t)].fetch_add(1); });
    for (index_t t = 0; t < tasks; ++t) EXPECT_EQ(runs[static_cast<std::size_t>(t)].load(), 1) << t << " of " << tasks;
  }
}

TEST_F(ThreadCount, TasksRunAtTheSameTimeOnTwoThreads) {
  // Each task waits (up to 20 s) for the other to start: only two threads can finish
  // both without waiting out the time limit.
  nd::set_num_threads(2);
  std::atomic<int> started{0};
  std::atomic<int> met{0};
  nd::detail::parallel_for(2, [&](index_t) {
    started.fetch_add(1);
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (started.load() < 2 && std::chrono::steady_clock::now() < until) std::this_thread::yield();
    if (started.load() == 2) met.fetch_add(1);
  });
  EXPECT_EQ(met.load(), 2);
}

TEST_F(ThreadCount, TheLowestFailingTaskIsRethrown) {
  nd::set_num_threads(4);
  try {
    nd::detail::parallel_for(100, [](index_t t) {
      if (t % 10 == 3) throw std::runtime_error("task " + std::to_string(t));
    });
    ADD_FAILURE() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "task 3");
  }
  // The pool still works afterwards.
  std::atomic<index_t> sum{0};
  nd::detail::parallel_for(10, [&](index_t t) { sum += t; });
  EXPECT_EQ(sum.load(), 45);
}

TEST_F(ThreadCount, NestedLoopsRunOnTheirTasksThread) {
  nd::set_num_threads(4);
  std::atomic<bool> nested_parallel{false};
  nd::detail::parallel_for(8, [&](index_t) {
    if (nd::detail::available_threads() != 1) nested_parallel = true;
    const auto me = std::this_thread::get_id();
    nd::detail::parallel_for(8, [&](index_t) {
      if (std::this_thread::get_id() != me) nested_parallel = true;
    });
  });
  EXPECT_FALSE(nested_parallel.load());
}

TEST_F(ThreadCount, LoopsInsideAnOpenMPRegionRunSerially) {
  nd::set_num_threads(4);
  EXPECT_EQ(nd::detail::available_threads(), 4);
  in_openmp_region = true;
  EXPECT_EQ(nd::detail::available_threads(), 1);
  std::set<std::thread::id> ids;
  nd::detail::parallel_for(64, [&](index_t) { ids.insert(std::this_thread::get_id()); });  // serial: no race
  in_openmp_region = false;
  EXPECT_EQ(ids, std::set<std::thread::id>{std::this_thread::get_id()});
}

TEST_F(ThreadCount, ALoopStartedWhileAnotherThreadHoldsThePoolRunsSerially) {
  nd::set_num_threads(2);
  std::atomic<bool> holding{false}, other_done{false};
  std::set<std::thread::id> other_ids;
  std::thread::id other_id;
  std::thread owner([&] {
    nd::detail::parallel_for(2, [&](index_t t) {
      if (t != 0) return;
      holding = true;
      while (!other_done) std::this_thread::yield();
    });
  });
  while (!holding) std::this_thread::yield();
  std::thread other([&] {
    other_id = std::this_thread::get_id();
    std::mutex m;
    nd::detail::parallel_for(16, [&](index_t) {
      std::lock_guard<std::mutex> lock(m);
      other_ids.insert(std::this_thread::get_id());
    });
    other_done = true;
  });
  other.join();
  owner.join();
  EXPECT_EQ(other_ids, std::set<std::thread::id>{other_id});
}

TEST_F(ThreadCount, CallsFromUsersThreadsAgreeWithOneThread) {
  nd::set_num_threads(1);
  const nd::array<double> x = nd::random::default_rng(7).random({400000});
  const double expected = nd::sum(x * 2.0 + 1.0);
  nd::set_num_threads(2);
  std::vector<double> got(4);
  std::vector<std::thread> users;
  for (std::size_t i = 0; i < got.size(); ++i) users.emplace_back([&, i] { got[i] = nd::sum(x * 2.0 + 1.0); });
  for (auto& u : users) u.join();
  for (double g : got) EXPECT_EQ(std::memcmp(&g, &expected, sizeof g), 0) << g << " vs " << expected;
}

// A child made by fork() has none of the parent's workers: its loops must still run
// (on its one thread) and it must exit normally, static destructors included.
// ThreadSanitizer does not support forking a process with threads, so the TSan build
// skips it.
#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define ND_TEST_UNDER_TSAN 1
#endif
#endif
TEST_F(ThreadCount, AForkedChildComputesAndExits) {
#ifdef ND_TEST_UNDER_TSAN
  GTEST_SKIP() << "fork() of a threaded process under ThreadSanitizer";
#else
  nd::set_num_threads(2);
  const nd::array<double> x = nd::random::default_rng(8).random({400000});
  const double expected = nd::sum(x * 2.0);  // the parent's pool has started
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    alarm(60);  // a hang ends the child with SIGALRM, which the parent sees
    const double got = nd::sum(x * 2.0);
    std::exit(std::memcmp(&got, &expected, sizeof got) == 0 ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status)) << "status " << status;
  EXPECT_EQ(WEXITSTATUS(status), 0);
#endif
}

// ---- the same bits for every thread count -------------------------------------------
template <class T>
std::vector<unsigned char> bits(const nd::array<T>& a) {
  const nd::array<T> c = a.copy();
  std::vector<unsigned char> b(static_cast<std::size_t>(c.size()) * sizeof(T));
  if (!b.empty()) std::memcpy(b.data(), c.data(), b.size());
  return b;
}
template <class T>
  requires std::is_arithmetic_v<T>
std::vector<unsigned char> bits(T v) {
  std::vector<unsigned char> b(sizeof(T));
  std::memcpy(b.data(), &v, sizeof(T));
  return b;
}

// f() computed with 1 thread and with 2, 3 and 8 must have the same bits.
template <class F>
void expect_same_bits(const char* what, F&& f) {
  const int saved = nd::get_num_threads();
  nd::set_num_threads(1);
  const auto one = bits(f());
  for (int n : {2, 3, 8}) {
    nd::set_num_threads(n);
    EXPECT_TRUE(bits(f()) == one) << what << " differs with " << n << " threads";
  }
  nd::set_num_threads(saved);
}

struct Data {
  // Odd sizes, so that blocks, chunks and SIMD tails all have remainders.
  nd::array<double> v = nd::random::default_rng(1).normal(0.5, 3.0, nd::shape_t{1000003});
  nd::array<double> m = nd::random::default_rng(2).normal(-1.0, 2.0, nd::shape_t{1501, 1003});
  nd::array<double> wide = nd::random::default_rng(3).normal(0.0, 1.0, nd::shape_t{7, 200003});
  nd::array<double> tall = nd::random::default_rng(7).normal(1e6, 1.0, nd::shape_t{200003, 13});
  nd::array<float> vf = nd::random::default_rng(4).normal(1.0, 1.0, nd::shape_t{700001}).astype<float>();
  nd::array<std::int64_t> vi = nd::random::default_rng(5).integers(-1000, 1000, nd::shape_t{900007});
  nd::array<std::int32_t> mi =
      nd::random::default_rng(6).integers(-50, 50, nd::shape_t{1201, 997}).astype<std::int32_t>();
};
const Data& data() {
  static const Data d;
  return d;
}

TEST(SameBits, ElementWise) {
  const Data& d = data();
  expect_same_bits("2.5 * v + 1.2", [&] { return 2.5 * d.v + 1.2; });
  expect_same_bits("exp(v / 4)", [&] { return nd::exp(d.v / 4.0); });
  expect_same_bits("sin(m)", [&] { return nd::sin(d.m); });
  expect_same_bits("sqrt(abs(vf))", [&] { return nd::sqrt(nd::abs(d.vf)); });
  expect_same_bits("m - mean row", [&] { return d.m - nd::mean(d.m, 0); });
  expect_same_bits("m / column", [&] { return d.m / nd::sum(d.m, 1, true); });
  expect_same_bits("wide * broadcast", [&] { return d.wide * d.wide(0, nd::all); });
  expect_same_bits("int32 + double", [&] { return d.mi + d.m(nd::slice(0, 1201), nd::slice(0, 997)); });
  expect_same_bits("comparison", [&] { return d.v > 0.5; });
  expect_same_bits("where", [&] { return nd::where(d.v > 0.0, d.v, -d.v); });
  expect_same_bits("clip", [&] { return nd::clip(d.m, -1.0, 2.0); });
  expect_same_bits("strided", [&] { return d.m(nd::slice(0, nd::none, 2), nd::slice(1, nd::none, 3)) * 3.0; });
  expect_same_bits("transposed", [&] { return d.m.T() + 1.0; });
}

TEST(SameBits, Copies) {
  const Data& d = data();
  expect_same_bits("copy of a strided view",
                   [&] { return d.m(nd::slice(0, nd::none, 2), nd::slice(0, nd::none, 2)).copy(); });
  expect_same_bits("astype<float>", [&] { return d.v.astype<float>(); });
  expect_same_bits("astype<int32>", [&] { return d.m.astype<std::int32_t>(); });
  expect_same_bits("copyto broadcast", [&] {
    nd::array<double> out = nd::empty<double>(d.m.shape());
    nd::copyto(out, d.m(0, nd::all));
    return out;
  });
  expect_same_bits("gather of every other row and column", [&] {
    auto rows = nd::arange(0, d.m.shape(0), 2);
    auto cols = nd::arange(0, d.m.shape(1), 2);
    return d.m(rows(nd::all, nd::newaxis), cols);
  });
  expect_same_bits("gather of random elements", [&] {
    return d.v(nd::random::default_rng(9).integers(0, d.v.size(), nd::shape_t{300007}));
  });
  expect_same_bits("gather of a wide matrix's rows", [&] { return d.wide(nd::array<std::int64_t>{6, 0, 3}); });
  expect_same_bits("mask", [&] { return d.v(d.v > 0.5); });
  expect_same_bits("mask of a matrix", [&] { return d.m(d.m < 0.0); });
  expect_same_bits("out= form", [&] {
    nd::array<double> out = nd::empty<double>(d.v.shape());
    nd::multiply(d.v, 2.5, out);
    nd::add(out, 1.2, out);
    return out;
  });
}

TEST(SameBits, Reductions) {
  const Data& d = data();
  expect_same_bits("sum", [&] { return nd::sum(d.v); });
  expect_same_bits("sum float32", [&] { return nd::sum(d.vf); });
  expect_same_bits("sum strided", [&] { return nd::sum(d.v(nd::slice(0, nd::none, 3))); });
  expect_same_bits("sum of a matrix", [&] { return nd::sum(d.m); });
  expect_same_bits("sum of a transposed matrix", [&] { return nd::sum(d.m.T()); });
  expect_same_bits("sum axis 0", [&] { return nd::sum(d.m, 0); });
  expect_same_bits("sum axis 1", [&] { return nd::sum(d.m, 1); });
  expect_same_bits("sum of a wide matrix, axis 1", [&] { return nd::sum(d.wide, 1); });
  expect_same_bits("sum of a wide matrix, axis 0", [&] { return nd::sum(d.wide, 0); });
  expect_same_bits("mean", [&] { return nd::mean(d.v); });
  expect_same_bits("mean of int64", [&] { return nd::mean(d.vi); });
  expect_same_bits("mean of int32 axis 0", [&] { return nd::mean(d.mi, 0); });
  expect_same_bits("var", [&] { return nd::var(d.v); });
  expect_same_bits("std axis 0", [&] { return nd::stddev(d.m, 0); });
  expect_same_bits("std axis 1", [&] { return nd::stddev(d.m, 1); });
  expect_same_bits("var of a wide matrix, axis 1", [&] { return nd::var(d.wide, 1); });
  // One column block: the row tree's subtrees are the tasks.
  expect_same_bits("var of a tall matrix, axis 0", [&] { return nd::var(d.tall, 0); });
  expect_same_bits("std float32 axis 0", [&] { return nd::stddev(d.m.astype<float>(), 0); });
  expect_same_bits("var of int32", [&] { return nd::var(d.mi); });
  expect_same_bits("prod", [&] { return nd::prod(1.0 + d.v / 1e6); });
  expect_same_bits("min", [&] { return nd::min(d.v); });
  expect_same_bits("max axis 0", [&] { return nd::max(d.m, 0); });
  expect_same_bits("int64 sum", [&] { return nd::sum(d.vi); });
  expect_same_bits("int32 sum axis 1", [&] { return nd::sum(d.mi, 1); });
  expect_same_bits("any", [&] { return nd::any(d.v > 12.0); });
  expect_same_bits("all axis 0", [&] { return nd::all(d.m > -9.0, 0); });
}

// The threaded results are the right ones, not merely the same ones.
TEST_F(ThreadCount, ThreadedResultsMatchPlainLoops) {
  nd::set_num_threads(4);
  const Data& d = data();
  const nd::array<double> y = 2.5 * d.v + 1.2;
  for (index_t i = 0; i < d.v.size(); i += 997) ASSERT_EQ(y(i), 2.5 * d.v(i) + 1.2) << i;
  ASSERT_EQ(y(d.v.size() - 1), 2.5 * d.v(d.v.size() - 1) + 1.2);
  std::int64_t isum = 0;
  for (index_t i = 0; i < d.vi.size(); ++i) isum += d.vi(i);
  EXPECT_EQ(nd::sum(d.vi), isum);
  long double total = 0;
  for (index_t i = 0; i < d.v.size(); ++i) total += d.v(i);
  EXPECT_NEAR(nd::sum(d.v), static_cast<double>(total), 1e-9 * std::abs(static_cast<double>(total)) + 1e-6);
  const nd::array<double> col = nd::sum(d.m, 0);
  for (index_t j : {index_t{0}, index_t{511}, index_t{512}, index_t{1002}}) {
    long double c = 0;
    for (index_t i = 0; i < d.m.shape(0); ++i) c += d.m(i, j);
    EXPECT_NEAR(col(j), static_cast<double>(c), 1e-9) << j;
  }
}

}  // namespace
