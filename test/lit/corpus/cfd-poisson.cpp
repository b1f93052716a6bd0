// RUN: %check_nd_tidy -run %s 'nd-*' %t
//
// Ported from barbagroup/CFDPython, lessons/13_Step_10.ipynb: the 2-D Poisson equation
// (source terms b = 100 at (ny/4, nx/4) and -100 at (3ny/4, 3nx/4), p = 0 on the
// boundary), its Jacobi pseudo-time iterations on a copy pd, as loops over nd arrays,
// and the same update written in place, a Gauss-Seidel sweep whose forward reads come
// first: a recurrence that the checks must leave alone.
#include <nd/nd.hpp>

#include <cstdio>

nd::array<double> poisson_jacobi(nd::array<double> p, const nd::array<double> &b, double dx,
                                 double dy, int nt) {
  for (int it = 0; it < nt; ++it) {
    nd::array<double> pd = p.copy();
    for (nd::index_t j = 1; j < p.shape(0) - 1; ++j)
      for (nd::index_t i = 1; i < p.shape(1) - 1; ++i)
        p(j, i) = ((pd(j, i + 1) + pd(j, i - 1)) * dy * dy + (pd(j + 1, i) + pd(j - 1, i)) * dx * dx -
                   b(j, i) * dx * dx * dy * dy) /
                  (2 * (dx * dx + dy * dy));
  }
  return p;
}

nd::array<double> poisson_gauss_seidel(nd::array<double> p, const nd::array<double> &b, double dx,
                                       double dy, int nt) {
  for (int it = 0; it < nt; ++it)
    for (nd::index_t j = 1; j < p.shape(0) - 1; ++j)
      for (nd::index_t i = 1; i < p.shape(1) - 1; ++i)
        p(j, i) = ((p(j, i + 1) + p(j, i - 1)) * dy * dy + (p(j + 1, i) + p(j - 1, i)) * dx * dx -
                   b(j, i) * dx * dx * dy * dy) /
                  (2 * (dx * dx + dy * dy));
  return p;
}

int main() {
  const nd::index_t nx = 21, ny = 21;
  const double dx = 2.0 / (nx - 1), dy = 1.0 / (ny - 1);
  nd::array<double> b = nd::zeros<double>({ny, nx});
  b(ny / 4, nx / 4) = 100.0;
  b(3 * ny / 4, 3 * nx / 4) = -100.0;
  nd::array<double> p0 = nd::zeros<double>({ny, nx});
  nd::array<double> pj = poisson_jacobi(p0.copy(), b, dx, dy, 40);
  nd::array<double> pg = poisson_gauss_seidel(p0.copy(), b, dx, dy, 40);
  std::printf("jacobi %.9f %.9f\n", nd::sum(pj), pj(ny / 4, nx / 4));
  std::printf("gauss-seidel %.9f %.9f\n", nd::sum(pg), pg(ny / 4, nx / 4));
  return 0;
}

// The checks' diagnostics (at the lines above); the loop has no fix.
// CHECK-MESSAGES: :16:5: warning: element-wise loop over 'p'; use one broadcasting expression [nd-elementwise-loop]
