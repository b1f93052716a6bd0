// Which error NumPy raises when an operation is wrong in more than one way, and values
// that NumPy's conversions keep: found by the differential suite on seeds it had not run
// before, pinned here one rule at a time.
#include <gtest/gtest.h>

#include <cstdint>

#include <nd/nd.hpp>

namespace {

using I64 = nd::array<std::int64_t>;

// np.multiply(f4[2], f4[3], out=bool[1]): the same_kind cast of out is refused before
// the shapes are compared.
TEST(ErrorOrder, OutCastBeforeBroadcast) {
  nd::array<float> a = nd::zeros<float>({2}), b = nd::zeros<float>({3});
  nd::array<bool> out = nd::zeros<bool>({1});
  EXPECT_THROW(nd::multiply(a, b, out), nd::type_error);
  nd::array<bool> target = nd::zeros<bool>({2, 1, 2});
  EXPECT_THROW(target(1, nd::all, -2) *= nd::ones<float>({3}), nd::type_error);
}

// A read-only out is refused before its type and its shape.
TEST(ErrorOrder, ReadOnlyOutFirst) {
  nd::array<bool> base = nd::zeros<bool>({1});
  auto ro = nd::broadcast_to(base, {2});
  EXPECT_THROW(nd::add(nd::zeros<double>({2}), nd::zeros<double>({3}), ro), nd::value_error);
  EXPECT_THROW(nd::add(nd::zeros<double>({2}), 1.0, ro), nd::value_error);
}

// a[np.array(1)] = v selects one element: one value is taken, more are NumPy's
// "setting an array element with a sequence" (a ValueError, not a shape error).
TEST(ErrorOrder, ZeroDimensionalAdvancedTarget) {
  nd::array<double> a = nd::zeros<double>({3});
  const I64 one = nd::full<std::int64_t>({}, 1);
  a(one) = nd::full<double>({1, 1}, 5.0);
  EXPECT_EQ(a(1), 5.0);
  EXPECT_THROW(a(one) = nd::ones<double>({2}), nd::value_error);
  EXPECT_THROW(a(one) = nd::ones<double>({0}), nd::value_error);
  EXPECT_EQ(a(1), 5.0);
}

// A mask over every axis takes a 0-d or 1-d value; a 2-d one is NumPy's TypeError.
TEST(ErrorOrder, FullMaskTakesOneDimensionalValues) {
  nd::array<double> a = nd::zeros<double>({3});
  nd::array<bool> mask = nd::array<bool>{true, false, false};
  EXPECT_THROW(a(mask) = nd::ones<double>({1, 1}), nd::type_error);
  a(mask) = nd::full<double>({1}, 2.0);
  EXPECT_EQ(a(0), 2.0);
}

// logical_or(int32 0, 1 << 62) is True: the scalar's truth survives the int32 loop.
TEST(ScalarTruth, WideScalarKeepsItsTruthInLogicalOps) {
  const nd::array<std::int32_t> zero = nd::zeros<std::int32_t>({2});
  const std::int64_t wide = std::int64_t{1} << 62;
  const nd::array<bool> any = nd::logical_or(zero, wide);
  EXPECT_TRUE(any(0) && any(1));
  const nd::array<bool> both = nd::logical_and(nd::ones<std::int32_t>({2}), wide);
  EXPECT_TRUE(both(0) && both(1));
  EXPECT_FALSE(nd::logical_and(zero, wide)(0));
}

}  // namespace
