// nd::matmul and nd::dot on the BLAS path (float and double): operand layouts BLAS
// takes as they are and ones that are packed, the matrix-vector and vector paths, the
// out forms, and results that do not depend on the thread count.
#include <gtest/gtest.h>

#include "test_support.hpp"

#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include <nd/nd.hpp>

// OpenBLAS's own thread controls (the runtime links OpenBLAS).
extern "C" {
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
}

namespace {

using nd::index_t;
using nd_test::expect_message;

// Values in [-1, 1) from a fixed generator.
template <class T = double>
nd::array<T> values(const nd::shape_t& shape, std::uint64_t seed) {
  return (nd::random::default_rng(seed).random(shape) * 2.0 - 1.0).template astype<T>();
}

// A @ B of two 2-D arrays by a loop in long double, read through element access.
template <class T>
nd::array<double> reference_product(const nd::array<T>& a, const nd::array<T>& b) {
  nd::array<double> c = nd::empty<double>({a.shape(0), b.shape(1)});
  for (index_t i = 0; i < a.shape(0); ++i)
    for (index_t j = 0; j < b.shape(1); ++j) {
      long double s = 0;
      for (index_t p = 0; p < a.shape(1); ++p) s += static_cast<long double>(a(i, p)) * b(p, j);
      c(i, j) = static_cast<double>(s);
    }
  return c;
}

template <class T>
void expect_near_product(const nd::array<T>& c, const nd::array<T>& a, const nd::array<T>& b) {
  const nd::array<double> want = reference_product(a, b);
  ASSERT_EQ(c.ndim(), 2);
  ASSERT_EQ(c.shape(0), want.shape(0));
  ASSERT_EQ(c.shape(1), want.shape(1));
  // |error| <= k * eps * sum |a| |b| <= k * eps * k for values in [-1, 1].
  const double k = static_cast<double>(a.shape(1));
  const double tol = 2 * k * k * std::numeric_limits<T>::epsilon() + 1e-300;
  for (index_t i = 0; i < c.shape(0); ++i)
    for (index_t j = 0; j < c.shape(1); ++j) EXPECT_NEAR(c(i, j), want(i, j), tol) << i << "," << j;
}

bool same_bytes(const nd::array<double>& x, const nd::array<double>& y) {
  return x.size() == y.size() && std::memcmp(x.data(), y.data(), sizeof(double) * x.size()) == 0;
}

TEST(BlasLayouts, TransposedOperandsArePassedAsTheyAre) {
  nd::array<double> a = values({40, 30}, 1), b = values({50, 40}, 2);
  expect_near_product(nd::matmul(a.T(), b.T()), a.T(), b.T());  // both column-major
  expect_near_product(nd::matmul(a.T(), a), a.T(), a);
  nd::array<float> af = values<float>({33, 17}, 3);
  expect_near_product(nd::matmul(af, af.T()), af, af.T());
}

TEST(BlasLayouts, StridedNegativeAndZeroStridesArePackedOrPassedWithALeadingDimension) {
  nd::array<double> base = values({60, 70}, 4);
  // Rows of a larger matrix: unit column stride, leading dimension 70.
  nd::array<double> rows = base(nd::slice(5, 45), nd::slice(3, 33));
  // Every other column: two non-unit strides, packed.
  nd::array<double> cols = base(nd::slice(0, 30), nd::slice(0, 70, 2));
  // Reversed rows and reversed columns: negative strides, packed.
  nd::array<double> rev = base(nd::slice(nd::none, nd::none, -1), nd::slice(nd::none, nd::none, -2));
  nd::array<double> rev_part = rev(nd::slice(0, 35), nd::all);
  expect_near_product(nd::matmul(rows, cols), rows, cols);
  expect_near_product(nd::matmul(rev_part.T(), rows(nd::slice(0, 35), nd::all)), rev_part.T(),
                      rows(nd::slice(0, 35), nd::all));
  // A broadcast (zero-stride) operand.
  nd::array<double> row = values({1, 30}, 5);
  nd::array<double> tiled = nd::broadcast_to(row, nd::shape_t{20, 30});
  expect_near_product(nd::matmul(tiled, cols), tiled, cols);
}

TEST(BlasLayouts, MatrixVectorAndInnerProductsWithStridedVectors) {
  nd::array<double> m = values({300, 200}, 6);
  nd::array<double> xs = values({400}, 7);
  nd::array<double> x = xs(nd::slice(nd::none, nd::none, -2));  // 200 elements, stride -2
  nd::array<double> y = nd::matmul(m, x);
  nd::array<double> yt = nd::matmul(x, m.T());
  nd::array<double> x_col = x.copy().reshape({200, 1});
  const nd::array<double> want = reference_product(m, x_col);
  ASSERT_EQ(y.ndim(), 1);
  for (index_t i = 0; i < 300; ++i) {
    EXPECT_NEAR(y(i), want(i, 0), 1e-12);
    EXPECT_NEAR(yt(i), want(i, 0), 1e-12);
  }
  nd::array<double> d = nd::dot(x, xs(nd::slice(0, 200)));
  long double s = 0;
  for (index_t i = 0; i < 200; ++i) s += static_cast<long double>(x(i)) * xs(i);
  EXPECT_NEAR(d.item(), static_cast<double>(s), 1e-12);
}

TEST(BlasLayouts, BatchedBroadcastOverStridedStacks) {
  nd::array<double> a = values({3, 1, 8, 5}, 8);
  // A stack of 6 matrices of 5 x 4 with a reversed and permuted layout.
  nd::array<double> b = values({4, 6, 5}, 9)(nd::slice(nd::none, nd::none, -1), nd::all, nd::all).T();  // (5, 6, 4)
  nd::array<double> bk = nd::transpose(b, std::vector<int>{1, 0, 2});                                    // (6, 5, 4)
  nd::array<double> c = nd::matmul(a, bk);                                // (3, 6, 8, 4)
  ASSERT_EQ(c.ndim(), 4);
  for (index_t p = 0; p < 3; ++p)
    for (index_t q = 0; q < 6; ++q) {
      nd::array<double> got = c(p, q, nd::all, nd::all);
      expect_near_product(got, nd::array<double>(a(p, 0, nd::all, nd::all)),
                          nd::array<double>(bk(q, nd::all, nd::all)));
    }
}

TEST(BlasLayouts, EmptyExtents) {
  nd::array<double> z = nd::matmul(nd::empty<double>({4, 0}), nd::empty<double>({0, 3}));
  for (index_t i = 0; i < 4; ++i)
    for (index_t j = 0; j < 3; ++j) EXPECT_EQ(z(i, j), 0.0);
  nd::array<float> e = nd::matmul(nd::empty<float>({2, 0, 5}), nd::empty<float>({5, 3}));
  EXPECT_EQ(e.size(), 0);
  EXPECT_EQ(nd::dot(nd::empty<double>({0}), nd::empty<double>({0})).item(), 0.0);
}

TEST(BlasLayouts, MixedTypesPromoteBeforeBlas) {
  nd::array<std::int32_t> a = nd::arange<std::int32_t>(0, 12).reshape({3, 4});
  nd::array<float> b = values<float>({4, 2}, 10);
  auto c = nd::matmul(a, b);  // int32 with float32 is float64, as NumPy
  static_assert(std::is_same_v<decltype(c), nd::array<double>>);
  expect_near_product(c, a.astype<double>(), b.astype<double>());
}

// ---- threads ---------------------------------------------------------------------------

class BlasThreads : public ::testing::Test {
 protected:
  void SetUp() override { saved_ = nd::get_num_threads(); }
  void TearDown() override { nd::set_num_threads(saved_); }
  int saved_ = 1;
};

TEST_F(BlasThreads, TiledProductsAreTheSameBytesOnEveryThreadCount) {
  // Large enough to be cut into tiles (and the batch into groups).
  nd::array<double> a = values({300, 280}, 11), b = values({280, 310}, 12);
  nd::array<double> stack_a = values({200, 9, 7}, 13), stack_b = values({7, 11}, 14);
  nd::array<double> m = values({2000, 600}, 15), x = values({600}, 16);
  nd::set_num_threads(1);
  const nd::array<double> c1 = nd::matmul(a, b), s1 = nd::matmul(stack_a, stack_b), v1 = nd::matmul(m, x),
                          w1 = nd::matmul(x, m.T());
  for (int threads : {2, 3, 5}) {
    nd::set_num_threads(threads);
    EXPECT_TRUE(same_bytes(nd::matmul(a, b), c1)) << threads;
    EXPECT_TRUE(same_bytes(nd::matmul(stack_a, stack_b), s1)) << threads;
    EXPECT_TRUE(same_bytes(nd::matmul(m, x), v1)) << threads;
    EXPECT_TRUE(same_bytes(nd::matmul(x, m.T()), w1)) << threads;
  }
  expect_near_product(c1, a, b);
}

TEST_F(BlasThreads, OpenBlasIsSetBackToOneThreadBeforeEachCall) {
  openblas_set_num_threads(2);  // as a program calling OpenBLAS itself might
  nd::array<double> a = values({8, 8}, 26);
  (void)nd::matmul(a, a);
  EXPECT_EQ(openblas_get_num_threads(), 1);
}

// ---- out forms -------------------------------------------------------------------------

TEST(MatmulOut, WritesIntoOutAndCastsSameKind) {
  nd::array<double> a = values({6, 4}, 17), b = values({4, 5}, 18);
  nd::array<double> want = nd::matmul(a, b);
  nd::array<double> out = nd::zeros<double>({6, 5});
  nd::reset_memory_stats();
  nd::array<double>& r = nd::matmul(a, b, out);
  EXPECT_EQ(nd::memory_stats().buffer_allocations, 0);  // written in place, no temporary
  EXPECT_EQ(&r, &out);
  EXPECT_TRUE(same_bytes(out, want));
  nd::array<float> outf = nd::zeros<float>({6, 5});
  nd::matmul(a, b, outf);  // float64 into float32: same kind
  EXPECT_FLOAT_EQ(outf(2, 3), static_cast<float>(want(2, 3)));
  // A temporary view as out; the result broadcast into out's extra leading axis.
  nd::array<double> big = nd::zeros<double>({2, 6, 10});
  nd::matmul(a, b, big(nd::all, nd::all, nd::slice(0, 10, 2)));
  EXPECT_EQ(big(1, 4, 6), want(4, 3));
  EXPECT_EQ(big(0, 4, 7), 0.0);
}

TEST(MatmulOut, NegativeStrideOut) {
  nd::array<double> a = values({3, 4}, 27), b = values({4, 1}, 28);
  nd::array<double> want = nd::matmul(a, b);
  nd::array<double> base = nd::zeros<double>({3, 1});
  nd::matmul(a, b, base(nd::slice(nd::none, nd::none, -1), nd::all));
  for (index_t i = 0; i < 3; ++i) EXPECT_EQ(base(2 - i, 0), want(i, 0));
}

TEST(MatmulOut, OutMayBeAnOperand) {
  nd::array<double> a = values({5, 5}, 19), b = values({5, 5}, 20);
  nd::array<double> want = nd::matmul(a, b);
  nd::matmul(a, b, a);
  EXPECT_TRUE(same_bytes(a, want));
}

TEST(MatmulOut, ErrorsUseNumPyWording) {
  nd::array<double> a = values({2, 3}, 21), b = values({3, 4}, 22);
  nd::array<double> wrong_core = nd::empty<double>({2, 2});
  expect_message<nd::value_error>([&] { nd::matmul(a, b, wrong_core); },
                                  "matmul: Output operand 0 has a mismatch in its core dimension 1, with gufunc "
                                  "signature (n?,k),(k,m?)->(n?,m?) (size 2 is different from 4)");
  nd::array<std::int64_t> ints = nd::empty<std::int64_t>({2, 4});
  expect_message<nd::type_error>([&] { nd::matmul(a, b, ints); },
                                 "Cannot cast ufunc 'matmul' output from dtype('float64') to dtype('int64') with "
                                 "casting rule 'same_kind'");
  nd::array<double> small = nd::empty<double>({2, 4});
  EXPECT_THROW(nd::matmul(values({3, 2, 3}, 23), b, small), nd::value_error);
  nd::array<double> mismatched = nd::empty<double>({2, 2, 4});
  EXPECT_THROW(nd::matmul(values({3, 2, 3}, 23), b, mismatched), nd::shape_error);
}

TEST(DotOut, NumPysConditionsOnOut) {
  nd::array<double> a = values({3, 4}, 24), b = values({4, 2}, 25);
  nd::array<double> out = nd::empty<double>({3, 2});
  nd::dot(a, b, out);
  EXPECT_TRUE(same_bytes(out, nd::dot(a, b)));
  nd::array<double> wrong = nd::empty<double>({3, 3});
  expect_message<nd::value_error>([&] { nd::dot(a, b, wrong); }, "output array has wrong dimensions");
  const std::string not_acceptable =
      "output array is not acceptable (must have the right datatype, number of dimensions, and be a C-Array)";
  nd::array<float> f = nd::empty<float>({3, 2});
  expect_message<nd::value_error>([&] { nd::dot(a, b, f); }, not_acceptable);
  nd::array<double> strided = nd::empty<double>({3, 4});
  expect_message<nd::value_error>([&] { nd::dot(a, b, strided(nd::all, nd::slice(0, 4, 2))); }, not_acceptable);
  nd::array<double> flat = nd::empty<double>({6});
  expect_message<nd::value_error>([&] { nd::dot(a, b, flat); }, not_acceptable);
}

}  // namespace
