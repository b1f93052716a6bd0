// Sorting and searching: NumPy's order (NaN last, infinities kept, -0.0 before 0.0),
// argsort's stability, unique_counts' structured bindings, the same results on every
// thread count, and the errors. Values against NumPy are the differential suite's.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <type_traits>
#include <vector>

#include <nd/nd.hpp>

#include "test_support.hpp"

namespace {

using nd::index_t;
using nd_test::expect_message;

template <class T>
std::vector<T> values(const nd::array<T>& a) {
  const nd::array<T> c = a.copy();
  return std::vector<T>(std::as_const(c).data(), std::as_const(c).data() + c.size());
}

template <class T>
nd::array<T> from(const std::vector<T>& v) {
  auto a = nd::empty<T>({static_cast<index_t>(v.size())});
  std::copy(v.begin(), v.end(), a.data());
  return a;
}

class SortThreads : public ::testing::Test {
 protected:
  void TearDown() override { nd::set_num_threads(saved_); }
  int saved_ = nd::get_num_threads();
};

constexpr double inf = std::numeric_limits<double>::infinity();
const double nan = std::numeric_limits<double>::quiet_NaN();

TEST(Sort, NaNLastInfinitiesKeptNegativeZeroFirst) {
  // Long enough for vqsort's partitioning, which replaced infinities in Highway 1.0.3.
  std::vector<double> v;
  for (int k = 0; k < 1000; ++k) v.push_back(k % 7 == 0 ? inf : k % 11 == 0 ? -inf : k % 13 == 0 ? nan : (k % 17) - 8.0);
  v[3] = -0.0;
  v[5] = 0.0;
  v[9] = -0.0;
  const auto s = values(nd::sort(from(v)));
  ASSERT_EQ(s.size(), v.size());
  const auto count = [&](auto pred) { return std::count_if(v.begin(), v.end(), pred); };
  const auto n_neg_inf = count([](double x) { return x == -inf; });
  const auto n_inf = count([](double x) { return x == inf; });
  const auto n_nan = count([](double x) { return std::isnan(x); });
  for (index_t k = 0; k < static_cast<index_t>(s.size()); ++k) {
    if (k < n_neg_inf) EXPECT_EQ(s[k], -inf) << k;
    if (k >= static_cast<index_t>(s.size()) - n_nan) EXPECT_TRUE(std::isnan(s[k])) << k;
    else if (k >= static_cast<index_t>(s.size()) - n_nan - n_inf) EXPECT_EQ(s[k], inf) << k;
    if (k > 0 && !std::isnan(s[k])) EXPECT_LE(s[k - 1], s[k]) << k;
  }
  // The zeros: both -0.0 first, then every 0.0 (NumPy leaves their order open).
  const auto zero = std::find(s.begin(), s.end(), 0.0);
  EXPECT_TRUE(std::signbit(zero[0]) && std::signbit(zero[1]));
  EXPECT_FALSE(std::signbit(zero[2]));
}

TEST(Sort, AlongAnyAxisAsACContiguousCopy) {
  nd::array<std::int32_t> m{{3, 1, 2}, {0, 5, -1}};
  EXPECT_EQ(values(nd::sort(m)), (std::vector<std::int32_t>{1, 2, 3, -1, 0, 5}));
  const auto by_col = nd::sort(m, 0);
  EXPECT_TRUE(by_col.is_contiguous());
  EXPECT_EQ(values(by_col), (std::vector<std::int32_t>{0, 1, -1, 3, 5, 2}));
  EXPECT_EQ(values(nd::sort(m, nd::none)), (std::vector<std::int32_t>{-1, 0, 1, 2, 3, 5}));
  EXPECT_EQ(values(nd::sort(nd::array<bool>{true, false, true})), (std::vector<bool>{false, true, true}));
}

TEST(Argsort, IsStableForTiesZerosAndNaNs) {
  nd::array<double> a{2, nan, 1, -0.0, 2, 0.0, nan, 1, -0.0};
  // Equal keys in index order: -0.0 and 0.0 are equal, all NaNs are equal and last.
  EXPECT_EQ(values(nd::argsort(a)), (std::vector<std::int64_t>{3, 5, 8, 2, 7, 0, 4, 1, 6}));
  nd::array<float> f{1, 1, 0, 1, 0};
  EXPECT_EQ(values(nd::argsort(f)), (std::vector<std::int64_t>{2, 4, 0, 1, 3}));
  nd::array<bool> b{true, false, true, false};
  EXPECT_EQ(values(nd::argsort(b)), (std::vector<std::int64_t>{1, 3, 0, 2}));
  static_assert(std::is_same_v<decltype(nd::argsort(b)), nd::array<std::int64_t>>);
  nd::array<std::int64_t> m{{5, 5, 1}, {0, 7, 0}};
  EXPECT_EQ(values(nd::argsort(m, 0)), (std::vector<std::int64_t>{1, 0, 1, 0, 1, 0}));
}

TEST_F(SortThreads, SameResultOnEveryThreadCount) {
  std::mt19937 gen(7);
  std::uniform_int_distribution<int> pick(-50, 50);
  auto a = nd::empty<double>({300, 700});
  for (index_t k = 0; k < a.size(); ++k) a.data()[k] = pick(gen) % 9 == 0 ? -0.0 : pick(gen) / 4.0;
  nd::set_num_threads(1);
  const auto s1 = values(nd::sort(a)), s0 = values(nd::sort(a, 0));
  const auto i1 = values(nd::argsort(a)), i0 = values(nd::argsort(a, 0));
  nd::set_num_threads(3);
  EXPECT_EQ(values(nd::sort(a)), s1);
  EXPECT_EQ(values(nd::sort(a, 0)), s0);
  EXPECT_EQ(values(nd::argsort(a)), i1);
  EXPECT_EQ(values(nd::argsort(a, 0)), i0);
  // The signs of zeros too, which == does not see.
  const auto again = values(nd::sort(a));
  for (std::size_t k = 0; k < again.size(); ++k) ASSERT_EQ(std::signbit(again[k]), std::signbit(s1[k])) << k;
}

TEST(Searchsorted, SidesNaNAndScalars) {
  nd::array<double> s{1, 2, 2, 3, nan};
  EXPECT_EQ(values(nd::searchsorted(s, nd::array<double>{2, nan, 0, 9})), (std::vector<std::int64_t>{1, 4, 0, 4}));
  EXPECT_EQ(values(nd::searchsorted(s, nd::array<double>{2, nan, 0, 9}, "right")),
            (std::vector<std::int64_t>{3, 5, 0, 4}));
  static_assert(std::is_same_v<decltype(nd::searchsorted(s, 2.0)), std::int64_t>);
  EXPECT_EQ(nd::searchsorted(nd::array<std::int32_t>{1, 2, 3}, 2.5), 2);
  // A scalar at its own precision, as NumPy: -4.4 (double) is above -4.4f
  // (-4.400000095...), so it goes after it; as a float it would be equal.
  EXPECT_EQ(nd::searchsorted(nd::array<float>{-4.4f, 1.0f}, -4.4), 1);
  EXPECT_EQ(nd::searchsorted(nd::array<float>{-4.5f, -4.4f, 1.0f}, -4.4), 2);
}

TEST(Unique, ValuesAndCountsWithStructuredBindings) {
  nd::array<double> a{{3, nan, 1}, {nan, 3, -0.0}};
  const auto [v, c] = nd::unique_counts(a);
  const auto vs = values(v);
  ASSERT_EQ(vs.size(), 4u);
  EXPECT_EQ(vs[0], 0.0);
  EXPECT_TRUE(std::signbit(vs[0]));
  EXPECT_EQ(vs[1], 1.0);
  EXPECT_EQ(vs[2], 3.0);
  EXPECT_TRUE(std::isnan(vs[3]));  // all NaNs are one value (NumPy 1.24's equal_nan)
  EXPECT_EQ(values(c), (std::vector<std::int64_t>{1, 1, 2, 2}));
  EXPECT_EQ(values(nd::unique(nd::array<std::int32_t>{4, 4, -1})), (std::vector<std::int32_t>{-1, 4}));
  EXPECT_EQ(nd::unique(nd::empty<std::int64_t>({0, 3})).size(), 0);
}

TEST(Nonzero, IndicesInCOrderAndTheZeroDError) {
  nd::array<double> m{{0, nan, 0}, {-0.0, 2, 0}};
  const auto idx = nd::nonzero(m);
  ASSERT_EQ(idx.size(), 2u);
  EXPECT_EQ(values(idx[0]), (std::vector<std::int64_t>{0, 1}));
  EXPECT_EQ(values(idx[1]), (std::vector<std::int64_t>{1, 1}));
  EXPECT_EQ(values(nd::flatnonzero(m.T())), (std::vector<std::int64_t>{2, 3}));
  const auto w = nd::argwhere(m);
  EXPECT_EQ(w.shape(0), 2);
  EXPECT_EQ(w.shape(1), 2);
  EXPECT_EQ(values(w), (std::vector<std::int64_t>{0, 1, 1, 1}));
  expect_message<nd::value_error>([&] { nd::nonzero(nd::full<double>(nd::shape_t{}, 1.0)); },
                                  "Calling nonzero on 0d arrays is not allowed. Use nd::nonzero(a.reshape({1})) instead.");
}

template <class T>
concept can_bincount = requires(const nd::array<T>& a) { nd::bincount(a); };

TEST(Counting, BincountDigitizeIsinAndTheirErrors) {
  nd::array<std::int64_t> x{0, 1, 1, 3};
  EXPECT_EQ(values(nd::bincount(x)), (std::vector<std::int64_t>{1, 2, 0, 1}));
  EXPECT_EQ(values(nd::bincount(x, 6)), (std::vector<std::int64_t>{1, 2, 0, 1, 0, 0}));
  EXPECT_EQ(values(nd::bincount(x, nd::array<float>{0.5f, 1, 2, 4})), (std::vector<double>{0.5, 3, 0, 4}));
  static_assert(!can_bincount<double> && !can_bincount<float>);  // NumPy: TypeError
  static_assert(can_bincount<bool> && can_bincount<std::int32_t>);
  expect_message<nd::value_error>([&] { nd::bincount(nd::array<std::int32_t>{1, -1}); },
                                  "'list' argument must have no negative elements");
  expect_message<nd::value_error>([&] { nd::bincount(x, -1); }, "'minlength' must not be negative");
  expect_message<nd::value_error>([&] { nd::bincount(x, nd::array<double>{1, 2}); },
                                  "The weights and list don't have the same length.");
  nd::array<double> v{-1, 0, 0.5, 2, nan};
  EXPECT_EQ(values(nd::digitize(v, nd::array<double>{0, 1, 2})), (std::vector<std::int64_t>{0, 1, 1, 3, 3}));
  EXPECT_EQ(values(nd::digitize(v, nd::array<double>{0, 1, 2}, true)), (std::vector<std::int64_t>{0, 0, 1, 2, 3}));
  EXPECT_EQ(values(nd::digitize(v, nd::array<double>{2, 1, 0})), (std::vector<std::int64_t>{3, 2, 2, 0, 0}));
  expect_message<nd::value_error>([&] { nd::digitize(v, nd::array<double>{0, 2, 1}); },
                                  "bins must be monotonically increasing or decreasing");
  EXPECT_EQ(values(nd::isin(v, nd::array<std::int32_t>{2, 0})), (std::vector<bool>{false, true, false, true, false}));
  EXPECT_EQ(values(nd::isin(nd::array<double>{nan, -0.0}, nd::array<double>{nan, 0.0})), (std::vector<bool>{false, true}));
}

TEST(Sort, Errors) {
  nd::array<double> m{{1, 2}, {3, 4}};
  expect_message<nd::index_error>([&] { nd::sort(m, 2); }, "axis 2 is out of bounds for array of dimension 2");
  expect_message<nd::index_error>([&] { nd::argsort(m, -3); }, "axis -3 is out of bounds for array of dimension 2");
  expect_message<nd::index_error>([&] { nd::sort(nd::full<double>(nd::shape_t{}, 1.0)); },
                                  "axis -1 is out of bounds for array of dimension 0");
  nd::array<double> s{1, 2};
  expect_message<nd::value_error>([&] { nd::searchsorted(s, 1.0, "middle"); },
                                  "search side must be 'left' or 'right' (got 'middle')");
  expect_message<nd::value_error>([&] { nd::searchsorted(m, 1.0); },
                                  "object too deep for desired array: searchsorted needs a 1-d sorted array, found 2-d");
}

}  // namespace
