// Reductions: values against plain loops, result types, axes and keepdims, out forms,
// pairwise accuracy, NaN handling and NumPy's errors.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <vector>

#include <nd/nd.hpp>

namespace {

using nd::index_t;

template <class T>
nd::array<T> grid(index_t r, index_t c, int seed = 0) {
  nd::array<T> a(nd::shape_t{r, c});
  for (index_t i = 0; i < r; ++i)
    for (index_t j = 0; j < c; ++j) {
      const long long v = (i * 131 + j * 17 + seed) % 29 - 13;
      if constexpr (std::is_same_v<T, bool>) a(i, j) = v > 0;
      else if constexpr (std::is_floating_point_v<T>) a(i, j) = static_cast<T>(v) / T(8);
      else a(i, j) = static_cast<T>(v);
    }
  return a;
}

// ---- scalar results and types ------------------------------------------------------
TEST(Reduce, ScalarResultTypesFollowNumPyOnLinux) {
  nd::array<bool> b{true, true, false};
  nd::array<std::int32_t> i{1, 2, 3};
  nd::array<float> f{1, 2, 4};
  static_assert(std::is_same_v<decltype(nd::sum(b)), std::int64_t>);
  static_assert(std::is_same_v<decltype(nd::sum(i)), std::int64_t>);
  static_assert(std::is_same_v<decltype(nd::prod(i)), std::int64_t>);
  static_assert(std::is_same_v<decltype(nd::sum(f)), float>);
  static_assert(std::is_same_v<decltype(nd::mean(i)), double>);
  static_assert(std::is_same_v<decltype(nd::mean(f)), float>);
  static_assert(std::is_same_v<decltype(nd::var(i)), double>);
  static_assert(std::is_same_v<decltype(nd::min(i)), std::int32_t>);
  static_assert(std::is_same_v<decltype(nd::argmax(f)), std::int64_t>);
  static_assert(std::is_same_v<decltype(nd::any(f)), bool>);
  static_assert(std::is_same_v<decltype(nd::all(i)), bool>);
  EXPECT_EQ(nd::sum(b), 2);
  EXPECT_EQ(nd::sum(i), 6);
  EXPECT_EQ(nd::prod(i), 6);
  EXPECT_EQ(nd::sum(f), 7.0f);
  EXPECT_DOUBLE_EQ(nd::mean(i), 2.0);
  EXPECT_FLOAT_EQ(nd::mean(f), 7.0f / 3);
  EXPECT_DOUBLE_EQ(nd::var(i), 2.0 / 3);
  EXPECT_EQ(nd::min(i), 1);
  EXPECT_EQ(nd::max(f), 4.0f);
  EXPECT_EQ(nd::argmax(f), 2);
  EXPECT_EQ(nd::argmin(i), 0);
  EXPECT_TRUE(nd::any(b));
  EXPECT_FALSE(nd::all(b));
  EXPECT_TRUE(nd::all(i));
  EXPECT_EQ(nd::sum(i, nd::none), 6);
}

TEST(Reduce, Int32SumDoesNotOverflowInt32) {
  nd::array<std::int32_t> a = nd::full<std::int32_t>({3}, std::numeric_limits<std::int32_t>::max());
  EXPECT_EQ(nd::sum(a), 3LL * std::numeric_limits<std::int32_t>::max());
}

// ---- along axes, against loops -------------------------------------------------
template <class T>
class ReduceAxes : public ::testing::Test {};
using AllTypes = ::testing::Types<bool, std::int32_t, std::int64_t, float, double>;
TYPED_TEST_SUITE(ReduceAxes, AllTypes);

TYPED_TEST(ReduceAxes, SumMinMaxAnyAllAlongEachAxisMatchLoops) {
  using T = TypeParam;
  using S = nd::sum_result_t<T>;
  const index_t R = 37, C = 53;
  const auto a = grid<T>(R, C);
  for (int axis : {0, 1, -1, -2}) {
    const int ax = axis < 0 ? axis + 2 : axis;
    const auto s = nd::sum(a, axis);
    const auto mn = nd::min(a, axis);
    const auto mx = nd::max(a, axis);
    const auto an = nd::any(a, axis);
    const auto al = nd::all(a, axis);
    const index_t n_out = ax == 0 ? C : R, n_red = ax == 0 ? R : C;
    ASSERT_EQ(s.size(), n_out);
    for (index_t o = 0; o < n_out; ++o) {
      S sum = 0;
      T lo = ax == 0 ? a(0, o) : a(o, 0), hi = lo;
      bool any = false, all = true;
      for (index_t r = 0; r < n_red; ++r) {
        const T v = ax == 0 ? a(r, o) : a(o, r);
        sum += static_cast<S>(v);
        lo = std::min(lo, v);
        hi = std::max(hi, v);
        any = any || v != T(0);
        all = all && v != T(0);
      }
      if constexpr (std::is_floating_point_v<T>) EXPECT_NEAR(s(o), sum, 1e-4) << "axis " << axis;
      else EXPECT_EQ(s(o), sum) << "axis " << axis;
      EXPECT_EQ(mn(o), lo);
      EXPECT_EQ(mx(o), hi);
      EXPECT_EQ(an(o), any);
      EXPECT_EQ(al(o), all);
    }
  }
}

TYPED_TEST(ReduceAxes, ProdMeanVarStddevArgminArgmaxAlongAxis0MatchLoops) {
  using T = TypeParam;
  using M = nd::mean_result_t<T>;
  const auto a = grid<T>(9, 21, 5);
  const auto p = nd::prod(a, 0);
  const auto m = nd::mean(a, 0);
  const auto v = nd::var(a, 0);
  const auto v1 = nd::var(a, 0, 1);
  const auto sd = nd::stddev(a, 0);
  const auto amin = nd::argmin(a, 0);
  const auto amax = nd::argmax(a, 0);
  for (index_t j = 0; j < 21; ++j) {
    nd::sum_result_t<T> prod = 1;
    double mean = 0;
    index_t imin = 0, imax = 0;
    for (index_t i = 0; i < 9; ++i) {
      prod *= static_cast<nd::sum_result_t<T>>(a(i, j));
      mean += static_cast<double>(a(i, j));
      if (a(i, j) < a(imin, j)) imin = i;
      if (a(i, j) > a(imax, j)) imax = i;
    }
    mean /= 9;
    double ss = 0;
    for (index_t i = 0; i < 9; ++i) ss += (static_cast<double>(a(i, j)) - mean) * (static_cast<double>(a(i, j)) - mean);
    EXPECT_EQ(p(j), prod);
    const double tol = std::is_same_v<M, float> ? 1e-5 : 1e-12;
    EXPECT_NEAR(m(j), mean, tol);
    EXPECT_NEAR(v(j), ss / 9, tol);
    EXPECT_NEAR(v1(j), ss / 8, tol);
    EXPECT_NEAR(sd(j), std::sqrt(ss / 9), tol);
    EXPECT_EQ(amin(j), imin);
    EXPECT_EQ(amax(j), imax);
  }
}

TEST(ReduceAxes, MultipleAxesKeepdimsAndNegativeAxes) {
  nd::array<double> a(nd::shape_t{3, 4, 5});
  for (index_t i = 0; i < 3; ++i)
    for (index_t j = 0; j < 4; ++j)
      for (index_t k = 0; k < 5; ++k) a(i, j, k) = double(i * 100 + j * 10 + k);
  const auto s = nd::sum(a, {0, 2});
  ASSERT_EQ(nd::shape_t(s.shape()), (nd::shape_t{4}));
  for (index_t j = 0; j < 4; ++j) {
    double e = 0;
    for (index_t i = 0; i < 3; ++i)
      for (index_t k = 0; k < 5; ++k) e += a(i, j, k);
    EXPECT_EQ(s(j), e);
  }
  const auto sk = nd::sum(a, {-1, 0}, nd::keepdims);
  ASSERT_EQ(nd::shape_t(sk.shape()), (nd::shape_t{1, 4, 1}));
  EXPECT_EQ(sk(0, 2, 0), s(2));
  const auto mk = nd::mean(a, 1, nd::keepdims);
  ASSERT_EQ(nd::shape_t(mk.shape()), (nd::shape_t{3, 1, 5}));
  EXPECT_DOUBLE_EQ(mk(2, 0, 3), 200 + 15 + 3);
  const auto all_axes = nd::max(a, {0, 1, 2});
  EXPECT_EQ(all_axes.ndim(), 0);
  EXPECT_EQ(all_axes.item(), 234.0);  // a(2, 3, 4)
  const auto vk = nd::stddev(a, {0, 1}, 0, true);
  ASSERT_EQ(nd::shape_t(vk.shape()), (nd::shape_t{1, 1, 5}));
  EXPECT_EQ(nd::var(a, nd::none, 1), nd::var(a.reshape({60}), 0, 1).item());
}

TEST(ReduceAxes, NonContiguousAndReversedInputs) {
  const auto m = grid<double>(40, 30, 2);
  const auto v = m(nd::slice(nd::none, nd::none, -2), nd::slice(1, nd::none, 3));  // (20, 10)
  const auto s0 = nd::sum(v, 0), s1 = nd::sum(v, 1);
  for (index_t j = 0; j < 10; ++j) {
    double e = 0;
    for (index_t i = 0; i < 20; ++i) e += v(i, j);
    EXPECT_NEAR(s0(j), e, 1e-12);
  }
  for (index_t i = 0; i < 20; ++i) {
    double e = 0;
    for (index_t j = 0; j < 10; ++j) e += v(i, j);
    EXPECT_NEAR(s1(i), e, 1e-12);
  }
  const auto t = m.T();
  EXPECT_NEAR(nd::sum(t), nd::sum(m), 1e-12);
  EXPECT_EQ(nd::argmax(t), nd::argmax(t.copy()));
}

TEST(ReduceAxes, ConvertedInputsLongerThanOneChunk) {
  // bool and int32 are summed as int64 and integers averaged as float64, converted in
  // chunks: check runs longer than a chunk, along both kinds of axes.
  const index_t n = 5000;
  nd::array<std::int32_t> a(nd::shape_t{3, n});
  nd::array<bool> b(nd::shape_t{3, n});
  for (index_t i = 0; i < 3; ++i)
    for (index_t j = 0; j < n; ++j) {
      a(i, j) = static_cast<std::int32_t>((j * 7919 + i) % 100000 - 50000) * 40000;  // sums overflow int32
      b(i, j) = (j + i) % 3 == 0;
    }
  const auto s = nd::sum(a, 1);
  const auto m = nd::mean(a, 1);
  const auto c = nd::sum(b, 1);
  const auto c0 = nd::sum(b, 0);
  for (index_t i = 0; i < 3; ++i) {
    std::int64_t e = 0, count = 0;
    for (index_t j = 0; j < n; ++j) {
      e += a(i, j);
      count += b(i, j);
    }
    EXPECT_EQ(s(i), e);
    EXPECT_DOUBLE_EQ(m(i), static_cast<double>(e) / n);
    EXPECT_EQ(c(i), count);
  }
  for (index_t j = 0; j < n; j += 13) EXPECT_EQ(c0(j), b(0, j) + b(1, j) + b(2, j));
  EXPECT_EQ(nd::sum(b), nd::sum(c));
  EXPECT_EQ(nd::prod(nd::array<std::int32_t>{100000, 100000, 3}), 30000000000LL);
}

// ---- out forms ---------------------------------------------------------------------
TEST(ReduceOut, WritesIntoOutWithCastingAndChecksShape) {
  const auto a = grid<double>(6, 4);
  nd::array<double> out = nd::zeros<double>({4});
  nd::array<double>& r = nd::sum(a, 0, out);
  EXPECT_EQ(&r, &out);
  const auto expected = nd::sum(a, 0);
  for (index_t j = 0; j < 4; ++j) EXPECT_EQ(out(j), expected(j));
  nd::array<float> f = nd::zeros<float>({6, 1});
  nd::mean(a, 1, f);  // keepdims shape, float64 -> float32 is same_kind
  EXPECT_FLOAT_EQ(f(2, 0), static_cast<float>(nd::mean(a, 1)(2)));
  nd::array<double> big = nd::zeros<double>({2, 4});
  nd::max(a, 0, big(1, nd::all));
  EXPECT_EQ(big(1, 3), nd::max(a, 0)(3));
  EXPECT_EQ(big(0, 3), 0.0);
  nd::array<double> wrong = nd::zeros<double>({6});
  EXPECT_THROW(nd::sum(a, 0, wrong), nd::shape_error);
  nd::array<std::int32_t> iout = nd::zeros<std::int32_t>({4});
  EXPECT_THROW(nd::sum(a, 0, iout), nd::type_error);
  nd::array<std::int64_t> am = nd::zeros<std::int64_t>({4});
  nd::argmax(a, 0, am);
  EXPECT_EQ(am(1), nd::argmax(a, 0)(1));
  nd::array<double> sd = nd::zeros<double>({4});
  nd::stddev(a, 0, 1, sd);
  nd::array<double> vr = nd::zeros<double>({1, 4});
  nd::var(a, 0, vr);
  for (index_t j = 0; j < 4; ++j) {
    double mean = 0, ss = 0;
    for (index_t i = 0; i < 6; ++i) mean += a(i, j) / 6;
    for (index_t i = 0; i < 6; ++i) ss += (a(i, j) - mean) * (a(i, j) - mean);
    EXPECT_NEAR(sd(j), std::sqrt(ss / 5), 1e-12);
    EXPECT_NEAR(vr(0, j), ss / 6, 1e-12);
  }
}

TEST(ReduceOut, OutOverlappingTheInput) {
  nd::array<double> a = grid<double>(5, 5);
  const auto expected = nd::sum(a, 0);
  nd::sum(a, 0, a(0, nd::all));  // row 0 is read while it is the output
  for (index_t j = 0; j < 5; ++j) EXPECT_EQ(a(0, j), expected(j));
}

// ---- accuracy --------------------------------------------------------------------
TEST(ReduceAccuracy, FloatSumsArePairwise) {
  // 1e7 copies of 0.1f: a naive float loop drifts to ~1.09e6; pairwise stays close.
  const index_t n = 10'000'000;
  nd::array<float> a = nd::full<float>({n}, 0.1f);
  const float s = nd::sum(a);
  EXPECT_NEAR(s, 1e6f, 1e6f * 1e-5f);
  // along axis 0 of a C-order matrix (row accumulation, pairwise over rows)
  nd::array<float> tall = nd::full<float>({1'000'000, 3}, 0.1f);
  const auto col = nd::sum(tall, 0);
  for (index_t j = 0; j < 3; ++j) EXPECT_NEAR(col(j), 1e5f, 1e5f * 1e-5f);
  const float m = nd::mean(a);
  EXPECT_NEAR(m, 0.1f, 1e-6f);
}

TEST(ReduceAccuracy, VarianceIsTwoPass) {
  // Large offset, tiny spread: the one-pass formula E[x^2]-E[x]^2 would lose it all.
  nd::array<double> a(nd::shape_t{1000});
  for (index_t i = 0; i < 1000; ++i) a(i) = 1e9 + (i % 2 ? 1.0 : -1.0);
  EXPECT_NEAR(nd::var(a), 1.0, 1e-9);
  EXPECT_NEAR(nd::stddev(a, nd::none, 1), std::sqrt(1000.0 / 999.0), 1e-9);
}

// ---- NaN, empty, errors ----------------------------------------------------------
TEST(ReduceNaN, MinMaxArgPropagateNaN) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  nd::array<double> a(nd::shape_t{100});
  for (index_t i = 0; i < 100; ++i) a(i) = double(i);
  a(57) = nan;
  a(80) = nan;
  EXPECT_TRUE(std::isnan(nd::min(a)));
  EXPECT_TRUE(std::isnan(nd::max(a)));
  EXPECT_EQ(nd::argmin(a), 57);
  EXPECT_EQ(nd::argmax(a), 57);
  EXPECT_TRUE(std::isnan(nd::sum(a)));
  nd::array<float> m = nd::zeros<float>({3, 2});
  m(1, 0) = static_cast<float>(nan);
  const auto mx = nd::max(m, 0);
  EXPECT_TRUE(std::isnan(mx(0)));
  EXPECT_EQ(mx(1), 0.0f);
}

