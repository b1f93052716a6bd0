// RUN: %check_nd_tidy -run %s nd-elementwise-loop %t
//
// The best form of a fix (issue 24): a clamp becomes one nd::clip, an inner product
// nd::vdot, and a local that only the replaced loop's header used goes with the loop.
// Forms whose NaN or signed-zero behaviour nd::clip does not share keep the exact
// nd::where fix. Clamped values are printed with all 17 digits (-0 and nan show);
// vdot sums in another order than the loop, as nd::sum does, so sums are printed
// rounded to 9 decimals, as in nd-elementwise-loop-reduction.cpp; integer results are
// exact. Inputs: empty, one element, NaN, infinities and both zeros; square,
// rectangular and empty matrices.
#include <nd/nd.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <limits>

using i64 = std::int64_t;

template <class T> static void print(const char *what, const nd::array<T> &a) {
  std::printf("%s:", what);
  for (T v : a.ravel().to_vector())
    std::printf(" %.17g", static_cast<double>(v));
  std::printf("\n");
}

// Clamps between non-zero constants: NaN propagates through std::max(x, lo) (x first)
// as through nd::clip, and equal non-zero values are the same bits.
nd::array<double> clamp(const nd::array<double> &x) {
  nd::array<double> y = nd::empty_like(x);
  for (nd::index_t i = 0; i < x.size(); ++i)
    y(i) = std::min(std::max(x(i), 0.25), 0.75);
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'; use one broadcasting expression [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  nd::array<double> y = nd::clip(x, 0.25, 0.75);
  return y;
}

// The other nesting is clip only because -0.5 <= 0.75.
nd::array<double> clamp_max_outside(const nd::array<double> &x) {
  nd::array<double> y = nd::zeros_like(x);
  for (nd::index_t i = 0; i < x.size(); ++i)
    y(i) = std::max(std::min(x(i), 0.75), -0.5);
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'; use one broadcasting expression [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  nd::array<double> y = nd::clip(x, -0.5, 0.75);
  return y;
}

nd::array<double> clamp_conditional(const nd::array<double> &x) {
  nd::array<double> y = nd::empty_like(x);
  for (nd::index_t i = 0; i < x.size(); ++i)
    y(i) = x(i) < -0.5 ? -0.5 : (x(i) > 0.75 ? 0.75 : x(i));
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'; use one broadcasting expression [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  nd::array<double> y = nd::clip(x, -0.5, 0.75);
  return y;
}

nd::array<double> clamp_conditional_hi_first(const nd::array<double> &x) {
  nd::array<double> y = nd::empty_like(x);
  for (nd::index_t i = 0; i < x.size(); ++i)
    y(i) = 0.75 <= x(i) ? 0.75 : -0.5 > x(i) ? -0.5 : x(i);
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'; use one broadcasting expression [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  nd::array<double> y = nd::clip(x, -0.5, 0.75);
  return y;
}

// A clamp inside an expression is one step of the out forms.
nd::array<double> clamp_shifted(const nd::array<double> &x) {
  nd::array<double> y = nd::empty_like(x);
  for (nd::index_t i = 0; i < x.size(); ++i)
    y(i) = 2.0 * std::min(std::max(x(i) - 1.0, -0.5), 0.5);
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'; use one broadcasting expression [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  nd::array<double> y = nd::eval(2.0 * nd::clip(nd::lazy(x) - 1.0, -0.5, 0.5));
  return y;
}

// Not clip: std::max(-0.0, 0.0) is -0.0, nd::clip's 0.0.
nd::array<double> clamp_zero(const nd::array<double> &x) {
  nd::array<double> y = nd::empty_like(x);
  for (nd::index_t i = 0; i < x.size(); ++i)
    y(i) = std::min(std::max(x(i), 0.0), 1.0);
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'; use one broadcasting expression [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  nd::array<double> y = nd::eval(nd::where(1.0 < nd::where(nd::lazy(x) < 0.0, 0.0, nd::lazy(x)), 1.0, nd::where(nd::lazy(x) < 0.0, 0.0, nd::lazy(x))));
  return y;
}

// Not clip: a bound may be NaN, which std::max(x, lo) ignores and nd::clip propagates.
nd::array<double> clamp_variable(const nd::array<double> &x, double lo, double hi) {
  nd::array<double> y = nd::empty_like(x);
  for (nd::index_t i = 0; i < x.size(); ++i)
    y(i) = std::min(std::max(x(i), lo), hi);
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'; use one broadcasting expression [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  nd::array<double> y = nd::eval(nd::where(hi < nd::where(nd::lazy(x) < lo, lo, nd::lazy(x)), hi, nd::where(nd::lazy(x) < lo, lo, nd::lazy(x))));
  return y;
}

