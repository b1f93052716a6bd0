// RUN: %check_nd_tidy -run %s 'nd-*' %t
//
// Ported from barbagroup/CFDPython, lessons/12_Step_9.ipynb: laplace2d (Jacobi
// iterations of the 2-D Laplace equation on a copy pn, with the boundary conditions
// p = 0 at x = 0, p = y at x = 2, dp/dy = 0 at y = 0 and y = 1) and its l1norm
// stopping test, as loops over nd arrays.
#include <nd/nd.hpp>

#include <cmath>
#include <cstdio>

nd::array<double> laplace2d(nd::array<double> p, const nd::array<double> &y, double dx,
                            double dy, int iterations) {
  for (int it = 0; it < iterations; ++it) {
    nd::array<double> pn = p.copy();
    for (nd::index_t j = 1; j < p.shape(0) - 1; ++j)
      for (nd::index_t i = 1; i < p.shape(1) - 1; ++i)
        p(j, i) = (dy * dy * (pn(j, i + 1) + pn(j, i - 1)) + dx * dx * (pn(j + 1, i) + pn(j - 1, i))) /
                  (2 * (dx * dx + dy * dy));
    p(nd::all, 0) = 0.0;
    p(nd::all, -1) = y;
    p(0, nd::all) = p(1, nd::all);
    p(-1, nd::all) = p(-2, nd::all);
  }
  return p;
}

double l1norm(const nd::array<double> &p, const nd::array<double> &pn) {
  double num = 0, den = 0;
  for (nd::index_t j = 0; j < p.shape(0); ++j)
    for (nd::index_t i = 0; i < p.shape(1); ++i)
      num += std::abs(p(j, i)) - std::abs(pn(j, i));
  for (nd::index_t j = 0; j < pn.shape(0); ++j)
    for (nd::index_t i = 0; i < pn.shape(1); ++i)
      den += std::abs(pn(j, i));
  return num / den;
}

int main() {
  const nd::index_t nx = 31, ny = 31;
  const double dx = 2.0 / (nx - 1), dy = 1.0 / (ny - 1);
  nd::array<double> y = nd::linspace(0.0, 1.0, ny);
  nd::array<double> p = nd::zeros<double>({ny, nx});
  p(nd::all, -1) = y;
  nd::array<double> p1 = laplace2d(p, y, dx, dy, 50);
  nd::array<double> p2 = laplace2d(p1, y, dx, dy, 1);
  std::printf("l1norm %.9f\n", l1norm(p2, p1));
  std::printf("sum %.9f\n", nd::sum(p2));
  return 0;
}

// The checks' diagnostics (at the lines above) and the fixed lines, in order.
// CHECK-MESSAGES: :16:5: warning: element-wise loop over 'p'; use one broadcasting expression [nd-elementwise-loop]
// CHECK-MESSAGES: :30:3: warning: reduction loop; use nd::sum [nd-elementwise-loop]
// CHECK-MESSAGES: :33:3: warning: reduction loop; use nd::sum [nd-elementwise-loop]
// CHECK-FIXES: {{^}}    nd::copyto(p(nd::slice(1, -1), nd::slice(1, -1)), (dy * dy * (pn(nd::slice(1, -1), nd::slice(2, nd::none)) + pn(nd::slice(1, -1), nd::slice(0, -2))) + dx * dx * (pn(nd::slice(2, nd::none), nd::slice(1, -1)) + pn(nd::slice(0, -2), nd::slice(1, -1)))) / (2 * (dx * dx + dy * dy)));
// CHECK-FIXES: {{^}}  num += nd::sum(nd::abs(nd::lazy(p)) - nd::abs(nd::lazy(pn)));
// CHECK-FIXES: {{^}}  den += nd::sum(nd::abs(pn));
