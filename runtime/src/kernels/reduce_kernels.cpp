// Reduction kernels over one run of elements: pairwise float sums with 8 SIMD
// accumulators per block (at least as accurate as NumPy's pairwise summation, which
// uses 8 scalar accumulators over blocks of 128), NaN-propagating min/max, products,
// any/all. Compiled for every Highway target and dispatched at run time.

#ifndef HWY_DISABLED_TARGETS
#define HWY_DISABLED_TARGETS (HWY_SSSE3 | HWY_AVX3_DL)
#endif

#include <cstdint>
#include <type_traits>

#include "kernels/kernels.hpp"
#include "kernels/scalar_ops.hpp"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/reduce_kernels.cpp"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"

HWY_BEFORE_NAMESPACE();
namespace nd::detail::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;
using namespace nd::detail::scalar;

// Pairwise sum of a contiguous run. Leaves of 16 vectors per accumulator (8
// accumulators) are summed directly; longer runs split in halves on a multiple of the
// unrolled width, as NumPy's pairwise_sum does.
template <class T>
HWY_NOINLINE T pairwise_sum_contiguous(const T* p, index_t n) {
  const hn::ScalableTag<T> d;
  const index_t N = static_cast<index_t>(hn::Lanes(d));
  const index_t unroll = 8 * N;
  if (n < unroll) {
    T s = 0;
    for (index_t i = 0; i < n; ++i) s += p[i];
    return s;
  }
  if (n <= 16 * unroll) {
    auto v0 = hn::LoadU(d, p), v1 = hn::LoadU(d, p + N), v2 = hn::LoadU(d, p + 2 * N), v3 = hn::LoadU(d, p + 3 * N);
    auto v4 = hn::LoadU(d, p + 4 * N), v5 = hn::LoadU(d, p + 5 * N), v6 = hn::LoadU(d, p + 6 * N),
         v7 = hn::LoadU(d, p + 7 * N);
    index_t i = unroll;
    for (; i + unroll <= n; i += unroll) {
      v0 = hn::Add(v0, hn::LoadU(d, p + i));
      v1 = hn::Add(v1, hn::LoadU(d, p + i + N));
      v2 = hn::Add(v2, hn::LoadU(d, p + i + 2 * N));
      v3 = hn::Add(v3, hn::LoadU(d, p + i + 3 * N));
      v4 = hn::Add(v4, hn::LoadU(d, p + i + 4 * N));
      v5 = hn::Add(v5, hn::LoadU(d, p + i + 5 * N));
      v6 = hn::Add(v6, hn::LoadU(d, p + i + 6 * N));
      v7 = hn::Add(v7, hn::LoadU(d, p + i + 7 * N));
    }
    auto total = hn::Add(hn::Add(hn::Add(v0, v1), hn::Add(v2, v3)), hn::Add(hn::Add(v4, v5), hn::Add(v6, v7)));
    T s = hn::GetLane(hn::SumOfLanes(d, total));
    for (; i < n; ++i) s += p[i];
    return s;
  }
  index_t half = n / 2;
  half -= half % unroll;
  return pairwise_sum_contiguous(p, half) + pairwise_sum_contiguous(p + half, n - half);
}

// The same pairwise scheme over a strided run, with 8 scalar accumulators (NumPy's).
template <class T>
T pairwise_sum_strided(const T* p, index_t n, index_t s) {
  if (n < 8) {
    T r = 0;
    for (index_t i = 0; i < n; ++i) r += p[i * s];
    return r;
  }
  if (n <= 128) {
    T r[8];
    for (int k = 0; k < 8; ++k) r[k] = p[k * s];
    index_t i = 8;
    for (; i + 8 <= n; i += 8)
      for (int k = 0; k < 8; ++k) r[k] += p[(i + k) * s];
    T total = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; ++i) total += p[i * s];
    return total;
  }
  index_t half = n / 2;
  half -= half % 8;
  return pairwise_sum_strided(p, half, s) + pairwise_sum_strided(p + half * s, n - half, s);
}

