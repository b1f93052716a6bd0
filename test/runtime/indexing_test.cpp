// Advanced indexing (copies), nd::ix_, nd::take, nd::put and nd::putmask. Expected
// values are computed here with plain loops over element access.
#include <gtest/gtest.h>

#include "test_support.hpp"

#include <cstdint>
#include <string>
#include <vector>

#include <nd/creation.hpp>
#include <nd/indexing.hpp>
#include <nd/shape.hpp>

namespace {

using nd::index_t;
using nd_test::iota;
using nd_test::expect_message;

index_t wrap(index_t i, index_t n) { return i < 0 ? i + n : i; }

TEST(AdvancedIndexing, IntegerArrayOnTheFirstAxisSelectsRowsAsACopy) {
  nd::array<double> a = iota({5, 4});
  nd::array<std::int64_t> idx{3, -1, 0, 3};
  nd::array<double> r = a(idx);
  ASSERT_EQ(r.ndim(), 2);
  EXPECT_EQ(r.shape(0), 4);
  EXPECT_EQ(r.shape(1), 4);
  for (index_t i = 0; i < 4; ++i)
    for (index_t j = 0; j < 4; ++j) EXPECT_EQ(r(i, j), a(wrap(idx(i), 5), j));
  EXPECT_FALSE(nd::shares_memory(a, r));
  r(0, 0) = -1;
  EXPECT_EQ(a(3, 0), 12);
}

TEST(AdvancedIndexing, Int32IndexArrayAfterASlice) {
  nd::array<float> a = iota<float>({5, 6});
  nd::array<std::int32_t> cols{5, 0, -2};
  nd::array<float> r = a(nd::slice(1, 4), cols);
  ASSERT_EQ(r.ndim(), 2);
  EXPECT_EQ(r.shape(0), 3);
  EXPECT_EQ(r.shape(1), 3);
  for (index_t i = 0; i < 3; ++i)
    for (index_t j = 0; j < 3; ++j) EXPECT_EQ(r(i, j), a(i + 1, wrap(cols(j), 6)));
}

TEST(AdvancedIndexing, OuterProductWithNewaxisMatchesIx) {
  nd::array<double> m = iota({7, 9});
  nd::array<std::int64_t> rows{0, 2, 4, 6, -1};
  nd::array<std::int64_t> cols{8, 1, 1, 3};
  nd::array<double> r = m(rows(nd::all, nd::newaxis), cols);
  nd::array<double> q = m(nd::ix_(rows, cols));
  ASSERT_EQ(r.ndim(), 2);
  EXPECT_EQ(r.shape(0), 5);
  EXPECT_EQ(r.shape(1), 4);
  ASSERT_EQ(q.shape(0), 5);
  ASSERT_EQ(q.shape(1), 4);
  for (index_t i = 0; i < 5; ++i)
    for (index_t j = 0; j < 4; ++j) {
      EXPECT_EQ(r(i, j), m(wrap(rows(i), 7), cols(j)));
      EXPECT_EQ(q(i, j), r(i, j));
    }
}

TEST(AdvancedIndexing, LargeOuterProductGatherMatchesLoops) {
  const index_t n = 300, k = 500;
  nd::array<std::int64_t> m = iota<std::int64_t>({n, k});
  nd::array<std::int64_t> rows = nd::empty<std::int64_t>({97});
  nd::array<std::int64_t> cols = nd::empty<std::int64_t>({211});
  for (index_t i = 0; i < 97; ++i) rows(i) = (i * 37) % n;
  for (index_t j = 0; j < 211; ++j) cols(j) = -1 - (j * 53) % k;
  nd::array<std::int64_t> r = m(rows(nd::all, nd::newaxis), cols);
  ASSERT_EQ(r.shape(0), 97);
  ASSERT_EQ(r.shape(1), 211);
  for (index_t i = 0; i < 97; ++i)
    for (index_t j = 0; j < 211; ++j) ASSERT_EQ(r(i, j), m(rows(i), wrap(cols(j), k)));
}

TEST(AdvancedIndexing, ArithmeticProgressionColumnsMatchLoops) {
  // Columns in arithmetic progression take a strided-row path; check every step kind
  // (1, 2, -1, other) and rows selected by index or by slice.
  const index_t n = 9, k = 12;
  nd::array<std::int32_t> m = iota<std::int32_t>({n, k});
  nd::array<std::int64_t> rows{8, 0, 3};
  const index_t starts[] = {2, 0, 11, 1, 10};
  const index_t steps[] = {1, 2, -1, 3, -4};
  for (int c = 0; c < 5; ++c) {
    nd::array<std::int64_t> cols = nd::empty<std::int64_t>({3});
    for (index_t j = 0; j < 3; ++j) cols(j) = starts[c] + j * steps[c];
    nd::array<std::int32_t> r = m(rows(nd::all, nd::newaxis), cols);
    for (index_t i = 0; i < 3; ++i)
      for (index_t j = 0; j < 3; ++j) EXPECT_EQ(r(i, j), m(rows(i), cols(j))) << "step " << steps[c];
    nd::array<std::int32_t> s = m(nd::slice(1, 7, 2), cols);
    for (index_t i = 0; i < 3; ++i)
      for (index_t j = 0; j < 3; ++j) EXPECT_EQ(s(i, j), m(1 + 2 * i, cols(j))) << "step " << steps[c];
  }
  // Selected rows copied with a reversed or strided slice of columns.
  nd::array<std::int32_t> rev = m(rows, nd::slice(nd::none, nd::none, -1));
  nd::array<std::int32_t> odd = m(rows, nd::slice(1, nd::none, 2));
  nd::array<std::int32_t> third = m(rows, nd::slice(0, nd::none, 3));
  for (index_t i = 0; i < 3; ++i) {
    for (index_t j = 0; j < k; ++j) EXPECT_EQ(rev(i, j), m(rows(i), k - 1 - j));
    for (index_t j = 0; j < k / 2; ++j) EXPECT_EQ(odd(i, j), m(rows(i), 1 + 2 * j));
    for (index_t j = 0; j < k / 3; ++j) EXPECT_EQ(third(i, j), m(rows(i), 3 * j));
  }
}

TEST(AdvancedIndexing, IndexArraysBroadcastTogether) {
  nd::array<int> a = iota<int>({4, 5});
  nd::array<std::int64_t> rows{{0, 1, 2}, {3, 2, 1}};  // (2, 3)
  nd::array<std::int64_t> cols{4, 0, 2};             // (3,)
  nd::array<int> r = a(rows, cols);
  ASSERT_EQ(r.ndim(), 2);
  EXPECT_EQ(r.shape(0), 2);
  EXPECT_EQ(r.shape(1), 3);
  for (index_t i = 0; i < 2; ++i)
    for (index_t j = 0; j < 3; ++j) EXPECT_EQ(r(i, j), a(rows(i, j), cols(j)));
}

TEST(AdvancedIndexing, AdjacentIndexArraysReplaceTheirAxesInPlace) {
  nd::array<double> b = iota({2, 3, 4});
  nd::array<std::int64_t> i1{2, 0};
  nd::array<std::int64_t> i2{1, 3};
  nd::array<double> r = b(nd::all, i1, i2);  // NumPy: b[:, i1, i2] has shape (2, 2)
  ASSERT_EQ(r.ndim(), 2);
  EXPECT_EQ(r.shape(0), 2);
  EXPECT_EQ(r.shape(1), 2);
  for (index_t p = 0; p < 2; ++p)
    for (index_t q = 0; q < 2; ++q) EXPECT_EQ(r(p, q), b(p, i1(q), i2(q)));

  // An index array with a trailing slice keeps the slice's axis after the index axes.
  nd::array<std::int64_t> i0 = nd::array<std::int64_t>{1, 0}.reshape({2, 1});
  nd::array<double> s = b(nd::all, i0, nd::slice(1, 3));
  ASSERT_EQ(s.ndim(), 4);
  EXPECT_EQ(s.shape(0), 2);
  EXPECT_EQ(s.shape(1), 2);
  EXPECT_EQ(s.shape(2), 1);
  EXPECT_EQ(s.shape(3), 2);
  for (index_t p = 0; p < 2; ++p)
    for (index_t q = 0; q < 2; ++q)
      for (index_t t = 0; t < 2; ++t) EXPECT_EQ(s(p, q, 0, t), b(p, i0(q, 0), t + 1));
}

TEST(AdvancedIndexing, IntegersCountAsAdvancedSoSeparatedIndicesGoFirst) {
  nd::array<double> b = iota({2, 3, 4});
  nd::array<std::int64_t> idx{0, 3};
  // NumPy's quirk: b[0, :, [0, 3]] has shape (2, 3): the integer and the array are
  // separated by a slice, so the broadcast dimension comes first.
  nd::array<double> r = b(0, nd::all, idx);
  ASSERT_EQ(r.ndim(), 2);
  EXPECT_EQ(r.shape(0), 2);
  EXPECT_EQ(r.shape(1), 3);
  for (index_t p = 0; p < 2; ++p)
    for (index_t j = 0; j < 3; ++j) EXPECT_EQ(r(p, j), b(0, j, idx(p)));

  // b[:, [0, 1], 0] keeps the index dimension in place: shape (2, 2).
  nd::array<std::int64_t> two{0, 1};
  nd::array<double> s = b(nd::all, two, 0);
  ASSERT_EQ(s.ndim(), 2);
  EXPECT_EQ(s.shape(0), 2);
  EXPECT_EQ(s.shape(1), 2);
  for (index_t p = 0; p < 2; ++p)
    for (index_t q = 0; q < 2; ++q) EXPECT_EQ(s(p, q), b(p, two(q), 0));
}

TEST(AdvancedIndexing, NewaxisAndEllipsisSeparateIndexArrays) {
  nd::array<double> b = iota({2, 3, 4});
  nd::array<std::int64_t> one{1};
  // b[:, [1], ..., [1]] -> (1, 2) and b[:, [1], None, [1]] -> (1, 2, 1).
  nd::array<double> r = b(nd::all, one, nd::ellipsis, one);
  ASSERT_EQ(r.ndim(), 2);
  EXPECT_EQ(r.shape(0), 1);
  EXPECT_EQ(r.shape(1), 2);
  for (index_t p = 0; p < 2; ++p) EXPECT_EQ(r(0, p), b(p, 1, 1));
  nd::array<double> s = b(nd::all, one, nd::newaxis, one);
  ASSERT_EQ(s.ndim(), 3);
  EXPECT_EQ(s.shape(0), 1);
  EXPECT_EQ(s.shape(1), 2);
  EXPECT_EQ(s.shape(2), 1);
  for (index_t p = 0; p < 2; ++p) EXPECT_EQ(s(0, p, 0), b(p, 1, 1));
  // Without the separator the index axis stays in place: b[:, [1], [1]] -> (2, 1).
  nd::array<double> t = b(nd::all, one, one);
  EXPECT_EQ(t.shape(0), 2);
  EXPECT_EQ(t.shape(1), 1);
}

TEST(AdvancedIndexing, TwoIndexArraysVaryingAlongTheLastAxis) {
  nd::array<double> a = iota({6, 7});
  nd::array<std::int64_t> rows{{5, 0, 3}, {1, 1, 2}};
  nd::array<std::int64_t> cols{{6, 0, -1}, {2, 3, 4}};
  nd::array<double> r = a(rows, cols);
  ASSERT_EQ(r.shape(0), 2);
  ASSERT_EQ(r.shape(1), 3);
  for (index_t i = 0; i < 2; ++i)
    for (index_t j = 0; j < 3; ++j) EXPECT_EQ(r(i, j), a(rows(i, j), wrap(cols(i, j), 7)));
}

TEST(AdvancedIndexing, OneDimensionalMaskSelectsRows) {
  nd::array<double> a = iota({4, 3});
  nd::array<bool> mask{true, false, false, true};
  nd::array<double> r = a(mask);
  ASSERT_EQ(r.ndim(), 2);
  ASSERT_EQ(r.shape(0), 2);
  for (index_t j = 0; j < 3; ++j) {
    EXPECT_EQ(r(0, j), a(0, j));
    EXPECT_EQ(r(1, j), a(3, j));
  }
  nd::array<bool> col_mask{false, true, true};
  nd::array<double> c = a(nd::all, col_mask);
  ASSERT_EQ(c.shape(0), 4);
  ASSERT_EQ(c.shape(1), 2);
  for (index_t i = 0; i < 4; ++i) {
    EXPECT_EQ(c(i, 0), a(i, 1));
    EXPECT_EQ(c(i, 1), a(i, 2));
  }
}

TEST(AdvancedIndexing, MultiDimensionalMaskSelectsElementsInCOrder) {
  nd::array<int> a = iota<int>({3, 4});
  nd::array<bool> mask = nd::empty<bool>({3, 4});
  std::vector<int> expected;
  for (index_t i = 0; i < 3; ++i)
    for (index_t j = 0; j < 4; ++j) {
      mask(i, j) = (i + 2 * j) % 3 == 0;
      if (mask(i, j)) expected.push_back(a(i, j));
    }
  nd::array<int> r = a(mask);
  ASSERT_EQ(r.ndim(), 1);
  ASSERT_EQ(r.size(), static_cast<index_t>(expected.size()));
  for (index_t k = 0; k < r.size(); ++k) EXPECT_EQ(r(k), expected[static_cast<std::size_t>(k)]);

  // A 2-D mask over the last two axes of a 3-D array.
  nd::array<int> b = iota<int>({2, 3, 4});
  nd::array<int> s = b(nd::all, mask);
  ASSERT_EQ(s.shape(0), 2);
  ASSERT_EQ(s.shape(1), static_cast<index_t>(expected.size()));
  for (index_t p = 0; p < 2; ++p) {
    index_t k = 0;
    for (index_t i = 0; i < 3; ++i)
      for (index_t j = 0; j < 4; ++j) {
        if (!mask(i, j)) continue;
        EXPECT_EQ(s(p, k), b(p, i, j));
        ++k;
      }
  }
}

TEST(AdvancedIndexing, ZeroDimensionalBoolAddsAnAxisOfOneOrZero) {
  nd::array<double> a = iota({2, 3});
  nd::array<bool> yes = nd::full<bool>(nd::shape_t{}, true);
  nd::array<bool> no = nd::full<bool>(nd::shape_t{}, false);
  nd::array<double> r = a(yes);
  ASSERT_EQ(r.ndim(), 3);
  EXPECT_EQ(r.shape(0), 1);
  for (index_t i = 0; i < 2; ++i)
    for (index_t j = 0; j < 3; ++j) EXPECT_EQ(r(0, i, j), a(i, j));
  nd::array<double> s = a(no);
  ASSERT_EQ(s.ndim(), 3);
  EXPECT_EQ(s.shape(0), 0);
  EXPECT_EQ(s.size(), 0);
}

TEST(AdvancedIndexing, MaskOfTheWrongShapeThrowsIndexError) {
  nd::array<double> a = iota({3, 4});
  nd::array<bool> mask{true, false};
  expect_message<nd::index_error>([&] { (void)a(mask); },
                                  "boolean index did not match indexed array along axis 0; size of axis is 3 but "
                                  "size of corresponding boolean axis is 2");
  nd::array<bool> wide = nd::full<bool>({3, 2}, true);
  expect_message<nd::index_error>([&] { (void)a(wide); },
                                  "boolean index did not match indexed array along axis 1; size of axis is 4 but "
                                  "size of corresponding boolean axis is 2");
}

TEST(AdvancedIndexing, OutOfRangeEntriesThrowWithNumPyWording) {
  nd::array<double> a = iota({5, 3});
  nd::array<std::int64_t> idx{0, 10};
  expect_message<nd::index_error>([&] { (void)a(idx); }, "index 10 is out of bounds for axis 0 with size 5");
  nd::array<std::int32_t> neg{-4};
  expect_message<nd::index_error>([&] { (void)a(nd::all, neg); }, "index -4 is out of bounds for axis 1 with size 3");
  expect_message<nd::index_error>([&] { (void)a(idx(nd::slice(0, 1)), 3); },
                                  "index 3 is out of bounds for axis 1 with size 3");
}

TEST(AdvancedIndexing, IndexArraysThatDoNotBroadcastThrowIndexError) {
  nd::array<double> a = iota({4, 4});
  nd::array<std::int64_t> two{0, 1};
  nd::array<std::int64_t> three{0, 1, 2};
  expect_message<nd::index_error>(
      [&] { (void)a(two, three); },
      "shape mismatch: indexing arrays could not be broadcast together with shapes (2,) (3,) ");
  nd::array<std::int64_t> square{{0, 1, 2}, {0, 1, 2}, {0, 1, 2}};
  expect_message<nd::index_error>(
      [&] { (void)a(two(nd::all, nd::newaxis), square); },
      "shape mismatch: indexing arrays could not be broadcast together with shapes (2,1) (3,3) ");
}

TEST(AdvancedIndexing, TooManyIndicesThrowIndexError) {
  nd::array<double> a = iota({2, 3});
  nd::array<std::int64_t> zero{0};
  expect_message<nd::index_error>([&] { (void)a(zero, zero, zero); },
                                  "too many indices for array: array is 2-dimensional, but 3 were indexed");
}

TEST(AdvancedIndexing, SourceWithNegativeAndZeroStrides) {
  nd::array<double> a = iota({4, 5});
  nd::array<double> rev = a(nd::slice(nd::none, nd::none, -1), nd::slice(nd::none, nd::none, -2));  // (4, 3)
  ASSERT_LT(rev.strides(0), 0);
  nd::array<std::int64_t> idx{2, 0};
  nd::array<double> r = rev(nd::all, idx);
  ASSERT_EQ(r.shape(0), 4);
  ASSERT_EQ(r.shape(1), 2);
  for (index_t i = 0; i < 4; ++i)
    for (index_t j = 0; j < 2; ++j) EXPECT_EQ(r(i, j), a(3 - i, 4 - 2 * idx(j)));

  // A stride-0 axis (newaxis) indexed by an array repeats the row.
  nd::array<double> row = a(1, nd::newaxis, nd::all);  // (1, 5), stride 0 on axis 0
  nd::array<std::int64_t> zeros{0, 0, 0};
  nd::array<double> s = row(zeros);
  ASSERT_EQ(s.shape(0), 3);
  for (index_t i = 0; i < 3; ++i)
    for (index_t j = 0; j < 5; ++j) EXPECT_EQ(s(i, j), a(1, j));
}

TEST(AdvancedIndexing, ZeroSizeIndexAndZeroSizeSource) {
  nd::array<double> a = iota({3, 4});
  nd::array<std::int64_t> none_selected = nd::empty<std::int64_t>({0});
  nd::array<double> r = a(none_selected);
  ASSERT_EQ(r.ndim(), 2);
  EXPECT_EQ(r.shape(0), 0);
  EXPECT_EQ(r.shape(1), 4);

  nd::array<double> e = nd::empty<double>({0, 4});
  nd::array<std::int64_t> col{3};
  nd::array<double> s = e(nd::all, col);
  EXPECT_EQ(s.shape(0), 0);
  EXPECT_EQ(s.shape(1), 1);
  // Entries are still checked when nothing is copied, as NumPy does.
  nd::array<std::int64_t> bad{7};
  expect_message<nd::index_error>([&] { (void)e(nd::all, bad); }, "index 7 is out of bounds for axis 1 with size 4");
}

TEST(AdvancedIndexing, ZeroDimensionalIndexArrayGivesAnElementCopy) {
  nd::array<double> a = iota({3, 4});
  nd::array<std::int64_t> two = nd::full<std::int64_t>(nd::shape_t{}, 2);
  nd::array<double> r = a(two);  // NumPy: a[np.array(2)] has shape (4,)
  ASSERT_EQ(r.ndim(), 1);
  ASSERT_EQ(r.shape(0), 4);
  for (index_t j = 0; j < 4; ++j) EXPECT_EQ(r(j), a(2, j));
  nd::array<double> s = a(two, two);
  EXPECT_EQ(s.ndim(), 0);
  EXPECT_EQ(s.item(), a(2, 2));
}

template <class T>
class AdvancedIndexingTyped : public ::testing::Test {};
using ElementTypes = ::testing::Types<bool, std::int32_t, std::int64_t, float, double>;
TYPED_TEST_SUITE(AdvancedIndexingTyped, ElementTypes);

TYPED_TEST(AdvancedIndexingTyped, GathersEveryElementType) {
  using T = TypeParam;
  nd::array<T> a = nd::empty<T>({4, 6});
  for (index_t i = 0; i < 4; ++i)
    for (index_t j = 0; j < 6; ++j) a(i, j) = static_cast<T>((i * 6 + j) % 7 == 3 ? 1 : (i * 6 + j) % 5);
  nd::array<std::int64_t> rows{3, 1};
  nd::array<std::int64_t> cols{5, 0, 2};
  nd::array<T> r = a(rows(nd::all, nd::newaxis), cols);
  ASSERT_EQ(r.shape(0), 2);
  ASSERT_EQ(r.shape(1), 3);
  for (index_t i = 0; i < 2; ++i)
    for (index_t j = 0; j < 3; ++j) EXPECT_EQ(r(i, j), a(rows(i), cols(j)));
  nd::array<T> t = nd::take(a, cols, 1);
  for (index_t i = 0; i < 4; ++i)
    for (index_t j = 0; j < 3; ++j) EXPECT_EQ(t(i, j), a(i, cols(j)));
}

TEST(Ix, BoolArraysSelectTheirTruePositions) {
  nd::array<double> m = iota({3, 4});
  nd::array<bool> rows{true, false, true};
  nd::array<std::int32_t> cols{3, 1};
  nd::array<double> r = m(nd::ix_(rows, cols));
  ASSERT_EQ(r.shape(0), 2);
  ASSERT_EQ(r.shape(1), 2);
  const index_t picked[] = {0, 2};
  for (index_t i = 0; i < 2; ++i)
    for (index_t j = 0; j < 2; ++j) EXPECT_EQ(r(i, j), m(picked[i], cols(j)));
}

TEST(Ix, ThreeAxesGiveTheCrossProduct) {
  nd::array<int> b = iota<int>({3, 4, 5});
  nd::array<std::int64_t> i{2, 0};
  nd::array<std::int64_t> j{1, 3, 0};
  nd::array<std::int64_t> k{4};
  nd::array<int> r = b(nd::ix_(i, j, k));
  ASSERT_EQ(r.ndim(), 3);
  EXPECT_EQ(r.shape(0), 2);
  EXPECT_EQ(r.shape(1), 3);
  EXPECT_EQ(r.shape(2), 1);
  for (index_t p = 0; p < 2; ++p)
    for (index_t q = 0; q < 3; ++q) EXPECT_EQ(r(p, q, 0), b(i(p), j(q), 4));
}

TEST(Ix, NonOneDimensionalIndexThrowsValueError) {
  nd::array<std::int64_t> two_d{{0, 1}, {1, 0}};
  expect_message<nd::value_error>([&] { (void)nd::ix_(two_d); }, "Cross index must be 1 dimensional");
}

TEST(Take, FlatAndAlongAnAxis) {
  nd::array<double> a = iota({3, 4});
  nd::array<std::int64_t> flat{11, 0, -1, 5};
  nd::array<double> r = nd::take(a, flat);
  ASSERT_EQ(r.ndim(), 1);
  ASSERT_EQ(r.shape(0), 4);
  for (index_t k = 0; k < 4; ++k) {
    const index_t f = wrap(flat(k), 12);
    EXPECT_EQ(r(k), a(f / 4, f % 4));
  }
  nd::array<std::int64_t> cols{{3, 0}, {1, 1}};
  nd::array<double> s = nd::take(a, cols, -1);  // shape (3, 2, 2)
  ASSERT_EQ(s.ndim(), 3);
  for (index_t i = 0; i < 3; ++i)
    for (index_t p = 0; p < 2; ++p)
      for (index_t q = 0; q < 2; ++q) EXPECT_EQ(s(i, p, q), a(i, cols(p, q)));
  // take of a non-contiguous view is the view's elements in C order.
  nd::array<double> t = a.T();
  nd::array<double> u = nd::take(t, flat);
  for (index_t k = 0; k < 4; ++k) {
    const index_t f = wrap(flat(k), 12);
    EXPECT_EQ(u(k), t(f / 3, f % 3));
  }
}

TEST(Take, ErrorsNameTheAxis) {
  nd::array<double> a = iota({3, 4});
  nd::array<std::int64_t> bad{7};
  expect_message<nd::index_error>([&] { (void)nd::take(a, bad, 1); },
                                  "index 7 is out of bounds for axis 1 with size 4");
  expect_message<nd::index_error>([&] { (void)nd::take(a, bad, 2); },
                                  "axis 2 is out of bounds for array of dimension 2");
  nd::array<std::int64_t> big{12};
  expect_message<nd::index_error>([&] { (void)nd::take(a, big); },
                                  "index 12 is out of bounds for axis 0 with size 12");
}

TEST(Put, WritesFlatIndicesAndCyclesValues) {
  nd::array<double> a = nd::zeros<double>({2, 3});
  nd::array<std::int64_t> idx{0, 5, -2, 2};
  nd::array<double> vals{10, 20};
  nd::put(a, idx, vals);
  // values[j % 2] goes to flat index idx[j].
  std::vector<double> expected(6, 0.0);
  for (index_t j = 0; j < 4; ++j) expected[static_cast<std::size_t>(wrap(idx(j), 6))] = vals(j % 2);
  for (index_t k = 0; k < 6; ++k) EXPECT_EQ(a(k / 3, k % 3), expected[static_cast<std::size_t>(k)]);

  nd::put(a, 1, 7.5);  // one index, a scalar value
  EXPECT_EQ(a(0, 1), 7.5);
}

TEST(Put, IntoANonContiguousViewWritesTheOriginal) {
  nd::array<int> a = iota<int>({3, 4});
  nd::array<int> original = a.copy();
  nd::array<std::int32_t> idx{0, 4};
  nd::put(a.T(), idx, nd::array<int>{-1, -2});  // a.T() is (4, 3): flat 4 is (1, 1)
  EXPECT_EQ(a(0, 0), -1);
  EXPECT_EQ(a(1, 1), -2);
  int changed = 0;
  for (index_t i = 0; i < 3; ++i)
    for (index_t j = 0; j < 4; ++j) changed += a(i, j) != original(i, j);
  EXPECT_EQ(changed, 2);
}

TEST(Put, EmptyValuesWriteNothingAndBadIndicesThrow) {
  nd::array<double> a = iota({4});
  nd::put(a, nd::array<std::int64_t>{0, 1}, nd::empty<double>({0}));
  for (index_t k = 0; k < 4; ++k) EXPECT_EQ(a(k), k);
  expect_message<nd::index_error>([&] { nd::put(a, nd::array<std::int64_t>{4}, 1.0); },
                                  "index 4 is out of bounds for axis 0 with size 4");
  expect_message<nd::index_error>([&] { nd::put(a, -5, 1.0); }, "index -5 is out of bounds for axis 0 with size 4");
}

TEST(Putmask, CyclesValuesByPositionInTheArray) {
  nd::array<double> a = iota({6});
  nd::array<bool> mask{false, false, false, true, true, true};
  nd::array<double> vals{10, 20};
  nd::putmask(a, mask, vals);
  // NumPy: a.flat[i] = values[i % len(values)] where mask.flat[i].
  for (index_t i = 0; i < 6; ++i) EXPECT_EQ(a(i), mask(i) ? vals(i % 2) : static_cast<double>(i));
}

TEST(Putmask, NonContiguousTargetAndScalarValue) {
  nd::array<float> a = iota<float>({3, 4});
  nd::array<float> view = a(nd::all, nd::slice(nd::none, nd::none, 2));  // (3, 2)
  nd::array<bool> mask{{true, false}, {false, true}, {true, true}};
  nd::putmask(view, mask, 0.5f);
  for (index_t i = 0; i < 3; ++i)
    for (index_t j = 0; j < 4; ++j) {
      const bool hit = j % 2 == 0 && mask(i, j / 2);
      EXPECT_EQ(a(i, j), hit ? 0.5f : static_cast<float>(i * 4 + j));
    }
}

TEST(Putmask, MaskOfAnotherSizeThrowsValueError) {
  nd::array<double> a = iota({3});
  nd::array<bool> mask{true, false};
  expect_message<nd::value_error>([&] { nd::putmask(a, mask, 1.0); }, "putmask: mask and data must be the same size");
}

}  // namespace

