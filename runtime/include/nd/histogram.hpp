// nd::histogram (NumPy's np.histogram without weights or density). See
// docs/api/sorting.md.
//
//   auto [counts, edges] = nd::histogram(a, 10);                // 10 equal bins over [min, max]
//   auto [counts, edges] = nd::histogram(a, 10, {0.0, 1.0});    // over a given range
//   auto [counts, edges] = nd::histogram(a, edges_array);       // bins given by their edges
//
// Every bin is half-open [e_i, e_i+1) except the last, which is closed, as NumPy's.
// Equal bins follow NumPy's arithmetic exactly (runtime/src/histogram.cpp): the edges
// are its linspace, an element's bin is computed from (x - first) / (last - first) * n
// and corrected against the edges, in the types NumPy computes in.
#pragma once
// IWYU pragma: private, include <nd/nd.hpp>

#include <concepts>
#include <cstdint>
#include <type_traits>
#include <utility>

#include "nd/array.hpp"
#include "nd/promote.hpp"
#include "nd/sort.hpp"

namespace nd {

// What nd::histogram returns: auto [counts, edges] = nd::histogram(a, bins).
template <element E>
struct histogram_result {
  array<std::int64_t> counts;
  array<E> edges;
};

namespace detail {

// Equal bins of the flattened, contiguous a[0, n) (type t): edges (n_bins + 1 of the
// edge type, float for float32 input, else double) and counts. `range` null:
// autodetected from a's min and max.
void run_histogram_equal(dtype t, index_t n, const void* a, index_t bins, const double* range, void* edges,
                         std::int64_t* counts);

template <class T>
histogram_result<float_result_t<T>> histogram_equal(const array<T>& a, index_t bins, const double* range) {
  if (bins < 1) throw value_error("`bins` must be positive, when an integer");
  if constexpr (std::is_same_v<T, bool>) {
    return histogram_equal(a.template astype<std::int32_t>(), bins, range);  // as 0 and 1
  }
  const array<T> flat = a.copy();
  histogram_result<float_result_t<T>> r{array<std::int64_t>(shape_t{bins}),
                                        array<float_result_t<T>>(shape_t{bins + 1})};
  run_histogram_equal(dtype_of<T>(), flat.size(), flat.data(), bins, range, r.edges.data(), r.counts.data());
  return r;
}

}  // namespace detail

// np.histogram(a, bins): `bins` equal bins between a's min and max (0 and 1 for an
// empty a; a non-finite min or max is a value_error). Edges are float32 for float32
// input, else float64.
template <element T, std::integral I>
  requires(!std::same_as<I, bool>)
histogram_result<float_result_t<T>> histogram(const array<T>& a, I bins) {
  return detail::histogram_equal(a, static_cast<index_t>(bins), nullptr);
}

// np.histogram(a, bins, range=(lo, hi)): elements outside [lo, hi] are not counted.
template <element T, std::integral I>
  requires(!std::same_as<I, bool>)
histogram_result<float_result_t<T>> histogram(const array<T>& a, I bins, std::pair<double, double> range) {
  const double r[2] = {range.first, range.second};
  return detail::histogram_equal(a, static_cast<index_t>(bins), r);
}

// np.histogram(a, edges): bins between given, non-decreasing edges (a value_error
// otherwise), compared in the promotion of both types; the edges are returned as given.
template <element T, element B>
histogram_result<B> histogram(const array<T>& a, const array<B>& edges) {
  if (edges.ndim() != 1) throw value_error("`bins` must be 1d, when an array");
  using C = promote_t<T, B>;
  const array<C> e = edges.template astype<C>();
  for (index_t i = 1; i < e.size(); ++i)
    if (e(i - 1) > e(i)) throw value_error("`bins` must increase monotonically, when an array");
  const index_t nb = e.size() > 0 ? e.size() - 1 : 0;
  histogram_result<B> r{array<std::int64_t>(shape_t{nb}), edges.copy()};
  if (nb == 0) return r;
  // NumPy's searchsorted of the edges into the sorted data: left for all but the last.
  const array<C> s = sort(a.template astype<C>(), none);
  array<std::int64_t> cum(shape_t{e.size()});
  detail::run_searchsorted(dtype_of<C>(), s.size(), s.data(), e.size() - 1, e.data(), false, cum.data());
  detail::run_searchsorted(dtype_of<C>(), s.size(), s.data(), 1, e.data() + nb, true, cum.data() + nb);
  for (index_t i = 0; i < nb; ++i) r.counts.data()[i] = cum.data()[i + 1] - cum.data()[i];
  return r;
}

}  // namespace nd
