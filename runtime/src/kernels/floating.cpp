// Floating-point kernels (the `floating` family of nd/ufuncs.def), all exact (0 ULP):
//   fmax, fmin      every dtype; NaN-ignoring extrema (a NaN only when both are), with
//                   NumPy's choice between equal operands (the second: fmax(0.0, -0.0)
//                   is -0.0)
//   copysign        float32, float64 (integers compute in float64)
//   sign            int32, int64, float32, float64 (no bool, as NumPy); sign(+-0.0)
//                   is +0.0, sign(NaN) is the NaN
//   isnan, isinf, isfinite   every dtype, bool results; integers and bool are finite
//   nan_to_num      every dtype: NaN to 0, +-inf to the largest finite values
// Plain loops; the compiler vectorises them.
//
// This file includes itself once per target through hwy/foreach_target.h.
#ifndef HWY_DISABLED_TARGETS
#define HWY_DISABLED_TARGETS (HWY_SSSE3 | HWY_AVX3_DL)
#endif

#include <cmath>
#include <limits>
#include <type_traits>

#include "kernels/kernels.hpp"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/floating.cpp"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
// After foreach_target:
#include "hwy/highway.h"
#include "kernels/elementwise-inl.h"

HWY_BEFORE_NAMESPACE();
namespace nd::detail::HWY_NAMESPACE {

template <class T>
HWY_INLINE bool is_nan(T a) {
  if constexpr (is_float_v<T>) return std::isnan(a);
  else return false;
}

struct fmax_op {
  static constexpr ufunc_op id = ufunc_op::fmax;
  template <class T>
  static constexpr bool vec_ok = false;
  template <class T>
  static T scalar(T a, T b) {
    return (a > b || is_nan(b)) ? a : b;
  }
};
struct fmin_op {
  static constexpr ufunc_op id = ufunc_op::fmin;
  template <class T>
  static constexpr bool vec_ok = false;
  template <class T>
  static T scalar(T a, T b) {
    return (a < b || is_nan(b)) ? a : b;
  }
};
struct copysign_op {
  static constexpr ufunc_op id = ufunc_op::copysign;
  template <class T>
  static constexpr bool vec_ok = false;
  template <class T>
  static T scalar(T a, T b) {
    return std::copysign(a, b);
  }
};
struct sign_op {
  static constexpr ufunc_op id = ufunc_op::sign;
  template <class T>
  static constexpr bool vec_ok = false;
  template <class T>
  static T scalar(T a) {
    if constexpr (is_float_v<T>) return a > 0 ? T(1) : a < 0 ? T(-1) : a == 0 ? T(0) : a;
    else return static_cast<T>((a > 0) - (a < 0));
  }
};
struct isnan_op {
  static constexpr ufunc_op id = ufunc_op::isnan;
  template <class T>
  static constexpr bool vec_ok = false;
  template <class T>
  static bool scalar(T a) {
    return is_nan(a);
  }
};
struct isinf_op {
  static constexpr ufunc_op id = ufunc_op::isinf;
  template <class T>
  static constexpr bool vec_ok = false;
  template <class T>
  static bool scalar(T a) {
    if constexpr (is_float_v<T>) return std::isinf(a);
    else return false;
  }
};
struct isfinite_op {
  static constexpr ufunc_op id = ufunc_op::isfinite;
  template <class T>
  static constexpr bool vec_ok = false;
  template <class T>
  static bool scalar(T a) {
    if constexpr (is_float_v<T>) return std::isfinite(a);
    else return true;
  }
};
struct nan_to_num_op {
  static constexpr ufunc_op id = ufunc_op::nan_to_num;
  template <class T>
  static constexpr bool vec_ok = false;
  template <class T>
  static T scalar(T a) {
    if constexpr (is_float_v<T>) {
      if (std::isnan(a)) return T(0);
      if (std::isinf(a)) return a > 0 ? std::numeric_limits<T>::max() : std::numeric_limits<T>::lowest();
    }
    return a;
  }
};

using unary_ops = op_list<sign_op, isnan_op, isinf_op, isfinite_op, nan_to_num_op>;
using binary_ops = op_list<fmax_op, fmin_op, copysign_op>;
ND_FAMILY_TARGET(floating)

}  // namespace nd::detail::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace nd::detail {
ND_FAMILY_EXPORT(floating)
}  // namespace nd::detail
#endif
