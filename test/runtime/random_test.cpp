// nd::random::default_rng: determinism per seed, ranges, distribution moments within
// statistical bounds (each bound is at least 6 standard errors wide, so a correct
// generator fails with probability below 1e-8), and bad arguments.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include <nd/random.hpp>

namespace {

template <class T>
bool same_elements(const nd::array<T>& a, const nd::array<T>& b) {
  return a.size() == b.size() && std::equal(a.data(), a.data() + a.size(), b.data());
}

struct moments {
  double mean, variance;
};
template <class T>
moments moments_of(const nd::array<T>& a) {
  double sum = 0, sum_sq = 0;
  for (nd::index_t i = 0; i < a.size(); ++i) sum += static_cast<double>(a.data()[i]);
  const double mean = sum / static_cast<double>(a.size());
  for (nd::index_t i = 0; i < a.size(); ++i) sum_sq += std::pow(static_cast<double>(a.data()[i]) - mean, 2);
  return {mean, sum_sq / static_cast<double>(a.size())};
}

TEST(Random, SameSeedSameNumbersDifferentSeedDifferentNumbers) {
  auto a = nd::random::default_rng(42), b = nd::random::default_rng(42), c = nd::random::default_rng(43);
  nd::array<double> ua = a.random({100}), ub = b.random({100}), uc = c.random({100});
  EXPECT_TRUE(same_elements(ua, ub));
  EXPECT_FALSE(same_elements(ua, uc));
  EXPECT_TRUE(same_elements(a.normal(1.0, 2.0, {50}), b.normal(1.0, 2.0, {50})));
  EXPECT_TRUE(same_elements(a.integers(-5, 5, {50}), b.integers(-5, 5, {50})));
  EXPECT_EQ(a.random(), b.random());
  EXPECT_EQ(a.next_u64(), b.next_u64());
  // Successive draws differ: the state advances.
  EXPECT_FALSE(same_elements(a.random({100}), ua));
}

TEST(Random, ArraysHaveTheRequestedShape) {
  auto rng = nd::random::default_rng(1);
  nd::array<double> u = rng.random({3, 4});
  EXPECT_EQ(u.ndim(), 2);
  EXPECT_EQ(u.shape(0), 3);
  EXPECT_EQ(u.shape(1), 4);
  EXPECT_TRUE(u.is_contiguous());
  EXPECT_EQ(rng.normal(0.0, 1.0, 7).size(), 7);
  EXPECT_EQ(rng.integers(0, 3, nd::shape_t{}).ndim(), 0);
  EXPECT_EQ(rng.random({0, 5}).size(), 0);
  EXPECT_THROW(rng.random({-1}), nd::value_error);
}

TEST(Random, UniformDoublesAreInHalfOpenUnitIntervalWithMeanAndVarianceOfU01) {
  auto rng = nd::random::default_rng(7);
  const nd::index_t n = 1'000'000;
  nd::array<double> u = rng.random({n});
  EXPECT_GE(*std::min_element(u.data(), u.data() + n), 0.0);
  EXPECT_LT(*std::max_element(u.data(), u.data() + n), 1.0);
  moments m = moments_of(u);
  // U(0,1): mean 1/2 (standard error 0.29/sqrt(n) = 2.9e-4), variance 1/12.
  EXPECT_NEAR(m.mean, 0.5, 0.002);
  EXPECT_NEAR(m.variance, 1.0 / 12, 0.001);
  // 53 random bits: values are multiples of 2^-53 and the low bits are used.
  std::size_t odd_multiples = 0;
  for (nd::index_t i = 0; i < 1000; ++i) odd_multiples += static_cast<std::uint64_t>(std::ldexp(u(i), 53)) & 1;
  EXPECT_GT(odd_multiples, 400u);
  EXPECT_LT(odd_multiples, 600u);
}

TEST(Random, NormalHasTheRequestedMeanAndStandardDeviation) {
  auto rng = nd::random::default_rng(11);
  const nd::index_t n = 1'000'000;
  nd::array<double> z = rng.normal(3.0, 2.0, {n});
  moments m = moments_of(z);
  // Standard error of the mean 2/sqrt(n) = 0.002; of the variance 4*sqrt(2/n) = 0.0057.
  EXPECT_NEAR(m.mean, 3.0, 0.015);
  EXPECT_NEAR(m.variance, 4.0, 0.04);
  // Tails: P(|z - mean| > 2 sd) = 4.55%.
  nd::index_t outside = 0;
  for (nd::index_t i = 0; i < n; ++i) outside += std::abs(z(i) - 3.0) > 4.0;
  EXPECT_NEAR(static_cast<double>(outside) / n, 0.0455, 0.002);
  // sd = 0 gives the mean exactly; the scalar form draws one deviate.
  nd::array<double> constant = rng.normal(-1.5, 0.0, {10});
  for (nd::index_t i = 0; i < 10; ++i) EXPECT_EQ(constant(i), -1.5);
  EXPECT_TRUE(std::isfinite(rng.normal()));
}

TEST(Random, IntegersAreInRangeAndUnbiased) {
  auto rng = nd::random::default_rng(5);
  const nd::index_t n = 600'000;
  nd::array<std::int64_t> k = rng.integers(-3, 3, {n});
  std::vector<nd::index_t> counts(6, 0);
  for (nd::index_t i = 0; i < n; ++i) {
    ASSERT_GE(k(i), -3);
    ASSERT_LT(k(i), 3);
    ++counts[static_cast<std::size_t>(k(i) + 3)];
  }
  // Chi-square with 5 degrees of freedom; P(chi2 > 40) < 1e-7.
  double chi2 = 0;
  for (nd::index_t c : counts) chi2 += std::pow(static_cast<double>(c) - n / 6.0, 2) / (n / 6.0);
  EXPECT_LT(chi2, 40.0);
  // A range of 1.5 * 2^62: reducing 64 random bits modulo it would put 56% of the
  // draws in the lower half; an unbiased method puts half there.
  const std::int64_t big = (std::int64_t{1} << 62) + (std::int64_t{1} << 61);  // 1.5 * 2^62
  nd::array<std::int64_t> wide = rng.integers(0, big, {100'000});
  nd::index_t lower = 0;
  for (nd::index_t i = 0; i < wide.size(); ++i) lower += wide(i) < big / 2;
  EXPECT_NEAR(static_cast<double>(lower) / 100'000, 0.5, 0.01);
}

TEST(Random, IntegersCoverTheFullInt64RangeAndSingleValueRanges) {
  auto rng = nd::random::default_rng(9);
  const std::int64_t lo = std::numeric_limits<std::int64_t>::min(), hi = std::numeric_limits<std::int64_t>::max();
  nd::array<std::int64_t> k = rng.integers(lo, hi, {1000});
  nd::index_t negative = 0;
  for (nd::index_t i = 0; i < k.size(); ++i) negative += k(i) < 0;
  EXPECT_GT(negative, 400);
  EXPECT_LT(negative, 600);
  nd::array<std::int64_t> one = rng.integers(7, 8, {20});
  for (nd::index_t i = 0; i < 20; ++i) EXPECT_EQ(one(i), 7);
  EXPECT_EQ(rng.integers(-2, -1), -2);
}

TEST(Random, BadArgumentsThrowValueError) {
  auto rng = nd::random::default_rng(0);
  EXPECT_THROW(rng.integers(5, 5, {3}), nd::value_error);
  EXPECT_THROW(rng.integers(6, 5), nd::value_error);
  EXPECT_THROW(rng.normal(0.0, -1.0, {3}), nd::value_error);
  EXPECT_THROW(rng.normal(0.0, std::numeric_limits<double>::quiet_NaN()), nd::value_error);
  EXPECT_THROW(nd::random::default_rng(-1), nd::value_error);
  try {
    rng.integers(5, 2, {1});
    FAIL() << "expected value_error";
  } catch (const nd::value_error& e) {
    EXPECT_NE(std::string(e.what()).find("low >= high"), std::string::npos) << e.what();
  }
}

TEST(Random, UnseededGeneratorsDiffer) {
  auto a = nd::random::default_rng(), b = nd::random::default_rng();
  EXPECT_FALSE(same_elements(a.random({8}), b.random({8})));
}

}  // namespace
