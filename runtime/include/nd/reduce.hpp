// Reductions: nd::sum, prod, mean, var, stddev, min, max, argmin, argmax, any, all.
//
// Forms (as NumPy's, see API.md):
//   f(a)                          -> scalar over all elements
//   f(a, nd::none)                -> the same scalar
//   f(a, axis)                    -> array (axis may be negative)
//   f(a, axis, nd::keepdims)      -> array keeping the reduced axis as length 1
//   f(a, {axes...}), f(a, {axes...}, nd::keepdims)
//   f(a, axis, out)               -> writes into out (a named array or a temporary view)
//   var/stddev(a, axis, ddof), var/stddev(a, axis, nd::keepdims) (ddof 0),
//   var/stddev(a, axis, ddof, nd::keepdims); var/stddev(a, nd::none, ddof) -> scalar
// nd::keepdims is a tag (nd::keepdims_t), never a number, so it cannot land in ddof; a
// bool where ddof goes does not compile. For source compatibility an exact `bool` is
// still accepted in keepdims' own place (nd::sum(a, 1, true), nd::var(a, 1, 0, true)),
// where it cannot be mistaken for anything else; integers there do not compile.
// Result types follow NumPy on Linux: sum/prod of bool and int32 give int64; mean, var
// and stddev of integers give float64; float32 stays float32. Float sums are pairwise
// (see the engine in runtime/src/reduce_engine.cpp).
#pragma once
// IWYU pragma: private, include <nd/nd.hpp>

#include <cmath>
#include <concepts>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <type_traits>

#include "nd/array.hpp"
#include "nd/from_memory.hpp"
#include "nd/ufunc.hpp"
#include "nd/ufunc_engine.hpp"

