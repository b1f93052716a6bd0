// The view-returning shape operations (nd/shape_views.hpp): each result shares its
// argument's buffer, writes through it land in the argument (diagonal's are refused),
// and bad axes throw NumPy's error classes. Values are checked against NumPy in the
// differential suite.
#include <type_traits>
#include <utility>

#include "test_support.hpp"

namespace {

using nd_test::expect_message;
using nd_test::iota;

std::vector<nd::index_t> shape_of(const nd::array<double>& a) { return {a.shape().begin(), a.shape().end()}; }

TEST(ShapeViews, SqueezeAndExpandDimsAreViews) {
  nd::array<double> a = iota({1, 3, 1});
  nd::array<double> s = nd::squeeze(a);
  EXPECT_EQ(shape_of(s), (std::vector<nd::index_t>{3}));
  EXPECT_TRUE(nd::shares_memory(a, s));
  s(1) = 42.0;
  EXPECT_EQ(std::as_const(a)(0, 1, 0), 42.0);
  EXPECT_EQ(shape_of(nd::squeeze(a, -1)), (std::vector<nd::index_t>{1, 3}));
  EXPECT_EQ(shape_of(nd::squeeze(a, {0, 2})), (std::vector<nd::index_t>{3}));
  expect_message<nd::value_error>([&] { nd::squeeze(a, 1); },
                                  "cannot select an axis to squeeze out which has size not equal to one");
  EXPECT_THROW(nd::squeeze(a, 3), nd::index_error);
  nd::array<double> e = nd::expand_dims(s, {0, -1});
  EXPECT_EQ(shape_of(e), (std::vector<nd::index_t>{1, 3, 1}));
  EXPECT_TRUE(nd::shares_memory(e, a));
  EXPECT_THROW(nd::expand_dims(s, 2), nd::index_error);
  EXPECT_THROW(nd::expand_dims(s, {0, 0}), nd::value_error);
}

TEST(ShapeViews, SwapaxesMoveaxisFlipAreViewsWithNegativeAxes) {
  nd::array<double> a = iota({2, 3, 4});
  nd::array<double> w = nd::swapaxes(a, 0, -1);
  EXPECT_EQ(shape_of(w), (std::vector<nd::index_t>{4, 3, 2}));
  EXPECT_EQ(std::as_const(w)(3, 2, 1), std::as_const(a)(1, 2, 3));
  nd::array<double> m = nd::moveaxis(a, 0, -1);
  EXPECT_EQ(shape_of(m), (std::vector<nd::index_t>{3, 4, 2}));
  EXPECT_EQ(shape_of(nd::moveaxis(a, {0, 1}, {-1, 0})), (std::vector<nd::index_t>{3, 4, 2}));
  expect_message<nd::value_error>([&] { nd::moveaxis(a, {0, 0}, {1, 2}); }, "repeated axis in `source` argument");
  nd::array<double> f = nd::flip(a, 1);
  EXPECT_TRUE(nd::shares_memory(f, a));
  EXPECT_EQ(std::as_const(f)(0, 0, 0), std::as_const(a)(0, 2, 0));
  f(1, 0, 3) = -1.0;
  EXPECT_EQ(std::as_const(a)(1, 2, 3), -1.0);
  EXPECT_EQ(nd::flip(a).strides()[0], -a.strides()[0]);
  EXPECT_EQ(nd::flip(nd::empty<double>({0, 2})).size(), 0);  // no element to point at
  nd::array<double> scalar = nd::full<double>(nd::shape_t{}, 1.0);
  EXPECT_FALSE(nd::shares_memory(nd::flip(scalar), scalar));  // NumPy's gives a scalar
  EXPECT_THROW(nd::flip(a, 3), nd::index_error);
}

TEST(ShapeViews, DiagonalIsAReadOnlyView) {
  nd::array<double> a = iota({3, 4});
  nd::array<double> d = nd::diagonal(a, 1);
  EXPECT_TRUE(nd::shares_memory(a, d));
  EXPECT_FALSE(d.writeable());
  EXPECT_EQ(d.to_vector(), (std::vector<double>{1, 6, 11}));
  EXPECT_EQ(nd::diagonal(a, -2).to_vector(), (std::vector<double>{8}));
  EXPECT_EQ(nd::diagonal(a, 5).size(), 0);
  EXPECT_THROW(d(0) = 1.0, nd::value_error);
  nd::array<double> c = d.copy();
  c(0) = 1.0;  // a copy is writeable
  expect_message<nd::value_error>([&] { nd::diagonal(iota({3})); },
                                  "diag requires an array of at least two dimensions");
  expect_message<nd::value_error>([&] { nd::diagonal(a, 0, 1, -1); }, "axis1 and axis2 cannot be the same");
}

TEST(ShapeViews, SplitGivesViewsAndChecksEqualDivision) {
  nd::array<double> a = iota({6, 2});
  std::vector<nd::array<double>> parts = nd::split(a, 3);
  ASSERT_EQ(parts.size(), 3u);
  for (auto& p : parts) EXPECT_TRUE(nd::shares_memory(p, a));
  parts[2](0, 0) = 100.0;
  EXPECT_EQ(std::as_const(a)(4, 0), 100.0);
  expect_message<nd::value_error>([&] { nd::split(a, 4); }, "array split does not result in an equal division");
  std::vector<nd::array<double>> uneven = nd::array_split(a, 4);
  ASSERT_EQ(uneven.size(), 4u);
  EXPECT_EQ(uneven[0].shape(0), 2);
  EXPECT_EQ(uneven[3].shape(0), 1);
  std::vector<nd::array<double>> at = nd::split(a, {1, 10}, -1);
  ASSERT_EQ(at.size(), 3u);
  EXPECT_EQ(at[1].shape(1), 1);
  EXPECT_EQ(at[2].shape(1), 0);
  EXPECT_THROW(nd::array_split(a, 0), nd::value_error);
  static_assert(std::is_same_v<decltype(nd::split(a, 2)), std::vector<nd::array<double>>>);
}

TEST(ShapeViews, ViewsOfReadOnlyStayReadOnly) {
  nd::array<double> b = nd::broadcast_to(iota({3}), {2, 3});
  EXPECT_FALSE(nd::flip(b).writeable());
  EXPECT_FALSE(nd::swapaxes(b, 0, 1).writeable());
  EXPECT_FALSE(nd::split(b, 2)[0].writeable());
}

}  // namespace
