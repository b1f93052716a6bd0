// Allocation statistics: how many array buffers the runtime has handed out and how
// many bytes they hold, since the last nd::reset_memory_stats() (what NumPy users ask
// tracemalloc). Counted where every array buffer is made (detail::buffer), so views,
// handle copies and moves count nothing, and an expression that reuses a temporary
// (temporary elision) counts one buffer, not two.
#pragma once
// IWYU pragma: private, include <nd/nd.hpp>

#include <cstdint>

namespace nd {

struct memory_statistics {
  // Array buffers handed out: one per nd::array that owns new memory (a result, a copy,
  // nd::empty, ...). A buffer served from the allocator's cache of freed blocks counts
  // like any other: the count is the runtime's allocations, not the system's.
  std::int64_t buffer_allocations = 0;
  // The bytes those buffers hold (elements times element size, before the allocator
  // rounds up for alignment).
  std::int64_t bytes_allocated = 0;
  // The bytes of all buffers alive now, whenever they were made (not reset).
  std::int64_t live_bytes = 0;
  // The most live bytes at any moment since the reset (at least live_bytes then).
  std::int64_t peak_live_bytes = 0;
};

// A snapshot of the counters. Thread-safe: every thread's buffers count.
memory_statistics memory_stats() noexcept;

// Zeroes buffer_allocations and bytes_allocated, and starts peak_live_bytes again
// from the bytes live now.
void reset_memory_stats() noexcept;

}  // namespace nd
