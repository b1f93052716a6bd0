// RUN: %check_nd_tidy -run %s nd-elementwise-loop %t
//
// The C and C++ math functions the loop check translates come from the runtime's table
// (nd/ufuncs.def, its c_names column), not from a list of the check's own: these are
// functions the check did not know before it read the table. Each loop writes a buffer
// of its own and becomes its out forms. The ufuncs used here are exact (0 ULP from libm, the table's
// ulp columns) except tanh and log1p, hence the 12 digits printed.
#include <nd/nd.hpp>

#include <cmath>
#include <cstdio>

void print(const char *what, const nd::array<double> &a) {
  std::printf("%s:", what);
  for (nd::index_t i = 0; i < a.size(); ++i)
    std::printf(" %.12g", a(i));
  std::printf("\n");
}

void hyperbolic(const nd::array<double> &x) {
  nd::array<double> y = nd::empty_like(x);
  for (nd::index_t i = 0; i < y.size(); ++i)
    y(i) = std::tanh(x(i)) + std::log1p(x(i));
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'; use one broadcasting expression [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  nd::array<double> y = nd::eval(nd::tanh(nd::lazy(x)) + nd::log1p(nd::lazy(x)));
  print("hyperbolic", y);
}

void rounding(const nd::array<double> &x) {
  nd::array<double> y = nd::zeros_like(x);
  for (nd::index_t i = 0; i < y.size(); ++i)
    y(i) = std::floor(4.0 * x(i)) - std::ceil(x(i)) + std::trunc(-3.0 * x(i));
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'
  // CHECK-FIXES: {{^}}  nd::array<double> y = nd::eval(nd::floor(4.0 * nd::lazy(x)) - nd::ceil(nd::lazy(x)) + nd::trunc(-3.0 * nd::lazy(x)));
  print("rounding", y);
}

// Two-argument functions, and a C name (the float spelling's double sibling).
void binary(const nd::array<double> &x, const nd::array<double> &z) {
  nd::array<double> y = nd::empty_like(x);
  for (nd::index_t i = 0; i < y.size(); ++i)
    y(i) = std::hypot(x(i), z(i)) * std::fmax(x(i), 0.5) + copysign(z(i), x(i) - 0.5);
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'
  // CHECK-FIXES: {{^}}  nd::array<double> y = nd::eval(nd::hypot(nd::lazy(x), z) * nd::fmax(nd::lazy(x), 0.5) + nd::copysign(z, nd::lazy(x) - 0.5));
  print("binary", y);
}

int main() {
  auto rng = nd::random::default_rng(11);
  nd::array<double> x = rng.random({7});
  nd::array<double> z = rng.random({7});
  hyperbolic(x);
  rounding(x);
  binary(x, z);
  return 0;
}
