// Statistics: nd::ptp, median, percentile, quantile, average, count_nonzero,
// array_equal (NumPy's np.ptp, np.median, ...). The NaN-ignoring reductions are in
// nd/nan_reduce.hpp. See docs/api/reductions.md.
//
// Axes are those of the other reductions (nd/reduce.hpp): f(a) and f(a, nd::none) give
// a scalar, f(a, axis) and f(a, {axes...}) an array, a trailing nd::keepdims keeps the
// reduced axes. Order statistics (median, percentile, quantile) gather the reduced axes
// of each output into a contiguous row and select in it (runtime/src/statistics.cpp).
#pragma once
// IWYU pragma: private, include <nd/nd.hpp>

#include <concepts>
#include <cstdint>
#include <initializer_list>
#include <type_traits>
#include <vector>

#include "nd/array.hpp"
#include "nd/creation.hpp"
#include "nd/promote.hpp"
#include "nd/reduce.hpp"
#include "nd/shape.hpp"
#include "nd/ufunc.hpp"

namespace nd {

namespace detail {

// Row kernels (statistics.cpp) over `rows` contiguous rows of n elements of type t,
// reordered in place. Median: out (t for floats, double otherwise) per row; a row with
// a NaN gives NaN, an empty row NaN (NumPy's mean of nothing).
void run_median_rows(dtype t, index_t rows, index_t n, void* data, void* out);
// Quantiles (q in [0, 1], NumPy's linear method) into out[k * rows + row] (double).
void run_quantile_rows(dtype t, index_t rows, index_t n, void* data, index_t nq, const double* q, double* out);
// Checks that every q is in [0, 1] (scale 1) or [0, 100] (scale 100), NumPy's messages.
void check_quantiles(const double* q, index_t nq, double scale);

// A C-contiguous copy of `a` with the kept axes first and the reduced ones last: each
// output element's inputs are then one row of m.count elements.
template <class T>
array<T> reduced_axes_last(const array<T>& a, const axis_mask& m) {
  std::vector<int> perm;
  for (int k = 0; k < a.ndim(); ++k)
    if (!m.reduced[k]) perm.push_back(k);
  for (int k = 0; k < a.ndim(); ++k)
    if (m.reduced[k]) perm.push_back(k);
  return transpose(a, perm).copy();
}

template <class T>
using median_result_t = float_result_t<T>;

template <class T>
array<median_result_t<T>> median_new(const array<T>& a, const axis_mask& m, bool keepdims) {
  using R = median_result_t<T>;
  array<T> rows = reduced_axes_last(a, m);
  array<R> out(reduced_shape(a.shape(), m, keepdims));
  run_median_rows(dtype_of<T>(), out.size(), m.count, rows.data(), out.data());
  return out;
}

// np.quantile's shape: q's shape, then the reduced shape.
template <class T>
array<double> quantile_new(const array<T>& a, const array<double>& q, const axis_mask& m, bool keepdims) {
  array<T> rows = reduced_axes_last(a, m);
  shape_t shape(q.shape());
  for (index_t d : reduced_shape(a.shape(), m, keepdims)) shape.push_back(d);
  array<double> out(shape);
  const array<double> qs = q.copy();
  const index_t outputs = qs.size() == 0 ? 0 : out.size() / qs.size();
  run_quantile_rows(dtype_of<T>(), outputs, m.count, rows.data(), qs.size(), qs.data(), out.data());
  return out;
}

// q as a float64 array (np.asanyarray(q)), divided by `scale` (100 for percentile, as
// NumPy's np.true_divide(q, 100)), checked.
template <class Q>
array<double> quantiles_of(const Q& q, double scale) {
  array<double> r;
  if constexpr (is_array_v<Q>) r = q.template astype<double>();
  else r = full<double>(shape_t{}, static_cast<double>(q));
  if (scale != 1.0) divide(r, scale, r);
  check_quantiles(r.data(), r.size(), scale);
  return r;
}

// The out forms of quantile and percentile: out has q's shape, then the reduced shape.
template <class T, class O>
decltype(auto) quantile_out(const char* name, const array<T>& a, const array<double>& q, const axis_mask& m,
                            bool keepdims, O&& out) {
  auto compute = [&](const array<T>& x, const axis_mask& mask, bool keep) { return quantile_new(x, q, mask, keep); };
  return stat_out<double>(name, a, m, keepdims, std::forward<O>(out), compute, q.shape());
}

template <class Q>
concept quantile_arg = (std::is_arithmetic_v<Q> && !std::same_as<Q, bool>) || is_array_v<Q>;

template <class T>
array<T> ptp_new(const array<T>& a, const axis_mask& m, bool keepdims) {
  array<T> hi = reduce_new<T, T>(reduce_op::max, a, m, keepdims);
  subtract(hi, reduce_new<T, T>(reduce_op::min, a, m, keepdims), hi);
  return hi;
}

template <class T>
array<std::int64_t> count_nonzero_new(const array<T>& a, const axis_mask& m, bool keepdims) {
  if constexpr (std::is_same_v<T, bool>) return reduce_new<std::int64_t, std::int64_t>(reduce_op::sum, a, m, keepdims);
  else return reduce_new<std::int64_t, std::int64_t>(reduce_op::sum, not_equal(a, T(0)), m, keepdims);
}

template <class T>
array<mean_result_t<T>> average_new(const array<T>& a, const axis_mask& m, bool keepdims) {
  return mean_new(a, m, keepdims);
}

// np.average's result type with weights: float64 for bool and integer a, else the
// promotion of a and weights.
template <class T, class W>
using average_result_t = std::conditional_t<std::is_floating_point_v<T>, promote_t<T, W>, double>;

// Weighted: sum(a * w) / sum(w) in the result type; w has a's shape, or is 1-d along
// the one reduced axis `axis` (NumPy's rules and messages).
template <class T, class W>
array<average_result_t<T, W>> weighted_average(const array<T>& a, const array<W>& w, const axis_mask& m, int axis,
                                               bool has_axis, bool keepdims) {
  using R = average_result_t<T, W>;
  array<R> wr = w.template astype<R>();
  if (shape_t(a.shape()) != shape_t(w.shape())) {
    if (!has_axis) throw type_error("Axis must be specified when shapes of a and weights differ.");
    if (w.ndim() != 1) throw type_error("1D weights expected when shapes of a and weights differ.");
    const int ax = axis < 0 ? axis + a.ndim() : axis;
    if (w.shape(0) != a.shape(ax)) throw value_error("Length of weights not compatible with specified axis.");
    std::vector<index_t> s(static_cast<std::size_t>(a.ndim()), 1);
    s[static_cast<std::size_t>(ax)] = w.shape(0);
    wr = broadcast_to(wr.reshape(s), shape_t(a.shape()));
  }
  array<R> scl = reduce_new<R, R>(reduce_op::sum, wr, m, keepdims);
  const R* sp = scl.data();
  for (index_t i = 0; i < scl.size(); ++i)
    if (sp[i] == R(0)) throw value_error("Weights sum to zero, can't be normalized");
  array<R> avg = reduce_new<R, R>(reduce_op::sum, multiply(a.template astype<R>(), wr), m, keepdims);
  divide(avg, scl, avg);
  return avg;
}

}  // namespace detail

#include "nd/stat_forms.hpp"  // ND_STAT_FORMS, ND_STAT_OUT_FORMS

// np.ptp: max - min in a's type (integers wrap, as NumPy's); NaN propagates. NumPy
// refuses bool (no boolean subtract), so nd::ptp of a bool array does not compile.
ND_STAT_FORMS(ptp, ptp_new, T, (!std::same_as<T, bool>))
ND_STAT_OUT_FORMS(ptp, ptp_new, T, (!std::same_as<T, bool>))
// np.median: the middle element (mean of the two middle ones) of each sorted row, in
// float64 for bool and integers; a row with NaN gives NaN, an empty one NaN.
ND_STAT_FORMS(median, median_new, detail::median_result_t<T>, true)
ND_STAT_OUT_FORMS(median, median_new, detail::median_result_t<T>, true)
// np.count_nonzero: how many elements are not zero (NaN counts), as int64.
ND_STAT_FORMS(count_nonzero, count_nonzero_new, std::int64_t, true)
// np.average without weights: the mean.
ND_STAT_FORMS(average, average_new, mean_result_t<T>, true)

// ---- average with weights -------------------------------------------------------------
// np.average(a, axis, weights): weights of a's shape, or 1-d along `axis`. A zero sum of
// weights is a value_error (NumPy's ZeroDivisionError).
template <element T, element W>
detail::average_result_t<T, W> average(const array<T>& a, none_t, const array<W>& weights) {
  return detail::weighted_average(a, weights, detail::axes_all(a.shape()), 0, false, false).item();
}
template <element T, element W>
array<detail::average_result_t<T, W>> average(const array<T>& a, int axis, const array<W>& weights) {
  return detail::weighted_average(a, weights, detail::axes_of(a.shape(), axis), axis, true, false);
}
template <element T, element W>
array<detail::average_result_t<T, W>> average(const array<T>& a, int axis, const array<W>& weights, keepdims_t) {
  return detail::weighted_average(a, weights, detail::axes_of(a.shape(), axis), axis, true, true);
}

// ---- quantile and percentile ----------------------------------------------------------
// np.quantile(a, q, axis) with NumPy's default (linear) method, q in [0, 1] (else a
// value_error); np.percentile with q in [0, 100]. Always float64 (NumPy converts q to a
// float64 array). A scalar q gives a scalar without an axis; an array q puts its shape
// first. NumPy refuses bool input (no boolean subtract): it does not compile. The out
// forms (axis forms, then out, as ND_STAT_OUT_FORMS) take an out of q's shape followed
// by the reduced shape.
#define ND_QUANTILE_FORMS(name, scale)                                                                               \
  template <element T, detail::quantile_arg Q>                                                                       \
    requires(!std::same_as<T, bool>)                                                                                 \
  auto name(const array<T>& a, const Q& q) {                                                                         \
    array<double> r = detail::quantile_new(a, detail::quantiles_of(q, scale), detail::axes_all(a.shape()), false);   \
    if constexpr (is_array_v<Q>) return r;                                                                           \
    else return r.item();                                                                                            \
  }                                                                                                                  \
  template <element T, detail::quantile_arg Q>                                                                       \
    requires(!std::same_as<T, bool>)                                                                                 \
  auto name(const array<T>& a, const Q& q, none_t) {                                                                 \
    return name(a, q);                                                                                               \
  }                                                                                                                  \
  template <element T, detail::quantile_arg Q>                                                                       \
    requires(!std::same_as<T, bool>)                                                                                 \
  array<double> name(const array<T>& a, const Q& q, int axis) {                                                      \
    return detail::quantile_new(a, detail::quantiles_of(q, scale), detail::axes_of(a.shape(), axis), false);         \
  }                                                                                                                  \
  template <element T, detail::quantile_arg Q>                                                                       \
    requires(!std::same_as<T, bool>)                                                                                 \
  array<double> name(const array<T>& a, const Q& q, int axis, keepdims_t) {                                          \
    return detail::quantile_new(a, detail::quantiles_of(q, scale), detail::axes_of(a.shape(), axis), true);          \
  }                                                                                                                  \
  template <element T, detail::quantile_arg Q>                                                                       \
    requires(!std::same_as<T, bool>)                                                                                 \
  array<double> name(const array<T>& a, const Q& q, std::initializer_list<int> axes) {                               \
    return detail::quantile_new(a, detail::quantiles_of(q, scale), detail::axes_from(a.shape(), axes), false);       \
  }                                                                                                                  \
  template <element T, detail::quantile_arg Q>                                                                       \
    requires(!std::same_as<T, bool>)                                                                                 \
  array<double> name(const array<T>& a, const Q& q, std::initializer_list<int> axes, keepdims_t) {                   \
    return detail::quantile_new(a, detail::quantiles_of(q, scale), detail::axes_from(a.shape(), axes), true);        \
  }                                                                                                                  \
  template <element T, detail::quantile_arg Q, detail::out_array O>                                                  \
    requires(!std::same_as<T, bool>)                                                                                 \
  decltype(auto) name(const array<T>& a, const Q& q, none_t, O&& out) {                                              \
    return detail::quantile_out(#name, a, detail::quantiles_of(q, scale), detail::axes_all(a.shape()), false,        \
                                std::forward<O>(out));                                                               \
  }                                                                                                                  \
  template <element T, detail::quantile_arg Q, detail::out_array O>                                                  \
    requires(!std::same_as<T, bool>)                                                                                 \
  decltype(auto) name(const array<T>& a, const Q& q, int axis, O&& out) {                                            \
    return detail::quantile_out(#name, a, detail::quantiles_of(q, scale), detail::axes_of(a.shape(), axis), false,   \
                                std::forward<O>(out));                                                               \
  }                                                                                                                  \
  template <element T, detail::quantile_arg Q, detail::out_array O>                                                  \
    requires(!std::same_as<T, bool>)                                                                                 \
  decltype(auto) name(const array<T>& a, const Q& q, int axis, keepdims_t, O&& out) {                                \
    return detail::quantile_out(#name, a, detail::quantiles_of(q, scale), detail::axes_of(a.shape(), axis), true,    \
                                std::forward<O>(out));                                                               \
  }                                                                                                                  \
  template <element T, detail::quantile_arg Q, detail::out_array O>                                                  \
    requires(!std::same_as<T, bool>)                                                                                 \
  decltype(auto) name(const array<T>& a, const Q& q, std::initializer_list<int> axes, O&& out) {                     \
    return detail::quantile_out(#name, a, detail::quantiles_of(q, scale), detail::axes_from(a.shape(), axes), false, \
                                std::forward<O>(out));                                                               \
  }                                                                                                                  \
  template <element T, detail::quantile_arg Q, detail::out_array O>                                                  \
    requires(!std::same_as<T, bool>)                                                                                 \
  decltype(auto) name(const array<T>& a, const Q& q, std::initializer_list<int> axes, keepdims_t, O&& out) {         \
    return detail::quantile_out(#name, a, detail::quantiles_of(q, scale), detail::axes_from(a.shape(), axes), true,  \
                                std::forward<O>(out));                                                               \
  }

ND_QUANTILE_FORMS(quantile, 1.0)
ND_QUANTILE_FORMS(percentile, 100.0)
#undef ND_QUANTILE_FORMS

// np.array_equal(a, b): the same shape and equal elements (compared in the promotion
// of both types; NaN equals nothing, as with NumPy's default equal_nan=False).
template <element T, element U>
bool array_equal(const array<T>& a, const array<U>& b) {
  if (shape_t(a.shape()) != shape_t(b.shape())) return false;
  if (a.size() == 0) return true;
  return detail::reduce_all(equal(a, b));
}

#undef ND_STAT_FORMS
#undef ND_STAT_OUT_FORMS

}  // namespace nd