TEST(ReduceErrors, EmptyMinMaxArgHaveNoIdentity) {
  const auto e = nd::zeros<double>({0});
  try {
    nd::min(e);
    FAIL();
  } catch (const nd::value_error& err) {
    EXPECT_STREQ(err.what(), "zero-size array to reduction operation minimum which has no identity");
  }
  try {
    nd::max(nd::zeros<double>({0, 3}), 0);
    FAIL();
  } catch (const nd::value_error& err) {
    EXPECT_STREQ(err.what(), "zero-size array to reduction operation maximum which has no identity");
  }
  try {
    nd::argmin(e);
    FAIL();
  } catch (const nd::value_error& err) {
    EXPECT_STREQ(err.what(), "attempt to get argmin of an empty sequence");
  }
  EXPECT_THROW(nd::argmax(nd::zeros<double>({0, 3}), 0), nd::value_error);
  // reductions with an identity are fine on empty input
  EXPECT_EQ(nd::sum(e), 0.0);
  EXPECT_EQ(nd::prod(e), 1.0);
  EXPECT_FALSE(nd::any(e));
  EXPECT_TRUE(nd::all(e));
  EXPECT_TRUE(std::isnan(nd::mean(e)));
  const auto s = nd::sum(nd::zeros<double>({0, 3}), 0);
  ASSERT_EQ(s.size(), 3);
  EXPECT_EQ(s(2), 0.0);
  EXPECT_EQ(nd::max(nd::zeros<double>({3, 0}), 0).size(), 0);
}

