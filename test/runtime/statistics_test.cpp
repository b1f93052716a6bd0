// Statistics, NaN-ignoring reductions, histogram, interp, convolve and linalg::norm:
// result types, forms that must not compile, error classes and messages, and small
// hand-checked values. Agreement with NumPy on random inputs is the differential
// suite's (test/differential/stats_cases.py, signal_cases.py).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <vector>

#include <nd/nd.hpp>

#include "test_support.hpp"

namespace {

using nd_test::expect_message;
using nd_test::iota;

template <class T>
nd::array<T> from(const std::vector<T>& v) {
  nd::array<T> a(nd::shape_t{static_cast<nd::index_t>(v.size())});
  for (std::size_t k = 0; k < v.size(); ++k) a.data()[k] = v[k];
  return a;
}

const double nan = std::numeric_limits<double>::quiet_NaN();
const double inf = std::numeric_limits<double>::infinity();

// ---- result types and forms -----------------------------------------------------------
template <class T>
concept can_ptp = requires(const nd::array<T>& a) { nd::ptp(a); };
template <class T>
concept can_percentile = requires(const nd::array<T>& a) { nd::percentile(a, 50.0); };
template <class Q>
concept can_quantile_with = requires(const nd::array<double>& a, Q q) { nd::quantile(a, q); };
template <class D>
concept nanvar_takes_ddof = requires(const nd::array<double>& a, D d) { nd::nanvar(a, 0, d); };

TEST(Statistics, ResultTypes) {
  const nd::array<std::int32_t> i = iota<std::int32_t>({2, 3});
  const nd::array<float> f = iota<float>({2, 3});
  static_assert(std::is_same_v<decltype(nd::median(i)), double>);
  static_assert(std::is_same_v<decltype(nd::median(f, 0)), nd::array<float>>);
  static_assert(std::is_same_v<decltype(nd::percentile(f, 50.0)), double>);  // q is float64, as NumPy's
  static_assert(std::is_same_v<decltype(nd::quantile(i, from<double>({0.5}), 1)), nd::array<double>>);
  static_assert(std::is_same_v<decltype(nd::ptp(i, 1)), nd::array<std::int32_t>>);
  static_assert(std::is_same_v<decltype(nd::count_nonzero(f)), std::int64_t>);
  static_assert(std::is_same_v<decltype(nd::average(f, 0, i)), nd::array<double>>);
  static_assert(std::is_same_v<decltype(nd::average(f, 0, f)), nd::array<float>>);
  static_assert(std::is_same_v<decltype(nd::nansum(nd::array<bool>{})), std::int64_t>);
  static_assert(std::is_same_v<decltype(nd::nanmean(i, {0, 1})), nd::array<double>>);
  static_assert(std::is_same_v<decltype(nd::nanstd(f, nd::none, 1)), float>);
  static_assert(std::is_same_v<decltype(nd::linalg::norm(i)), double>);
  static_assert(std::is_same_v<decltype(nd::linalg::norm(f, 2, 0)), nd::array<float>>);
  static_assert(std::is_same_v<decltype(nd::histogram(f, 3).edges), nd::array<float>>);
  static_assert(std::is_same_v<decltype(nd::histogram(i, 3).edges), nd::array<double>>);
  static_assert(std::is_same_v<decltype(nd::convolve(i, f)), nd::array<double>>);
  // NumPy has no boolean subtract: ptp and quantiles of bool raise TypeError there.
  static_assert(!can_ptp<bool> && can_ptp<std::int32_t> && !can_percentile<bool> && can_percentile<float>);
  static_assert(!can_quantile_with<bool> && can_quantile_with<int> && can_quantile_with<nd::array<float>>);
  // ddof is an integer, never a bool (keepdims is the nd::keepdims tag).
  static_assert(nanvar_takes_ddof<int> && !nanvar_takes_ddof<bool>);
}

// ---- values ---------------------------------------------------------------------------
TEST(Statistics, MedianAndQuantiles) {
  EXPECT_EQ(nd::median(from<double>({3, 1, 2})), 2.0);
  EXPECT_EQ(nd::median(from<std::int32_t>({4, 1, 3, 2})), 2.5);
  EXPECT_TRUE(std::isnan(nd::median(from<double>({1, nan, 3}))));
  const nd::array<double> m = nd::median(iota({2, 3}), 1, nd::keepdims);
  ASSERT_EQ(m.shape(), nd::shape_t({2, 1}));
  EXPECT_EQ(m(1, 0), 4.0);
  // (n - 1) q = 0.75 between 10 and 20: 10 + 10 * 0.75.
  EXPECT_EQ(nd::quantile(from<double>({20, 10}), 0.75), 17.5);
  EXPECT_EQ(nd::percentile(from<std::int64_t>({0, 10, 20, 30, 40}), 30), 12.0);
  const nd::array<double> q = nd::quantile(iota({2, 3}), from<double>({0.0, 1.0}), -1);
  ASSERT_EQ(q.shape(), nd::shape_t({2, 2}));  // q's shape first
  EXPECT_EQ(q(0, 1), 3.0);
  EXPECT_EQ(q(1, 1), 5.0);
}

TEST(Statistics, PtpAverageCount) {
  EXPECT_EQ(nd::ptp(from<std::int32_t>({4, -2, 7})), 9);
  const nd::array<double> a = from<double>({1, 2, 3, 4});
  EXPECT_EQ(nd::average(a), 2.5);
  EXPECT_EQ(nd::average(a, nd::none, from<double>({1, 0, 0, 1})), 2.5);
  const nd::array<double> w = nd::average(iota({2, 3}), 1, from<double>({0, 0, 2}));
  EXPECT_EQ(w(1), 5.0);
  EXPECT_EQ(nd::count_nonzero(from<double>({0, -0.0, nan, 2})), 2);
  EXPECT_EQ(nd::count_nonzero(iota({2, 3}), 0)(0), 1);
  EXPECT_TRUE(nd::array_equal(from<double>({1, 2}), from<std::int32_t>({1, 2})));
  EXPECT_FALSE(nd::array_equal(from<double>({1, 2}), iota({1, 2})));  // shapes differ
  EXPECT_FALSE(nd::array_equal(from<double>({nan}), from<double>({nan})));
}

TEST(Statistics, NanReductions) {
  const nd::array<double> a = from<double>({1, nan, 3, nan});
  EXPECT_EQ(nd::nansum(a), 4.0);
  EXPECT_EQ(nd::nanprod(a), 3.0);
  EXPECT_EQ(nd::nanmean(a), 2.0);
  EXPECT_EQ(nd::nanvar(a), 1.0);
  EXPECT_EQ(nd::nanstd(a, nd::none, 1), std::sqrt(2.0));
  EXPECT_EQ(nd::nanmin(a), 1.0);
  EXPECT_EQ(nd::nanmax(a), 3.0);
  const nd::array<double> none = from<double>({nan, nan});
  EXPECT_TRUE(std::isnan(nd::nanmin(none)));  // NumPy warns and gives NaN
  EXPECT_TRUE(std::isnan(nd::nanmean(none)));
  EXPECT_EQ(nd::nansum(none), 0.0);
  EXPECT_TRUE(std::isnan(nd::nanvar(from<double>({1, nan}), nd::none, 1)));  // one value, ddof 1
}

TEST(Statistics, HistogramInterpConvolve) {
  auto [counts, edges] = nd::histogram(from<double>({0, 1, 1, 2, 3}), 3);
  ASSERT_EQ(counts.size(), 3);
  EXPECT_EQ(counts(0), 1);
  EXPECT_EQ(counts(1), 2);
  EXPECT_EQ(counts(2), 2);  // the last bin is closed: 3 counts
  EXPECT_EQ(edges(3), 3.0);
  auto [c2, e2] = nd::histogram(from<double>({-1, 0.5, 2, 9}), 2, {0.0, 2.0});
  EXPECT_EQ(c2(0), 1);
  EXPECT_EQ(c2(1), 1);
  auto [c3, e3] = nd::histogram(from<std::int32_t>({1, 2, 2, 5}), from<std::int64_t>({0, 2, 5}));
  EXPECT_EQ(c3(0), 1);
  EXPECT_EQ(c3(1), 3);
  static_assert(std::is_same_v<decltype(e3), nd::array<std::int64_t>>);
  const nd::array<double> xp = from<double>({1, 2, 3}), fp = from<double>({3, 2, 0});
  EXPECT_EQ(nd::interp(2.5, xp, fp), 1.0);
  EXPECT_EQ(nd::interp(0.0, xp, fp, -1.0), -1.0);
  EXPECT_EQ(nd::interp(9.0, xp, fp), 0.0);
  const nd::array<std::int32_t> full = nd::convolve(from<std::int32_t>({1, 2, 3}), from<std::int32_t>({0, 1}));
  ASSERT_EQ(full.size(), 4);
  EXPECT_EQ(full(0), 0);
  EXPECT_EQ(full(3), 3);
  EXPECT_EQ(nd::convolve(from<double>({0, 1}), from<double>({1, 2, 3}), "same").size(), 3);  // swapped
  EXPECT_EQ(nd::convolve(from<double>({1, 2, 3}), from<double>({1, 1}), "valid")(1), 5.0);
}

TEST(Statistics, Norms) {
  const nd::array<double> v = from<double>({3, -4});
  EXPECT_EQ(nd::linalg::norm(v), 5.0);
  EXPECT_EQ(nd::linalg::norm(v, 1), 7.0);
  EXPECT_EQ(nd::linalg::norm(v, inf), 4.0);
  EXPECT_EQ(nd::linalg::norm(v, -inf), 3.0);
  EXPECT_EQ(nd::linalg::norm(v, 0), 2.0);
  const nd::array<double> m = iota({2, 2});  // [[0, 1], [2, 3]]
  EXPECT_EQ(nd::linalg::norm(m, 1), 4.0);      // largest column sum
  EXPECT_EQ(nd::linalg::norm(m, inf), 5.0);    // largest row sum
  EXPECT_EQ(nd::linalg::norm(m, "fro"), std::sqrt(14.0));
  EXPECT_NEAR(nd::linalg::norm(from<double>({2, 0, 0, 3}).reshape({2, 2}), "nuc"), 5.0, 1e-12);
  EXPECT_NEAR(nd::linalg::norm(from<double>({2, 0, 0, 3}).reshape({2, 2}), -2), 2.0, 1e-12);
  const nd::array<double> rows = nd::linalg::norm(m, nd::none, 1, nd::keepdims);
  ASSERT_EQ(rows.shape(), nd::shape_t({2, 1}));
  EXPECT_EQ(rows(0, 0), 1.0);
}

// ---- out forms ------------------------------------------------------------------------
template <class O>
concept median_into = requires(const nd::array<double>& a, O&& out) { nd::median(a, 0, std::forward<O>(out)); };
// (nd::average(a, 0, w) is the weighted form: an out would come after nd::keepdims.)
template <class O>
concept average_into =
    requires(const nd::array<double>& a, O&& out) { nd::average(a, 0, nd::keepdims, std::forward<O>(out)); };
template <class O>
concept count_nonzero_into =
    requires(const nd::array<double>& a, O&& out) { nd::count_nonzero(a, 0, std::forward<O>(out)); };

TEST(StatisticsOut, Forms) {
  // out is a non-const array; NumPy's average and count_nonzero have no out=.
  static_assert(median_into<nd::array<double>&> && median_into<nd::array<float>> &&
                !median_into<const nd::array<double>&>);
  static_assert(!average_into<nd::array<double>&> && !count_nonzero_into<nd::array<std::int64_t>&>);
  const nd::array<double> a = iota({2, 3});
  nd::array<double> out = nd::zeros<double>({2});
  static_assert(std::is_same_v<decltype(nd::nanmean(a, 1, out)), nd::array<double>&>);
  static_assert(std::is_same_v<decltype(nd::nanmean(a, 1, out(nd::all))), nd::array<double>>);
  EXPECT_EQ(&nd::median(a, 1, out), &out);  // the named out itself
  EXPECT_EQ(out(0), 1.0);
  EXPECT_EQ(out(1), 4.0);
  // A temporary view is written through, and the handle returned shares its buffer.
  nd::array<double> wide = nd::zeros<double>({2, 4});
  const nd::array<double> col = nd::ptp(a, {1}, wide(nd::all, 3));
  EXPECT_EQ(wide(0, 3), 2.0);
  EXPECT_EQ(wide(1, 3), 2.0);
  EXPECT_TRUE(nd::shares_memory(col, wide));
  // nd::none: a 0-d out; keepdims: the reduced axes kept as 1.
  nd::array<std::int64_t> total = nd::zeros<std::int64_t>(nd::shape_t{});
  nd::nansum(iota<std::int32_t>({2, 3}), nd::none, total);
  EXPECT_EQ(total.item(), 15);
  nd::array<float> kept = nd::zeros<float>({1, 3});
  nd::nanstd(a, 0, 1, nd::keepdims, kept);  // float64 into float32: same_kind
  EXPECT_FLOAT_EQ(kept(0, 2), static_cast<float>(std::sqrt(4.5)));
  // Without nd::keepdims out may keep the reduced axes too (as nd::sum's out).
  nd::array<double> rows = nd::zeros<double>({2, 1});
  nd::nanmax(a, -1, rows);
  EXPECT_EQ(rows(1, 0), 5.0);
  // percentile and quantile: q's shape first.
  nd::array<double> qs = nd::zeros<double>({2, 3});
  nd::quantile(a, from<double>({0.0, 1.0}), 0, qs);
  EXPECT_EQ(qs(0, 2), 2.0);
  EXPECT_EQ(qs(1, 2), 5.0);
}

TEST(StatisticsOut, AliasesTheInput) {
  // The result is complete before out is written: out may be part of the input.
  nd::array<double> a = from<double>({4, nan, 1, 3});
  nd::nanmin(a, 0, a(nd::slice(1, 2))(0, nd::ellipsis));
  EXPECT_EQ(a(1), 1.0);
  nd::array<double> m = iota({3, 3});  // columns 0 1 2, rows 0 3 6
  nd::median(m, 0, m(0, nd::all));     // row 0 is read while it is the output
  EXPECT_EQ(m(0, 0), 3.0);
  EXPECT_EQ(m(0, 2), 5.0);
  nd::array<double> r = iota({2, 2});  // ptp of a row into its first element
  nd::ptp(r, 1, r(nd::all, 0));
  EXPECT_EQ(r(0, 0), 1.0);  // max 1 - min 0, both read before the write
  EXPECT_EQ(r(1, 0), 1.0);
}

TEST(StatisticsOut, Errors) {
  const nd::array<double> a = iota({2, 3});
  nd::array<std::int64_t> ints = nd::zeros<std::int64_t>({2});
  expect_message<nd::type_error>([&] { nd::median(a, 1, ints); },
                                 "Cannot cast the result of nd::median from dtype('float64') to the out array's "
                                 "dtype('int64') with casting rule 'same_kind'");
  nd::array<bool> flags = nd::zeros<bool>({2});
  EXPECT_THROW(nd::nansum(iota<std::int32_t>({2, 3}), 1, flags), nd::type_error);  // int64 into bool
  EXPECT_THROW(nd::nanmean(iota<std::int32_t>({2, 3}), 1, ints), nd::type_error);  // float64 into int64
  nd::array<double> three = nd::zeros<double>({3});
  expect_message<nd::shape_error>([&] { nd::nanvar(a, 1, three); },
                                  "output parameter for reduction operation nanvar has the wrong shape: expected (2,), "
                                  "found (3,)");
  nd::array<double> two = nd::zeros<double>({2});
  EXPECT_THROW(nd::ptp(a, 1, nd::keepdims, two), nd::shape_error);  // keepdims wants (2, 1)
  EXPECT_THROW(nd::percentile(a, from<double>({10, 90}), 1, two), nd::shape_error);  // wants (2, 2)
  EXPECT_THROW(nd::quantile(a, 0.5, nd::none, two), nd::shape_error);                // wants ()
  nd::array<double> ro = nd::broadcast_to(nd::zeros<double>({1}), nd::shape_t{2});
  EXPECT_THROW(nd::nanmin(a, 1, ro), nd::value_error);  // read-only
  nd::array<double> ok = nd::zeros<double>({2});
  EXPECT_THROW(nd::median(a, 2, ok), nd::index_error);  // the axis before out
  EXPECT_EQ(ok(0), 0.0);
}

// ---- errors ---------------------------------------------------------------------------
TEST(Statistics, Errors) {
  const nd::array<double> a = iota({2, 3});
  expect_message<nd::value_error>([&] { nd::quantile(a, 1.5); }, "Quantiles must be in the range [0, 1]");
  expect_message<nd::value_error>([&] { nd::percentile(a, -1); }, "Percentiles must be in the range [0, 100]");
  EXPECT_THROW(nd::quantile(a, from<double>({0.5, nan})), nd::value_error);
  expect_message<nd::value_error>([&] { nd::average(a, 1, from<double>({1, -1, 0})); },
                                  "Weights sum to zero, can't be normalized");
  EXPECT_THROW(nd::average(a, nd::none, from<double>({1, 2, 3})), nd::type_error);  // no axis, other shape
  EXPECT_THROW(nd::average(a, 1, from<double>({1, 2})), nd::value_error);
  EXPECT_THROW(nd::median(a, 2), nd::index_error);
  EXPECT_THROW(nd::nanmean(a, {0, -2}), nd::value_error);  // duplicate axis
  EXPECT_THROW(nd::nanmax(nd::empty<double>({0})), nd::value_error);
  EXPECT_THROW(nd::percentile(nd::empty<double>({0}), 50.0), nd::index_error);
  expect_message<nd::value_error>([&] { nd::histogram(a, 0); }, "`bins` must be positive, when an integer");
  EXPECT_THROW(nd::histogram(from<double>({1, inf}), 2), nd::value_error);
  EXPECT_THROW(nd::histogram(a, 2, {1.0, 0.0}), nd::value_error);
  EXPECT_THROW(nd::histogram(a, from<double>({2, 1})), nd::value_error);
  EXPECT_THROW(nd::interp(a, from<double>({1, 2}), from<double>({1})), nd::value_error);
  EXPECT_THROW(nd::interp(a, nd::empty<double>({0}), nd::empty<double>({0})), nd::value_error);
  expect_message<nd::value_error>([&] { nd::convolve(from<double>({1, 2}), from<double>({1}), "middle"); },
                                  "mode must be one of 'valid', 'same', or 'full' (got 'middle')");
  EXPECT_THROW(nd::convolve(nd::empty<double>({0}), from<double>({1})), nd::value_error);
  EXPECT_THROW(nd::linalg::norm(a, "spectral"), nd::value_error);
  EXPECT_THROW(nd::linalg::norm(from<double>({1, 2}), "fro", 0), nd::value_error);  // not a vector norm
  EXPECT_THROW(nd::linalg::norm(a, 3), nd::value_error);             // not a matrix norm
  EXPECT_THROW(nd::linalg::norm(iota({2, 2, 2}), 2), nd::value_error);  // 3-d needs axes
  EXPECT_THROW(nd::linalg::norm(a, 2, {1, -1}), nd::value_error);      // duplicate axes
}

}  // namespace
