// nd::arange and nd::linspace: lengths, element types, values and errors.
#include <gtest/gtest.h>

#include "test_support.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>

#include <nd/creation.hpp>
#include <nd/ranges.hpp>

namespace {

using nd::index_t;
using nd_test::expect_message;

TEST(Arange, StopOnlyIsInt64FromZero) {
  auto a = nd::arange(5);
  static_assert(std::is_same_v<decltype(a), nd::array<std::int64_t>>);
  ASSERT_EQ(a.ndim(), 1);
  ASSERT_EQ(a.size(), 5);
  for (index_t i = 0; i < 5; ++i) EXPECT_EQ(a(i), i);
  EXPECT_EQ(nd::arange(0).size(), 0);
  EXPECT_EQ(nd::arange(-3).size(), 0);
}

TEST(Arange, IntegerStartStopStepInBothDirections) {
  nd::array<std::int64_t> a = nd::arange(0, 10, 3);
  ASSERT_EQ(a.size(), 4);  // ceil(10 / 3)
  for (index_t i = 0; i < 4; ++i) EXPECT_EQ(a(i), 3 * i);
  nd::array<std::int64_t> b = nd::arange(10, 0, -3);
  ASSERT_EQ(b.size(), 4);
  for (index_t i = 0; i < 4; ++i) EXPECT_EQ(b(i), 10 - 3 * i);
  EXPECT_EQ(nd::arange(1, 0).size(), 0);
  EXPECT_EQ(nd::arange(5, 5).size(), 0);
  EXPECT_EQ(nd::arange(0, 5, -1).size(), 0);
}

TEST(Arange, MixedIntegerTypesGiveInt64) {
  nd::array<double> m = nd::zeros<double>({7, 2});
  auto rows = nd::arange(0, m.shape(0), 2);
  static_assert(std::is_same_v<decltype(rows), nd::array<std::int64_t>>);
  ASSERT_EQ(rows.size(), 4);
  for (index_t i = 0; i < 4; ++i) EXPECT_EQ(rows(i), 2 * i);
  auto s = nd::arange(std::int32_t{3}, std::int64_t{9}, short{2});
  static_assert(std::is_same_v<decltype(s), nd::array<std::int64_t>>);
  EXPECT_EQ(s.size(), 3);
}

TEST(Arange, ExtremeIntegersDoNotOverflow) {
  const std::int64_t big = std::numeric_limits<std::int64_t>::max();
  nd::array<std::int64_t> a = nd::arange(big - 2, big);
  ASSERT_EQ(a.size(), 2);
  EXPECT_EQ(a(0), big - 2);
  EXPECT_EQ(a(1), big - 1);
}

// NumPy's first element is start itself, so arange(-0.0, ...) starts with -0.0 (found
// by the differential tests once they compared the sign of zero).
TEST(Arange, AStartOfMinusZeroIsKept) {
  const auto a = nd::arange(-0.0, 2.0, 0.5);
  ASSERT_EQ(a.size(), 4);
  EXPECT_TRUE(std::signbit(a(0)));
  EXPECT_FALSE(std::signbit(a(1)));
  const auto f = nd::arange<float>(-0.0, 1.0, 1.0);
  EXPECT_TRUE(std::signbit(f(0)));
}

TEST(Arange, AnyFloatingArgumentGivesFloat64) {
  auto a = nd::arange(0, 1, 0.1);
  static_assert(std::is_same_v<decltype(a), nd::array<double>>);
  ASSERT_EQ(a.size(), 10);  // ceil((1 - 0) / 0.1)
  for (index_t i = 0; i < 10; ++i) EXPECT_NEAR(a(i), 0.1 * static_cast<double>(i), 1e-12);
  EXPECT_LT(a(9), 1.0);
  auto b = nd::arange(0.5, 3);
  static_assert(std::is_same_v<decltype(b), nd::array<double>>);
  ASSERT_EQ(b.size(), 3);
  for (index_t i = 0; i < 3; ++i) EXPECT_EQ(b(i), 0.5 + static_cast<double>(i));
  nd::array<double> c = nd::arange(0.0, 1.0, 0.3);
  ASSERT_EQ(c.size(), 4);
  nd::array<double> d = nd::arange(2.0, -1.0, -0.5);
  ASSERT_EQ(d.size(), 6);
  for (index_t i = 0; i < 6; ++i) EXPECT_EQ(d(i), 2.0 - 0.5 * static_cast<double>(i));
}

TEST(Arange, ExplicitElementTypes) {
  auto f = nd::arange<float>(0, 1, 0.25);
  static_assert(std::is_same_v<decltype(f), nd::array<float>>);
  ASSERT_EQ(f.size(), 4);
  for (index_t i = 0; i < 4; ++i) EXPECT_EQ(f(i), 0.25f * static_cast<float>(i));
  auto g = nd::arange<std::int32_t>(2, 11, 4);
  static_assert(std::is_same_v<decltype(g), nd::array<std::int32_t>>);
  ASSERT_EQ(g.size(), 3);
  for (index_t i = 0; i < 3; ++i) EXPECT_EQ(g(i), 2 + 4 * i);
  auto h = nd::arange<double>(4);
  static_assert(std::is_same_v<decltype(h), nd::array<double>>);
  EXPECT_EQ(h(3), 3.0);
  // An integer type from floating arguments: NumPy casts start and start + step and
  // repeats their difference.
  auto k = nd::arange<std::int64_t>(0.5, 4.0, 1.0);
  ASSERT_EQ(k.size(), 4);
  for (index_t i = 0; i < 4; ++i) EXPECT_EQ(k(i), i);
}

TEST(Arange, ZeroStepThrowsValueError) {
  expect_message<nd::value_error>([] { (void)nd::arange(0, 10, 0); }, "arange: step must not be zero");
  expect_message<nd::value_error>([] { (void)nd::arange(0.0, 1.0, 0.0); }, "arange: step must not be zero");
}

TEST(Linspace, EndpointIncludedAndExact) {
  nd::array<double> a = nd::linspace(0, 1, 5);
  ASSERT_EQ(a.size(), 5);
  for (index_t i = 0; i < 5; ++i) EXPECT_NEAR(a(i), static_cast<double>(i) / 4.0, 1e-15);
  EXPECT_EQ(a(4), 1.0);
  nd::array<double> b = nd::linspace(0.1, 0.7, 7);
  EXPECT_EQ(b(0), 0.1);
  EXPECT_EQ(b(6), 0.7);  // exactly stop, not 0.1 + 6 * step
  for (index_t i = 0; i < 7; ++i) EXPECT_NEAR(b(i), 0.1 + 0.1 * static_cast<double>(i), 1e-15);
  nd::array<double> c = nd::linspace(5, -5, 3);
  EXPECT_EQ(c(0), 5.0);
  EXPECT_EQ(c(1), 0.0);
  EXPECT_EQ(c(2), -5.0);
}

TEST(Linspace, WithoutEndpoint) {
  nd::array<double> a = nd::linspace(0, 1, 5, false);
  ASSERT_EQ(a.size(), 5);
  for (index_t i = 0; i < 5; ++i) EXPECT_NEAR(a(i), 0.2 * static_cast<double>(i), 1e-15);
  EXPECT_LT(a(4), 1.0);
}

TEST(Linspace, OneAndZeroSamples) {
  nd::array<double> one = nd::linspace(2, 3, 1);
  ASSERT_EQ(one.size(), 1);
  EXPECT_EQ(one(0), 2.0);
  nd::array<double> one_open = nd::linspace(2, 3, 1, false);
  EXPECT_EQ(one_open(0), 2.0);
  EXPECT_EQ(nd::linspace(2, 3, 0).size(), 0);
  expect_message<nd::value_error>([] { (void)nd::linspace(0, 1, -1); },
                                  "Number of samples, -1, must be non-negative.");
}

TEST(Linspace, IntegerTypesTakeTheFloor) {
  nd::array<std::int64_t> a = nd::linspace<std::int64_t>(0, 10, 4);
  for (index_t i = 0; i < 4; ++i)
    EXPECT_EQ(a(i), static_cast<std::int64_t>(std::floor(10.0 * static_cast<double>(i) / 3.0)));
  nd::array<std::int32_t> b = nd::linspace<std::int32_t>(-1, -10, 4);
  for (index_t i = 0; i < 4; ++i) EXPECT_EQ(b(i), -1 - 3 * i);
  nd::array<std::int32_t> c = nd::linspace<std::int32_t>(0, -1, 3);  // 0, -0.5, -1
  EXPECT_EQ(c(0), 0);
  EXPECT_EQ(c(1), -1);
  EXPECT_EQ(c(2), -1);
}

TEST(Linspace, Float32) {
  nd::array<float> a = nd::linspace<float>(0, 3, 4);
  for (index_t i = 0; i < 4; ++i) EXPECT_EQ(a(i), static_cast<float>(i));
}

}  // namespace