TEST(ReduceErrors, AxisErrors) {
  const auto a = nd::zeros<double>({2, 2});
  try {
    nd::sum(a, 2);
    FAIL();
  } catch (const nd::index_error& err) {
    EXPECT_STREQ(err.what(), "axis 2 is out of bounds for array of dimension 2");
  }
  try {
    nd::mean(a, -3);
    FAIL();
  } catch (const nd::index_error& err) {
    EXPECT_STREQ(err.what(), "axis -3 is out of bounds for array of dimension 2");
  }
  try {
    nd::sum(a, {0, -2});
    FAIL();
  } catch (const nd::value_error& err) {
    EXPECT_STREQ(err.what(), "duplicate value in 'axis'");
  }
  EXPECT_THROW(nd::argmax(a, 5), nd::index_error);
}

TEST(Reduce, ZeroDimArray) {
  nd::array<double> s = nd::full<double>(nd::shape_t{}, 4.0);
  EXPECT_EQ(nd::sum(s), 4.0);
  EXPECT_EQ(nd::max(s), 4.0);
  EXPECT_EQ(nd::argmax(s), 0);
  EXPECT_EQ(nd::var(s), 0.0);
}

}  // namespace

// var's second pass sums (x - mean)^2 in cache-resident chunks or rows instead of making
// a deviation array: it must agree with the deviations computed element by element, on
// every path (rows combined for a kept inner axis, runs for a reduced one, strided and
// converted inputs, rows longer than one block, several reduced axes).
template <class T>
void expect_var_matches_deviations(const nd::array<T>& a, int axis, nd::index_t ddof) {
  using R = nd::mean_result_t<T>;
  const nd::array<R> v = nd::var(a, axis, ddof);
  const nd::array<R> mu = nd::mean(a, axis, true);
  const nd::array<R> dev = a.template astype<R>() - mu;
  const nd::array<R> expected = nd::sum(dev * dev, axis) / static_cast<R>(a.shape(axis) - ddof);
  ASSERT_EQ(nd::shape_t(v.shape()), nd::shape_t(expected.shape()));
  for (nd::index_t k = 0; k < v.size(); ++k) {
    const R want = expected.ravel().data()[k];
    EXPECT_NEAR(v.ravel().data()[k], want, std::abs(want) * (sizeof(R) == 4 ? 1e-5 : 1e-12)) << "element " << k;
  }
}

