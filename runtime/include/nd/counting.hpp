// Counting and binning: nd::bincount, nd::digitize, nd::isin (NumPy's np.bincount,
// np.digitize, np.isin). See docs/api/sorting.md.
#pragma once
// IWYU pragma: private, include <nd/nd.hpp>

#include <concepts>
#include <cstdint>
#include <string>
#include <type_traits>

#include "nd/array.hpp"
#include "nd/creation.hpp"
#include "nd/promote.hpp"
#include "nd/sort.hpp"

namespace nd {

namespace detail {

// bincount's checks of x, in NumPy's words: 1-d, no negative element. Returns max + 1.
template <class T>
index_t bincount_length(const array<T>& x, index_t minlength) {
  if (minlength < 0) throw value_error("'minlength' must not be negative");
  if (x.ndim() != 1)
    throw value_error(x.ndim() == 0 ? "object of too small depth for desired array"
                                    : "object too deep for desired array");
  index_t top = -1;
  for (index_t i = 0; i < x.size(); ++i) {
    const auto v = static_cast<index_t>(x(i));
    if (v < 0) throw value_error("'list' argument must have no negative elements");
    top = v > top ? v : top;
  }
  return top + 1 > minlength ? top + 1 : minlength;
}

template <class T>
concept bincount_input = std::is_integral_v<T>;  // bool and integers: NumPy casts them safely to intp

}  // namespace detail

// np.bincount(x, minlength=0): counts of each value of the non-negative, 1-d x (int64).
template <element T, std::integral I = index_t>
  requires detail::bincount_input<T> && (!std::same_as<I, bool>)
array<std::int64_t> bincount(const array<T>& x, I minlength = 0) {
  array<std::int64_t> out = zeros<std::int64_t>({detail::bincount_length(x, static_cast<index_t>(minlength))});
  std::int64_t* p = out.data();
  for (index_t i = 0; i < x.size(); ++i) ++p[static_cast<index_t>(x(i))];
  return out;
}

// np.bincount(x, weights, minlength=0): the sum of weights per value (float64), added
// in x's order, as NumPy does.
template <element T, element W, std::integral I = index_t>
  requires detail::bincount_input<T> && (!std::same_as<I, bool>)
array<double> bincount(const array<T>& x, const array<W>& weights, I minlength = 0) {
  const index_t n = detail::bincount_length(x, static_cast<index_t>(minlength));
  if (weights.ndim() != 1 || weights.size() != x.size())
    throw value_error("The weights and list don't have the same length.");
  array<double> out = zeros<double>({n});
  double* p = out.data();
  for (index_t i = 0; i < x.size(); ++i) p[static_cast<index_t>(x(i))] += static_cast<double>(weights(i));
  return out;
}

// np.digitize(x, bins, right=false): the index of the bin each element of x falls in
// (int64, x's shape), for bins increasing or decreasing (value_error otherwise). As
// NumPy's, it is searchsorted: right=false gives bins[i-1] <= x < bins[i].
template <element T, element B>
array<std::int64_t> digitize(const array<T>& x, const array<B>& bins, bool right = false) {
  if (bins.ndim() != 1) throw value_error("object too deep for desired array");
  using C = promote_t<T, B>;
  const array<C> b = bins.template astype<C>();
  bool increasing = true, decreasing = true;
  for (index_t i = 1; i < b.size(); ++i) {
    // NumPy's check uses `<` and `>` on neighbours, so a NaN breaks monotonicity.
    if (!(b(i - 1) <= b(i))) increasing = false;
    if (!(b(i - 1) >= b(i))) decreasing = false;
  }
  if (!increasing && !decreasing) throw value_error("bins must be monotonically increasing or decreasing");
  const array<C> values = x.template astype<C>();
  array<std::int64_t> out{shape_t(x.shape())};
  if (increasing) {
    detail::run_searchsorted(dtype_of<C>(), b.size(), b.data(), values.size(), values.data(), !right, out.data());
    return out;
  }
  // Decreasing: len(bins) - searchsorted(bins[::-1], x, side).
  const array<C> reversed = b(slice(none, none, -1)).copy();
  detail::run_searchsorted(dtype_of<C>(), b.size(), reversed.data(), values.size(), values.data(), !right, out.data());
  std::int64_t* p = out.data();
  for (index_t i = 0; i < out.size(); ++i) p[i] = b.size() - p[i];
  return out;
}

// np.isin(a, values): whether each element of a equals some element of values (bool,
// a's shape), compared in the promotion of both types; NaN equals nothing, -0.0 equals
// 0.0. values is sorted once and searched.
template <element T, element V>
array<bool> isin(const array<T>& a, const array<V>& values) {
  using C = promote_t<T, V>;
  const array<C> sorted = sort(values.template astype<C>(), none);
  const array<C> x = a.template astype<C>();
  array<std::int64_t> at{shape_t(x.shape())};
  detail::run_searchsorted(dtype_of<C>(), sorted.size(), sorted.data(), x.size(), x.data(), false, at.data());
  array<bool> out{shape_t(x.shape())};
  bool* o = out.data();
  const C* s = sorted.data();
  const C* v = x.data();
  const std::int64_t* k = at.data();
  for (index_t i = 0; i < x.size(); ++i) o[i] = k[i] < sorted.size() && s[k[i]] == v[i];
  return out;
}

}  // namespace nd
