// A moved-from handle is an empty array of shape (0,) that owns nothing: every
// operation on it is safe (issue: it kept its data pointer and shape, and `a += 1`
// after the new owner died wrote into freed memory; ASan catches a regression).
#include <gtest/gtest.h>

#include <sstream>
#include <utility>

#include <nd/nd.hpp>

namespace {

void expect_empty_handle(const nd::array<double>& a) {
  EXPECT_EQ(a.ndim(), 1);
  EXPECT_EQ(a.shape(0), 0);
  EXPECT_EQ(a.size(), 0);
  EXPECT_TRUE(a.writeable());
  EXPECT_TRUE(a.is_contiguous());
}

TEST(MovedFrom, MoveConstructionLeavesAnEmptyArray) {
  nd::array<double> a = nd::ones<double>({4, 5});
  {
    nd::array<double> owner = std::move(a);
    EXPECT_EQ(owner.size(), 20);
  }  // the buffer dies with its only owner
  expect_empty_handle(a);
  a += 1.0;  // used to write 20 doubles into freed memory
  a *= a;
  a.fill(2.0);
  EXPECT_EQ(nd::sum(a), 0.0);
  EXPECT_EQ(a.copy().size(), 0);
  EXPECT_EQ((a + 1.0).size(), 0);
  EXPECT_THROW(a(0), nd::index_error);
}

TEST(MovedFrom, MoveAssignmentLeavesAnEmptyArray) {
  nd::array<double> a = nd::ones<double>({3});
  nd::array<double> b = nd::zeros<double>({7});
  b = std::move(a);
  EXPECT_EQ(b.size(), 3);
  expect_empty_handle(a);
  nd::array<double> c = nd::ones<double>({2});
  c = std::move(c);  // self-move keeps the array
  EXPECT_EQ(c.size(), 2);
  EXPECT_EQ(c(1), 1.0);
}

TEST(MovedFrom, AMovedFromReadOnlyViewBecomesWriteable) {
  nd::array<double> base{1.0, 2.0};
  nd::array<double> view = nd::broadcast_to(base, {2, 2});
  nd::array<double> other = std::move(view);
  EXPECT_FALSE(other.writeable());
  expect_empty_handle(view);
  view.fill(1.0);  // nothing to write, and nothing shared with base
  EXPECT_EQ(std::as_const(base)(0), 1.0);
}

TEST(MovedFrom, EveryOperationOnAMovedFromArrayIsSafe) {
  nd::array<double> a = nd::ones<double>({2, 3});
  nd::array<double> keep = std::move(a);
  EXPECT_EQ(a.reshape({0, 5}).size(), 0);
  EXPECT_EQ(a.ravel().size(), 0);
  EXPECT_EQ(a.T().size(), 0);
  EXPECT_EQ(a.astype<float>().size(), 0);
  EXPECT_EQ(nd::concatenate({a, a}).size(), 0);
  EXPECT_FALSE(nd::shares_memory(a, keep));
  EXPECT_EQ(nd::mean(keep), 1.0);
  EXPECT_THROW(nd::max(a), nd::value_error);
  std::ostringstream printed;
  printed << a;
  EXPECT_EQ(printed.str(), "array([], dtype=float64)");
  nd::copyto(a, 5.0);
  nd::add(a, 1.0, a);
  a = keep;  // a moved-from handle can be rebound
  EXPECT_EQ(a.size(), 6);
}

TEST(MovedFrom, TemporaryElisionLeavesNoDanglingHandle) {
  // `std::move(t) + b` computes into t's buffer and moves it out: t is empty afterwards.
  nd::array<double> b = nd::ones<double>({4});
  nd::array<double> t = b * 2.0;
  nd::array<double> r = std::move(t) + b;
  EXPECT_EQ(r(3), 3.0);
  expect_empty_handle(t);
  t += 1.0;
  EXPECT_EQ(r(3), 3.0);
}

}  // namespace
