// The ufuncs: values against plain scalar loops, result types, broadcasting, out,
// overlap, casting rules, operators and their errors.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

#include <nd/creation.hpp>
#include <nd/operators.hpp>
#include <nd/ufunc.hpp>

#include "test_support.hpp"

namespace {

using nd::index_t;

// A deterministic, varied sample of n values of type T (negatives, fractions for floats).
template <class T>
nd::array<T> sample(index_t n, int seed = 1) {
  nd::array<T> a(nd::shape_t{n});
  for (index_t i = 0; i < n; ++i) {
    const long long v = (i * 37 + seed * 11) % 23 - 11;
    if constexpr (std::is_same_v<T, bool>) a(i) = v > 0;
    else if constexpr (std::is_floating_point_v<T>) a(i) = static_cast<T>(v) / T(4);
    else a(i) = static_cast<T>(v);
  }
  return a;
}

template <class T>
nd::array<T> iota2d(index_t r, index_t c) {
  nd::array<T> a(nd::shape_t{r, c});
  for (index_t i = 0; i < r; ++i)
    for (index_t j = 0; j < c; ++j) a(i, j) = static_cast<T>(i * c + j);
  return a;
}

template <class T>
int ulp_distance(T a, T b) {
  if (a == b || (std::isnan(a) && std::isnan(b))) return 0;
  if (std::isnan(a) || std::isnan(b) || std::isinf(a) || std::isinf(b)) return std::numeric_limits<int>::max();
  int n = 0;
  for (T x = a; x != b && n < 1000; ++n) x = std::nextafter(x, b);
  return n;
}

// ---- result types -------------------------------------------------------------
TEST(UfuncTypes, ArrayArrayPromotionFollowsNumPy) {
  static_assert(std::is_same_v<nd::promote_t<bool, bool>, bool>);
  static_assert(std::is_same_v<nd::promote_t<bool, std::int32_t>, std::int32_t>);
  static_assert(std::is_same_v<nd::promote_t<std::int32_t, std::int64_t>, std::int64_t>);
  static_assert(std::is_same_v<nd::promote_t<std::int32_t, float>, double>);
  static_assert(std::is_same_v<nd::promote_t<std::int64_t, float>, double>);
  static_assert(std::is_same_v<nd::promote_t<float, float>, float>);
  static_assert(std::is_same_v<nd::promote_t<float, double>, double>);
  static_assert(std::is_same_v<nd::promote_t<bool, float>, float>);
  nd::array<std::int32_t> i{1, 2};
  nd::array<float> f{1, 2};
  static_assert(std::is_same_v<decltype(i + f), nd::array<double>>);
  static_assert(std::is_same_v<decltype(f + f), nd::array<float>>);
}

TEST(UfuncTypes, ScalarsAreWeak) {
  nd::array<float> f{1, 2};
  nd::array<std::int32_t> i{1, 2};
  nd::array<bool> b{true, false};
  static_assert(std::is_same_v<decltype(f * 2.5), nd::array<float>>);
  static_assert(std::is_same_v<decltype(2.5 * f), nd::array<float>>);
  static_assert(std::is_same_v<decltype(i * 2.5), nd::array<double>>);
  static_assert(std::is_same_v<decltype(i + 7), nd::array<std::int32_t>>);
  static_assert(std::is_same_v<decltype(i + std::int64_t{7}), nd::array<std::int32_t>>);
  static_assert(std::is_same_v<decltype(b + 1), nd::array<std::int64_t>>);
  static_assert(std::is_same_v<decltype(b + true), nd::array<bool>>);
  static_assert(std::is_same_v<nd::result_type_t<nd::array<float>, double>, float>);
  static_assert(std::is_same_v<nd::result_type_t<int, nd::array<bool>>, std::int64_t>);
  EXPECT_FLOAT_EQ((f * 2.5)(1), 5.0f);
  EXPECT_DOUBLE_EQ((i * 2.5)(1), 5.0);
  EXPECT_EQ((b + 1)(0), 2);
}

TEST(UfuncTypes, DivisionAndTranscendentalsOfIntegersAreFloat64) {
  nd::array<std::int32_t> i{1, 4};
  nd::array<float> f{1, 4};
  static_assert(std::is_same_v<decltype(i / i), nd::array<double>>);
  static_assert(std::is_same_v<decltype(nd::sqrt(i)), nd::array<double>>);
  static_assert(std::is_same_v<decltype(nd::exp(nd::array<bool>{true})), nd::array<double>>);
  static_assert(std::is_same_v<decltype(nd::sqrt(f)), nd::array<float>>);
  static_assert(std::is_same_v<decltype(i == i), nd::array<bool>>);
  static_assert(std::is_same_v<decltype(nd::logical_and(f, 2)), nd::array<bool>>);
  EXPECT_DOUBLE_EQ((i / nd::array<std::int32_t>{2, 8})(0), 0.5);
  EXPECT_DOUBLE_EQ(nd::sqrt(i)(1), 2.0);
}

// ---- every binary ufunc, every dtype, against a scalar loop ------------------------
template <class T>
class BinaryUfunc : public ::testing::Test {};
using AllTypes = ::testing::Types<bool, std::int32_t, std::int64_t, float, double>;
TYPED_TEST_SUITE(BinaryUfunc, AllTypes);

template <class R, class T, class F, class G>
void expect_binary(F ufunc, G reference, index_t n = 203) {
  const nd::array<T> a = sample<T>(n, 1), b = sample<T>(n, 2);
  const auto r = ufunc(a, b);
  static_assert(std::is_same_v<typename std::remove_cvref_t<decltype(r)>::value_type, R>);
  ASSERT_EQ(r.size(), n);
  for (index_t i = 0; i < n; ++i) {
    const R expected = reference(a(i), b(i));
    if constexpr (std::is_floating_point_v<R>) {
      if (std::isnan(expected)) EXPECT_TRUE(std::isnan(r(i))) << i;
      else EXPECT_EQ(r(i), expected) << "at " << i << ": " << +a(i) << ", " << +b(i);
    } else {
      EXPECT_EQ(r(i), expected) << "at " << i << ": " << +a(i) << ", " << +b(i);
    }
  }
}

TYPED_TEST(BinaryUfunc, ArithmeticMatchesScalarLoop) {
  using T = TypeParam;
  if constexpr (std::is_same_v<T, bool>) {
    expect_binary<bool, T>([](auto& a, auto& b) { return nd::add(a, b); }, [](T x, T y) { return x || y; });
    expect_binary<bool, T>([](auto& a, auto& b) { return nd::multiply(a, b); }, [](T x, T y) { return x && y; });
  } else {
    expect_binary<T, T>([](auto& a, auto& b) { return nd::add(a, b); }, [](T x, T y) { return T(x + y); });
    expect_binary<T, T>([](auto& a, auto& b) { return nd::subtract(a, b); }, [](T x, T y) { return T(x - y); });
    expect_binary<T, T>([](auto& a, auto& b) { return nd::multiply(a, b); }, [](T x, T y) { return T(x * y); });
  }
  using F = nd::float_result_t<T>;
  expect_binary<F, T>([](auto& a, auto& b) { return nd::divide(a, b); },
                      [](T x, T y) { return static_cast<F>(x) / static_cast<F>(y); });
}

TYPED_TEST(BinaryUfunc, MinimumMaximumAndComparisonsMatchScalarLoop) {
  using T = TypeParam;
  expect_binary<T, T>([](auto& a, auto& b) { return nd::minimum(a, b); }, [](T x, T y) { return y < x ? y : x; });
  expect_binary<T, T>([](auto& a, auto& b) { return nd::maximum(a, b); }, [](T x, T y) { return y > x ? y : x; });
  expect_binary<bool, T>([](auto& a, auto& b) { return a == b; }, [](T x, T y) { return x == y; });
  expect_binary<bool, T>([](auto& a, auto& b) { return a != b; }, [](T x, T y) { return x != y; });
  expect_binary<bool, T>([](auto& a, auto& b) { return a < b; }, [](T x, T y) { return x < y; });
  expect_binary<bool, T>([](auto& a, auto& b) { return a <= b; }, [](T x, T y) { return x <= y; });
  expect_binary<bool, T>([](auto& a, auto& b) { return a > b; }, [](T x, T y) { return x > y; });
  expect_binary<bool, T>([](auto& a, auto& b) { return a >= b; }, [](T x, T y) { return x >= y; });
  expect_binary<bool, T>([](auto& a, auto& b) { return nd::logical_and(a, b); },
                         [](T x, T y) { return x != T(0) && y != T(0); });
  expect_binary<bool, T>([](auto& a, auto& b) { return nd::logical_or(a, b); },
                         [](T x, T y) { return x != T(0) || y != T(0); });
}

TEST(BinaryUfunc, FloatPowerMatchesStdPow) {
  const auto a = nd::abs(sample<double>(50, 1));
  const auto b = sample<double>(50, 2);
  const auto r = nd::power(a, b);
  for (index_t i = 0; i < 50; ++i) EXPECT_EQ(r(i), std::pow(a(i), b(i))) << i;
  const auto f = nd::power(nd::array<float>{2, 3}, 2);
  static_assert(std::is_same_v<decltype(f), const nd::array<float>>);
  EXPECT_EQ(f(1), 9.0f);
}

TEST(BinaryUfunc, IntegerPowerWrapsAndRejectsNegativeExponents) {
  nd::array<std::int32_t> base{2, 2, 2, -3, 0};
  nd::array<std::int32_t> e{0, 1, 31, 3, 0};
  const auto r = nd::power(base, e);
  EXPECT_EQ(r(0), 1);
  EXPECT_EQ(r(1), 2);
  EXPECT_EQ(r(2), std::numeric_limits<std::int32_t>::min());  // 2**31 wraps, as in NumPy
  EXPECT_EQ(r(3), -27);
  EXPECT_EQ(r(4), 1);
  const auto wide = nd::power(nd::array<std::int32_t>{2}, nd::array<std::int64_t>{32});
  static_assert(std::is_same_v<decltype(wide), const nd::array<std::int64_t>>);
  EXPECT_EQ(wide(0), std::int64_t{1} << 32);
  try {
    nd::power(base, -1);
    FAIL();
  } catch (const nd::value_error& err) {
    EXPECT_STREQ(err.what(), "Integers to negative integer powers are not allowed.");
  }
  EXPECT_THROW(nd::power(base, nd::array<std::int64_t>{1, 2, -1, 0, 0}), nd::value_error);
  EXPECT_NO_THROW(nd::power(base, 2.0));  // float exponent: float64 result, no error
}

TEST(BinaryUfunc, MinimumMaximumPropagateNaN) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  nd::array<double> a(nd::shape_t{37});
  nd::array<double> b(nd::shape_t{37});
  for (index_t i = 0; i < 37; ++i) {
    a(i) = (i % 5 == 0) ? nan : double(i);
    b(i) = (i % 7 == 0) ? nan : double(36 - i);
  }
  const auto lo = nd::minimum(a, b), hi = nd::maximum(a, b);
  for (index_t i = 0; i < 37; ++i) {
    if (i % 5 == 0 || i % 7 == 0) {
      EXPECT_TRUE(std::isnan(lo(i))) << i;
      EXPECT_TRUE(std::isnan(hi(i))) << i;
    } else {
      EXPECT_EQ(lo(i), std::min(a(i), b(i)));
      EXPECT_EQ(hi(i), std::max(a(i), b(i)));
    }
  }
  nd::array<float> f{1, std::numeric_limits<float>::quiet_NaN(), 3};
  EXPECT_TRUE(std::isnan(nd::minimum(f, 2.0f)(1)));
  EXPECT_TRUE(std::isnan(nd::maximum(2.0f, f)(1)));
}

