// Division kernels (the `division` family of nd/ufuncs.def): mod (NumPy's remainder,
// with the divisor's sign), fmod (the dividend's sign), floor_divide and reciprocal.
// Lane types: int32, int64, float32, float64 (bool operands compute in int32; NumPy's
// int8). Exact (0 ULP): floats follow NumPy's npy_divmod step by step, so the rounding
// is the same; integers follow NumPy's loops, where a zero divisor gives 0 (NumPy
// warns) and floor_divide(INT_MIN, -1) gives INT_MIN. Plain loops: integer division
// has no SIMD instruction on x86, and the float forms branch per element.
//
// This file includes itself once per target through hwy/foreach_target.h.
#ifndef HWY_DISABLED_TARGETS
#define HWY_DISABLED_TARGETS (HWY_SSSE3 | HWY_AVX3_DL)
#endif

#include <cmath>
#include <limits>

#include "kernels/kernels.hpp"
#include "nd/promote.hpp"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/division.cpp"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
// After foreach_target:
#include "hwy/highway.h"
#include "kernels/elementwise-inl.h"

HWY_BEFORE_NAMESPACE();
namespace nd::detail::HWY_NAMESPACE {

// NumPy's npy_divmod: the floored quotient, and in *mod the remainder with b's sign.
template <class T>
HWY_INLINE T float_divmod(T a, T b, T* mod) {
  T m = std::fmod(a, b);
  if (!b) {
    *mod = m;
    return a / b;
  }
  T div = (a - m) / b;
  if (m) {
    if (std::isless(b, T(0)) != std::isless(m, T(0))) {
      m += b;
      div -= T(1);
    }
  } else {
    m = std::copysign(T(0), b);
  }
  T floordiv;
  if (div) {
    floordiv = std::floor(div);
    if (std::isgreater(div - floordiv, T(0.5))) floordiv += T(1);
  } else {
    floordiv = std::copysign(T(0), a / b);
  }
  *mod = m;
  return floordiv;
}

struct mod_op {
  static constexpr ufunc_op id = ufunc_op::mod;
  template <class T>
  static constexpr bool vec_ok = false;
  template <class T>
  static T scalar(T a, T b) {
    if constexpr (is_float_v<T>) {
      if (!b) return std::fmod(a, b);
      T m;
      float_divmod(a, b, &m);
      return m;
    } else {
      if (b == 0 || b == -1) return 0;  // -1: INT_MIN % -1 would trap
      const T rem = a % b;
      return ((a > 0) == (b > 0) || rem == 0) ? rem : static_cast<T>(rem + b);
    }
  }
};
struct fmod_op {
  static constexpr ufunc_op id = ufunc_op::fmod;
  template <class T>
  static constexpr bool vec_ok = false;
  template <class T>
  static T scalar(T a, T b) {
    if constexpr (is_float_v<T>) return std::fmod(a, b);
    else return (b == 0 || b == -1) ? T(0) : static_cast<T>(a % b);
  }
};
struct floor_divide_op {
  static constexpr ufunc_op id = ufunc_op::floor_divide;
  template <class T>
  static constexpr bool vec_ok = false;
  template <class T>
  static T scalar(T a, T b) {
    if constexpr (is_float_v<T>) {
      if (!b) return a / b;
      T m;
      return float_divmod(a, b, &m);
    } else {
      if (b == 0) return 0;
      if (b == -1 && a == std::numeric_limits<T>::min()) return a;
      T q = a / b;
      if (((a > 0) != (b > 0)) && q * b != a) --q;
      return q;
    }
  }
};
// reciprocal: 1/x; for integers NumPy computes 1.0/x in double and casts it (unsafely:
// 0 gives INT_MIN, |x| > 1 gives 0).
struct reciprocal_op {
  static constexpr ufunc_op id = ufunc_op::reciprocal;
  template <class T>
  static constexpr bool vec_ok = false;
  template <class T>
  static T scalar(T a) {
    if constexpr (is_float_v<T>) return T(1) / a;
    else return nd::detail::unsafe_cast<T>(1.0 / static_cast<double>(a));
  }
};

using unary_ops = op_list<reciprocal_op>;
using binary_ops = op_list<mod_op, fmod_op, floor_divide_op>;
ND_FAMILY_TARGET(division)

}  // namespace nd::detail::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace nd::detail {
ND_FAMILY_EXPORT(division)
}  // namespace nd::detail
#endif
