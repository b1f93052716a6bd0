// nd::linalg::norm (NumPy's np.linalg.norm): vector and matrix norms.
//
//   nd::linalg::norm(a)                        2-norm of the flattened array (a scalar)
//   nd::linalg::norm(a, ord)                   a 1-d vector or 2-d matrix norm (a scalar)
//   nd::linalg::norm(a, ord, axis)             vector norms along one axis (an array)
//   nd::linalg::norm(a, ord, {r, c})           matrix norms over two axes (an array)
//   ... , nd::keepdims                         keeps the reduced axes (then an array)
// ord: nd::none, a number (vectors: inf, -inf, 0, 1, 2 or any p; matrices: 1, -1, 2, -2,
// inf, -inf) or "fro" / "nuc" (matrices); axis may be nd::none. An ord that is no norm
// of that kind is a value_error, as NumPy's. Integers are taken as float64; float32
// stays float32. 2, -2 and "nuc" use the singular values (nd::linalg::svd, LAPACK).
#pragma once
// IWYU pragma: private, include <nd/nd.hpp>

#include <cmath>
#include <initializer_list>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "nd/array.hpp"
#include "nd/linalg.hpp"
#include "nd/reduce.hpp"
#include "nd/scan.hpp"  // normalize_axis_index
#include "nd/shape.hpp"
#include "nd/ufunc.hpp"

