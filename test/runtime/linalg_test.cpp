// nd::matmul, nd::dot and nd::vdot against triple loops over element access.
#include <gtest/gtest.h>

#include "test_support.hpp"

#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include <nd/creation.hpp>
#include <nd/linalg.hpp>

namespace {

using nd::index_t;
using nd_test::expect_message;

// Small integers, distinct enough to catch transposed or shifted operands, exact in
// every element type.
template <class T>
nd::array<T> pattern(const nd::shape_t& shape, int seed) {
  nd::array<T> a = nd::empty<T>(shape);
  for (index_t k = 0; k < a.size(); ++k) a.data()[k] = static_cast<T>((k * 7 + seed * 3) % 5 - 2);
  return a;
}

template <class T>
T loop_product(const nd::array<T>& a, const nd::array<T>& b, index_t i, index_t j) {
  T s{};
  for (index_t p = 0; p < a.shape(1); ++p) s = static_cast<T>(s + a(i, p) * b(p, j));
  return s;
}

TEST(Matmul, TwoDimensionalMatchesLoops) {
  nd::array<double> a = pattern<double>({5, 7}, 1);
  nd::array<double> b = pattern<double>({7, 3}, 2);
  nd::array<double> c = nd::matmul(a, b);
  ASSERT_EQ(c.shape(0), 5);
  ASSERT_EQ(c.shape(1), 3);
  for (index_t i = 0; i < 5; ++i)
    for (index_t j = 0; j < 3; ++j) EXPECT_EQ(c(i, j), loop_product(a, b, i, j));
}

TEST(Matmul, LargerThanOneCacheBlockWithinFloatTolerance) {
  const index_t n = 37, k = 600, m = 1100;  // k and m cross the kernel's block sizes
  nd::array<float> a = nd::empty<float>({n, k});
  nd::array<float> b = nd::empty<float>({k, m});
  for (index_t i = 0; i < n; ++i)
    for (index_t p = 0; p < k; ++p) a(i, p) = static_cast<float>(((i + 3 * p) % 11) - 5) / 7.0f;
  for (index_t p = 0; p < k; ++p)
    for (index_t j = 0; j < m; ++j) b(p, j) = static_cast<float>(((2 * p + j) % 13) - 6) / 5.0f;
  nd::array<float> c = nd::matmul(a, b);
  for (index_t i = 0; i < n; i += 6)
    for (index_t j = 0; j < m; j += 97) {
      double s = 0;
      for (index_t p = 0; p < k; ++p) s += static_cast<double>(a(i, p)) * static_cast<double>(b(p, j));
      EXPECT_NEAR(c(i, j), s, 1e-3 * (1 + std::abs(s)));
    }
}

TEST(Matmul, NonContiguousOperandsArePacked) {
  nd::array<double> base = pattern<double>({6, 8}, 3);
  nd::array<double> a = base(nd::slice(nd::none, nd::none, 2), nd::slice(1, 7));  // (3, 6) strided
  nd::array<double> b = base(nd::slice(nd::none, nd::none, -1), nd::slice(0, 4)).T().T();  // (6, 4), negative row stride
  nd::array<double> c = nd::matmul(a, b);
  ASSERT_EQ(c.shape(0), 3);
  ASSERT_EQ(c.shape(1), 4);
  for (index_t i = 0; i < 3; ++i)
    for (index_t j = 0; j < 4; ++j) EXPECT_EQ(c(i, j), loop_product(a, b, i, j));
  nd::array<double> d = nd::matmul(a.T(), a);  // (6, 6) from a transposed view
  for (index_t i = 0; i < 6; ++i)
    for (index_t j = 0; j < 6; ++j) EXPECT_EQ(d(i, j), loop_product(a.T(), a, i, j));
}

TEST(Matmul, OneDimensionalOperandsArePromotedAndRemoved) {
  nd::array<double> m = pattern<double>({3, 4}, 1);
  nd::array<double> x = pattern<double>({4}, 2);
  nd::array<double> y = pattern<double>({3}, 3);
  nd::array<double> mx = nd::matmul(m, x);
  ASSERT_EQ(mx.ndim(), 1);
  ASSERT_EQ(mx.shape(0), 3);
  for (index_t i = 0; i < 3; ++i) {
    double s = 0;
    for (index_t p = 0; p < 4; ++p) s += m(i, p) * x(p);
    EXPECT_EQ(mx(i), s);
  }
  nd::array<double> ym = nd::matmul(y, m);
  ASSERT_EQ(ym.ndim(), 1);
  ASSERT_EQ(ym.shape(0), 4);
  for (index_t j = 0; j < 4; ++j) {
    double s = 0;
    for (index_t p = 0; p < 3; ++p) s += y(p) * m(p, j);
    EXPECT_EQ(ym(j), s);
  }
  nd::array<double> xx = nd::matmul(x, x);
  EXPECT_EQ(xx.ndim(), 0);
  double s = 0;
  for (index_t p = 0; p < 4; ++p) s += x(p) * x(p);
  EXPECT_EQ(xx.item(), s);
}

TEST(Matmul, BatchAxesBroadcast) {
  nd::array<std::int64_t> a = pattern<std::int64_t>({2, 1, 3, 4}, 1);
  nd::array<std::int64_t> b = pattern<std::int64_t>({5, 4, 2}, 2);
  nd::array<std::int64_t> c = nd::matmul(a, b);
  const std::vector<index_t> expected_shape{2, 5, 3, 2};
  ASSERT_EQ(std::vector<index_t>(c.shape().begin(), c.shape().end()), expected_shape);
  for (index_t p = 0; p < 2; ++p)
    for (index_t q = 0; q < 5; ++q)
      for (index_t i = 0; i < 3; ++i)
        for (index_t j = 0; j < 2; ++j) {
          std::int64_t s = 0;
          for (index_t r = 0; r < 4; ++r) s += a(p, 0, i, r) * b(q, r, j);
          EXPECT_EQ(c(p, q, i, j), s);
        }
  // A 1-D operand against a stack of matrices.
  nd::array<std::int64_t> v = pattern<std::int64_t>({4}, 5);
  nd::array<std::int64_t> w = nd::matmul(v, b);
  ASSERT_EQ(w.ndim(), 2);
  for (index_t q = 0; q < 5; ++q)
    for (index_t j = 0; j < 2; ++j) {
      std::int64_t s = 0;
      for (index_t r = 0; r < 4; ++r) s += v(r) * b(q, r, j);
      EXPECT_EQ(w(q, j), s);
    }
}

TEST(Matmul, ZeroSizeAndEmptyContraction) {
  nd::array<double> a = nd::empty<double>({3, 0});
  nd::array<double> b = nd::empty<double>({0, 2});
  nd::array<double> c = nd::matmul(a, b);  // sums over nothing: zeros
  ASSERT_EQ(c.shape(0), 3);
  ASSERT_EQ(c.shape(1), 2);
  for (index_t i = 0; i < 3; ++i)
    for (index_t j = 0; j < 2; ++j) EXPECT_EQ(c(i, j), 0.0);
  nd::array<double> d = nd::matmul(nd::empty<double>({0, 4}), pattern<double>({4, 2}, 1));
  EXPECT_EQ(d.shape(0), 0);
  EXPECT_EQ(d.shape(1), 2);
}

TEST(Matmul, ErrorsUseNumPyWording) {
  nd::array<double> a = pattern<double>({2, 3}, 1);
  expect_message<nd::value_error>([&] { (void)nd::matmul(a, pattern<double>({2, 4}, 1)); },
                                  "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc "
                                  "signature (n?,k),(k,m?)->(n?,m?) (size 2 is different from 3)");
  nd::array<double> s = nd::full<double>(nd::shape_t{}, 1.0);
  expect_message<nd::value_error>([&] { (void)nd::matmul(s, a); },
                                  "matmul: Input operand 0 does not have enough dimensions (has 0, gufunc core with "
                                  "signature (n?,k),(k,m?)->(n?,m?) requires 1)");
  expect_message<nd::value_error>([&] { (void)nd::matmul(a, s); },
                                  "matmul: Input operand 1 does not have enough dimensions (has 0, gufunc core with "
                                  "signature (n?,k),(k,m?)->(n?,m?) requires 1)");
  // Batch axes that do not broadcast: a shape_error, as nd's error model makes every
  // broadcasting failure (NumPy's ValueError with "could not be broadcast").
  expect_message<nd::shape_error>(
      [&] { (void)nd::matmul(pattern<double>({2, 2, 3}, 1), pattern<double>({3, 3, 4}, 1)); },
      "operands could not be broadcast together with remapped shapes [original->remapped]: "
      "(2,2,3)->(2,newaxis,newaxis) (3,3,4)->(3,newaxis,newaxis)  and requested shape (2,4)");
}

template <class T>
class LinalgTyped : public ::testing::Test {};
using ElementTypes = ::testing::Types<bool, std::int32_t, std::int64_t, float, double>;
TYPED_TEST_SUITE(LinalgTyped, ElementTypes);

TYPED_TEST(LinalgTyped, MatmulOfEveryElementType) {
  using T = TypeParam;
  nd::array<T> a = pattern<T>({3, 5}, 1);
  nd::array<T> b = pattern<T>({5, 4}, 4);
  nd::array<T> c = nd::matmul(a, b);
  for (index_t i = 0; i < 3; ++i)
    for (index_t j = 0; j < 4; ++j) {
      if constexpr (std::is_same_v<T, bool>) {
        bool any = false;
        for (index_t p = 0; p < 5; ++p) any = any || (a(i, p) && b(p, j));
        EXPECT_EQ(c(i, j), any);
      } else {
        EXPECT_EQ(c(i, j), loop_product(a, b, i, j));
      }
    }
}

TEST(Matmul, IntegerOverflowWrapsLikeNumPy) {
  nd::array<std::int32_t> a{{2147483647, 1}};
  nd::array<std::int32_t> b = nd::array<std::int32_t>{2, 1}.reshape({2, 1});
  nd::array<std::int32_t> c = nd::matmul(a, b);
  // 2 * (2^31 - 1) + 1 = 2^32 - 1, which wraps to -1 in 32 bits.
  EXPECT_EQ(c(0, 0), -1);
}

TEST(Matmul, MixedElementTypesPromoteAsNumPy) {
  nd::array<std::int32_t> a = pattern<std::int32_t>({2, 3}, 1);
  nd::array<double> b = pattern<double>({3, 2}, 2);
  b(0, 0) = 0.5;
  auto c = nd::matmul(a, b);
  static_assert(std::is_same_v<decltype(c), nd::array<double>>);
  for (index_t i = 0; i < 2; ++i)
    for (index_t j = 0; j < 2; ++j) {
      double s = 0;
      for (index_t p = 0; p < 3; ++p) s += static_cast<double>(a(i, p)) * b(p, j);
      EXPECT_EQ(c(i, j), s);
    }
  nd::array<bool> m = nd::full<bool>({2, 3}, true);
  m(1, 1) = false;
  nd::array<std::int64_t> v{4, 5, 6};
  auto d = nd::dot(m, v);
  static_assert(std::is_same_v<decltype(d), nd::array<std::int64_t>>);
  EXPECT_EQ(d(0), 15);
  EXPECT_EQ(d(1), 10);
  auto f = nd::vdot(nd::array<float>{0.5f, 2.0f}, nd::array<std::int32_t>{3, 4});
  static_assert(std::is_same_v<decltype(f), double>);  // float32 with int32 promotes to float64
  EXPECT_EQ(f, 9.5);
}

TEST(Dot, OneDimensionalIsTheInnerProduct) {
  nd::array<double> x = pattern<double>({6}, 1);
  nd::array<double> y = pattern<double>({6}, 2);
  double s = 0;
  for (index_t i = 0; i < 6; ++i) s += x(i) * y(i);
  nd::array<double> d = nd::dot(x, y);
  EXPECT_EQ(d.ndim(), 0);
  EXPECT_EQ(d.item(), s);
  EXPECT_EQ(nd::vdot(x, y), s);
  nd::array<bool> p{true, false};
  nd::array<bool> q{true, true};
  EXPECT_TRUE(nd::vdot(p, q));
  EXPECT_FALSE(nd::vdot(p, nd::array<bool>{false, true}));
}

TEST(Dot, MatrixVectorAndMatrixMatrix) {
  nd::array<double> m = pattern<double>({3, 4}, 1);
  nd::array<double> n = pattern<double>({4, 2}, 2);
  nd::array<double> x = pattern<double>({4}, 3);
  nd::array<double> mn = nd::dot(m, n);
  for (index_t i = 0; i < 3; ++i)
    for (index_t j = 0; j < 2; ++j) EXPECT_EQ(mn(i, j), loop_product(m, n, i, j));
  nd::array<double> mx = nd::dot(m, x);
  ASSERT_EQ(mx.ndim(), 1);
  for (index_t i = 0; i < 3; ++i) {
    double s = 0;
    for (index_t p = 0; p < 4; ++p) s += m(i, p) * x(p);
    EXPECT_EQ(mx(i), s);
  }
  nd::array<double> xn = nd::dot(x, n);
  ASSERT_EQ(xn.ndim(), 1);
  for (index_t j = 0; j < 2; ++j) {
    double s = 0;
    for (index_t p = 0; p < 4; ++p) s += x(p) * n(p, j);
    EXPECT_EQ(xn(j), s);
  }
}

TEST(Dot, NDimensionalContractsLastAxisWithSecondToLast) {
  nd::array<std::int64_t> a = pattern<std::int64_t>({2, 3, 4}, 1);
  nd::array<std::int64_t> b = pattern<std::int64_t>({5, 4, 6}, 2);
  nd::array<std::int64_t> c = nd::dot(a, b);  // (2, 3, 5, 6)
  const std::vector<index_t> expected_shape{2, 3, 5, 6};
  ASSERT_EQ(std::vector<index_t>(c.shape().begin(), c.shape().end()), expected_shape);
  for (index_t i = 0; i < 2; ++i)
    for (index_t j = 0; j < 3; ++j)
      for (index_t k = 0; k < 5; ++k)
        for (index_t m = 0; m < 6; ++m) {
          std::int64_t s = 0;
          for (index_t p = 0; p < 4; ++p) s += a(i, j, p) * b(k, p, m);
          EXPECT_EQ(c(i, j, k, m), s);
        }
}

TEST(Dot, ZeroDimensionalOperandScales) {
  nd::array<double> s = nd::full<double>(nd::shape_t{}, 2.5);
  nd::array<double> m = pattern<double>({2, 3}, 1);
  nd::array<double> r = nd::dot(s, m.T());
  ASSERT_EQ(r.shape(0), 3);
  for (index_t i = 0; i < 3; ++i)
    for (index_t j = 0; j < 2; ++j) EXPECT_EQ(r(i, j), 2.5 * m(j, i));
  nd::array<double> q = nd::dot(m, s);
  EXPECT_EQ(q(1, 2), 2.5 * m(1, 2));
}

TEST(Dot, MisalignedShapesThrowValueError) {
  expect_message<nd::value_error>([] { (void)nd::dot(pattern<double>({3}, 1), pattern<double>({2}, 1)); },
                                  "shapes (3,) and (2,) not aligned: 3 (dim 0) != 2 (dim 0)");
  expect_message<nd::value_error>([] { (void)nd::dot(pattern<double>({2, 3}, 1), pattern<double>({2, 4}, 1)); },
                                  "shapes (2,3) and (2,4) not aligned: 3 (dim 1) != 2 (dim 0)");
  expect_message<nd::value_error>([] { (void)nd::vdot(pattern<double>({3}, 1), pattern<double>({2, 2}, 1)); },
                                  "vdot: cannot take the inner product of arrays of size 3 and 4");
}

}  // namespace
