// Result types of element-wise operations: NumPy's promotion table for arrays and
// NEP 50 "weak" promotion for C++ scalars.
//
// Arrays promote along bool < int32 < int64 < float32 < float64, except that an integer
// meeting float32 gives float64 (float32 cannot hold every int32 exactly; NumPy agrees).
// A scalar operand is weak: it takes the array's type if its kind fits (an integer
// scalar with an integer array, a floating scalar with a floating array), and the
// default type of its kind otherwise (int64 for integers, float64 for floats).
// The checks and other parts of the runtime use these traits; keep them public.
#pragma once
// IWYU pragma: private, include <nd/nd.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <tuple>
#include <type_traits>

#include "nd/array.hpp"

namespace nd {

// A C++ arithmetic scalar usable as a ufunc operand (bool and char types included as
// numbers, as NumPy treats Python bools and ints).
template <class X>
concept scalar_operand = std::is_arithmetic_v<std::remove_cvref_t<X>>;

// An operand of a ufunc: an nd::array or an arithmetic scalar.
template <class X>
concept ufunc_operand = any_array<X> || scalar_operand<X>;

namespace detail {

template <class T>
inline constexpr int kind_rank_v = std::is_same_v<T, bool> ? 0
                                   : std::is_integral_v<T> ? 1
                                                           : 2;

// Array-with-array promotion of two element types.
template <element A, element B>
struct promote_elements {
  using type = std::conditional_t<
      std::is_same_v<A, B>, A,
      std::conditional_t<std::is_same_v<A, bool>, B,
                         std::conditional_t<std::is_same_v<B, bool>, A,
                                            std::conditional_t<
                                                // both integers: the wider one
                                                std::is_integral_v<A> && std::is_integral_v<B>, std::int64_t,
                                                std::conditional_t<
                                                    // both floating: the wider one
                                                    std::is_floating_point_v<A> && std::is_floating_point_v<B>, double,
                                                    // integer with float32 or float64: float64
                                                    double>>>>>;
};

// Applies a weak scalar of C++ type S to a strong element type T (NEP 50).
template <element T, class S>
struct apply_weak_scalar {
  using type = std::conditional_t<
      std::is_same_v<S, bool>, T,
      std::conditional_t<std::is_integral_v<S>, std::conditional_t<std::is_same_v<T, bool>, std::int64_t, T>,
                         std::conditional_t<std::is_floating_point_v<T>, T, double>>>;
};

// The default element type of a lone scalar (Python's bool, int, float).
template <class S>
using scalar_default_t =
    std::conditional_t<std::is_same_v<S, bool>, bool, std::conditional_t<std::is_integral_v<S>, std::int64_t, double>>;

template <class X>
struct operand_element {
  using type = void;  // a scalar: weak
};
template <class T>
struct operand_element<array<T>> {
  using type = T;
};

// Folds the strong (array) operands first, then applies each weak scalar, as NEP 50 does.
template <class Strong, class... Xs>
struct result_fold;
template <class Strong>
struct result_fold<Strong> {
  using type = Strong;
};
template <class Strong, class X, class... Xs>
struct result_fold<Strong, X, Xs...> {
  using elem = typename operand_element<X>::type;
  using next = std::conditional_t<
      std::is_void_v<elem>, Strong,
      std::conditional_t<std::is_void_v<Strong>, elem,
                         typename promote_elements<std::conditional_t<std::is_void_v<Strong>, bool, Strong>,
                                                   std::conditional_t<std::is_void_v<elem>, bool, elem>>::type>>;
  using type = typename result_fold<next, Xs...>::type;
};

template <class Strong, class... Xs>
struct weak_fold;
template <class Strong>
struct weak_fold<Strong> {
  using type = Strong;
};
template <class Strong, class X, class... Xs>
struct weak_fold<Strong, X, Xs...> {
  using elem = typename operand_element<X>::type;
  using next = std::conditional_t<std::is_void_v<elem>, typename apply_weak_scalar<Strong, X>::type, Strong>;
  using type = typename weak_fold<next, Xs...>::type;
};

template <class... Xs>
struct result_type_impl {
  using strong = typename result_fold<void, Xs...>::type;
  // With no array operand, the first scalar's default type is the strong one.
  using first_default = scalar_default_t<std::remove_cvref_t<std::tuple_element_t<0, std::tuple<Xs...>>>>;
  using type = typename weak_fold<std::conditional_t<std::is_void_v<strong>, first_default, strong>, Xs...>::type;
};

[[noreturn]] void throw_scalar_out_of_bounds(const std::string& value, dtype type);

// NEP 50: a C++ integer scalar is a Python int. It takes the integer type T it meets
// and must fit it: `int32_array + 3000000000LL` throws value_error (NumPy 2 raises
// OverflowError) instead of wrapping. Floating scalars and types are not checked
// (a float32 overflow is inf, as in NumPy).
template <class T, class S>
void check_scalar_fits(const S& s) {
  using V = std::remove_cvref_t<S>;
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool> && std::is_integral_v<V> &&
                !std::is_same_v<V, bool>) {
    const __int128 v = s;
    if (v < static_cast<__int128>(std::numeric_limits<T>::min()) ||
        v > static_cast<__int128>(std::numeric_limits<T>::max())) {
      if constexpr (std::is_signed_v<V>)
        throw_scalar_out_of_bounds(std::to_string(static_cast<long long>(s)), dtype_of<T>());
      else throw_scalar_out_of_bounds(std::to_string(static_cast<unsigned long long>(s)), dtype_of<T>());
    }
  }
}

// NumPy's unsafe cast of one value: to bool, "is not zero"; from a float to an integer
// out of its range (or NaN), the most negative integer, as NumPy gives on x86 (C++
// leaves that conversion undefined). The cast kernels and nd::add_at both use it.
template <class To, class From>
inline To unsafe_cast(From x) {
  if constexpr (std::is_same_v<To, bool>) {
    return x != From(0);
  } else if constexpr (std::is_integral_v<To> && std::is_floating_point_v<From>) {
    constexpr From limit = -static_cast<From>(std::numeric_limits<To>::min());
    return (x >= -limit && x < limit) ? static_cast<To>(x) : std::numeric_limits<To>::min();
  } else {
    return static_cast<To>(x);
  }
}

}  // namespace detail

// Array-with-array promotion: nd::promote_t<std::int32_t, float> is double.
template <element A, element B>
using promote_t = typename detail::promote_elements<A, B>::type;

// The type NumPy's result_type gives for these operands (arrays or scalars, in any
// order): nd::result_type_t<nd::array<float>, double> is float.
template <class... Xs>
using result_type_t = typename detail::result_type_impl<std::remove_cvref_t<Xs>...>::type;

// The type true division and the transcendental functions (sqrt, exp, log, sin, cos)
// compute in: integers and bool go to float64, floats keep their type.
template <element T>
using float_result_t = std::conditional_t<std::is_floating_point_v<T>, T, double>;

}  // namespace nd
