#include <nd/nd.hpp>

int main() {
  auto x = nd::arange<double>(4);
  auto z = nd::full<double>({4}, 0.5);
  nd::array<double> y = nd::empty_like(x);
  for (nd::index_t i = 0; i < y.size(); ++i)
    y(i) = 2.0 * x(i) + z(i);
  return y(0) == 0.5 && y(3) == 6.5 ? 0 : 1;
}
