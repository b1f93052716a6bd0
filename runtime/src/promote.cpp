// The error of NEP 50's range check on integer scalars (nd/promote.hpp).
#include "nd/promote.hpp"

namespace nd::detail {

void throw_scalar_out_of_bounds(const std::string& value, dtype type) {
  throw value_error("the integer scalar " + value + " is out of bounds for " + dtype_name(type) +
                    " (NEP 50: a scalar takes the array's type and must fit it; NumPy raises OverflowError)");
}

}  // namespace nd::detail
