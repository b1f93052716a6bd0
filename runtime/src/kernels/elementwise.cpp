// Element-wise SIMD kernels: one inner loop per (operation, dtype), compiled for every
// Highway target and chosen at run time (HWY_DYNAMIC_DISPATCH), so the library needs
// no -march flag. Operations with a Highway vector form run vectors when the output is
// contiguous and every input is contiguous or repeated (stride 0, a scalar or a
// broadcast operand); the rest are plain loops, which the compiler still vectorises
// for each target because they are compiled inside the per-target section.
//
// This file includes itself once per target through hwy/foreach_target.h.

// SSSE3 and AVX3_DL add little over SSE4/AVX3 for these loops; skipping them halves
// the compile time of this file.
#ifndef HWY_DISABLED_TARGETS
#define HWY_DISABLED_TARGETS (HWY_SSSE3 | HWY_AVX3_DL)
#endif

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

#include "kernels/kernels.hpp"
#include "nd/promote.hpp"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/elementwise.cpp"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
// After foreach_target:
#include "hwy/contrib/math/math-inl.h"
#include "hwy/cache_control.h"
#include "hwy/highway.h"

#include "kernels/scalar_ops.hpp"

HWY_BEFORE_NAMESPACE();
namespace nd::detail::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;
using namespace nd::detail::scalar;

template <class T>
inline constexpr bool is_int_v = std::is_integral_v<T> && !std::is_same_v<T, bool>;
template <class T>
inline constexpr bool is_float_v = std::is_floating_point_v<T>;

// ---- binary operations ---------------------------------------------------------
// Each has scalar(a, b); those with vec_ok<T> also have vec(d, a, b).
struct add_op {
  template <class T>
  static constexpr bool vec_ok = !std::is_same_v<T, bool>;
  template <class T>
  static T scalar(T a, T b) {
    if constexpr (std::is_same_v<T, bool>) return a || b;
    else return wrap_add(a, b);
  }
  template <class D, class V>
  static V vec(D, V a, V b) {
    return hn::Add(a, b);
  }
};
struct subtract_op {
  template <class T>
  static constexpr bool vec_ok = !std::is_same_v<T, bool>;
  template <class T>
  static T scalar(T a, T b) {
    return wrap_sub(a, b);
  }
  template <class D, class V>
  static V vec(D, V a, V b) {
    return hn::Sub(a, b);
  }
};
struct multiply_op {
  // Highway 1.0 has no 64-bit integer multiply; that loop is left to the compiler.
  template <class T>
  static constexpr bool vec_ok = is_float_v<T> || std::is_same_v<T, std::int32_t>;
  template <class T>
  static T scalar(T a, T b) {
    if constexpr (std::is_same_v<T, bool>) return a && b;
    else return wrap_mul(a, b);
  }
  template <class D, class V>
  static V vec(D, V a, V b) {
    return hn::Mul(a, b);
  }
};
struct divide_op {
  template <class T>
  static constexpr bool vec_ok = is_float_v<T>;
  template <class T>
  static T scalar(T a, T b) {
    return a / b;  // only instantiated for floats: divide computes in a float type
  }
  template <class D, class V>
  static V vec(D, V a, V b) {
    return hn::Div(a, b);
  }
};
struct power_op {
  template <class T>
  static constexpr bool vec_ok = false;
  template <class T>
  static T scalar(T a, T b) {
    if constexpr (is_float_v<T>) return std::pow(a, b);
    else if constexpr (std::is_same_v<T, bool>) return a || !b;
    else return int_power(a, b);
  }
};
struct minimum_op {
  template <class T>
  static constexpr bool vec_ok = !std::is_same_v<T, bool>;
  template <class T>
  static T scalar(T a, T b) {
    return nan_min(a, b);
  }
  template <class D, class V>
  static V vec(D d, V a, V b) {
    V r = hn::Min(a, b);
    if constexpr (is_float_v<hn::TFromD<D>>) {
      r = hn::IfThenElse(hn::IsNaN(b), b, r);
      r = hn::IfThenElse(hn::IsNaN(a), a, r);
    }
    (void)d;
    return r;
  }
};
struct maximum_op {
  template <class T>
  static constexpr bool vec_ok = !std::is_same_v<T, bool>;
  template <class T>
  static T scalar(T a, T b) {
    return nan_max(a, b);
  }
  template <class D, class V>
  static V vec(D d, V a, V b) {
    V r = hn::Max(a, b);
    if constexpr (is_float_v<hn::TFromD<D>>) {
      r = hn::IfThenElse(hn::IsNaN(b), b, r);
      r = hn::IfThenElse(hn::IsNaN(a), a, r);
    }
    (void)d;
    return r;
  }
};
// Comparisons and logic produce bool; they are plain loops (vectorised by the compiler).
#define ND_BOOL_OP(name, expr)              \
  struct name {                             \
    template <class T>                      \
    static constexpr bool vec_ok = false;   \
    template <class T>                      \
    static bool scalar(T a, T b) {          \
      return expr;                          \
    }                                       \
  };
