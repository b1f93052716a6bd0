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

// Where the pairwise sums below split a run of n elements in two (0: n is one leaf).
// The engine evaluates the top of the same tree on several threads
// (pairwise_split_kernel), so this is the one place that defines it.
template <class T>
index_t contiguous_split(index_t n) {
  const index_t unroll = 8 * static_cast<index_t>(hn::Lanes(hn::ScalableTag<T>()));
  if (n <= 16 * unroll) return 0;
  const index_t half = n / 2;
  return half - half % unroll;
}
inline index_t strided_split(index_t n) {
  if (n <= 128) return 0;
  const index_t half = n / 2;
  return half - half % 8;
}

// Pairwise sum of a contiguous run. Leaves of 16 vectors per accumulator (8
// accumulators) are summed directly; longer runs split in halves on a multiple of the
// unrolled width, as NumPy's pairwise_sum does. Centred, it sums (x - c)^2 instead
// (var's second pass), in the same order.
template <bool Centred, class T>
HWY_NOINLINE T pairwise_sum_contiguous(const T* p, index_t n, T c = T(0)) {
  const hn::ScalableTag<T> d;
  const index_t N = static_cast<index_t>(hn::Lanes(d));
  const index_t unroll = 8 * N;
  const auto vc = hn::Set(d, c);
  auto load = [&](const T* q) {
    if constexpr (Centred) {
      const auto dev = hn::Sub(hn::LoadU(d, q), vc);
      return hn::Mul(dev, dev);
    } else {
      return hn::LoadU(d, q);
    }
  };
  auto value = [&](T x) {
    if constexpr (Centred) return (x - c) * (x - c);
    else return x;
  };
  const index_t half = contiguous_split<T>(n);
  if (half != 0)
    return pairwise_sum_contiguous<Centred>(p, half, c) + pairwise_sum_contiguous<Centred>(p + half, n - half, c);
  if (n < unroll) {
    T s = 0;
    for (index_t i = 0; i < n; ++i) s += value(p[i]);
    return s;
  }
  {
    auto v0 = load(p), v1 = load(p + N), v2 = load(p + 2 * N), v3 = load(p + 3 * N);
    auto v4 = load(p + 4 * N), v5 = load(p + 5 * N), v6 = load(p + 6 * N), v7 = load(p + 7 * N);
    index_t i = unroll;
    for (; i + unroll <= n; i += unroll) {
      v0 = hn::Add(v0, load(p + i));
      v1 = hn::Add(v1, load(p + i + N));
      v2 = hn::Add(v2, load(p + i + 2 * N));
      v3 = hn::Add(v3, load(p + i + 3 * N));
      v4 = hn::Add(v4, load(p + i + 4 * N));
      v5 = hn::Add(v5, load(p + i + 5 * N));
      v6 = hn::Add(v6, load(p + i + 6 * N));
      v7 = hn::Add(v7, load(p + i + 7 * N));
    }
    auto total = hn::Add(hn::Add(hn::Add(v0, v1), hn::Add(v2, v3)), hn::Add(hn::Add(v4, v5), hn::Add(v6, v7)));
    T s = hn::GetLane(hn::SumOfLanes(d, total));
    for (; i < n; ++i) s += value(p[i]);
    return s;
  }
}

// The same pairwise scheme over a strided run, with 8 scalar accumulators (NumPy's).
template <class T>
T pairwise_sum_strided(const T* p, index_t n, index_t s) {
  const index_t half = strided_split(n);
  if (half != 0) return pairwise_sum_strided(p, half, s) + pairwise_sum_strided(p + half * s, n - half, s);
  if (n < 8) {
    T r = 0;
    for (index_t i = 0; i < n; ++i) r += p[i * s];
    return r;
  }
  {
    T r[8];
    for (int k = 0; k < 8; ++k) r[k] = p[k * s];
    index_t i = 8;
    for (; i + 8 <= n; i += 8)
      for (int k = 0; k < 8; ++k) r[k] += p[(i + k) * s];
    T total = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; ++i) total += p[i * s];
    return total;
  }
}

