// The handle itself: layout, element access, basic indexing views, copies.
#include <gtest/gtest.h>

#include <nd/nd.hpp>

namespace {

TEST(Array, NestedInitializerListIsCContiguous) {
  nd::array<double> a{{1, 2, 3}, {4, 5, 6}};
  EXPECT_EQ(a.ndim(), 2);
  EXPECT_EQ(a.shape(0), 2);
  EXPECT_EQ(a.shape(-1), 3);
  EXPECT_EQ(a.size(), 6);
  EXPECT_EQ(a.strides(0), 3);
  EXPECT_EQ(a.strides(1), 1);
  EXPECT_TRUE(a.is_contiguous());
  EXPECT_EQ(a(1, 2), 6);
  EXPECT_EQ(a(-1, -3), 4);
}

TEST(Array, RaggedInitializerListThrowsValueError) {
  EXPECT_THROW((nd::array<int>{{1, 2}, {3}}), nd::value_error);
}

TEST(Array, HandleCopySharesTheBuffer) {
  nd::array<int> a{1, 2, 3};
  nd::array<int> b = a;
  b(0) = 10;
  EXPECT_EQ(a(0), 10);
  EXPECT_TRUE(nd::shares_memory(a, b));
  nd::array<int> c = a.copy();
  c(1) = 20;
  EXPECT_EQ(a(1), 2);
  EXPECT_FALSE(nd::shares_memory(a, c));
}

TEST(Array, OutOfRangeIndexThrowsWithNumPyWording) {
  nd::array<double> a = nd::zeros<double>({2, 3});
  try {
    a(0, 3);
    FAIL();
  } catch (const nd::index_error& e) {
    EXPECT_STREQ(e.what(), "index 3 is out of bounds for axis 1 with size 3");
  }
  EXPECT_THROW(a(-3, 0), nd::index_error);
  EXPECT_THROW(a(0, 0, 0), nd::index_error);
  EXPECT_THROW(a(0), nd::index_error);
  EXPECT_THROW(a.shape(2), nd::index_error);
}

TEST(Array, SliceViewsShareMemoryAndWriteThrough) {
  nd::array<int> a{{0, 1, 2, 3}, {4, 5, 6, 7}, {8, 9, 10, 11}};
  nd::array<int> v = a(nd::slice(0, nd::none, 2), nd::slice(nd::none, nd::none, -1));
  ASSERT_EQ(v.shape(0), 2);
  ASSERT_EQ(v.shape(1), 4);
  EXPECT_EQ(v(0, 0), 3);
  EXPECT_EQ(v(1, 3), 8);
  EXPECT_EQ(v.strides(1), -1);
  EXPECT_FALSE(v.is_contiguous());
  v(1, 0) = 100;
  EXPECT_EQ(a(2, 3), 100);
}

TEST(Array, SliceClipsAndNegativeStepsFollowPython) {
  nd::array<int> a{0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
  EXPECT_EQ(a(nd::slice(9, -1, -1)).size(), 0);        // 9:-1:-1 is empty
  EXPECT_EQ(a(nd::slice(9, nd::none, -1)).size(), 10);  // 9::-1 is everything reversed
  EXPECT_EQ(a(nd::slice(-100, 100)).size(), 10);
  EXPECT_EQ(a(nd::slice(3, 100, 4)).size(), 2);
  EXPECT_EQ(a(nd::slice(8, 2, -3))(1), 5);
  EXPECT_THROW(a(nd::slice(0, 5, 0)), nd::value_error);
}

TEST(Array, NewaxisEllipsisAndIntegersMix) {
  nd::array<double> a = nd::zeros<double>({2, 3, 4});
  auto v = a(nd::ellipsis, 1);
  EXPECT_EQ(nd::to_string(v.shape()), "(2, 3)");
  auto w = a(0, nd::newaxis, nd::all, nd::slice(1, 3));
  EXPECT_EQ(nd::to_string(w.shape()), "(1, 3, 2)");
  EXPECT_EQ(w.strides(0), 0);
  EXPECT_THROW(a(nd::ellipsis, nd::ellipsis), nd::index_error);
  EXPECT_THROW(a(0, 0, 0, nd::all), nd::index_error);
}

TEST(Array, ConstArrayGivesReadOnlyAccess) {
  const nd::array<double> a{1.5, 2.5};
  static_assert(std::is_same_v<decltype(a(0)), double>);
  static_assert(std::is_same_v<decltype(a(nd::all)), const nd::array<double>>);
  EXPECT_EQ(a(nd::slice(1, 2))(0), 2.5);
}

TEST(Array, CopyOfStridedViewIsContiguous) {
  nd::array<int> a{{1, 2, 3}, {4, 5, 6}};
  nd::array<int> c = a(nd::all, nd::slice(nd::none, nd::none, -2)).copy();
  EXPECT_TRUE(c.is_contiguous());
  EXPECT_EQ(c(0, 0), 3);
  EXPECT_EQ(c(1, 1), 4);
}

TEST(Array, ZeroSizeAndZeroDimensional) {
  auto e = nd::empty<float>({0, 3});
  EXPECT_EQ(e.size(), 0);
  EXPECT_TRUE(e.is_contiguous());
  EXPECT_EQ(e.copy().size(), 0);
  auto s = nd::full<int>({}, 7);
  EXPECT_EQ(s.ndim(), 0);
  EXPECT_EQ(s(), 7);
  EXPECT_EQ(s.item(), 7);
  EXPECT_THROW(nd::empty<double>({-1}), nd::value_error);
}

TEST(Creation, LikeFormsKeepShapeAndMayChangeType) {
  nd::array<double> a{{1, 2}, {3, 4}};
  auto z = nd::zeros_like(a);
  auto o = nd::ones_like<int>(a);
  auto f = nd::full_like(a, 2.5);
  static_assert(std::is_same_v<decltype(o), nd::array<int>>);
  EXPECT_EQ(z(1, 1), 0);
  EXPECT_EQ(o(0, 1), 1);
  EXPECT_EQ(f(1, 0), 2.5);
  EXPECT_EQ(nd::empty_like(a).shape(1), 2);
}

}  // namespace
