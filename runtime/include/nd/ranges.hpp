// Evenly spaced values: nd::arange and nd::linspace, with NumPy's lengths and formulas.
#pragma once
// IWYU pragma: private, include <nd/nd.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>

#include "nd/array.hpp"
#include "nd/promote.hpp"

namespace nd {

namespace detail {

// The element type of arange when none is given: NumPy's int64 for integer arguments,
// float64 if any is floating.
template <class T, class... A>
using arange_type_t =
    std::conditional_t<!std::is_void_v<T>, T,
                       std::conditional_t<(std::is_floating_point_v<A> || ...), double, std::int64_t>>;

template <class A>
inline constexpr bool is_range_arg_v = std::is_arithmetic_v<A> && !std::is_same_v<A, bool>;

// (stop - start) / step as NumPy sees it: Python's true division of the exact integers,
// correctly rounded to a double. Its ceiling is NumPy's length, which is not always the
// exact ceiling: arange(INT64_MIN, INT64_MAX, INT64_MAX) has 2 elements, not 3.
inline double rounded_quotient(__int128 span, __int128 step) {
  const bool negative = (span < 0) != (step < 0);
  using u128 = unsigned __int128;
  u128 n = span < 0 ? -static_cast<u128>(span) : static_cast<u128>(span);
  const u128 d = step < 0 ? -static_cast<u128>(step) : static_cast<u128>(step);
  double q;
  if (n < d) {
    q = static_cast<double>(n) / static_cast<double>(d);  // below 1: its ceiling is 0 or 1 either way
  } else {
    // Scale so that the integer quotient has at least 56 bits, then fold the remainder
    // into a sticky bit: converting that integer rounds exactly as the rational would.
    auto bits = [](u128 v) {
      return 128 - (v >> 64 ? __builtin_clzll(static_cast<std::uint64_t>(v >> 64))
                            : 64 + __builtin_clzll(static_cast<std::uint64_t>(v)));
    };
    const int shift = std::max(0, 57 - (bits(n) - bits(d)));
    const u128 scaled = n << shift;
    const u128 quotient = scaled / d | (scaled % d != 0 ? 1 : 0);
    q = std::ldexp(static_cast<double>(quotient), -shift);
  }
  return negative ? -q : q;
}

// NumPy's arange: length ceil((stop - start) / step) clipped at 0; element i is
// start + i * delta with delta = (start + step) - start computed in the result type
// (NumPy's fill loop), which for integers is start + i * step exactly.
// first + i * delta in int64 arithmetic that wraps, as NumPy's fill loop does, instead
// of overflowing (undefined in C++).
inline index_t wrapping_affine(index_t first, index_t i, index_t delta) {
  return static_cast<index_t>(static_cast<std::uint64_t>(first) +
                              static_cast<std::uint64_t>(i) * static_cast<std::uint64_t>(delta));
}

template <class R, class A, class B, class C>
array<R> arange_impl(A start, B stop, C step) {
  if (step == 0) throw value_error("arange: step must not be zero");
  index_t len = 0;
  if constexpr (std::is_integral_v<A> && std::is_integral_v<B> && std::is_integral_v<C>) {
    // The span in 128 bits, so that int64 extremes cannot overflow.
    const __int128 span = static_cast<__int128>(stop) - static_cast<__int128>(start);
    const double q = std::ceil(rounded_quotient(span, static_cast<__int128>(step)));
    if (q >= static_cast<double>(std::numeric_limits<index_t>::max()))
      throw value_error("arange: Maximum allowed size exceeded");
    len = q > 0 ? static_cast<index_t>(q) : 0;
  } else {
    const double q = std::ceil((static_cast<double>(stop) - static_cast<double>(start)) / static_cast<double>(step));
    if (std::isnan(q)) throw value_error("arange: cannot compute length (an argument is NaN)");
    if (q >= static_cast<double>(std::numeric_limits<index_t>::max()))
      throw value_error("arange: Maximum allowed size exceeded");
    len = q > 0 ? static_cast<index_t>(q) : 0;
  }
  array<R> out(shape_t{len});
  R* p = out.data();
  if constexpr (std::is_floating_point_v<R>) {
    const R first = static_cast<R>(start);
    const R delta = static_cast<R>(static_cast<double>(start) + static_cast<double>(step)) - first;
    for (index_t i = 0; i < len; ++i) p[i] = first + static_cast<R>(i) * delta;
    // NumPy stores start itself first: -0.0 + 0 * delta would be +0.0.
    if (len > 0) p[0] = first;
    if (len > 1) p[1] = static_cast<R>(static_cast<double>(start) + static_cast<double>(step));
  } else if constexpr (std::is_floating_point_v<A> || std::is_floating_point_v<C>) {
    // Integer result from floating arguments: NumPy casts start and start + step (as its
    // casts do: out of range is the most negative integer), and steps by the difference.
    const R first = unsafe_cast<R>(static_cast<double>(start));
    const R second = unsafe_cast<R>(static_cast<double>(start) + static_cast<double>(step));
    const auto delta = static_cast<index_t>(static_cast<std::uint64_t>(static_cast<index_t>(second)) -
                                            static_cast<std::uint64_t>(first));
    for (index_t i = 0; i < len; ++i) p[i] = static_cast<R>(wrapping_affine(first, i, delta));
  } else {
    for (index_t i = 0; i < len; ++i)
      p[i] = static_cast<R>(wrapping_affine(static_cast<index_t>(start), i, static_cast<index_t>(step)));
  }
  return out;
}

}  // namespace detail

// nd::arange(stop): 0, 1, ..., stop - 1. The element type is int64 for an integer stop,
// float64 for a floating one, unless given: nd::arange<float>(5).
template <class T = void, class B>
  requires(detail::is_range_arg_v<B> && (std::is_void_v<T> || element<T>))
auto arange(B stop) {
  using R = detail::arange_type_t<T, B>;
  return detail::arange_impl<R>(0, stop, 1);
}

// nd::arange(start, stop, step = 1), arguments of any arithmetic types:
// nd::arange(0, a.shape(0), 2). step 0 throws value_error.
template <class T = void, class A, class B, class C = int>
  requires(detail::is_range_arg_v<A> && detail::is_range_arg_v<B> && detail::is_range_arg_v<C> &&
           (std::is_void_v<T> || element<T>))
auto arange(A start, B stop, C step = 1) {
  using R = detail::arange_type_t<T, A, B, C>;
  return detail::arange_impl<R>(start, stop, step);
}

// nd::linspace(start, stop, num, endpoint = true): num values from start to stop
// (stop excluded when !endpoint), by NumPy's formula in float64: step = (stop - start) /
// div with div = num - 1 (or num), value i = start + i * step, the last value exactly
// stop when endpoint; integer types take the floor, as NumPy.
template <element T = double, class A, class B>
  requires(detail::is_range_arg_v<A> && detail::is_range_arg_v<B>)
array<T> linspace(A start, B stop, index_t num, bool endpoint = true) {
  if (num < 0) throw value_error("Number of samples, " + std::to_string(num) + ", must be non-negative.");
  const double lo = static_cast<double>(start), hi = static_cast<double>(stop);
  const index_t div = endpoint ? num - 1 : num;
  const double delta = hi - lo;
  array<T> out(shape_t{num});
  T* p = out.data();
  const double step = div > 0 ? delta / static_cast<double>(div) : std::numeric_limits<double>::quiet_NaN();
  for (index_t i = 0; i < num; ++i) {
    double y;
    if (div > 0) {
      // NumPy divides first when the step underflows to zero.
      y = step == 0 ? static_cast<double>(i) / static_cast<double>(div) * delta : static_cast<double>(i) * step;
    } else {
      y = static_cast<double>(i) * delta;
    }
    y += lo;
    if (endpoint && num > 1 && i == num - 1) y = hi;
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) y = std::floor(y);
    p[i] = static_cast<T>(y);
  }
  return out;
}

}  // namespace nd
