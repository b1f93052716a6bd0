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
#include <cstdlib>
#include <mutex>
#include <new>

#include "nd/core.hpp"

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

buffer::buffer(std::size_t n) : data(static_cast<std::byte*>(allocate_bytes(n))), bytes(n) {}
buffer::~buffer() { deallocate_bytes(data, bytes); }

}  // namespace nd::detail
