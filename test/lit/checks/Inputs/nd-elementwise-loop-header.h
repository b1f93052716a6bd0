// A loop in a header, for nd-elementwise-loop-headers.cpp.
#pragma once

#include <nd/nd.hpp>

inline nd::array<double> halved(const nd::array<double> &x) {
  nd::array<double> y = nd::empty_like(x);
  for (nd::index_t i = 0; i < y.size(); ++i)
    y(i) = x(i) * 0.5;
  return y;
}
