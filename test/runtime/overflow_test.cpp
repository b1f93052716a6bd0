// Shapes whose element count overflows int64 are refused everywhere an array or a view
// is made from a shape (issue: a view claiming 2**64 elements of a 0-element buffer
// let element access write past the buffer). NumPy raises ValueError in each case.
#include <gtest/gtest.h>

#include <cstdint>
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

}  // namespace
