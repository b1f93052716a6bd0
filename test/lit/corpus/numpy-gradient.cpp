// RUN: %check_nd_tidy -run %s 'nd-*' %t
//
// Ported from NumPy, numpy/lib/_function_base_impl.py: gradient (uniform spacing,
// edge_order 1: central differences inside, one-sided at the ends) and diff (n = 1),
// and unwrap (period 2 pi, for 1-D input), as loops over nd arrays. unwrap's running
// correction is a recurrence.
#include <nd/nd.hpp>

#include <cmath>
#include <cstdio>

nd::array<double> gradient(const nd::array<double> &f, double dx) {
  nd::array<double> out = nd::empty_like(f);
  for (nd::index_t i = 1; i < f.size() - 1; ++i)
    out(i) = (f(i + 1) - f(i - 1)) / (2.0 * dx);
  out(0) = (f(1) - f(0)) / dx;
  out(-1) = (f(-1) - f(-2)) / dx;
  return out;
}

nd::array<double> unwrap(const nd::array<double> &p) {
  const double pi = 3.14159265358979323846;
  nd::array<double> out = p.copy();
  double correction = 0;
  for (nd::index_t i = 1; i < p.size(); ++i) {
    double d = p(i) - p(i - 1);
    if (d > pi)
      correction -= 2 * pi;
    else if (d < -pi)
      correction += 2 * pi;
    out(i) = p(i) + correction;
  }
  return out;
}

int main() {
  nd::array<double> x = nd::linspace(0.0, 4.0, 21);
  nd::array<double> g = gradient(x * x, 0.2);
  std::printf("gradient %.9f %.9f %.9f\n", g(0), g(10), g(-1));
  nd::array<double> phase = nd::fmod(x * 3.0, 6.283185307179586);
  nd::array<double> u = unwrap(phase);
  std::printf("unwrap %.9f %.9f\n", u(-1), nd::sum(u));
  return 0;
}

// The checks' diagnostics (at the lines above) and the fixed lines, in order.
// CHECK-MESSAGES: :14:3: warning: element-wise loop over 'out'; use one broadcasting expression [nd-elementwise-loop]
// CHECK-MESSAGES: :40:29: warning: chained array expression allocates 2 arrays, 1 more than the out forms; compute it into one buffer with the out forms, as in 'nd::multiply(..., out)' [nd-chained-temporaries]
// CHECK-FIXES: {{^}}  nd::subtract(f(nd::slice(2, nd::none)), f(nd::slice(0, -2)), out(nd::slice(1, -1)));
// CHECK-FIXES: {{^}}  nd::divide(out(nd::slice(1, -1)), (2.0 * dx), out(nd::slice(1, -1)));
// CHECK-FIXES: {{^}}  nd::array<double> phase = nd::empty_like(x);
// CHECK-FIXES: {{^}}  nd::multiply(x, 3.0, phase);
// CHECK-FIXES: {{^}}  nd::fmod(phase, 6.283185307179586, phase);