// Not clip: std::max(0.25, NaN) is 0.25.
nd::array<double> clamp_bound_first(const nd::array<double> &x) {
  nd::array<double> y = nd::empty_like(x);
  for (nd::index_t i = 0; i < x.size(); ++i)
    y(i) = std::min(0.75, std::max(0.25, x(i)));
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'; use one broadcasting expression [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  nd::array<double> y = nd::eval(nd::where(nd::where(0.25 < nd::lazy(x), nd::lazy(x), 0.25) < 0.75, nd::where(0.25 < nd::lazy(x), nd::lazy(x), 0.25), 0.75));
  return y;
}

// Integers: any bounds and argument order (clip is minimum(maximum(x, lo), hi) there).
nd::array<i64> clamp_ints(const nd::array<i64> &k, i64 lo, i64 hi) {
  nd::array<i64> y = nd::empty_like(k);
  for (nd::index_t i = 0; i < k.size(); ++i)
    y(i) = std::min(hi, std::max(lo, k(i)));
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'; use one broadcasting expression [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  nd::array<i64> y = nd::clip(k, lo, hi);
  return y;
}

// Not clip: with lo > hi this is lo, clip's hi.
nd::array<i64> clamp_ints_max_outside(const nd::array<i64> &k, i64 lo, i64 hi) {
  nd::array<i64> y = nd::empty_like(k);
  for (nd::index_t i = 0; i < k.size(); ++i)
    y(i) = std::max(std::min(k(i), hi), lo);
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'; use one broadcasting expression [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  nd::minimum(k, hi, y);
  // CHECK-FIXES-NEXT: {{^}}  nd::maximum(y, lo, y);
  return y;
}

