#include <nd/nd.hpp>

int main() {
  auto x = nd::arange<double>(4);
  auto z = nd::full<double>({4}, 0.5);
  nd::array<double> y = 2.0 * x + z;
  return y(0) == 0.5 && y(3) == 6.5 ? 0 : 1;
}
