// Broadcasting by NumPy's rules: nd::broadcast_shapes and nd::broadcast_to.
//
// Shapes are aligned at their last axis; two extents are compatible when equal or
// when one of them is 1. A broadcast view repeats data with stride 0 instead of copying.
#pragma once
// IWYU pragma: private, include <nd/nd.hpp>

#include <span>
#include <string>

#include "nd/array.hpp"

namespace nd {

namespace detail {

// "(2,3)": a shape as NumPy prints it inside broadcast error messages (no spaces).
std::string compact_shape(std::span<const index_t> shape);

// Broadcasts `count` shapes together; returns false (leaving `out` unspecified) when
// they are incompatible.
bool try_broadcast(const std::span<const index_t>* shapes, int count, shape_t& out);

// The strides that make an array of (shape, strides) read as `target` (which it must
// broadcast to): 0 for new and stretched axes.
shape_t broadcast_strides(std::span<const index_t> shape, std::span<const index_t> strides,
                          std::span<const index_t> target);

// Whether `from` broadcasts to exactly `to`: no more axes, and each extent is 1 or
// equal to the matching one of `to` (NumPy's rule for out= and broadcast_to).
inline bool broadcasts_to(std::span<const index_t> from, std::span<const index_t> to) {
  if (from.size() > to.size()) return false;
  const std::size_t lead = to.size() - from.size();
  for (std::size_t k = 0; k < from.size(); ++k)
    if (from[k] != 1 && from[k] != to[lead + k]) return false;
  return true;
}

[[noreturn]] void throw_broadcast_shapes_mismatch(const std::span<const index_t>* shapes, int count);
[[noreturn]] void throw_broadcast_to_mismatch(std::span<const index_t> from, std::span<const index_t> to);
// value_error, NumPy's "iterator is too large", for a broadcast shape whose element
// count overflows index_t.
[[noreturn]] void throw_too_many_elements(std::span<const index_t> shape);

}  // namespace detail

// The shape the given shapes broadcast to; throws shape_error (with NumPy's message)
// when they are incompatible.
template <class... S>
  requires(std::is_convertible_v<const S&, std::span<const index_t>> && ...)
shape_t broadcast_shapes(const S&... shapes) {
  const std::span<const index_t> list[] = {std::span<const index_t>(shapes)..., {}};
  shape_t out;
  if (!detail::try_broadcast(list, static_cast<int>(sizeof...(S)), out))
    detail::throw_broadcast_shapes_mismatch(list, static_cast<int>(sizeof...(S)));
  if (!detail::element_count_fits(out)) detail::throw_too_many_elements(out);
  return out;
}
// Braced shapes: nd::broadcast_shapes({2, 3}, {3}).
inline shape_t broadcast_shapes(const shape_t& a) { return broadcast_shapes<shape_t>(a); }
inline shape_t broadcast_shapes(const shape_t& a, const shape_t& b) { return broadcast_shapes<shape_t, shape_t>(a, b); }
inline shape_t broadcast_shapes(const shape_t& a, const shape_t& b, const shape_t& c) {
  return broadcast_shapes<shape_t, shape_t, shape_t>(a, b, c);
}

// A read-only view of `a` with shape `shape` (stride 0 along stretched and new axes).
template <class T>
array<T> broadcast_to(const array<T>& a, const shape_t& shape) {
  for (index_t d : shape)
    if (d < 0) throw value_error("all elements of broadcast shape must be non-negative, found " + to_string(shape));
  if (static_cast<int>(a.ndim()) > shape.size())
    throw shape_error("input operand has more dimensions than allowed by the axis remapping");
  if (!detail::broadcasts_to(a.shape(), shape)) detail::throw_broadcast_to_mismatch(a.shape(), shape);
  if (!detail::element_count_fits(shape)) detail::throw_too_many_elements(shape);
  return detail::array_access::view(a, a.data(), shape, detail::broadcast_strides(a.shape(), a.strides(), shape),
                                    false);
}

}  // namespace nd
