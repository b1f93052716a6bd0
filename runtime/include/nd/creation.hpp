// Creation from a shape: nd::empty, zeros, ones, full and their *_like forms.
// (nd::arange and nd::linspace live in nd/ranges.hpp, random numbers in nd/random.hpp.)
#pragma once
// IWYU pragma: private, include <nd/nd.hpp>

#include "nd/array.hpp"
#include "nd/promote.hpp"

namespace nd {

template <element T = double>
array<T> empty(const shape_t& shape) {
  return array<T>(shape);
}

// An integer `value` must fit T (NEP 50, as nd::full<std::int32_t>(s, 3000000000LL)
// would otherwise wrap): value_error.
template <element T = double, class V>
array<T> full(const shape_t& shape, V value) {
  detail::check_scalar_fits<T>(value);
  array<T> a(shape);
  a.fill(static_cast<T>(value));
  return a;
}

template <element T = double>
array<T> zeros(const shape_t& shape) {
  array<T> a(shape);
  if (a.size() > 0) std::memset(a.data(), 0, sizeof(T) * static_cast<std::size_t>(a.size()));
  return a;
}

template <element T = double>
array<T> ones(const shape_t& shape) {
  return full<T>(shape, 1);
}

// The *_like forms take the shape of `a`; the element type is a's unless given first:
// nd::zeros_like<float>(a).
template <class U = void*, class T>
  requires(std::is_same_v<U, void*> || element<U>)
auto empty_like(const array<T>& a) {
  using R = std::conditional_t<std::is_same_v<U, void*>, T, U>;
  return empty<R>(shape_t(a.shape()));
}
template <class U = void*, class T>
  requires(std::is_same_v<U, void*> || element<U>)
auto zeros_like(const array<T>& a) {
  using R = std::conditional_t<std::is_same_v<U, void*>, T, U>;
  return zeros<R>(shape_t(a.shape()));
}
template <class U = void*, class T>
  requires(std::is_same_v<U, void*> || element<U>)
auto ones_like(const array<T>& a) {
  using R = std::conditional_t<std::is_same_v<U, void*>, T, U>;
  return ones<R>(shape_t(a.shape()));
}
template <class U = void*, class T, class V>
  requires(std::is_same_v<U, void*> || element<U>)
auto full_like(const array<T>& a, V value) {
  using R = std::conditional_t<std::is_same_v<U, void*>, T, U>;
  return full<R>(shape_t(a.shape()), value);
}

}  // namespace nd