TEST(VarCentredSum, AgreesWithExplicitDeviationsOnEveryPath) {
  auto rng = nd::random::default_rng(7);
  const nd::array<double> m = rng.normal(1.0, 3.0, {37, 5000});
  expect_var_matches_deviations(m, 0, 0);  // rows, longer than one 4096 block
  expect_var_matches_deviations(m, 1, 1);  // contiguous runs
  expect_var_matches_deviations(m.T(), 0, 0);  // strided runs
  expect_var_matches_deviations(m(nd::all, nd::slice(0, nd::none, 3)), 0, 0);  // strided rows
  const nd::array<float> f = m.astype<float>();
  expect_var_matches_deviations(f, 0, 0);
  expect_var_matches_deviations(f, 1, 0);
  const nd::array<std::int32_t> i = (m * 100.0).astype<std::int32_t>();
  expect_var_matches_deviations(i, 0, 0);  // converted rows
  expect_var_matches_deviations(i, 1, 1);  // converted runs
  const nd::array<double> one_row = rng.random({1, 9});
  expect_var_matches_deviations(one_row, 0, 0);  // nothing reduced: all zeros
}

// ---- var's one-pass engine ---------------------------------------------------------
// var along a kept contiguous axis (axis 0 of a C-order matrix) and over contiguous runs
// that fit in cache reads the input once (runtime/src/deviations_engine.cpp). Its
// results are checked against a long double two-pass reference, with data far from
// zero (where merging unshifted means would lose digits) and shapes that leave
// remainders everywhere: rows not a multiple of the 8-row leaves, columns not a
// multiple of the SIMD width or of the 512-column blocks.
template <class T>
void expect_var_close_to_reference(const nd::array<T>& m, int axis, int ddof, double relative) {
  const nd::array<T> v = nd::var(m, axis, ddof);
  const index_t n = m.shape(axis), outputs = m.shape(1 - axis);
  ASSERT_EQ(v.size(), outputs);
  for (index_t j = 0; j < outputs; ++j) {
    auto at = [&](index_t i) { return static_cast<long double>(axis == 0 ? m(i, j) : m(j, i)); };
    long double sum = 0, squares = 0;
    for (index_t i = 0; i < n; ++i) sum += at(i);
    const long double mean = sum / n;
    for (index_t i = 0; i < n; ++i) squares += (at(i) - mean) * (at(i) - mean);
    const long double want = squares / (n - ddof);
    EXPECT_NEAR(static_cast<double>(v(j)), static_cast<double>(want), static_cast<double>(want) * relative)
        << "axis " << axis << ", output " << j << " of " << m.shape(0) << "x" << m.shape(1);
  }
}

