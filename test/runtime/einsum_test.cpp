// nd::einsum's contracts: result types (NumPy's promotion), views for one operand
// without a sum, and NumPy's errors for malformed subscripts. Values are checked
// against NumPy in the differential suite.
#include <cstdint>
#include <type_traits>
#include <utility>

#include "test_support.hpp"

namespace {

using nd_test::expect_message;
using nd_test::iota;

TEST(Einsum, ExplicitImplicitAndPromotion) {
  nd::array<double> a = iota({2, 3}), b = iota({3, 4});
  nd::array<double> m = nd::einsum("ij,jk->ik", a, b);
  EXPECT_EQ(m.to_vector(), nd::matmul(a, b).to_vector());
  EXPECT_EQ(nd::einsum("ij,jk", a, b).to_vector(), m.to_vector());
  EXPECT_EQ(nd::einsum("ij,jk->ki", a, b).to_vector(), m.T().to_vector());
  auto mixed = nd::einsum("i,i", nd::array<std::int32_t>{1, 2}, nd::array<float>{0.5f, 0.25f});
  static_assert(std::is_same_v<decltype(mixed), nd::array<double>>);
  EXPECT_EQ(mixed.ndim(), 0);
  EXPECT_EQ(mixed.item(), 1.0);
  auto ints = nd::einsum("ij->j", nd::array<std::int32_t>{{1, 2}, {3, 4}});
  static_assert(std::is_same_v<decltype(ints), nd::array<std::int32_t>>);
  EXPECT_EQ(ints.to_vector(), (std::vector<std::int32_t>{4, 6}));
  EXPECT_EQ(nd::einsum("...j,j->...", iota({2, 2, 3}), iota({3})).shape(1), 2);
  EXPECT_EQ(nd::einsum("i,j->ij", iota({2}), iota({3})).to_vector(), nd::outer(iota({2}), iota({3})).to_vector());
}

TEST(Einsum, OneOperandWithoutSumIsAView) {
  nd::array<double> a = iota({3, 3});
  nd::array<double> d = nd::einsum("ii->i", a);
  EXPECT_TRUE(nd::shares_memory(d, a));
  EXPECT_EQ(d.to_vector(), (std::vector<double>{0, 4, 8}));
  d(1) = -1.0;
  EXPECT_EQ(std::as_const(a)(1, 1), -1.0);
  EXPECT_TRUE(nd::shares_memory(nd::einsum("ij->ji", a), a));
  EXPECT_EQ(nd::einsum("ii", a).item(), 0.0 - 1.0 + 8.0);
  EXPECT_FALSE(nd::shares_memory(nd::einsum("ij->i", a), a));
}

TEST(Einsum, MalformedSubscriptsThrowNumPysMessages) {
  nd::array<double> a = iota({2, 3}), b = iota({3, 4});
  expect_message<nd::value_error>([&] { nd::einsum("ij->ii", a); },
                                  "einstein sum subscripts string includes output subscript 'i' multiple times");
  expect_message<nd::value_error>(
      [&] { nd::einsum("ij->k", a); },
      "einstein sum subscripts string included output subscript 'k' which never appeared in an input");
  expect_message<nd::value_error>(
      [&] { nd::einsum("ij", a, b); },
      "more operands provided to einstein sum function than specified in the subscripts string");
  expect_message<nd::value_error>(
      [&] { nd::einsum("ij,jk", a); },
      "fewer operands provided to einstein sum function than specified in the subscripts string");
  expect_message<nd::value_error>(
      [&] { nd::einsum("i1", a); }, "invalid subscript '1' in einstein sum subscripts string, subscripts must be letters");
  expect_message<nd::value_error>([&] { nd::einsum("ijk", a); },
                                  "einstein sum subscripts string contains too many subscripts for operand 0");
  EXPECT_THROW(nd::einsum("i", a), nd::value_error);
  expect_message<nd::value_error>([&] { nd::einsum("ii", a); },
                                  "dimensions in operand 0 for collapsing index 'i' don't match (2 != 3)");
  EXPECT_THROW(nd::einsum("..i", a), nd::value_error);
  EXPECT_THROW(nd::einsum("...i->", a), nd::value_error);
  EXPECT_THROW(nd::einsum("ij,ij->", a, b), nd::shape_error);
}

}  // namespace
