#include "common.hpp"

double a_value() {
  auto x = nd::zeros<double>({8});
  auto evens = x(nd::arange(0, x.shape(0), 2));
  return nd::sum(evens) + every_other_row();
}
