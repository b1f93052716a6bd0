// nd::asarray copies containers; nd::from_data views the caller's memory: it shares
// that memory (writes go through, nd::shares_memory sees overlaps), allocates and
// counts nothing, and is read-only from a const pointer.
#include <array>
#include <cstdint>
#include <span>
#include <type_traits>
#include <vector>

#include "test_support.hpp"

namespace {

TEST(FromMemory, AsarrayCopiesContainers) {
  std::vector<double> v{1, 2, 3, 4, 5, 6};
  nd::array<double> a = nd::asarray(v, {2, 3});
  v[0] = 100;
  EXPECT_EQ(std::as_const(a)(0, 0), 1.0);
  EXPECT_EQ(a.shape(1), 3);
  std::array<std::int32_t, 3> s{7, 8, 9};
  auto b = nd::asarray(s);
  static_assert(std::is_same_v<decltype(b), nd::array<std::int32_t>>);
  EXPECT_EQ(b.to_vector(), (std::vector<std::int32_t>{7, 8, 9}));
  const float raw[] = {1.5f, 2.5f};
  auto c = nd::asarray(std::span<const float>(raw));
  static_assert(std::is_same_v<decltype(c), nd::array<float>>);
  EXPECT_EQ(nd::asarray(v, {3, -1}).shape(1), 2);
  EXPECT_THROW(nd::asarray(v, {4}), nd::shape_error);
  EXPECT_TRUE(c.writeable());
}

TEST(FromMemory, FromDataIsAWriteableViewOfTheCallersMemory) {
  std::vector<double> mem{0, 1, 2, 3, 4, 5};
  nd::reset_memory_stats();
  const nd::memory_statistics before = nd::memory_stats();
  nd::array<double> a = nd::from_data(mem.data(), {2, 3});
  nd::array<double> row = a(1, nd::all);
  EXPECT_EQ(nd::memory_stats().buffer_allocations, 0);
  EXPECT_EQ(nd::memory_stats().live_bytes, before.live_bytes);
  a(0, 2) = 42.0;
  EXPECT_EQ(mem[2], 42.0);
  row *= 2.0;
  EXPECT_EQ(mem[5], 10.0);
  EXPECT_TRUE(nd::shares_memory(a, row));
  // A second view of the same memory, and one of a disjoint part.
  nd::array<double> again = nd::from_data(mem.data() + 3, {3});
  nd::array<double> first = nd::from_data(mem.data(), {3});
  EXPECT_TRUE(nd::shares_memory(again, row));
  EXPECT_FALSE(nd::shares_memory(again, first));
  nd::array<double> owned = nd::zeros<double>({3});
  EXPECT_FALSE(nd::shares_memory(owned, first));
  // The memory of an nd array, viewed through from_data, overlaps its owner.
  nd::array<double> alias = nd::from_data(owned.data(), {3});
  EXPECT_TRUE(nd::shares_memory(alias, owned));
}

TEST(FromMemory, StridesMayBeNegativeOrZero) {
  std::vector<std::int64_t> mem{0, 1, 2, 3, 4, 5};
  nd::array<std::int64_t> rev = nd::from_data(mem.data() + 5, {3}, {-2});
  EXPECT_EQ(rev.to_vector(), (std::vector<std::int64_t>{5, 3, 1}));
  nd::array<std::int64_t> rep = nd::from_data(mem.data(), {2, 3}, {0, 1});
  EXPECT_EQ(rep.to_vector(), (std::vector<std::int64_t>{0, 1, 2, 0, 1, 2}));
  EXPECT_THROW(nd::from_data(mem.data(), {2, 3}, {1}), nd::value_error);
  EXPECT_THROW(nd::from_data(mem.data(), {-1}), nd::value_error);
  EXPECT_THROW(nd::from_data(static_cast<std::int64_t*>(nullptr), {2}), nd::value_error);
  EXPECT_EQ(nd::from_data(static_cast<std::int64_t*>(nullptr), {0, 4}).size(), 0);
}

TEST(FromMemory, FromConstDataIsReadOnly) {
  const std::vector<double> mem{1, 2, 3};
  nd::array<double> a = nd::from_data(mem.data(), {3});
  EXPECT_FALSE(a.writeable());
  EXPECT_THROW(a(0) = 5.0, nd::value_error);
  EXPECT_THROW(a.fill(0.0), nd::value_error);
  EXPECT_THROW(a += 1.0, nd::value_error);
  EXPECT_FALSE(a(nd::slice(0, 2)).writeable());
  EXPECT_EQ(mem[0], 1.0);
  nd::array<double> c = a.copy();  // a copy owns new, writeable memory
  c(0) = 5.0;
  EXPECT_EQ(std::as_const(a)(0), 1.0);
  EXPECT_EQ(nd::sum(a), 6.0);
}

}  // namespace

namespace {

// A temporary from_data array is the only handle of its buffer, but the memory is the
// caller's: an operator must not compute into it (nd's temporary elision).
TEST(FromMemory, OperatorsNeverComputeIntoTheCallersMemory) {
  std::vector<double> mem{1, 2, 3};
  nd::array<double> r = nd::from_data(mem.data(), {3}) + 1.0;
  EXPECT_EQ(r.to_vector(), (std::vector<double>{2, 3, 4}));
  EXPECT_EQ(mem, (std::vector<double>{1, 2, 3}));
  nd::array<double> s = 2.0 * nd::from_data(mem.data(), {3}) - nd::from_data(mem.data(), {3});
  EXPECT_EQ(s.to_vector(), (std::vector<double>{1, 2, 3}));
  EXPECT_EQ(mem, (std::vector<double>{1, 2, 3}));
}

}  // namespace
