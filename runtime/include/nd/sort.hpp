// Sorting, searching, counting: nd::sort, nd::argsort, nd::searchsorted, nd::unique,
// nd::unique_counts (NumPy's np.sort, np.argsort(kind="stable"), np.searchsorted,
// np.unique and NumPy 2's np.unique_counts).
//
// Order is NumPy's: ascending, NaN last; argsort is always stable. The engines are in
// runtime/src/sort_engine.cpp (rows sorted with Highway's vqsort, threads across rows)
// and runtime/src/sort_search.cpp; see docs/api/sorting.md.
#pragma once
// IWYU pragma: private, include <nd/nd.hpp>

#include <cstdint>
#include <span>
#include <string_view>
#include <type_traits>
#include <vector>

#include "nd/array.hpp"
#include "nd/promote.hpp"
#include "nd/scan.hpp"  // normalize_axis_index
#include "nd/shape.hpp"
#include "nd/ufunc.hpp"

namespace nd {

namespace detail {

// Sorts each of `rows` contiguous rows of n elements of `data` in place, NaN last and
// -0.0 before 0.0.
void run_sort_rows(dtype t, index_t rows, index_t n, void* data);
// Stable argsort of each of `rows` contiguous rows of n elements into out (int64).
void run_argsort_rows(dtype t, index_t rows, index_t n, const void* data, std::int64_t* out);
// out[i] = the insertion index of v[i] into the sorted, contiguous a[0, n): the first
// position whose element is not less than v[i] (left) or greater than it (right),
// NaN last. v and out are contiguous of length m.
void run_searchsorted(dtype t, index_t n, const void* a, index_t m, const void* v, bool right, std::int64_t* out);
// Compacts a sorted, contiguous run of n elements to its distinct values (all NaNs one,
// as NumPy 1.24's equal_nan), in place; returns their number and, when counts is not
// null, writes how many elements each stands for.
index_t run_unique_sorted(dtype t, index_t n, void* data, std::int64_t* counts);
// "left" -> false, "right" -> true; anything else is a value_error in NumPy's words.
bool parse_side(std::string_view side);

// A C-contiguous copy of `a` with `axis` moved last, and the permutation that moves it
// back (for an axis already last, perm is the identity).
template <class T>
array<T> copy_with_axis_last(const array<T>& a, int axis, std::vector<int>& back) {
  const int nd = a.ndim();
  std::vector<int> perm;
  for (int k = 0; k < nd; ++k)
    if (k != axis) perm.push_back(k);
  perm.push_back(axis);
  back.assign(static_cast<std::size_t>(nd), 0);
  for (int k = 0; k < nd; ++k) back[static_cast<std::size_t>(perm[static_cast<std::size_t>(k)])] = k;
  return transpose(a, perm).copy();
}

// Runs `rows_fn(rows, n, buffer)` over a C-contiguous copy of `a` whose rows are the
// lines along `axis`, then returns the result (of R) in a's axis order, C-contiguous.
template <class R, class T, class F>
array<R> along_axis(const array<T>& a, int axis, F&& rows_fn) {
  const int ax = normalize_axis_index(axis, a.ndim());
  std::vector<int> back;
  const array<T> lines = copy_with_axis_last(a, ax, back);
  const index_t n = a.shape(ax);
  const index_t rows = n == 0 ? 0 : lines.size() / n;
  array<R> r = rows_fn(lines, rows, n);
  if (ax == a.ndim() - 1) return r;
  return transpose(r, back).copy();
}

}  // namespace detail

// np.sort(a, axis): a sorted copy (C-contiguous), NaN last.
template <element T>
array<T> sort(const array<T>& a, int axis = -1) {
  return detail::along_axis<T>(a, axis, [](const array<T>& lines, index_t rows, index_t n) {
    array<T> r = lines;  // a fresh copy: sorted in place
    detail::run_sort_rows(dtype_of<T>(), rows, n, r.data());
    return r;
  });
}
// np.sort(a, axis=None): the flattened array, sorted.
template <element T>
array<T> sort(const array<T>& a, none_t) {
  return sort(a.ravel(), 0);
}

// np.argsort(a, axis, kind="stable"): int64 indices that sort `a` along axis; equal
// elements keep their order.
template <element T>
array<std::int64_t> argsort(const array<T>& a, int axis = -1) {
  if (a.ndim() == 0) return argsort(a.reshape(shape_t{1}), axis);  // NumPy's argsort of 0-d is [0]
  return detail::along_axis<std::int64_t>(a, axis, [](const array<T>& lines, index_t rows, index_t n) {
    array<std::int64_t> r{shape_t(lines.shape())};
    detail::run_argsort_rows(dtype_of<T>(), rows, n, lines.data(), r.data());
    return r;
  });
}
template <element T>
array<std::int64_t> argsort(const array<T>& a, none_t) {
  return argsort(a.ravel(), 0);
}

namespace detail {
// The type searchsorted compares in: the promotion of both dtypes, a scalar taken at
// its own precision (NumPy converts v with np.asarray, not as a weak scalar: a
// float32 array searched for 0.1 compares in float64).
template <class T, class V>
struct search_type {
  using type = typename promote_elements<T, scalar_default_t<V>>::type;
};
template <class T, class U>
struct search_type<T, array<U>> {
  using type = typename promote_elements<T, U>::type;
};
}  // namespace detail

// np.searchsorted(sorted, v, side): where v's elements would be inserted into the
// 1-d, ascending `sorted` to keep it sorted ("left": before equal elements, "right":
// after them), compared in the promotion of both types. An array v gives an int64
// array of its shape, a scalar v an int64.
template <element T, ufunc_operand V>
auto searchsorted(const array<T>& sorted, const V& v, std::string_view side = "left") {
  using C = typename detail::search_type<T, std::remove_cvref_t<V>>::type;
  const bool right = detail::parse_side(side);
  if (sorted.ndim() != 1)
    throw value_error("object too deep for desired array: searchsorted needs a 1-d sorted array, found " +
                      std::to_string(sorted.ndim()) + "-d");
  const array<C> a = sorted.template astype<C>();
  if constexpr (any_array<V>) {
    const array<C> values = v.template astype<C>();
    array<std::int64_t> out{shape_t(v.shape())};
    detail::run_searchsorted(dtype_of<C>(), a.size(), a.data(), values.size(), values.data(), right, out.data());
    return out;
  } else {
    const C value = static_cast<C>(v);
    std::int64_t out = 0;
    detail::run_searchsorted(dtype_of<C>(), a.size(), a.data(), 1, &value, right, &out);
    return out;
  }
}

// np.unique(a): the sorted distinct values of the flattened array (all NaNs count as
// one, NumPy 1.24's equal_nan=True).
template <element T>
array<T> unique(const array<T>& a) {
  array<T> s = sort(a, none);
  const index_t n = detail::run_unique_sorted(dtype_of<T>(), s.size(), s.data(), nullptr);
  return s(slice(0, n)).copy();
}

// What nd::unique_counts returns: auto [values, counts] = nd::unique_counts(a).
template <element T>
struct unique_counts_result {
  array<T> values;
  array<std::int64_t> counts;
};

// np.unique(a, return_counts=True) (NumPy 2's np.unique_counts).
template <element T>
unique_counts_result<T> unique_counts(const array<T>& a) {
  array<T> s = sort(a, none);
  array<std::int64_t> counts{shape_t{s.size()}};
  const index_t n = detail::run_unique_sorted(dtype_of<T>(), s.size(), s.data(), counts.data());
  return {s(slice(0, n)).copy(), counts(slice(0, n)).copy()};
}

}  // namespace nd
