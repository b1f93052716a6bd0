// A sum written as a loop nest, in a header: nd-elementwise-loop reports it there, where
// the header filter of nd_enable_checks (HEADER_FILTER) shows or hides it.
#pragma once

#include <nd/nd.hpp>

inline double total(const nd::array<double>& a) {
  double sum = 0.0;
  for (nd::index_t i = 0; i < a.shape(0); ++i) {
    for (nd::index_t j = 0; j < a.shape(1); ++j) {
      sum += a(i, j);
    }
  }
  return sum;
}
