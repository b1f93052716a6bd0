// The element-wise functions of nd/ufuncs.def beyond the first ufuncs: the table's
// expansion (names, arity, result types), the compile-time contracts (what does not
// compile, as NumPy raises TypeError), NumPy's integer and special-value semantics,
// out overlapping an input, and isclose/allclose. Values of every function are
// compared with NumPy by the differential suite; this file pins the rules.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>

#include <nd/nd.hpp>

#include "test_support.hpp"

namespace {

using nd::array;
using nd::detail::ufunc_op;

template <class T>
using arr = array<T>;

// ---- the table's expansion -------------------------------------------------------
static_assert(nd::detail::ufunc_count == static_cast<int>(ufunc_op::right_shift) + 1,
              "one enumerator per row, the last row last");
static_assert(nd::detail::ufunc_info(ufunc_op::tanh).arity == 1);
static_assert(nd::detail::ufunc_info(ufunc_op::arctan2).arity == 2);
static_assert(nd::detail::ufunc_info(ufunc_op::clip).arity == 3);

TEST(UfuncTable, NamesAndArityComeFromTheTable) {
  EXPECT_STREQ(nd::detail::ufunc_name(ufunc_op::abs), "absolute");
  EXPECT_STREQ(nd::detail::ufunc_name(ufunc_op::mod), "remainder");
  EXPECT_STREQ(nd::detail::ufunc_name(ufunc_op::tanh), "tanh");
  EXPECT_EQ(nd::detail::ufunc_arity(ufunc_op::hypot), 2);
  EXPECT_EQ(nd::detail::ufunc_arity(ufunc_op::where), 3);
  EXPECT_TRUE(nd::detail::ufunc_returns_bool(ufunc_op::isnan));
  EXPECT_TRUE(nd::detail::ufunc_returns_bool(ufunc_op::logical_xor));
  EXPECT_FALSE(nd::detail::ufunc_returns_bool(ufunc_op::nan_to_num));
  for (int k = 0; k < nd::detail::ufunc_count; ++k) EXPECT_NE(std::string(nd::detail::ufunc_table[k].numpy), "");
}

// ---- result types (NumPy's, with int32 for NumPy's int8) ----------------------------
template <class F, class... X>
using result_of = typename std::invoke_result_t<F, X...>::value_type;

#define ND_TEST_FN(name) [](const auto&... x) -> decltype(nd::name(x...)) { return nd::name(x...); }

static_assert(std::is_same_v<result_of<decltype(ND_TEST_FN(tanh)), arr<std::int32_t>>, double>);
static_assert(std::is_same_v<result_of<decltype(ND_TEST_FN(tanh)), arr<float>>, float>);
static_assert(std::is_same_v<result_of<decltype(ND_TEST_FN(floor)), arr<std::int64_t>>, double>);
static_assert(std::is_same_v<result_of<decltype(ND_TEST_FN(isnan)), arr<std::int32_t>>, bool>);
static_assert(std::is_same_v<result_of<decltype(ND_TEST_FN(sign)), arr<std::int32_t>>, std::int32_t>);
static_assert(std::is_same_v<result_of<decltype(ND_TEST_FN(reciprocal)), arr<std::int64_t>>, std::int64_t>);
static_assert(std::is_same_v<result_of<decltype(ND_TEST_FN(mod)), arr<bool>, arr<bool>>, std::int32_t>);
static_assert(std::is_same_v<result_of<decltype(ND_TEST_FN(floor_divide)), arr<float>, int>, float>);
static_assert(std::is_same_v<result_of<decltype(ND_TEST_FN(fmax)), arr<bool>, arr<bool>>, bool>);
static_assert(std::is_same_v<result_of<decltype(ND_TEST_FN(bitwise_and)), arr<bool>, bool>, bool>);
static_assert(std::is_same_v<result_of<decltype(ND_TEST_FN(left_shift)), arr<std::int32_t>, int>, std::int32_t>);
static_assert(std::is_same_v<result_of<decltype(ND_TEST_FN(hypot)), arr<float>, double>, float>);
static_assert(std::is_same_v<result_of<decltype(ND_TEST_FN(copysign)), arr<std::int32_t>, arr<std::int32_t>>, double>);
static_assert(std::is_same_v<result_of<decltype(ND_TEST_FN(logical_xor)), arr<double>, int>, bool>);
static_assert(std::is_same_v<decltype(nd::isclose(arr<float>{}, arr<float>{})), arr<bool>>);

// ---- forms NumPy refuses do not compile --------------------------------------------
template <class F, class... X>
inline constexpr bool compiles = std::is_invocable_v<F, X...>;

static_assert(!compiles<decltype(ND_TEST_FN(bitwise_and)), arr<double>, arr<double>>);
static_assert(!compiles<decltype(ND_TEST_FN(bitwise_or)), arr<std::int32_t>, double>);
static_assert(!compiles<decltype(ND_TEST_FN(bitwise_xor)), arr<float>, arr<float>, arr<float>&>);
static_assert(!compiles<decltype(ND_TEST_FN(invert)), arr<float>>);
static_assert(!compiles<decltype(ND_TEST_FN(left_shift)), arr<double>, int>);
static_assert(!compiles<decltype(ND_TEST_FN(right_shift)), arr<std::int64_t>, arr<float>>);
static_assert(!compiles<decltype(ND_TEST_FN(sign)), arr<bool>>);
static_assert(compiles<decltype(ND_TEST_FN(sign)), arr<std::int64_t>>);
static_assert(compiles<decltype(ND_TEST_FN(invert)), arr<bool>>);
static_assert(!compiles<decltype(ND_TEST_FN(tanh)), double>, "a scalar alone is no ufunc call");
template <class A, class B>
concept has_and = requires(const A& a, const B& b) { a & b; };
static_assert(has_and<arr<std::int32_t>, arr<std::int32_t>> && !has_and<arr<double>, arr<double>>);
template <class A>
concept has_invert = requires(const A& a) { ~a; };
static_assert(has_invert<arr<std::int64_t>> && !has_invert<arr<float>>);

// ---- NumPy's integer semantics -------------------------------------------------------
constexpr std::int32_t int_min = std::numeric_limits<std::int32_t>::min();

TEST(UfuncTable, IntegerDivisionByZeroAndOverflowAreNumPys) {
  const arr<std::int32_t> a{7, -7, 7, -7, 5, int_min, int_min};
  const arr<std::int32_t> b{2, 2, -2, -2, 0, -1, 1};
  const arr<std::int32_t> fd = nd::floor_divide(a, b), m = nd::mod(a, b), fm = nd::fmod(a, b);
  const std::int32_t want_fd[] = {3, -4, -4, 3, 0, int_min, int_min};
  const std::int32_t want_m[] = {1, 1, -1, -1, 0, 0, 0};
  const std::int32_t want_fm[] = {1, -1, 1, -1, 0, 0, 0};
  for (nd::index_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(fd(i), want_fd[i]) << i;
    EXPECT_EQ(m(i), want_m[i]) << i;
    EXPECT_EQ(fm(i), want_fm[i]) << i;
  }
  const arr<std::int32_t> r = nd::reciprocal(arr<std::int32_t>{0, 1, -1, 2});
  EXPECT_EQ(r(0), int_min);
  EXPECT_EQ(r(1), 1);
  EXPECT_EQ(r(2), -1);
  EXPECT_EQ(r(3), 0);
}

TEST(UfuncTable, FloatDivmodKeepsSignsAsNumPy) {
  const arr<double> m = nd::mod(arr<double>{-0.0, 5.5, -5.5, 1.0}, arr<double>{3.0, -2.0, 2.0, 0.0});
  EXPECT_EQ(m(0), 0.0);
  EXPECT_FALSE(std::signbit(m(0)));  // the divisor's sign
  EXPECT_EQ(m(1), -0.5);
  EXPECT_EQ(m(2), 0.5);
  EXPECT_TRUE(std::isnan(m(3)));
  const arr<double> q = nd::floor_divide(arr<double>{1.0, -1.0, 7.0, 0.0}, arr<double>{0.0, 0.0, -2.0, -3.0});
  EXPECT_EQ(q(0), std::numeric_limits<double>::infinity());
  EXPECT_EQ(q(1), -std::numeric_limits<double>::infinity());
  EXPECT_EQ(q(2), -4.0);
  EXPECT_TRUE(std::signbit(q(3)));  // -0.0, the sign of 0 / -3
}

TEST(UfuncTable, ShiftsOutsideTheWidthAreNumPys) {
  const arr<std::int32_t> l = nd::left_shift(arr<std::int32_t>{1, -1, 1, 1}, arr<std::int32_t>{31, 1, 32, -1});
  EXPECT_EQ(l(0), int_min);
  EXPECT_EQ(l(1), -2);
  EXPECT_EQ(l(2), 0);
  EXPECT_EQ(l(3), 0);
  const arr<std::int64_t> r = nd::right_shift(arr<std::int64_t>{-8, -1, 8, 8}, arr<std::int64_t>{1, 64, 64, -1});
  EXPECT_EQ(r(0), -4);
  EXPECT_EQ(r(1), -1);
  EXPECT_EQ(r(2), 0);
  EXPECT_EQ(r(3), 0);
  const arr<bool> x = arr<bool>{true, false} ^ true;
  EXPECT_FALSE(x(0));
  EXPECT_TRUE(x(1));
  EXPECT_EQ((~arr<std::int32_t>{0, 5})(1), -6);
}

TEST(UfuncTable, ClassificationOfIntegersAndSpecialValues) {
  const arr<bool> n = nd::isnan(arr<std::int64_t>{1, 2}), f = nd::isfinite(arr<std::int32_t>{1});
  EXPECT_FALSE(n(0) || n(1));
  EXPECT_TRUE(f(0));
  const double inf = std::numeric_limits<double>::infinity(), nan = std::nan("");
  const arr<double> c = nd::nan_to_num(arr<double>{nan, inf, -inf, -0.0});
  EXPECT_EQ(c(0), 0.0);
  EXPECT_EQ(c(1), std::numeric_limits<double>::max());
  EXPECT_EQ(c(2), std::numeric_limits<double>::lowest());
  EXPECT_TRUE(std::signbit(c(3)));
  const arr<double> s = nd::sign(arr<double>{-0.0, nan, -3.0});
  EXPECT_FALSE(std::signbit(s(0)));
  EXPECT_TRUE(std::isnan(s(1)));
  EXPECT_EQ(s(2), -1.0);
  const arr<double> mx = nd::fmax(arr<double>{0.0, nan, 1.0}, arr<double>{-0.0, 2.0, nan});
  EXPECT_TRUE(std::signbit(mx(0)));  // the second of equal operands, as NumPy
  EXPECT_EQ(mx(1), 2.0);
  EXPECT_EQ(mx(2), 1.0);
}

// ---- out overlapping an input, strided and reversed ------------------------------------
TEST(UfuncTable, OutMayOverlapTheInputs) {
  arr<double> a = nd_test::iota<double>({8});
  arr<double> want = nd::hypot(a(nd::slice(0, 7)), a(nd::slice(1, 8)));
  nd::hypot(a(nd::slice(0, 7)), a(nd::slice(1, 8)), a(nd::slice(1, 8)));  // shifted by one
  for (nd::index_t i = 0; i < 7; ++i) EXPECT_EQ(a(i + 1), want(i)) << i;
  arr<float> b = nd_test::iota<float>({6});
  arr<float> rev = nd::tanh(b(nd::slice(nd::none, nd::none, -1)));
  nd::tanh(b(nd::slice(nd::none, nd::none, -1)), b);
  for (nd::index_t i = 0; i < 6; ++i) EXPECT_EQ(b(i), rev(i)) << i;
}

TEST(UfuncTable, OutOfAnotherKindIsRefused) {
  arr<std::int32_t> out(nd::shape_t{2});
  nd_test::expect_message<nd::type_error>(
      [&] { nd::floor(arr<std::int32_t>{1, 2}, out); },
      "Cannot cast ufunc 'floor' output from dtype('float64') to dtype('int32') with casting rule 'same_kind'");
}

// ---- isclose, allclose -------------------------------------------------------------
TEST(UfuncTable, IscloseIsNumPys) {
  const double inf = std::numeric_limits<double>::infinity(), nan = std::nan("");
  const arr<bool> c = nd::isclose(arr<double>{1.0, 1.0, inf, inf, nan, 1e10}, arr<double>{1.0 + 1e-6, 1.1, inf, -inf,
                                                                                      nan, 1.00001e10});
  const bool want[] = {true, false, true, false, false, true};
  for (nd::index_t i = 0; i < c.size(); ++i) EXPECT_EQ(c(i), want[i]) << i;
  EXPECT_TRUE(nd::isclose(arr<double>{nan}, nan, 1e-5, 1e-8, true)(0));
  EXPECT_TRUE(nd::allclose(arr<std::int32_t>{1, 2}, arr<double>{1.0, 2.0 + 1e-9}));
  EXPECT_FALSE(nd::allclose(arr<float>{1.0f, 2.0f}, 2.0f));
  EXPECT_TRUE(nd::allclose(arr<double>(nd::shape_t{0}), 1.0));
  EXPECT_TRUE(nd::allclose(arr<double>{1.0, 1.5}, arr<double>{1.0, 1.0}, 0.0, 0.5));
  EXPECT_THROW(nd::allclose(arr<double>{1, 2}, arr<double>{1, 2, 3}), nd::shape_error);
}

}  // namespace
