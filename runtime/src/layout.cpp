// Shape, stride and basic-index arithmetic shared by every part of the runtime.
#include <limits>
#include <string>

#include "nd/array.hpp"

namespace nd {

std::string to_string(std::span<const index_t> shape) {
  std::string s = "(";
  for (std::size_t k = 0; k < shape.size(); ++k) {
    if (k) s += ", ";
    s += std::to_string(shape[k]);
  }
  if (shape.size() == 1) s += ",";
  return s + ")";
}

const char* dtype_name(dtype t) {
  switch (t) {
    case dtype::bool_: return "bool";
    case dtype::int32: return "int32";
    case dtype::int64: return "int64";
    case dtype::float32: return "float32";
    case dtype::float64: return "float64";
  }
  return "unknown";
}

index_t slice::adjust(index_t len, index_t& first, index_t& stride) const {
  stride = step.value_or(1);
  if (stride == 0) throw value_error("slice step cannot be zero");
  // Python clamps a step below -PY_SSIZE_T_MAX to it, so that -step cannot overflow.
  if (stride == std::numeric_limits<index_t>::min()) stride = -std::numeric_limits<index_t>::max();
  index_t lo, hi;
  if (stride > 0) {
    lo = start.value_or(0);
    hi = stop.value_or(len);
    if (lo < 0) lo = std::max<index_t>(lo + len, 0);
    else if (lo > len) lo = len;
    if (hi < 0) hi = std::max<index_t>(hi + len, 0);
    else if (hi > len) hi = len;
    first = lo;
    return hi > lo ? (hi - lo - 1) / stride + 1 : 0;
  }
  // Negative step: -1 stands for "before the first element".
  lo = start ? *start : len - 1;
  hi = stop ? *stop : -1;
  if (start) {
    if (lo < 0) lo = std::max<index_t>(lo + len, -1);
    else if (lo >= len) lo = len - 1;
  }
  if (stop) {
    if (hi < 0) hi = std::max<index_t>(hi + len, -1);
    else if (hi >= len) hi = len - 1;
  }
  first = lo;
  return hi < lo ? (lo - hi - 1) / (-stride) + 1 : 0;
}

namespace detail {

void throw_index_out_of_bounds(index_t index, int axis, index_t size) {
  throw index_error("index " + std::to_string(index) + " is out of bounds for axis " + std::to_string(axis) +
                    " with size " + std::to_string(size));
}

shape_t c_strides(std::span<const index_t> shape) {
  shape_t strides;
  strides.resize(static_cast<int>(shape.size()));
  index_t s = 1;
  for (int k = static_cast<int>(shape.size()) - 1; k >= 0; --k) {
    strides[k] = s;
    s *= std::max<index_t>(shape[k], 1);
  }
  return strides;
}

bool is_c_contiguous(std::span<const index_t> shape, std::span<const index_t> strides) {
  index_t expected = 1;
  for (int k = static_cast<int>(shape.size()) - 1; k >= 0; --k) {
    if (shape[k] == 0) return true;
    if (shape[k] != 1 && strides[k] != expected) return false;
    expected *= shape[k];
  }
  return true;
}

int coalesce_axes(index_t* shape, index_t* strides, int ndim) {
  int out = 0;
  for (int k = 0; k < ndim; ++k) {
    if (shape[k] == 1) continue;
    if (out > 0 && strides[out - 1] == shape[k] * strides[k]) {
      shape[out - 1] *= shape[k];
      strides[out - 1] = strides[k];
    } else {
      shape[out] = shape[k];
      strides[out] = strides[k];
      ++out;
    }
  }
  return out;
}

index_t apply_basic_index(std::span<const index_t> shape, std::span<const index_t> strides,
                          std::span<const basic_index> index, shape_t& out_shape, shape_t& out_strides) {
  const int ndim = static_cast<int>(shape.size());
  int consuming = 0, ellipses = 0;
  for (const basic_index& b : index) {
    if (b.kind == basic_index::integer || b.kind == basic_index::range) ++consuming;
    if (b.kind == basic_index::ellipsis_mark) ++ellipses;
  }
  if (ellipses > 1) throw index_error("an index can only have a single ellipsis ('...')");
  if (consuming > ndim)
    throw index_error("too many indices for array: array is " + std::to_string(ndim) + "-dimensional, but " +
                      std::to_string(consuming) + " were indexed");
  out_shape.clear();
  out_strides.clear();
  index_t offset = 0;
  int axis = 0;
  for (const basic_index& b : index) {
    switch (b.kind) {
      case basic_index::integer: {
        index_t i = b.value, len = shape[axis];
        if (i < -len || i >= len) throw_index_out_of_bounds(i, axis, len);
        if (i < 0) i += len;
        offset += i * strides[axis];
        ++axis;
        break;
      }
      case basic_index::range: {
        index_t first = 0, step = 1;
        index_t n = b.range_.adjust(shape[axis], first, step);
        if (n > 0) offset += first * strides[axis];
        out_shape.push_back(n);
        // The stride of an axis of one element is never used; with a step near the int64
        // limits the product would overflow.
        out_strides.push_back(n > 1 ? strides[axis] * step : strides[axis]);
        ++axis;
        break;
      }
      case basic_index::new_axis:
        out_shape.push_back(1);
        out_strides.push_back(0);
        break;
      case basic_index::ellipsis_mark:
        for (int k = 0; k < ndim - consuming; ++k, ++axis) {
          out_shape.push_back(shape[axis]);
          out_strides.push_back(strides[axis]);
        }
        break;
    }
  }
  for (; axis < ndim; ++axis) {
    out_shape.push_back(shape[axis]);
    out_strides.push_back(strides[axis]);
  }
  return offset;
}

}  // namespace detail
}  // namespace nd
