#include "gather.hpp"

int main() {
  auto x = nd::zeros<double>({8});
  auto a = x(nd::arange(0, x.shape(0), 2));
  auto b = x(nd::arange(1, x.shape(0), 2)); // NOLINT(nd-gather-downsampling)
  int *p = 0;
  return static_cast<int>(nd::sum(a) + nd::sum(b) + header_sum()) + (p != nullptr);
}
