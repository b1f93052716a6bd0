// RUN: %check_nd_tidy -run %s 'nd-*' %t
//
// Ported from SciPy, scipy/integrate/_quadrature.py: trapezoid (for sample points x)
// and cumulative_trapezoid (initial 0), for 1-D input, as loops over nd arrays. The
// cumulative integral carries its running total, a recurrence.
#include <nd/nd.hpp>

#include <cmath>
#include <cstdio>

double trapezoid(const nd::array<double> &y, const nd::array<double> &x) {
  nd::array<double> d = nd::zeros<double>({x.size() - 1});
  for (nd::index_t i = 0; i < d.size(); ++i)
    d(i) = x(i + 1) - x(i);
  double total = 0;
  for (nd::index_t i = 0; i < d.size(); ++i)
    total += d(i) * (y(i + 1) + y(i)) / 2.0;
  return total;
}

nd::array<double> cumulative_trapezoid(const nd::array<double> &y, const nd::array<double> &x) {
  nd::array<double> res = nd::zeros_like(y);
  for (nd::index_t i = 1; i < res.size(); ++i)
    res(i) = res(i - 1) + (x(i) - x(i - 1)) * (y(i) + y(i - 1)) / 2.0;
  return res;
}

int main() {
  nd::array<double> x = nd::linspace(0.0, 3.0, 31);
  nd::array<double> y = nd::sin(x) * x;
  std::printf("trapezoid %.9f\n", trapezoid(y, x));
  nd::array<double> c = cumulative_trapezoid(y, x);
  std::printf("cumulative %.9f %.9f\n", c(10), c(-1));
  return 0;
}

// The checks' diagnostics (at the lines above) and the fixed lines, in order.
// CHECK-MESSAGES: :13:3: warning: element-wise loop over 'd'; use one broadcasting expression [nd-elementwise-loop]
// CHECK-MESSAGES: :16:3: warning: reduction loop; use nd::sum [nd-elementwise-loop]
// CHECK-FIXES: {{^}}  nd::subtract(x(nd::slice(1, nd::none)), x(nd::slice(0, -1)), d);
