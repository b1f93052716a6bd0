// Transcendental kernels (the `transcendental` family of nd/ufuncs.def). Where
// Highway's contrib/math has the function, lanes inside its documented valid range run
// it; lanes outside (NaN, infinities, zeros and tiny values, whose sign or last bits
// matter, and arguments past the range) are recomputed with libm, so every special
// value is libm's, as NumPy's. The rest are libm's functions, as NumPy's own loops
// call them (bit-identical to NumPy).
//
// Accuracy, per operation: the Highway ULP figure is math-inl.h's (against the
// correctly rounded result); the bound against NumPy 1.24 that the differential
// suite enforces is the ulp32/ulp64 column of nd/ufuncs.def. Lane types: float32 and
// float64 (integer and bool operands are computed in float64, as NumPy's).
//
// This file includes itself once per target through hwy/foreach_target.h.
#ifndef HWY_DISABLED_TARGETS
#define HWY_DISABLED_TARGETS (HWY_SSSE3 | HWY_AVX3_DL)
#endif

#include <cmath>
#include <limits>

#include "kernels/kernels.hpp"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/transcendental.cpp"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
// After foreach_target:
#include "hwy/contrib/math/math-inl.h"
#include "hwy/highway.h"
#include "kernels/elementwise-inl.h"

HWY_BEFORE_NAMESPACE();
namespace nd::detail::HWY_NAMESPACE {

// ---- exp, log, sin, cos: Highway with a range check --------------------------------
// exp: Highway 1 ULP on [-87, 88] (f32), [-708, 706] (f64); libm outside.
// log: Highway 4 ULP on [smallest normal, max]; libm outside.
// sin, cos: Highway 3 ULP on [-39000, 39000]; libm outside; sin(-0.0) is -0.0.
struct exp_op {
  static constexpr ufunc_op id = ufunc_op::exp;
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
  static constexpr ufunc_op id = ufunc_op::log;
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
  static constexpr ufunc_op id = ufunc_op::sin;
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
  static constexpr ufunc_op id = ufunc_op::cos;
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

// ---- the other Highway functions -----------------------------------------------
// The lanes where a Highway function is used: its valid range, without |x| below
// `tiny` (where the result is about x and libm is exact to the last bit, sign of zero
// included).
template <class T>
inline constexpr T tiny = T(1) / T(1024);

template <class D, class V>
HWY_INLINE hn::Mask<D> abs_within(D d, V x, hn::TFromD<D> lo, hn::TFromD<D> hi) {
  const V ax = hn::Abs(x);
  return hn::And(ax >= hn::Set(d, lo), ax <= hn::Set(d, hi));
}
template <class D, class V>
HWY_INLINE hn::Mask<D> within(D d, V x, hn::TFromD<D> lo, hn::TFromD<D> hi) {
  return hn::And(x >= hn::Set(d, lo), x <= hn::Set(d, hi));
}

// r where `ok`, libm(x) in the other lanes.
template <class D, class V, class F>
HWY_INLINE V hwy_or_libm(D d, V x, V r, hn::Mask<D> ok, F libm) {
  using T = hn::TFromD<D>;
  if (HWY_LIKELY(hn::AllTrue(d, ok))) return r;
  HWY_ALIGN T xs[HWY_MAX_BYTES / sizeof(T)], rs[HWY_MAX_BYTES / sizeof(T)], ms[HWY_MAX_BYTES / sizeof(T)];
  hn::Store(x, d, xs);
  hn::Store(r, d, rs);
  hn::Store(hn::IfThenElseZero(ok, hn::Set(d, T(1))), d, ms);
  for (size_t k = 0; k < hn::Lanes(d); ++k)
    if (ms[k] == T(0)) rs[k] = libm(xs[k]);
  return hn::Load(d, rs);
}

// name: Highway's Hwy on the lanes where `range` (an expression of d, x and T) holds.
#define ND_HWY_MATH_OP(name, Hwy, libm, range)                                     \
  struct name##_op {                                                               \
    static constexpr ufunc_op id = ufunc_op::name;                                 \
    template <class T>                                                             \
    static constexpr bool vec_ok = is_float_v<T>;                                  \
    template <class T>                                                             \
    static T scalar(T a) {                                                         \
      return libm(a);                                                              \
    }                                                                              \
    template <class D, class V>                                                    \
    static V vec(D d, V x) {                                                       \
      using T = hn::TFromD<D>;                                                     \
      return hwy_or_libm(d, x, hn::Hwy(d, x), range, [](T v) { return libm(v); }); \
    }                                                                              \
  };

template <class T>
inline constexpr T max_v = std::numeric_limits<T>::max();
template <class T>
inline constexpr T min_normal_v = std::numeric_limits<T>::min();

// arcsin: Highway 2 ULP on [-1, 1].
ND_HWY_MATH_OP(arcsin, Asin, std::asin, abs_within(d, x, tiny<T>, T(1)))
// arccos: Highway 2 ULP on [-1, 1].
ND_HWY_MATH_OP(arccos, Acos, std::acos, abs_within(d, x, T(0), T(1)))
// arctan: Highway 3 ULP on all finite values.
ND_HWY_MATH_OP(arctan, Atan, std::atan, abs_within(d, x, tiny<T>, max_v<T>))
// sinh: Highway 4 ULP on [-88.7, 88.7] (f32), [-709, 709] (f64).
ND_HWY_MATH_OP(sinh, Sinh, std::sinh, abs_within(d, x, tiny<T>, sizeof(T) == 4 ? T(88) : T(709)))
// tanh: Highway 4 ULP on all finite values.
ND_HWY_MATH_OP(tanh, Tanh, std::tanh, abs_within(d, x, tiny<T>, max_v<T>))
// arcsinh: Highway 3 ULP; libm past 2^60, where Highway's log(2x) form loses range.
ND_HWY_MATH_OP(arcsinh, Asinh, std::asinh, abs_within(d, x, tiny<T>, T(1152921504606846976.0)))
// arccosh: Highway 3 ULP on [1, 2^60]; below 1 the result is NaN (libm's).
ND_HWY_MATH_OP(arccosh, Acosh, std::acosh, within(d, x, T(1), T(1152921504606846976.0)))
// arctanh: Highway 3 ULP on (-1, 1); at +-1 libm's infinities.
ND_HWY_MATH_OP(arctanh, Atanh, std::atanh, hn::And(abs_within(d, x, tiny<T>, T(1)), hn::Abs(x) < hn::Set(d, T(1))))
// expm1: Highway 4 ULP on [-FLT_MAX, 104] (f32), [-DBL_MAX, 706] (f64); used on
// [-80, 88] and [-700, 706], libm for tiny |x| and past.
ND_HWY_MATH_OP(expm1, Expm1, std::expm1,
               hn::And(abs_within(d, x, tiny<T>, max_v<T>),
                       within(d, x, sizeof(T) == 4 ? T(-80) : T(-700), sizeof(T) == 4 ? T(88) : T(706))))
// log2, log10: Highway 2 ULP on [smallest normal, max].
ND_HWY_MATH_OP(log2, Log2, std::log2, within(d, x, min_normal_v<T>, max_v<T>))
ND_HWY_MATH_OP(log10, Log10, std::log10, within(d, x, min_normal_v<T>, max_v<T>))
// log1p: Highway 2 ULP on [0, max]; libm for negative and tiny x.
ND_HWY_MATH_OP(log1p, Log1p, std::log1p, within(d, x, tiny<T>, max_v<T>))
#undef ND_HWY_MATH_OP

// ---- libm only: bit-identical to NumPy, which calls the same functions ------------
#define ND_LIBM_OP(name, libm)                     \
  struct name##_op {                               \
    static constexpr ufunc_op id = ufunc_op::name; \
    template <class T>                             \
    static constexpr bool vec_ok = false;          \
    template <class T>                             \
    static T scalar(T a) {                         \
      return libm(a);                              \
    }                                              \
  };
