// Shape operations: reshape (views when the strides allow), ravel, flatten, T,
// transpose, concatenate and stack. Expected values come from element-access loops.
#include <gtest/gtest.h>

#include "test_support.hpp"

#include <cstdint>
#include <string>
#include <vector>

#include <nd/creation.hpp>
#include <nd/shape.hpp>

namespace {

using nd::index_t;
using nd_test::iota;
using nd_test::expect_message;

std::vector<index_t> shape_of(const nd::array<double>& a) { return {a.shape().begin(), a.shape().end()}; }

// The elements of a 2-D or 3-D array in C order, read by element access.
template <class T>
std::vector<T> c_order(const nd::array<T>& a) {
  std::vector<T> out;
  if (a.ndim() == 1) {
    for (index_t i = 0; i < a.shape(0); ++i) out.push_back(a(i));
  } else if (a.ndim() == 2) {
    for (index_t i = 0; i < a.shape(0); ++i)
      for (index_t j = 0; j < a.shape(1); ++j) out.push_back(a(i, j));
  } else if (a.ndim() == 3) {
    for (index_t i = 0; i < a.shape(0); ++i)
      for (index_t j = 0; j < a.shape(1); ++j)
        for (index_t k = 0; k < a.shape(2); ++k) out.push_back(a(i, j, k));
  } else {
    ADD_FAILURE() << "c_order: unsupported rank " << a.ndim();
  }
  return out;
}

TEST(Reshape, ContiguousArrayGivesAViewInCOrder) {
  nd::array<double> a = iota({2, 6});
  nd::array<double> r = a.reshape({3, -1, 2});
  EXPECT_EQ(shape_of(r), (std::vector<index_t>{3, 2, 2}));
  EXPECT_TRUE(nd::shares_memory(a, r));
  EXPECT_EQ(c_order(r), c_order(a));
  r(2, 1, 1) = -1;
  EXPECT_EQ(a(1, 5), -1);
}

TEST(Reshape, StridedArrayGivesAViewWhenAxesCanBeSplit) {
  nd::array<double> a = iota({4, 6});
  nd::array<double> v = a(nd::all, nd::slice(0, 6, 2));  // (4, 3), strides (6, 2)
  nd::array<double> r = v.reshape({2, 2, 3});
  EXPECT_TRUE(nd::shares_memory(a, r));
  EXPECT_EQ(r.strides(0), 12);
  EXPECT_EQ(r.strides(1), 6);
  EXPECT_EQ(r.strides(2), 2);
  EXPECT_EQ(c_order(r), c_order(v));
}

TEST(Reshape, NegativeStridesStayAView) {
  nd::array<double> a = iota({6});
  nd::array<double> rev = a(nd::slice(nd::none, nd::none, -1));
  nd::array<double> r = rev.reshape({2, 3});
  EXPECT_TRUE(nd::shares_memory(a, r));
  EXPECT_EQ(r.strides(0), -3);
  EXPECT_EQ(r.strides(1), -1);
  for (index_t i = 0; i < 2; ++i)
    for (index_t j = 0; j < 3; ++j) EXPECT_EQ(r(i, j), 5 - (i * 3 + j));
}

TEST(Reshape, AxesThatCannotMergeAreCopied) {
  nd::array<double> a = iota({3, 4});
  nd::array<double> t = a.T();
  nd::array<double> r = t.reshape({-1});
  EXPECT_FALSE(nd::shares_memory(a, r));
  EXPECT_TRUE(r.is_contiguous());
  EXPECT_EQ(c_order(r), c_order(t));

  // A stride-0 axis (a repeated row) merges with nothing: reshape copies; adding a
  // trailing axis of length 1 does not need to.
  nd::array<double> row = iota({3});
  nd::array<double> repeated = nd::detail::array_access::view(row, row.data(), {4, 3}, {0, 1}, false);
  nd::array<double> flat = repeated.reshape({12});
  EXPECT_FALSE(nd::shares_memory(row, flat));
  for (index_t k = 0; k < 12; ++k) EXPECT_EQ(flat(k), k % 3);
  nd::array<double> same = repeated.reshape({4, 3, 1});
  EXPECT_TRUE(nd::shares_memory(row, same));
  EXPECT_EQ(same.strides(0), 0);
}

TEST(Reshape, ZeroSizeAndZeroDimensional) {
  nd::array<double> e = nd::empty<double>({0, 3});
  nd::array<double> r = e.reshape({3, 0, 5});
  EXPECT_EQ(shape_of(r), (std::vector<index_t>{3, 0, 5}));
  expect_message<nd::value_error>([&] { (void)e.reshape({-1, 0}); },
                                  "cannot reshape array of size 0 into shape (-1, 0)");

  // A zero-size view whose strides are not C-contiguous (the last axis is strided).
  nd::array<double> base = iota({6, 3, 7});
  nd::array<double> empty_view = base(nd::slice(2, 6), nd::newaxis, nd::slice(3, 3), nd::slice(1, 6, 2));
  ASSERT_EQ(empty_view.size(), 0);
  nd::array<double> flat = empty_view.ravel();
  EXPECT_EQ(shape_of(flat), (std::vector<index_t>{0}));
  EXPECT_EQ(shape_of(empty_view.reshape({3, 0, 4})), (std::vector<index_t>{3, 0, 4}));

  nd::array<double> s = nd::full<double>(nd::shape_t{}, 4.5);
  nd::array<double> one = s.reshape({1, 1});
  EXPECT_EQ(one(0, 0), 4.5);
  EXPECT_TRUE(nd::shares_memory(s, one));
  nd::array<double> back = one.reshape(nd::shape_t{});
  EXPECT_EQ(back.ndim(), 0);
  EXPECT_EQ(back.item(), 4.5);
}

TEST(Reshape, BadShapesThrowValueError) {
  nd::array<double> a = iota({6});
  expect_message<nd::value_error>([&] { (void)a.reshape({4}); }, "cannot reshape array of size 6 into shape (4,)");
  expect_message<nd::value_error>([&] { (void)a.reshape({4, -1}); },
                                  "cannot reshape array of size 6 into shape (4, -1)");
  expect_message<nd::value_error>([&] { (void)a.reshape({-1, -1}); }, "can only specify one unknown dimension");
  expect_message<nd::value_error>([&] { (void)a.reshape({-2, -3}); },
                                  "negative dimensions not allowed, found -2 in shape (-2, -3) (only -1, the "
                                  "inferred extent, may be negative)");
}

TEST(Ravel, ViewWhenContiguousCopyOtherwise) {
  nd::array<int> a = iota<int>({2, 3});
  nd::array<int> r = a.ravel();
  EXPECT_TRUE(nd::shares_memory(a, r));
  ASSERT_EQ(r.ndim(), 1);
  EXPECT_EQ(c_order(r), c_order(a));
  nd::array<int> t = a.T().ravel();
  EXPECT_FALSE(nd::shares_memory(a, t));
  EXPECT_EQ(c_order(t), c_order(a.T()));
}

TEST(Flatten, AlwaysCopies) {
  nd::array<float> a = iota<float>({2, 3});
  nd::array<float> f = a.flatten();
  EXPECT_FALSE(nd::shares_memory(a, f));
  ASSERT_EQ(f.ndim(), 1);
  EXPECT_EQ(c_order(f), c_order(a));
  nd::array<float> g = a(nd::all, nd::slice(nd::none, nd::none, -1)).flatten();
  for (index_t k = 0; k < 6; ++k) EXPECT_EQ(g(k), a(k / 3, 2 - k % 3));
}

TEST(Transpose, TIsAReversedAxesView) {
  nd::array<double> a = iota({2, 3, 4});
  nd::array<double> t = a.T();
  EXPECT_EQ(shape_of(t), (std::vector<index_t>{4, 3, 2}));
  EXPECT_TRUE(nd::shares_memory(a, t));
  for (index_t i = 0; i < 2; ++i)
    for (index_t j = 0; j < 3; ++j)
      for (index_t k = 0; k < 4; ++k) EXPECT_EQ(t(k, j, i), a(i, j, k));
  t(3, 2, 1) = -7;
  EXPECT_EQ(a(1, 2, 3), -7);
  nd::array<double> s = nd::full<double>(nd::shape_t{}, 2.0);
  EXPECT_EQ(s.T().ndim(), 0);
  nd::array<double> u = nd::transpose(a);
  EXPECT_EQ(shape_of(u), (std::vector<index_t>{4, 3, 2}));
}

TEST(Transpose, ExplicitAxesIncludingNegativeOnes) {
  nd::array<double> a = iota({2, 3, 4});
  nd::array<double> t = nd::transpose(a, {1, -1, 0});
  EXPECT_EQ(shape_of(t), (std::vector<index_t>{3, 4, 2}));
  EXPECT_TRUE(nd::shares_memory(a, t));
  for (index_t i = 0; i < 2; ++i)
    for (index_t j = 0; j < 3; ++j)
      for (index_t k = 0; k < 4; ++k) EXPECT_EQ(t(j, k, i), a(i, j, k));
  std::vector<int> axes{2, 0, 1};
  nd::array<double> v = nd::transpose(a, axes);
  EXPECT_EQ(shape_of(v), (std::vector<index_t>{4, 2, 3}));
}

TEST(Transpose, BadAxesThrowValueError) {
  nd::array<double> a = iota({2, 3});
  expect_message<nd::value_error>([&] { (void)nd::transpose(a, {0}); }, "axes don't match array");
  expect_message<nd::value_error>([&] { (void)nd::transpose(a, {0, 0}); }, "repeated axis in transpose");
  expect_message<nd::value_error>([&] { (void)nd::transpose(a, {0, 2}); },
                                  "axis 2 is out of bounds for array of dimension 2");
}

TEST(Concatenate, AlongEachAxis) {
  nd::array<double> a = iota({2, 3});
  nd::array<double> b = iota({1, 3});
  nd::array<double> r = nd::concatenate({a, b});
  EXPECT_EQ(shape_of(r), (std::vector<index_t>{3, 3}));
  for (index_t j = 0; j < 3; ++j) {
    EXPECT_EQ(r(0, j), a(0, j));
    EXPECT_EQ(r(1, j), a(1, j));
    EXPECT_EQ(r(2, j), b(0, j));
  }
  EXPECT_FALSE(nd::shares_memory(r, a));

  nd::array<double> c = iota({2, 2});
  nd::array<double> s = nd::concatenate({a, c, a}, -1);
  EXPECT_EQ(shape_of(s), (std::vector<index_t>{2, 8}));
  for (index_t i = 0; i < 2; ++i) {
    for (index_t j = 0; j < 3; ++j) EXPECT_EQ(s(i, j), a(i, j));
    for (index_t j = 0; j < 2; ++j) EXPECT_EQ(s(i, 3 + j), c(i, j));
    for (index_t j = 0; j < 3; ++j) EXPECT_EQ(s(i, 5 + j), a(i, j));
  }
}

TEST(Concatenate, StridedInputsVectorsAndFlattened) {
  nd::array<int> a = iota<int>({3, 4});
  std::vector<nd::array<int>> parts{a.T(), a(nd::slice(nd::none, nd::none, -1), nd::all).T()};
  nd::array<int> r = nd::concatenate(parts, 1);  // (4, 6)
  ASSERT_EQ(r.shape(0), 4);
  ASSERT_EQ(r.shape(1), 6);
  for (index_t i = 0; i < 4; ++i)
    for (index_t j = 0; j < 3; ++j) {
      EXPECT_EQ(r(i, j), a(j, i));
      EXPECT_EQ(r(i, 3 + j), a(2 - j, i));
    }
  nd::array<int> flat = nd::concatenate({a, nd::array<int>{100, 101}}, nd::none);
  ASSERT_EQ(flat.ndim(), 1);
  ASSERT_EQ(flat.size(), 14);
  for (index_t k = 0; k < 12; ++k) EXPECT_EQ(flat(k), k);
  EXPECT_EQ(flat(13), 101);
}

TEST(Concatenate, ZeroSizeParts) {
  nd::array<double> a = iota({2, 3});
  nd::array<double> e = nd::empty<double>({0, 3});
  nd::array<double> r = nd::concatenate({e, a, e});
  EXPECT_EQ(shape_of(r), (std::vector<index_t>{2, 3}));
  EXPECT_EQ(c_order(r), c_order(a));
}

TEST(Concatenate, MismatchesThrowValueErrorWithNumPyWording) {
  nd::array<double> a = iota({2, 3});
  nd::array<double> b = iota({2, 2});
  expect_message<nd::value_error>([&] { (void)nd::concatenate({a, b}); },
                                  "all the input array dimensions except for the concatenation axis must match "
                                  "exactly, but along dimension 1, the array at index 0 has size 3 and the array at "
                                  "index 1 has size 2");
  expect_message<nd::value_error>([&] { (void)nd::concatenate({a, iota({2})}); },
                                  "all the input arrays must have same number of dimensions, but the array at index "
                                  "0 has 2 dimension(s) and the array at index 1 has 1 dimension(s)");
  nd::array<double> s = nd::full<double>(nd::shape_t{}, 1.0);
  expect_message<nd::value_error>([&] { (void)nd::concatenate({s, s}); },
                                  "zero-dimensional arrays cannot be concatenated");
  expect_message<nd::value_error>([&] { (void)nd::concatenate(std::vector<nd::array<double>>{}); },
                                  "need at least one array to concatenate");
  expect_message<nd::value_error>([&] { (void)nd::concatenate({a, a}, 2); },
                                  "axis 2 is out of bounds for array of dimension 2");
}

TEST(Stack, NewAxisAtEachPosition) {
  nd::array<double> a = iota({2, 3});
  nd::array<double> b = a.T().copy().reshape({2, 3});
  for (int axis : {0, 1, 2, -1, -3}) {
    nd::array<double> s = nd::stack({a, b}, axis);
    const int k = axis < 0 ? axis + 3 : axis;
    ASSERT_EQ(s.ndim(), 3);
    EXPECT_EQ(s.shape(k), 2);
    for (index_t w = 0; w < 2; ++w)
      for (index_t i = 0; i < 2; ++i)
        for (index_t j = 0; j < 3; ++j) {
          const double expected = w == 0 ? a(i, j) : b(i, j);
          const double got = k == 0 ? s(w, i, j) : k == 1 ? s(i, w, j) : s(i, j, w);
          EXPECT_EQ(got, expected) << "axis " << axis;
        }
  }
  nd::array<double> one = nd::stack(std::vector<nd::array<double>>{iota({4})});
  EXPECT_EQ(shape_of(one), (std::vector<index_t>{1, 4}));
}

TEST(Stack, MismatchesThrowValueError) {
  expect_message<nd::value_error>([&] { (void)nd::stack({iota({3}), iota({2})}); },
                                  "all input arrays must have the same shape");
  expect_message<nd::value_error>([&] { (void)nd::stack(std::vector<nd::array<double>>{}); },
                                  "need at least one array to stack");
  expect_message<nd::value_error>([&] { (void)nd::stack({iota({3}), iota({3})}, 2); },
                                  "axis 2 is out of bounds for array of dimension 2");
}

template <class T>
class ShapeTyped : public ::testing::Test {};
using ElementTypes = ::testing::Types<bool, std::int32_t, std::int64_t, float, double>;
TYPED_TEST_SUITE(ShapeTyped, ElementTypes);

TYPED_TEST(ShapeTyped, ReshapeConcatenateStackKeepValues) {
  using T = TypeParam;
  nd::array<T> a = nd::empty<T>({2, 3});
  for (index_t k = 0; k < 6; ++k) a.data()[k] = static_cast<T>(k % 4);
  nd::array<T> r = a.reshape({3, 2});
  for (index_t k = 0; k < 6; ++k) EXPECT_EQ(r(k / 2, k % 2), a(k / 3, k % 3));
  nd::array<T> c = nd::concatenate({a, a}, 1);
  nd::array<T> s = nd::stack({a, a}, 0);
  for (index_t i = 0; i < 2; ++i)
    for (index_t j = 0; j < 3; ++j) {
      EXPECT_EQ(c(i, j), a(i, j));
      EXPECT_EQ(c(i, j + 3), a(i, j));
      EXPECT_EQ(s(1, i, j), a(i, j));
    }
  nd::array<T> t = nd::transpose(a, {1, 0});
  for (index_t i = 0; i < 2; ++i)
    for (index_t j = 0; j < 3; ++j) EXPECT_EQ(t(j, i), a(i, j));
}

}  // namespace