// The bounds' locals go with the nest.
nd::array<double> clamp_matrix(const nd::array<double> &m) {
  nd::array<double> out = nd::empty_like(m);
  const auto rows = m.shape(0);
  const auto cols = m.shape(1);
  for (nd::index_t i = 0; i < rows; ++i)
    for (nd::index_t j = 0; j < cols; ++j)
      out(i, j) = std::min(std::max(m(i, j), -0.5), 0.5);
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: element-wise loop over 'out'; use one broadcasting expression [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  nd::array<double> out = nd::empty_like(m);
  // CHECK-FIXES-NEXT: {{^}}  nd::clip(m, -0.5, 0.5, out);
  return out;
}

double dot(const nd::array<double> &x, const nd::array<double> &y) {
  double d = 0.0;
  for (nd::index_t i = 0; i < x.size(); ++i)
    d += x(i) * y(i);
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: reduction loop; use nd::sum [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  double d = nd::vdot(x, y);
  return d;
}

double squared_norm(const nd::array<double> &x, double start) {
  double s = start;
  const nd::index_t n = x.size();
  for (nd::index_t i = 0; i < n; ++i) {
    s += x(i) * x(i);
  }
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: reduction loop; use nd::sum [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  double s = start;
  // CHECK-FIXES-NEXT: {{^}}  s += nd::vdot(x, x);
  return s;
}

// Beyond one axis, the arrays must be provably of one shape: vdot would flatten a
// (2, 6) and a (3, 4) array alike, where the loop reads out of bounds.
i64 dot_ints(const nd::array<i64> &a) {
  nd::array<i64> b = nd::empty_like(a);
  nd::add(a, 3, b);
  i64 s = 0;
  for (nd::index_t i = 0; i < a.shape(0); ++i)
    for (nd::index_t j = 0; j < a.shape(1); ++j)
      s += a(i, j) * b(i, j);
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: reduction loop; use nd::sum [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  i64 s = nd::vdot(a, b);
  return s;
}

// The loops' order does not matter, the arrays' indices must agree.
double frobenius_squared(const nd::array<double> &a) {
  double s = 0;
  for (nd::index_t j = 0; j < a.shape(1); ++j)
    for (nd::index_t i = 0; i < a.shape(0); ++i)
      s += a(i, j) * a(i, j);
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: reduction loop; use nd::sum [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  double s = nd::vdot(a, a);
  return s;
}

// Not vdot: two parameters, not provably of one shape.
double frobenius(const nd::array<double> &a, const nd::array<double> &b) {
  double s = 0;
  for (nd::index_t i = 0; i < a.shape(0); ++i)
    for (nd::index_t j = 0; j < a.shape(1); ++j)
      s += a(i, j) * b(i, j);
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: reduction loop; use nd::sum [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  double s = nd::sum(a * b);
  return s;
}

// Not vdot: b is read transposed, w broadcast.
double trace_of_product(const nd::array<double> &a, const nd::array<double> &b) {
  double s = 0;
  for (nd::index_t i = 0; i < a.shape(0); ++i)
    for (nd::index_t j = 0; j < a.shape(1); ++j)
      s += a(i, j) * b(j, i);
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: reduction loop; use nd::sum [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  double s = nd::sum(a * b.T());
  return s;
}

double weighted(const nd::array<double> &m, const nd::array<double> &w) {
  double s = 0;
  for (nd::index_t i = 0; i < m.shape(0); ++i)
    for (nd::index_t j = 0; j < m.shape(1); ++j)
      s += m(i, j) * w(j);
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: reduction loop; use nd::sum [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  double s = nd::sum(m * w);
  return s;
}

// The bound's local stays where something else uses it: a later statement, the
// fix's own text, or a comment between it and the loop (which would go with it).
nd::array<double> bound_used_after(const nd::array<double> &x) {
  nd::array<double> y = nd::empty_like(x);
  const auto n = x.size();
  for (nd::index_t i = 0; i < n; ++i)
    y(i) = 2.0 * x(i);
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'; use one broadcasting expression [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  const auto n = x.size();
  // CHECK-FIXES-NEXT: {{^}}  nd::multiply(2.0, x, y);
  std::printf("n %lld\n", static_cast<long long>(n));
  return y;
}

nd::array<double> bound_in_body(const nd::array<double> &x) {
  nd::array<double> y = nd::empty_like(x);
  const nd::index_t n = x.size();
  for (nd::index_t i = 0; i < n; ++i)
    y(i) = x(i) * n;
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'; use one broadcasting expression [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  const nd::index_t n = x.size();
  // CHECK-FIXES-NEXT: {{^}}  nd::multiply(x, n, y);
  return y;
}

nd::array<double> bound_behind_comment(const nd::array<double> &x) {
  nd::array<double> y = nd::empty_like(x);
  const auto n = x.size();
  // doubled
  for (nd::index_t i = 0; i < n; ++i)
    y(i) = 2.0 * x(i);
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'; use one broadcasting expression [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  const auto n = x.size();
  // CHECK-FIXES-NEXT: {{^}}  // doubled
  // CHECK-FIXES-NEXT: {{^}}  nd::multiply(2.0, x, y);
  return y;
}
int main() {
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  nd::array<double> special = {-2.0, -0.5, -0.0, 0.0, 0.25, 0.5, 0.75, 1.0, 2.0, inf, -inf, nan};
  for (nd::index_t n : {0, 1, 12}) {
    nd::array<double> x = special(nd::slice(0, n)).copy();
    print("clamp", clamp(x));
    print("clamp_max_outside", clamp_max_outside(x));
    print("clamp_conditional", clamp_conditional(x));
    print("clamp_conditional_hi_first", clamp_conditional_hi_first(x));
    print("clamp_shifted", clamp_shifted(x));
    print("clamp_zero", clamp_zero(x));
    print("clamp_variable", clamp_variable(x, 0.25, 0.75));
    print("clamp_bound_first", clamp_bound_first(x));
    nd::array<i64> k = nd::arange<i64>(-3, n - 3);
    print("clamp_ints", clamp_ints(k, -1, 4));
    print("clamp_ints_crossed", clamp_ints(k, 4, -1));
    print("clamp_ints_max_outside", clamp_ints_max_outside(k, -1, 4));
    nd::array<double> r = nd::linspace(-1.0, 2.0, n) * 0.3;
    std::printf("dot %.9f\n", dot(r, r + 1.0));
    std::printf("squared_norm %.9f\n", squared_norm(r, 2.5));
    print("bound_used_after", bound_used_after(r));
    print("bound_in_body", bound_in_body(r));
    print("bound_behind_comment", bound_behind_comment(r));
  }
  for (auto [rows, cols] : {std::pair<nd::index_t, nd::index_t>{3, 3}, {2, 5}, {0, 3}}) {
    nd::array<double> m = nd::linspace(-1.0, 1.0, rows * cols).reshape({rows, cols});
    nd::array<double> b = nd::linspace(2.0, -1.0, rows * cols).reshape({rows, cols});
    nd::array<i64> k = nd::arange<i64>(-5, rows * cols - 5).reshape({rows, cols});
    std::printf("dot_ints %lld\n", static_cast<long long>(dot_ints(k)));
    std::printf("frobenius_squared %.9f\n", frobenius_squared(m));
    std::printf("frobenius %.9f\n", frobenius(m, b));
    if (rows > 0)
      std::printf("weighted %.9f\n", weighted(m, b(0, nd::all).copy()));
    print("clamp_matrix", clamp_matrix(m));
    if (rows == cols)
      std::printf("trace_of_product %.9f\n", trace_of_product(m, b));
  }
  return 0;
}
