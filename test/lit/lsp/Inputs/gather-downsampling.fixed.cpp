#include <nd/nd.hpp>

int main() {
  auto m = nd::zeros<double>({6, 4});
  auto sub = m(nd::slice(0, nd::none, 2));
  return sub.shape(0) == 3 ? 0 : 1;
}
