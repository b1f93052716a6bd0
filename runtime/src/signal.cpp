// Kernels of nd/signal.hpp: np.interp's compiled_interp and np.convolve (NumPy's
// correlate of a with v reversed).
#include <cmath>
#include <cstdint>
#include <string>
#include <type_traits>

#include "nd/signal.hpp"

namespace nd::detail {

namespace {

// The largest j with xp[j] <= x, for xp[0] <= x <= xp[m - 1].
index_t bracket(double x, index_t m, const double* xp) {
  index_t lo = 0, hi = m - 1;
  while (hi - lo > 1) {
    const index_t mid = lo + (hi - lo) / 2;
    if (xp[mid] <= x) lo = mid;
    else hi = mid;
  }
  return xp[hi] <= x ? hi : lo;
}

// One value between xp[j] and xp[j + 1], NumPy's way: from the left end, and from the
// right end when that gives NaN (an infinite slope). Separate statements, so that no
// multiply-add is fused and the rounding is NumPy's.
double between(double x, const double* xp, const double* fp, index_t j) {
  const double dy = fp[j + 1] - fp[j];
  const double dx = xp[j + 1] - xp[j];
  const double slope = dy / dx;
  double t = x - xp[j];
  double r = slope * t;
  r = r + fp[j];
  if (std::isnan(r)) {
    t = x - xp[j + 1];
    r = slope * t;
    r = r + fp[j + 1];
    if (std::isnan(r) && fp[j] == fp[j + 1]) r = fp[j];
  }
  return r;
}

// a's element type multiplied and added as NumPy's dot loop does (integers wrap, bool
// is or-of-ands).
template <class T>
T multiply_add(T acc, T a, T b) {
  if constexpr (std::is_same_v<T, bool>) {
    return acc || (a && b);
  } else if constexpr (std::is_integral_v<T>) {
    using U = std::make_unsigned_t<T>;
    return static_cast<T>(static_cast<U>(static_cast<U>(acc) + static_cast<U>(static_cast<U>(a) * static_cast<U>(b))));
  } else {
    const T p = a * b;
    return acc + p;
  }
}

// out[i] = sum_j a[k - j] v[j] over the overlap, k = i + offset, for the output length.
template <class T>
void convolve_typed(index_t na, const T* a, index_t nv, const T* v, int mode, T* out) {
  const index_t len = mode == 0 ? na - nv + 1 : mode == 1 ? na : na + nv - 1;
  const index_t offset = mode == 0 ? nv - 1 : mode == 1 ? (nv - 1) / 2 : 0;
  for (index_t i = 0; i < len; ++i) {
    const index_t k = i + offset;
    const index_t j_lo = k - (na - 1) > 0 ? k - (na - 1) : 0, j_hi = k < nv - 1 ? k : nv - 1;
    T acc{};
    for (index_t j = j_lo; j <= j_hi; ++j) acc = multiply_add(acc, a[k - j], v[j]);
    out[i] = acc;
  }
}

}  // namespace

void run_interp(index_t n, const double* x, index_t m, const double* xp, const double* fp, double left, double right,
                double* out) {
  for (index_t i = 0; i < n; ++i) {
    const double xi = x[i];
    if (m == 1) {
      out[i] = xi < xp[0] ? left : xi > xp[0] ? right : fp[0];
      continue;
    }
    if (std::isnan(xi)) {
      out[i] = xi;
    } else if (xi > xp[m - 1]) {
      out[i] = right;
    } else if (xi < xp[0]) {
      out[i] = left;
    } else {
      const index_t j = bracket(xi, m, xp);
      out[i] = j == m - 1 || xp[j] == xi ? fp[j] : between(xi, xp, fp, j);
    }
  }
}

void run_convolve(dtype t, index_t na, const void* a, index_t nv, const void* v, int mode, void* out) {
  switch (t) {
    case dtype::bool_:
      return convolve_typed(na, static_cast<const bool*>(a), nv, static_cast<const bool*>(v), mode,
                            static_cast<bool*>(out));
    case dtype::int32:
      return convolve_typed(na, static_cast<const std::int32_t*>(a), nv, static_cast<const std::int32_t*>(v), mode,
                            static_cast<std::int32_t*>(out));
    case dtype::int64:
      return convolve_typed(na, static_cast<const std::int64_t*>(a), nv, static_cast<const std::int64_t*>(v), mode,
                            static_cast<std::int64_t*>(out));
    case dtype::float32:
      return convolve_typed(na, static_cast<const float*>(a), nv, static_cast<const float*>(v), mode,
                            static_cast<float*>(out));
    case dtype::float64:
      return convolve_typed(na, static_cast<const double*>(a), nv, static_cast<const double*>(v), mode,
                            static_cast<double*>(out));
  }
}

int parse_convolve_mode(std::string_view mode) {
  if (mode == "valid") return 0;
  if (mode == "same") return 1;
  if (mode == "full") return 2;
  throw value_error("mode must be one of 'valid', 'same', or 'full' (got '" + std::string(mode) + "')");
}

}  // namespace nd::detail
