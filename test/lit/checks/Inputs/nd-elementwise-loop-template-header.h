// A template loop over nd::array<T> in a header, for
// nd-elementwise-loop-template-header.cpp.
#pragma once

#include <nd/nd.hpp>

template <class T>
nd::array<T> negated(const nd::array<T> &x) {
  nd::array<T> y = nd::empty_like(x);
  for (nd::index_t i = 0; i < y.size(); ++i)
    y(i) = -x(i);
  return y;
}
