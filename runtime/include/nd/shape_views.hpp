// Shape operations that return views, as NumPy's do: nd::squeeze, expand_dims,
// swapaxes, moveaxis, flip, diagonal, split and array_split. Each costs O(ndim) (split:
// O(pieces)) and shares the buffer of its argument; writing through the result writes
// into the argument, except through diagonal, which is read-only as NumPy 1.24's is.
#pragma once
// IWYU pragma: private, include <nd/nd.hpp>

#include <initializer_list>
#include <string>
#include <vector>

#include "nd/array.hpp"

namespace nd {

namespace detail {
// NumPy's normalize_axis_index: an axis in [-ndim, ndim), else index_error (AxisError,
// an IndexError in NumPy). Defined in scan_engine.cpp, shared with scans and sorts.
int normalize_axis_index(int axis, int ndim);

// The axes of `axes` made non-negative for an array of `ndim` dimensions, as a mask;
// a repeated one throws value_error "repeated axis".
inline std::array<bool, max_dims> axis_flags(std::span<const int> axes, int ndim) {
  std::array<bool, max_dims> mask{};
  for (int axis : axes) {
    const int k = normalize_axis_index(axis, ndim);
    if (mask[k]) throw value_error("repeated axis");
    mask[k] = true;
  }
  return mask;
}

template <class T>
array<T> view_of(const array<T>& a, const T* data, shape_t shape, shape_t strides, bool writeable = true) {
  return array_access::view(a, data, std::move(shape), std::move(strides), writeable);
}
}  // namespace detail

// nd::squeeze(a): the view without a's axes of length 1. nd::squeeze(a, axis) (or
// {axes}) removes only those, which must have length 1 (value_error otherwise).
template <class T>
array<T> squeeze(const array<T>& a, std::span<const int> axes) {
  const auto mask = detail::axis_flags(axes, a.ndim());
  shape_t shape, strides;
  for (int k = 0; k < a.ndim(); ++k) {
    if (mask[k]) {
      if (a.shape(k) != 1) throw value_error("cannot select an axis to squeeze out which has size not equal to one");
      continue;
    }
    shape.push_back(a.shape(k));
    strides.push_back(a.strides(k));
  }
  return detail::view_of(a, a.data(), shape, strides);
}
template <class T>
array<T> squeeze(const array<T>& a) {
  std::vector<int> ones;
  for (int k = 0; k < a.ndim(); ++k)
    if (a.shape(k) == 1) ones.push_back(k);
  return squeeze(a, std::span<const int>(ones));
}
template <class T>
array<T> squeeze(const array<T>& a, int axis) {
  return squeeze(a, std::span<const int>(&axis, 1));
}
template <class T>
array<T> squeeze(const array<T>& a, std::initializer_list<int> axes) {
  return squeeze(a, std::span<const int>(axes.begin(), axes.size()));
}

// nd::expand_dims(a, axis) (or {axes}): the view with new axes of length 1 at those
// positions of the result (whose rank is a.ndim() plus the number of axes).
template <class T>
array<T> expand_dims(const array<T>& a, std::span<const int> axes) {
  const int n = a.ndim() + static_cast<int>(axes.size());
  const auto mask = detail::axis_flags(axes, n);
  shape_t shape, strides;
  for (int k = 0, src = 0; k < n; ++k) {
    if (mask[k]) {
      shape.push_back(1);
      strides.push_back(0);
    } else {
      shape.push_back(a.shape(src));
      strides.push_back(a.strides(src++));
    }
  }
  return detail::view_of(a, a.data(), shape, strides);
}
template <class T>
array<T> expand_dims(const array<T>& a, int axis) {
  return expand_dims(a, std::span<const int>(&axis, 1));
}
template <class T>
array<T> expand_dims(const array<T>& a, std::initializer_list<int> axes) {
  return expand_dims(a, std::span<const int>(axes.begin(), axes.size()));
}

// nd::swapaxes(a, i, j): the view with axes i and j exchanged.
template <class T>
array<T> swapaxes(const array<T>& a, int i, int j) {
  i = detail::normalize_axis_index(i, a.ndim());
  j = detail::normalize_axis_index(j, a.ndim());
  shape_t shape(a.shape()), strides(a.strides());
  std::swap(shape[i], shape[j]);
  std::swap(strides[i], strides[j]);
  return detail::view_of(a, a.data(), shape, strides);
}

// nd::moveaxis(a, from, to) (ints, or lists of one length): the view where axis from[k]
// of a is axis to[k] of the result; the other axes keep their order.
template <class T>
array<T> moveaxis(const array<T>& a, std::span<const int> from, std::span<const int> to) {
  const int n = a.ndim();
  // NumPy's order of checks: each list (range, then repeats), then their lengths.
  auto normalized = [n](std::span<const int> axes, const char* which) {
    std::vector<int> out;
    for (int v : axes) out.push_back(detail::normalize_axis_index(v, n));
    for (std::size_t i = 0; i < out.size(); ++i)
      for (std::size_t j = 0; j < i; ++j)
        if (out[i] == out[j]) throw value_error(std::string("repeated axis in `") + which + "` argument");
    return out;
  };
  const std::vector<int> src = normalized(from, "source"), dst = normalized(to, "destination");
  if (src.size() != dst.size())
    throw value_error("`source` and `destination` arguments must have the same number of elements");
  // NumPy's order: the axes not moved, then each moved one inserted at its place.
  int order[max_dims];
  int placed[max_dims];
  bool moved[max_dims] = {}, taken[max_dims] = {};
  for (int s : src) moved[s] = true;
  for (int d : dst) taken[d] = true;
  for (std::size_t i = 0; i < src.size(); ++i) order[dst[i]] = src[i];
  int next = 0;
  for (int k = 0; k < n; ++k)
    if (!moved[k]) placed[next++] = k;
  for (int k = 0, rest = 0; k < n; ++k)
    if (!taken[k]) order[k] = placed[rest++];
  shape_t shape, strides;
  for (int k = 0; k < n; ++k) {
    shape.push_back(a.shape(order[k]));
    strides.push_back(a.strides(order[k]));
  }
  return detail::view_of(a, a.data(), shape, strides);
}
template <class T>
array<T> moveaxis(const array<T>& a, int from, int to) {
  return moveaxis(a, std::span<const int>(&from, 1), std::span<const int>(&to, 1));
}
template <class T>
array<T> moveaxis(const array<T>& a, std::initializer_list<int> from, std::initializer_list<int> to) {
  return moveaxis(a, std::span<const int>(from.begin(), from.size()), std::span<const int>(to.begin(), to.size()));
}

// nd::flip(a) reverses every axis, nd::flip(a, axis) (or {axes}) those: a view with
// negative strides.
template <class T>
array<T> flip(const array<T>& a, std::span<const int> axes) {
  const auto mask = detail::axis_flags(axes, a.ndim());
  shape_t strides(a.strides());
  const T* data = a.data();
  bool empty = a.size() == 0;
  for (int k = 0; k < a.ndim(); ++k) {
    if (!mask[k]) continue;
    if (!empty) data += (a.shape(k) - 1) * strides[k];
    strides[k] = -strides[k];
  }
  return detail::view_of(a, data, shape_t(a.shape()), strides);
}
template <class T>
array<T> flip(const array<T>& a) {
  // NumPy's np.flip of a 0-d array indexes it with (), which gives a scalar: a copy.
  if (a.ndim() == 0) return a.copy();
  std::vector<int> every(static_cast<std::size_t>(a.ndim()));
  for (int k = 0; k < a.ndim(); ++k) every[k] = k;
  return flip(a, std::span<const int>(every));
}
template <class T>
array<T> flip(const array<T>& a, int axis) {
  return flip(a, std::span<const int>(&axis, 1));
}
template <class T>
array<T> flip(const array<T>& a, std::initializer_list<int> axes) {
  return flip(a, std::span<const int>(axes.begin(), axes.size()));
}

// nd::diagonal(a, offset = 0, axis1 = 0, axis2 = 1): the diagonal of the matrices in
// axes axis1 and axis2, as the last axis of a read-only view (NumPy 1.24's diagonal is
// a read-only view too; .copy() gives a writeable array).
template <class T>
array<T> diagonal(const array<T>& a, index_t offset = 0, int axis1 = 0, int axis2 = 1) {
  if (a.ndim() < 2) throw value_error("diag requires an array of at least two dimensions");
  const int i = detail::normalize_axis_index(axis1, a.ndim());
  const int j = detail::normalize_axis_index(axis2, a.ndim());
  if (i == j) throw value_error("axis1 and axis2 cannot be the same");
  index_t n1 = a.shape(i), n2 = a.shape(j);
  const T* data = a.data();
  index_t len = 0;
  if (offset >= 0) {
    len = std::max<index_t>(0, std::min(n1, n2 - std::min(offset, n2)));
    if (len > 0) data += offset * a.strides(j);
  } else {
    len = std::max<index_t>(0, std::min(n1 - std::min(-offset, n1), n2));
    if (len > 0) data += -offset * a.strides(i);
  }
  shape_t shape, strides;
  for (int k = 0; k < a.ndim(); ++k) {
    if (k == i || k == j) continue;
    shape.push_back(a.shape(k));
    strides.push_back(a.strides(k));
  }
  shape.push_back(len);
  strides.push_back(a.strides(i) + a.strides(j));
  return detail::view_of(a, data, shape, strides, false);
}

// nd::array_split(a, n, axis = 0): n views along `axis`, the first (len % n) one
// element longer. nd::array_split(a, {indices}, axis): the views between the indices
// (Python slices a[i:j], so out-of-range indices give empty pieces).
namespace detail {
template <class T>
std::vector<array<T>> split_at(const array<T>& a, std::span<const index_t> points, int axis) {
  if (a.ndim() == 0) throw index_error("tuple index out of range");
  const int k = detail::normalize_axis_index(axis, a.ndim());
  std::vector<array<T>> out;
  out.reserve(points.size() + 1);
  index_t start = 0;
  for (std::size_t p = 0; p <= points.size(); ++p) {
    const index_t stop = p < points.size() ? points[p] : a.shape(k);
    index_t first = 0, step = 0;
    const index_t len = slice(start, stop).adjust(a.shape(k), first, step);
    shape_t shape(a.shape()), strides(a.strides());
    shape[k] = len;
    out.push_back(detail::view_of(a, a.data() + (len > 0 ? first * strides[k] : 0), shape, strides));
    start = stop;
  }
  return out;
}
}  // namespace detail
template <class T>
std::vector<array<T>> array_split(const array<T>& a, index_t sections, int axis = 0) {
  if (a.ndim() == 0) throw index_error("tuple index out of range");
  const index_t len = a.shape(detail::normalize_axis_index(axis, a.ndim()));
  if (sections <= 0) throw value_error("number sections must be larger than 0.");
  const index_t each = len / sections, extras = len % sections;
  std::vector<index_t> points;
  index_t at = 0;
  for (index_t s = 0; s + 1 < sections; ++s) points.push_back(at += each + (s < extras ? 1 : 0));
  return detail::split_at(a, std::span<const index_t>(points), axis);
}
template <class T>
std::vector<array<T>> array_split(const array<T>& a, std::span<const index_t> indices, int axis = 0) {
  return detail::split_at(a, indices, axis);
}
template <class T>
std::vector<array<T>> array_split(const array<T>& a, std::initializer_list<index_t> indices, int axis = 0) {
  return detail::split_at(a, std::span<const index_t>(indices.begin(), indices.size()), axis);
}
template <class T>
std::vector<array<T>> array_split(const array<T>& a, const std::vector<index_t>& indices, int axis = 0) {
  return detail::split_at(a, std::span<const index_t>(indices), axis);
}

// nd::split(a, n, axis = 0): as array_split, but n must divide the axis (value_error
// "array split does not result in an equal division"); with indices, the same.
template <class T>
std::vector<array<T>> split(const array<T>& a, index_t sections, int axis = 0) {
  if (a.ndim() == 0) throw index_error("tuple index out of range");
  const index_t len = a.shape(detail::normalize_axis_index(axis, a.ndim()));
  if (sections <= 0) throw value_error("number sections must be larger than 0.");
  if (len % sections != 0) throw value_error("array split does not result in an equal division");
  return array_split(a, sections, axis);
}
template <class T>
std::vector<array<T>> split(const array<T>& a, std::span<const index_t> indices, int axis = 0) {
  return detail::split_at(a, indices, axis);
}
template <class T>
std::vector<array<T>> split(const array<T>& a, std::initializer_list<index_t> indices, int axis = 0) {
  return detail::split_at(a, std::span<const index_t>(indices.begin(), indices.size()), axis);
}
template <class T>
std::vector<array<T>> split(const array<T>& a, const std::vector<index_t>& indices, int axis = 0) {
  return detail::split_at(a, std::span<const index_t>(indices), axis);
}

}  // namespace nd
