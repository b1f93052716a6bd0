#include "common.hpp"

double broken() { return undeclared_value + every_other_row(); }
