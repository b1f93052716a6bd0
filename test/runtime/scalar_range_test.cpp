// NEP 50: a C++ integer scalar is a Python int. It takes the array's integer type and
// must fit it: `int32_array + 3000000000LL` throws nd::value_error naming the value and
// the type (NumPy 2 raises OverflowError) instead of wrapping silently.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

#include <nd/nd.hpp>

namespace {

void expect_out_of_bounds(auto&& f, const std::string& value, const std::string& type) {
  try {
    f();
    ADD_FAILURE() << "no error for " << value << " with " << type;
  } catch (const nd::value_error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find(value), std::string::npos) << what;
    EXPECT_NE(what.find("out of bounds for " + type), std::string::npos) << what;
  }
}

TEST(ScalarRange, AnIntegerScalarThatDoesNotFitTheArraysTypeThrows) {
  nd::array<std::int32_t> a{1, 2, 3};
  expect_out_of_bounds([&] { return a + 3000000000LL; }, "3000000000", "int32");
  expect_out_of_bounds([&] { return 3000000000LL * a; }, "3000000000", "int32");
  expect_out_of_bounds([&] { return a - (-3000000000LL); }, "-3000000000", "int32");
  expect_out_of_bounds([&] { return nd::maximum(a, std::int64_t{1} << 40); }, "1099511627776", "int32");
  expect_out_of_bounds([&] { a += 3000000000LL; }, "3000000000", "int32");
  EXPECT_EQ(a(0), 1);  // nothing was written
  nd::array<std::int64_t> b{1};
  expect_out_of_bounds([&] { return b + std::numeric_limits<std::uint64_t>::max(); }, "18446744073709551615",
                       "int64");
}

TEST(ScalarRange, TheRestOfTheScalarPathsCheckToo) {
  nd::array<std::int32_t> a{1, 2, 3};
  expect_out_of_bounds([&] { nd::copyto(a, 3000000000LL); }, "3000000000", "int32");
  expect_out_of_bounds([&] { return nd::full<std::int32_t>({2}, 3000000000LL); }, "3000000000", "int32");
  expect_out_of_bounds([&] { return nd::where(a > 1, a, 3000000000LL); }, "3000000000", "int32");
  expect_out_of_bounds([&] { return nd::clip(a, 0, 3000000000LL); }, "3000000000", "int32");
  expect_out_of_bounds([&] { nd::put(a, nd::array<std::int64_t>{0}, 3000000000LL); }, "3000000000", "int32");
  EXPECT_EQ(a(0), 1);
}

TEST(ScalarRange, ScalarsThatFitAndOtherKindsAreUnchanged) {
  nd::array<std::int32_t> a{1, 2, 3};
  EXPECT_EQ((a + 2147483646LL)(0), 2147483647);
  EXPECT_EQ((a + std::int64_t{-2147483647})(0), -2147483646);
  static_assert(std::is_same_v<decltype(a + 5LL)::value_type, std::int32_t>);
  // A floating scalar promotes an integer array to float64, as before.
  EXPECT_EQ((a + 3e9)(0), 3000000001.0);
  // A bool array with an int scalar computes in int64, where 3e9 fits.
  EXPECT_EQ((nd::array<bool>{true} + 3000000000LL)(0), 3000000001LL);
  // A float32 array takes any integer scalar (float conversion, NumPy's weak rule).
  EXPECT_EQ((nd::array<float>{1.0f} + 3000000000LL)(0), 3000000001.0f);
}

}  // namespace