// a(mask) with a mask of a's shape, both contiguous, compacts in one pass; it must
// select exactly what the general (offset table) path selects, across its 512-element
// blocks, for every element size, with all-false and all-true masks too.
template <class T>
void expect_compaction_matches_general_path(index_t n, int pattern) {
  nd::array<T> a = iota<T>({n});
  nd::array<bool> storage = nd::empty<bool>({n, 2});
  for (index_t i = 0; i < n; ++i) {
    const bool keep = pattern == 0 ? false : pattern == 1 ? true : (i * 7919 + i / 3) % 5 < 2;
    storage(i, 0) = keep;
    storage(i, 1) = !keep;
  }
  const nd::array<bool> strided_mask = storage(nd::all, 0);  // not contiguous: general path
  const nd::array<bool> mask = strided_mask.copy();           // contiguous: compaction
  const nd::array<T> fast = a(mask);
  const nd::array<T> general = a(strided_mask);
  ASSERT_EQ(fast.size(), general.size());
  for (index_t k = 0; k < fast.size(); ++k) EXPECT_EQ(fast(k), general(k)) << "element " << k;
}

TEST(AdvancedIndexing, ContiguousMaskCompactionMatchesTheGeneralPath) {
  for (int pattern = 0; pattern < 3; ++pattern) {
    expect_compaction_matches_general_path<double>(1537, pattern);
    expect_compaction_matches_general_path<float>(1025, pattern);
    expect_compaction_matches_general_path<bool>(700, pattern);
    expect_compaction_matches_general_path<std::int64_t>(3, pattern);
  }
  // A 2-D mask of the array's shape.
  nd::array<int> b = iota<int>({37, 29});
  const nd::array<bool> m = nd::sin(b * 3.0) > 0.2;
  const nd::array<int> picked = b(m);
  index_t k = 0;
  for (index_t i = 0; i < 37; ++i)
    for (index_t j = 0; j < 29; ++j)
      if (m(i, j)) EXPECT_EQ(picked(k++), b(i, j));
  EXPECT_EQ(k, picked.size());
}

