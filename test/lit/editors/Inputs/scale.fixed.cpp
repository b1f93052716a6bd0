#include <nd/nd.hpp>

// y = a x + b, one element at a time.
nd::array<double> scale(const nd::array<double>& x, double a, double b) {
  nd::array<double> y = a * x + b;
  return y;
}
