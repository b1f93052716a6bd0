// Shape operations that copy, as NumPy's do: nd::roll, tile, repeat, hstack, vstack,
// column_stack and meshgrid (nd::pad is in nd/pad.hpp). Each returns a new
// C-contiguous array; strided, reversed and broadcast inputs are read as they are.
#pragma once
// IWYU pragma: private, include <nd/nd.hpp>

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "nd/broadcast.hpp"
#include "nd/shape.hpp"
#include "nd/shape_views.hpp"

namespace nd {

namespace detail {
// Copies `src` into the slab of `dst` along `axis` starting at `at` (dst is
// C-contiguous and src has dst's shape except along `axis`).
template <class T>
void copy_slab(array<T>& dst, const array<T>& src, int axis, index_t at) {
  const shape_t strides(dst.strides());
  T* base = dst.data() + (src.size() > 0 ? at * strides[axis] : 0);
  copy_same_shape(base, strides, std::as_const(src).data(), src.strides(), src.shape());
}

// A view of `a` restricted to [start, start + len) along `axis`.
template <class T>
array<T> axis_range(const array<T>& a, int axis, index_t start, index_t len) {
  shape_t shape(a.shape());
  shape[axis] = len;
  const T* data = a.data() + (len > 0 ? start * a.strides(axis) : 0);
  return view_of(a, data, shape, shape_t(a.strides()));
}
}  // namespace detail

// nd::roll(a, shift, axis): the elements moved `shift` places along `axis` (negative:
// backwards), those pushed off the end coming back at the start. Without an axis the
// flattened array is rolled and the shape kept.
template <class T>
array<T> roll(const array<T>& a, index_t shift, int axis) {
  const int k = detail::normalize_axis_index(axis, a.ndim());
  array<T> out{shape_t(a.shape())};
  const index_t n = a.shape(k);
  if (out.size() == 0) return out;
  const index_t s = ((shift % n) + n) % n;
  detail::copy_slab(out, detail::axis_range(a, k, n - s, s), k, 0);
  detail::copy_slab(out, detail::axis_range(a, k, 0, n - s), k, s);
  return out;
}
template <class T>
array<T> roll(const array<T>& a, index_t shift) {
  const array<T> flat = a.ravel();
  return roll(flat, shift, 0).reshape(shape_t(a.shape()));
}

// nd::tile(a, reps): a repeated reps[k] times along axis k. With fewer reps than axes,
// the leading reps are 1; with more, a gets leading axes of length 1 (NumPy's rule).
template <class T>
array<T> tile(const array<T>& a, const shape_t& reps) {
  for (index_t r : reps)
    if (r < 0) throw value_error("negative dimensions are not allowed");
  const int n = std::max(a.ndim(), reps.size());
  shape_t shape(a.shape()), strides(a.strides()), r(reps);
  while (shape.size() < n) {
    shape.insert(0, 1);
    strides.insert(0, 0);
  }
  while (r.size() < n) r.insert(0, 1);
  array<T> cur = detail::view_of(a, a.data(), shape, strides);
  // One axis at a time: the copy of the previous step, repeated along this axis.
  bool copied = false;
  for (int k = 0; k < n; ++k) {
    if (r[k] == 1 && (copied || k != n - 1)) continue;
    copied = true;
    shape_t next(cur.shape());
    if (__builtin_mul_overflow(next[k], r[k], &next[k])) throw value_error("tile: the result is too large");
    array<T> out(next);
    for (index_t i = 0; i < r[k]; ++i) detail::copy_slab(out, cur, k, i * cur.shape(k));
    cur = out;
  }
  return copied ? cur : cur.copy();
}
template <class T>
array<T> tile(const array<T>& a, index_t reps) {
  return tile(a, shape_t{reps});
}
template <class T>
array<T> tile(const array<T>& a, std::initializer_list<index_t> reps) {
  return tile(a, shape_t(std::span<const index_t>(reps.begin(), reps.size())));
}

// nd::repeat(a, n, axis): each element repeated n times along `axis` (or, without an
// axis, in the flattened array). n may be an integer array with one count per element
// of the axis (or a single count); counts must be non-negative.
template <class T, class C>
  requires std::integral<C>
array<T> repeat(const array<T>& a, std::span<const C> counts, int axis) {
  const int k = detail::normalize_axis_index(axis, a.ndim());
  const index_t n = a.shape(k);
  const bool one = counts.size() == 1;
  if (!one && static_cast<index_t>(counts.size()) != n)
    throw shape_error("operands could not be broadcast together with shape (" + std::to_string(n) + ",) (" +
                      std::to_string(counts.size()) + ",)");
  index_t total = 0;
  for (index_t i = 0; i < n; ++i) {
    const index_t c = static_cast<index_t>(counts[one ? 0 : i]);
    if (c < 0)
      throw value_error(one ? "negative dimensions are not allowed" : "repeats may not contain negative values.");
    total += c;
  }
  if (one && n == 0 && counts[0] < 0) throw value_error("repeats may not contain negative values.");
  shape_t shape(a.shape());
  shape[k] = total;
  array<T> out(shape);
  index_t at = 0;
  for (index_t i = 0; i < n; ++i) {
    const array<T> one_slab = detail::axis_range(a, k, i, 1);
    for (index_t c = static_cast<index_t>(counts[one ? 0 : i]); c > 0; --c) detail::copy_slab(out, one_slab, k, at++);
  }
  return out;
}
template <class T>
array<T> repeat(const array<T>& a, index_t n, int axis) {
  return repeat(a, std::span<const index_t>(&n, 1), axis);
}
template <class T, class C>
  requires std::integral<C>
array<T> repeat(const array<T>& a, const array<C>& counts, int axis) {
  if (counts.ndim() > 1) throw value_error("object too deep for desired array");
  const std::vector<C> c = counts.to_vector();
  return repeat(a, std::span<const C>(c), axis);
}
template <class T>
array<T> repeat(const array<T>& a, index_t n) {
  return repeat(a.ravel(), n, 0);
}
template <class T, class C>
  requires std::integral<C>
array<T> repeat(const array<T>& a, const array<C>& counts) {
  return repeat(a.ravel(), counts, 0);
}

namespace detail {
template <class T>
array<T> at_least_2d(const array<T>& a) {
  if (a.ndim() >= 2) return a;
  return a.reshape(a.ndim() == 0 ? shape_t{1, 1} : shape_t{1, a.shape(0)});
}
template <class T>
std::vector<array<T>> map_arrays(std::span<const array<T>> arrays, array<T> (*f)(const array<T>&)) {
  std::vector<array<T>> out;
  out.reserve(arrays.size());
  for (const array<T>& a : arrays) out.push_back(f(a));
  return out;
}
template <class T>
array<T> at_least_1d(const array<T>& a) {
  return a.ndim() == 0 ? a.reshape(shape_t{1}) : a;
}
template <class T>
array<T> as_column(const array<T>& a) {
  return a.ndim() >= 2 ? a : at_least_2d(a).T();
}
}  // namespace detail

// nd::hstack({a, b, ...}): joined along axis 1 (axis 0 for 1-d arrays); nd::vstack
// along axis 0 after making 1-d arrays rows; nd::column_stack along axis 1 after making
// 1-d arrays columns. 0-d arrays count as 1-d of one element.
template <class T>
array<T> hstack(std::span<const array<T>> arrays) {
  auto a = detail::map_arrays(arrays, &detail::at_least_1d<T>);
  return concatenate(std::span<const array<T>>(a), !a.empty() && a[0].ndim() == 1 ? 0 : 1);
}
template <class T>
array<T> vstack(std::span<const array<T>> arrays) {
  auto a = detail::map_arrays(arrays, &detail::at_least_2d<T>);
  return concatenate(std::span<const array<T>>(a), 0);
}
template <class T>
array<T> column_stack(std::span<const array<T>> arrays) {
  auto a = detail::map_arrays(arrays, &detail::as_column<T>);
  return concatenate(std::span<const array<T>>(a), 1);
}
#define ND_STACK_FORMS(name)                                               \
  template <class T>                                                       \
  array<T> name(std::initializer_list<array<T>> arrays) {                  \
    return name(std::span<const array<T>>(arrays.begin(), arrays.size())); \
  }                                                                        \
  template <class T>                                                       \
  array<T> name(const std::vector<array<T>>& arrays) {                     \
    return name(std::span<const array<T>>(arrays));                        \
  }
ND_STACK_FORMS(hstack)
ND_STACK_FORMS(vstack)
ND_STACK_FORMS(column_stack)
#undef ND_STACK_FORMS

// nd::meshgrid({x, y, ...}, indexing = "xy"): coordinate arrays, one per input
// (flattened), each of the shape (len(y), len(x), len(z), ...) for "xy" or
// (len(x), len(y), ...) for "ij". Copies, as NumPy's default (copy=True).
template <class T>
std::vector<array<T>> meshgrid(std::span<const array<T>> xs, std::string_view indexing = "xy") {
  if (indexing != "xy" && indexing != "ij") throw value_error("Valid values for `indexing` are 'xy' and 'ij'.");
  const int n = static_cast<int>(xs.size());
  const bool swap = indexing == "xy" && n >= 2;
  shape_t shape;
  for (int k = 0; k < n; ++k) shape.push_back(xs[k].size());
  if (swap) std::swap(shape[0], shape[1]);
  std::vector<array<T>> out;
  for (int k = 0; k < n; ++k) {
    const array<T> flat = xs[k].ravel();
    shape_t strides;
    strides.resize(n, 0);
    strides[swap && k < 2 ? 1 - k : k] = flat.strides(0);
    out.push_back(detail::view_of(flat, std::as_const(flat).data(), shape, strides).copy());
  }
  return out;
}
template <class T>
std::vector<array<T>> meshgrid(std::initializer_list<array<T>> xs, std::string_view indexing = "xy") {
  return meshgrid(std::span<const array<T>>(xs.begin(), xs.size()), indexing);
}
template <class T>
std::vector<array<T>> meshgrid(const std::vector<array<T>>& xs, std::string_view indexing = "xy") {
  return meshgrid(std::span<const array<T>>(xs), indexing);
}
// The variadic form: nd::meshgrid(x, y), nd::meshgrid(x, y, "ij").
template <class T, class... More>
  requires((std::same_as<More, array<T>> || std::is_convertible_v<const More&, std::string_view>) && ...)
std::vector<array<T>> meshgrid(const array<T>& x, const More&... more) {
  std::vector<array<T>> xs{x};
  std::string_view indexing = "xy";
  (
      [&](const auto& m) {
        if constexpr (is_array_v<decltype(m)>) xs.push_back(m);
        else indexing = m;
      }(more),
      ...);
  return meshgrid(std::span<const array<T>>(xs), indexing);
}

}  // namespace nd