ND_BOOL_OP(equal_op, a == b)
ND_BOOL_OP(not_equal_op, a != b)
ND_BOOL_OP(less_op, a < b)
ND_BOOL_OP(less_equal_op, a <= b)
ND_BOOL_OP(greater_op, a > b)
ND_BOOL_OP(greater_equal_op, a >= b)
ND_BOOL_OP(logical_and_op, (a != T(0)) && (b != T(0)))
ND_BOOL_OP(logical_or_op, (a != T(0)) || (b != T(0)))
#undef ND_BOOL_OP

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

template <class Op>
void binary_by_dtype(dtype t, index_t n, const void* a, index_t sa, const void* b, index_t sb, void* out,
                     index_t so) {
  switch (t) {
    case dtype::bool_: return binary_typed<Op, bool>(n, a, sa, b, sb, out, so);
    case dtype::int32: return binary_typed<Op, std::int32_t>(n, a, sa, b, sb, out, so);
    case dtype::int64: return binary_typed<Op, std::int64_t>(n, a, sa, b, sb, out, so);
    case dtype::float32: return binary_typed<Op, float>(n, a, sa, b, sb, out, so);
    case dtype::float64: return binary_typed<Op, double>(n, a, sa, b, sb, out, so);
  }
}

void binary_kernel(ufunc_op op, dtype t, index_t n, const void* a, index_t sa, const void* b, index_t sb, void* out,
                   index_t so) {
  switch (op) {
    case ufunc_op::add: return binary_by_dtype<add_op>(t, n, a, sa, b, sb, out, so);
    case ufunc_op::subtract: return binary_by_dtype<subtract_op>(t, n, a, sa, b, sb, out, so);
    case ufunc_op::multiply: return binary_by_dtype<multiply_op>(t, n, a, sa, b, sb, out, so);
    case ufunc_op::divide:
      if (t == dtype::float32) return binary_typed<divide_op, float>(n, a, sa, b, sb, out, so);
      return binary_typed<divide_op, double>(n, a, sa, b, sb, out, so);
    case ufunc_op::power: return binary_by_dtype<power_op>(t, n, a, sa, b, sb, out, so);
    case ufunc_op::minimum: return binary_by_dtype<minimum_op>(t, n, a, sa, b, sb, out, so);
    case ufunc_op::maximum: return binary_by_dtype<maximum_op>(t, n, a, sa, b, sb, out, so);
    case ufunc_op::equal: return binary_by_dtype<equal_op>(t, n, a, sa, b, sb, out, so);
    case ufunc_op::not_equal: return binary_by_dtype<not_equal_op>(t, n, a, sa, b, sb, out, so);
    case ufunc_op::less: return binary_by_dtype<less_op>(t, n, a, sa, b, sb, out, so);
    case ufunc_op::less_equal: return binary_by_dtype<less_equal_op>(t, n, a, sa, b, sb, out, so);
    case ufunc_op::greater: return binary_by_dtype<greater_op>(t, n, a, sa, b, sb, out, so);
    case ufunc_op::greater_equal: return binary_by_dtype<greater_equal_op>(t, n, a, sa, b, sb, out, so);
    case ufunc_op::logical_and: return binary_by_dtype<logical_and_op>(t, n, a, sa, b, sb, out, so);
    case ufunc_op::logical_or: return binary_by_dtype<logical_or_op>(t, n, a, sa, b, sb, out, so);
    default: return;
  }
}