TEST(BinaryUfunc, IntegerOverflowWraps) {
  const std::int32_t big = std::numeric_limits<std::int32_t>::max();
  nd::array<std::int32_t> a{big, big, -big - 1};
  EXPECT_EQ((a + 1)(0), -big - 1);
  EXPECT_EQ((a * 2)(1), -2);
  EXPECT_EQ((a - 1)(2), big);
  nd::array<std::int64_t> w(nd::shape_t{20});
  w.fill(std::numeric_limits<std::int64_t>::max());
  const auto m = w * w;  // the int64 multiply is a plain loop
  for (index_t i = 0; i < 20; ++i) EXPECT_EQ(m(i), 1);
}

TEST(BinaryUfunc, BoolSubtractAndNegativeAreTypeErrors) {
  nd::array<bool> b{true, false};
  try {
    nd::subtract(b, b);
    FAIL();
  } catch (const nd::type_error& e) {
    EXPECT_STREQ(e.what(),
                 "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, "
                 "or the logical_xor function instead.");
  }
  try {
    -b;
    FAIL();
  } catch (const nd::type_error& e) {
    EXPECT_STREQ(e.what(),
                 "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the "
                 "logical_not function instead.");
  }
  EXPECT_NO_THROW(b - 1);  // bool and an int scalar compute in int64
}

