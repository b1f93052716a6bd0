// Where an array is nonzero: nd::nonzero, nd::flatnonzero, nd::argwhere (NumPy's
// np.nonzero, np.flatnonzero, np.argwhere). Elements are visited in C order; NaN is
// nonzero and -0.0 is zero, as `x != 0` says. See docs/api/sorting.md.
#pragma once
// IWYU pragma: private, include <nd/nd.hpp>

#include <cstdint>
#include <vector>

#include "nd/array.hpp"
#include "nd/shape.hpp"

namespace nd {

namespace detail {

// Calls f(flat index, multi-index) for every nonzero element of `a`, in C order.
template <class T, class F>
void for_each_nonzero(const array<T>& a, F&& f) {
  const int n = a.ndim();
  if (a.size() == 0) return;
  index_t counter[max_dims] = {};
  const T* p = a.data();
  for (index_t flat = 0, total = a.size(); flat < total; ++flat) {
    if (*p != T(0)) f(flat, static_cast<const index_t*>(counter));
    for (int k = n - 1; k >= 0; --k) {
      p += a.strides(k);
      if (++counter[k] < a.shape(k)) break;
      p -= a.strides(k) * a.shape(k);
      counter[k] = 0;
    }
  }
}

template <class T>
index_t count_nonzero_elements(const array<T>& a) {
  index_t count = 0;
  for_each_nonzero(a, [&](index_t, const index_t*) { ++count; });
  return count;
}

// NumPy 2's error (1.24 deprecates treating a 0-d array as 1-d here).
[[noreturn]] inline void throw_nonzero_0d() {
  throw value_error("Calling nonzero on 0d arrays is not allowed. Use nd::nonzero(a.reshape({1})) instead.");
}

}  // namespace detail

// np.nonzero(a): one int64 index array per axis, the indices of the nonzero elements.
template <element T>
std::vector<array<std::int64_t>> nonzero(const array<T>& a) {
  if (a.ndim() == 0) detail::throw_nonzero_0d();
  const index_t count = detail::count_nonzero_elements(a);
  std::vector<array<std::int64_t>> out;
  for (int k = 0; k < a.ndim(); ++k) out.emplace_back(shape_t{count});
  index_t w = 0;
  detail::for_each_nonzero(a, [&](index_t, const index_t* idx) {
    for (int k = 0; k < a.ndim(); ++k) out[static_cast<std::size_t>(k)].data()[w] = idx[k];
    ++w;
  });
  return out;
}

// np.flatnonzero(a): the indices of the nonzero elements of a.ravel().
template <element T>
array<std::int64_t> flatnonzero(const array<T>& a) {
  array<std::int64_t> out{shape_t{detail::count_nonzero_elements(a)}};
  index_t w = 0;
  detail::for_each_nonzero(a, [&](index_t flat, const index_t*) { out.data()[w++] = flat; });
  return out;
}

// np.argwhere(a): an (N, a.ndim()) int64 array, one row per nonzero element. A 0-d
// array gives shape (1, 0) or (0, 0), as NumPy's.
template <element T>
array<std::int64_t> argwhere(const array<T>& a) {
  const index_t count = detail::count_nonzero_elements(a);
  array<std::int64_t> out{shape_t{count, a.ndim()}};
  std::int64_t* p = out.data();
  detail::for_each_nonzero(a, [&](index_t, const index_t* idx) {
    for (int k = 0; k < a.ndim(); ++k) *p++ = idx[k];
  });
  return out;
}

}  // namespace nd