// Copies and gathers whose output is 16 MiB or more are written with streaming stores
// (strides 1 and 2) after an element-by-element head up to an aligned address. Rows of
// 1101 and 1100 elements start at every alignment, so heads of every length occur;
// strides 3 and -1 take the plain loop. Each element is checked against its source.
template <class T>
void expect_large_copies_keep_every_element(index_t rows, index_t cols) {
  const nd::array<T> m = iota<T>({rows, cols});
  auto expect_picks = [&](const nd::array<T>& got, index_t r0, index_t rs, index_t c0, index_t cs, const char* what) {
    ASSERT_EQ(got.ndim(), 2) << what;
    index_t wrong = 0;
    for (index_t i = 0; i < got.shape(0); ++i)
      for (index_t j = 0; j < got.shape(1); ++j)
        wrong += got(i, j) != m(r0 + i * rs, c0 + j * cs);
    EXPECT_EQ(wrong, 0) << what;
  };
  expect_picks(m(nd::slice(0, nd::none, 2), nd::slice(0, nd::none, 2)).copy(), 0, 2, 0, 2, "slice step 2, copy");
  expect_picks(m(nd::arange(0, rows, 2)(nd::all, nd::newaxis), nd::arange(0, cols, 2)), 0, 2, 0, 2, "gather step 2");
  expect_picks(m(nd::all, nd::slice(1, nd::none)).copy(), 0, 1, 1, 1, "slice from column 1, copy");
  expect_picks(m(nd::arange(0, rows)(nd::all, nd::newaxis), nd::arange(1, cols)), 0, 1, 1, 1, "gather from column 1");
  expect_picks(m(nd::all, nd::slice(0, nd::none, 3)).copy(), 0, 1, 0, 3, "slice step 3, copy");
  expect_picks(m(nd::all, nd::slice(nd::none, nd::none, -1)).copy(), 0, 1, cols - 1, -1, "reversed, copy");
  nd::array<T> into = nd::empty<T>({rows, cols + 1});
  nd::copyto(into(nd::all, nd::slice(1, nd::none)), m);
  expect_picks(into(nd::all, nd::slice(1, nd::none)), 0, 1, 0, 1, "copyto an offset view");
}

