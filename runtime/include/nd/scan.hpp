// Scans: nd::cumsum, cumprod, cummax, cummin (NumPy's np.cumsum, np.cumprod,
// np.maximum.accumulate, np.minimum.accumulate) and nd::diff.
//
// Forms (as NumPy's, see API.md):
//   f(a), f(a, nd::none)           -> scan of the flattened array (1-d, C order)
//   f(a, axis)                     -> scan along axis (negative counts from the end)
//   f(a, axis, out), f(a, nd::none, out), f(a, out)
//                                  -> writes into out (named or a temporary view)
//   nd::diff(a, n = 1, axis = -1)
// Result types follow NumPy on Linux: cumsum/cumprod of bool and int32 give int64;
// cummax/cummin keep the type. A 0-d input scans as a 1-d array of one element, as
// NumPy's does. Every element is the sequential combination of the ones before it
// along the axis, in NumPy's order (so float sums are not pairwise, and are the same
// bits as NumPy's); the engine (runtime/src/scan_engine.cpp) runs lines in parallel,
// never one line, so the result is the same for every thread count.
#pragma once
// IWYU pragma: private, include <nd/nd.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <type_traits>

#include "nd/array.hpp"
#include "nd/reduce.hpp"
#include "nd/shape.hpp"
#include "nd/ufunc.hpp"
#include "nd/ufunc_engine.hpp"

