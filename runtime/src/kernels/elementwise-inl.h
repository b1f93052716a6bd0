// Shared per-target loop templates of the element-wise kernels, included by each
// family's translation unit (elementwise.cpp, transcendental.cpp, rounding.cpp,
// division.cpp, bitwise.cpp, floating.cpp) inside its foreach_target section, in the
// manner of Highway's own -inl.h headers: the guard toggles once per target.
//
// An operation is a struct with
//   static constexpr ufunc_op id;              its row in nd/ufuncs.def
//   template <class T> static R scalar(T...);  the reference, for every dtype its row allows
//   template <class T> static constexpr bool vec_ok;  whether vec() exists for T
//   template <class D, class V> static V vec(D, V...); Highway lanes (same type in and out)
// and a family lists its operations in an op_list; unary_family / binary_family run the
// one named by `op` for the dtypes its row allows (only those are instantiated).

#if defined(ND_KERNELS_ELEMENTWISE_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef ND_KERNELS_ELEMENTWISE_INL_H_
#undef ND_KERNELS_ELEMENTWISE_INL_H_
#else
#define ND_KERNELS_ELEMENTWISE_INL_H_
#endif

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "hwy/cache_control.h"
#include "hwy/highway.h"
#include "kernels/kernels.hpp"
#include "kernels/scalar_ops.hpp"

HWY_BEFORE_NAMESPACE();
namespace nd::detail::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;
using namespace nd::detail::scalar;

template <class T>
inline constexpr bool is_int_v = std::is_integral_v<T> && !std::is_same_v<T, bool>;
template <class T>
inline constexpr bool is_float_v = std::is_floating_point_v<T>;

// Loads lanes i.. of an operand: contiguous, or one repeated element (stride 0).
template <class D, class T>
HWY_INLINE hn::Vec<D> load_operand(D d, const T* p, index_t s, index_t i, hn::Vec<D> repeated) {
  return s == 0 ? repeated : hn::LoadU(d, p + i);
}

// Whether [p, p + n) and [out, out + n) share an element (a stride-0 operand is one
// element, which an output of its own size may still be).
template <class T>
HWY_INLINE bool overlaps(const T* p, index_t sp, const T* out, index_t n) {
  const T* end = p + (sp == 0 ? 1 : n);
  return p < out + n && out < end;
}

// Outputs at least this large are written with non-temporal (streaming) stores: they
// do not fit in the last-level cache, and a streaming store skips reading each line
// before overwriting it, a third of the memory traffic of `out = a op b`.
// (The threshold is stream_output_bytes; a block of a larger output streams as well.)
// Not when the output is also an input (`nd::add(y, 1.2, y)`): its lines were just
// read into the cache, so there is no read to skip, and a streaming store would
// evict each line and write it back on its own (measured: 26% slower for the
// `out=` pair multiply-then-add on 10M doubles, two threads).
template <class D, class T>
HWY_INLINE bool stream_output(D d, const T* a, index_t sa, const T* b, index_t sb, const T* out, index_t n) {
  return (n * static_cast<index_t>(sizeof(T)) >= stream_output_bytes || stream_large_output) &&
         reinterpret_cast<std::uintptr_t>(out) % (hn::Lanes(d) * sizeof(T)) == 0 && !overlaps(a, sa, out, n) &&
         !overlaps(b, sb, out, n);
}

template <class Op, class T, class R>
HWY_NOINLINE void binary_loop(index_t n, const T* a, index_t sa, const T* b, index_t sb, R* out, index_t so) {
  if constexpr (std::is_same_v<T, R> && Op::template vec_ok<T>) {
    if (so == 1 && (sa == 0 || sa == 1) && (sb == 0 || sb == 1)) {
      const hn::ScalableTag<T> d;
      const index_t N = static_cast<index_t>(hn::Lanes(d));
      const auto ra = hn::Set(d, a[0]), rb = hn::Set(d, b[0]);
      index_t i = 0;
      if (stream_output(d, a, sa, b, sb, out, n)) {
        for (; i + N <= n; i += N)
          hn::Stream(Op::vec(d, load_operand(d, a, sa, i, ra), load_operand(d, b, sb, i, rb)), d, out + i);
        hwy::FlushStream();
      } else if (sa == 1 && sb == 1) {
        for (; i + N <= n; i += N) hn::StoreU(Op::vec(d, hn::LoadU(d, a + i), hn::LoadU(d, b + i)), d, out + i);
      } else {
        for (; i + N <= n; i += N)
          hn::StoreU(Op::vec(d, load_operand(d, a, sa, i, ra), load_operand(d, b, sb, i, rb)), d, out + i);
      }
      if (i < n) {
        // The tail goes through the same vector code, padded, so every element of an
        // array is computed the same way whatever its position.
        HWY_ALIGN T ta[HWY_MAX_BYTES / sizeof(T)] = {}, tb[HWY_MAX_BYTES / sizeof(T)] = {},
                                       to[HWY_MAX_BYTES / sizeof(T)];
        const index_t rest = n - i;
        for (index_t k = 0; k < rest; ++k) {
          ta[k] = a[(i + k) * sa];
          tb[k] = b[(i + k) * sb];
        }
        for (index_t k = rest; k < N; ++k) {
          ta[k] = ta[0];
          tb[k] = tb[0];
        }
        hn::Store(Op::vec(d, hn::Load(d, ta), hn::Load(d, tb)), d, to);
        for (index_t k = 0; k < rest; ++k) out[i + k] = to[k];
      }
      return;
    }
  }
  if (sa == 1 && sb == 1 && so == 1) {
    for (index_t i = 0; i < n; ++i) out[i] = static_cast<R>(Op::scalar(a[i], b[i]));
  } else if (sa == 1 && sb == 0 && so == 1) {
    const T bv = b[0];
    for (index_t i = 0; i < n; ++i) out[i] = static_cast<R>(Op::scalar(a[i], bv));
  } else if (sa == 0 && sb == 1 && so == 1) {
    const T av = a[0];
    for (index_t i = 0; i < n; ++i) out[i] = static_cast<R>(Op::scalar(av, b[i]));
  } else {
    for (index_t i = 0; i < n; ++i) out[i * so] = static_cast<R>(Op::scalar(a[i * sa], b[i * sb]));
  }
}

