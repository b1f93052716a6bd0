// Row kernels of nd/statistics.hpp and nd/nan_reduce.hpp: median and quantiles of
// contiguous rows (selection with std::nth_element, NumPy's arithmetic), NaN
// replacement.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>

#include "nd/nan_reduce.hpp"
#include "nd/statistics.hpp"

namespace nd::detail {

namespace {

template <class T>
bool has_nan(const T* p, index_t n) {
  if constexpr (std::is_floating_point_v<T>) {
    for (index_t i = 0; i < n; ++i)
      if (std::isnan(p[i])) return true;
  }
  return false;
}

// b - a in T: integers wrap, as NumPy's subtract (computed unsigned to avoid UB).
template <class T>
T wrapping_difference(T b, T a) {
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
    using U = std::make_unsigned_t<T>;
    return static_cast<T>(static_cast<U>(static_cast<U>(b) - static_cast<U>(a)));
  } else {
    return static_cast<T>(b - a);
  }
}

// NumPy's median of one row: the mean, in R, of the middle one or two elements.
template <class T, class R>
R median_row(T* p, index_t n) {
  // NumPy's mean of nothing is 0 / 0, the default NaN of x86 (sign bit set); a row
  // with NaN gives that NaN element itself.
  if (n == 0) return -std::numeric_limits<R>::quiet_NaN();
  if constexpr (std::is_floating_point_v<T>) {
    for (index_t i = 0; i < n; ++i)
      if (std::isnan(p[i])) return static_cast<R>(p[i]);
  }
  const index_t h = n / 2;
  std::nth_element(p, p + h, p + n);
  if (n % 2 == 1) return static_cast<R>(p[h]);
  const T lo = *std::max_element(p, p + h);
  // np.mean of the two: their sum in R, divided by 2.
  return static_cast<R>((static_cast<R>(lo) + static_cast<R>(p[h])) / R(2));
}

template <class T>
void median_rows(index_t rows, index_t n, T* data, void* out) {
  using R = float_result_t<T>;
  R* o = static_cast<R*>(out);
  for (index_t r = 0; r < rows; ++r) o[r] = median_row<T, R>(data + r * n, n);
}

// The k-th smallest of the row (std::nth_element, as NumPy's partition).
template <class T>
T kth(T* p, index_t n, index_t k) {
  std::nth_element(p, p + k, p + n);
  return p[k];
}

// NumPy 1.24's _quantile with the linear method for one q: virtual index (n - 1) q,
// neighbours floor and floor + 1 (clamped), then _lerp in float64 from b - a taken in
// the input type.
template <class T>
double quantile_row(T* p, index_t n, double q) {
  const double vi = static_cast<double>(n - 1) * q;
  double prev_d = std::floor(vi);
  index_t prev = static_cast<index_t>(prev_d), next = prev + 1;
  if (vi >= static_cast<double>(n - 1)) prev = next = n - 1;
  if (vi < 0) prev = next = 0;
  const double gamma = vi - prev_d;
  const T a = kth(p, n, prev);
  const T b = next == prev ? a : kth(p, n, next);
  const double diff = static_cast<double>(wrapping_difference(b, a));
  if (gamma >= 0.5) return static_cast<double>(b) - diff * (1 - gamma);
  return static_cast<double>(a) + diff * gamma;
}

template <class T>
void quantile_rows(index_t rows, index_t n, T* data, index_t nq, const double* q, double* out) {
  // NumPy takes element -1 of the partitioned rows, which fails for empty rows.
  if (n == 0 && nq > 0)
    throw index_error(rows > 0 ? "cannot do a non-empty take from an empty axes."
                               : "index -1 is out of bounds for axis 0 with size 0");
  for (index_t r = 0; r < rows; ++r) {
    T* p = data + r * n;
    const bool nan = has_nan(p, n);
    for (index_t k = 0; k < nq; ++k)
      out[k * rows + r] = nan ? std::numeric_limits<double>::quiet_NaN() : quantile_row(p, n, q[k]);
  }
}

template <class T>
void replace_nan(index_t n, T* p, double value, bool* is_nan) {
  for (index_t i = 0; i < n; ++i) {
    const bool nan = std::isnan(p[i]);
    if (nan) p[i] = static_cast<T>(value);
    if (is_nan) is_nan[i] = nan;
  }
}

}  // namespace

void run_median_rows(dtype t, index_t rows, index_t n, void* data, void* out) {
  switch (t) {
    case dtype::bool_: return median_rows(rows, n, static_cast<bool*>(data), out);
    case dtype::int32: return median_rows(rows, n, static_cast<std::int32_t*>(data), out);
    case dtype::int64: return median_rows(rows, n, static_cast<std::int64_t*>(data), out);
    case dtype::float32: return median_rows(rows, n, static_cast<float*>(data), out);
    case dtype::float64: return median_rows(rows, n, static_cast<double*>(data), out);
  }
}

void run_quantile_rows(dtype t, index_t rows, index_t n, void* data, index_t nq, const double* q, double* out) {
  switch (t) {
    case dtype::bool_: throw type_error("numpy boolean subtract is not supported");
    case dtype::int32: return quantile_rows(rows, n, static_cast<std::int32_t*>(data), nq, q, out);
    case dtype::int64: return quantile_rows(rows, n, static_cast<std::int64_t*>(data), nq, q, out);
    case dtype::float32: return quantile_rows(rows, n, static_cast<float*>(data), nq, q, out);
    case dtype::float64: return quantile_rows(rows, n, static_cast<double*>(data), nq, q, out);
  }
}

void check_quantiles(const double* q, index_t nq, double scale) {
  for (index_t i = 0; i < nq; ++i)
    if (!(q[i] >= 0.0 && q[i] <= 1.0))
      throw value_error(scale == 1.0 ? "Quantiles must be in the range [0, 1]"
                                     : "Percentiles must be in the range [0, 100]");
}

void run_replace_nan(dtype t, index_t n, void* data, double value, bool* is_nan) {
  if (t == dtype::float32) return replace_nan(n, static_cast<float*>(data), value, is_nan);
  if (t == dtype::float64) return replace_nan(n, static_cast<double*>(data), value, is_nan);
  if (is_nan) std::fill(is_nan, is_nan + n, false);
}

}  // namespace nd::detail