TEST(LargeCopies, StreamedRowsKeepEveryElement) {
  // (rows / 2) * (cols / 2) elements of the step-2 results reach 16 MiB.
  expect_large_copies_keep_every_element<double>(4100, 2202);
  expect_large_copies_keep_every_element<float>(8200, 2203);
  expect_large_copies_keep_every_element<std::int64_t>(4100, 2201);
}

// The stride-2 copy reads two source vectors per output vector; the last one must not
// reach past the row's last element. Each matrix fills its allocation exactly (a
// multiple of 64 bytes), so under AddressSanitizer a read past the last row's end is
// a heap overflow. Rows of 7/15 doubles and 15/31 floats give exactly one output
// vector at the end of a row for 256- and 512-bit vectors.
template <class T>
void expect_stride_two_copies_stay_inside(index_t rows, index_t cols) {
  const nd::array<T> m = iota<T>({rows, cols});
  const nd::array<T> every_other = m(nd::all, nd::slice(0, nd::none, 2));
  const index_t n = (cols + 1) / 2;
  nd::array<T> into = nd::empty<T>({rows, n});
  nd::copyto(into, every_other);
  const nd::array<T> copied = every_other.copy();
  const nd::array<T> gathered = m(nd::all, nd::arange(0, cols, 2));
  for (index_t i = 0; i < rows; ++i)
    for (index_t j = 0; j < n; ++j) {
      EXPECT_EQ(copied(i, j), m(i, 2 * j)) << i << "," << j;
      EXPECT_EQ(into(i, j), m(i, 2 * j)) << i << "," << j;
      EXPECT_EQ(gathered(i, j), m(i, 2 * j)) << i << "," << j;
    }
}

TEST(LargeCopies, StrideTwoReadsNothingPastTheLastElement) {
  expect_stride_two_copies_stay_inside<double>(8, 7);
  expect_stride_two_copies_stay_inside<double>(8, 15);
  expect_stride_two_copies_stay_inside<float>(16, 15);
  expect_stride_two_copies_stay_inside<float>(16, 31);
}
