// Assignment through indexing, NumPy's a[...] = v: basic views, boolean masks, integer
// index arrays, the compound forms, nd::add_at and friends, and the forms that must not
// compile. The NumPy differential suite (op setitem) checks the same against NumPy on
// random layouts; these tests pin the rules one at a time.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <utility>
#include <vector>

#include <nd/nd.hpp>

#include "test_support.hpp"

namespace {

using nd::index_t;
using D = nd::array<double>;
using I64 = nd::array<std::int64_t>;
using B = nd::array<bool>;

std::vector<double> values(const D& a) { return a.to_vector(); }

// ---- compile-time contract: what compiles has NumPy's meaning; the rest does not ----
template <class A, class V>
concept view_assignable = requires(A& a, const V& v) { a(nd::slice(0, 2)) = v; };
template <class A, class V>
concept mask_assignable = requires(A& a, const B& m, const V& v) { a(m) = v; };
template <class A, class V>
concept index_assignable = requires(A& a, const I64& i, const V& v) { a(i) = v; };
template <class A, class V>
concept mask_compound_assignable = requires(A& a, const B& m, const V& v) { a(m) += v; };
template <class A, class V>
concept named_assignable = requires(A& a, const V& v) { a = v; };

// Through a non-const array: every form compiles.
static_assert(view_assignable<D, D> && view_assignable<D, double> && view_assignable<D, int>);
static_assert(view_assignable<D, nd::array<float>> && view_assignable<D, nd::array<std::int32_t>>);
static_assert(mask_assignable<D, D> && mask_assignable<D, double>);
static_assert(index_assignable<D, D> && index_assignable<D, double>);
static_assert(mask_compound_assignable<D, double> && mask_compound_assignable<D, D>);
// Through a const array (read-only data): none does, since nothing may be written.
static_assert(!view_assignable<const D, D> && !view_assignable<const D, double>);
static_assert(!mask_assignable<const D, D> && !mask_assignable<const D, double>);
static_assert(!index_assignable<const D, double>);
static_assert(!mask_compound_assignable<const D, double>);
// A named array rebinds to another array; Python's `b = 0.0` (rebinding a name to a
// float) has no C++ meaning for an nd::array, so it does not compile.
static_assert(named_assignable<D, D>);
static_assert(!named_assignable<D, double> && !named_assignable<D, int>);
// Values that are neither arrays nor arithmetic scalars do not compile either.
static_assert(!view_assignable<D, std::vector<double>>);
static_assert(!view_assignable<D, const char*>);

// ---- basic indexing: writes into the viewed elements ---------------------------------
TEST(SetitemBasic, SliceTakesAnArrayOfItsShape) {
  D a = nd::zeros<double>({4, 3});
  const D b{{1, 2, 3}, {4, 5, 6}};
  a(nd::slice(0, 2), nd::all) = b;
  EXPECT_EQ(values(a), (std::vector<double>{1, 2, 3, 4, 5, 6, 0, 0, 0, 0, 0, 0}));
}

TEST(SetitemBasic, RowBroadcastsAndScalarFills) {
  D a = nd::zeros<double>({3, 3});
  a(nd::slice(1, 3), nd::all) = D{7, 8, 9};
  a(nd::all, 0) = -1.0;
  EXPECT_EQ(values(a), (std::vector<double>{-1, 0, 0, -1, 8, 9, -1, 8, 9}));
}

TEST(SetitemBasic, EllipsisFillsEverything) {
  D a = nd::ones<double>({2, 2});
  a(nd::ellipsis) = 0.0;
  EXPECT_EQ(values(a), (std::vector<double>(4, 0.0)));
}

TEST(SetitemBasic, NegativeStepWritesInReverse) {
  D a = nd::zeros<double>({4});
  a(nd::slice(nd::none, nd::none, -1)) = D{1, 2, 3, 4};
  EXPECT_EQ(values(a), (std::vector<double>{4, 3, 2, 1}));
}

TEST(SetitemBasic, OverlappingSourceIsReadFirst) {
  // NumPy: a[1:] = a[:-1] shifts by one, as if the right side were copied first.
  D a{1, 2, 3, 4, 5};
  a(nd::slice(1, nd::none)) = a(nd::slice(nd::none, -1));
  EXPECT_EQ(values(a), (std::vector<double>{1, 1, 2, 3, 4}));
}

TEST(SetitemBasic, CastsAsNumpySetitemDoes) {
  nd::array<std::int64_t> a = nd::zeros<std::int64_t>({3});
  a(nd::slice(0, 2)) = D{2.7, -2.7};  // unsafe cast: truncation, as NumPy's setitem
  a(nd::slice(2, 3)) = 5.9;
  EXPECT_EQ(a.to_vector(), (std::vector<std::int64_t>{2, -2, 5}));
  EXPECT_THROW(a(nd::slice(0, 1)) = std::nan(""), nd::value_error);
  EXPECT_THROW(a(nd::slice(0, 1)) = std::numeric_limits<double>::infinity(), nd::value_error);
  nd::array<std::int32_t> small = nd::zeros<std::int32_t>({2});
  EXPECT_THROW(small(nd::all) = std::int64_t{1} << 40, nd::value_error);
  EXPECT_EQ(a.to_vector(), (std::vector<std::int64_t>{2, -2, 5}));  // a refused value writes nothing
}

TEST(SetitemBasic, ShapeMismatchThrowsAndWritesNothing) {
  D a = nd::zeros<double>({3, 4});
  EXPECT_THROW(a(nd::slice(0, 2), nd::all) = nd::ones<double>({3, 4}), nd::shape_error);
  EXPECT_EQ(values(a), std::vector<double>(12, 0.0));
}

TEST(SetitemBasic, ReadOnlyViewRefuses) {
  const D base{1, 2, 3};
  D b = nd::broadcast_to(base, {2, 3});
  EXPECT_THROW(b(nd::all, 0) = 5.0, nd::value_error);
  EXPECT_EQ(values(base), (std::vector<double>{1, 2, 3}));
}

TEST(SetitemBasic, CompoundUpdatesTheView) {
  D a{1, 2, 3, 4};
  a(nd::slice(1, nd::none)) *= 2.0;
  a(nd::slice(0, 2)) += D{10, 20};
  EXPECT_EQ(values(a), (std::vector<double>{11, 24, 6, 8}));
}

// ---- handles: a named array rebinds, a view stays a view, a gather a copy -----------
TEST(SetitemHandles, NamedAssignmentRebindsAndWritesNothing) {
  D a{1, 2, 3};
  D b{9, 9, 9};
  const D keep = b;
  b = a;
  EXPECT_TRUE(nd::shares_memory(a, b));
  EXPECT_EQ(values(keep), (std::vector<double>{9, 9, 9}));
}

TEST(SetitemHandles, NamedViewAndNamedCopy) {
  D a{1, 2, 3, 4};
  auto v = a(nd::slice(0, 2));
  v(0) = 100.0;
  EXPECT_EQ(a(0), 100.0);
  const B mask{true, false, true, false};
  auto c = a(mask);
  c(0) = -5.0;  // an independent copy
  EXPECT_EQ(a(0), 100.0);
  c = D{7, 7};  // rebinds c; a is untouched
  EXPECT_EQ(values(a), (std::vector<double>{100, 2, 3, 4}));
}

TEST(SetitemHandles, CopyOfAGatherDoesNotKeepTheSourceAlive) {
  const std::int64_t before = nd::memory_stats().live_bytes;
  D c;
  {
    D a = nd::zeros<double>({1000});
    c = a(I64{1, 2});
  }
  // Only c's two elements remain (and the empty array c replaced, at most): the
  // 1000-element source and the index array were freed.
  EXPECT_LE(nd::memory_stats().live_bytes - before, static_cast<std::int64_t>(2 * sizeof(double)));
}

// ---- boolean masks ------------------------------------------------------------------
TEST(SetitemMask, ScalarOneValuePerTrueElementAndBroadcast) {
  D a{1, -2, 3, -4};
  a(a < 0.0) = 0.0;
  EXPECT_EQ(values(a), (std::vector<double>{1, 0, 3, 0}));
  a(a > 2.0) = D{30};
  EXPECT_EQ(values(a), (std::vector<double>{1, 0, 30, 0}));
  a(a == 0.0) = D{-1, -2};
  EXPECT_EQ(values(a), (std::vector<double>{1, -1, 30, -2}));
}

TEST(SetitemMask, MaskOverLeadingAxesSelectsRows) {
  D a = nd::zeros<double>({3, 2});
  a(B{true, false, true}) = D{5, 6};  // broadcast to the (2, 2) selection
  EXPECT_EQ(values(a), (std::vector<double>{5, 6, 0, 0, 5, 6}));
}

TEST(SetitemMask, WrongCountThrowsValueErrorAndWritesNothing) {
  D a = nd::zeros<double>({4});
  const B m{true, true, false, false};
  EXPECT_THROW((a(m) = D{1, 2, 3}), nd::value_error);
  EXPECT_EQ(values(a), std::vector<double>(4, 0.0));
}

TEST(SetitemMask, StridedSourceAndMask) {
  D base = nd::zeros<double>({8});
  D a = base(nd::slice(nd::none, nd::none, 2));  // 4 elements, stride 2
  const B bits{true, true, false, true, true, false, true, false};
  a(bits(nd::slice(nd::none, nd::none, 2))) = 1.0;  // the mask is a strided view too
  EXPECT_EQ(values(base), (std::vector<double>{1, 0, 0, 0, 1, 0, 1, 0}));
}

TEST(SetitemMask, CompoundAddsOnce) {
  D a{1, 2, 3, 4};
  a(a > 2.0) += 100.0;
  a(a < 2.0) *= 2.0;
  EXPECT_EQ(values(a), (std::vector<double>{2, 2, 103, 104}));
}

TEST(SetitemMask, ThroughAViewWritesTheBase) {
  D a = nd::zeros<double>({2, 3});
  a(1, nd::all)(B{true, false, true}) = 9.0;
  EXPECT_EQ(values(a), (std::vector<double>{0, 0, 0, 9, 0, 9}));
}

// ---- integer index arrays: scatter ----------------------------------------------------
TEST(SetitemIndex, ScatterAndLastWriteWins) {
  D a = nd::zeros<double>({5});
  a(I64{0, 0, 1}) = D{7, 8, 9};
  EXPECT_EQ(values(a), (std::vector<double>{8, 9, 0, 0, 0}));
  a(I64{-1}) = 4.0;
  EXPECT_EQ(a(4), 4.0);
}

TEST(SetitemIndex, RowsAndColumnsPairwise) {
  D a = nd::zeros<double>({3, 3});
  a(I64{0, 1, 2}, I64{2, 1, 0}) = D{1, 2, 3};
  EXPECT_EQ(values(a), (std::vector<double>{0, 0, 1, 0, 2, 0, 3, 0, 0}));
}

TEST(SetitemIndex, OuterSelectionWithIx) {
  D a = nd::zeros<double>({3, 4});
  a(nd::ix_(I64{0, 2}, I64{1, 3})) = D{{1, 2}, {3, 4}};
  EXPECT_EQ(values(a), (std::vector<double>{0, 1, 0, 2, 0, 0, 0, 0, 0, 3, 0, 4}));
}

TEST(SetitemIndex, MixedWithSlices) {
  D a = nd::zeros<double>({3, 4});
  a(I64{2, 0}, nd::slice(1, 3)) = D{{1, 2}, {3, 4}};
  EXPECT_EQ(values(a), (std::vector<double>{0, 3, 4, 0, 0, 0, 0, 0, 0, 1, 2, 0}));
}

TEST(SetitemIndex, CompoundIsBufferedAddAtIsNot) {
  D a = nd::zeros<double>({3});
  a(I64{0, 0, 1}) += 1.0;  // NumPy: a[[0, 0, 1]] += 1 adds once to a[0]
  EXPECT_EQ(values(a), (std::vector<double>{1, 1, 0}));
  nd::add_at(a, I64{0, 0, 1}, 1.0);  // np.add.at adds for every occurrence
  EXPECT_EQ(values(a), (std::vector<double>{3, 2, 0}));
  nd::subtract_at(a, I64{2, 2}, D{1, 2});
  nd::multiply_at(a, I64{0, 0}, 2.0);
  nd::maximum_at(a, I64{1, 1}, D{5, 1});
  nd::minimum_at(a, I64{2}, -10.0);
  EXPECT_EQ(values(a), (std::vector<double>{12, 5, -10}));
}

TEST(SetitemIndex, AddAtPropagatesNaNInMinimum) {
  D a{1, 2};
  nd::minimum_at(a, I64{0}, std::nan(""));
  EXPECT_TRUE(std::isnan(a(0)));
  nd::array<std::int32_t> w{std::numeric_limits<std::int32_t>::max(), 0};
  nd::add_at(w, nd::array<std::int32_t>{0}, 1);  // wraps, as NumPy's int32 does
  EXPECT_EQ(w(0), std::numeric_limits<std::int32_t>::min());
}

TEST(SetitemIndex, AddAtCastsBackAsNumPyDoes) {
  // np.add.at computes in the promoted type and casts back unsafely: 1 + (-0.6) is 0.
  nd::array<std::int64_t> a{1, 1};
  nd::add_at(a, I64{0}, D{-0.6});
  EXPECT_EQ(a.to_vector(), (std::vector<std::int64_t>{0, 1}));
  nd::array<bool> flags{false, false};
  nd::add_at(flags, I64{1}, nd::array<std::int32_t>{5});  // bool + int32 is int32 5: true
  EXPECT_EQ(flags.to_vector(), (std::vector<bool>{false, true}));
  EXPECT_THROW(nd::add_at(a, I64{0, 1}, D{1, 2, 3}), nd::value_error);  // NumPy: not broadcastable
}

TEST(SetitemIndex, ZeroDIndexArraysAreNumPysScalarCase) {
  // Every index a 0-d integer array: NumPy's a[i] is a scalar, and a[i] += 1.5 stores
  // int(a[i] + 1.5) back instead of refusing the in-place cast.
  nd::array<std::int64_t> a{1, 5};
  const I64 i = nd::full<std::int64_t>(nd::shape_t{}, 1);
  a(i) += 1.5;
  EXPECT_EQ(a.to_vector(), (std::vector<std::int64_t>{1, 6}));
  // With a 1-d index the copy is updated in place, so the cast is refused.
  EXPECT_THROW(a(I64{1}) += 1.5, nd::type_error);
  EXPECT_EQ(a.to_vector(), (std::vector<std::int64_t>{1, 6}));
  // An ellipsis makes NumPy's a[..., i] a 0-d array, not a scalar: updated in place, so
  // the cast is refused there too (seed 4242 of the differential suite, case 543).
  EXPECT_THROW(a(nd::ellipsis, i) *= -4.0, nd::type_error);
  EXPECT_THROW(a(i, nd::ellipsis) += 1.5, nd::type_error);
  EXPECT_EQ(a.to_vector(), (std::vector<std::int64_t>{1, 6}));
  a(nd::ellipsis, i) *= nd::full<std::int64_t>(nd::shape_t{}, -4);  // same_kind: written back
  EXPECT_EQ(a.to_vector(), (std::vector<std::int64_t>{1, -24}));
  nd::array<std::int64_t> m{{1, 2}, {3, 4}};
  m(i, i) *= 2.5;  // every axis a 0-d index, no ellipsis: the scalar case
  EXPECT_EQ(m(1, 1), 10);
}

TEST(SetitemIndex, OutOfRangeThrowsAndWritesNothing) {
  D a = nd::zeros<double>({3});
  EXPECT_THROW(a(I64{0, 3}) = 1.0, nd::index_error);
  EXPECT_THROW(nd::add_at(a, I64{0, 5}, 1.0), nd::index_error);
  EXPECT_EQ(values(a), std::vector<double>(3, 0.0));
  EXPECT_THROW((a(I64{0, 1}) = D{1, 2, 3}), nd::shape_error);
}

TEST(SetitemIndex, ReadOnlySourceRefuses) {
  const D base{1, 2, 3};
  D b = nd::broadcast_to(base, {2, 3});
  EXPECT_THROW(b(I64{0}) = 5.0, nd::value_error);
  EXPECT_THROW(b(b > 1.0) += 1.0, nd::value_error);
  EXPECT_EQ(values(base), (std::vector<double>{1, 2, 3}));
}

TEST(SetitemIndex, ValuesMayBeTheIndexedArray) {
  D a{1, 2, 3};
  a(I64{2, 1, 0}) = a;  // reads a completely before writing
  EXPECT_EQ(values(a), (std::vector<double>{3, 2, 1}));
}

TEST(SetitemIndex, MaskThatIsAViewOfTheDestinationIsReadBeforeTheWrite) {
  // NumPy: x[1:][x[:-1]] = True selects by the mask as it is before the assignment.
  nd::array<bool> x = nd::zeros<bool>({200});
  x(0) = true;
  x(nd::slice(1, nd::none))(x(nd::slice(0, -1))) = true;
  EXPECT_TRUE(x(1));
  EXPECT_FALSE(x(2));
  EXPECT_EQ(nd::sum(x), 2);
}

TEST(SetitemIndex, LeadingAxesOfLengthOneAreDroppedFromTheValue) {
  D a = nd::zeros<double>({3});
  a(nd::slice(0, 2)) = nd::ones<double>({1, 2});
  a(I64{2}) = nd::full<double>({1, 1, 1}, 7.0);
  EXPECT_EQ(values(a), (std::vector<double>{1, 1, 7}));
  // A mask over every axis takes a 0-d or 1-d value only: NumPy raises a TypeError.
  EXPECT_THROW(a(B{true, false, true}) = nd::ones<double>({1, 2}), nd::type_error);
}

TEST(SetitemBasic, FloatValuesAtTheIntegerLimits) {
  nd::array<std::int64_t> a = nd::zeros<std::int64_t>({1});
  a(nd::all) = -9223372036854775808.0;  // exactly INT64_MIN: representable
  EXPECT_EQ(a(0), std::numeric_limits<std::int64_t>::min());
  EXPECT_THROW(a(nd::all) = 9223372036854775808.0, nd::value_error);  // 2**63 is not
}

TEST(SetitemIndex, ZeroDCompoundChecksTheScalarAsSetitemDoes) {
  nd::array<std::int64_t> a{1, 2};
  const I64 i = nd::full<std::int64_t>(nd::shape_t{}, 0);
  EXPECT_THROW(a(i) += std::nan(""), nd::value_error);  // NumPy: cannot convert float NaN to integer
  EXPECT_EQ(a.to_vector(), (std::vector<std::int64_t>{1, 2}));
}

// ---- results computed from an indexing copy are results, not indexing expressions ----
TEST(SetitemCopies, AResultComputedInTheCopyWritesNothingBack) {
  D a{1, 2, 3};
  const B m{true, false, true};
  D r = a(m) * 2.0;  // computed in the copy's buffer
  std::move(r) = 0.0;
  EXPECT_EQ(values(a), (std::vector<double>{1, 2, 3}));
  nd::copyto(a(m) + 1.0, 5.0);  // a new array: allowed, and changes nothing in a
  EXPECT_EQ(values(a), (std::vector<double>{1, 2, 3}));
}

// ---- a copy used as a destination is refused, not silently written -------------------
TEST(SetitemCopies, CopyAsOutputThrows) {
  D a{1, 2, 3};
  const B m{true, false, true};
  EXPECT_THROW(nd::copyto(a(m), 0.0), nd::value_error);
  EXPECT_THROW(nd::multiply(a, 2.0, a(I64{0, 1, 2})), nd::value_error);
  EXPECT_THROW(nd::sum(nd::ones<double>({3, 3}), 0, a(I64{0, 1, 2})), nd::value_error);
  EXPECT_THROW(nd::add_at(a(m), I64{0}, 1.0), nd::value_error);
  EXPECT_THROW(nd::put(a(m), I64{0}, 1.0), nd::value_error);
  EXPECT_THROW(nd::putmask(a(m), B{true, true}, 1.0), nd::value_error);
  EXPECT_EQ(values(a), (std::vector<double>{1, 2, 3}));
  // A view as the destination is the intended form.
  nd::multiply(a, 2.0, a(nd::slice(0, 3)));
  EXPECT_EQ(values(a), (std::vector<double>{2, 4, 6}));
}

TEST(SetitemCopies, EmptySelectionWritesNothing) {
  D a{1, 2, 3};
  a(a > 10.0) = 0.0;
  a(I64(nd::shape_t{0})) = D(nd::shape_t{0});
  a(nd::slice(2, 1)) = 5.0;
  EXPECT_EQ(values(a), (std::vector<double>{1, 2, 3}));
}

}  // namespace
