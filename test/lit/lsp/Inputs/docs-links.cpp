#include <nd/nd.hpp>

int main() {
  int *missing = 0;
  auto m = nd::zeros<double>({6, 4});
  auto sub = m(nd::arange(0, m.shape(0), 2));
  return missing == nullptr && sub.shape(0) == 3 ? 0 : 1;
}
