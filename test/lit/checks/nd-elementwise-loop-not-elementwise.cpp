// RUN: %check_nd_tidy %s nd-elementwise-loop %t
//
// Loops that are not element-wise work on nd::arrays are not reported: they write no
// array element and accumulate no element into a scalar.
#include <nd/nd.hpp>

#include <cstdio>
#include <vector>

void prints(const nd::array<double> &x) {
  for (nd::index_t i = 0; i < x.size(); ++i)
    std::printf("%f\n", x(i));
}

std::vector<double> to_vector(const nd::array<double> &x) {
  std::vector<double> v;
  for (nd::index_t i = 0; i < x.size(); ++i)
    v.push_back(x(i));
  return v;
}

double vector_sum(const std::vector<double> &v) {
  double s = 0;
  for (std::size_t i = 0; i < v.size(); ++i)
    s += v[i];
  return s;
}

void refill(nd::array<double> &x) {
  for (int pass = 0; pass < 3; ++pass)
    x.fill(pass);
}
