// RUN: %check_nd_tidy -run %s nd-elementwise-loop %t
//
// Form 1: maps over the full extent. `y(i) = f(x(i), ...)` becomes
// `nd::copyto(y, F)` with F the broadcasting expression. The arithmetic is the same
// per element, but nd's sqrt/exp kernels may round differently from libm in the last
// bit, so values are printed with 12 significant digits: that is this test's tolerance.
#include <nd/nd.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>

void print(const char *what, const nd::array<double> &a) {
  std::printf("%s:", what);
  for (nd::index_t i = 0; i < a.size(); ++i)
    std::printf(" %.12g", a(i));
  std::printf("\n");
}

void arithmetic(const nd::array<double> &x, const nd::array<double> &z) {
  nd::array<double> y = nd::empty_like(x);
  for (nd::index_t i = 0; i < y.size(); ++i)
    y(i) = 2.0 * x(i) + z(i);
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'; use one broadcasting expression [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  nd::array<double> y = 2.0 * x + z;
  print("arithmetic", y);
}

void math_functions(const nd::array<double> &x) {
  nd::array<double> y = nd::zeros_like(x);
  for (int i = 0; i < y.size(); i++)
    y(i) = std::sqrt(x(i)) + std::exp(-x(i)) - std::abs(std::log(x(i) + 1)) * std::pow(x(i), 2);
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'
  // CHECK-FIXES: {{^}}  nd::array<double> y = nd::eval(nd::sqrt(nd::lazy(x)) + nd::exp(-nd::lazy(x)) - nd::abs(nd::log(nd::lazy(x) + 1)) * nd::power(nd::lazy(x), 2));
  print("math_functions", y);
}

void trigonometry(const nd::array<double> &x) {
  nd::array<double> y = x.copy();
  for (nd::index_t i = 0; i < x.size(); i += 1)
    y(i) = std::sin(x(i)) * std::cos(x(i));
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'
  // CHECK-FIXES: {{^}}  nd::array<double> y = nd::eval(nd::sin(nd::lazy(x)) * nd::cos(nd::lazy(x)));
  print("trigonometry", y);
}

// A scalar parameter and a bound held in a local constant.
void scaled(const nd::array<double> &x, double alpha) {
  nd::array<double> y = nd::empty_like(x);
  const nd::index_t n = y.size();
  for (nd::index_t i = 0; i < n; ++i) {
    y(i) = alpha * x(i) - alpha / 2;
  }
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: element-wise loop over 'y'
  // CHECK-FIXES: {{^}}  nd::multiply(alpha, x, y);
  // CHECK-FIXES-NEXT: {{^}}  nd::subtract(y, alpha / 2, y);
  print("scaled", y);
}

// The conditional operator becomes nd::where; std::max of floating-point values keeps
// its exact meaning ((a < b) ? b : a, NaN included) through nd::where as well.
void selections(const nd::array<double> &x, const nd::array<double> &z) {
  nd::array<double> y = nd::empty_like(x);
  for (nd::index_t i = 0; i < y.size(); ++i)
    y(i) = x(i) > 0.5 ? x(i) : -z(i);
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'
  // CHECK-FIXES: {{^}}  nd::array<double> y = nd::eval(nd::where(nd::lazy(x) > 0.5, x, -nd::lazy(z)));
  print("where", y);
}

void extremes(const nd::array<double> &x, const nd::array<double> &z) {
  nd::array<double> y = nd::empty_like(x);
  for (nd::index_t i = 0; i < y.size(); ++i)
    y(i) = std::max(x(i), z(i)) + std::min(x(i), 0.25);
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'
  // CHECK-FIXES: {{^}}  nd::array<double> y = nd::eval(nd::where(nd::lazy(x) < z, z, nd::lazy(x)) + nd::where(0.25 < nd::lazy(x), 0.25, nd::lazy(x)));
  print("max", y);
}

// Integers: std::min/std::max are nd::minimum/nd::maximum exactly.
void integers(const nd::array<std::int64_t> &a, const nd::array<std::int64_t> &b) {
  nd::array<std::int64_t> c = nd::empty_like(a);
  for (nd::index_t i = 0; i < c.size(); ++i)
    c(i) = std::min(a(i), b(i)) * 3 - std::max(a(i), b(i));
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: element-wise loop over 'c'
  // CHECK-FIXES: {{^}}  nd::array<std::int64_t> c = nd::eval(nd::minimum(nd::lazy(a), b) * 3 - nd::maximum(nd::lazy(a), b));
  std::printf("integers:");
  for (nd::index_t i = 0; i < c.size(); ++i)
    std::printf(" %lld", static_cast<long long>(c(i)));
  std::printf("\n");
}

// Reading the destination at the very index it writes is fine: nd::copyto evaluates
// the whole right-hand side before writing.
void in_place(const nd::array<double> &x) {
  nd::array<double> y = x.copy();
  for (nd::index_t i = 0; i < y.size(); ++i)
    y(i) = y(i) * 0.5 + x(i);
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'
  // CHECK-FIXES: {{^}}  nd::multiply(y, 0.5, y);
  // CHECK-FIXES-NEXT: {{^}}  nd::add(y, x, y);
  print("in_place", y);
}

// A destination that is a function parameter is fine when every array read is a
// local with its own buffer.
void into_parameter(nd::array<double> &out) {
  nd::array<double> ramp = nd::linspace(0.0, 1.0, out.size());
  for (nd::index_t i = 0; i < out.size(); ++i)
    out(i) = ramp(i) * ramp(i);
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: element-wise loop over 'out'
  // CHECK-FIXES: {{^}}  nd::copyto(out, ramp * ramp);
}

int main() {
  auto rng = nd::random::default_rng(7);
  nd::array<double> x = rng.random({6});
  nd::array<double> z = rng.random({6});
  arithmetic(x, z);
  math_functions(x);
  trigonometry(x);
  scaled(x, 1.5);
  selections(x, z);
  extremes(x, z);
  integers(rng.integers(-5, 5, {6}), rng.integers(-5, 5, {6}));
  in_place(x);
  nd::array<double> out = nd::zeros<double>({5});
  into_parameter(out);
  print("into_parameter", out);
  return 0;
}