// ---- unary ufuncs --------------------------------------------------------------
template <class T>
class UnaryUfunc : public ::testing::Test {};
TYPED_TEST_SUITE(UnaryUfunc, AllTypes);

TYPED_TEST(UnaryUfunc, NegativeAbsSquareLogicalNotMatchScalarLoop) {
  using T = TypeParam;
  const nd::array<T> a = sample<T>(131);
  const auto nn = nd::logical_not(a);
  const auto ab = nd::abs(a);
  const auto sq = nd::square(a);
  static_assert(std::is_same_v<typename decltype(ab)::value_type, T>);
  for (index_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(nn(i), !(a(i) != T(0)));
    if constexpr (std::is_same_v<T, bool>) {
      EXPECT_EQ(ab(i), a(i));
      EXPECT_EQ(sq(i), a(i) ? 1 : 0);
    } else {
      EXPECT_EQ(ab(i), a(i) < 0 ? T(-a(i)) : a(i));
      EXPECT_EQ(sq(i), T(a(i) * a(i)));
    }
  }
  if constexpr (!std::is_same_v<T, bool>) {
    const auto ng = -a;
    for (index_t i = 0; i < a.size(); ++i) EXPECT_EQ(ng(i), T(-a(i)));
  }
}

TEST(UnaryUfunc, IntegerAbsAndNegativeWrap) {
  const std::int32_t lo = std::numeric_limits<std::int32_t>::min();
  nd::array<std::int32_t> a(nd::shape_t{17});
  a.fill(lo);
  const auto ab = nd::abs(a), ng = nd::negative(a);
  for (index_t i = 0; i < 17; ++i) {
    EXPECT_EQ(ab(i), lo);
    EXPECT_EQ(ng(i), lo);
  }
}

template <class T, class F, class G>
void expect_math_close(F ufunc, G reference, const nd::array<T>& x, int max_ulp) {
  const auto r = ufunc(x);
  for (index_t i = 0; i < x.size(); ++i) {
    const T expected = reference(x(i));
    EXPECT_LE(ulp_distance<T>(r(i), expected), max_ulp) << "x=" << x(i) << " got " << r(i) << " want " << expected;
  }
}