template <class T>
nd::array<T> offset_noise(index_t rows, index_t cols, double offset, std::uint64_t seed) {
  return (nd::random::default_rng(seed).normal(0.0, 1.0, {rows, cols}) + offset).astype<T>();
}

TEST(VarOnePass, MatchesALongDoubleReferenceFarFromZero) {
  for (const double offset : {0.0, 1e8, 1e12}) {
    for (const index_t rows : {1, 7, 8, 9, 1003}) {
      const nd::array<double> m = offset_noise<double>(rows, 1037, offset, 11);
      expect_var_close_to_reference(m, 0, 0, 1e-11);
      if (rows > 1) expect_var_close_to_reference(m, 0, 1, 1e-11);
      // Along runs the one-pass engine does the two passes' arithmetic, whose error
      // grows with (offset / spread)^2 (docs/runtime.md): 1e-8 at 1e12 + N(0, 1).
      if (offset < 1e12) expect_var_close_to_reference(m, 1, 0, 1e-11);
    }
  }
  // A square matrix: a wrong axis cannot hide behind a shape.
  expect_var_close_to_reference(offset_noise<double>(600, 600, 1e8, 12), 0, 1, 1e-11);
  expect_var_close_to_reference(offset_noise<double>(600, 600, 1e8, 12), 1, 1, 1e-11);
  // The first row far from the rest: the shift the merges use is an outlier.
  nd::array<double> outlier = offset_noise<double>(1001, 65, 1e8, 13);
  outlier(0, nd::all).fill(3e8);
  expect_var_close_to_reference(outlier, 0, 0, 1e-11);
  // float32: the input itself carries about 7 digits.
  expect_var_close_to_reference(offset_noise<float>(2001, 515, 1e3, 14), 0, 0, 1e-5);
  expect_var_close_to_reference(offset_noise<float>(515, 2001, 1e3, 14), 1, 0, 1e-5);
}

