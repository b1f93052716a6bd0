// nd::linalg's factorizations through LAPACKE (the LAPACK of OpenBLAS), on C-order
// stacks of matrices (LAPACK_ROW_MAJOR). Each matrix is one single-threaded LAPACK call;
// the entries of a stack are spread over nd's pool (linalg_backend.hpp: why LAPACK
// itself runs on one thread). A failing entry throws linalg_error; with several, the
// lowest entry's error is the one thrown, whatever the thread count.
#include <lapacke.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "linalg_backend.hpp"
#include "nd/linalg.hpp"
#include "parallel.hpp"

namespace nd::detail {
namespace {

using lint = lapack_int;

template <class R>
struct lapack;
#define ND_LAPACK_TRAITS(R, p)                                                                                        \
  template <>                                                                                                         \
  struct lapack<R> {                                                                                                  \
    static lint gesv(lint n, lint nrhs, R* a, lint* ipiv, R* b) {                                                     \
      return LAPACKE_##p##gesv(LAPACK_ROW_MAJOR, n, nrhs, a, n, ipiv, b, std::max<lint>(nrhs, 1));                    \
    }                                                                                                                 \
    static lint getrf(lint n, R* a, lint* ipiv) { return LAPACKE_##p##getrf(LAPACK_ROW_MAJOR, n, n, a, n, ipiv); }    \
    static lint potrf(lint n, R* a) { return LAPACKE_##p##potrf(LAPACK_ROW_MAJOR, 'L', n, a, n); }                    \
    static lint geqrf(lint m, lint n, R* a, R* tau) { return LAPACKE_##p##geqrf(LAPACK_ROW_MAJOR, m, n, a, n, tau); } \
    static lint orgqr(lint m, lint k, R* q, const R* tau) {                                                           \
      return LAPACKE_##p##orgqr(LAPACK_ROW_MAJOR, m, k, k, q, k, tau);                                                \
    }                                                                                                                 \
    static lint syevd(lint n, R* a, R* w) { return LAPACKE_##p##syevd(LAPACK_ROW_MAJOR, 'V', 'L', n, a, n, w); }      \
    static lint gesdd(char job, lint m, lint n, R* a, R* s, R* u, lint ldu, R* vt, lint ldvt) {                       \
      return LAPACKE_##p##gesdd(LAPACK_ROW_MAJOR, job, m, n, a, n, s, u, ldu, vt, ldvt);                              \
    }                                                                                                                 \
    static lint gelsd(lint m, lint n, lint nrhs, R* a, R* b, R* s, R rcond, lint* rank) {                             \
      return LAPACKE_##p##gelsd(LAPACK_ROW_MAJOR, m, n, nrhs, a, n, b, std::max<lint>(nrhs, 1), s, rcond, rank);      \
    }                                                                                                                 \
  };
ND_LAPACK_TRAITS(float, s)
ND_LAPACK_TRAITS(double, d)
#undef ND_LAPACK_TRAITS

// Runs f(entry) for every entry of a stack on nd's pool, LAPACK on one thread.
template <class F>
void for_each_entry(index_t batch, F&& f) {
  use_single_threaded_blas();
  parallel_for(batch, [&](index_t t) { f(t); });
}

// LAPACKE returns a negative info for an argument it refuses: a bug of ours, not the
// caller's.
void check_arguments(lint info, const char* routine) {
  if (info < 0) throw error(std::string("nd: LAPACKE ") + routine + " refused argument " + std::to_string(-info));
}

}  // namespace

template <class R>
void lapack_solve(R* a, R* b, index_t batch, index_t n, index_t nrhs) {
  if (n == 0) return;
  for_each_entry(batch, [&](index_t t) {
    std::vector<lint> ipiv(static_cast<std::size_t>(n));
    const lint info = lapack<R>::gesv(n, nrhs, a + t * n * n, ipiv.data(), b + t * n * nrhs);
    check_arguments(info, "gesv");
    if (info > 0) throw linalg_error("Singular matrix");
  });
}

template <class R>
void lapack_det(R* a, R* det, index_t batch, index_t n) {
  for_each_entry(batch, [&](index_t t) {
    R* m = a + t * n * n;
    if (n == 0) {
      det[t] = 1;
      return;
    }
    std::vector<lint> ipiv(static_cast<std::size_t>(n));
    const lint info = lapack<R>::getrf(n, m, ipiv.data());
    check_arguments(info, "getrf");
    // An exactly singular U (info > 0) has a zero on its diagonal: the product is 0.
    R d = 1;
    for (index_t i = 0; i < n; ++i) {
      d *= m[i * n + i];
      if (ipiv[static_cast<std::size_t>(i)] != i + 1) d = -d;
    }
    det[t] = d;
  });
}

template <class R>
void lapack_cholesky(R* a, index_t batch, index_t n) {
  if (n == 0) return;
  for_each_entry(batch, [&](index_t t) {
    R* m = a + t * n * n;
    const lint info = lapack<R>::potrf(n, m);
    check_arguments(info, "potrf");
    if (info > 0) throw linalg_error("Matrix is not positive definite");
    for (index_t i = 0; i < n; ++i) std::fill(m + i * n + i + 1, m + (i + 1) * n, R{0});
  });
}

template <class R>
void lapack_qr(R* a, R* q, R* r, index_t batch, index_t m, index_t n) {
  const index_t k = std::min(m, n);
  if (k == 0) return;
  for_each_entry(batch, [&](index_t t) {
    R* am = a + t * m * n;
    R* qm = q + t * m * k;
    R* rm = r + t * k * n;
    std::vector<R> tau(static_cast<std::size_t>(k));
    check_arguments(lapack<R>::geqrf(m, n, am, tau.data()), "geqrf");
    for (index_t i = 0; i < k; ++i)
      for (index_t j = 0; j < n; ++j) rm[i * n + j] = j >= i ? am[i * n + j] : R{0};
    for (index_t i = 0; i < m; ++i) std::copy(am + i * n, am + i * n + k, qm + i * k);
    check_arguments(lapack<R>::orgqr(m, k, qm, tau.data()), "orgqr");
  });
}

template <class R>
void lapack_eigh(R* a, R* w, index_t batch, index_t n) {
  if (n == 0) return;
  for_each_entry(batch, [&](index_t t) {
    const lint info = lapack<R>::syevd(n, a + t * n * n, w + t * n);
    check_arguments(info, "syevd");
    if (info > 0) throw linalg_error("Eigenvalues did not converge");
  });
}

template <class R>
void lapack_svd(R* a, R* u, R* s, R* vt, index_t batch, index_t m, index_t n, bool full) {
  const index_t k = std::min(m, n);
  const index_t ucols = full ? m : k, vrows = full ? n : k;
  for_each_entry(batch, [&](index_t t) {
    R* um = u + t * m * ucols;
    R* vm = vt + t * vrows * n;
    if (k == 0) {  // nothing to factor: U and Vh are identities (full) or empty
      for (index_t i = 0; i < std::min(m, ucols); ++i) um[i * ucols + i] = 1;
      for (index_t i = 0; i < std::min(vrows, n); ++i) vm[i * n + i] = 1;
      return;
    }
    const lint info = lapack<R>::gesdd(full ? 'A' : 'S', m, n, a + t * m * n, s + t * k, um, ucols, vm, n);
    check_arguments(info, "gesdd");
    if (info > 0) throw linalg_error("SVD did not converge");
  });
}

template <class R>
index_t lapack_lstsq(R* a, R* b, R* s, index_t m, index_t n, index_t nrhs, R rcond) {
  use_single_threaded_blas();
  lint rank = 0;
  const lint info = lapack<R>::gelsd(m, n, nrhs, a, b, s, rcond, &rank);
  check_arguments(info, "gelsd");
  if (info > 0) throw linalg_error("SVD did not converge in Linear Least Squares");
  return rank;
}

#define ND_LAPACK_INSTANTIATE(R)                                                \
  template void lapack_solve<R>(R*, R*, index_t, index_t, index_t);             \
  template void lapack_det<R>(R*, R*, index_t, index_t);                        \
  template void lapack_cholesky<R>(R*, index_t, index_t);                       \
  template void lapack_qr<R>(R*, R*, R*, index_t, index_t, index_t);            \
  template void lapack_eigh<R>(R*, R*, index_t, index_t);                       \
  template void lapack_svd<R>(R*, R*, R*, R*, index_t, index_t, index_t, bool); \
  template index_t lapack_lstsq<R>(R*, R*, R*, index_t, index_t, index_t, R);
ND_LAPACK_INSTANTIATE(float)
ND_LAPACK_INSTANTIATE(double)
#undef ND_LAPACK_INSTANTIATE

}  // namespace nd::detail