namespace nd {

// The type nd::sum and nd::prod return for elements of type T.
template <element T>
using sum_result_t = std::conditional_t<std::is_floating_point_v<T>, T, std::int64_t>;
// The type nd::mean, nd::var and nd::stddev return for elements of type T.
template <element T>
using mean_result_t = float_result_t<T>;

namespace detail {

// Which axes of an ndim-array are reduced; validates like NumPy (AxisError is an
// IndexError; duplicates are a ValueError).
struct axis_mask {
  bool reduced[max_dims] = {};
  index_t count = 1;  // number of elements reduced into each output element
  int ndim = 0;
};
axis_mask axes_all(std::span<const index_t> shape);
axis_mask axes_from(std::span<const index_t> shape, std::span<const int> axes);

// The shape of a reduction's result.
shape_t reduced_shape(std::span<const index_t> shape, const axis_mask& m, bool keepdims);

// Messages for reductions without identity and for mis-shaped outputs.
[[noreturn]] void throw_empty_reduction(const char* op_name);
[[noreturn]] void throw_empty_arg_reduction(bool is_max);
void check_reduction_out(const char* op_name, std::span<const index_t> expected, std::span<const index_t> found);

inline const char* reduce_name(reduce_op op) {
  switch (op) {
    case reduce_op::sum: return "add";
    case reduce_op::prod: return "multiply";
    case reduce_op::min: return "minimum";
    case reduce_op::max: return "maximum";
    case reduce_op::any: return "logical_or";
    case reduce_op::all: return "logical_and";
  }
  return "";
}

// out's strides per axis of `a` (0 along reduced axes): out may or may not keep them.
template <class T, class R>
void out_strides_per_input_axis(const array<T>& a, const axis_mask& m, const array<R>& out,
                                index_t (&out_strides)[max_dims]) {
  const bool kept_dims = out.ndim() == a.ndim();
  for (int k = 0, j = 0; k < a.ndim(); ++k) {
    out_strides[k] = 0;
    if (m.reduced[k]) {
      if (kept_dims) ++j;
      continue;
    }
    out_strides[k] = out.strides()[j++];
  }
}

// Reduces `a` into `out` (of the accumulator type, or bool for any/all), which has the
// reduced shape with or without kept dims; the engine converts the input in chunks.
// With a `center` (same shape and strides as out), sums (x - center)^2 (var's second pass).
template <class T, class R>
void reduce_into(reduce_op op, const array<T>& a, const axis_mask& m, array<R>& out, const R* center = nullptr) {
  if (op == reduce_op::min || op == reduce_op::max)
    for (int k = 0; k < a.ndim(); ++k)
      if (m.reduced[k] && a.shape(k) == 0) throw_empty_reduction(reduce_name(op));
  index_t out_strides[max_dims];
  out_strides_per_input_axis(a, m, out, out_strides);
  run_reduce(op, dtype_of<T>(), dtype_of<R>(), a.shape(), a.data(), a.strides(), m.reduced, out.data(), out_strides,
             center);
}

// A reduction whose accumulator type is Acc and result type R (Acc, or bool for any/all).
template <class Acc, class R, class T>
array<R> reduce_new(reduce_op op, const array<T>& a, const axis_mask& m, bool keepdims) {
  array<R> out(reduced_shape(a.shape(), m, keepdims));
  reduce_into(op, a, m, out);
  return out;
}

// The out form: out must have the reduced shape (with or without the reduced axes);
// computes in R and casts into out under 'same_kind'.
template <class Acc, class R, class T, class U>
array<U>& reduce_out(reduce_op op, const array<T>& a, const axis_mask& m, array<U>& out) {
  out.require_writeable();
  const shape_t dropped = reduced_shape(a.shape(), m, false);
  const shape_t kept = reduced_shape(a.shape(), m, true);
  const bool keep = out.ndim() == a.ndim();
  check_reduction_out(reduce_name(op), keep ? kept : dropped, out.shape());
  check_output_cast(ufunc_op::add, dtype_of<R>(), dtype_of<U>());
  if constexpr (std::is_same_v<R, U>) {
    if (!shares_memory(a, out)) {
      reduce_into(op, a, m, out);
      return out;
    }
  }
  copyto(out, reduce_new<Acc, R>(op, a, m, keep));
  return out;
}

// ---- the out forms of the statistics (nd/stat_forms.hpp) -------------------------------
// A writeable `out`: a non-const nd::array, named or a temporary view (a const one, or
// anything else, matches no out form).
template <class O>
concept out_array = is_array_v<std::remove_cvref_t<O>> && !std::is_const_v<std::remove_reference_t<O>>;

// NumPy's 'same_kind' rule for the result of the reduction `name` written into out.
void check_reduction_cast(const char* name, dtype result, dtype out);

// Writes compute(a, m, keep), a fresh array<R> of the reduced shape (after `lead`, the
// shape of percentile's q), into out and hands out back: the reference when named, a
// handle when a temporary view. Out has the reduced shape with the reduced axes as 1
// when `keepdims`, else with or without them (as reduce_out). The result is complete
// before out is written, so out may alias a.
template <class R, class T, class O, class F>
decltype(auto) stat_out(const char* name, const array<T>& a, const axis_mask& m, bool keepdims, O&& out, F compute,
                        std::span<const index_t> lead = {}) {
  using U = typename std::remove_cvref_t<O>::value_type;
  array<U>& dst = std::is_lvalue_reference_v<O> ? out : temporary_out(out);
  dst.require_writeable();
  const bool keep = keepdims || dst.ndim() == static_cast<int>(lead.size()) + a.ndim();
  shape_t expected(lead);
  for (index_t d : reduced_shape(a.shape(), m, keep)) expected.push_back(d);
  check_reduction_out(name, expected, dst.shape());
  check_reduction_cast(name, dtype_of<R>(), dtype_of<U>());
  copyto(dst, compute(a, m, keep));
  if constexpr (std::is_lvalue_reference_v<O>) return (dst);
  else return array<U>(dst);
}

// A reduction over all axes into a scalar of the caller's: no buffer is allocated for
// the 0-d result (nd::memory_stats counts none).
template <class Acc, class R, class T>
R reduce_scalar(reduce_op op, const array<T>& a) {
  R r{};
  array<R> out = from_data(&r, shape_t{});
  reduce_into(op, a, axes_all(a.shape()), out);
  return r;
}

inline axis_mask axes_of(std::span<const index_t> shape, int axis) {
  const int one[] = {axis};
  return axes_from(shape, one);
}

// mean = sum / count, computed in the mean type (NumPy's _mean).
template <class T>
array<mean_result_t<T>> mean_new(const array<T>& a, const axis_mask& m, bool keepdims) {
  using R = mean_result_t<T>;
  array<R> s = reduce_new<R, R>(reduce_op::sum, a, m, keepdims);
  divide(s, static_cast<R>(m.count), s);
  return s;
}

// var: the mean of squared deviations from the mean, as NumPy's _var. The deviations
// are squared and summed in cache (a centred sum), so unlike NumPy no array of the
// input's size is made. Where the layout allows, the engine does it in one read of the
// input (run_squared_deviations); otherwise in two passes, the mean and then the
// centred sum.
template <class T>
array<mean_result_t<T>> var_new(const array<T>& a, const axis_mask& m, index_t ddof, bool keepdims) {
  using R = mean_result_t<T>;
  array<R> s(reduced_shape(a.shape(), m, keepdims));
  bool one_pass = false;
  if constexpr (std::is_same_v<T, R>) {
    index_t out_strides[max_dims];
    out_strides_per_input_axis(a, m, s, out_strides);
    one_pass =
        run_squared_deviations(dtype_of<T>(), a.shape(), a.data(), a.strides(), m.reduced, s.data(), out_strides);
  }
  if (!one_pass) {
    // mu and s are fresh C-order arrays of one shape: mu's offsets are s's.
    const array<R> mu = mean_new(a, m, keepdims);
    reduce_into(reduce_op::sum, a, m, s, mu.data());
  }
  const index_t dof = m.count - ddof > 0 ? m.count - ddof : 0;
  divide(s, static_cast<R>(dof), s);
  return s;
}

template <class T>
array<std::int64_t> arg_new(bool is_max, const array<T>& a, int axis, bool keepdims) {
  const axis_mask m = axes_of(a.shape(), axis);
  int ax = 0;
  while (!m.reduced[ax]) ++ax;
  if (a.shape(ax) == 0) throw_empty_arg_reduction(is_max);
  array<std::int64_t> out(reduced_shape(a.shape(), m, keepdims));
  index_t out_strides[max_dims] = {};
  for (int k = 0, j = 0; k < a.ndim(); ++k) {
    if (k == ax) {
      if (keepdims) ++j;
      continue;
    }
    out_strides[k] = out.strides()[j++];
  }
  run_arg_reduce(is_max, dtype_of<T>(), a.shape(), a.data(), a.strides(), ax, out.data(), out_strides);
  return out;
}

template <class T>
std::int64_t arg_flat(bool is_max, const array<T>& a) {
  if (a.size() == 0) throw_empty_arg_reduction(is_max);
  const array<T> flat = a.is_contiguous() ? a : a.copy();
  const index_t n = flat.size(), s = 1;
  std::int64_t at = 0;
  const index_t zero = 0;
  run_arg_reduce(is_max, dtype_of<T>(), std::span<const index_t>(&n, 1), flat.data(), std::span<const index_t>(&s, 1),
                 0, &at, &zero);
  return at;
}

}  // namespace detail

// ---- sum, prod, min, max, any, all: one macro, the same forms ---------------------
#define ND_REDUCTION(name, op, ACC, RES)                                                                      \
  template <element T>                                                                                        \
  RES name(const array<T>& a) {                                                                               \
    return detail::reduce_scalar<ACC, RES>(op, a);                                                            \
  }                                                                                                           \
  template <element T>                                                                                        \
  RES name(const array<T>& a, none_t) {                                                                       \
    return detail::reduce_scalar<ACC, RES>(op, a);                                                            \
  }                                                                                                           \
  template <element T>                                                                                        \
  array<RES> name(const array<T>& a, int axis) {                                                              \
    return detail::reduce_new<ACC, RES>(op, a, detail::axes_of(a.shape(), axis), false);                      \
  }                                                                                                           \
  template <element T>                                                                                        \
  array<RES> name(const array<T>& a, int axis, keepdims_t) {                                                  \
    return detail::reduce_new<ACC, RES>(op, a, detail::axes_of(a.shape(), axis), true);                       \
  }                                                                                                           \
  template <element T, std::same_as<bool> B>                                                                  \
  array<RES> name(const array<T>& a, int axis, B keepdims) {                                                  \
    return detail::reduce_new<ACC, RES>(op, a, detail::axes_of(a.shape(), axis), keepdims);                   \
  }                                                                                                           \
  template <element T>                                                                                        \
  array<RES> name(const array<T>& a, std::initializer_list<int> axes) {                                       \
    return detail::reduce_new<ACC, RES>(op, a, detail::axes_from(a.shape(), axes), false);                    \
  }                                                                                                           \
  template <element T>                                                                                        \
  array<RES> name(const array<T>& a, std::initializer_list<int> axes, keepdims_t) {                           \
    return detail::reduce_new<ACC, RES>(op, a, detail::axes_from(a.shape(), axes), true);                     \
  }                                                                                                           \
  template <element T, std::same_as<bool> B>                                                                  \
  array<RES> name(const array<T>& a, std::initializer_list<int> axes, B keepdims) {                           \
    return detail::reduce_new<ACC, RES>(op, a, detail::axes_from(a.shape(), axes), keepdims);                 \
  }                                                                                                           \
  template <element T, element U>                                                                             \
  array<U>& name(const array<T>& a, int axis, array<U>& out) {                                                \
    return detail::reduce_out<ACC, RES>(op, a, detail::axes_of(a.shape(), axis), out);                        \
  }                                                                                                           \
  template <element T, element U>                                                                             \
  array<U> name(const array<T>& a, int axis, array<U>&& out) {                                                \
    return detail::reduce_out<ACC, RES>(op, a, detail::axes_of(a.shape(), axis), detail::temporary_out(out)); \
  }                                                                                                           \
  template <element T, element U>                                                                             \
  array<U>& name(const array<T>& a, std::initializer_list<int> axes, array<U>& out) {                         \
    return detail::reduce_out<ACC, RES>(op, a, detail::axes_from(a.shape(), axes), out);                      \
  }

ND_REDUCTION(sum, detail::reduce_op::sum, sum_result_t<T>, sum_result_t<T>)
ND_REDUCTION(prod, detail::reduce_op::prod, sum_result_t<T>, sum_result_t<T>)
ND_REDUCTION(min, detail::reduce_op::min, T, T)
ND_REDUCTION(max, detail::reduce_op::max, T, T)
ND_REDUCTION(any, detail::reduce_op::any, T, bool)

// nd::all is also the index tag `:`, so the reduction lives in detail and nd::all's
// call operators forward to it.
namespace detail {
ND_REDUCTION(reduce_all, detail::reduce_op::all, T, bool)
}  // namespace detail
#undef ND_REDUCTION

// nd::all of an expression (nd/lazy_reduce.hpp), declared here for the calls below.
template <element T>
class lazy_expr;
namespace detail {
template <element T, class... Args>
auto reduce_all(const lazy_expr<T>& e, const Args&... args);
template <element T, class... Args>
auto reduce_all(const lazy_expr<T>& e, std::initializer_list<int> axes, const Args&... args);
}  // namespace detail

template <class A, class... Rest>
decltype(auto) all_t::operator()(const A& a, Rest&&... rest) const {
  return detail::reduce_all(a, std::forward<Rest>(rest)...);
}
template <class A>
auto all_t::operator()(const A& a, std::initializer_list<int> axes) const {
  return detail::reduce_all(a, axes);
}
template <class A>
auto all_t::operator()(const A& a, std::initializer_list<int> axes, keepdims_t) const {
  return detail::reduce_all(a, axes, keepdims);
}
template <class A, std::same_as<bool> B>
auto all_t::operator()(const A& a, std::initializer_list<int> axes, B keepdims) const {
  return detail::reduce_all(a, axes, keepdims);
}

// ---- mean ------------------------------------------------------------------------
template <element T>
mean_result_t<T> mean(const array<T>& a) {
  // mean_new's division, of one element: IEEE division, correctly rounded either way.
  using R = mean_result_t<T>;
  return detail::reduce_scalar<R, R>(detail::reduce_op::sum, a) / static_cast<R>(a.size());
}
template <element T>
mean_result_t<T> mean(const array<T>& a, none_t) {
  return mean(a);
}
template <element T>
array<mean_result_t<T>> mean(const array<T>& a, int axis) {
  return detail::mean_new(a, detail::axes_of(a.shape(), axis), false);
}
template <element T>
array<mean_result_t<T>> mean(const array<T>& a, int axis, keepdims_t) {
  return detail::mean_new(a, detail::axes_of(a.shape(), axis), true);
}
template <element T, std::same_as<bool> B>
array<mean_result_t<T>> mean(const array<T>& a, int axis, B keepdims) {
  return detail::mean_new(a, detail::axes_of(a.shape(), axis), keepdims);
}
template <element T>
array<mean_result_t<T>> mean(const array<T>& a, std::initializer_list<int> axes) {
  return detail::mean_new(a, detail::axes_from(a.shape(), axes), false);
}
template <element T>
array<mean_result_t<T>> mean(const array<T>& a, std::initializer_list<int> axes, keepdims_t) {
  return detail::mean_new(a, detail::axes_from(a.shape(), axes), true);
}
template <element T, std::same_as<bool> B>
array<mean_result_t<T>> mean(const array<T>& a, std::initializer_list<int> axes, B keepdims) {
  return detail::mean_new(a, detail::axes_from(a.shape(), axes), keepdims);
}
template <element T, element U>
array<U>& mean(const array<T>& a, int axis, array<U>& out) {
  const detail::axis_mask m = detail::axes_of(a.shape(), axis);
  out.require_writeable();
  const bool keep = out.ndim() == a.ndim();
  detail::check_reduction_out("add", detail::reduced_shape(a.shape(), m, keep), out.shape());
  detail::check_output_cast(detail::ufunc_op::divide, dtype_of<mean_result_t<T>>(), dtype_of<U>());
  return copyto(out, detail::mean_new(a, m, keep));
}
template <element T, element U>
array<U> mean(const array<T>& a, int axis, array<U>&& out) {
  return mean(a, axis, detail::temporary_out(out));
}

// ---- var and stddev (np.std) -----------------------------------------------------
// ddof is any integer type but bool: `nd::var(a, 1, true)` meant keepdims in old code
// and must not compile into ddof 1 (the overloads taking bool there are deleted).
namespace detail {
template <class D>
concept ddof_integer = std::integral<D> && !std::same_as<D, bool>;

// var or stddev of `a` over the axes `m`: the variance, square-rooted for stddev.
template <class T>
array<mean_result_t<T>> spread_new(const array<T>& a, const axis_mask& m, index_t ddof, bool keepdims, bool take_sqrt) {
  array<mean_result_t<T>> v = var_new(a, m, ddof, keepdims);
  if (take_sqrt) sqrt(v, v);
  return v;
}
}  // namespace detail

// Both functions have the same forms; `take_sqrt` says which one this is.
#define ND_SPREAD_REDUCTION(name, take_sqrt)                                                                           \
  template <element T>                                                                                                 \
  mean_result_t<T> name(const array<T>& a) {                                                                           \
    return detail::spread_new(a, detail::axes_all(a.shape()), 0, false, take_sqrt).item();                             \
  }                                                                                                                    \
  template <element T>                                                                                                 \
  mean_result_t<T> name(const array<T>& a, none_t) {                                                                   \
    return name(a);                                                                                                    \
  }                                                                                                                    \
  template <element T, detail::ddof_integer D>                                                                         \
  mean_result_t<T> name(const array<T>& a, none_t, D ddof) {                                                           \
    return detail::spread_new(a, detail::axes_all(a.shape()), static_cast<index_t>(ddof), false, take_sqrt).item();    \
  }                                                                                                                    \
  template <element T>                                                                                                 \
  mean_result_t<T> name(const array<T>& a, none_t, bool) = delete;                                                     \
  template <element T>                                                                                                 \
  array<mean_result_t<T>> name(const array<T>& a, int axis) {                                                          \
    return detail::spread_new(a, detail::axes_of(a.shape(), axis), 0, false, take_sqrt);                               \
  }                                                                                                                    \
  template <element T, detail::ddof_integer D>                                                                         \
  array<mean_result_t<T>> name(const array<T>& a, int axis, D ddof) {                                                  \
    return detail::spread_new(a, detail::axes_of(a.shape(), axis), static_cast<index_t>(ddof), false, take_sqrt);      \
  }                                                                                                                    \
  template <element T>                                                                                                 \
  array<mean_result_t<T>> name(const array<T>& a, int axis, bool) = delete;                                            \
  template <element T>                                                                                                 \
  array<mean_result_t<T>> name(const array<T>& a, int axis, keepdims_t) {                                              \
    return detail::spread_new(a, detail::axes_of(a.shape(), axis), 0, true, take_sqrt);                                \
  }                                                                                                                    \
  template <element T, detail::ddof_integer D>                                                                         \
  array<mean_result_t<T>> name(const array<T>& a, int axis, D ddof, keepdims_t) {                                      \
    return detail::spread_new(a, detail::axes_of(a.shape(), axis), static_cast<index_t>(ddof), true, take_sqrt);       \
  }                                                                                                                    \
  template <element T, detail::ddof_integer D, std::same_as<bool> B>                                                   \
  array<mean_result_t<T>> name(const array<T>& a, int axis, D ddof, B keepdims) {                                      \
    return detail::spread_new(a, detail::axes_of(a.shape(), axis), static_cast<index_t>(ddof), keepdims, take_sqrt);   \
  }                                                                                                                    \
  template <element T>                                                                                                 \
  array<mean_result_t<T>> name(const array<T>& a, std::initializer_list<int> axes) {                                   \
    return detail::spread_new(a, detail::axes_from(a.shape(), axes), 0, false, take_sqrt);                             \
  }                                                                                                                    \
  template <element T, detail::ddof_integer D>                                                                         \
  array<mean_result_t<T>> name(const array<T>& a, std::initializer_list<int> axes, D ddof) {                           \
    return detail::spread_new(a, detail::axes_from(a.shape(), axes), static_cast<index_t>(ddof), false, take_sqrt);    \
  }                                                                                                                    \
  template <element T>                                                                                                 \
  array<mean_result_t<T>> name(const array<T>& a, std::initializer_list<int> axes, bool) = delete;                     \
  template <element T>                                                                                                 \
  array<mean_result_t<T>> name(const array<T>& a, std::initializer_list<int> axes, keepdims_t) {                       \
    return detail::spread_new(a, detail::axes_from(a.shape(), axes), 0, true, take_sqrt);                              \
  }                                                                                                                    \
  template <element T, detail::ddof_integer D>                                                                         \
  array<mean_result_t<T>> name(const array<T>& a, std::initializer_list<int> axes, D ddof, keepdims_t) {               \
    return detail::spread_new(a, detail::axes_from(a.shape(), axes), static_cast<index_t>(ddof), true, take_sqrt);     \
  }                                                                                                                    \
  template <element T, detail::ddof_integer D, std::same_as<bool> B>                                                   \
  array<mean_result_t<T>> name(const array<T>& a, std::initializer_list<int> axes, D ddof, B keepdims) {               \
    return detail::spread_new(a, detail::axes_from(a.shape(), axes), static_cast<index_t>(ddof), keepdims, take_sqrt); \
  }                                                                                                                    \
  template <element T, detail::ddof_integer D, element U>                                                              \
  array<U>& name(const array<T>& a, int axis, D ddof, array<U>& out) {                                                 \
    return detail::var_out(a, axis, static_cast<index_t>(ddof), out, take_sqrt);                                       \
  }                                                                                                                    \
  template <element T, element U>                                                                                      \
  array<U>& name(const array<T>& a, int axis, array<U>& out) {                                                         \
    return detail::var_out(a, axis, 0, out, take_sqrt);                                                                \
  }                                                                                                                    \
  template <element T, element U>                                                                                      \
  array<U> name(const array<T>& a, int axis, array<U>&& out) {                                                         \
    return detail::var_out(a, axis, 0, detail::temporary_out(out), take_sqrt);                                         \
  }

// The out forms of var and stddev: nd::var(a, axis, out), nd::var(a, axis, ddof, out).
namespace detail {
template <class T, class U>
array<U>& var_out(const array<T>& a, int axis, index_t ddof, array<U>& out, bool take_sqrt) {
  const axis_mask m = axes_of(a.shape(), axis);
  out.require_writeable();
  const bool keep = out.ndim() == a.ndim();
  check_reduction_out("add", reduced_shape(a.shape(), m, keep), out.shape());
  check_output_cast(ufunc_op::divide, dtype_of<mean_result_t<T>>(), dtype_of<U>());
  return copyto(out, spread_new(a, m, ddof, keep, take_sqrt));
}
}  // namespace detail

ND_SPREAD_REDUCTION(var, false)
ND_SPREAD_REDUCTION(stddev, true)
#undef ND_SPREAD_REDUCTION

// ---- argmin, argmax ----------------------------------------------------------------
// Without an axis: the index into the flattened (C-order) array. NaN counts as the
// extreme (the first NaN wins), as in NumPy.
template <element T>
std::int64_t argmin(const array<T>& a) {
  return detail::arg_flat(false, a);
}
template <element T>
std::int64_t argmax(const array<T>& a) {
  return detail::arg_flat(true, a);
}
template <element T>
array<std::int64_t> argmin(const array<T>& a, int axis) {
  return detail::arg_new(false, a, axis, false);
}
template <element T>
array<std::int64_t> argmin(const array<T>& a, int axis, keepdims_t) {
  return detail::arg_new(false, a, axis, true);
}
template <element T, std::same_as<bool> B>
array<std::int64_t> argmin(const array<T>& a, int axis, B keepdims) {
  return detail::arg_new(false, a, axis, keepdims);
}
template <element T>
array<std::int64_t> argmax(const array<T>& a, int axis) {
  return detail::arg_new(true, a, axis, false);
}
template <element T>
array<std::int64_t> argmax(const array<T>& a, int axis, keepdims_t) {
  return detail::arg_new(true, a, axis, true);
}
template <element T, std::same_as<bool> B>
array<std::int64_t> argmax(const array<T>& a, int axis, B keepdims) {
  return detail::arg_new(true, a, axis, keepdims);
}
template <element T>
array<std::int64_t>& argmin(const array<T>& a, int axis, array<std::int64_t>& out) {
  const bool keep = out.ndim() == a.ndim();
  return copyto(out, detail::arg_new(false, a, axis, keep));
}
template <element T>
array<std::int64_t>& argmax(const array<T>& a, int axis, array<std::int64_t>& out) {
  const bool keep = out.ndim() == a.ndim();
  return copyto(out, detail::arg_new(true, a, axis, keep));
}
template <element T>
array<std::int64_t> argmin(const array<T>& a, int axis, array<std::int64_t>&& out) {
  return argmin(a, axis, detail::temporary_out(out));
}
template <element T>
array<std::int64_t> argmax(const array<T>& a, int axis, array<std::int64_t>&& out) {
  return argmax(a, axis, detail::temporary_out(out));
}

}  // namespace nd
