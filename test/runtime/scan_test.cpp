// Scans (cumsum, cumprod, cummax, cummin) and diff: result types, NumPy's sequential
// order against plain loops on every thread count, the out forms, and the errors.
// Values against NumPy are the differential suite's (test/differential).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <vector>

#include <nd/nd.hpp>

#include "test_support.hpp"

namespace {

using nd::index_t;
using nd_test::expect_message;

// The elements of `a` in C order.
template <class T>
std::vector<T> values(const nd::array<T>& a) {
  const nd::array<T> c = a.copy();
  return std::vector<T>(std::as_const(c).data(), std::as_const(c).data() + c.size());
}

// Restores the thread count a test changed.
class ScanThreads : public ::testing::Test {
 protected:
  void TearDown() override { nd::set_num_threads(saved_); }
  int saved_ = nd::get_num_threads();
};

// Values whose float sums round at almost every step, so any other order than
// NumPy's sequential one shows.
nd::array<double> rounding_values(const nd::shape_t& shape) {
  auto a = nd::empty<double>(shape);
  for (index_t k = 0; k < a.size(); ++k) a.data()[k] = 1.0 / static_cast<double>(k % 97 + 3) + (k % 5 == 0 ? 1e8 : 0);
  return a;
}

TEST(Scan, ResultTypesFollowNumPyOnLinux) {
  nd::array<bool> b{true, true, false};
  nd::array<std::int32_t> i{1, 2, 3};
  nd::array<float> f{1, 2, 4};
  static_assert(std::is_same_v<decltype(nd::cumsum(b)), nd::array<std::int64_t>>);
  static_assert(std::is_same_v<decltype(nd::cumprod(i, 0)), nd::array<std::int64_t>>);
  static_assert(std::is_same_v<decltype(nd::cumsum(f, nd::none)), nd::array<float>>);
  static_assert(std::is_same_v<decltype(nd::cummax(b)), nd::array<bool>>);
  static_assert(std::is_same_v<decltype(nd::cummin(i, 0)), nd::array<std::int32_t>>);
  static_assert(std::is_same_v<decltype(nd::diff(b)), nd::array<bool>>);
  EXPECT_EQ(values(nd::cumsum(b)), (std::vector<std::int64_t>{1, 2, 2}));
  EXPECT_EQ(values(nd::cumprod(i)), (std::vector<std::int64_t>{1, 2, 6}));
  EXPECT_EQ(values(nd::diff(b)), (std::vector<bool>{false, true}));
}

TEST(Scan, FlattensWithoutAnAxisAndScansZeroDAsOneElement) {
  nd::array<double> m{{1, 2, 3}, {4, 5, 6}};
  EXPECT_EQ(values(nd::cumsum(m)), (std::vector<double>{1, 3, 6, 10, 15, 21}));
  EXPECT_EQ(values(nd::cumsum(m.T())), (std::vector<double>{1, 5, 7, 12, 15, 21}));
  EXPECT_EQ(values(nd::cumsum(m, -2)), (std::vector<double>{1, 2, 3, 5, 7, 9}));
  const auto z = nd::full<double>(nd::shape_t{}, 3.0);
  const auto s = nd::cumsum(z, 0);
  ASSERT_EQ(s.ndim(), 1);
  EXPECT_EQ(s.shape(0), 1);
  EXPECT_EQ(s(0), 3.0);
}

TEST(Scan, CummaxPropagatesTheFirstNaN) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const auto r = values(nd::cummax(nd::array<double>{1, nan, 3, -nan}));
  EXPECT_EQ(r[0], 1.0);
  for (int k = 1; k < 4; ++k) {
    EXPECT_TRUE(std::isnan(r[k]));
    EXPECT_FALSE(std::signbit(r[k]));  // the first NaN, not the later -nan
  }
}

// Every element is the sequential sum of the ones before it along the axis, bit for
// bit, through both engine loops (lines and row blocks) and on 1 and 3 threads.
TEST_F(ScanThreads, SumsSequentiallyOnEveryThreadCount) {
  const index_t rows = 64, cols = 4100;  // more than one 1024-column block
  const auto a = rounding_values({rows, cols});
  std::vector<double> along0(static_cast<std::size_t>(rows * cols)), along1(along0.size());
  for (index_t j = 0; j < cols; ++j) {
    double s = 0;
    for (index_t i = 0; i < rows; ++i) along0[static_cast<std::size_t>(i * cols + j)] = s = i ? s + a(i, j) : a(i, j);
  }
  for (index_t i = 0; i < rows; ++i) {
    double s = 0;
    for (index_t j = 0; j < cols; ++j) along1[static_cast<std::size_t>(i * cols + j)] = s = j ? s + a(i, j) : a(i, j);
  }
  for (int threads : {1, 3}) {
    nd::set_num_threads(threads);
    EXPECT_EQ(values(nd::cumsum(a, 0)), along0) << threads << " threads";
    EXPECT_EQ(values(nd::cumsum(a, 1)), along1) << threads << " threads";
    EXPECT_EQ(values(nd::cumsum(a.T(), 1).T()), along0) << threads << " threads";
  }
}

