// Copy kernels: one strided row of elements into a contiguous row, the inner loop of
// every copy that keeps the dtype (slices' .copy(), copyto, gathers). Highway vectors
// for the strides views and downsampling make (1 and 2), with streaming stores into
// large outputs; any other stride is a plain loop.
//
// This file includes itself once per target through hwy/foreach_target.h.

#ifndef HWY_DISABLED_TARGETS
#define HWY_DISABLED_TARGETS (HWY_SSSE3 | HWY_AVX3_DL)
#endif

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "kernels/kernels.hpp"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/copy_kernels.cpp"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
// After foreach_target:
#include "hwy/cache_control.h"
#include "hwy/highway.h"

HWY_BEFORE_NAMESPACE();
namespace nd::detail::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// Stores one vector at out + i: streamed (non-temporal) or plain.
template <bool Stream, class D, class V, class T>
HWY_INLINE void put(D d, V v, T* out, index_t i) {
  if constexpr (Stream) {
    hn::Stream(v, d, out + i);
  } else {
    hn::StoreU(v, d, out + i);
  }
}

// out[i] = p[i * stride] for i in [from, n), stride 1 or 2, vectors then a scalar tail.
template <bool Stream, class T>
HWY_INLINE void copy_vectors(const T* p, index_t stride, index_t from, index_t n, T* out) {
  const hn::ScalableTag<T> d;
  const index_t N = static_cast<index_t>(hn::Lanes(d));
  index_t i = from;
  if (stride == 1) {
    for (; i + N <= n; i += N) put<Stream>(d, hn::LoadU(d, p + i), out, i);
  } else {
    // Two vectors of the source hold one vector's worth of every other element. The
    // second reaches one element past p[2 * (i + N - 1)], so the row's last vector
    // is left to the scalar tail: the source ends at p[2 * (n - 1)].
    for (; i + N < n; i += N) {
      const auto lo = hn::LoadU(d, p + 2 * i), hi = hn::LoadU(d, p + 2 * i + N);
      put<Stream>(d, hn::ConcatEven(d, hi, lo), out, i);
    }
  }
  for (; i < n; ++i) out[i] = p[i * stride];
}

template <class T>
HWY_NOINLINE void copy_row(index_t n, const T* p, index_t stride, T* out, bool stream) {
  if (stride != 1 && stride != 2) {
    for (index_t i = 0; i < n; ++i) out[i] = p[i * stride];
    return;
  }
  const hn::ScalableTag<T> d;
  const std::size_t vector_bytes = hn::Lanes(d) * sizeof(T);
  if (!stream || reinterpret_cast<std::uintptr_t>(out) % sizeof(T) != 0) {
    if (stride == 1) {
      std::memcpy(out, p, sizeof(T) * static_cast<std::size_t>(n));
    } else {
      copy_vectors<false>(p, stride, 0, n, out);
    }
    return;
  }
  // Streaming stores need an aligned address: elements up to the first aligned one
  // are copied one by one.
  index_t head = 0;
  while (head < n && reinterpret_cast<std::uintptr_t>(out + head) % vector_bytes != 0) {
    out[head] = p[head * stride];
    ++head;
  }
  copy_vectors<true>(p, stride, head, n, out);
  hwy::FlushStream();
}

void copy_strided_kernel(std::size_t elem_size, index_t n, const void* src, index_t stride, void* dst, bool stream) {
  switch (elem_size) {
    case 4:
      return copy_row(n, static_cast<const std::uint32_t*>(src), stride, static_cast<std::uint32_t*>(dst), stream);
    case 8:
      return copy_row(n, static_cast<const std::uint64_t*>(src), stride, static_cast<std::uint64_t*>(dst), stream);
    default: {
      // Bytes and 16-bit elements: no array of them is large enough here to matter.
      const auto* s = static_cast<const std::byte*>(src);
      auto* o = static_cast<std::byte*>(dst);
      if (stride == 1) {
        std::memcpy(o, s, elem_size * static_cast<std::size_t>(n));
        return;
      }
      for (index_t i = 0; i < n; ++i)
        std::memcpy(o + i * static_cast<index_t>(elem_size), s + i * stride * static_cast<index_t>(elem_size),
                    elem_size);
    }
  }
}

}  // namespace nd::detail::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace nd::detail {

HWY_EXPORT(copy_strided_kernel);

void copy_strided_kernel(std::size_t elem_size, index_t n, const void* src, index_t stride, void* dst, bool stream) {
  HWY_DYNAMIC_DISPATCH(copy_strided_kernel)(elem_size, n, src, stride, dst, stream);
}

}  // namespace nd::detail
#endif