template <class T>
nd::array<T> math_inputs() {
  // Ordinary values, plus ones outside Highway's accurate ranges (handled by std::).
  const T special[] = {T(0),
                       T(-0.0),
                       T(1e-30),
                       T(0.5),
                       T(1),
                       T(2),
                       T(10),
                       T(87.5),
                       T(88.9),
                       T(-100),
                       T(700),
                       T(710),
                       T(-745),
                       T(1e5),
                       T(-3e4),
                       std::numeric_limits<T>::infinity(),
                       -std::numeric_limits<T>::infinity(),
                       std::numeric_limits<T>::quiet_NaN(),
                       std::numeric_limits<T>::denorm_min(),
                       T(-1)};
  const index_t n = 500 + static_cast<index_t>(std::size(special));
  nd::array<T> x(nd::shape_t{n});
  for (index_t i = 0; i < 500; ++i) x(i) = T(-20) + T(i) * T(0.0813);
  for (index_t i = 0; i < static_cast<index_t>(std::size(special)); ++i) x(500 + i) = special[i];
  return x;
}

template <class T>
class MathUfunc : public ::testing::Test {};
using FloatTypes = ::testing::Types<float, double>;
TYPED_TEST_SUITE(MathUfunc, FloatTypes);

// Highway's documented errors are at most 4 ULP; NumPy's SIMD loops are within 4 ULP too.
TYPED_TEST(MathUfunc, ExpLogSinCosSqrtAreWithinFourUlpOfStd) {
  using T = TypeParam;
  const nd::array<T> x = math_inputs<T>();
  expect_math_close<T>([](auto& v) { return nd::exp(v); }, [](T v) { return std::exp(v); }, x, 4);
  expect_math_close<T>([](auto& v) { return nd::log(v); }, [](T v) { return std::log(v); }, x, 4);
  expect_math_close<T>([](auto& v) { return nd::sin(v); }, [](T v) { return std::sin(v); }, x, 4);
  expect_math_close<T>([](auto& v) { return nd::cos(v); }, [](T v) { return std::cos(v); }, x, 4);
  expect_math_close<T>([](auto& v) { return nd::sqrt(v); }, [](T v) { return std::sqrt(v); }, x, 0);
}

TEST(MathUfunc, IntegerInputsComputeInFloat64) {
  nd::array<std::int32_t> i{0, 1, 2};
  const auto e = nd::exp(i);
  static_assert(std::is_same_v<decltype(e), const nd::array<double>>);
  EXPECT_LE(ulp_distance(e(2), std::exp(2.0)), 4);
}

// ---- broadcasting ----------------------------------------------------------------
TEST(UfuncBroadcast, RowAndColumnBroadcastAgainstScalarLoop) {
  const auto m = iota2d<double>(4, 5);
  nd::array<double> row{10, 20, 30, 40, 50};
  const auto col = iota2d<double>(4, 1);
  const auto r = m * row + col;
  ASSERT_EQ(nd::shape_t(r.shape()), (nd::shape_t{4, 5}));
  for (index_t i = 0; i < 4; ++i)
    for (index_t j = 0; j < 5; ++j) EXPECT_EQ(r(i, j), m(i, j) * row(j) + col(i, 0));
  const auto outer = col + row;  // (4,1) + (5,) -> (4,5)
  for (index_t i = 0; i < 4; ++i)
    for (index_t j = 0; j < 5; ++j) EXPECT_EQ(outer(i, j), col(i, 0) + row(j));
}

TEST(UfuncBroadcast, IncompatibleShapesUseNumPysMessage) {
  const auto a = nd::ones<double>({2, 3});
  const auto b = nd::ones<double>({4});
  try {
    nd::add(a, b);
    FAIL();
  } catch (const nd::shape_error& e) {
    EXPECT_STREQ(e.what(), "operands could not be broadcast together with shapes (2,3) (4,) ");
  }
  nd::array<double> out = nd::zeros<double>({4});
  try {
    nd::add(nd::ones<double>({3}), 1.0, out);
    FAIL();
  } catch (const nd::shape_error& e) {
    EXPECT_STREQ(e.what(), "operands could not be broadcast together with shapes (3,) () (4,) ");
  }
}

TEST(UfuncBroadcast, ZeroDimAndZeroSizeArrays) {
  nd::array<double> s = nd::full<double>(nd::shape_t{}, 3.0);
  const auto r = s * 2.0;
  EXPECT_EQ(r.ndim(), 0);
  EXPECT_EQ(r.item(), 6.0);
  const auto e = nd::zeros<double>({0, 3}) + nd::ones<double>({3});
  EXPECT_EQ(nd::shape_t(e.shape()), (nd::shape_t{0, 3}));
  const auto m = s + nd::ones<float>({2, 2});
  static_assert(std::is_same_v<decltype(m), const nd::array<double>>);
  EXPECT_EQ(m(1, 1), 4.0);
}

TEST(UfuncBroadcast, NegativeAndNonContiguousStrides) {
  const auto m = iota2d<std::int64_t>(6, 8);
  const auto rev = m(nd::slice(nd::none, nd::none, -1), nd::slice(1, nd::none, 3));  // (6, 3), negative row stride
  const auto t = rev * 10 + rev;
  for (index_t i = 0; i < 6; ++i)
    for (index_t j = 0; j < 3; ++j) EXPECT_EQ(t(i, j), 11 * m(5 - i, 1 + 3 * j));
  const auto col = m(nd::all, 2);
  const auto c = nd::sqrt(col);
  for (index_t i = 0; i < 6; ++i) EXPECT_EQ(c(i), std::sqrt(double(m(i, 2))));
}