// ---- unary operations ----------------------------------------------------------
struct negative_op {
  template <class T>
  static constexpr bool vec_ok = !std::is_same_v<T, bool>;
  // Floats flip the sign bit (IEEE negation): 0 - x would give +0.0 for +0.0 and
  // keep a NaN's sign, where NumPy gives -0.0 and the negated NaN.
  template <class T>
  static T scalar(T a) {
    if constexpr (is_float_v<T>) return -a;
    else return wrap_sub(T(0), a);
  }
  template <class D, class V>
  static V vec(D d, V a) {
    if constexpr (is_float_v<hn::TFromD<D>>) return hn::Neg(a);
    else return hn::Sub(hn::Zero(d), a);
  }
};
struct abs_op {
  template <class T>
  static constexpr bool vec_ok = !std::is_same_v<T, bool>;
  template <class T>
  static T scalar(T a) {
    if constexpr (std::is_same_v<T, bool>) return a;
    else if constexpr (is_float_v<T>) return std::fabs(a);
    else return a < 0 ? wrap_sub(T(0), a) : a;
  }
  template <class D, class V>
  static V vec(D, V a) {
    return hn::Abs(a);
  }
};
struct sqrt_op {
  template <class T>
  static constexpr bool vec_ok = is_float_v<T>;
  template <class T>
  static T scalar(T a) {
    return std::sqrt(a);
  }
  template <class D, class V>
  static V vec(D, V a) {
    return hn::Sqrt(a);
  }
};
struct square_op {
  template <class T>
  static constexpr bool vec_ok = is_float_v<T> || std::is_same_v<T, std::int32_t>;
  template <class T>
  static T scalar(T a) {
    if constexpr (std::is_same_v<T, bool>) return a;
    else return wrap_mul(a, a);
  }
  template <class D, class V>
  static V vec(D, V a) {
    return hn::Mul(a, a);
  }
};
struct logical_not_op {
  template <class T>
  static constexpr bool vec_ok = false;
  template <class T>
  static bool scalar(T a) {
    return !(a != T(0));
  }
};

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