template <class Op, class T>
void binary_typed(index_t n, const void* a, index_t sa, const void* b, index_t sb, void* out, index_t so) {
  using R = decltype(Op::scalar(T{}, T{}));
  binary_loop<Op, T, R>(n, static_cast<const T*>(a), sa, static_cast<const T*>(b), sb, static_cast<R*>(out), so);
}

// Highway's exp/log/sin/cos are accurate (<= 4 ULP) only on a documented range; lanes
// outside it (and NaN, infinities, subnormal results) are recomputed with std::.
template <class D, class V, class InRange, class Fallback>
HWY_INLINE V with_fallback(D d, V x, V r, InRange in_range, Fallback fallback) {
  using T = hn::TFromD<D>;
  if (HWY_LIKELY(hn::AllTrue(d, in_range(x)))) return r;
  HWY_ALIGN T xs[HWY_MAX_BYTES / sizeof(T)], rs[HWY_MAX_BYTES / sizeof(T)];
  hn::Store(x, d, xs);
  hn::Store(r, d, rs);
  for (size_t k = 0; k < hn::Lanes(d); ++k) rs[k] = fallback(xs[k], rs[k]);
  return hn::Load(d, rs);
}

template <class T>
struct math_range;
template <>
struct math_range<float> {
  static constexpr float exp_lo = -87.0f, exp_hi = 88.0f, trig_max = 39000.0f;
};
template <>
struct math_range<double> {
  static constexpr double exp_lo = -708.0, exp_hi = 706.0, trig_max = 39000.0;
};

template <class Op, class T, class R>
HWY_NOINLINE void unary_loop(index_t n, const T* a, index_t sa, R* out, index_t so) {
  if constexpr (std::is_same_v<T, R> && Op::template vec_ok<T>) {
    if (so == 1 && (sa == 0 || sa == 1)) {
      const hn::ScalableTag<T> d;
      const index_t N = static_cast<index_t>(hn::Lanes(d));
      const auto ra = hn::Set(d, a[0]);
      index_t i = 0;
      if (sa == 1) {
        for (; i + N <= n; i += N) hn::StoreU(Op::vec(d, hn::LoadU(d, a + i)), d, out + i);
      } else {
        const auto r = Op::vec(d, ra);
        for (; i + N <= n; i += N) hn::StoreU(r, d, out + i);
      }
      if (i < n) {
        HWY_ALIGN T ta[HWY_MAX_BYTES / sizeof(T)], to[HWY_MAX_BYTES / sizeof(T)];
        const index_t rest = n - i;
        for (index_t k = 0; k < N; ++k) ta[k] = a[(i + (k < rest ? k : 0)) * sa];
        hn::Store(Op::vec(d, hn::Load(d, ta)), d, to);
        for (index_t k = 0; k < rest; ++k) out[i + k] = to[k];
      }
      return;
    }
  }
  if (sa == 1 && so == 1) {
    for (index_t i = 0; i < n; ++i) out[i] = static_cast<R>(Op::scalar(a[i]));
  } else {
    for (index_t i = 0; i < n; ++i) out[i * so] = static_cast<R>(Op::scalar(a[i * sa]));
  }
}

template <class Op, class T>
void unary_typed(index_t n, const void* a, index_t sa, void* out, index_t so) {
  using R = decltype(Op::scalar(T{}));
  unary_loop<Op, T, R>(n, static_cast<const T*>(a), sa, static_cast<R*>(out), so);
}