TEST(UfuncBroadcast, BroadcastOperandsWithZeroStridesInMixedTypes) {
  // int32 matrix with a float32 row: computes in float64, casting in buffered chunks.
  const auto m = iota2d<std::int32_t>(3, 2000);
  nd::array<float> row(nd::shape_t{2000});
  for (index_t j = 0; j < 2000; ++j) row(j) = float(j) * 0.5f;
  const auto r = m - row;
  static_assert(std::is_same_v<decltype(r), const nd::array<double>>);
  for (index_t i = 0; i < 3; ++i)
    for (index_t j = 0; j < 2000; j += 7) EXPECT_EQ(r(i, j), double(m(i, j)) - double(row(j)));
}

// ---- out -------------------------------------------------------------------------
TEST(UfuncOut, WritesIntoNamedArrayAndTemporaryView) {
  nd::array<double> x{1, 2, 3, 4, 5};
  nd::array<double> y = nd::zeros<double>({8});
  nd::multiply(x, 2.0, y(nd::slice(0, 5, 1)));
  for (index_t i = 0; i < 5; ++i) EXPECT_EQ(y(i), 2.0 * x(i));
  EXPECT_EQ(y(5), 0.0);
  nd::array<double> out = nd::zeros<double>({5});
  nd::array<double>& ret = nd::add(x, x, out);
  EXPECT_EQ(&ret, &out);
  EXPECT_EQ(out(4), 10.0);
  // out with the broadcast shape while inputs broadcast into it
  nd::array<double> grid = nd::zeros<double>({2, 5});
  nd::add(x, 1.0, grid);
  EXPECT_EQ(grid(1, 4), 6.0);
}

TEST(UfuncOut, WrongOutShapeIsShapeError) {
  nd::array<double> out = nd::zeros<double>({3});
  try {
    nd::add(nd::ones<double>({2, 3}), 1.0, out);
    FAIL();
  } catch (const nd::shape_error& e) {
    EXPECT_STREQ(e.what(), "non-broadcastable output operand with shape (3,) doesn't match the broadcast shape (2,3)");
  }
  nd::array<double> out3 = nd::zeros<double>({2, 3, 1});
  EXPECT_THROW(nd::add(nd::ones<double>({3}), 1.0, out3), nd::shape_error);
}

TEST(UfuncOut, ReadOnlyOutIsValueError) {
  nd::array<double> base{1, 2, 3};
  nd::array<double> ro = nd::broadcast_to(base, {2, 3});
  try {
    nd::add(base, 1.0, ro);
    FAIL();
  } catch (const nd::value_error& e) {
    EXPECT_STREQ(e.what(), "assignment destination is read-only");
  }
}

TEST(UfuncOut, SameKindCastingOfOut) {
  nd::array<std::int32_t> i{1, 2, 3};
  try {
    nd::add(i, 1.5, i);
    FAIL();
  } catch (const nd::type_error& e) {
    EXPECT_STREQ(e.what(),
                 "Cannot cast ufunc 'add' output from dtype('float64') to dtype('int32') with casting rule "
                 "'same_kind'");
  }
  EXPECT_EQ(i(0), 1);  // nothing written
  // float64 into float32 and int64 into int32 are the same kind: allowed, cast on store.
  nd::array<float> f = nd::zeros<float>({3});
  nd::add(nd::array<double>{0.5, 1.5, 2.5}, 1.0, f);
  EXPECT_EQ(f(2), 3.5f);
  nd::add(i, std::int64_t{10}, i);
  EXPECT_EQ(i(2), 13);
  // comparisons produce bool, which casts to anything
  nd::array<double> d = nd::zeros<double>({3});
  nd::less(nd::array<double>{0, 5, 1}, 1.0, d);
  EXPECT_EQ(d(0), 1.0);
  EXPECT_EQ(d(1), 0.0);
}

TEST(UfuncOut, OutEqualToInputIsComputedInPlace) {
  nd::array<double> a = sample<double>(100);
  const nd::array<double> expected = a.copy();
  nd::multiply(a, a, a);
  for (index_t i = 0; i < 100; ++i) EXPECT_EQ(a(i), expected(i) * expected(i));
}

TEST(UfuncOut, PartialOverlapReadsInputsFirst) {
  nd::array<std::int64_t> a = nd::zeros<std::int64_t>({10});
  for (index_t i = 0; i < 10; ++i) a(i) = i;
  const nd::array<std::int64_t> before = a.copy();
  // out = a[1:], input = a[:-1]: a naive loop would propagate a[0] everywhere.
  nd::add(a(nd::slice(0, 9, 1)), 100, a(nd::slice(1, 10, 1)));
  EXPECT_EQ(a(0), 0);
  for (index_t i = 1; i < 10; ++i) EXPECT_EQ(a(i), before(i - 1) + 100);
  // reversed view of itself
  nd::array<double> b = sample<double>(33);
  const nd::array<double> b0 = b.copy();
  nd::subtract(b, b(nd::slice(nd::none, nd::none, -1)), b);
  for (index_t i = 0; i < 33; ++i) EXPECT_EQ(b(i), b0(i) - b0(32 - i));
  // a broadcast row of the output itself
  nd::array<double> m = iota2d<double>(3, 4);
  const nd::array<double> m0 = m.copy();
  nd::add(m, m(0, nd::all), m);
  for (index_t i = 0; i < 3; ++i)
    for (index_t j = 0; j < 4; ++j) EXPECT_EQ(m(i, j), m0(i, j) + m0(0, j));
}