struct exp_op {
  template <class T>
  static constexpr bool vec_ok = is_float_v<T>;
  template <class T>
  static T scalar(T a) {
    return std::exp(a);
  }
  template <class D, class V>
  static V vec(D d, V x) {
    using T = hn::TFromD<D>;
    const V lo = hn::Set(d, math_range<T>::exp_lo), hi = hn::Set(d, math_range<T>::exp_hi);
    return with_fallback(
        d, x, hn::Exp(d, x), [&](V v) { return hn::And(v >= lo, v <= hi); },
        [](T xv, T rv) { return (xv >= math_range<T>::exp_lo && xv <= math_range<T>::exp_hi) ? rv : std::exp(xv); });
  }
};
struct log_op {
  template <class T>
  static constexpr bool vec_ok = is_float_v<T>;
  template <class T>
  static T scalar(T a) {
    return std::log(a);
  }
  template <class D, class V>
  static V vec(D d, V x) {
    using T = hn::TFromD<D>;
    const V lo = hn::Set(d, std::numeric_limits<T>::min()), hi = hn::Set(d, std::numeric_limits<T>::max());
    return with_fallback(
        d, x, hn::Log(d, x), [&](V v) { return hn::And(v >= lo, v <= hi); },
        [](T xv, T rv) {
          return (xv >= std::numeric_limits<T>::min() && xv <= std::numeric_limits<T>::max()) ? rv : std::log(xv);
        });
  }
};
struct sin_op {
  template <class T>
  static constexpr bool vec_ok = is_float_v<T>;
  template <class T>
  static T scalar(T a) {
    return std::sin(a);
  }
  template <class D, class V>
  static V vec(D d, V x) {
    using T = hn::TFromD<D>;
    const V lim = hn::Set(d, math_range<T>::trig_max);
    // Highway's Sin gives +0.0 for -0.0; sin(±0) is ±0 exactly (NumPy, IEEE).
    const V r = hn::IfThenElse(x == hn::Zero(d), x, hn::Sin(d, x));
    return with_fallback(
        d, x, r, [&](V v) { return hn::Abs(v) <= lim; },
        [](T xv, T rv) { return std::fabs(xv) <= math_range<T>::trig_max ? rv : std::sin(xv); });
  }
};
struct cos_op {
  template <class T>
  static constexpr bool vec_ok = is_float_v<T>;
  template <class T>
  static T scalar(T a) {
    return std::cos(a);
  }
  template <class D, class V>
  static V vec(D d, V x) {
    using T = hn::TFromD<D>;
    const V lim = hn::Set(d, math_range<T>::trig_max);
    return with_fallback(
        d, x, hn::Cos(d, x), [&](V v) { return hn::Abs(v) <= lim; },
        [](T xv, T rv) { return std::fabs(xv) <= math_range<T>::trig_max ? rv : std::cos(xv); });
  }
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

template <class Op>
void unary_by_dtype(dtype t, index_t n, const void* a, index_t sa, void* out, index_t so) {
  switch (t) {
    case dtype::bool_: return unary_typed<Op, bool>(n, a, sa, out, so);
    case dtype::int32: return unary_typed<Op, std::int32_t>(n, a, sa, out, so);
    case dtype::int64: return unary_typed<Op, std::int64_t>(n, a, sa, out, so);
    case dtype::float32: return unary_typed<Op, float>(n, a, sa, out, so);
    case dtype::float64: return unary_typed<Op, double>(n, a, sa, out, so);
  }
}

// Float-only operations (the engine computes them in float32 or float64).
template <class Op>
void unary_float(dtype t, index_t n, const void* a, index_t sa, void* out, index_t so) {
  if (t == dtype::float32) return unary_typed<Op, float>(n, a, sa, out, so);
  return unary_typed<Op, double>(n, a, sa, out, so);
}

void unary_kernel(ufunc_op op, dtype t, index_t n, const void* a, index_t sa, void* out, index_t so) {
  switch (op) {
    case ufunc_op::negative: return unary_by_dtype<negative_op>(t, n, a, sa, out, so);
    case ufunc_op::abs: return unary_by_dtype<abs_op>(t, n, a, sa, out, so);
    case ufunc_op::square: return unary_by_dtype<square_op>(t, n, a, sa, out, so);
    case ufunc_op::logical_not: return unary_by_dtype<logical_not_op>(t, n, a, sa, out, so);
    case ufunc_op::sqrt: return unary_float<sqrt_op>(t, n, a, sa, out, so);
    case ufunc_op::exp: return unary_float<exp_op>(t, n, a, sa, out, so);
    case ufunc_op::log: return unary_float<log_op>(t, n, a, sa, out, so);
    case ufunc_op::sin: return unary_float<sin_op>(t, n, a, sa, out, so);
    case ufunc_op::cos: return unary_float<cos_op>(t, n, a, sa, out, so);
    default: return;
  }
}

// ---- ternary operations --------------------------------------------------------
template <class T>
HWY_NOINLINE void where_loop(index_t n, const bool* c, index_t sc, const T* a, index_t sa, const T* b, index_t sb,
                             T* out, index_t so) {
  if (sc == 1 && sa == 1 && sb == 1 && so == 1) {
    for (index_t i = 0; i < n; ++i) out[i] = c[i] ? a[i] : b[i];
  } else {
    for (index_t i = 0; i < n; ++i) out[i * so] = c[i * sc] ? a[i * sa] : b[i * sb];
  }
}

// clip(a, lo, hi) = minimum(maximum(a, lo), hi), as NumPy defines it (NaN propagates).
template <class T>
HWY_NOINLINE void clip_loop(index_t n, const T* a, index_t sa, const T* lo, index_t sl, const T* hi, index_t sh,
                            T* out, index_t so) {
  if constexpr (maximum_op::vec_ok<T>) {
    if (so == 1 && (sa == 0 || sa == 1) && (sl == 0 || sl == 1) && (sh == 0 || sh == 1)) {
      const hn::ScalableTag<T> d;
      const index_t N = static_cast<index_t>(hn::Lanes(d));
      const auto ra = hn::Set(d, a[0]), rl = hn::Set(d, lo[0]), rh = hn::Set(d, hi[0]);
      index_t i = 0;
      for (; i + N <= n; i += N) {
        auto v = maximum_op::vec(d, load_operand(d, a, sa, i, ra), load_operand(d, lo, sl, i, rl));
        hn::StoreU(minimum_op::vec(d, v, load_operand(d, hi, sh, i, rh)), d, out + i);
      }
      for (; i < n; ++i) out[i] = nan_min(nan_max(a[i * sa], lo[i * sl]), hi[i * sh]);
      return;
    }
  }
  for (index_t i = 0; i < n; ++i) out[i * so] = nan_min(nan_max(a[i * sa], lo[i * sl]), hi[i * sh]);
}

template <class T>
void ternary_typed(ufunc_op op, index_t n, const void* x, index_t sx, const void* y, index_t sy, const void* z,
                   index_t sz, void* out, index_t so) {
  if (op == ufunc_op::where)
    where_loop<T>(n, static_cast<const bool*>(x), sx, static_cast<const T*>(y), sy, static_cast<const T*>(z), sz,
                  static_cast<T*>(out), so);
  else
    clip_loop<T>(n, static_cast<const T*>(x), sx, static_cast<const T*>(y), sy, static_cast<const T*>(z), sz,
                 static_cast<T*>(out), so);
}

void ternary_kernel(ufunc_op op, dtype t, index_t n, const void* x, index_t sx, const void* y, index_t sy,
                    const void* z, index_t sz, void* out, index_t so) {
  switch (t) {
    case dtype::bool_: return ternary_typed<bool>(op, n, x, sx, y, sy, z, sz, out, so);
    case dtype::int32: return ternary_typed<std::int32_t>(op, n, x, sx, y, sy, z, sz, out, so);
    case dtype::int64: return ternary_typed<std::int64_t>(op, n, x, sx, y, sy, z, sz, out, so);
    case dtype::float32: return ternary_typed<float>(op, n, x, sx, y, sy, z, sz, out, so);
    case dtype::float64: return ternary_typed<double>(op, n, x, sx, y, sy, z, sz, out, so);
  }
}

// ---- casts ---------------------------------------------------------------------
template <class To, class From>
HWY_INLINE To convert(From x) {
  return nd::detail::unsafe_cast<To>(x);
}

template <class From, class To>
HWY_NOINLINE void cast_loop(index_t n, const From* src, index_t ss, To* dst, index_t ds) {
  if (ss == 1 && ds == 1) {
    for (index_t i = 0; i < n; ++i) dst[i] = convert<To>(src[i]);
  } else if (ss == 2 && ds == 1) {
    // Downsampling copies (x[::2].copy()): a constant stride the compiler vectorises.
    for (index_t i = 0; i < n; ++i) dst[i] = convert<To>(src[2 * i]);
  } else {
    for (index_t i = 0; i < n; ++i) dst[i * ds] = convert<To>(src[i * ss]);
  }
}

template <class From>
void cast_from(dtype to, index_t n, const From* src, index_t ss, void* dst, index_t ds) {
  switch (to) {
    case dtype::bool_: return cast_loop(n, src, ss, static_cast<bool*>(dst), ds);
    case dtype::int32: return cast_loop(n, src, ss, static_cast<std::int32_t*>(dst), ds);
    case dtype::int64: return cast_loop(n, src, ss, static_cast<std::int64_t*>(dst), ds);
    case dtype::float32: return cast_loop(n, src, ss, static_cast<float*>(dst), ds);
    case dtype::float64: return cast_loop(n, src, ss, static_cast<double*>(dst), ds);
  }
}

void cast_kernel(dtype from, dtype to, index_t n, const void* src, index_t ss, void* dst, index_t ds) {
  switch (from) {
    case dtype::bool_: return cast_from(to, n, static_cast<const bool*>(src), ss, dst, ds);
    case dtype::int32: return cast_from(to, n, static_cast<const std::int32_t*>(src), ss, dst, ds);
    case dtype::int64: return cast_from(to, n, static_cast<const std::int64_t*>(src), ss, dst, ds);
    case dtype::float32: return cast_from(to, n, static_cast<const float*>(src), ss, dst, ds);
    case dtype::float64: return cast_from(to, n, static_cast<const double*>(src), ss, dst, ds);
  }
}

}  // namespace nd::detail::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace nd::detail {