namespace nd {

namespace detail {

enum class scan_op : std::uint8_t { sum, prod, max, min };

// Scans `in` (dtype in_type, any strides) along `axis` into `out`, a C-contiguous
// buffer of `shape` and dtype `acc`: out[..., i, ...] = op(out[..., i-1, ...],
// in[..., i, ...]) with the input converted to acc. Valid (in_type, acc) pairs: equal
// types, and bool or int32 into int64 (cumsum and cumprod).
void run_scan(scan_op op, dtype in_type, dtype acc, std::span<const index_t> shape, const void* in,
              std::span<const index_t> in_strides, int axis, void* out);

// axis in [-ndim, ndim) as an index; else index_error with NumPy's AxisError message
// (NumPy's normalize_axis_index; scans and sorts share it).
int normalize_axis_index(int axis, int ndim);
// The shape_error of an `out` whose shape is not the scan's result shape.
void check_scan_out(std::span<const index_t> expected, std::span<const index_t> found);
// diff's value_errors, in NumPy's words.
void check_diff_arguments(int ndim, int n);

// Writes src (fresh, C-contiguous) into out with NumPy's unsafe cast, as np.cumsum
// does when out has another dtype: the scan runs in the result type and each element
// is cast into out.
template <class U, class R>
void cast_into(array<U>& out, const array<R>& src) {
  const shape_t strides = broadcast_strides(src.shape(), src.strides(), shape_t(out.shape()));
  const operand in[] = {{src.data(), dtype_of<R>(), strides.data()}};
  run_ufunc(ufunc_op::copy, dtype_of<U>(), out.shape(), in, {out.data(), dtype_of<U>(), out.strides().data()});
}

// The scan of `a` along `axis` (0-d scans as shape (1,)), in a new array of type R.
template <class R, class T>
array<R> scan_new(scan_op op, const array<T>& a, int axis) {
  if (a.ndim() == 0) return scan_new<R>(op, a.reshape(shape_t{1}), axis);
  const int ax = normalize_axis_index(axis, a.ndim());
  array<R> out{shape_t(a.shape())};
  if (out.size() > 0) run_scan(op, dtype_of<T>(), dtype_of<R>(), a.shape(), a.data(), a.strides(), ax, out.data());
  return out;
}

// The scan of the flattened array (axis=None): a view when `a` is contiguous.
template <class R, class T>
array<R> scan_flat(scan_op op, const array<T>& a) {
  return scan_new<R>(op, a.ravel(), 0);
}

// Whether the engine scans T into C directly (else the input is converted first).
template <class T, class C>
inline constexpr bool direct_scan_v =
    std::is_same_v<T, C> ||
    (std::is_same_v<C, std::int64_t> && (std::is_same_v<T, bool> || std::is_same_v<T, std::int32_t>));

// The out form. `flat`: axis=None. out must have the result's shape and may have any
// dtype. As NumPy's accumulate, the scan then runs in the promotion of out's dtype and
// a's (np.cumsum of float32 into a float64 out sums in float64, of int32 into float32
// in float64) and each element is cast into out unsafely.
template <class T, class U>
array<U>& scan_out(scan_op op, const array<T>& a, bool flat, int axis, array<U>& out) {
  using C = typename promote_elements<U, T>::type;
  out.require_writeable();
  const array<T> src = flat ? a.ravel() : a.ndim() == 0 ? a.reshape(shape_t{1}) : a;
  const int ax = normalize_axis_index(flat ? 0 : axis, src.ndim());
  check_scan_out(src.shape(), out.shape());
  if constexpr (!direct_scan_v<T, C>) {
    const array<C> converted = src.template astype<C>();
    cast_into(out, scan_new<C>(op, converted, ax));
  } else {
    if constexpr (std::is_same_v<C, U>) {
      if (out.is_contiguous() && !shares_memory(a, out)) {
        if (out.size() > 0)
          run_scan(op, dtype_of<T>(), dtype_of<C>(), src.shape(), src.data(), src.strides(), ax, out.data());
        return out;
      }
    }
    cast_into(out, scan_new<C>(op, src, ax));
  }
  return out;
}

}  // namespace detail

// One macro, the same forms for the four scans; RES is the result type for elements T.
#define ND_SCAN(name, op, RES)                                 \
  template <element T>                                         \
  array<RES> name(const array<T>& a) {                         \
    return detail::scan_flat<RES>(op, a);                      \
  }                                                            \
  template <element T>                                         \
  array<RES> name(const array<T>& a, none_t) {                 \
    return detail::scan_flat<RES>(op, a);                      \
  }                                                            \
  template <element T>                                         \
  array<RES> name(const array<T>& a, int axis) {               \
    return detail::scan_new<RES>(op, a, axis);                 \
  }                                                            \
  template <element T, element U>                              \
  array<U>& name(const array<T>& a, int axis, array<U>& out) { \
    return detail::scan_out(op, a, false, axis, out);          \
  }                                                            \
  template <element T, element U>                              \
  array<U> name(const array<T>& a, int axis, array<U>&& out) { \
    return detail::scan_out(op, a, false, axis, out);          \
  }                                                            \
  template <element T, element U>                              \
  array<U>& name(const array<T>& a, none_t, array<U>& out) {   \
    return detail::scan_out(op, a, true, 0, out);              \
  }                                                            \
  template <element T, element U>                              \
  array<U> name(const array<T>& a, none_t, array<U>&& out) {   \
    return detail::scan_out(op, a, true, 0, out);              \
  }                                                            \
  template <element T, element U>                              \
  array<U>& name(const array<T>& a, array<U>& out) {           \
    return detail::scan_out(op, a, true, 0, out);              \
  }                                                            \
  template <element T, element U>                              \
  array<U> name(const array<T>& a, array<U>&& out) {           \
    return detail::scan_out(op, a, true, 0, out);              \
  }

ND_SCAN(cumsum, detail::scan_op::sum, sum_result_t<T>)
ND_SCAN(cumprod, detail::scan_op::prod, sum_result_t<T>)
ND_SCAN(cummax, detail::scan_op::max, T)
ND_SCAN(cummin, detail::scan_op::min, T)
#undef ND_SCAN

// np.diff(a, n, axis): the n-th discrete difference along axis, a[1:] - a[:-1] applied
// n times (not_equal for bool, as NumPy). n == 0 returns `a` itself, as NumPy does.
template <element T>
array<T> diff(const array<T>& a, int n = 1, int axis = -1) {
  if (n == 0) return a;
  detail::check_diff_arguments(a.ndim(), n);
  const int ax = detail::normalize_axis_index(axis, a.ndim());
  array<T> cur = a;
  for (int k = 0; k < n; ++k) {
    // hi = cur[1:] and lo = cur[:-1] along the axis, as views.
    shape_t shape(cur.shape());
    const index_t len = shape[ax];
    shape[ax] = len > 0 ? len - 1 : 0;
    const T* base = std::as_const(cur).data();
    const array<T> lo = detail::array_access::view(cur, base, shape, shape_t(cur.strides()), false);
    const array<T> hi =
        detail::array_access::view(cur, len > 0 ? base + cur.strides(ax) : base, shape, shape_t(cur.strides()), false);
    if constexpr (std::is_same_v<T, bool>) cur = not_equal(hi, lo);
    else cur = subtract(hi, lo);
  }
  return cur;
}

}  // namespace nd