namespace nd::linalg {

// The `ord` argument of nd::linalg::norm.
struct norm_ord {
  enum class kind { none, number, fro, nuc };
  kind k = kind::none;
  double p = 0;
  constexpr norm_ord(none_t) {}
  template <class N>
    requires(std::is_arithmetic_v<N> && !std::is_same_v<N, bool>)
  constexpr norm_ord(N v) : k(kind::number), p(static_cast<double>(v)) {}
  norm_ord(std::string_view s) {
    if (s == "fro" || s == "f") k = kind::fro;
    else if (s == "nuc") k = kind::nuc;
    else throw value_error("Invalid norm order '" + std::string(s) + "'");
  }
  norm_ord(const char* s) : norm_ord(std::string_view(s)) {}
  bool is(double v) const { return k == kind::number && p == v; }
};

namespace detail {

using nd::detail::axis_mask;
using nd::detail::reduce_op;

template <class R>
array<R> vector_norm(const array<R>& x, norm_ord ord, int axis, bool keep) {
  const axis_mask m = nd::detail::axes_of(x.shape(), axis);
  const double inf = std::numeric_limits<double>::infinity();
  if (ord.k == norm_ord::kind::fro || ord.k == norm_ord::kind::nuc)
    throw value_error(std::string("Invalid norm order '") + (ord.k == norm_ord::kind::fro ? "fro" : "nuc") +
                      "' for vectors");
  if (ord.is(inf)) return nd::detail::reduce_new<R, R>(reduce_op::max, abs(x), m, keep);
  if (ord.is(-inf)) return nd::detail::reduce_new<R, R>(reduce_op::min, abs(x), m, keep);
  if (ord.is(0)) return nd::detail::reduce_new<R, R>(reduce_op::sum, not_equal(x, R(0)), m, keep);
  if (ord.is(1)) return nd::detail::reduce_new<R, R>(reduce_op::sum, abs(x), m, keep);
  if (ord.k == norm_ord::kind::none || ord.is(2)) {
    array<R> s = nd::detail::reduce_new<R, R>(reduce_op::sum, multiply(x, x), m, keep);
    sqrt(s, s);
    return s;
  }
  // |x|^p summed, then ^(1/p) with 1/p in R (NumPy's reciprocal(ord, dtype=ret.dtype)).
  array<R> ax = abs(x);
  power(ax, static_cast<R>(ord.p), ax);
  array<R> s = nd::detail::reduce_new<R, R>(reduce_op::sum, ax, m, keep);
  power(s, static_cast<R>(R(1) / static_cast<R>(ord.p)), s);
  return s;
}

// The singular values of each matrix over axes (r, c), combined by op along the last.
template <class R>
array<R> svd_norm(const array<R>& x, int r, int c, reduce_op op) {
  std::vector<int> perm;
  for (int k = 0; k < x.ndim(); ++k)
    if (k != r && k != c) perm.push_back(k);
  perm.push_back(r);
  perm.push_back(c);
  const array<R> s = svd(transpose(x, perm).copy(), false).S;
  return nd::detail::reduce_new<R, R>(op, s, nd::detail::axes_of(s.shape(), -1), false);
}

template <class R>
array<R> matrix_norm(const array<R>& x, norm_ord ord, int row, int col, bool keep) {
  const int ndim = x.ndim();
  const int r = nd::detail::normalize_axis_index(row, ndim), c = nd::detail::normalize_axis_index(col, ndim);
  if (r == c) throw value_error("Duplicate axes given.");
  const double inf = std::numeric_limits<double>::infinity();
  auto sum_then = [&](int sum_axis, int other, reduce_op op) {
    const array<R> s =
        nd::detail::reduce_new<R, R>(reduce_op::sum, abs(x), nd::detail::axes_of(x.shape(), sum_axis), false);
    return nd::detail::reduce_new<R, R>(op, s, nd::detail::axes_of(s.shape(), other > sum_axis ? other - 1 : other),
                                        false);
  };
  array<R> ret;
  if (ord.is(2)) ret = svd_norm(x, r, c, reduce_op::max);
  else if (ord.is(-2)) ret = svd_norm(x, r, c, reduce_op::min);
  else if (ord.is(1)) ret = sum_then(r, c, reduce_op::max);
  else if (ord.is(inf)) ret = sum_then(c, r, reduce_op::max);
  else if (ord.is(-1)) ret = sum_then(r, c, reduce_op::min);
  else if (ord.is(-inf)) ret = sum_then(c, r, reduce_op::min);
  else if (ord.k == norm_ord::kind::none || ord.k == norm_ord::kind::fro) {
    const int both[] = {r, c};
    ret = nd::detail::reduce_new<R, R>(reduce_op::sum, multiply(x, x), nd::detail::axes_from(x.shape(), both), false);
    sqrt(ret, ret);
  } else if (ord.k == norm_ord::kind::nuc) {
    ret = svd_norm(x, r, c, reduce_op::sum);
  } else {
    throw value_error("Invalid norm order for matrices.");
  }
  if (!keep) return ret;
  shape_t s(x.shape());
  s[static_cast<std::size_t>(r)] = 1;
  s[static_cast<std::size_t>(c)] = 1;
  return ret.reshape(s);
}

// norm over axes (none: all), ord, keepdims: NumPy's dispatch.
template <class T>
array<nd::detail::lapack_t<T>> norm_new(const array<T>& a, norm_ord ord, const std::vector<int>* axes, bool keep) {
  using R = nd::detail::lapack_t<T>;
  const array<R> x = a.template astype<R>();
  const int ndim = x.ndim();
  if (!axes &&
      (ord.k == norm_ord::kind::none || (ord.k == norm_ord::kind::fro && ndim == 2) || (ord.is(2) && ndim == 1))) {
    const array<R> flat = x.ravel();
    array<R> s = dot(flat, flat);
    sqrt(s, s);
    if (!keep) return s;
    return s.reshape(shape_t(std::vector<index_t>(static_cast<std::size_t>(ndim), 1)));
  }
  std::vector<int> all;
  for (int k = 0; k < ndim; ++k) all.push_back(k);
  const std::vector<int>& ax = axes ? *axes : all;
  if (ax.size() == 1) return vector_norm(x, ord, ax[0], keep);
  if (ax.size() == 2) return matrix_norm(x, ord, ax[0], ax[1], keep);
  throw value_error("Improper number of dimensions to norm.");
}

}  // namespace detail

template <element T>
nd::detail::lapack_t<T> norm(const array<T>& a, norm_ord ord = none) {
  return detail::norm_new(a, ord, nullptr, false).item();
}
template <element T>
nd::detail::lapack_t<T> norm(const array<T>& a, norm_ord ord, none_t) {
  return detail::norm_new(a, ord, nullptr, false).item();
}
template <element T>
array<nd::detail::lapack_t<T>> norm(const array<T>& a, norm_ord ord, none_t, keepdims_t) {
  return detail::norm_new(a, ord, nullptr, true);
}
template <element T>
array<nd::detail::lapack_t<T>> norm(const array<T>& a, norm_ord ord, int axis) {
  const std::vector<int> ax{axis};
  return detail::norm_new(a, ord, &ax, false);
}
template <element T>
array<nd::detail::lapack_t<T>> norm(const array<T>& a, norm_ord ord, int axis, keepdims_t) {
  const std::vector<int> ax{axis};
  return detail::norm_new(a, ord, &ax, true);
}
template <element T>
array<nd::detail::lapack_t<T>> norm(const array<T>& a, norm_ord ord, std::initializer_list<int> axes) {
  const std::vector<int> ax(axes);
  if (ax.empty() || ax.size() > 2) throw value_error("Improper number of dimensions to norm.");
  return detail::norm_new(a, ord, &ax, false);
}
template <element T>
array<nd::detail::lapack_t<T>> norm(const array<T>& a, norm_ord ord, std::initializer_list<int> axes, keepdims_t) {
  const std::vector<int> ax(axes);
  if (ax.empty() || ax.size() > 2) throw value_error("Improper number of dimensions to norm.");
  return detail::norm_new(a, ord, &ax, true);
}

}  // namespace nd::linalg
