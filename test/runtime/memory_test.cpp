// nd::memory_stats(): one buffer per array the runtime hands out (cache hits
// included), none for views, one for a chain whose temporaries are elided; and
// nd::memory_error for an allocation that cannot be made, worded as NumPy's.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include <nd/nd.hpp>

// The allocation of 4 EiB below must fail with a null pointer under AddressSanitizer
// and ThreadSanitizer too, not abort the test binary ("requested allocation size
// exceeds maximum", "allocation-size-too-big").
extern "C" __attribute__((used)) const char* __asan_default_options() { return "allocator_may_return_null=1"; }
extern "C" __attribute__((used)) const char* __tsan_default_options() { return "allocator_may_return_null=1"; }

namespace {

// Allocations made by f() alone.
template <class F>
nd::memory_statistics measure(F&& f) {
  nd::reset_memory_stats();
  f();
  return nd::memory_stats();
}

TEST(MemoryStats, AnArithmeticResultIsOneBuffer) {
  const nd::array<double> a = nd::ones<double>({100}), b = nd::ones<double>({100});
  const nd::memory_statistics s = measure([&] {
    nd::array<double> c = a + b;
    EXPECT_EQ(c(0), 2.0);
  });
  EXPECT_EQ(s.buffer_allocations, 1);
  EXPECT_EQ(s.bytes_allocated, 100 * 8);
}

TEST(MemoryStats, ViewsAndHandleCopiesAllocateNothing) {
  nd::array<double> a = nd::ones<double>({10, 20});
  const nd::memory_statistics s = measure([&] {
    nd::array<double> row = a(3, nd::all);
    nd::array<double> t = a.T();
    nd::array<double> r = a.reshape({200});
    nd::array<double> b = nd::broadcast_to(a(0, nd::all), {5, 20});
    nd::array<double> handle = a;
    nd::array<double> moved = std::move(handle);
    EXPECT_EQ(row.size() + t.size() + r.size() + b.size() + moved.size(), 20 + 200 + 200 + 100 + 200);
  });
  EXPECT_EQ(s.buffer_allocations, 0);
  EXPECT_EQ(s.bytes_allocated, 0);
}

TEST(MemoryStats, ElidedTemporariesCountOnce) {
  const nd::array<double> a = nd::ones<double>({64}), b = nd::ones<double>({64}), c = nd::full<double>({64}, 2.0);
  // (a - b) is a temporary of the result's shape and type: the division reuses it.
  nd::memory_statistics s = measure([&] {
    nd::array<double> z = (a - b) / c;
    EXPECT_EQ(z(0), 0.0);
  });
  EXPECT_EQ(s.buffer_allocations, 1);
  EXPECT_EQ(s.bytes_allocated, 64 * 8);
  // 2.5 * x + 1.2: one array, not two.
  s = measure([&] { nd::array<double> y = 2.5 * a + 1.2; });
  EXPECT_EQ(s.buffer_allocations, 1);
  // A temporary that must broadcast to a larger shape cannot hold the result.
  const nd::array<double> m = nd::ones<double>({8, 64});
  s = measure([&] { nd::array<double> y = (a - b) + m; });
  EXPECT_EQ(s.buffer_allocations, 2);
}

TEST(MemoryStats, CopiesAndFreshArraysCountTheirBytes) {
  const nd::array<float> a = nd::ones<float>({3, 5});
  const nd::memory_statistics s = measure([&] {
    nd::array<float> c = a.copy();
    nd::array<std::int32_t> d = nd::zeros<std::int32_t>({7});
    nd::array<double> e = a.astype<double>();
  });
  EXPECT_EQ(s.buffer_allocations, 3);
  EXPECT_EQ(s.bytes_allocated, 15 * 4 + 7 * 4 + 15 * 8);
}

TEST(MemoryStats, BlockCacheHitsCountAsAllocations) {
  // Large blocks (4 MiB and up) are cached when freed and handed out again.
  const nd::index_t n = (std::int64_t{8} << 20) / 8;
  const nd::array<double> a = nd::ones<double>({n});
  const nd::memory_statistics s = measure([&] {
    for (int k = 0; k < 3; ++k) {
      nd::array<double> t = a * 2.0;  // freed at the end of each iteration, then reused
      EXPECT_EQ(t(0), 2.0);
    }
  });
  EXPECT_EQ(s.buffer_allocations, 3);
  EXPECT_EQ(s.bytes_allocated, 3 * n * 8);
}

TEST(MemoryStats, LiveAndPeakBytes) {
  const nd::memory_statistics before = measure([] {});
  EXPECT_EQ(before.buffer_allocations, 0);
  EXPECT_EQ(before.peak_live_bytes, before.live_bytes);
  nd::memory_statistics s;
  {
    nd::array<double> x = nd::empty<double>({1000});
    {
      nd::array<double> y = nd::empty<double>({500});
      s = nd::memory_stats();
      EXPECT_EQ(s.live_bytes, before.live_bytes + 1500 * 8);
    }
    s = nd::memory_stats();
    EXPECT_EQ(s.live_bytes, before.live_bytes + 1000 * 8);
  }
  s = nd::memory_stats();
  EXPECT_EQ(s.live_bytes, before.live_bytes);
  EXPECT_EQ(s.peak_live_bytes, before.live_bytes + 1500 * 8);
  EXPECT_EQ(s.buffer_allocations, 2);
  // A reset starts the peak again from what is live now.
  nd::reset_memory_stats();
  EXPECT_EQ(nd::memory_stats().peak_live_bytes, before.live_bytes);
}

TEST(MemoryStats, CountsEveryThreadsBuffers) {
  nd::reset_memory_stats();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([] {
      for (int k = 0; k < 250; ++k) nd::array<std::int64_t> x = nd::zeros<std::int64_t>({16});
    });
  for (std::thread& t : threads) t.join();
  const nd::memory_statistics s = nd::memory_stats();
  EXPECT_EQ(s.buffer_allocations, 1000);
  EXPECT_EQ(s.bytes_allocated, 1000 * 16 * 8);
}

TEST(MemoryError, AnAllocationThatCannotBeMadeSaysItsSizeShapeAndType) {
  // 2**59 doubles = 4 EiB: a valid shape that no machine can map.
  const nd::index_t n = nd::index_t{1} << 59;
  try {
    nd::array<double> huge = nd::empty<double>({n});
    FAIL() << "allocated 4 EiB";
  } catch (const nd::memory_error& e) {
    EXPECT_EQ(std::string(e.what()),
              "Unable to allocate 4.00 EiB for an array with shape (576460752303423488,) and data type float64");
  }
  // It is an nd::error, and a failed allocation is not counted.
  nd::reset_memory_stats();
  EXPECT_THROW(nd::zeros<float>({nd::index_t{1} << 30, nd::index_t{1} << 30}), nd::error);
  EXPECT_EQ(nd::memory_stats().buffer_allocations, 0);
}

}  // namespace
