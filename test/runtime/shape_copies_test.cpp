// The copying shape operations (nd/shape_copies.hpp, nd/pad.hpp, nd/matrix.hpp):
// results own new buffers, types are NumPy's, bad arguments throw NumPy's error
// classes. Values are checked against NumPy in the differential suite.
#include <cstdint>
#include <type_traits>
#include <utility>

#include "test_support.hpp"

namespace {

using nd_test::expect_message;
using nd_test::iota;

TEST(ShapeCopies, RollTileRepeatCopy) {
  nd::array<double> a = iota({2, 3});
  nd::array<double> r = nd::roll(a, -1, 1);
  EXPECT_FALSE(nd::shares_memory(r, a));
  EXPECT_EQ(r.to_vector(), (std::vector<double>{1, 2, 0, 4, 5, 3}));
  EXPECT_EQ(nd::roll(a, 7).to_vector(), (std::vector<double>{5, 0, 1, 2, 3, 4}));
  nd::array<double> t = nd::tile(a, {2, 1, 1});
  EXPECT_EQ(t.ndim(), 3);
  EXPECT_EQ(t.size(), 12);
  EXPECT_FALSE(nd::shares_memory(nd::tile(a, 1), a));
  EXPECT_THROW(nd::tile(a, -1), nd::value_error);
  EXPECT_EQ(nd::repeat(iota({3}), 2).to_vector(), (std::vector<double>{0, 0, 1, 1, 2, 2}));
  EXPECT_EQ(nd::repeat(iota({3}), nd::array<std::int64_t>{0, 1, 2}, 0).to_vector(), (std::vector<double>{1, 2, 2}));
  expect_message<nd::shape_error>([&] { nd::repeat(iota({3}), nd::array<std::int32_t>{1, 2}, 0); },
                                  "operands could not be broadcast together with shape (3,) (2,)");
  EXPECT_THROW(nd::repeat(iota({3}), -1), nd::value_error);
}

TEST(ShapeCopies, PadModesAndErrors) {
  nd::array<std::int32_t> a{1, 2, 3};
  EXPECT_EQ(nd::pad(a, 2).to_vector(), (std::vector<std::int32_t>{0, 0, 1, 2, 3, 0, 0}));
  EXPECT_EQ(nd::pad(a, {1, 2}, "constant", 9).to_vector(), (std::vector<std::int32_t>{9, 1, 2, 3, 9, 9}));
  EXPECT_EQ(nd::pad(a, 2, "edge").to_vector(), (std::vector<std::int32_t>{1, 1, 1, 2, 3, 3, 3}));
  EXPECT_EQ(nd::pad(a, 2, "reflect").to_vector(), (std::vector<std::int32_t>{3, 2, 1, 2, 3, 2, 1}));
  EXPECT_EQ(nd::pad(a, 2, "symmetric").to_vector(), (std::vector<std::int32_t>{2, 1, 1, 2, 3, 3, 2}));
  EXPECT_EQ(nd::pad(a, 2, "wrap").to_vector(), (std::vector<std::int32_t>{2, 3, 1, 2, 3, 1, 2}));
  expect_message<nd::value_error>([&] { nd::pad(a, 1, "mean"); }, "mode 'mean' is not supported");
  EXPECT_THROW(nd::pad(a, -1), nd::value_error);
  EXPECT_THROW(nd::pad(nd::empty<std::int32_t>({0}), 1, "edge"), nd::value_error);
  nd::array<double> m = nd::pad(iota({2, 2}), {{1, 0}, {0, 2}}, "edge");
  EXPECT_EQ(m.to_vector(), (std::vector<double>{0, 1, 1, 1, 0, 1, 1, 1, 2, 3, 3, 3}));
  // Pads wider than the axis, as NumPy 1.24 fills them (its wrap is not periodic).
  nd::array<std::int32_t> two{1, 2};
  EXPECT_EQ(nd::pad(two, {1, 3}, "wrap").to_vector(), (std::vector<std::int32_t>{2, 1, 2, 1, 2, 2}));
  EXPECT_EQ(nd::pad(a, {5, 4}, "reflect").to_vector(),
            (std::vector<std::int32_t>{2, 1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3}));
  EXPECT_EQ(nd::pad(two, {3, 4}, "symmetric").to_vector(), (std::vector<std::int32_t>{2, 2, 1, 1, 2, 2, 1, 1, 2}));
  EXPECT_THROW(nd::pad(iota({2, 2}), {{1, 0}, {0, 2}, {1, 1}}), nd::shape_error);
}

TEST(ShapeCopies, StacksAndMeshgrid) {
  nd::array<double> x = iota({3}), y = iota({2});
  EXPECT_EQ(nd::hstack({x, y}).size(), 5);
  EXPECT_EQ(nd::vstack({x, x}).shape(0), 2);
  nd::array<double> c = nd::column_stack(std::vector<nd::array<double>>{x, x});
  EXPECT_EQ(c.shape(0), 3);
  EXPECT_EQ(c.shape(1), 2);
  EXPECT_THROW(nd::vstack({x, y}), nd::value_error);
  std::vector<nd::array<double>> g = nd::meshgrid(x, y);
  ASSERT_EQ(g.size(), 2u);
  EXPECT_EQ(g[0].shape(0), 2);
  EXPECT_EQ(g[0].shape(1), 3);
  EXPECT_FALSE(nd::shares_memory(g[0], x));
  std::vector<nd::array<double>> ij = nd::meshgrid(x, y, "ij");
  EXPECT_EQ(ij[1].shape(0), 3);
  EXPECT_EQ(ij[1].to_vector(), (std::vector<double>{0, 1, 0, 1, 0, 1}));
  expect_message<nd::value_error>([&] { nd::meshgrid({x, y}, "xz"); },
                                  "Valid values for `indexing` are 'xy' and 'ij'.");
}

TEST(Matrix, EyeDiagTraceTriangles) {
  nd::array<float> e = nd::eye<float>(2, 3, 1);
  EXPECT_EQ(e.to_vector(), (std::vector<float>{0, 1, 0, 0, 0, 1}));
  static_assert(std::is_same_v<decltype(nd::identity<std::int32_t>(2)), nd::array<std::int32_t>>);
  EXPECT_EQ(nd::identity(2).to_vector(), (std::vector<double>{1, 0, 0, 1}));
  EXPECT_THROW(nd::eye(-1), nd::value_error);
  nd::array<double> d = nd::diag(nd::array<double>{1, 2}, -1);
  EXPECT_EQ(d.to_vector(), (std::vector<double>{0, 0, 0, 1, 0, 0, 0, 2, 0}));
  nd::array<double> m = iota({3, 3});
  EXPECT_TRUE(nd::shares_memory(nd::diag(m), m));
  EXPECT_FALSE(nd::diag(m).writeable());
  EXPECT_THROW(nd::diag(iota({2, 2, 2})), nd::value_error);
  EXPECT_EQ(nd::trace(m), 12.0);
  static_assert(std::is_same_v<decltype(nd::trace(nd::array<std::int32_t>{{1, 2}, {3, 4}})), std::int64_t>);
  EXPECT_EQ(nd::trace(iota({2, 2, 2}), 0, 1, 2).to_vector(), (std::vector<double>{3, 11}));
  EXPECT_THROW(nd::trace(iota({2, 2, 2})), nd::value_error);
  EXPECT_EQ(nd::tril(m, -1).to_vector(), (std::vector<double>{0, 0, 0, 3, 0, 0, 6, 7, 0}));
  EXPECT_EQ(nd::triu(m, 1).to_vector(), (std::vector<double>{0, 1, 2, 0, 0, 5, 0, 0, 0}));
  EXPECT_FALSE(nd::shares_memory(nd::triu(m), m));
}

TEST(Matrix, OuterInnerVdotPromote) {
  nd::array<std::int32_t> i{1, 2};
  nd::array<float> f{0.5f, 1.0f, 2.0f};
  auto o = nd::outer(i, f);
  static_assert(std::is_same_v<decltype(o), nd::array<double>>);
  EXPECT_EQ(o.shape(0), 2);
  EXPECT_EQ(o.shape(1), 3);
  auto in = nd::inner(iota({2, 3}), iota({4, 3}));
  EXPECT_EQ(in.shape(0), 2);
  EXPECT_EQ(in.shape(1), 4);
  EXPECT_EQ(std::as_const(in)(1, 2), 3.0 * 6 + 4.0 * 7 + 5.0 * 8);
  expect_message<nd::value_error>([&] { nd::inner(iota({2, 3}), iota({2})); },
                                  "shapes (2,3) and (2,) not aligned: 3 (dim 1) != 2 (dim 0)");
  EXPECT_EQ(nd::vdot(iota({2, 2}), iota({4})), 14.0);
}

}  // namespace