#define ND_LIBM_BINARY_OP(name, libm)              \
  struct name##_op {                               \
    static constexpr ufunc_op id = ufunc_op::name; \
    template <class T>                             \
    static constexpr bool vec_ok = false;          \
    template <class T>                             \
    static T scalar(T a, T b) {                    \
      return libm(a, b);                           \
    }                                              \
  };
ND_LIBM_OP(tan, std::tan)
ND_LIBM_OP(cosh, std::cosh)
ND_LIBM_OP(exp2, std::exp2)
ND_LIBM_OP(cbrt, std::cbrt)
ND_LIBM_BINARY_OP(arctan2, std::atan2)  // (y, x), as NumPy
ND_LIBM_BINARY_OP(hypot, std::hypot)
#undef ND_LIBM_OP
#undef ND_LIBM_BINARY_OP

// deg2rad, rad2deg: one multiplication by NumPy's constant (pi/180 rounded in T), so
// bit-identical; vectorised by the compiler.
template <class T>
inline constexpr T pi_v = static_cast<T>(3.141592653589793238462643383279502884L);
struct deg2rad_op {
  static constexpr ufunc_op id = ufunc_op::deg2rad;
  template <class T>
  static constexpr bool vec_ok = false;
  template <class T>
  static T scalar(T a) {
    return a * (pi_v<T> / T(180));
  }
};
struct rad2deg_op {
  static constexpr ufunc_op id = ufunc_op::rad2deg;
  template <class T>
  static constexpr bool vec_ok = false;
  template <class T>
  static T scalar(T a) {
    return a * (T(180) / pi_v<T>);
  }
};

using unary_ops = op_list<exp_op, log_op, sin_op, cos_op, tan_op, arcsin_op, arccos_op, arctan_op, sinh_op, cosh_op,
                          tanh_op, arcsinh_op, arccosh_op, arctanh_op, exp2_op, expm1_op, log2_op, log10_op, log1p_op,
                          cbrt_op, deg2rad_op, rad2deg_op>;
using binary_ops = op_list<arctan2_op, hypot_op>;

ND_FAMILY_TARGET(transcendental)

}  // namespace nd::detail::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace nd::detail {
ND_FAMILY_EXPORT(transcendental)
}  // namespace nd::detail
#endif
