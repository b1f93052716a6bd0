// Printing: operator<< and nd::repr show what NumPy 1.24's repr shows. The expected
// texts are NumPy's own output for the same arrays; test/print compares thousands
// more against NumPy at test time.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <sstream>
#include <vector>

#include <nd/creation.hpp>
#include <nd/print.hpp>

namespace {

// An array of `shape` holding `values` in C order.
template <class T>
nd::array<T> from(const nd::shape_t& shape, const std::vector<T>& values) {
  nd::array<T> a{shape};
  EXPECT_EQ(static_cast<std::size_t>(a.size()), values.size());
  std::copy(values.begin(), values.end(), a.data());
  return a;
}

// 0, 1, ..., n - 1 (times `scale`) in an array of `shape`.
template <class T>
nd::array<T> counting(const nd::shape_t& shape, T scale = T(1)) {
  nd::array<T> a{shape};
  for (nd::index_t i = 0; i < a.size(); ++i) a.data()[i] = static_cast<T>(i) * scale;
  return a;
}

TEST(Print, OneDimensionalOfEachType) {
  EXPECT_EQ(nd::repr(nd::array<double>{1, 2, 3}), "array([1., 2., 3.])");
  EXPECT_EQ(nd::repr(nd::array<bool>{true, false}), "array([ True, False])");
  EXPECT_EQ(nd::repr(nd::array<std::int64_t>{-5, 10, 100}), "array([ -5,  10, 100])");
  EXPECT_EQ(nd::repr(nd::array<std::int32_t>{1, 2}), "array([1, 2], dtype=int32)");
  EXPECT_EQ(nd::repr(nd::array<float>{1, 2}), "array([1., 2.], dtype=float32)");
}

TEST(Print, OperatorWritesTheRepr) {
  std::ostringstream out;
  out << nd::array<std::int64_t>{{1, 2}, {3, 4}};
  EXPECT_EQ(out.str(), "array([[1, 2],\n       [3, 4]])");
}

TEST(Print, FloatsUseShortestRoundTripDigitsCutToPrecision8) {
  EXPECT_EQ(nd::repr(nd::array<double>{0.1, 0.2}), "array([0.1, 0.2])");
  EXPECT_EQ(nd::repr(nd::array<double>{1.0 / 3}), "array([0.33333333])");
  EXPECT_EQ(nd::repr(nd::array<double>{0.123456789}), "array([0.12345679])");
  EXPECT_EQ(nd::repr(nd::array<double>{1.0, 2.5}), "array([1. , 2.5])");
}

TEST(Print, ScientificByNumPysThresholds) {
  EXPECT_EQ(nd::repr(nd::array<double>{1.5e10, 1.0}), "array([1.5e+10, 1.0e+00])");
  EXPECT_EQ(nd::repr(nd::array<double>{1e-5, 1.0}), "array([1.e-05, 1.e+00])");
  EXPECT_EQ(nd::repr(nd::array<double>{1e16}), "array([1.e+16])");
  EXPECT_EQ(nd::repr(nd::full<double>(nd::shape_t{}, 1e-5)), "array(1.e-05)");
}

TEST(Print, NonFiniteAndNegativeZero) {
  const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
  EXPECT_EQ(nd::repr(nd::array<double>{nan, 1.0, -inf}), "array([ nan,   1., -inf])");
  EXPECT_EQ(nd::repr(nd::array<double>{1.0, -0.0}), "array([ 1., -0.])");
}

TEST(Print, ZeroDAndEmpty) {
  EXPECT_EQ(nd::repr(nd::full<double>(nd::shape_t{}, 5.0)), "array(5.)");
  EXPECT_EQ(nd::repr(nd::full<std::int32_t>(nd::shape_t{}, 5)), "array(5, dtype=int32)");
  EXPECT_EQ(nd::repr(nd::full<bool>(nd::shape_t{}, true)), "array(True)");
  EXPECT_EQ(nd::repr(nd::array<double>()), "array([], dtype=float64)");
  EXPECT_EQ(nd::repr(nd::zeros<double>({0, 3})), "array([], shape=(0, 3), dtype=float64)");
  EXPECT_EQ(nd::repr(nd::zeros<std::int64_t>({2, 0})), "array([], shape=(2, 0), dtype=int64)");
}

TEST(Print, NestedRowsAndBlankLinesBetweenBlocks) {
  EXPECT_EQ(nd::repr(counting<std::int64_t>({2, 2, 2})),
            "array([[[0, 1],\n        [2, 3]],\n\n       [[4, 5],\n        [6, 7]]])");
  EXPECT_EQ(nd::repr(from<bool>({2, 1}, {true, false})), "array([[ True],\n       [False]])");
}

TEST(Print, LongRowsWrapAt75Columns) {
  EXPECT_EQ(nd::repr(counting<double>({30})),
            "array([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12.,\n"
            "       13., 14., 15., 16., 17., 18., 19., 20., 21., 22., 23., 24., 25.,\n"
            "       26., 27., 28., 29.])");
}

TEST(Print, DtypeMovesToItsOwnLineWhenTheLastLineIsFull) {
  EXPECT_EQ(nd::repr(counting<std::int32_t>({65}, 7)),
            "array([  0,   7,  14,  21,  28,  35,  42,  49,  56,  63,  70,  77,  84,\n"
            "        91,  98, 105, 112, 119, 126, 133, 140, 147, 154, 161, 168, 175,\n"
            "       182, 189, 196, 203, 210, 217, 224, 231, 238, 245, 252, 259, 266,\n"
            "       273, 280, 287, 294, 301, 308, 315, 322, 329, 336, 343, 350, 357,\n"
            "       364, 371, 378, 385, 392, 399, 406, 413, 420, 427, 434, 441, 448],\n"
            "      dtype=int32)");
}

TEST(Print, MoreThan1000ElementsAreSummarisedWithEdgeItems) {
  EXPECT_EQ(nd::repr(counting<std::int64_t>({2000})), "array([   0,    1,    2, ..., 1997, 1998, 1999])");
  // Only the edge items decide the format: 1/7 steps in scientific notation.
  EXPECT_EQ(nd::repr(counting<double>({2, 550}, 1.0 / 7)),
            "array([[0.00000000e+00, 1.42857143e-01, 2.85714286e-01, ...,\n"
            "        7.81428571e+01, 7.82857143e+01, 7.84285714e+01],\n"
            "       [7.85714286e+01, 7.87142857e+01, 7.88571429e+01, ...,\n"
            "        1.56714286e+02, 1.56857143e+02, 1.57000000e+02]])");
  // Exactly 1000 elements are printed in full.
  EXPECT_EQ(nd::repr(counting<std::int64_t>({1000})).find("..."), std::string::npos);
}

TEST(Print, StridedViewsPrintTheirElements) {
  // np.arange(6, dtype=np.float32).reshape(2, 3)[:, ::-2]
  nd::array<float> a = counting<float>({2, 3});
  EXPECT_EQ(nd::repr(a(nd::all, nd::slice(nd::none, nd::none, -2))), "array([[2., 0.],\n       [5., 3.]], dtype=float32)");
  nd::array<double> b{1, 2, 3};
  EXPECT_EQ(nd::repr(b(nd::slice(nd::none, nd::none, -1))), "array([3., 2., 1.])");
  EXPECT_EQ(nd::repr(b(nd::slice(1, 1))), "array([], dtype=float64)");
}

}  // namespace
