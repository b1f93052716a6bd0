#include <nd/nd.hpp>

// y = a x + b, one element at a time.
nd::array<double> scale(const nd::array<double>& x, double a, double b) {
  nd::array<double> y = nd::empty_like(x);
  for (nd::index_t i = 0; i < y.size(); ++i) {
    y(i) = a * x(i) + b;
  }
  return y;
}
