#pragma once
#include <nd/nd.hpp>

inline double header_sum() {
  auto m = nd::zeros<double>({6, 4});
  auto sub = m(nd::arange(0, m.shape(0), 2));
  return nd::sum(sub);
}
