// Axis arguments of reductions: validation with NumPy's messages, result shapes.
#include <string>

#include "nd/reduce.hpp"

namespace nd::detail {

axis_mask axes_all(std::span<const index_t> shape) {
  axis_mask m;
  m.ndim = static_cast<int>(shape.size());
  for (int k = 0; k < m.ndim; ++k) {
    m.reduced[k] = true;
    m.count *= shape[k];
  }
  return m;
}

axis_mask axes_from(std::span<const index_t> shape, std::span<const int> axes) {
  axis_mask m;
  m.ndim = static_cast<int>(shape.size());
  for (int axis : axes) {
    if (axis < -m.ndim || axis >= m.ndim)
      throw index_error("axis " + std::to_string(axis) + " is out of bounds for array of dimension " +
                        std::to_string(m.ndim));
    const int k = axis < 0 ? axis + m.ndim : axis;
    if (m.reduced[k]) throw value_error("duplicate value in 'axis'");
    m.reduced[k] = true;
    m.count *= shape[k];
  }
  return m;
}

shape_t reduced_shape(std::span<const index_t> shape, const axis_mask& m, bool keepdims) {
  shape_t out;
  for (int k = 0; k < m.ndim; ++k) {
    if (!m.reduced[k]) out.push_back(shape[k]);
    else if (keepdims) out.push_back(1);
  }
  return out;
}

void throw_empty_reduction(const char* op_name) {
  throw value_error(std::string("zero-size array to reduction operation ") + op_name + " which has no identity");
}

void throw_empty_arg_reduction(bool is_max) {
  throw value_error(std::string("attempt to get ") + (is_max ? "argmax" : "argmin") + " of an empty sequence");
}

void check_reduction_cast(const char* name, dtype result, dtype out) {
  if (can_cast_same_kind(result, out)) return;
  throw type_error(std::string("Cannot cast the result of nd::") + name + " from dtype('" + dtype_name(result) +
                   "') to the out array's dtype('" + dtype_name(out) + "') with casting rule 'same_kind'");
}

void check_reduction_out(const char* op_name, std::span<const index_t> expected, std::span<const index_t> found) {
  if (shape_t(expected) == shape_t(found)) return;
  throw shape_error(std::string("output parameter for reduction operation ") + op_name +
                    " has the wrong shape: expected " + to_string(expected) + ", found " + to_string(found));
}

}  // namespace nd::detail