// ---- operators -------------------------------------------------------------------
TEST(UfuncOperators, EagerOperatorsAllocateNewArrays) {
  nd::array<double> a{1, 2, 3};
  nd::array<double> b{4, 5, 6};
  const auto c = 2.5 * a + 1.2;
  EXPECT_FALSE(nd::shares_memory(c, a));
  EXPECT_DOUBLE_EQ(c(2), 2.5 * 3 + 1.2);
  const auto q = (a - b) / b;
  EXPECT_DOUBLE_EQ(q(0), (1.0 - 4.0) / 4.0);
  const auto eq = a == nd::array<double>{1, 0, 3};
  EXPECT_TRUE(eq(0));
  EXPECT_FALSE(eq(1));
  const auto ne = 2.0 != a;
  EXPECT_TRUE(ne(0));
  EXPECT_FALSE(ne(1));
  const auto lt = a < 2.5, ge = 2 >= a;
  EXPECT_TRUE(lt(1));
  EXPECT_FALSE(lt(2));
  EXPECT_TRUE(ge(1));
  EXPECT_FALSE(ge(2));
  const auto n = !(a > 1.5);
  EXPECT_TRUE(n(0));
  EXPECT_FALSE(n(1));
}

TEST(UfuncOperators, CompoundAssignmentWritesIntoTheBuffer) {
  nd::array<double> a{1, 2, 3};
  nd::array<double> alias = a;
  a += 1;
  a *= nd::array<double>{2, 2, 2};
  a -= 0.5;
  a /= 2;
  for (index_t i = 0; i < 3; ++i) EXPECT_DOUBLE_EQ(alias(i), ((i + 2) * 2 - 0.5) / 2);
  nd::array<std::int32_t> m = iota2d<std::int32_t>(3, 2);
  m(nd::all, 0) += 100;
  EXPECT_EQ(m(2, 0), 104);
  EXPECT_EQ(m(2, 1), 5);
  try {
    m += 1.5;
    FAIL();
  } catch (const nd::type_error& e) {
    EXPECT_STREQ(e.what(),
                 "Cannot cast ufunc 'add' output from dtype('float64') to dtype('int32') with casting rule "
                 "'same_kind'");
  }
  EXPECT_THROW(m /= 2, nd::type_error);
}

// ---- clip, where, copyto, astype, vectorize --------------------------------------
TEST(UfuncClip, ClipsWithScalarsAndArraysAndPropagatesNaN) {
  nd::array<double> a = sample<double>(40);
  const auto c = nd::clip(a, -1.0, 1.5);
  for (index_t i = 0; i < 40; ++i) EXPECT_EQ(c(i), std::min(std::max(a(i), -1.0), 1.5));
  nd::array<double> lo = sample<double>(40, 3);
  const auto c2 = nd::clip(a, lo, 2.0);
  for (index_t i = 0; i < 40; ++i) EXPECT_EQ(c2(i), std::min(std::max(a(i), lo(i)), 2.0));
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const auto cn = nd::clip(nd::array<double>{nan, 5.0}, 0.0, 1.0);
  EXPECT_TRUE(std::isnan(cn(0)));
  EXPECT_EQ(cn(1), 1.0);
  nd::array<std::int32_t> i{-5, 0, 5};
  const auto ci = nd::clip(i, -1, 1);
  static_assert(std::is_same_v<decltype(ci), const nd::array<std::int32_t>>);
  EXPECT_EQ(ci(0), -1);
  EXPECT_EQ(ci(2), 1);
  static_assert(std::is_same_v<decltype(nd::clip(i, 1.5, 3)), nd::array<double>>);
  nd::clip(i, 0, 2, i);
  EXPECT_EQ(i(0), 0);
  EXPECT_EQ(i(2), 2);
}

TEST(UfuncWhere, SelectsWithBroadcastingAndAnyConditionType) {
  nd::array<double> a = sample<double>(30);
  const auto w = nd::where(a > 0.0, a, 0.0);
  for (index_t i = 0; i < 30; ++i) EXPECT_EQ(w(i), a(i) > 0 ? a(i) : 0.0);
  nd::array<std::int32_t> cond{0, 3, 0};
  const auto w2 = nd::where(cond, nd::array<float>{1, 2, 3}, std::int64_t{-1});
  static_assert(std::is_same_v<decltype(w2), const nd::array<float>>);
  EXPECT_EQ(w2(0), -1.0f);
  EXPECT_EQ(w2(1), 2.0f);
  const auto grid = nd::where(iota2d<double>(2, 3) > 2.0, nd::array<double>{1, 2, 3}, iota2d<double>(2, 1));
  EXPECT_EQ(grid(0, 2), 0.0);
  EXPECT_EQ(grid(1, 0), 1.0);
  nd::array<double> out = nd::zeros<double>({30});
  nd::where(a > 0.0, 1.0, -1.0, out);
  for (index_t i = 0; i < 30; ++i) EXPECT_EQ(out(i), a(i) > 0 ? 1.0 : -1.0);
}

