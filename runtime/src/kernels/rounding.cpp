// Rounding kernels (the `rounding` family of nd/ufuncs.def): floor, ceil, trunc and
// rint (round half to even, in the current rounding mode, as NumPy's). Lane types:
// float32 and float64 (integers and bool are computed in float64, as NumPy's).
// Exact: 0 ULP, -0.0 and NaN kept. Plain loops over the <cmath> functions, which the
// compiler turns into the target's rounding instructions (roundps/vrndscale).
//
// This file includes itself once per target through hwy/foreach_target.h.
#ifndef HWY_DISABLED_TARGETS
#define HWY_DISABLED_TARGETS (HWY_SSSE3 | HWY_AVX3_DL)
#endif

#include <cmath>

#include "kernels/kernels.hpp"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/rounding.cpp"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
// After foreach_target:
#include "hwy/highway.h"
#include "kernels/elementwise-inl.h"

HWY_BEFORE_NAMESPACE();
namespace nd::detail::HWY_NAMESPACE {

#define ND_ROUNDING_OP(name, fn)                   \
  struct name##_op {                               \
    static constexpr ufunc_op id = ufunc_op::name; \
    template <class T>                             \
    static constexpr bool vec_ok = false;          \
    template <class T>                             \
    static T scalar(T a) {                         \
      return fn(a);                                \
    }                                              \
  };
ND_ROUNDING_OP(floor, std::floor)
ND_ROUNDING_OP(ceil, std::ceil)
ND_ROUNDING_OP(trunc, std::trunc)
ND_ROUNDING_OP(rint, std::rint)
#undef ND_ROUNDING_OP

using unary_ops = op_list<floor_op, ceil_op, trunc_op, rint_op>;
using binary_ops = op_list<>;
ND_FAMILY_TARGET(rounding)

}  // namespace nd::detail::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace nd::detail {
ND_FAMILY_EXPORT(rounding)
}  // namespace nd::detail
#endif
