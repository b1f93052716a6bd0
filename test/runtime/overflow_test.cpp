// Shapes whose element count overflows int64 are refused everywhere an array or a view
// is made from a shape (issue: a view claiming 2**64 elements of a 0-element buffer
// let element access write past the buffer). NumPy raises ValueError in each case.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

#include <nd/nd.hpp>

namespace {

constexpr nd::index_t two_to_32 = nd::index_t{1} << 32;

TEST(ShapeOverflow, ReshapeOfAnEmptyArrayToAnOverflowingShapeThrows) {
  nd::array<double> empty = nd::zeros<double>({0});
  EXPECT_THROW(empty.reshape({two_to_32, two_to_32}), nd::value_error);
  // The extents' product wraps to exactly 0 = size: it must not pass as a match.
  EXPECT_THROW(empty.reshape({two_to_32, two_to_32, 1}), nd::value_error);
  // A zero extent after the overflowing ones: the count is 0, but strides would wrap.
  EXPECT_THROW(empty.reshape({two_to_32, two_to_32, 0}), nd::value_error);
  // Zero-size reshapes that fit still work.
  EXPECT_EQ(empty.reshape({0, two_to_32}).size(), 0);
}

TEST(ShapeOverflow, ReshapeWithAnInferredExtentDoesNotGoNegative) {
  nd::array<double> six = nd::zeros<double>({6});
  // 4294967295 * 4294967297 wraps to -1, which divides 6 into -6.
  try {
    six.reshape({-1, 4294967295LL, 4294967297LL});
    FAIL() << "reshape accepted a wrapping shape";
  } catch (const nd::value_error& e) {
    EXPECT_NE(std::string(e.what()).find("overflows int64"), std::string::npos) << e.what();
  }
  EXPECT_THROW(six.reshape({4294967295LL, -1, 4294967297LL}), nd::value_error);
  EXPECT_EQ(six.reshape({-1, 3}).shape(0), 2);
}

TEST(ShapeOverflow, BroadcastToPastTheElementCountThrows) {
  nd::array<double> one = nd::ones<double>({1});
  try {
    nd::broadcast_to(one, {two_to_32, two_to_32});
    FAIL() << "broadcast_to accepted 2**64 elements";
  } catch (const nd::value_error& e) {
    EXPECT_NE(std::string(e.what()).find("iterator is too large"), std::string::npos) << e.what();
  }
  // 2**63 elements: size() would be INT64_MIN.
  EXPECT_THROW(nd::broadcast_to(one, {two_to_32, nd::index_t{1} << 31}), nd::value_error);
  // Large but countable: a valid read-only view whose sum is exact.
  nd::array<double> big = nd::broadcast_to(one, {two_to_32, 4});
  EXPECT_EQ(big.size(), two_to_32 * 4);
}

TEST(ShapeOverflow, BroadcastShapesAndUfuncsPastTheElementCountThrow) {
  EXPECT_THROW(nd::broadcast_shapes(nd::shape_t{two_to_32, 1}, nd::shape_t{1, two_to_32}), nd::value_error);
  nd::array<double> col = nd::broadcast_to(nd::ones<double>({1}), {two_to_32, 1});
  nd::array<double> row = nd::broadcast_to(nd::ones<double>({1}), {1, two_to_32});
  EXPECT_THROW(col + row, nd::value_error);
}

TEST(ShapeOverflow, CreationPastTheAddressSpaceThrows) {
  EXPECT_THROW(nd::empty<double>({two_to_32, two_to_32}), nd::value_error);
  // Order does not matter: a leading 0 does not excuse the overflowing extents.
  EXPECT_THROW(nd::zeros<double>({0, two_to_32, two_to_32}), nd::value_error);
  EXPECT_THROW(nd::full<float>({two_to_32, two_to_32, 0}, 1.0f), nd::value_error);
}

TEST(ShapeOverflow, ConcatenateWhoseJoinedAxisOverflowsThrows) {
  constexpr nd::index_t half = (nd::index_t{1} << 62);
  nd::array<double> a = nd::broadcast_to(nd::ones<double>({1}), {half});
  try {
    nd::concatenate({a, a, a}, 0);
    FAIL() << "concatenate accepted an overflowing axis";
  } catch (const nd::value_error& e) {
    EXPECT_NE(std::string(e.what()).find("int64"), std::string::npos) << e.what();
  }
  EXPECT_THROW(nd::stack({a, a}, 0), nd::value_error);
}

// ---- integer limits: no undefined behaviour, NumPy's lengths (the UBSan build runs
// these too, and stops at the first overflow) ------------------------------------------
constexpr std::int64_t int64_min = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();

TEST(IntegerLimits, ArangeAcrossTheWholeInt64RangeHasNumPysLength) {
  // NumPy: (stop - start) / step is Python's true division, correctly rounded, so
  // (2**64 - 1) / (2**63 - 1) is 2.0 and the length 2 (the exact ceiling would be 3).
  const nd::array<std::int64_t> a = nd::arange(int64_min, int64_max, int64_max);
  ASSERT_EQ(a.size(), 2);
  EXPECT_EQ(a(0), int64_min);
  EXPECT_EQ(a(1), -1);
  EXPECT_THROW(nd::arange(int64_min, int64_max, std::int64_t{1}), nd::value_error);
  const nd::array<std::int64_t> top = nd::arange(int64_max - 2, int64_max, std::int64_t{1});
  ASSERT_EQ(top.size(), 2);
  EXPECT_EQ(top(1), int64_max - 1);
  const nd::array<std::int64_t> down = nd::arange(int64_max, int64_min, int64_min);
  ASSERT_EQ(down.size(), 2);  // 2**64 - 1 over -2**63: -1.99..., rounded -2.0
  EXPECT_EQ(down(1), -1);
}

TEST(IntegerLimits, ArangeLengthRoundsAsNumPyForHugeSpans) {
  // (2**62 + 1) / 2**62 rounds to 1.0: NumPy's length is 1.
  EXPECT_EQ(nd::arange(std::int64_t{0}, (std::int64_t{1} << 62) + 1, std::int64_t{1} << 62).size(), 1);
  EXPECT_EQ(nd::arange(std::int64_t{0}, (std::int64_t{1} << 62) + (std::int64_t{1} << 61), std::int64_t{1} << 62)
                .size(),
            2);
  EXPECT_EQ(nd::arange(0, 10, 3).size(), 4);
  EXPECT_EQ(nd::arange(10, 0, -3).size(), 4);
}

TEST(IntegerLimits, SliceStepsAtTheLimits) {
  const nd::array<double> a{0, 1, 2, 3, 4};
  // Python clamps a step of -2**63 to -(2**63 - 1): a[::-2**63] is [4].
  const nd::array<double> v = a(nd::slice(nd::none, nd::none, int64_min));
  ASSERT_EQ(v.size(), 1);
  EXPECT_EQ(v(0), 4.0);
  const nd::array<double> w = a(nd::slice(nd::none, nd::none, int64_max));
  ASSERT_EQ(w.size(), 1);
  EXPECT_EQ(w(0), 0.0);
  const nd::array<double> m = nd::arange<double>(12).reshape({3, 4});
  const nd::array<double> col = m(nd::slice(int64_min, int64_max, int64_max), nd::slice(nd::none, nd::none, int64_min));
  ASSERT_EQ(col.size(), 1);
  EXPECT_EQ(col(0, 0), 3.0);
  EXPECT_EQ(a(nd::slice(int64_max, int64_min, -1)).size(), 5);
  EXPECT_EQ(a(nd::slice(int64_min, int64_max)).size(), 5);
}

}  // namespace