// Whether the kernel of `op` is instantiated for compute dtype T: the types its row's
// `result` and `accepts` columns allow (nd/ufunc.hpp computes in no other).
template <ufunc_op op, class T>
inline constexpr bool computes_in_v = (ufunc_info(op).result != ufunc_result::to_float || is_float_v<T>) &&
                                      (ufunc_info(op).result != ufunc_result::same_int || !std::is_same_v<T, bool>) &&
                                      (ufunc_info(op).accepts != ufunc_accepts::integral || std::is_integral_v<T>) &&
                                      (ufunc_info(op).accepts != ufunc_accepts::numeric || !std::is_same_v<T, bool>);

template <class Op>
void unary_run(dtype t, index_t n, const void* a, index_t sa, void* out, index_t so) {
  auto run = [&](auto zero) {
    using T = decltype(zero);
    if constexpr (computes_in_v<Op::id, T>) unary_typed<Op, T>(n, a, sa, out, so);
  };
  switch (t) {
    case dtype::bool_: return run(false);
    case dtype::int32: return run(std::int32_t{});
    case dtype::int64: return run(std::int64_t{});
    case dtype::float32: return run(0.0f);
    case dtype::float64: return run(0.0);
  }
}

template <class Op>
void binary_run(dtype t, index_t n, const void* a, index_t sa, const void* b, index_t sb, void* out, index_t so) {
  auto run = [&](auto zero) {
    using T = decltype(zero);
    if constexpr (computes_in_v<Op::id, T>) binary_typed<Op, T>(n, a, sa, b, sb, out, so);
  };
  switch (t) {
    case dtype::bool_: return run(false);
    case dtype::int32: return run(std::int32_t{});
    case dtype::int64: return run(std::int64_t{});
    case dtype::float32: return run(0.0f);
    case dtype::float64: return run(0.0);
  }
}

template <class... Ops>
struct op_list {
  static constexpr int size = sizeof...(Ops);
};

// How many rows of nd/ufuncs.def have this family and arity: each family's op_lists
// are checked against it, so a row without a kernel does not build.
constexpr int rows_of(ufunc_family family, int arity) {
  int n = 0;
  for (const ufunc_row& row : ufunc_table) n += row.family == family && row.arity == arity;
  return n;
}

// The family's dispatch switch: runs the operation of the list whose id is `op`.
template <class... Ops>
void unary_family(op_list<Ops...>, ufunc_op op, dtype t, index_t n, const void* a, index_t sa, void* out, index_t so) {
  static_assert(((ufunc_info(Ops::id).arity == 1) && ...), "a unary family lists unary operations");
  (void)((op == Ops::id && (unary_run<Ops>(t, n, a, sa, out, so), true)) || ...);
}
template <class... Ops>
void binary_family(op_list<Ops...>, ufunc_op op, dtype t, index_t n, const void* a, index_t sa, const void* b,
                   index_t sb, void* out, index_t so) {
  static_assert(((ufunc_info(Ops::id).arity == 2) && ...), "a binary family lists binary operations");
  (void)((op == Ops::id && (binary_run<Ops>(t, n, a, sa, b, sb, out, so), true)) || ...);
}

}  // namespace nd::detail::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // ND_KERNELS_ELEMENTWISE_INL_H_

// A family translation unit's entry points: ND_FAMILY_TARGET(family) inside its
// per-target namespace (after its op_lists unary_ops and binary_ops), ND_FAMILY_EXPORT
// (family) in its HWY_ONCE section; kernels.hpp declares family_unary_kernel and
// family_binary_kernel.
#ifndef ND_FAMILY_TARGET
#define ND_FAMILY_TARGET(family)                                                                                 \
  static_assert(unary_ops::size == rows_of(ufunc_family::family, 1), "a " #family " row has no unary kernel");   \
  static_assert(binary_ops::size == rows_of(ufunc_family::family, 2), "a " #family " row has no binary kernel"); \
  void family##_unary(ufunc_op op, dtype t, index_t n, const void* a, index_t sa, void* out, index_t so) {       \
    unary_family(unary_ops{}, op, t, n, a, sa, out, so);                                                         \
  }                                                                                                              \
  void family##_binary(ufunc_op op, dtype t, index_t n, const void* a, index_t sa, const void* b, index_t sb,    \
                       void* out, index_t so) {                                                                  \
    binary_family(binary_ops{}, op, t, n, a, sa, b, sb, out, so);                                                \
  }
#define ND_FAMILY_EXPORT(family)                                                                                     \
  HWY_EXPORT(family##_unary);                                                                                        \
  HWY_EXPORT(family##_binary);                                                                                       \
  void family##_unary_kernel(ufunc_op op, dtype t, index_t n, const void* a, index_t sa, void* out, index_t so) {    \
    HWY_DYNAMIC_DISPATCH(family##_unary)(op, t, n, a, sa, out, so);                                                  \
  }                                                                                                                  \
  void family##_binary_kernel(ufunc_op op, dtype t, index_t n, const void* a, index_t sa, const void* b, index_t sb, \
                              void* out, index_t so) {                                                               \
    HWY_DYNAMIC_DISPATCH(family##_binary)(op, t, n, a, sa, b, sb, out, so);                                          \
  }
#endif
