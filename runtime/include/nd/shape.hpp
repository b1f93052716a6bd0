// Shape operations: a.reshape, a.ravel, a.flatten, a.T (members of nd::array defined
// here), nd::transpose, nd::concatenate and nd::stack.
//
// reshape, ravel, T and transpose return views whenever the strides allow (NumPy's
// rules), so they cost O(ndim); flatten, concatenate and stack always copy.
#pragma once
// IWYU pragma: private, include <nd/nd.hpp>

#include <initializer_list>
#include <string>
#include <vector>

#include "nd/array.hpp"

namespace nd {

namespace detail {

// Strides (in elements) that let `new_shape` view an array of (shape, strides) in C
// order without copying, if any: NumPy's _attempt_nocopy_reshape. new_shape must have
// the same number of elements, which must not be zero (std::nullopt otherwise).
std::optional<shape_t> nocopy_reshape_strides(std::span<const index_t> shape, std::span<const index_t> strides,
                                              std::span<const index_t> new_shape);

// Replaces one -1 in `requested` by the extent that makes it hold `size` elements and
// checks the total: value_error "cannot reshape array of size 6 into shape (4,)".
shape_t resolve_reshape(index_t size, const shape_t& requested);

// An axis in [-ndim, ndim) made non-negative; value_error (NumPy's AxisError) otherwise.
int normalize_axis_or_throw(int axis, int ndim);

// Copies src into dst element by element; both have the same shape, any strides.
template <class T>
void copy_same_shape(T* dst, std::span<const index_t> dst_strides, const T* src, std::span<const index_t> src_strides,
                     std::span<const index_t> shape) {
  const int nd = static_cast<int>(shape.size());
  for (index_t d : shape)
    if (d == 0) return;
  if (nd == 0) {
    *dst = *src;
    return;
  }
  const index_t inner = shape[nd - 1], ds = dst_strides[nd - 1], ss = src_strides[nd - 1];
  index_t counter[max_dims] = {};
  for (;;) {
    if (ds == 1 && ss == 1) {
      std::memcpy(dst, src, sizeof(T) * static_cast<std::size_t>(inner));
    } else {
      for (index_t i = 0; i < inner; ++i) dst[i * ds] = src[i * ss];
    }
    int k = nd - 2;
    for (; k >= 0; --k) {
      dst += dst_strides[k];
      src += src_strides[k];
      if (++counter[k] < shape[k]) break;
      dst -= dst_strides[k] * shape[k];
      src -= src_strides[k] * shape[k];
      counter[k] = 0;
    }
    if (k < 0) return;
  }
}

}  // namespace detail

// ---------------------------------------------------------------------------------
// Members of nd::array.

// A view with the new shape when the strides allow it (always when contiguous), else a
// C-order copy. One extent may be -1: it is inferred.
template <element E>
array<E> array<E>::reshape(const shape_t& shape) const {
  const shape_t target = detail::resolve_reshape(size(), shape);
  // An empty array has no element to lay out: any strides do (and the no-copy
  // matching below needs non-zero extents).
  if (size() == 0 || is_contiguous())
    return detail::array_access::view(*this, data_, target, detail::c_strides(target), true);
  if (std::optional<shape_t> strides = detail::nocopy_reshape_strides(shape_, strides_, target))
    return detail::array_access::view(*this, data_, target, std::move(*strides), true);
  array c = copy();
  return detail::array_access::view(c, c.data_, target, detail::c_strides(target), true);
}

// The elements as a 1-D array: a view when contiguous, else a copy.
template <element E>
array<E> array<E>::ravel() const {
  return reshape(shape_t{size()});
}

// The elements as a 1-D array, always a copy.
template <element E>
array<E> array<E>::flatten() const {
  array c = copy();
  return detail::array_access::view(c, c.data_, shape_t{size()}, shape_t{1}, true);
}

// The view with the axes reversed (NumPy's a.T).
template <element E>
array<E> array<E>::T() const {
  shape_t shape, strides;
  for (int k = ndim() - 1; k >= 0; --k) {
    shape.push_back(shape_[k]);
    strides.push_back(strides_[k]);
  }
  return detail::array_access::view(*this, data_, std::move(shape), std::move(strides), true);
}

// ---------------------------------------------------------------------------------
// nd::transpose(a): the axes reversed. nd::transpose(a, {1, 0, 2}): axis k of the
// result is axis axes[k] of a (negative axes count from the end). A view.
template <class T>
array<T> transpose(const array<T>& a) {
  return a.T();
}

template <class T>
array<T> transpose(const array<T>& a, std::span<const int> axes) {
  const int n = a.ndim();
  if (static_cast<int>(axes.size()) != n) throw value_error("axes don't match array");
  bool seen[max_dims] = {};
  shape_t shape, strides;
  for (int axis : axes) {
    const int k = detail::normalize_axis_or_throw(axis, n);
    if (seen[k]) throw value_error("repeated axis in transpose");
    seen[k] = true;
    shape.push_back(a.shape(k));
    strides.push_back(a.strides(k));
  }
  return detail::array_access::view(a, a.data(), std::move(shape), std::move(strides), true);
}
template <class T>
array<T> transpose(const array<T>& a, std::initializer_list<int> axes) {
  return transpose(a, std::span<const int>(axes.begin(), axes.size()));
}
template <class T>
array<T> transpose(const array<T>& a, const std::vector<int>& axes) {
  return transpose(a, std::span<const int>(axes));
}

// ---------------------------------------------------------------------------------
// nd::concatenate({a, b, ...}, axis = 0): the arrays joined along an existing axis; all
// other extents must match. nd::concatenate({a, b}, nd::none) joins them flattened.
template <class T>
array<T> concatenate(std::span<const array<T>> arrays, int axis = 0) {
  if (arrays.empty()) throw value_error("need at least one array to concatenate");
  const array<T>& first = arrays[0];
  const int n = first.ndim();
  if (n == 0) throw value_error("zero-dimensional arrays cannot be concatenated");
  for (std::size_t i = 1; i < arrays.size(); ++i) {
    if (arrays[i].ndim() != n)
      throw value_error("all the input arrays must have same number of dimensions, but the array at index 0 has " +
                        std::to_string(n) + " dimension(s) and the array at index " + std::to_string(i) + " has " +
                        std::to_string(arrays[i].ndim()) + " dimension(s)");
  }
  axis = detail::normalize_axis_or_throw(axis, n);
  shape_t shape(first.shape());
  for (std::size_t i = 1; i < arrays.size(); ++i) {
    for (int d = 0; d < n; ++d) {
      if (d == axis) continue;
      if (arrays[i].shape(d) != first.shape(d))
        throw value_error(
            "all the input array dimensions except for the concatenation axis must match exactly, but along "
            "dimension " +
            std::to_string(d) + ", the array at index 0 has size " + std::to_string(first.shape(d)) +
            " and the array at index " + std::to_string(i) + " has size " + std::to_string(arrays[i].shape(d)));
    }
    if (__builtin_add_overflow(shape[axis], arrays[i].shape(axis), &shape[axis]))
      throw value_error("concatenate: the joined axis " + std::to_string(axis) +
                        " would have more elements than int64 can count");
  }
  array<T> out(shape);
  const shape_t out_strides(out.strides());
  T* dst = out.data();
  for (const array<T>& a : arrays) {
    detail::copy_same_shape(dst, out_strides, a.data(), a.strides(), a.shape());
    dst += a.shape(axis) * out_strides[axis];
  }
  return out;
}
template <class T>
array<T> concatenate(std::initializer_list<array<T>> arrays, int axis = 0) {
  return concatenate(std::span<const array<T>>(arrays.begin(), arrays.size()), axis);
}
template <class T>
array<T> concatenate(const std::vector<array<T>>& arrays, int axis = 0) {
  return concatenate(std::span<const array<T>>(arrays), axis);
}
template <class T>
array<T> concatenate(std::span<const array<T>> arrays, none_t) {
  std::vector<array<T>> flat;
  flat.reserve(arrays.size());
  for (const array<T>& a : arrays) flat.push_back(a.ravel());
  return concatenate(std::span<const array<T>>(flat), 0);
}
template <class T>
array<T> concatenate(std::initializer_list<array<T>> arrays, none_t) {
  return concatenate(std::span<const array<T>>(arrays.begin(), arrays.size()), none);
}
template <class T>
array<T> concatenate(const std::vector<array<T>>& arrays, none_t) {
  return concatenate(std::span<const array<T>>(arrays), none);
}

// nd::stack({a, b, ...}, axis = 0): arrays of one shape joined along a new axis, which
// is axis `axis` of the result (in [-(ndim + 1), ndim]).
template <class T>
array<T> stack(std::span<const array<T>> arrays, int axis = 0) {
  if (arrays.empty()) throw value_error("need at least one array to stack");
  const int n = arrays[0].ndim();
  for (const array<T>& a : arrays) {
    if (a.ndim() != n || !std::equal(a.shape().begin(), a.shape().end(), arrays[0].shape().begin()))
      throw value_error("all input arrays must have the same shape");
  }
  axis = detail::normalize_axis_or_throw(axis, n + 1);
  std::vector<array<T>> expanded;
  expanded.reserve(arrays.size());
  for (const array<T>& a : arrays) {
    shape_t shape(a.shape()), strides(a.strides());
    shape.insert(axis, 1);
    strides.insert(axis, 0);
    expanded.push_back(detail::array_access::view(a, a.data(), shape, strides, true));
  }
  return concatenate(std::span<const array<T>>(expanded), axis);
}
template <class T>
array<T> stack(std::initializer_list<array<T>> arrays, int axis = 0) {
  return stack(std::span<const array<T>>(arrays.begin(), arrays.size()), axis);
}
template <class T>
array<T> stack(const std::vector<array<T>>& arrays, int axis = 0) {
  return stack(std::span<const array<T>>(arrays), axis);
}

}  // namespace nd
