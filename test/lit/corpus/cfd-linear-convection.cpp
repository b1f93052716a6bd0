// RUN: %check_nd_tidy -run %s 'nd-*' %t
//
// Ported from barbagroup/CFDPython, lessons/01_Step_1.ipynb (1-D linear convection) and
// lessons/03_CFL_Condition.ipynb (the same with dt from the CFL number): the hat
// initial condition and the forward-difference, backward-space time steps, as element
// loops over nd arrays. Each time step reads the previous step's copy, so its inner
// loop is element-wise; the time loop itself is a recurrence.
#include <nd/nd.hpp>

#include <cstdio>

nd::array<double> hat(nd::index_t nx, double dx) {
  nd::array<double> x = nd::linspace(0.0, 2.0, nx);
  nd::array<double> u = nd::ones<double>({nx});
  for (nd::index_t i = 0; i < x.size(); ++i)
    if (x(i) >= 0.5 && x(i) <= 1.0)
      u(i) = 2.0;
  return u;
}

nd::array<double> convect(nd::array<double> u, nd::index_t nt, double c, double dt, double dx) {
  for (nd::index_t n = 0; n < nt; ++n) {
    nd::array<double> un = u.copy();
    for (nd::index_t i = 1; i < u.size(); ++i)
      u(i) = un(i) - c * dt / dx * (un(i) - un(i - 1));
  }
  return u;
}

// The same step written in place, sweeping left to right: u(i - 1) is this step's new
// value, so this is a recurrence and not the scheme above.
nd::array<double> convect_in_place(nd::array<double> u, nd::index_t nt, double c, double dt,
                                   double dx) {
  for (nd::index_t n = 0; n < nt; ++n)
    for (nd::index_t i = 1; i < u.size(); ++i)
      u(i) = u(i) - c * dt / dx * (u(i) - u(i - 1));
  return u;
}

int main() {
  const nd::index_t nx = 41;
  const double dx = 2.0 / (nx - 1), c = 1.0, sigma = 0.5;
  const double dt = sigma * dx;
  nd::array<double> u0 = hat(nx, dx);
  nd::array<double> u = convect(u0.copy(), 25, c, dt, dx);
  nd::array<double> w = convect_in_place(u0.copy(), 25, c, dt, dx);
  for (nd::index_t i = 0; i < nx; i += 5)
    std::printf("%.12f %.12f\n", u(i), w(i));
  return 0;
}

// The checks' diagnostics (at the lines above) and the fixed lines, in order.
// CHECK-MESSAGES: :15:3: warning: loop over nd::array elements; use broadcasting expressions [nd-elementwise-loop]
// CHECK-MESSAGES: :24:5: warning: element-wise loop over 'u'; use one broadcasting expression [nd-elementwise-loop]
// CHECK-FIXES: {{^}}    nd::eval(un(nd::slice(1, nd::none)) - c * dt / dx * (nd::lazy(un(nd::slice(1, nd::none))) - un(nd::slice(0, -1))), u(nd::slice(1, nd::none)));
