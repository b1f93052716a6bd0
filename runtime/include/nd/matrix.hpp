// Matrix building blocks, NumPy's: nd::eye, identity, diag, trace, tril, triu, outer
// and inner (nd::vdot is in nd/linalg.hpp with nd::dot). inner and outer promote their
// operands as NumPy does; inner contracts through nd::matmul, so float and double go
// through CBLAS.
#pragma once
// IWYU pragma: private, include <nd/nd.hpp>

#include <string>

#include "nd/broadcast.hpp"
#include "nd/creation.hpp"
#include "nd/linalg.hpp"
#include "nd/reduce.hpp"
#include "nd/shape_views.hpp"
#include "nd/ufunc.hpp"

namespace nd {

// nd::eye<T>(n, m = n, k = 0): an n x m array of zeros with ones on diagonal k (k > 0
// above the main diagonal, k < 0 below). nd::identity<T>(n) is eye<T>(n).
template <element T = double>
array<T> eye(index_t n, index_t m, index_t k = 0) {
  if (n < 0 || m < 0) throw value_error("negative dimensions are not allowed");
  array<T> out = zeros<T>(shape_t{n, m});
  T* p = out.data();
  for (index_t i = std::max<index_t>(0, -k); i < n && i + k < m; ++i) p[i * m + i + k] = T(1);
  return out;
}
template <element T = double>
array<T> eye(index_t n) {
  return eye<T>(n, n, 0);
}
template <element T = double>
array<T> identity(index_t n) {
  return eye<T>(n, n, 0);
}

// nd::diag(v, k = 0): from a 1-d v, the square array with v on diagonal k (a new
// array); from a 2-d v, its diagonal k (nd::diagonal's read-only view, as NumPy's).
template <class T>
array<T> diag(const array<T>& v, index_t k = 0) {
  if (v.ndim() == 2) return diagonal(v, k, 0, 1);
  if (v.ndim() != 1) throw value_error("Input must be 1- or 2-d.");
  const index_t n = v.shape(0) + (k < 0 ? -k : k);
  array<T> out = zeros<T>(shape_t{n, n});
  T* p = out.data();
  for (index_t i = 0; i < v.shape(0); ++i) p[(k >= 0 ? i : i - k) * n + (k >= 0 ? i + k : i)] = v(i);
  return out;
}

// nd::trace(a, offset, axis1, axis2): the sums of diagonals (nd::sum's result type:
// int64 for bool and int32), an array of a.ndim() - 2 dimensions. nd::trace(m[,
// offset]) of a matrix is the scalar np.trace(m) gives (value_error for another rank:
// use the axis form).
template <class T>
array<sum_result_t<T>> trace(const array<T>& a, index_t offset, int axis1, int axis2) {
  return sum(diagonal(a, offset, axis1, axis2), -1);
}
template <class T>
sum_result_t<T> trace(const array<T>& a, index_t offset = 0) {
  if (a.ndim() != 2)
    throw value_error("nd::trace(a) of an array of " + std::to_string(a.ndim()) +
                      " dimensions: the scalar form takes a matrix; use nd::trace(a, offset, axis1, axis2)");
  return sum(diagonal(a, offset, 0, 1));
}

namespace detail {
// A copy of a (a 1-d a is broadcast to a square first, as NumPy's tril does) with the
// elements of each matrix (last two axes) where keep(i, j) is false set to zero.
template <class T, class Keep>
array<T> masked_triangle(const array<T>& a, Keep keep) {
  if (a.ndim() == 0) throw value_error("tril and triu need an array of at least one dimension");
  array<T> out = a.ndim() == 1 ? broadcast_to(a, shape_t{a.shape(0), a.shape(0)}).copy() : a.copy();
  const index_t rows = out.shape(-2), cols = out.shape(-1);
  if (out.size() == 0) return out;
  T* p = out.data();
  for (index_t b = 0, batches = out.size() / (rows * cols); b < batches; ++b)
    for (index_t i = 0; i < rows; ++i)
      for (index_t j = 0; j < cols; ++j, ++p)
        if (!keep(i, j)) *p = T(0);
  return out;
}
}  // namespace detail

// nd::tril(a, k = 0): a copy with the elements above diagonal k zeroed; nd::triu(a,
// k = 0) with those below it zeroed. Leading axes are batches.
template <class T>
array<T> tril(const array<T>& a, index_t k = 0) {
  return detail::masked_triangle(a, [k](index_t i, index_t j) { return j - i <= k; });
}
template <class T>
array<T> triu(const array<T>& a, index_t k = 0) {
  return detail::masked_triangle(a, [k](index_t i, index_t j) { return j - i >= k; });
}

// nd::outer(a, b): out(i, j) = a.flat[i] * b.flat[j], of shape (a.size(), b.size()).
template <element TA, element TB>
auto outer(const array<TA>& a, const array<TB>& b) {
  return multiply(a.ravel().reshape(shape_t{a.size(), 1}), b.ravel().reshape(shape_t{1, b.size()}));
}

namespace detail {
[[noreturn]] inline void throw_inner_not_aligned(std::span<const index_t> a, std::span<const index_t> b) {
  throw value_error("shapes " + compact_shape(a) + " and " + compact_shape(b) +
                    " not aligned: " + std::to_string(a.back()) + " (dim " + std::to_string(a.size() - 1) +
                    ") != " + std::to_string(b.back()) + " (dim " + std::to_string(b.size() - 1) + ")");
}
}  // namespace detail

// nd::inner(a, b): the sums of products over the last axes of a and b, of shape
// a.shape[:-1] + b.shape[:-1]; a 0-d operand multiplies, as NumPy's.
template <element TA, element TB>
array<promote_t<TA, TB>> inner(const array<TA>& a, const array<TB>& b) {
  using T = promote_t<TA, TB>;
  if (a.ndim() == 0 || b.ndim() == 0) return multiply(a.template astype<T>(), b.template astype<T>());
  const index_t k = a.shape(-1);
  if (b.shape(-1) != k) detail::throw_inner_not_aligned(a.shape(), b.shape());
  shape_t shape, a_rows, b_rows;
  for (int d = 0; d + 1 < a.ndim(); ++d) a_rows.push_back(a.shape(d));
  for (int d = 0; d + 1 < b.ndim(); ++d) b_rows.push_back(b.shape(d));
  for (index_t d : a_rows) shape.push_back(d);
  for (index_t d : b_rows) shape.push_back(d);
  const array<T> am = detail::as_element<T>(a).reshape(shape_t{a_rows.prod(), k});
  const array<T> bm = detail::as_element<T>(b).reshape(shape_t{b_rows.prod(), k});
  return matmul(am, bm.T()).reshape(shape);
}

}  // namespace nd
