// Arrays from C++ memory: nd::asarray copies a container, nd::from_data views memory
// the caller owns (NumPy's np.frombuffer, xtensor's adapt).
#pragma once
// IWYU pragma: private, include <nd/nd.hpp>

#include <ranges>
#include <string>

#include "nd/array.hpp"
#include "nd/shape.hpp"

namespace nd {

// nd::asarray(c[, shape]): a new C-contiguous array holding a copy of the elements of
// a std::vector, std::array, std::span (any sized range of an element type), 1-d or
// of `shape` (one extent may be -1); a shape of another size throws shape_error.
template <std::ranges::sized_range R>
  requires element<std::remove_cv_t<std::ranges::range_value_t<R>>>
auto asarray(const R& container, const shape_t& shape) {
  using T = std::remove_cv_t<std::ranges::range_value_t<R>>;
  const auto count = static_cast<index_t>(std::ranges::size(container));
  shape_t target;
  try {
    target = detail::resolve_reshape(count, shape);
  } catch (const value_error& e) {
    throw shape_error(e.what());
  }
  array<T> out(target);
  T* dst = out.data();
  for (const auto& v : container) *dst++ = v;
  return out;
}
template <std::ranges::sized_range R>
  requires element<std::remove_cv_t<std::ranges::range_value_t<R>>>
auto asarray(const R& container) {
  return asarray(container, shape_t{static_cast<index_t>(std::ranges::size(container))});
}

namespace detail {
// The checks of from_data's layout, and the byte extent the layout spans (for the
// buffer record; the first element need not be the lowest address).
std::pair<index_t, index_t> external_extent(const void* ptr, std::span<const index_t> shape,
                                            std::span<const index_t> strides, std::size_t item);

template <class T>
array<std::remove_const_t<T>> external_view(T* ptr, const shape_t& shape, const shape_t& strides) {
  using E = std::remove_const_t<T>;
  const auto [lo, hi] = external_extent(ptr, shape, strides, sizeof(E));
  auto* base = const_cast<std::byte*>(reinterpret_cast<const std::byte*>(ptr)) + lo * index_t(sizeof(E));
  auto b = std::make_shared<buffer>(buffer::external_t{}, base, static_cast<std::size_t>(hi - lo) * sizeof(E));
  return array_access::adopt(std::move(b), const_cast<E*>(ptr), shape, strides, !std::is_const_v<T>);
}
}  // namespace detail

// nd::from_data(ptr, shape[, strides]): an array viewing memory the caller owns and
// keeps alive as long as the array (or any view of it) is used; strides are in
// elements (C order by default) and may be negative or 0. Writeable when ptr is
// non-const; from a const pointer the array is read-only: writing through it throws
// value_error, as writing into nd::broadcast_to's views does. Nothing is copied, freed
// or counted by nd::memory_stats.
template <element T>
array<T> from_data(T* ptr, const shape_t& shape) {
  return detail::external_view(ptr, shape, detail::c_strides(shape));
}
template <element T>
array<T> from_data(T* ptr, const shape_t& shape, const shape_t& strides) {
  return detail::external_view(ptr, shape, strides);
}
template <element T>
array<T> from_data(const T* ptr, const shape_t& shape) {
  return detail::external_view(ptr, shape, detail::c_strides(shape));
}
template <element T>
array<T> from_data(const T* ptr, const shape_t& shape, const shape_t& strides) {
  return detail::external_view(ptr, shape, strides);
}

}  // namespace nd
