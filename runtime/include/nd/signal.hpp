// nd::interp and nd::convolve (NumPy's np.interp and np.convolve). See
// docs/api/sorting.md.
#pragma once
// IWYU pragma: private, include <nd/nd.hpp>

#include <cstdint>
#include <optional>
#include <string_view>
#include <type_traits>

#include "nd/array.hpp"
#include "nd/promote.hpp"

namespace nd {

namespace detail {

// Piecewise-linear interpolation of the contiguous x[0, n) at the increasing sample
// points xp[0, m) with values fp (all float64), NumPy's compiled_interp arithmetic.
void run_interp(index_t n, const double* x, index_t m, const double* xp, const double* fp, double left, double right,
                double* out);
// The discrete convolution of contiguous a[0, na) and v[0, nv) (na >= nv >= 1), type
// t, into out; `mode` 0 valid, 1 same, 2 full (NumPy's correlate of a with v reversed).
void run_convolve(dtype t, index_t na, const void* a, index_t nv, const void* v, int mode, void* out);
// "valid" -> 0, "same" -> 1, "full" -> 2; anything else is a value_error.
int parse_convolve_mode(std::string_view mode);

template <class X>
array<double> interp_new(const array<X>& x, const array<double>& xp, const array<double>& fp,
                         std::optional<double> left, std::optional<double> right) {
  if (xp.ndim() != 1 || fp.ndim() != 1) throw value_error("object too deep for desired array: xp and fp must be 1-d");
  if (xp.size() == 0) throw value_error("array of sample points is empty");
  if (xp.size() != fp.size()) throw value_error("fp and xp are not of the same length.");
  const array<double> xs = x.template astype<double>();
  array<double> out(shape_t(x.shape()));
  run_interp(xs.size(), xs.data(), xp.size(), xp.data(), fp.data(), left ? *left : fp(0),
             right ? *right : fp(fp.size() - 1), out.data());
  return out;
}

}  // namespace detail

// np.interp(x, xp, fp[, left, right]): float64 values at x of the piecewise-linear
// function through (xp, fp), xp increasing (not checked, as NumPy); left and right
// (default fp[0] and fp[-1]) outside [xp[0], xp[-1]]. A NaN x gives NaN.
template <element X, element P, element F>
array<double> interp(const array<X>& x, const array<P>& xp, const array<F>& fp, std::optional<double> left = {},
                     std::optional<double> right = {}) {
  return detail::interp_new(x, xp.template astype<double>(), fp.template astype<double>(), left, right);
}
// A scalar x gives a scalar.
template <class X, element P, element F>
  requires std::is_arithmetic_v<X>
double interp(X x, const array<P>& xp, const array<F>& fp, std::optional<double> left = {},
              std::optional<double> right = {}) {
  array<double> xs(shape_t{});
  xs.data()[0] = static_cast<double>(x);
  return detail::interp_new(xs, xp.template astype<double>(), fp.template astype<double>(), left, right).item();
}

// np.convolve(a, v, mode = "full"): the discrete linear convolution of two 1-d arrays
// (0-d taken as length 1), in the promotion of both types ("same": the length of the
// longer, centred; "valid": where they overlap fully). As NumPy, the longer is taken
// as a and an empty one is a value_error.
template <element T, element U>
array<promote_t<T, U>> convolve(const array<T>& a, const array<U>& v, std::string_view mode = "full") {
  using R = promote_t<T, U>;
  const int m = detail::parse_convolve_mode(mode);
  if (a.ndim() > 1 || v.ndim() > 1) throw value_error("object too deep for desired array");
  array<R> x = a.template astype<R>().reshape(shape_t{a.size()}), y = v.template astype<R>().reshape(shape_t{v.size()});
  if (y.size() > x.size()) std::swap(x, y);
  if (x.size() == 0) throw value_error("a cannot be empty");
  if (y.size() == 0) throw value_error("v cannot be empty");
  const index_t na = x.size(), nv = y.size();
  const index_t len = m == 0 ? na - nv + 1 : m == 1 ? na : na + nv - 1;
  array<R> out(shape_t{len});
  detail::run_convolve(dtype_of<R>(), na, x.data(), nv, y.data(), m, out.data());
  return out;
}

}  // namespace nd
