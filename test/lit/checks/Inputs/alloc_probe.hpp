// Counts the array buffers a statement allocates, for check_nd_tidy.py: the count an
// nd-chained-temporaries diagnostic states must be the runtime's own, and its fix must
// allocate fewer. Use:
//
//   alloc_probe probe;
//   nd::array<double> z = nd::exp(x) * 2.0 + y;
//   probe.report(__LINE__ - 1);   // prints "nd-alloc <line of the statement> <count>"
//
// In the fixed program the probe still follows the (rewritten) statement; the runner
// pairs the probes of both programs in order and reads the line from the original.
#pragma once

#include <nd/nd.hpp>

#include <cstdint>
#include <cstdio>

class alloc_probe {
public:
  alloc_probe() : start_(nd::memory_stats().buffer_allocations) {}
  // Reports the buffers allocated since construction or the last report.
  void report(int line) {
    const std::int64_t now = nd::memory_stats().buffer_allocations;
    std::printf("nd-alloc %d %lld\n", line, static_cast<long long>(now - start_));
    start_ = now;
  }
  void restart() { start_ = nd::memory_stats().buffer_allocations; }

private:
  std::int64_t start_;
};