template <class T>
T sum_run(const T* p, index_t n, index_t s) {
  if constexpr (std::is_floating_point_v<T>) {
    return s == 1 ? pairwise_sum_contiguous<false>(p, n) : pairwise_sum_strided(p, n, s);
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

// dst[j] = rows[0][j] + rows[1][j] + ... in that order: one pass over up to 8
// contiguous rows, so the accumulator is stored once instead of once per row. Centred
// (c not null), it sums (rows[r][j] - c[j])^2 instead, in the same order.
template <bool Centred, class T>
HWY_NOINLINE void sum_rows_typed(index_t w, const void* const* rows_v, int n, const T* c, T* dst) {
  const T* rows[8];
  for (int r = 0; r < n; ++r) rows[r] = static_cast<const T*>(rows_v[r]);
  const hn::ScalableTag<T> d;
  const index_t N = static_cast<index_t>(hn::Lanes(d));
  index_t j = 0;
  for (; j + N <= w; j += N) {
    auto load = [&](int r) {
      if constexpr (Centred) {
        const auto dev = hn::Sub(hn::LoadU(d, rows[r] + j), hn::LoadU(d, c + j));
        return hn::Mul(dev, dev);
      } else {
        return hn::LoadU(d, rows[r] + j);
      }
    };
    auto acc = load(0);
    for (int r = 1; r < n; ++r) acc = hn::Add(acc, load(r));
    hn::StoreU(acc, d, dst + j);
  }
  for (; j < w; ++j) {
    auto value = [&](int r) {
      if constexpr (Centred) return (rows[r][j] - c[j]) * (rows[r][j] - c[j]);
      else return rows[r][j];
    };
    T acc = value(0);
    for (int r = 1; r < n; ++r) acc += value(r);
    dst[j] = acc;
  }
}

// The moments of a leaf of up to 8 contiguous rows, shifted by `shift`:
// mean[j] = sum of y / n and m2[j] = sum of (y - mean[j])^2, y = rows[r][j] - shift[j],
// rows summed in order. The second sum reloads the rows' vectors, still in L1.
template <class T>
HWY_NOINLINE void leaf_moments_typed(index_t w, const void* const* rows_v, int n, const T* shift, T* mean, T* m2) {
  const T* rows[8];
  for (int r = 0; r < n; ++r) rows[r] = static_cast<const T*>(rows_v[r]);
  const T count = static_cast<T>(n);
  const hn::ScalableTag<T> d;
  const index_t N = static_cast<index_t>(hn::Lanes(d));
  const auto vcount = hn::Set(d, count);
  index_t j = 0;
  for (; j + N <= w; j += N) {
    const auto k = hn::LoadU(d, shift + j);
    auto sum = hn::Sub(hn::LoadU(d, rows[0] + j), k);
    for (int r = 1; r < n; ++r) sum = hn::Add(sum, hn::Sub(hn::LoadU(d, rows[r] + j), k));
    const auto m = hn::Div(sum, vcount);
    auto dev = hn::Sub(hn::Sub(hn::LoadU(d, rows[0] + j), k), m);
    auto sq = hn::Mul(dev, dev);
    for (int r = 1; r < n; ++r) {
      dev = hn::Sub(hn::Sub(hn::LoadU(d, rows[r] + j), k), m);
      sq = hn::Add(sq, hn::Mul(dev, dev));
    }
    hn::StoreU(m, d, mean + j);
    hn::StoreU(sq, d, m2 + j);
  }
  for (; j < w; ++j) {
    T sum = rows[0][j] - shift[j];
    for (int r = 1; r < n; ++r) sum += rows[r][j] - shift[j];
    const T m = sum / count;
    T sq = 0;
    for (int r = 0; r < n; ++r) {
      const T dev = (rows[r][j] - shift[j]) - m;
      sq = r == 0 ? dev * dev : sq + dev * dev;
    }
    mean[j] = m;
    m2[j] = sq;
  }
}

// Merges the moments of na rows (mean_a, m2_a) with those of nb more (mean_b, m2_b)
// into mean_a, m2_a (Chan, Golub and LeVeque): d = mean_b - mean_a,
// mean_a += d * nb / n, m2_a = (m2_a + m2_b) + d^2 * na * nb / n.
template <class T>
HWY_NOINLINE void merge_moments_typed(index_t w, T na, T nb, T* mean_a, T* m2_a, const T* mean_b, const T* m2_b) {
  const T n = na + nb, weight_b = nb / n, weight_d2 = na * nb / n;
  const hn::ScalableTag<T> d;
  const index_t N = static_cast<index_t>(hn::Lanes(d));
  const auto vb = hn::Set(d, weight_b), vd2 = hn::Set(d, weight_d2);
  index_t j = 0;
  for (; j + N <= w; j += N) {
    const auto ma = hn::LoadU(d, mean_a + j);
    const auto delta = hn::Sub(hn::LoadU(d, mean_b + j), ma);
    hn::StoreU(hn::Add(ma, hn::Mul(delta, vb)), d, mean_a + j);
    const auto m2 = hn::Add(hn::LoadU(d, m2_a + j), hn::LoadU(d, m2_b + j));
    hn::StoreU(hn::Add(m2, hn::Mul(hn::Mul(delta, delta), vd2)), d, m2_a + j);
  }
  for (; j < w; ++j) {
    const T delta = mean_b[j] - mean_a[j];
    mean_a[j] = mean_a[j] + delta * weight_b;
    m2_a[j] = (m2_a[j] + m2_b[j]) + (delta * delta) * weight_d2;
  }
}

void leaf_moments_kernel(dtype t, index_t w, const void* const* rows, int n, const void* shift, void* mean, void* m2) {
  if (t == dtype::float32)
    leaf_moments_typed(w, rows, n, static_cast<const float*>(shift), static_cast<float*>(mean),
                       static_cast<float*>(m2));
  else
    leaf_moments_typed(w, rows, n, static_cast<const double*>(shift), static_cast<double*>(mean),
                       static_cast<double*>(m2));
}

void merge_moments_kernel(dtype t, index_t w, index_t na, index_t nb, void* mean_a, void* m2_a, const void* mean_b,
                          const void* m2_b) {
  if (t == dtype::float32)
    merge_moments_typed(w, static_cast<float>(na), static_cast<float>(nb), static_cast<float*>(mean_a),
                        static_cast<float*>(m2_a), static_cast<const float*>(mean_b), static_cast<const float*>(m2_b));
  else
    merge_moments_typed(w, static_cast<double>(na), static_cast<double>(nb), static_cast<double*>(mean_a),
                        static_cast<double*>(m2_a), static_cast<const double*>(mean_b),
                        static_cast<const double*>(m2_b));
}

template <class T>
void sum_rows_as(index_t w, const void* const* rows, int n, const void* c, void* dst) {
  if (c) sum_rows_typed<true>(w, rows, n, static_cast<const T*>(c), static_cast<T*>(dst));
  else sum_rows_typed<false>(w, rows, n, static_cast<const T*>(nullptr), static_cast<T*>(dst));
}

void sum_rows_kernel(dtype t, index_t w, const void* const* rows, int n, const void* c, void* dst) {
  if (t == dtype::float32) sum_rows_as<float>(w, rows, n, c, dst);
  else sum_rows_as<double>(w, rows, n, c, dst);
}

void centred_sum_kernel(dtype t, index_t n, const void* p, const void* c, void* result) {
  if (t == dtype::float32)
    *static_cast<float*>(result) =
        pairwise_sum_contiguous<true>(static_cast<const float*>(p), n, *static_cast<const float*>(c));
  else
    *static_cast<double*>(result) =
        pairwise_sum_contiguous<true>(static_cast<const double*>(p), n, *static_cast<const double*>(c));
}

index_t pairwise_split_kernel(dtype t, index_t n, index_t s) {
  if (s != 1) return strided_split(n);
  return t == dtype::float32 ? contiguous_split<float>(n) : contiguous_split<double>(n);
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
HWY_EXPORT(sum_rows_kernel);
HWY_EXPORT(centred_sum_kernel);
HWY_EXPORT(pairwise_split_kernel);
HWY_EXPORT(leaf_moments_kernel);
HWY_EXPORT(merge_moments_kernel);

void leaf_moments_kernel(dtype t, index_t w, const void* const* rows, int n, const void* shift, void* mean, void* m2) {
  HWY_DYNAMIC_DISPATCH(leaf_moments_kernel)(t, w, rows, n, shift, mean, m2);
}

void merge_moments_kernel(dtype t, index_t w, index_t na, index_t nb, void* mean_a, void* m2_a, const void* mean_b,
                          const void* m2_b) {
  HWY_DYNAMIC_DISPATCH(merge_moments_kernel)(t, w, na, nb, mean_a, m2_a, mean_b, m2_b);
}

index_t pairwise_split_kernel(dtype t, index_t n, index_t s) {
  return HWY_DYNAMIC_DISPATCH(pairwise_split_kernel)(t, n, s);
}

void centred_sum_kernel(dtype t, index_t n, const void* p, const void* c, void* result) {
  HWY_DYNAMIC_DISPATCH(centred_sum_kernel)(t, n, p, c, result);
}

void sum_rows_kernel(dtype t, index_t w, const void* const* rows, int n, const void* c, void* dst) {
  HWY_DYNAMIC_DISPATCH(sum_rows_kernel)(t, w, rows, n, c, dst);
}

void reduce_kernel(reduce_op op, dtype t, index_t n, const void* p, index_t s, void* result) {
  HWY_DYNAMIC_DISPATCH(reduce_kernel)(op, t, n, p, s, result);
}

}  // namespace nd::detail
#endif
