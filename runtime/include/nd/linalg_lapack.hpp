// nd::linalg: NumPy's np.linalg factorizations through LAPACKE (src/linalg_lapack.cpp).
//
// Every function takes stacks of matrices where NumPy does (the last two axes; the
// leading ones are batch axes, broadcast between the operands of solve), computes in
// float when every operand is float and in double otherwise (integers and bool
// promote to double, as NumPy's do), and returns new C-order arrays. A matrix that is
// singular (solve, inv), not positive definite (cholesky), or a factorization that does
// not converge throws nd::linalg_error with NumPy's message. Included by nd/linalg.hpp.
#pragma once
// IWYU pragma: private, include <nd/nd.hpp>

#include <algorithm>
#include <limits>
#include <string>
#include <type_traits>

#include "nd/array.hpp"
#include "nd/broadcast.hpp"
#include "nd/creation.hpp"
#include "nd/indexing.hpp"
#include "nd/operators.hpp"
#include "nd/reduce.hpp"
#include "nd/ufunc.hpp"

namespace nd {

namespace detail {

// The type LAPACK computes in for operands of these element types (NumPy's
// linalg._commonType): float if all are float, else double.
template <class... T>
using lapack_t = std::conditional_t<(std::is_same_v<T, float> && ...), float, double>;

template <class R>
void lapack_solve(R* a, R* b, index_t batch, index_t n, index_t nrhs);
template <class R>
void lapack_det(R* a, R* det, index_t batch, index_t n);
template <class R>
void lapack_cholesky(R* a, index_t batch, index_t n);
template <class R>
void lapack_qr(R* a, R* q, R* r, index_t batch, index_t m, index_t n);
template <class R>
void lapack_eigh(R* a, R* w, index_t batch, index_t n);
template <class R>
void lapack_svd(R* a, R* u, R* s, R* vt, index_t batch, index_t m, index_t n, bool full);
template <class R>
index_t lapack_lstsq(R* a, R* b, R* s, index_t m, index_t n, index_t nrhs, R rcond);

// NumPy's checks: at least two dimensions, and square ones where `square`.
void check_linalg_matrix(std::span<const index_t> shape, bool square);
[[noreturn]] void throw_solve_mismatch(index_t got, index_t expected, bool vector);
[[noreturn]] void check_lstsq(int a_ndim, int b_ndim, bool a_is_wrong);
[[noreturn]] void throw_lstsq_mismatch(index_t got, index_t expected);

// `a` as a C-order stack of matrices of R, a copy LAPACK may overwrite, broadcast to
// `shape` first when one is given.
template <class R, class T>
array<R> lapack_copy(const array<T>& a) {
  return a.template astype<R>();
}
template <class R, class T>
array<R> lapack_copy(const array<T>& a, const shape_t& shape) {
  return broadcast_to(a, shape).template astype<R>();
}

inline index_t batch_count(std::span<const index_t> shape, int core) {
  index_t n = 1;
  for (int d = 0; d + core < static_cast<int>(shape.size()); ++d) n *= shape[static_cast<std::size_t>(d)];
  return n;
}

inline shape_t leading(std::span<const index_t> shape, int core) {
  return shape_t(shape.subspan(0, shape.size() - static_cast<std::size_t>(core)));
}

inline shape_t with_core(shape_t s, std::initializer_list<index_t> core) {
  for (index_t c : core) s.push_back(c);
  return s;
}

}  // namespace detail

namespace linalg {

// np.linalg.solve(a, b): x with a x = b, a (..., M, M). As NumPy 1.24: b is a stack of
// vectors (..., M) when b.ndim == a.ndim - 1, else of matrices (..., M, K); batch axes
// broadcast. A singular a throws linalg_error("Singular matrix").
template <element TA, element TB>
array<detail::lapack_t<TA, TB>> solve(const array<TA>& a, const array<TB>& b) {
  using R = detail::lapack_t<TA, TB>;
  detail::check_linalg_matrix(a.shape(), true);
  const bool vector = b.ndim() == a.ndim() - 1;
  const int bcore = vector ? 1 : 2;
  const index_t n = a.shape(-1);
  if (b.ndim() < bcore) detail::check_linalg_matrix(b.shape(), false);
  if (b.shape(b.ndim() - bcore) != n) detail::throw_solve_mismatch(b.shape(b.ndim() - bcore), n, vector);
  const index_t k = vector ? 1 : b.shape(-1);
  const shape_t batch = broadcast_shapes(detail::leading(a.shape(), 2), detail::leading(b.shape(), bcore));
  array<R> am = detail::lapack_copy<R>(a, detail::with_core(batch, {n, n}));
  array<R> x = vector ? detail::lapack_copy<R>(b, detail::with_core(batch, {n}))
                      : detail::lapack_copy<R>(b, detail::with_core(batch, {n, k}));
  detail::lapack_solve(am.data(), x.data(), batch.prod(), n, k);
  return x;
}

// np.linalg.inv(a): the inverse of each matrix of a (..., M, M), as NumPy computes it
// (solving against the identity). Singular: linalg_error("Singular matrix").
template <element T>
array<detail::lapack_t<T>> inv(const array<T>& a) {
  using R = detail::lapack_t<T>;
  detail::check_linalg_matrix(a.shape(), true);
  const index_t n = a.shape(-1), batch = detail::batch_count(a.shape(), 2);
  array<R> am = detail::lapack_copy<R>(a);
  array<R> x = zeros<R>(shape_t(a.shape()));
  for (index_t t = 0; t < batch; ++t)
    for (index_t i = 0; i < n; ++i) x.data()[(t * n + i) * n + i] = 1;
  detail::lapack_solve(am.data(), x.data(), batch, n, n);
  return x;
}

// np.linalg.det(a): the determinants of a (..., M, M), from an LU factorization, as
// NumPy's; an array of the batch shape (0-d for one matrix: .item() is the scalar).
// A singular matrix gives 0, not an error; an empty one 1.
template <element T>
array<detail::lapack_t<T>> det(const array<T>& a) {
  using R = detail::lapack_t<T>;
  detail::check_linalg_matrix(a.shape(), true);
  array<R> am = detail::lapack_copy<R>(a);
  array<R> d(detail::leading(a.shape(), 2));
  detail::lapack_det(am.data(), d.data(), d.size(), a.shape(-1));
  return d;
}

// np.linalg.cholesky(a): the lower-triangular L with L L^T = a, a (..., M, M)
// symmetric (only its lower triangle is read). Not positive definite:
// linalg_error("Matrix is not positive definite").
template <element T>
array<detail::lapack_t<T>> cholesky(const array<T>& a) {
  using R = detail::lapack_t<T>;
  detail::check_linalg_matrix(a.shape(), true);
  array<R> l = detail::lapack_copy<R>(a);
  detail::lapack_cholesky(l.data(), detail::batch_count(a.shape(), 2), a.shape(-1));
  return l;
}

// np.linalg.qr(a) (mode 'reduced'): Q (..., M, K) with orthonormal columns and upper
// triangular R (..., K, N), K = min(M, N), a = Q R. LAPACK's geqrf/orgqr, as NumPy's,
// so the signs are NumPy's.
template <class E>
struct qr_result {
  array<E> Q, R;
};

// np.linalg.eigh(a): the eigenvalues (..., M), ascending, and the eigenvectors (...,
// M, M; column j for eigenvalue j) of symmetric a, from its lower triangle (NumPy's
// UPLO='L'). An eigenvector's sign is LAPACK's, as NumPy's.
template <class E>
struct eigh_result {
  array<E> eigenvalues, eigenvectors;
};

// np.linalg.svd(a, full_matrices): U (..., M, M) (or (..., M, K)), S (..., K)
// descending, Vh (..., N, N) (or (..., K, N)) with a = U diag(S) Vh, K = min(M, N).
template <class E>
struct svd_result {
  array<E> U, S, Vh;
};

// np.linalg.lstsq(a, b, rcond): the least-squares x (N[, K]) of a (M, N) x = b (M[, K]);
// residuals (K) (or (1)) are the squared 2-norms of b - a x when rank == N < M, else
// empty; rank is a's effective rank and s its singular values (min(M, N)). Singular
// values below rcond times the largest count as zero.
template <class E>
struct lstsq_result {
  array<E> x, residuals;
  index_t rank;
  array<E> s;
};

template <element T>
qr_result<detail::lapack_t<T>> qr(const array<T>& a) {
  using R = detail::lapack_t<T>;
  detail::check_linalg_matrix(a.shape(), false);
  const index_t m = a.shape(-2), n = a.shape(-1), k = std::min(m, n);
  const shape_t batch = detail::leading(a.shape(), 2);
  array<R> am = detail::lapack_copy<R>(a);
  qr_result<R> out{zeros<R>(detail::with_core(batch, {m, k})), zeros<R>(detail::with_core(batch, {k, n}))};
  detail::lapack_qr(am.data(), out.Q.data(), out.R.data(), batch.prod(), m, n);
  return out;
}

template <element T>
eigh_result<detail::lapack_t<T>> eigh(const array<T>& a) {
  using R = detail::lapack_t<T>;
  detail::check_linalg_matrix(a.shape(), true);
  const index_t n = a.shape(-1);
  eigh_result<R> out{array<R>(detail::with_core(detail::leading(a.shape(), 2), {n})), detail::lapack_copy<R>(a)};
  detail::lapack_eigh(out.eigenvectors.data(), out.eigenvalues.data(), detail::batch_count(a.shape(), 2), n);
  return out;
}

template <element T>
svd_result<detail::lapack_t<T>> svd(const array<T>& a, bool full_matrices = true) {
  using R = detail::lapack_t<T>;
  detail::check_linalg_matrix(a.shape(), false);
  const index_t m = a.shape(-2), n = a.shape(-1), k = std::min(m, n);
  const shape_t batch = detail::leading(a.shape(), 2);
  array<R> am = detail::lapack_copy<R>(a);
  svd_result<R> out{zeros<R>(detail::with_core(batch, {m, full_matrices ? m : k})),
                    zeros<R>(detail::with_core(batch, {k})),
                    zeros<R>(detail::with_core(batch, {full_matrices ? n : k, n}))};
  detail::lapack_svd(am.data(), out.U.data(), out.S.data(), out.Vh.data(), batch.prod(), m, n, full_matrices);
  return out;
}

// rcond defaults to NumPy 2's (and 1.24's announced) eps * max(M, N); a negative rcond
// means machine precision, as LAPACK's.
template <element TA, element TB>
lstsq_result<detail::lapack_t<TA, TB>> lstsq(const array<TA>& a, const array<TB>& b, double rcond);

template <element TA, element TB>
lstsq_result<detail::lapack_t<TA, TB>> lstsq(const array<TA>& a, const array<TB>& b) {
  using R = detail::lapack_t<TA, TB>;
  const double eps = static_cast<double>(std::numeric_limits<R>::epsilon());
  return lstsq(a, b, a.ndim() == 2 ? eps * static_cast<double>(std::max(a.shape(0), a.shape(1))) : 0.0);
}

template <element TA, element TB>
lstsq_result<detail::lapack_t<TA, TB>> lstsq(const array<TA>& a, const array<TB>& b, double rcond) {
  using R = detail::lapack_t<TA, TB>;
  if (a.ndim() != 2) detail::check_lstsq(a.ndim(), b.ndim(), true);
  if (b.ndim() != 1 && b.ndim() != 2) detail::check_lstsq(a.ndim(), b.ndim(), false);
  const index_t m = a.shape(0), n = a.shape(1), k = b.ndim() == 1 ? 1 : b.shape(1);
  if (b.shape(0) != m) detail::throw_lstsq_mismatch(b.shape(0), m);
  array<R> am = detail::lapack_copy<R>(a);
  // gelsd takes b with max(M, N) rows and leaves x in its first N.
  array<R> work = zeros<R>(shape_t{std::max(m, n), k});
  copyto(work(slice(0, m), all), detail::lapack_copy<R>(b).reshape(shape_t{m, k}));
  lstsq_result<R> out{array<R>(), array<R>(), 0, zeros<R>(shape_t{std::min(m, n)})};
  if (m > 0 && n > 0)
    out.rank = detail::lapack_lstsq(am.data(), work.data(), out.s.data(), m, n, k, static_cast<R>(rcond));
  array<R> x = work(slice(0, n), all).copy();
  out.x = b.ndim() == 1 ? x.reshape(shape_t{n}) : x;
  if (out.rank == n && m > n) {
    array<R> tail = work(slice(n, m), all);
    out.residuals = sum(tail * tail, 0);
  } else {
    out.residuals = array<R>(shape_t{0});
  }
  return out;
}

}  // namespace linalg

}  // namespace nd
