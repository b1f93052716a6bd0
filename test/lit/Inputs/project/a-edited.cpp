#include "common.hpp"

double a_value() {
  auto x = nd::zeros<double>({8});
  auto evens = x(nd::arange(0, x.shape(0), 2));
  auto odds = x(nd::arange(1, x.shape(0), 2));
  return nd::sum(evens) + nd::sum(odds) + every_other_row();
}
