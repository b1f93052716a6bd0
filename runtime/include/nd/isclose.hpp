// nd::isclose and nd::allclose: NumPy's, element by element
// |a - b| <= atol + rtol * |b| (not symmetric in a and b, as NumPy's), where both are
// finite; elsewhere a == b (so inf matches inf of the same sign); NaN matches NaN only
// with equal_nan. Computed in NumPy's type: b's float type (result_type(b, 1.0)),
// promoted with a's; a scalar operand counts as a 0-d array of its default type
// (int64, double), as np.isclose makes it one before promoting.
#pragma once
// IWYU pragma: private, include <nd/nd.hpp>

#include <type_traits>

#include "nd/ufunc.hpp"

namespace nd {

namespace detail {

template <class X>
using strong_element_t = std::conditional_t<any_array<X>, typename operand_element<X>::type, scalar_default_t<X>>;

template <class A, class B>
using isclose_type_t = promote_t<strong_element_t<A>, float_result_t<strong_element_t<B>>>;

// The operand as an array of F (a scalar as a 0-d array).
template <class F, class X>
array<F> isclose_operand(const X& x) {
  if constexpr (any_array<X>) {
    if constexpr (std::is_same_v<typename X::value_type, F>) return x;
    else return x.template astype<F>();
  } else {
    array<F> a(shape_t{});
    a.fill(static_cast<F>(x));
    return a;
  }
}

}  // namespace detail

// np.isclose(a, b, rtol, atol, equal_nan): an array of bool of the broadcast shape.
template <ufunc_operand A, ufunc_operand B>
  requires(detail::has_array_v<A, B>)
array<bool> isclose(const A& a, const B& b, double rtol = 1e-5, double atol = 1e-8, bool equal_nan = false) {
  using F = detail::isclose_type_t<A, B>;
  const array<F> x = detail::isclose_operand<F>(a), y = detail::isclose_operand<F>(b);
  array<bool> close =
      less_equal(abs(subtract(x, y)), add(static_cast<F>(atol), multiply(static_cast<F>(rtol), abs(y))));
  const array<bool> finite = logical_and(isfinite(x), isfinite(y));
  bool all_finite = true;
  detail::for_each_element(finite.data(), finite.shape(), finite.strides(),
                           [&](const bool* p) { all_finite = all_finite && *p; });
  if (all_finite) return close;
  array<bool> result = where(finite, close, equal(x, y));
  if (equal_nan) result = logical_or(result, logical_and(isnan(x), isnan(y)));
  return result;
}

// np.allclose(a, b, rtol, atol, equal_nan): whether isclose holds everywhere (true for
// empty operands). Shapes that do not broadcast throw nd::shape_error.
template <ufunc_operand A, ufunc_operand B>
  requires(detail::has_array_v<A, B>)
bool allclose(const A& a, const B& b, double rtol = 1e-5, double atol = 1e-8, bool equal_nan = false) {
  const array<bool> close = isclose(a, b, rtol, atol, equal_nan);
  bool all = true;
  detail::for_each_element(close.data(), close.shape(), close.strides(), [&](const bool* p) { all = all && *p; });
  return all;
}

}  // namespace nd