TEST(Scan, OutFormsWriteIntoOutAndReturnIt) {
  nd::array<std::int32_t> a{{1, 2}, {3, 4}};
  auto out = nd::empty<std::int64_t>({2, 2});
  auto& r = nd::cumsum(a, 1, out);
  EXPECT_EQ(&r, &out);
  EXPECT_EQ(values(out), (std::vector<std::int64_t>{1, 3, 3, 7}));
  auto flat = nd::zeros<double>({5});
  nd::cumprod(a, flat(nd::slice(1, nd::none)));  // a temporary view, axis=None
  EXPECT_EQ(values(flat), (std::vector<double>{0, 1, 2, 6, 24}));
  // In place, as np.cumsum(x, out=x).
  nd::array<double> x{1, 2, 3};
  nd::cumsum(x, 0, x);
  EXPECT_EQ(values(x), (std::vector<double>{1, 3, 6}));
}

TEST(Scan, OutOfAnotherDtypeComputesInThePromotedType) {
  // np.cumsum(float32, out=float64) sums in float64: 1 + 2**-30 is not a float32.
  nd::array<float> f{1.0f, std::ldexp(1.0f, -30)};
  auto out = nd::empty<double>({2});
  nd::cumsum(f, 0, out);
  EXPECT_EQ(out(1), 1.0 + std::ldexp(1.0, -30));
}

TEST(Scan, Errors) {
  nd::array<double> m{{1, 2, 3}, {4, 5, 6}};
  expect_message<nd::index_error>([&] { nd::cumsum(m, 2); }, "axis 2 is out of bounds for array of dimension 2");
  expect_message<nd::index_error>([&] { nd::cummax(m, -3); }, "axis -3 is out of bounds for array of dimension 2");
  expect_message<nd::index_error>([&] { nd::cumsum(nd::full<double>(nd::shape_t{}, 1.0), 1); },
                                  "axis 1 is out of bounds for array of dimension 1");
  auto wrong = nd::empty<double>({3, 2});
  expect_message<nd::shape_error>(
      [&] { nd::cumsum(m, 1, wrong); },
      "provided out is the wrong shape for the accumulation: expected (2, 3), found (3, 2)");
  expect_message<nd::shape_error>(
      [&] { nd::cumsum(m, wrong); },
      "provided out is the wrong shape for the accumulation: expected (6,), found (3, 2)");
  auto read_only = nd::broadcast_to(nd::array<double>{0, 0, 0}, {2, 3});
  expect_message<nd::value_error>([&] { nd::cumsum(m, 0, read_only); }, "assignment destination is read-only");
}

TEST(Diff, OrdersAxesAndErrors) {
  nd::array<std::int64_t> a{{1, 4, 9, 16}, {2, 2, 2, 2}};
  EXPECT_EQ(values(nd::diff(a)), (std::vector<std::int64_t>{3, 5, 7, 0, 0, 0}));
  EXPECT_EQ(values(nd::diff(a, 2)), (std::vector<std::int64_t>{2, 2, 0, 0}));
  EXPECT_EQ(values(nd::diff(a, 1, 0)), (std::vector<std::int64_t>{1, -2, -7, -14}));
  const auto empty = nd::diff(a, 7);
  EXPECT_EQ(empty.shape(0), 2);
  EXPECT_EQ(empty.shape(1), 0);
  const auto same = nd::diff(a, 0);  // n == 0: the input itself, as NumPy
  EXPECT_EQ(std::as_const(same).data(), std::as_const(a).data());
  expect_message<nd::value_error>([&] { nd::diff(a, -1); }, "order must be non-negative but got -1");
  expect_message<nd::value_error>([&] { nd::diff(nd::full<double>(nd::shape_t{}, 1.0)); },
                                  "diff requires input that is at least one dimensional");
  expect_message<nd::index_error>([&] { nd::diff(a, 1, 2); }, "axis 2 is out of bounds for array of dimension 2");
}

}  // namespace
