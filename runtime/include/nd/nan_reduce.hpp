// Reductions that ignore NaN: nd::nansum, nanprod, nanmean, nanvar, nanstd, nanmin,
// nanmax (NumPy's np.nansum, ...), with the axis forms of nd/reduce.hpp (nanvar and
// nanstd take ddof as var and stddev do). For bool and integer arrays they are the plain
// reductions, as in NumPy.
//
// As NumPy's, they run the ordinary reductions on a copy whose NaNs are replaced (0 for
// sums, 1 for products, +-inf for min/max, the slice's mean for the squared deviations),
// so sums stay pairwise. An all-NaN slice gives NaN for nanmin, nanmax (NumPy warns),
// nanmean, nanvar and nanstd; 0 for nansum and 1 for nanprod. nanvar is NaN where fewer
// than ddof + 1 values are not NaN.
#pragma once
// IWYU pragma: private, include <nd/nd.hpp>

#include <cstdint>
#include <initializer_list>
#include <limits>
#include <type_traits>

#include "nd/array.hpp"
#include "nd/reduce.hpp"
#include "nd/statistics.hpp"
#include "nd/stat_forms.hpp"  // ND_STAT_FORMS, ND_STAT_OUT_FORMS (after statistics.hpp, which #undefs them)

namespace nd {

namespace detail {

// Replaces every NaN of the contiguous data[0, n) (float or double) by `value`; sets
// is_nan[i] when not null. Defined in statistics.cpp.
void run_replace_nan(dtype t, index_t n, void* data, double value, bool* is_nan);

// A C-contiguous copy of a with NaN replaced by `value`, and where the NaNs were.
template <class T>
array<T> nan_replaced(const array<T>& a, double value, array<bool>* mask = nullptr) {
  array<T> c = a.copy();
  if (mask) *mask = array<bool>(shape_t(a.shape()));
  run_replace_nan(dtype_of<T>(), c.size(), c.data(), value, mask ? mask->data() : nullptr);
  return c;
}

template <class T>
array<sum_result_t<T>> nansum_new(const array<T>& a, const axis_mask& m, bool keepdims) {
  if constexpr (std::is_floating_point_v<T>) return reduce_new<T, T>(reduce_op::sum, nan_replaced(a, 0.0), m, keepdims);
  else return reduce_new<sum_result_t<T>, sum_result_t<T>>(reduce_op::sum, a, m, keepdims);
}

template <class T>
array<sum_result_t<T>> nanprod_new(const array<T>& a, const axis_mask& m, bool keepdims) {
  if constexpr (std::is_floating_point_v<T>)
    return reduce_new<T, T>(reduce_op::prod, nan_replaced(a, 1.0), m, keepdims);
  else return reduce_new<sum_result_t<T>, sum_result_t<T>>(reduce_op::prod, a, m, keepdims);
}

// nanmin (is_max false) / nanmax: NaN replaced by the op's identity, then NaN again
// where the slice had no other value. Empty slices are NumPy's fmin/fmax error.
template <class T>
array<T> nan_extreme_new(bool is_max, const array<T>& a, const axis_mask& m, bool keepdims) {
  const reduce_op op = is_max ? reduce_op::max : reduce_op::min;
  if constexpr (!std::is_floating_point_v<T>) {
    return reduce_new<T, T>(op, a, m, keepdims);
  } else {
    for (int k = 0; k < a.ndim(); ++k)
      if (m.reduced[k] && a.shape(k) == 0) throw_empty_reduction(is_max ? "fmax" : "fmin");
    array<bool> nan;
    const double inf = std::numeric_limits<double>::infinity();
    array<T> r = reduce_new<T, T>(op, nan_replaced(a, is_max ? -inf : inf, &nan), m, keepdims);
    const array<bool> all_nan = reduce_new<bool, bool>(reduce_op::all, nan, m, keepdims);
    T* p = r.data();
    const bool* e = all_nan.data();
    for (index_t i = 0; i < r.size(); ++i)
      if (e[i]) p[i] = std::numeric_limits<T>::quiet_NaN();
    return r;
  }
}
template <class T>
array<T> nanmin_new(const array<T>& a, const axis_mask& m, bool keepdims) {
  return nan_extreme_new(false, a, m, keepdims);
}
template <class T>
array<T> nanmax_new(const array<T>& a, const axis_mask& m, bool keepdims) {
  return nan_extreme_new(true, a, m, keepdims);
}

// The sum of the non-NaN values and their count per output (keepdims shape); the
// replaced copy and its NaN mask are returned for nanvar's second pass.
template <class T>
array<T> nan_sum_count(const array<T>& a, const axis_mask& m, array<T>& replaced, array<bool>& nan,
                       array<std::int64_t>& count) {
  replaced = nan_replaced(a, 0.0, &nan);
  count = reduce_new<std::int64_t, std::int64_t>(reduce_op::sum, logical_not(nan), m, true);
  return reduce_new<T, T>(reduce_op::sum, replaced, m, true);
}

// tot / count, computed in float64 and rounded to T (NumPy's true_divide of a T array
// by an intp count into the T array).
template <class T>
void divide_by_count(array<T>& tot, const array<std::int64_t>& count) {
  T* t = tot.data();
  const std::int64_t* c = count.data();
  for (index_t i = 0; i < tot.size(); ++i) t[i] = static_cast<T>(static_cast<double>(t[i]) / static_cast<double>(c[i]));
}

template <class T>
array<mean_result_t<T>> nanmean_new(const array<T>& a, const axis_mask& m, bool keepdims) {
  if constexpr (!std::is_floating_point_v<T>) {
    return mean_new(a, m, keepdims);
  } else {
    array<T> replaced;
    array<bool> nan;
    array<std::int64_t> count;
    array<T> tot = nan_sum_count(a, m, replaced, nan, count);
    divide_by_count(tot, count);
    return tot.reshape(reduced_shape(a.shape(), m, keepdims));
  }
}

// nanvar: the mean of the non-NaN values, then the centred sum of squares of a copy
// whose NaNs are that mean (so they add nothing), over count - ddof.
template <class T>
array<mean_result_t<T>> nanvar_new(const array<T>& a, const axis_mask& m, index_t ddof, bool keepdims) {
  if constexpr (!std::is_floating_point_v<T>) {
    return var_new(a, m, ddof, keepdims);
  } else {
    array<T> replaced;
    array<bool> nan;
    array<std::int64_t> count;
    array<T> mu = nan_sum_count(a, m, replaced, nan, count);
    divide_by_count(mu, count);
    const array<T> centred = where(nan, broadcast_to(mu, shape_t(a.shape())), replaced);
    array<T> s(reduced_shape(a.shape(), m, keepdims));
    // mu and s are fresh C-order arrays of one size: mu's offsets are s's.
    reduce_into(reduce_op::sum, centred, m, s, mu.data());
    T* p = s.data();
    const std::int64_t* c = count.data();
    for (index_t i = 0; i < s.size(); ++i) {
      const std::int64_t dof = c[i] - ddof;
      p[i] = dof > 0 ? static_cast<T>(static_cast<double>(p[i]) / static_cast<double>(dof))
                     : std::numeric_limits<T>::quiet_NaN();
    }
    return s;
  }
}

template <class T>
array<mean_result_t<T>> nan_spread_new(const array<T>& a, const axis_mask& m, index_t ddof, bool keepdims,
                                       bool take_sqrt) {
  array<mean_result_t<T>> v = nanvar_new(a, m, ddof, keepdims);
  if (take_sqrt) sqrt(v, v);
  return v;
}

// The out forms of nanvar and nanstd (see stat_out).
template <class T, class O>
decltype(auto) nan_spread_out(const char* name, const array<T>& a, const axis_mask& m, index_t ddof, bool keepdims,
                              bool take_sqrt, O&& out) {
  auto compute = [&](const array<T>& x, const axis_mask& mask, bool keep) {
    return nan_spread_new(x, mask, ddof, keep, take_sqrt);
  };
  return stat_out<mean_result_t<T>>(name, a, m, keepdims, std::forward<O>(out), compute);
}

}  // namespace detail

ND_STAT_FORMS(nansum, nansum_new, sum_result_t<T>, true)
ND_STAT_OUT_FORMS(nansum, nansum_new, sum_result_t<T>, true)
ND_STAT_FORMS(nanprod, nanprod_new, sum_result_t<T>, true)
ND_STAT_OUT_FORMS(nanprod, nanprod_new, sum_result_t<T>, true)
ND_STAT_FORMS(nanmin, nanmin_new, T, true)
ND_STAT_OUT_FORMS(nanmin, nanmin_new, T, true)
ND_STAT_FORMS(nanmax, nanmax_new, T, true)
ND_STAT_OUT_FORMS(nanmax, nanmax_new, T, true)
ND_STAT_FORMS(nanmean, nanmean_new, mean_result_t<T>, true)
ND_STAT_OUT_FORMS(nanmean, nanmean_new, mean_result_t<T>, true)

// nanvar and nanstd: the forms of var and stddev (ddof right after the axis, a bool
// there does not compile), and each of them with out last.
#define ND_NAN_SPREAD(name, take_sqrt)                                                                                 \
  template <element T>                                                                                                 \
  mean_result_t<T> name(const array<T>& a) {                                                                           \
    return detail::nan_spread_new(a, detail::axes_all(a.shape()), 0, false, take_sqrt).item();                         \
  }                                                                                                                    \
  template <element T>                                                                                                 \
  mean_result_t<T> name(const array<T>& a, none_t) {                                                                   \
    return name(a);                                                                                                    \
  }                                                                                                                    \
  template <element T, detail::ddof_integer D>                                                                         \
  mean_result_t<T> name(const array<T>& a, none_t, D ddof) {                                                           \
    return detail::nan_spread_new(a, detail::axes_all(a.shape()), static_cast<index_t>(ddof), false, take_sqrt)        \
        .item();                                                                                                       \
  }                                                                                                                    \
  template <element T>                                                                                                 \
  array<mean_result_t<T>> name(const array<T>& a, int axis) {                                                          \
    return detail::nan_spread_new(a, detail::axes_of(a.shape(), axis), 0, false, take_sqrt);                           \
  }                                                                                                                    \
  template <element T, detail::ddof_integer D>                                                                         \
  array<mean_result_t<T>> name(const array<T>& a, int axis, D ddof) {                                                  \
    return detail::nan_spread_new(a, detail::axes_of(a.shape(), axis), static_cast<index_t>(ddof), false, take_sqrt);  \
  }                                                                                                                    \
  template <element T>                                                                                                 \
  array<mean_result_t<T>> name(const array<T>& a, int axis, keepdims_t) {                                              \
    return detail::nan_spread_new(a, detail::axes_of(a.shape(), axis), 0, true, take_sqrt);                            \
  }                                                                                                                    \
  template <element T, detail::ddof_integer D>                                                                         \
  array<mean_result_t<T>> name(const array<T>& a, int axis, D ddof, keepdims_t) {                                      \
    return detail::nan_spread_new(a, detail::axes_of(a.shape(), axis), static_cast<index_t>(ddof), true, take_sqrt);   \
  }                                                                                                                    \
  template <element T>                                                                                                 \
  array<mean_result_t<T>> name(const array<T>& a, std::initializer_list<int> axes) {                                   \
    return detail::nan_spread_new(a, detail::axes_from(a.shape(), axes), 0, false, take_sqrt);                         \
  }                                                                                                                    \
  template <element T, detail::ddof_integer D>                                                                         \
  array<mean_result_t<T>> name(const array<T>& a, std::initializer_list<int> axes, D ddof) {                           \
    return detail::nan_spread_new(a, detail::axes_from(a.shape(), axes), static_cast<index_t>(ddof), false,            \
                                  take_sqrt);                                                                          \
  }                                                                                                                    \
  template <element T>                                                                                                 \
  array<mean_result_t<T>> name(const array<T>& a, std::initializer_list<int> axes, keepdims_t) {                       \
    return detail::nan_spread_new(a, detail::axes_from(a.shape(), axes), 0, true, take_sqrt);                          \
  }                                                                                                                    \
  template <element T, detail::ddof_integer D>                                                                         \
  array<mean_result_t<T>> name(const array<T>& a, std::initializer_list<int> axes, D ddof, keepdims_t) {               \
    return detail::nan_spread_new(a, detail::axes_from(a.shape(), axes), static_cast<index_t>(ddof), true, take_sqrt); \
  }                                                                                                                    \
  ND_NAN_SPREAD_OUT(name, take_sqrt)

// The out forms: every form above with out last.
#define ND_NAN_SPREAD_OUT(name, take_sqrt)                                                                             \
  template <element T, detail::out_array O>                                                                            \
  decltype(auto) name(const array<T>& a, none_t, O&& out) {                                                            \
    return detail::nan_spread_out(#name, a, detail::axes_all(a.shape()), 0, false, take_sqrt, std::forward<O>(out));   \
  }                                                                                                                    \
  template <element T, detail::ddof_integer D, detail::out_array O>                                                    \
  decltype(auto) name(const array<T>& a, none_t, D ddof, O&& out) {                                                    \
    return detail::nan_spread_out(#name, a, detail::axes_all(a.shape()), static_cast<index_t>(ddof), false, take_sqrt, \
                                  std::forward<O>(out));                                                               \
  }                                                                                                                    \
  template <element T, detail::out_array O>                                                                            \
  decltype(auto) name(const array<T>& a, int axis, O&& out) {                                                          \
    return detail::nan_spread_out(#name, a, detail::axes_of(a.shape(), axis), 0, false, take_sqrt,                     \
                                  std::forward<O>(out));                                                               \
  }                                                                                                                    \
  template <element T, detail::ddof_integer D, detail::out_array O>                                                    \
  decltype(auto) name(const array<T>& a, int axis, D ddof, O&& out) {                                                  \
    return detail::nan_spread_out(#name, a, detail::axes_of(a.shape(), axis), static_cast<index_t>(ddof), false,       \
                                  take_sqrt, std::forward<O>(out));                                                    \
  }                                                                                                                    \
  template <element T, detail::out_array O>                                                                            \
  decltype(auto) name(const array<T>& a, int axis, keepdims_t, O&& out) {                                              \
    return detail::nan_spread_out(#name, a, detail::axes_of(a.shape(), axis), 0, true, take_sqrt,                      \
                                  std::forward<O>(out));                                                               \
  }                                                                                                                    \
  template <element T, detail::ddof_integer D, detail::out_array O>                                                    \
  decltype(auto) name(const array<T>& a, int axis, D ddof, keepdims_t, O&& out) {                                      \
    return detail::nan_spread_out(#name, a, detail::axes_of(a.shape(), axis), static_cast<index_t>(ddof), true,        \
                                  take_sqrt, std::forward<O>(out));                                                    \
  }                                                                                                                    \
  template <element T, detail::out_array O>                                                                            \
  decltype(auto) name(const array<T>& a, std::initializer_list<int> axes, O&& out) {                                   \
    return detail::nan_spread_out(#name, a, detail::axes_from(a.shape(), axes), 0, false, take_sqrt,                   \
                                  std::forward<O>(out));                                                               \
  }                                                                                                                    \
  template <element T, detail::ddof_integer D, detail::out_array O>                                                    \
  decltype(auto) name(const array<T>& a, std::initializer_list<int> axes, D ddof, O&& out) {                           \
    return detail::nan_spread_out(#name, a, detail::axes_from(a.shape(), axes), static_cast<index_t>(ddof), false,     \
                                  take_sqrt, std::forward<O>(out));                                                    \
  }                                                                                                                    \
  template <element T, detail::out_array O>                                                                            \
  decltype(auto) name(const array<T>& a, std::initializer_list<int> axes, keepdims_t, O&& out) {                       \
    return detail::nan_spread_out(#name, a, detail::axes_from(a.shape(), axes), 0, true, take_sqrt,                    \
                                  std::forward<O>(out));                                                               \
  }                                                                                                                    \
  template <element T, detail::ddof_integer D, detail::out_array O>                                                    \
  decltype(auto) name(const array<T>& a, std::initializer_list<int> axes, D ddof, keepdims_t, O&& out) {               \
    return detail::nan_spread_out(#name, a, detail::axes_from(a.shape(), axes), static_cast<index_t>(ddof), true,      \
                                  take_sqrt, std::forward<O>(out));                                                    \
  }

ND_NAN_SPREAD(nanvar, false)
ND_NAN_SPREAD(nanstd, true)
#undef ND_NAN_SPREAD
#undef ND_NAN_SPREAD_OUT
#undef ND_STAT_FORMS
#undef ND_STAT_OUT_FORMS

}  // namespace nd
