// np.histogram's equal bins, computed as NumPy 1.24 does (numpy/lib/histograms.py):
// the outer edges (a's min and max, or the range; widened by 0.5 each way when equal),
// the edges by linspace, then per element the bin (x - first) / (last - first) * n,
// truncated, and corrected by one against the edges. The types are NumPy's (under
// NEP 50): F, the type of the outer edges, is float32 for float32 input with an
// autodetected range, else float64; E, the edges' type, float32 for float32 input.
#include <cmath>
#include <cstdint>
#include <sstream>
#include <string>
#include <type_traits>

#include "nd/histogram.hpp"

namespace nd::detail {

namespace {

std::string range_text(double lo, double hi) {
  std::ostringstream s;
  s << "[" << lo << ", " << hi << "]";
  return s.str();
}

// np.linspace(first, last, bins + 1) computed in F, stored as E.
template <class F, class E>
void equal_edges(F first, F last, index_t bins, E* edges) {
  const F delta = static_cast<F>(last - first);
  const F step = static_cast<F>(delta / static_cast<F>(bins));
  for (index_t i = 0; i <= bins; ++i) {
    F y;
    if (step == F(0)) {
      y = static_cast<F>(static_cast<F>(static_cast<F>(i) / static_cast<F>(bins)) * delta);
    } else {
      y = static_cast<F>(static_cast<F>(i) * step);
    }
    y = static_cast<F>(y + first);
    edges[i] = static_cast<E>(y);
  }
  edges[bins] = static_cast<E>(last);
}

// Counts of the elements of a within [first, last] (compared as NumPy compares an
// array of T with the edges), placed by NumPy's formula.
template <class T, class F, class E, class Dn>
void equal_counts(index_t n, const T* a, F first, F last, Dn denom, index_t bins, const E* edges,
                  std::int64_t* counts) {
  using K = std::conditional_t<std::is_same_v<T, float> && std::is_same_v<F, float>, float,
                               std::conditional_t<std::is_integral_v<T> && std::is_integral_v<F>, T, double>>;
  for (index_t b = 0; b < bins; ++b) counts[b] = 0;
  for (index_t i = 0; i < n; ++i) {
    const K x = static_cast<K>(a[i]);
    if (!(x >= static_cast<K>(first) && x <= static_cast<K>(last))) continue;
    const E t = static_cast<E>(a[i]);
    const E sub = static_cast<E>(t - static_cast<E>(first));
    using D = std::conditional_t<std::is_same_v<E, float> && std::is_same_v<Dn, float>, float, double>;
    const D f = static_cast<D>(static_cast<D>(static_cast<D>(sub) / static_cast<D>(denom)) * static_cast<D>(bins));
    index_t k = static_cast<index_t>(f);
    if (k == bins) --k;
    if (t < edges[k]) --k;
    if (k != bins - 1 && t >= edges[k + 1]) ++k;
    ++counts[k];
  }
}

// The outer edges in F (T itself for integers, widened into double when equal).
template <class T, class E>
void histogram_typed(index_t n, const T* a, index_t bins, const double* range, E* edges, std::int64_t* counts) {
  if (range) {
    const double lo = range[0], hi = range[1];
    if (lo > hi) throw value_error("max must be larger than min in range parameter.");
    if (!std::isfinite(lo) || !std::isfinite(hi))
      throw value_error("supplied range of " + range_text(lo, hi) + " is not finite");
    const double first = lo == hi ? lo - 0.5 : lo, last = lo == hi ? hi + 0.5 : hi;
    equal_edges<double, E>(first, last, bins, edges);
    equal_counts(n, a, first, last, last - first, bins, edges, counts);
    return;
  }
  if (n == 0) {
    equal_edges<double, E>(0.0, 1.0, bins, edges);
    for (index_t b = 0; b < bins; ++b) counts[b] = 0;
    return;
  }
  T lo = a[0], hi = a[0];
  for (index_t i = 0; i < n; ++i) {
    if constexpr (std::is_floating_point_v<T>) {
      if (std::isnan(a[i])) {
        lo = hi = a[i];
        break;
      }
    }
    lo = a[i] < lo ? a[i] : lo;
    hi = a[i] > hi ? a[i] : hi;
  }
  if constexpr (std::is_floating_point_v<T>) {
    if (!std::isfinite(lo) || !std::isfinite(hi))
      throw value_error("autodetected range of " + range_text(lo, hi) + " is not finite");
  }
  if (lo == hi) {
    // first - 0.5: float32 stays float32 (a weak Python float), integers become float64.
    using W = std::conditional_t<std::is_same_v<T, float>, float, double>;
    const W first = static_cast<W>(static_cast<W>(lo) - W(0.5)), last = static_cast<W>(static_cast<W>(hi) + W(0.5));
    equal_edges<W, E>(first, last, bins, edges);
    equal_counts(n, a, first, last, static_cast<W>(last - first), bins, edges, counts);
    return;
  }
  if constexpr (std::is_floating_point_v<T>) {
    equal_edges<T, E>(lo, hi, bins, edges);
    equal_counts(n, a, lo, hi, static_cast<T>(hi - lo), bins, edges, counts);
  } else {
    // NumPy's _unsigned_subtract: the difference of integers, exact, then float64.
    using U = std::make_unsigned_t<T>;
    const double denom = static_cast<double>(static_cast<U>(static_cast<U>(hi) - static_cast<U>(lo)));
    equal_edges<double, E>(static_cast<double>(lo), static_cast<double>(hi), bins, edges);
    equal_counts(n, a, lo, hi, denom, bins, edges, counts);
  }
}

}  // namespace

void run_histogram_equal(dtype t, index_t n, const void* a, index_t bins, const double* range, void* edges,
                         std::int64_t* counts) {
  switch (t) {
    case dtype::int32:
      return histogram_typed(n, static_cast<const std::int32_t*>(a), bins, range, static_cast<double*>(edges), counts);
    case dtype::int64:
      return histogram_typed(n, static_cast<const std::int64_t*>(a), bins, range, static_cast<double*>(edges), counts);
    case dtype::float32:
      return histogram_typed(n, static_cast<const float*>(a), bins, range, static_cast<float*>(edges), counts);
    case dtype::float64:
      return histogram_typed(n, static_cast<const double*>(a), bins, range, static_cast<double*>(edges), counts);
    case dtype::bool_: break;
  }
  throw type_error("histogram of a bool array");
}

}  // namespace nd::detail
