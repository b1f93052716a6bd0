#include "common.hpp"

double a_sum() {
  auto x = nd::zeros<double>({8});
  auto odd = x(nd::arange(1, x.shape(0), 2));
  int *p = 0;
  return nd::sum(odd) + even_sum(x) + (p != nullptr);
}
