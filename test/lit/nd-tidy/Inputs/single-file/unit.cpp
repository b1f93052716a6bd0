#include "unit.hpp"

int main() {
  auto x = nd::zeros<double>({8});
  auto a = x(nd::arange(0, x.shape(0), 2));
  auto b = x(nd::arange(1, x.shape(0), 2)); // NOLINT(nd-gather-downsampling)
#ifdef GIVEN_FLAGS
  int *p = 0; // a finding only with the flags of the test's '--'
#else
  int *p = nullptr;
#endif
  return static_cast<int>(nd::sum(a) + nd::sum(b) + header_sum()) + (p != nullptr);
}
