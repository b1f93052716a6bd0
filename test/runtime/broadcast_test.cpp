// nd::broadcast_shapes and nd::broadcast_to: NumPy's rules, read-only stride-0 views,
// and NumPy's error messages.
#include <gtest/gtest.h>

#include <nd/broadcast.hpp>
#include <nd/creation.hpp>

namespace {

using nd::index_t;
using nd::shape_t;

TEST(BroadcastShapes, AlignsTrailingAxesAndStretchesOnes) {
  EXPECT_EQ(nd::broadcast_shapes({2, 3}, {3}), (shape_t{2, 3}));
  EXPECT_EQ(nd::broadcast_shapes({4, 1}, {5}), (shape_t{4, 5}));
  EXPECT_EQ(nd::broadcast_shapes({1, 2, 1}, {3, 1, 4}, {1}), (shape_t{3, 2, 4}));
  EXPECT_EQ(nd::broadcast_shapes(shape_t{}, {2}), (shape_t{2}));
  EXPECT_EQ(nd::broadcast_shapes({0, 1}, {1, 3}), (shape_t{0, 3}));
  const auto a = nd::zeros<double>({5, 1});
  const auto b = nd::zeros<double>({7});
  EXPECT_EQ(nd::broadcast_shapes(a.shape(), b.shape()), (shape_t{5, 7}));
}

TEST(BroadcastShapes, IncompatibleShapesThrowShapeErrorNamingThem) {
  try {
    nd::broadcast_shapes({2, 3}, {4});
    FAIL();
  } catch (const nd::shape_error& e) {
    EXPECT_STREQ(e.what(),
                 "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0 with "
                 "shape (2, 3) and arg 1 with shape (4,).");
  }
  EXPECT_THROW(nd::broadcast_shapes({3}, {3}, {2}), nd::shape_error);
}

TEST(BroadcastTo, IsAReadOnlyViewWithZeroStrides) {
  nd::array<double> row{1, 2, 3};
  auto v = nd::broadcast_to(row, {4, 3});
  EXPECT_EQ(shape_t(v.shape()), (shape_t{4, 3}));
  EXPECT_EQ(v.strides(0), 0);
  EXPECT_EQ(v.strides(1), 1);
  EXPECT_FALSE(v.writeable());
  EXPECT_TRUE(nd::shares_memory(v, row));
  // Read through a const handle: the non-const access returns a writable T&, which a
  // read-only view refuses (test/runtime/read_only_test.cpp).
  const auto& cv = v;
  for (index_t i = 0; i < 4; ++i)
    for (index_t j = 0; j < 3; ++j) EXPECT_EQ(cv(i, j), row(j));
  row(1) = 20;  // a view: sees writes to the original
  EXPECT_EQ(cv(3, 1), 20);
  EXPECT_THROW(v(3, 1), nd::value_error);
  EXPECT_THROW(v.fill(0), nd::value_error);
  auto col = nd::broadcast_to(nd::zeros<double>({2, 1}), {2, 5});
  EXPECT_EQ(col.strides(1), 0);
}

TEST(BroadcastTo, IncompatibleShapesThrow) {
  try {
    nd::broadcast_to(nd::ones<double>({3}), {4});
    FAIL();
  } catch (const nd::shape_error& e) {
    EXPECT_STREQ(e.what(),
                 "operands could not be broadcast together with remapped shapes [original->remapped]: (3,)  and "
                 "requested shape (4,)");
  }
  EXPECT_THROW(nd::broadcast_to(nd::ones<double>({2, 3}), {3}), nd::shape_error);
  EXPECT_THROW(nd::broadcast_to(nd::ones<double>({3}), {-1, 3}), nd::value_error);
}

}  // namespace
