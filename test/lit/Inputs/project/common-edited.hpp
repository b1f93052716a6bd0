#pragma once
#include <nd/nd.hpp>

inline double every_other_row() {
  auto m = nd::zeros<double>({6, 4});
  auto sub = m(nd::arange(0, m.shape(0), 2));
  auto odd = m(nd::arange(1, m.shape(0), 2));
  return nd::sum(sub) + nd::sum(odd);
}
