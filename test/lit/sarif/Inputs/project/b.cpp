#include "common.hpp"

double b_sum() { return even_sum(nd::ones<double>({4})); }
