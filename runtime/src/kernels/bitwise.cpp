// Bitwise kernels (the `bitwise` family of nd/ufuncs.def): bitwise_and, bitwise_or,
// bitwise_xor, invert on bool, int32 and int64 (bool stays bool: and, or, xor, not),
// and left_shift, right_shift on int32 and int64 (bool operands compute in int32;
// NumPy's int8). Exact. Shifts are NumPy's npy_lshift/npy_rshift: a shift count outside
// [0, bits) gives 0 (right_shift of a negative value: -1) instead of C's undefined
// behaviour, and a left shift wraps. Plain loops; the compiler vectorises them.
//
// This file includes itself once per target through hwy/foreach_target.h.
#ifndef HWY_DISABLED_TARGETS
#define HWY_DISABLED_TARGETS (HWY_SSSE3 | HWY_AVX3_DL)
#endif

#include <type_traits>

#include "kernels/kernels.hpp"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/bitwise.cpp"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
// After foreach_target:
#include "hwy/highway.h"
#include "kernels/elementwise-inl.h"

HWY_BEFORE_NAMESPACE();
namespace nd::detail::HWY_NAMESPACE {

#define ND_BITWISE_OP(name, bool_expr, int_expr)               \
  struct name##_op {                                           \
    static constexpr ufunc_op id = ufunc_op::name;             \
    template <class T>                                         \
    static constexpr bool vec_ok = false;                      \
    template <class T>                                         \
    static T scalar(T a, T b) {                                \
      if constexpr (std::is_same_v<T, bool>) return bool_expr; \
      else return static_cast<T>(int_expr);                    \
    }                                                          \
  };
ND_BITWISE_OP(bitwise_and, a&& b, a& b)
ND_BITWISE_OP(bitwise_or, a || b, a | b)
ND_BITWISE_OP(bitwise_xor, a != b, a ^ b)
#undef ND_BITWISE_OP

struct invert_op {
  static constexpr ufunc_op id = ufunc_op::invert;
  template <class T>
  static constexpr bool vec_ok = false;
  template <class T>
  static T scalar(T a) {
    if constexpr (std::is_same_v<T, bool>) return !a;
    else return static_cast<T>(~a);
  }
};

template <class T>
inline constexpr T bits_v = static_cast<T>(sizeof(T) * 8);

struct left_shift_op {
  static constexpr ufunc_op id = ufunc_op::left_shift;
  template <class T>
  static constexpr bool vec_ok = false;
  template <class T>
  static T scalar(T a, T b) {
    using U = std::make_unsigned_t<T>;
    return (b >= 0 && b < bits_v<T>) ? static_cast<T>(static_cast<U>(a) << b) : T(0);
  }
};
struct right_shift_op {
  static constexpr ufunc_op id = ufunc_op::right_shift;
  template <class T>
  static constexpr bool vec_ok = false;
  template <class T>
  static T scalar(T a, T b) {
    if (b >= 0 && b < bits_v<T>) return static_cast<T>(a >> b);
    return a < 0 ? T(-1) : T(0);
  }
};

using unary_ops = op_list<invert_op>;
using binary_ops = op_list<bitwise_and_op, bitwise_or_op, bitwise_xor_op, left_shift_op, right_shift_op>;
ND_FAMILY_TARGET(bitwise)

}  // namespace nd::detail::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace nd::detail {
ND_FAMILY_EXPORT(bitwise)
}  // namespace nd::detail
#endif
