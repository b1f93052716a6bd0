// The buffer allocator. Three things matter for speed on large arrays:
// - 64-byte alignment, so SIMD loads never split cache lines at the start;
// - madvise(MADV_HUGEPAGE) on blocks of 4 MiB or more: with transparent huge pages in
//   "madvise" mode, first touch of a fresh 80 MB block costs ~20x less with 2 MiB pages;
// - a small cache of freed large blocks, so the temporaries of an expression evaluated
//   in a loop reuse memory that is already mapped instead of faulting it in again.
//   The cache never raises the peak: live large blocks plus cached ones stay within the
//   most that was ever live at once (what an allocator without a cache, like NumPy's,
//   peaks at), so on a miss cached blocks are freed before a new one is mapped.
#include <sys/mman.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <mutex>
#include <new>
#include <string>

#include "nd/core.hpp"
#include "nd/memory.hpp"

namespace nd::detail {
namespace {

constexpr std::size_t kAlignment = 64;
constexpr std::size_t kLargeBlock = std::size_t{4} << 20;  // 4 MiB
constexpr std::size_t kHugePage = std::size_t{2} << 20;    // 2 MiB
constexpr std::size_t kCacheSlots = 8;
constexpr std::size_t kCacheBytes = std::size_t{1} << 30;  // 1 GiB held at most

struct cached_block {
  void* ptr = nullptr;
  std::size_t bytes = 0;
};

struct block_cache {
  std::mutex mutex;
  cached_block slots[kCacheSlots];
  std::size_t held = 0;       // bytes in the cache
  std::size_t live = 0;       // bytes of large blocks in use
  std::size_t peak_live = 0;  // the most ever in use at once

  ~block_cache() { clear(); }

  // A cached block of exactly `bytes`, or null after making room for a new one.
  void* take(std::size_t bytes) {
    std::lock_guard lock(mutex);
    live += bytes;
    for (cached_block& b : slots)
      if (b.ptr && b.bytes == bytes) {
        void* p = b.ptr;
        b = {};
        held -= bytes;
        return p;
      }
    // A miss: map a new block, but first free cached ones that would lift the peak.
    for (cached_block& b : slots)
      if (b.ptr && held + live > peak_live) {
        std::free(b.ptr);
        held -= b.bytes;
        b = {};
      }
    peak_live = std::max(peak_live, live);
    return nullptr;
  }
  void forget(std::size_t bytes) {
    std::lock_guard lock(mutex);
    live -= bytes;
  }
  bool put(void* p, std::size_t bytes) {
    std::lock_guard lock(mutex);
    live -= bytes;
    if (held + bytes > kCacheBytes) return false;
    for (cached_block& b : slots)
      if (!b.ptr) {
        b = {p, bytes};
        held += bytes;
        return true;
      }
    return false;
  }
  void clear() {
    std::lock_guard lock(mutex);
    for (cached_block& b : slots)
      if (b.ptr) {
        std::free(b.ptr);
        b = {};
      }
    held = 0;
  }
};

block_cache& cache() {
  static block_cache c;
  return c;
}

std::size_t rounded_size(std::size_t bytes) {
  if (bytes >= kLargeBlock) return (bytes + kHugePage - 1) / kHugePage * kHugePage;
  return (std::max<std::size_t>(bytes, kAlignment) + kAlignment - 1) / kAlignment * kAlignment;
}

// The counters behind nd::memory_stats(). Relaxed atomics: each is a tally that no
// other memory access is ordered by, and buffers are made on several threads.
struct buffer_counters {
  std::atomic<std::int64_t> allocations{0};
  std::atomic<std::int64_t> bytes{0};
  std::atomic<std::int64_t> live{0};
  std::atomic<std::int64_t> peak{0};

