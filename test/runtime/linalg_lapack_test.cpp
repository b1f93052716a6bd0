// nd::linalg's factorizations: each checked by what it promises (a x = b, Q R = a,
// U diag(S) Vh = a, ...), with NumPy's shapes, types and errors.
#include <gtest/gtest.h>

#include "test_support.hpp"

#include <cmath>
#include <cstring>
#include <type_traits>
#include <vector>

#include <nd/nd.hpp>

namespace {

using nd::index_t;
using nd_test::expect_message;

nd::array<double> eye(index_t n) {
  nd::array<double> e = nd::zeros<double>({n, n});
  for (index_t i = 0; i < n; ++i) e(i, i) = 1.0;
  return e;
}

// The transposes of a stack of matrices.
nd::array<double> transposed(const nd::array<double>& a) {
  std::vector<int> axes;
  for (int d = 0; d < a.ndim(); ++d) axes.push_back(d);
  std::swap(axes[a.ndim() - 1], axes[a.ndim() - 2]);
  return nd::transpose(a, axes);
}

// A random matrix (or stack) plus n on the diagonal: well conditioned.
nd::array<double> well_conditioned(const nd::shape_t& shape, std::uint64_t seed) {
  nd::array<double> a = nd::random::default_rng(seed).random(shape) * 2.0 - 1.0;
  const index_t n = shape[shape.size() - 1];
  a += eye(n) * static_cast<double>(n);
  return a;
}

nd::array<double> symmetric_positive(index_t n, std::uint64_t seed) {
  nd::array<double> g = nd::random::default_rng(seed).random({n, n});
  return nd::matmul(g, g.T()) + eye(n);
}

double max_abs_diff(const nd::array<double>& x, const nd::array<double>& y) {
  EXPECT_EQ(x.size(), y.size());
  return nd::max(nd::abs(x - y));
}

TEST(LinalgSolve, SolvesMatricesAndVectorsWithBroadcastBatches) {
  nd::array<double> a = well_conditioned({2, 1, 4, 4}, 1);
  nd::array<double> b = nd::random::default_rng(2).random({1, 3, 4, 2});
  nd::array<double> x = nd::linalg::solve(a, b);  // batch (2, 1) with (1, 3): (2, 3)
  const std::vector<index_t> shape{2, 3, 4, 2};
  ASSERT_EQ(std::vector<index_t>(x.shape().begin(), x.shape().end()), shape);
  nd::array<double> ax = nd::matmul(a, x);
  EXPECT_LT(max_abs_diff(ax, nd::broadcast_to(b, nd::shape_t{2, 3, 4, 2}).copy()), 1e-12);
  // b.ndim == a.ndim - 1: a stack of vectors (NumPy 1.24's rule; b of shape (3, 4, 2)
  // would be vectors of length 2, a mismatch).
  nd::array<double> v = nd::random::default_rng(3).random({2, 1, 4});
  nd::array<double> xv = nd::linalg::solve(a, v);
  ASSERT_EQ(xv.ndim(), 3);
  EXPECT_LT(max_abs_diff(nd::matmul(a, xv(nd::ellipsis, nd::newaxis))(nd::ellipsis, 0), v), 1e-12);
}

TEST(LinalgSolve, SingularMatrixThrowsLinalgError) {
  nd::array<double> s{{1.0, 2.0}, {2.0, 4.0}};
  expect_message<nd::linalg_error>([&] { (void)nd::linalg::solve(s, nd::array<double>{1.0, 1.0}); },
                                   "Singular matrix");
  EXPECT_THROW((void)nd::linalg::inv(s), nd::value_error);  // linalg_error is a value_error
  static_assert(std::is_base_of_v<nd::value_error, nd::linalg_error>);
}

TEST(LinalgSolve, ShapeErrorsUseNumPyWording) {
  expect_message<nd::linalg_error>([] { (void)nd::linalg::inv(nd::array<double>{1.0, 2.0}); },
                                   "1-dimensional array given. Array must be at least two-dimensional");
  expect_message<nd::linalg_error>([] { (void)nd::linalg::det(nd::zeros<double>({2, 3})); },
                                   "Last 2 dimensions of the array must be square");
  expect_message<nd::value_error>(
      [] { (void)nd::linalg::solve(eye(2), nd::zeros<double>({3, 1})); },
      "solve: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature "
      "(m,m),(m,n)->(m,n) (size 3 is different from 2)");
  EXPECT_THROW((void)nd::linalg::solve(nd::zeros<double>({2, 2, 2}) + eye(2), nd::zeros<double>({3, 2, 1})),
               nd::shape_error);
  EXPECT_THROW((void)nd::linalg::solve(well_conditioned({2, 1, 4, 4}, 1), nd::zeros<double>({3, 4, 2})),
               nd::value_error);
}

TEST(LinalgInv, InverseTimesMatrixIsTheIdentityAndIntegersPromote) {
  nd::array<double> a = well_conditioned({3, 5, 5}, 4);
  nd::array<double> ai = nd::linalg::inv(a);
  EXPECT_LT(max_abs_diff(nd::matmul(a, ai), nd::broadcast_to(eye(5), nd::shape_t{3, 5, 5}).copy()),
            1e-12);
  auto ii = nd::linalg::inv(nd::array<std::int32_t>{{2, 0}, {0, 4}});
  static_assert(std::is_same_v<decltype(ii), nd::array<double>>);
  EXPECT_EQ(ii(1, 1), 0.25);
  auto fi = nd::linalg::inv(nd::array<float>{{2, 0}, {0, 4}});
  static_assert(std::is_same_v<decltype(fi), nd::array<float>>);
  EXPECT_EQ(nd::linalg::inv(nd::zeros<double>({0, 0})).size(), 0);
}

TEST(LinalgDet, KnownValuesSingularAndEmpty) {
  EXPECT_NEAR(nd::linalg::det(nd::array<double>{{1, 2}, {3, 4}}).item(), -2.0, 1e-14);
  EXPECT_EQ(nd::linalg::det(nd::array<double>{{1, 2}, {2, 4}}).item(), 0.0);
  EXPECT_EQ(nd::linalg::det(nd::zeros<double>({0, 0})).item(), 1.0);
  nd::array<double> p{{0, 1, 0}, {1, 0, 0}, {0, 0, 1}};  // a row swap: -1
  EXPECT_EQ(nd::linalg::det(p).item(), -1.0);
  nd::array<double> stack = nd::stack(std::vector<nd::array<double>>{p, eye(3) * 2.0});
  nd::array<double> d = nd::linalg::det(stack);
  ASSERT_EQ(d.ndim(), 1);
  EXPECT_EQ(d(0), -1.0);
  EXPECT_NEAR(d(1), 8.0, 1e-14);
}

TEST(LinalgCholesky, LowerFactorAndNotPositiveDefinite) {
  nd::array<double> a = symmetric_positive(6, 5);
  nd::array<double> l = nd::linalg::cholesky(a);
  for (index_t i = 0; i < 6; ++i)
    for (index_t j = i + 1; j < 6; ++j) EXPECT_EQ(l(i, j), 0.0);
  EXPECT_LT(max_abs_diff(nd::matmul(l, l.T()), a), 1e-12);
  expect_message<nd::linalg_error>([] { (void)nd::linalg::cholesky(eye(3) * -1.0); },
                                   "Matrix is not positive definite");
}

TEST(LinalgQr, ReducedFactorsOfTallAndWideMatrices) {
  for (const nd::shape_t& shape : {nd::shape_t{7, 4}, nd::shape_t{3, 6}, nd::shape_t{2, 5, 5}}) {
    nd::array<double> a = nd::random::default_rng(6).random(shape);
    auto [q, r] = nd::linalg::qr(a);
    const index_t m = shape[shape.size() - 2], n = shape[shape.size() - 1], k = std::min(m, n);
    ASSERT_EQ(q.shape(-1), k);
    ASSERT_EQ(r.shape(-2), k);
    EXPECT_LT(max_abs_diff(nd::matmul(q, r), a), 1e-12);
    nd::array<double> qtq = nd::matmul(transposed(q), q);
    EXPECT_LT(max_abs_diff(qtq, nd::broadcast_to(eye(k), qtq.shape()).copy()), 1e-12);
    const nd::array<double> r0 = r.reshape({-1, k, n});
    for (index_t t = 0; t < r0.shape(0); ++t)
      for (index_t i = 0; i < k; ++i)
        for (index_t j = 0; j < i; ++j) EXPECT_EQ(r0(t, i, j), 0.0);
  }
}

TEST(LinalgEigh, EigenpairsAscending) {
  nd::array<double> a = symmetric_positive(5, 7) - eye(5) * 3.0;
  auto [w, v] = nd::linalg::eigh(a);
  ASSERT_EQ(w.ndim(), 1);
  for (index_t i = 1; i < 5; ++i) EXPECT_LE(w(i - 1), w(i));
  EXPECT_LT(max_abs_diff(nd::matmul(a, v), v * w), 1e-12);  // column j scaled by w(j)
  // Only the lower triangle is read, as NumPy's UPLO='L'.
  nd::array<double> upper_garbage = a.copy();
  upper_garbage(0, 4) = 1e6;
  EXPECT_LT(max_abs_diff(nd::linalg::eigh(upper_garbage).eigenvalues, w), 1e-12);
}

TEST(LinalgSvd, FullAndReducedReconstruct) {
  nd::array<double> a = nd::random::default_rng(8).random({2, 6, 4});
  auto [u, s, vh] = nd::linalg::svd(a);
  EXPECT_EQ(u.shape(-1), 6);
  EXPECT_EQ(vh.shape(-2), 4);
  for (index_t i = 1; i < 4; ++i) EXPECT_GE(s(0, i - 1), s(0, i));
  auto [ur, sr, vhr] = nd::linalg::svd(a, false);
  EXPECT_EQ(ur.shape(-1), 4);
  nd::array<double> back = nd::matmul(ur * sr(nd::all, nd::newaxis, nd::all), vhr);
  EXPECT_LT(max_abs_diff(back, a), 1e-12);
  EXPECT_LT(max_abs_diff(sr, s), 1e-12);
  // An empty matrix: identities, no singular values.
  auto e = nd::linalg::svd(nd::zeros<double>({3, 0}));
  EXPECT_EQ(e.S.size(), 0);
  EXPECT_EQ(e.U(2, 2), 1.0);
}

TEST(LinalgLstsq, OverdeterminedAndRankDeficient) {
  nd::array<double> a = nd::random::default_rng(9).random({8, 3});
  nd::array<double> b = nd::random::default_rng(10).random({8});
  auto [x, residuals, rank, s] = nd::linalg::lstsq(a, b);
  EXPECT_EQ(rank, 3);
  ASSERT_EQ(x.ndim(), 1);
  // The normal equations: A^T A x = A^T b.
  nd::array<double> lhs = nd::matmul(a.T(), nd::matmul(a, x)), rhs = nd::matmul(a.T(), b);
  EXPECT_LT(max_abs_diff(lhs, rhs), 1e-12);
  ASSERT_EQ(residuals.size(), 1);
  nd::array<double> res = nd::matmul(a, x) - b;
  EXPECT_NEAR(residuals(0), nd::sum(res * res), 1e-12);
  EXPECT_EQ(s.size(), 3);
  // Two equal columns: rank 2, no residuals.
  nd::array<double> d = nd::concatenate(std::vector<nd::array<double>>{a, a(nd::all, nd::slice(0, 1))}, 1);
  auto deficient = nd::linalg::lstsq(d, b);
  EXPECT_EQ(deficient.rank, 3);
  EXPECT_EQ(deficient.residuals.size(), 0);
  expect_message<nd::linalg_error>([&] { (void)nd::linalg::lstsq(a, nd::zeros<double>({7})); },
                                   "Incompatible dimensions");
}

class LinalgThreads : public ::testing::Test {
 protected:
  void SetUp() override { saved_ = nd::get_num_threads(); }
  void TearDown() override { nd::set_num_threads(saved_); }
  int saved_ = 1;
};

TEST_F(LinalgThreads, StacksGiveTheSameBytesOnEveryThreadCountAndTheLowestError) {
  nd::array<double> a = well_conditioned({40, 6, 6}, 11);
  nd::set_num_threads(1);
  const nd::array<double> inv1 = nd::linalg::inv(a), det1 = nd::linalg::det(a);
  nd::set_num_threads(3);
  const nd::array<double> inv3 = nd::linalg::inv(a), det3 = nd::linalg::det(a);
  EXPECT_EQ(std::memcmp(inv1.data(), inv3.data(), sizeof(double) * inv1.size()), 0);
  EXPECT_EQ(std::memcmp(det1.data(), det3.data(), sizeof(double) * det1.size()), 0);
  nd::array<double> bad = a.copy();
  bad(nd::slice(10, 12), nd::all, nd::all).fill(0.0);
  expect_message<nd::linalg_error>([&] { (void)nd::linalg::inv(bad); }, "Singular matrix");
}

}  // namespace