template <class T>
T sum_run(const T* p, index_t n, index_t s) {
  if constexpr (std::is_floating_point_v<T>) {
    return s == 1 ? pairwise_sum_contiguous(p, n) : pairwise_sum_strided(p, n, s);
  } else if constexpr (std::is_same_v<T, bool>) {
    for (index_t i = 0; i < n; ++i)
      if (p[i * s]) return true;
    return false;
  } else {
    T r = 0;
    for (index_t i = 0; i < n; ++i) r = wrap_add(r, p[i * s]);
    return r;
  }
}

template <class T>
T prod_run(const T* p, index_t n, index_t s) {
  T r = 1;
  for (index_t i = 0; i < n; ++i) r = wrap_mul(r, p[i * s]);
  return r;
}

// min/max of a run; NaN wins as in NumPy. Contiguous runs use vectors whose lanes
// keep NaN once seen.
template <bool IsMax, class T>
HWY_NOINLINE T extreme_run(const T* p, index_t n, index_t s) {
  auto pick = [](T a, T b) { return IsMax ? nan_max(a, b) : nan_min(a, b); };
  T r = p[0];
  index_t i = 1;
  if constexpr (!std::is_same_v<T, bool>) {
    const hn::ScalableTag<T> d;
    const index_t N = static_cast<index_t>(hn::Lanes(d));
    if (s == 1 && n >= 2 * N) {
      auto acc = hn::LoadU(d, p);
      for (i = N; i + N <= n; i += N) {
        auto v = hn::LoadU(d, p + i);
        auto m = IsMax ? hn::Max(acc, v) : hn::Min(acc, v);
        if constexpr (std::is_floating_point_v<T>) {
          m = hn::IfThenElse(hn::IsNaN(v), v, m);
          m = hn::IfThenElse(hn::IsNaN(acc), acc, m);
        }
        acc = m;
      }
      HWY_ALIGN T lanes[HWY_MAX_BYTES / sizeof(T)];
      hn::Store(acc, d, lanes);
      r = lanes[0];
      for (index_t k = 1; k < N; ++k) r = pick(r, lanes[k]);
    }
  }
  for (; i < n; ++i) r = pick(r, p[i * s]);
  return r;
}

template <class T>
bool any_run(const T* p, index_t n, index_t s) {
  for (index_t i = 0; i < n; ++i)
    if (p[i * s] != T(0)) return true;
  return false;
}
template <class T>
bool all_run(const T* p, index_t n, index_t s) {
  for (index_t i = 0; i < n; ++i)
    if (p[i * s] == T(0)) return false;
  return true;
}

template <class T>
void reduce_typed(reduce_op op, index_t n, const void* pv, index_t s, void* result) {
  const T* p = static_cast<const T*>(pv);
  switch (op) {
    case reduce_op::sum: *static_cast<T*>(result) = sum_run(p, n, s); return;
    case reduce_op::prod: *static_cast<T*>(result) = prod_run(p, n, s); return;
    case reduce_op::min: *static_cast<T*>(result) = extreme_run<false>(p, n, s); return;
    case reduce_op::max: *static_cast<T*>(result) = extreme_run<true>(p, n, s); return;
    case reduce_op::any: *static_cast<bool*>(result) = any_run(p, n, s); return;
    case reduce_op::all: *static_cast<bool*>(result) = all_run(p, n, s); return;
  }
}

void reduce_kernel(reduce_op op, dtype t, index_t n, const void* p, index_t s, void* result) {
  switch (t) {
    case dtype::bool_: return reduce_typed<bool>(op, n, p, s, result);
    case dtype::int32: return reduce_typed<std::int32_t>(op, n, p, s, result);
    case dtype::int64: return reduce_typed<std::int64_t>(op, n, p, s, result);
    case dtype::float32: return reduce_typed<float>(op, n, p, s, result);
    case dtype::float64: return reduce_typed<double>(op, n, p, s, result);
  }
}

}  // namespace nd::detail::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace nd::detail {

HWY_EXPORT(reduce_kernel);

void reduce_kernel(reduce_op op, dtype t, index_t n, const void* p, index_t s, void* result) {
  HWY_DYNAMIC_DISPATCH(reduce_kernel)(op, t, n, p, s, result);
}

}  // namespace nd::detail
#endif
