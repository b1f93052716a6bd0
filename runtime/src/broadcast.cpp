// Broadcasting rules and their NumPy-worded errors.
#include <string>

#include "nd/broadcast.hpp"

namespace nd::detail {

std::string compact_shape(std::span<const index_t> shape) {
  std::string s = "(";
  for (std::size_t k = 0; k < shape.size(); ++k) {
    if (k) s += ",";
    s += std::to_string(shape[k]);
  }
  if (shape.size() == 1) s += ",";
  return s + ")";
}

bool try_broadcast(const std::span<const index_t>* shapes, int count, shape_t& out) {
  std::size_t ndim = 0;
  for (int i = 0; i < count; ++i) ndim = std::max(ndim, shapes[i].size());
  out.clear();
  out.resize(static_cast<int>(ndim), 1);
  for (int i = 0; i < count; ++i) {
    const std::size_t lead = ndim - shapes[i].size();
    for (std::size_t k = 0; k < shapes[i].size(); ++k) {
      const index_t d = shapes[i][k];
      index_t& r = out[static_cast<int>(lead + k)];
      if (d == r || d == 1) continue;
      if (r != 1) return false;
      r = d;
    }
  }
  return true;
}

shape_t broadcast_strides(std::span<const index_t> shape, std::span<const index_t> strides,
                          std::span<const index_t> target) {
  shape_t out;
  out.resize(static_cast<int>(target.size()), 0);
  const std::size_t lead = target.size() - shape.size();
  for (std::size_t k = 0; k < shape.size(); ++k)
    out[static_cast<int>(lead + k)] = (shape[k] == 1 && target[lead + k] != 1) ? 0 : strides[k];
  return out;
}

void throw_broadcast_shapes_mismatch(const std::span<const index_t>* shapes, int count) {
  // Name the first pair that fails, as NumPy's broadcast_shapes does.
  shape_t acc;
  for (int i = 1; i < count; ++i) {
    for (int j = 0; j < i; ++j) {
      const std::span<const index_t> pair[] = {shapes[j], shapes[i]};
      if (!try_broadcast(pair, 2, acc))
        throw shape_error("shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg " +
                          std::to_string(j) + " with shape " + to_string(shapes[j]) + " and arg " + std::to_string(i) +
                          " with shape " + to_string(shapes[i]) + ".");
    }
  }
  throw shape_error("shape mismatch: objects cannot be broadcast to a single shape");
}

void throw_too_many_elements(std::span<const index_t> shape) {
  throw value_error("iterator is too large: the broadcast shape " + to_string(shape) +
                    " has more elements than int64 can count");
}

void throw_broadcast_to_mismatch(std::span<const index_t> from, std::span<const index_t> to) {
  throw shape_error("operands could not be broadcast together with remapped shapes [original->remapped]: " +
                    compact_shape(from) + "  and requested shape " + compact_shape(to));
}

}  // namespace nd::detail

namespace nd::detail {

shape_t ufunc_broadcast(std::span<const shape_t> inputs, const shape_t* out) {
  std::span<const index_t> spans[8];
  const int nin = static_cast<int>(inputs.size());
  for (int i = 0; i < nin; ++i) spans[i] = inputs[i];
  int count = nin;
  if (out) spans[count++] = *out;
  shape_t result;
  if (!try_broadcast(spans, count, result)) {
    std::string msg = "operands could not be broadcast together with shapes ";
    for (int i = 0; i < count; ++i) msg += compact_shape(spans[i]) + " ";
    throw shape_error(msg);
  }
  if (!element_count_fits(result)) throw_too_many_elements(result);
  if (out && !(result == *out))
    throw shape_error("non-broadcastable output operand with shape " + compact_shape(*out) +
                      " doesn't match the broadcast shape " + compact_shape(result));
  return result;
}

}  // namespace nd::detail