TEST(VarOnePass, NaNAndInfinityPropagateAsInTwoPasses) {
  nd::array<double> m = offset_noise<double>(100, 19, 5.0, 15);
  m(57, 3) = std::numeric_limits<double>::quiet_NaN();
  m(0, 4) = std::numeric_limits<double>::infinity();
  m(99, 5) = -std::numeric_limits<double>::infinity();
  const nd::array<double> v = nd::var(m, 0);
  EXPECT_TRUE(std::isnan(v(3)));
  EXPECT_TRUE(std::isnan(v(4)));  // NumPy: inf - inf in the deviations
  EXPECT_TRUE(std::isnan(v(5)));
  EXPECT_TRUE(std::isfinite(v(6)));
}

TEST(VarOnePass, OtherLayoutsAgreeWithIt) {
  // The same numbers through layouts the one-pass engine does not take (the two
  // passes): a strided view, and an axis pair that does not coalesce.
  const nd::array<double> m = offset_noise<double>(257, 301, 1e6, 16);
  nd::array<double> spaced = nd::zeros<double>({257, 602});
  nd::copyto(spaced(nd::all, nd::slice(0, nd::none, 2)), m);
  const nd::array<double> one_pass = nd::var(m, 0), two_pass = nd::var(spaced(nd::all, nd::slice(0, nd::none, 2)), 0);
  for (index_t j = 0; j < 301; ++j) EXPECT_NEAR(one_pass(j), two_pass(j), 1e-12 * two_pass(j)) << j;
  // 3-D: axes {0, 1} coalesce into rows (one pass); {0, 2} do not (two passes).
  const nd::array<double> cube = offset_noise<double>(60, 70, 1e4, 17).reshape({6, 10, 70});
  const nd::array<double> rows = nd::var(cube, {0, 1}), flat = nd::var(cube.reshape({60, 70}), 0);
  for (index_t j = 0; j < 70; ++j) EXPECT_EQ(rows(j), flat(j)) << j;
  const nd::array<double> split = nd::var(cube, {0, 2}, nd::keepdims);
  ASSERT_EQ(nd::shape_t(split.shape()), (nd::shape_t{1, 10, 1}));
  for (index_t k = 0; k < 10; ++k) {
    const nd::array<double> slab = cube(nd::all, k, nd::all).copy();
    EXPECT_NEAR(split(0, k, 0), nd::var(slab), 1e-12 * nd::var(slab)) << k;
  }
}
