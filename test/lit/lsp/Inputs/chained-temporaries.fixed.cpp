#include <nd/nd.hpp>

#include <cmath>

int main() {
  auto x = nd::arange<double>(4);
  double scale = 2.5;
  double offset = 1.2;
  nd::array<double> y = nd::eval(nd::sqrt(scale * nd::lazy(x) + offset));
  return y(0) == std::sqrt(1.2) && y(3) == std::sqrt(2.5 * 3.0 + 1.2) ? 0 : 1;
}
