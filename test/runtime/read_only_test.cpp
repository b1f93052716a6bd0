// Every write path honours a read-only view (nd::broadcast_to's): element access for
// writing, data() for writing, fill, compound assignment, copyto, put/putmask and
// every `out` parameter throw value_error and leave the base untouched. Reading a
// read-only view stays possible through a const handle.
#include <gtest/gtest.h>

#include <cstdint>
#include <utility>

#include <nd/nd.hpp>

namespace {

class ReadOnly : public ::testing::Test {
 protected:
  nd::array<double> base{1.0, 2.0};
  nd::array<double> view = nd::broadcast_to(base, {3, 2});

  void expect_base_untouched() {
    EXPECT_EQ(std::as_const(base)(0), 1.0);
    EXPECT_EQ(std::as_const(base)(1), 2.0);
  }
};

TEST_F(ReadOnly, ElementWriteThrowsAndLeavesTheBase) {
  ASSERT_FALSE(view.writeable());
  EXPECT_THROW(view(0, 0) = 99.0, nd::value_error);
  EXPECT_THROW(view(2, 1) += 1.0, nd::value_error);
  expect_base_untouched();
}

TEST_F(ReadOnly, ViewsOfTheViewAreReadOnlyToo) {
  nd::array<double> row = view(1, nd::all);
  EXPECT_FALSE(row.writeable());
  EXPECT_THROW(row(0) = 5.0, nd::value_error);
  nd::array<double> t = view.T();
  EXPECT_THROW(t(0, 0) = 5.0, nd::value_error);
  nd::array<double> r = view.reshape({6});  // a copy: broadcast views are not contiguous
  r(0) = 5.0;
  expect_base_untouched();
}

TEST_F(ReadOnly, DataForWritingThrowsConstDataReads) {
  EXPECT_THROW(view.data(), nd::value_error);
  EXPECT_EQ(std::as_const(view).data()[1], 2.0);
  EXPECT_EQ(std::as_const(view)(2, 1), 2.0);
}

TEST_F(ReadOnly, FillCompoundAssignmentAndCopytoThrow) {
  EXPECT_THROW(view.fill(0.0), nd::value_error);
  EXPECT_THROW(view += 1.0, nd::value_error);
  EXPECT_THROW(view *= view, nd::value_error);
  EXPECT_THROW(nd::copyto(view, 3.0), nd::value_error);
  EXPECT_THROW(nd::copyto(view, nd::zeros<double>({3, 2})), nd::value_error);
  expect_base_untouched();
}

TEST_F(ReadOnly, OutParametersThrow) {
  nd::array<double> ones = nd::ones<double>({3, 2});
  EXPECT_THROW(nd::add(ones, 1.0, view), nd::value_error);
  EXPECT_THROW(nd::negative(ones, view), nd::value_error);
  EXPECT_THROW(nd::where(ones > 0.0, ones, 0.0, view), nd::value_error);
  EXPECT_THROW(nd::clip(ones, 0.0, 1.0, view), nd::value_error);
  nd::array<double> reduced = nd::broadcast_to(base, {2});
  EXPECT_THROW(nd::sum(nd::ones<double>({3, 2}), 0, reduced), nd::value_error);
  EXPECT_THROW(nd::mean(nd::ones<double>({3, 2}), 0, reduced), nd::value_error);
  EXPECT_THROW(nd::var(nd::ones<double>({3, 2}), 0, reduced), nd::value_error);
  nd::array<std::int64_t> index_base{0, 0};
  nd::array<std::int64_t> index_view = nd::broadcast_to(index_base, {2});
  EXPECT_THROW(nd::argmax(nd::ones<double>({3, 2}), 0, index_view), nd::value_error);
  expect_base_untouched();
}

TEST_F(ReadOnly, PutAndPutmaskThrow) {
  EXPECT_THROW(nd::put(view, nd::array<std::int64_t>{0}, 5.0), nd::value_error);
  EXPECT_THROW(nd::putmask(view, nd::ones<bool>({3, 2}), 5.0), nd::value_error);
  expect_base_untouched();
}

TEST_F(ReadOnly, ReadingOperationsWorkOnReadOnlyInputs) {
  // Inputs are read through const paths: none of these may trip the read-only check.
  EXPECT_EQ(nd::sum(view), 9.0);
  EXPECT_EQ(nd::sum(view + 1.0), 15.0);
  EXPECT_EQ(nd::max(view, 0)(1), 2.0);
  EXPECT_EQ(view.copy()(2, 1), 2.0);
  EXPECT_EQ(view(nd::array<std::int64_t>{2}, nd::all)(0, 1), 2.0);
  EXPECT_EQ(nd::matmul(view, nd::ones<double>({2, 1}))(0, 0), 3.0);
  EXPECT_EQ(nd::concatenate({view, view}, 0).shape(0), 6);
  EXPECT_EQ(view.astype<float>()(1, 0), 1.0f);
  // A read-only index array: nd::ix_ shares an int64 index and reads it (found by the
  // differential tests: it asked for the index's data() through a non-const handle).
  const nd::array<std::int64_t> rows = nd::broadcast_to(nd::array<std::int64_t>{2}, {2});
  const nd::array<double> picked = view(nd::ix_(rows, nd::array<std::int64_t>{1, 0}));
  EXPECT_EQ(nd::shape_t(picked.shape()), (nd::shape_t{2, 2}));
  EXPECT_EQ(picked(1, 0), 2.0);
}

}  // namespace