TEST(UfuncCopyto, BroadcastsCastsAndChecks) {
  nd::array<double> dst = nd::zeros<double>({2, 3});
  nd::copyto(dst, nd::array<std::int32_t>{1, 2, 3});
  EXPECT_EQ(dst(1, 2), 3.0);
  nd::copyto(dst(0, nd::all), 7.5);
  EXPECT_EQ(dst(0, 1), 7.5);
  EXPECT_EQ(dst(1, 1), 2.0);
  nd::array<std::int32_t> i = nd::zeros<std::int32_t>({3});
  try {
    nd::copyto(i, nd::array<double>{1, 2, 3});
    FAIL();
  } catch (const nd::type_error& e) {
    EXPECT_STREQ(e.what(), "Cannot cast array data from dtype('float64') to dtype('int32') according to the rule "
                           "'same_kind'");
  }
  EXPECT_THROW(nd::copyto(i, 2.5), nd::type_error);
  try {
    nd::copyto(i, nd::array<std::int32_t>{1, 2});
    FAIL();
  } catch (const nd::shape_error& e) {
    EXPECT_STREQ(e.what(), "could not broadcast input array from shape (2,) into shape (3,)");
  }
  nd::array<double> ro = nd::broadcast_to(dst, {4, 2, 3});
  EXPECT_THROW(nd::copyto(ro, 1.0), nd::value_error);
  // overlapping copy: shift right by one
  nd::array<std::int64_t> s{1, 2, 3, 4};
  nd::copyto(s(nd::slice(1, 4, 1)), s(nd::slice(0, 3, 1)));
  EXPECT_EQ(s(3), 3);
  EXPECT_EQ(s(1), 1);
}

TEST(UfuncAstype, CastsLikeNumPy) {
  nd::array<double> d{1.9, -1.9, 0.0, 3e10};
  const auto i = d.astype<std::int32_t>();
  EXPECT_EQ(i(0), 1);
  EXPECT_EQ(i(1), -1);
  EXPECT_EQ(i(3), std::numeric_limits<std::int32_t>::min());  // out of range, as x86 NumPy
  const auto b = d.astype<bool>();
  EXPECT_TRUE(b(0));
  EXPECT_FALSE(b(2));
  const auto m = iota2d<std::int32_t>(3, 4);
  const auto t = m(nd::all, nd::slice(nd::none, nd::none, -2)).astype<float>();
  EXPECT_TRUE(t.is_contiguous());
  EXPECT_EQ(t(2, 0), 11.0f);
  EXPECT_EQ(t(2, 1), 9.0f);
}

TEST(UfuncVectorize, AppliesScalarFunctionWithBroadcasting) {
  auto hyp = nd::vectorize([](double x, std::int32_t y) { return std::sqrt(x * x + y * y); });
  nd::array<double> column = nd::zeros<double>({2, 1});
  column(0, 0) = 3;
  column(1, 0) = 6;
  const auto r = hyp(column, nd::array<std::int32_t>{4, 8});
  static_assert(std::is_same_v<decltype(r), const nd::array<double>>);
  EXPECT_EQ(nd::shape_t(r.shape()), (nd::shape_t{2, 2}));
  EXPECT_EQ(r(0, 0), 5.0);
  EXPECT_EQ(r(1, 1), 10.0);
  auto sign = nd::vectorize([](double x) { return x > 0; });
  const auto s = sign(nd::array<double>{-1, 2});
  static_assert(std::is_same_v<decltype(s), const nd::array<bool>>);
  EXPECT_FALSE(s(0));
  EXPECT_TRUE(s(1));
  auto add3 = nd::vectorize([](std::int64_t a, int b) { return a + b; });
  EXPECT_EQ(add3(nd::array<std::int64_t>{1, 2}, 3)(1), 5);
  EXPECT_THROW(hyp(nd::ones<double>({3}), nd::ones<std::int32_t>({2})), nd::shape_error);
}

// ---- float32 SIMD paths, with long arrays and every alignment of the tail ---------
TEST(UfuncFloat32, LongArraysAndTailsMatchScalarLoop) {
  for (index_t n : {1, 7, 8, 15, 16, 17, 33, 1000, 4099}) {
    nd::array<float> a = sample<float>(n, 3);
    nd::array<float> b = sample<float>(n, 4);
    const auto r = 2.5f * a + b;
    const auto q = a / 3.0f;
    const auto mx = nd::maximum(a, 0.0f);
    for (index_t i = 0; i < n; ++i) {
      EXPECT_EQ(r(i), 2.5f * a(i) + b(i));
      EXPECT_EQ(q(i), a(i) / 3.0f);
      EXPECT_EQ(mx(i), std::max(a(i), 0.0f));
    }
  }
}

}  // namespace

// Temporary elision (NumPy's): an operator whose operand is a temporary no one else
// sees computes into that temporary's buffer; anything that may be seen is left alone.
TEST(UfuncOperators, ATemporaryOperandHoldsTheResult) {
  const nd::array<double> x = nd_test::iota({4, 3});
  nd::array<double> t = x * 2.0;
  const double* buffer = t.data();
  const nd::array<double> y = std::move(t) + 1.0;
  EXPECT_EQ(y.data(), buffer);
  for (nd::index_t k = 0; k < 12; ++k) EXPECT_EQ(y.data()[k], 2.0 * k + 1.0);
  // The temporary on the right, and a broadcast operand that fits its shape.
  const nd::array<double> row = nd_test::iota({3});
  nd::array<double> u = x * 3.0;
  const double* u_buffer = u.data();
  const nd::array<double> z = row - std::move(u);
  EXPECT_EQ(z.data(), u_buffer);
  EXPECT_EQ(z(2, 1), 1.0 - 3.0 * 7);
  // Unary minus.
  nd::array<double> v = x + 0.5;
  const double* v_buffer = v.data();
  const nd::array<double> w = -std::move(v);
  EXPECT_EQ(w.data(), v_buffer);
  EXPECT_EQ(w(1, 1), -4.5);
}

