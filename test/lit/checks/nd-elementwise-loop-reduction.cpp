// RUN: %check_nd_tidy -run %s nd-elementwise-loop %t
//
// Form 4: reductions. `s += x(i)` becomes nd::sum, `s += x(i) * y(i)` nd::vdot; when
// the accumulator is initialised with the reduction's identity right before the loop,
// both become one statement.
// nd sums floating-point values pairwise, in another order than the loop, so sums are
// printed rounded to 9 decimals (the sums over 150000 elements to 9 significant digits):
// that is this test's tolerance. Integer results are exact.
#include <nd/nd.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>

double total(const nd::array<double> &x) {
  double s = 0;
  for (nd::index_t i = 0; i < x.size(); ++i)
    s += x(i);
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: reduction loop; use nd::sum [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  double s = nd::sum(x);
  return s;
}

double dot(const nd::array<double> &x, const nd::array<double> &y) {
  double d = 0.0;
  for (nd::index_t i = 0; i < x.size(); ++i) {
    d += x(i) * y(i);
  }
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: reduction loop; use nd::sum [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  double d = nd::vdot(x, y);
  return d;
}

// The accumulator starts elsewhere: the loop's contribution is added to it.
double running(const nd::array<double> &x, double start) {
  double acc = start;
  std::printf("start %.9f\n", acc);
  for (nd::index_t i = 0; i < x.size(); ++i)
    acc += x(i) * x(i);
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: reduction loop; use nd::sum [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  acc += nd::vdot(x, x);
  return acc;
}

// Over every element of a matrix, and a weighted sum over rows and columns.
double matrix_sums(const nd::array<double> &m, const nd::array<double> &w) {
  double s = 0;
  for (nd::index_t i = 0; i < m.shape(0); ++i)
    for (nd::index_t j = 0; j < m.shape(1); ++j)
      s += m(i, j) * w(j);
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: reduction loop; use nd::sum [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  double s = nd::sum(m * w);
  return s;
}

std::int64_t product(const nd::array<std::int64_t> &k) {
  std::int64_t p = 1;
  for (nd::index_t i = 0; i < k.size(); ++i)
    p *= k(i);
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: reduction loop; use nd::prod [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  std::int64_t p = nd::prod(k);
  return p;
}

// Counting: the condition's true elements, summed.
nd::index_t count_large(const nd::array<double> &x, double limit) {
  nd::index_t n = 0;
  for (nd::index_t i = 0; i < x.size(); ++i)
    if (x(i) > limit)
      ++n;
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: counting loop; use nd::sum of the condition [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  nd::index_t n = nd::sum(x > limit);
  return n;
}

// A chain that nd-chained-temporaries would fuse into the sum (two operations and the
// reduction, each of the operand's whole shape) is written fused: one pass over m, no
// array of its size, and the same pairwise sum as the eager form.
double absolute_error(const nd::array<double> &m, const nd::array<double> &row) {
  double s = 0;
  for (nd::index_t i = 0; i < m.shape(0); ++i)
    for (nd::index_t j = 0; j < m.shape(1); ++j)
      s += std::abs(m(i, j) - row(j));
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: reduction loop; use nd::sum [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  double s = nd::sum(nd::abs(nd::lazy(m) - row));
  return s;
}

// 2.0 * row has the row's shape, not the operand's: the evaluator would compute it
// whole before the pass, so the chain keeps the eager form (model/FusedForm.h).
double scaled_difference(const nd::array<double> &m, const nd::array<double> &row) {
  double s = 0;
  for (nd::index_t i = 0; i < m.shape(0); ++i)
    for (nd::index_t j = 0; j < m.shape(1); ++j)
      s += m(i, j) - 2.0 * row(j);
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: reduction loop; use nd::sum [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  double s = nd::sum(m - 2.0 * row);
  return s;
}

int main() {
  auto rng = nd::random::default_rng(11);
  nd::array<double> x = rng.random({1000});
  nd::array<double> y = rng.random({1000});
  std::printf("total %.9f\n", total(x));
  std::printf("dot %.9f\n", dot(x, y));
  std::printf("running %.9f\n", running(x, 2.5));
  std::printf("matrix_sums %.9f\n", matrix_sums(rng.random({30, 20}), rng.random({20})));
  nd::array<double> big = rng.normal(0.0, 1.0, {300, 500});
  nd::array<double> row = rng.normal(0.0, 1.0, {500});
  std::printf("absolute_error %.9g\n", absolute_error(big, row));
  std::printf("scaled_difference %.9g\n", scaled_difference(big, row));
  std::printf("product %lld\n", static_cast<long long>(product(rng.integers(1, 4, {20}))));
  std::printf("count_large %lld\n", static_cast<long long>(count_large(x, 0.5)));
  return 0;
}