thread_local bool stream_large_output = false;

HWY_EXPORT(binary_kernel);
HWY_EXPORT(unary_kernel);
HWY_EXPORT(ternary_kernel);
HWY_EXPORT(cast_kernel);

void binary_kernel(ufunc_op op, dtype t, index_t n, const void* a, index_t sa, const void* b, index_t sb, void* out,
                   index_t so) {
  HWY_DYNAMIC_DISPATCH(binary_kernel)(op, t, n, a, sa, b, sb, out, so);
}
void unary_kernel(ufunc_op op, dtype t, index_t n, const void* a, index_t sa, void* out, index_t so) {
  HWY_DYNAMIC_DISPATCH(unary_kernel)(op, t, n, a, sa, out, so);
}
void ternary_kernel(ufunc_op op, dtype t, index_t n, const void* x, index_t sx, const void* y, index_t sy,
                    const void* z, index_t sz, void* out, index_t so) {
  HWY_DYNAMIC_DISPATCH(ternary_kernel)(op, t, n, x, sx, y, sy, z, sz, out, so);
}
void cast_kernel(dtype from, dtype to, index_t n, const void* src, index_t ss, void* dst, index_t ds) {
  // A copy that keeps a 4- or 8-byte dtype into a contiguous row is a row copy, with
  // streaming stores when the output is large.
  const index_t size = dtype_size(from);
  if (from == to && ds == 1 && (size == 4 || size == 8)) {
    const bool stream = stream_large_output || n * size >= stream_output_bytes;
    return copy_strided_kernel(static_cast<std::size_t>(size), n, src, ss, dst, stream);
  }
  HWY_DYNAMIC_DISPATCH(cast_kernel)(from, to, n, src, ss, dst, ds);
}

}  // namespace nd::detail
#endif
