// nd::keepdims is a tag type accepted by every reduction. It is not a bool and does
// not convert to an integer, so `nd::stddev(a, 1, nd::keepdims)` keeps the axis with
// ddof 0 (it used to compute ddof 1 and drop the axis), and a bool where ddof goes
// does not compile.
#include <gtest/gtest.h>

#include <cmath>
#include <concepts>
#include <cstdint>
#include <type_traits>

#include <nd/nd.hpp>

namespace {

using nd::index_t;

// ---- compile-time contract ----------------------------------------------------------
static_assert(!std::is_same_v<std::remove_cvref_t<decltype(nd::keepdims)>, bool>);
static_assert(!std::is_convertible_v<nd::keepdims_t, bool>);
static_assert(!std::is_convertible_v<nd::keepdims_t, int>);
static_assert(!std::is_convertible_v<nd::keepdims_t, nd::index_t>);

template <class A, class... Args>
concept var_callable = requires(const A& a, Args... args) { nd::var(a, args...); };
template <class A, class... Args>
concept stddev_callable = requires(const A& a, Args... args) { nd::stddev(a, args...); };
template <class A, class... Args>
concept sum_callable = requires(const A& a, Args... args) { nd::sum(a, args...); };

using D = nd::array<double>;
// A bool where ddof is expected does not compile (it did, as ddof 1 or 0).
static_assert(!var_callable<D, int, bool>);
static_assert(!stddev_callable<D, int, bool>);
static_assert(!stddev_callable<D, nd::none_t, bool>);
static_assert(!stddev_callable<D, std::initializer_list<int>, bool>);
// Nor does a floating ddof, which used to be truncated silently.
static_assert(!var_callable<D, int, double>);
// The intended forms do.
static_assert(stddev_callable<D, int, nd::keepdims_t>);
static_assert(stddev_callable<D, int, int, nd::keepdims_t>);
static_assert(stddev_callable<D, int, long>);
static_assert(stddev_callable<D, nd::none_t, int>);
static_assert(var_callable<D, std::initializer_list<int>, int, nd::keepdims_t>);
// Source compatibility: an exact bool stays accepted in keepdims' own place, but an
// integer there no longer means keepdims.
static_assert(sum_callable<D, int, bool>);
static_assert(sum_callable<D, int, nd::keepdims_t>);
static_assert(!sum_callable<D, int, int>);
static_assert(stddev_callable<D, int, int, bool>);

// A 3x3 matrix, so that a result along the wrong axis would still broadcast.
nd::array<double> square() { return nd::array<double>{{1, 2, 4}, {3, 5, 9}, {0, 7, 8}}; }

double row_var(const nd::array<double>& m, index_t r, int ddof) {
  double mu = 0;
  for (index_t c = 0; c < 3; ++c) mu += m(r, c);
  mu /= 3;
  double s = 0;
  for (index_t c = 0; c < 3; ++c) s += (m(r, c) - mu) * (m(r, c) - mu);
  return s / (3 - ddof);
}

TEST(KeepdimsTag, StddevWithKeepdimsKeepsTheAxisWithDdofZero) {
  const nd::array<double> m = square();
  const nd::array<double> s = nd::stddev(m, 1, nd::keepdims);
  ASSERT_EQ(nd::shape_t(s.shape()), (nd::shape_t{3, 1}));
  for (index_t r = 0; r < 3; ++r) EXPECT_DOUBLE_EQ(s(r, 0), std::sqrt(row_var(m, r, 0)));
}

TEST(KeepdimsTag, StddevWithDdofAndKeepdims) {
  const nd::array<double> m = square();
  const nd::array<double> s = nd::stddev(m, 1, 1, nd::keepdims);
  ASSERT_EQ(nd::shape_t(s.shape()), (nd::shape_t{3, 1}));
  for (index_t r = 0; r < 3; ++r) EXPECT_DOUBLE_EQ(s(r, 0), std::sqrt(row_var(m, r, 1)));
  const nd::array<double> v = nd::var(m, -1, 1, nd::keepdims);
  for (index_t r = 0; r < 3; ++r) EXPECT_DOUBLE_EQ(v(r, 0), row_var(m, r, 1));
  const nd::array<double> vb = nd::var(m, {1}, 1, nd::keepdims);
  EXPECT_EQ(nd::shape_t(vb.shape()), (nd::shape_t{3, 1}));
  EXPECT_DOUBLE_EQ(vb(2, 0), row_var(m, 2, 1));
}

TEST(KeepdimsTag, TheIssuesStandardisationComputesRowWise) {
  // (s - mean(s, 1, keepdims)) / var(s, 1, keepdims): row r uses row r's statistics.
  const nd::array<double> s = square();
  const nd::array<double> z = (s - nd::mean(s, 1, nd::keepdims)) / nd::var(s, 1, nd::keepdims);
  for (index_t r = 0; r < 3; ++r)
    for (index_t c = 0; c < 3; ++c) {
      const double mu = (s(r, 0) + s(r, 1) + s(r, 2)) / 3;
      EXPECT_DOUBLE_EQ(z(r, c), (s(r, c) - mu) / row_var(s, r, 0));
    }
}

TEST(KeepdimsTag, EveryReductionAcceptsTheTag) {
  const nd::array<double> m = square();
  const nd::shape_t kept{1, 3};
  EXPECT_EQ(nd::shape_t(nd::sum(m, 0, nd::keepdims).shape()), kept);
  EXPECT_EQ(nd::shape_t(nd::prod(m, 0, nd::keepdims).shape()), kept);
  EXPECT_EQ(nd::shape_t(nd::mean(m, 0, nd::keepdims).shape()), kept);
  EXPECT_EQ(nd::shape_t(nd::var(m, 0, nd::keepdims).shape()), kept);
  EXPECT_EQ(nd::shape_t(nd::stddev(m, 0, nd::keepdims).shape()), kept);
  EXPECT_EQ(nd::shape_t(nd::min(m, 0, nd::keepdims).shape()), kept);
  EXPECT_EQ(nd::shape_t(nd::max(m, 0, nd::keepdims).shape()), kept);
  EXPECT_EQ(nd::shape_t(nd::argmin(m, 0, nd::keepdims).shape()), kept);
  EXPECT_EQ(nd::shape_t(nd::argmax(m, 0, nd::keepdims).shape()), kept);
  EXPECT_EQ(nd::shape_t(nd::any(m, 0, nd::keepdims).shape()), kept);
  EXPECT_EQ(nd::shape_t(nd::all(m, 0, nd::keepdims).shape()), kept);
  EXPECT_EQ(nd::shape_t(nd::all(m, {0, 1}, nd::keepdims).shape()), (nd::shape_t{1, 1}));
  EXPECT_EQ(nd::shape_t(nd::sum(m, {0, 1}, nd::keepdims).shape()), (nd::shape_t{1, 1}));
  EXPECT_EQ(nd::argmax(m, 0, nd::keepdims)(0, 1), 2);
  // Without the tag the axis goes.
  EXPECT_EQ(nd::shape_t(nd::stddev(m, 0).shape()), (nd::shape_t{3}));
  EXPECT_EQ(nd::shape_t(nd::stddev(m, 0, 1).shape()), (nd::shape_t{3}));
}

TEST(KeepdimsTag, ABoolKeepdimsStillWorksInItsOwnPlace) {
  const nd::array<double> m = square();
  EXPECT_EQ(nd::shape_t(nd::sum(m, 1, true).shape()), (nd::shape_t{3, 1}));
  EXPECT_EQ(nd::shape_t(nd::mean(m, 1, false).shape()), (nd::shape_t{3}));
  const nd::array<double> s = nd::stddev(m, 1, 1, true);
  EXPECT_EQ(nd::shape_t(s.shape()), (nd::shape_t{3, 1}));
  EXPECT_DOUBLE_EQ(s(0, 0), std::sqrt(row_var(m, 0, 1)));
}

}  // namespace
