// RUN: %check_nd_tidy -run %s nd-elementwise-loop %t
//
// A loop whose variable indexes no array (time steps) is not part of the nest: the
// element loop inside it is reported and fixed on its own. The destination is written
// again in every step, and reads at the same index are fine, so the fix stays inside
// the time loop. Values are printed exactly (%.17g).
#include <nd/nd.hpp>

#include <cstdio>

int main() {
  nd::array<double> x{1.0, 2.0, 4.0, 8.0};
  nd::array<double> state = nd::zeros_like(x);
  for (int step = 0; step < 3; ++step) {
    for (nd::index_t i = 0; i < state.size(); ++i)
      state(i) = state(i) * 0.5 + x(i);
    // CHECK-MESSAGES: :[[@LINE-2]]:5: warning: element-wise loop over 'state'; use one broadcasting expression [nd-elementwise-loop]
    // CHECK-FIXES: {{^}}    nd::multiply(state, 0.5, state);
    // CHECK-FIXES-NEXT: {{^}}    nd::add(state, x, state);
  }
  for (nd::index_t i = 0; i < state.size(); ++i)
    std::printf("%.17g\n", state(i));
  return 0;
}