TEST(UfuncOperators, ATemporaryThatMayBeSeenIsNotReused) {
  const nd::array<double> x = nd_test::iota({4, 3});
  // Shared: a view keeps the buffer visible.
  nd::array<double> t = x * 2.0;
  const nd::array<double> view = t(nd::all, 0);
  const nd::array<double> y = std::move(t) + 1.0;
  EXPECT_NE(y.data(), view.data());
  EXPECT_EQ(view(3), 18.0);
  // Too small for the broadcast result.
  nd::array<double> col = x(nd::all, nd::slice(0, 1)).copy();
  const nd::array<double> wide = std::move(col) + x;
  EXPECT_EQ(nd::shape_t(wide.shape()), nd::shape_t({4, 3}));
  EXPECT_EQ(wide(3, 2), 9.0 + 11.0);
  // Another result dtype: int32 / int32 is float64.
  nd::array<std::int32_t> i = nd_test::iota<std::int32_t>({5}) * 2;
  const nd::array<double> q = std::move(i) / 4;
  EXPECT_EQ(q(3), 1.5);
  // Not contiguous.
  nd::array<double> strided = x.T();
  const nd::array<double> s = std::move(strided) * 1.0;
  EXPECT_EQ(s(0, 3), 9.0);
  EXPECT_EQ(x(3, 0), 9.0);
}

// Outputs of 16 MiB or more are written with streaming stores: out of place, in place,
// with a repeated (scalar) operand, and with a misaligned output (the normal path).
TEST(UfuncLarge, StreamingStoresWriteEveryElement) {
  const nd::index_t n = (std::int64_t{16} << 20) / 8 + 13;
  nd::array<double> x = nd_test::iota({n});
  nd::array<double> y = x * 2.0;
  nd::add(y, x, y);
  nd::array<double> z = nd::empty<double>({n + 1});
  nd::subtract(y, 1.0, z(nd::slice(1, nd::none)));
  for (nd::index_t i : {nd::index_t{0}, nd::index_t{1}, n / 2, n - 14, n - 2, n - 1}) {
    EXPECT_EQ(y(i), 3.0 * i) << i;
    EXPECT_EQ(z(i + 1), 3.0 * i - 1.0) << i;
  }
  EXPECT_EQ(nd::sum(y), 3.0 * (static_cast<double>(n) * (n - 1) / 2));
}

// Signed zeros: nd::negative flips the sign bit in SIMD lanes and in the scalar tail
// (0 - x gave +0.0 for +0.0), and sin(-0.0) is -0.0 (Highway's Sin gave +0.0).
TEST(UfuncSignedZero, NegativeAndSinKeepTheSignOfZero) {
  for (const index_t n : {1, 3, 8, 17, 64}) {
    nd::array<double> pz = nd::zeros<double>({n});
    nd::array<double> nz = nd::full<double>({n}, -0.0);
    nd::array<float> pzf = nd::zeros<float>({n});
    nd::array<float> nzf = nd::full<float>({n}, -0.0f);
    const nd::array<double> neg = nd::negative(pz), negneg = -nz, sin_nz = nd::sin(nz), sin_pz = nd::sin(pz);
    const nd::array<float> negf = nd::negative(pzf), sinf_nz = nd::sin(nzf);
    for (index_t i = 0; i < n; ++i) {
      EXPECT_TRUE(std::signbit(neg(i))) << "negative(+0.0), n=" << n << " i=" << i;
      EXPECT_FALSE(std::signbit(negneg(i))) << "-(-0.0), n=" << n << " i=" << i;
      EXPECT_TRUE(std::signbit(negf(i))) << "float negative(+0.0), n=" << n << " i=" << i;
      EXPECT_TRUE(std::signbit(sin_nz(i)) && sin_nz(i) == 0.0) << "sin(-0.0), n=" << n << " i=" << i;
      EXPECT_FALSE(std::signbit(sin_pz(i))) << "sin(+0.0), n=" << n << " i=" << i;
      EXPECT_TRUE(std::signbit(sinf_nz(i)) && sinf_nz(i) == 0.0f) << "float sin(-0.0), n=" << n << " i=" << i;
    }
  }
  // A NaN is negated too (its sign bit flips), as NumPy's negative does.
  const nd::array<double> nan_neg = nd::negative(nd::full<double>({9}, std::numeric_limits<double>::quiet_NaN()));
  for (index_t i = 0; i < 9; ++i) EXPECT_TRUE(std::signbit(nan_neg(i))) << i;
  // The elided operator form runs the same kernel.
  nd::array<double> t = -(nd::zeros<double>({5}) * 1.0);
  EXPECT_TRUE(std::signbit(t(4)));
}