  void on_allocate(std::size_t n) {
    allocations.fetch_add(1, std::memory_order_relaxed);
    bytes.fetch_add(static_cast<std::int64_t>(n), std::memory_order_relaxed);
    const std::int64_t now =
        live.fetch_add(static_cast<std::int64_t>(n), std::memory_order_relaxed) + static_cast<std::int64_t>(n);
    std::int64_t seen = peak.load(std::memory_order_relaxed);
    while (now > seen && !peak.compare_exchange_weak(seen, now, std::memory_order_relaxed)) {
    }
  }
  void on_release(std::size_t n) { live.fetch_sub(static_cast<std::int64_t>(n), std::memory_order_relaxed); }
};

buffer_counters& counters() {
  static buffer_counters c;
  return c;
}

}  // namespace

void* allocate_bytes(std::size_t bytes) {
  const std::size_t size = rounded_size(bytes);
  if (size >= kLargeBlock) {
    if (void* p = cache().take(size)) return p;
    void* p = std::aligned_alloc(kHugePage, size);
    if (!p) {
      cache().forget(size);
      throw std::bad_alloc();
    }
    madvise(p, size, MADV_HUGEPAGE);
    return p;
  }
  void* p = std::aligned_alloc(kAlignment, size);
  if (!p) throw std::bad_alloc();
  return p;
}

void deallocate_bytes(void* p, std::size_t bytes) noexcept {
  if (!p) return;
  const std::size_t size = rounded_size(bytes);
  if (size >= kLargeBlock && cache().put(p, size)) return;
  std::free(p);
}

void release_cached_blocks() noexcept { cache().clear(); }

namespace {

// NumPy's _size_to_string: a binary size with three significant digits, "8.00 TiB".
std::string size_to_string(std::size_t bytes) {
  static const char* const units[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  const int bit_length = bytes == 0 ? 0 : 64 - __builtin_clzll(bytes);
  int unit = std::max(bit_length - 1, 1) / 10;
  double n_units = static_cast<double>(bytes) / static_cast<double>(std::uint64_t{1} << (10 * unit));
  if (std::round(n_units) == 1024.0 && unit + 1 < static_cast<int>(std::size(units))) {
    ++unit;
    n_units /= 1024.0;
  }
  char text[64];
  if (unit == 0) std::snprintf(text, sizeof text, "%.0f %s", n_units, units[unit]);
  else if (std::round(n_units) < 1000.0) std::snprintf(text, sizeof text, "%#.3g %s", n_units, units[unit]);
  else std::snprintf(text, sizeof text, "%#.0f %s", n_units, units[unit]);
  return text;
}

}  // namespace

std::shared_ptr<buffer> allocate_buffer(std::size_t bytes, std::span<const index_t> shape, dtype type) {
  try {
    return std::make_shared<buffer>(bytes);
  } catch (const std::bad_alloc&) {
    throw memory_error("Unable to allocate " + size_to_string(bytes) + " for an array with shape " + to_string(shape) +
                       " and data type " + dtype_name(type));
  }
}

buffer::buffer(std::size_t n) : data(static_cast<std::byte*>(allocate_bytes(n))), bytes(n) {
  counters().on_allocate(n);
}
buffer::~buffer() {
  if (!owned) return;  // the caller's memory (nd::from_data)
  counters().on_release(bytes);
  deallocate_bytes(data, bytes);
}

}  // namespace nd::detail

namespace nd {

memory_statistics memory_stats() noexcept {
  detail::buffer_counters& c = detail::counters();
  memory_statistics s;
  s.buffer_allocations = c.allocations.load(std::memory_order_relaxed);
  s.bytes_allocated = c.bytes.load(std::memory_order_relaxed);
  s.live_bytes = c.live.load(std::memory_order_relaxed);
  s.peak_live_bytes = std::max(c.peak.load(std::memory_order_relaxed), s.live_bytes);
  return s;
}

void reset_memory_stats() noexcept {
  detail::buffer_counters& c = detail::counters();
  c.allocations.store(0, std::memory_order_relaxed);
  c.bytes.store(0, std::memory_order_relaxed);
  c.peak.store(c.live.load(std::memory_order_relaxed), std::memory_order_relaxed);
}

}  // namespace nd
