// Scalar building blocks shared by the kernels: wrapping integer arithmetic, NumPy's
// NaN-propagating minimum/maximum, integer power. Included outside the per-target
// sections, so compiled once.
#pragma once

#include <cmath>
#include <cstdint>
#include <type_traits>

namespace nd::detail::scalar {

// Integer arithmetic wraps like NumPy's (and C's unsigned) arithmetic instead of being
// undefined behaviour on overflow.
template <class T>
T wrap_add(T a, T b) {
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>)
    return static_cast<T>(static_cast<std::make_unsigned_t<T>>(a) + static_cast<std::make_unsigned_t<T>>(b));
  else return a + b;
}
template <class T>
T wrap_sub(T a, T b) {
  if constexpr (std::is_same_v<T, bool>) return a != b;
  else if constexpr (std::is_integral_v<T>)
    return static_cast<T>(static_cast<std::make_unsigned_t<T>>(a) - static_cast<std::make_unsigned_t<T>>(b));
  else return a - b;
}
template <class T>
T wrap_mul(T a, T b) {
  if constexpr (std::is_same_v<T, bool>) return a && b;
  else if constexpr (std::is_integral_v<T>)
    return static_cast<T>(static_cast<std::make_unsigned_t<T>>(a) * static_cast<std::make_unsigned_t<T>>(b));
  else return a * b;
}
// NumPy's minimum/maximum: NaN in either operand gives NaN.
template <class T>
T nan_min(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    if (a != a) return a;
    if (b != b) return b;
  }
  return a < b ? a : b;
}
template <class T>
T nan_max(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    if (a != a) return a;
    if (b != b) return b;
  }
  return a > b ? a : b;
}
// Integer power by squaring, wrapping on overflow. Negative exponents are rejected by
// the caller before the loop (NumPy raises for them).
template <class T>
T int_power(T base, T exp) {
  if constexpr (std::is_same_v<T, bool>) {
    return base || !exp;
  } else {
    using U = std::make_unsigned_t<T>;
    U result = 1, b = static_cast<U>(base);
    for (auto e = static_cast<U>(exp); e; e >>= 1) {
      if (e & 1) result *= b;
      b *= b;
    }
    return static_cast<T>(result);
  }
}

}  // namespace nd::detail::scalar
