// Shape arithmetic behind reshape and the axis arguments of the shape operations.
#include <string>

#include "nd/shape.hpp"

namespace nd::detail {

std::optional<shape_t> nocopy_reshape_strides(std::span<const index_t> shape, std::span<const index_t> strides,
                                              std::span<const index_t> new_shape) {
  // An array without elements has no layout to keep, and the run matching below would
  // never balance products of 0 (it ran past the shapes): any strides describe it.
  for (index_t d : shape)
    if (d == 0) return c_strides(new_shape);
  // The run matching below needs non-zero extents on both sides.
  for (index_t d : new_shape)
    if (d == 0) return std::nullopt;
  for (index_t d : shape)
    if (d == 0) return std::nullopt;
  // Axes of length 1 have no effect but any stride: drop them.
  shape_t old_dims, old_strides;
  for (std::size_t k = 0; k < shape.size(); ++k) {
    if (shape[k] != 1) {
      old_dims.push_back(shape[k]);
      old_strides.push_back(strides[k]);
    }
  }
  const int old_nd = old_dims.size();
  const int new_nd = static_cast<int>(new_shape.size());
  shape_t new_strides;
  new_strides.resize(new_nd, 0);

  // Match runs of old axes [oi, oj) with runs of new axes [ni, nj) of equal product;
  // the old run must be walkable as one axis, and the new run then gets C strides
  // ending in the old run's last stride.
  int oi = 0, oj = 1, ni = 0, nj = 1;
  while (ni < new_nd && oi < old_nd) {
    index_t np = new_shape[ni];
    index_t op = old_dims[oi];
    while (np != op) {
      if (np < op) np *= new_shape[nj++];
      else op *= old_dims[oj++];
    }
    for (int ok = oi; ok < oj - 1; ++ok)
      if (old_strides[ok] != old_dims[ok + 1] * old_strides[ok + 1]) return std::nullopt;
    new_strides[nj - 1] = old_strides[oj - 1];
    for (int nk = nj - 1; nk > ni; --nk) new_strides[nk - 1] = new_strides[nk] * new_shape[nk];
    ni = nj++;
    oi = oj++;
  }
  // Trailing new axes of length 1.
  const index_t last = ni >= 1 ? new_strides[ni - 1] : 1;
  for (int nk = ni; nk < new_nd; ++nk) new_strides[nk] = last;
  return new_strides;
}

bool element_count_fits(std::span<const index_t> shape) noexcept {
  index_t count = 1;
  for (index_t d : shape)
    if (d != 0 && __builtin_mul_overflow(count, d, &count)) return false;
  return true;
}

shape_t resolve_reshape(index_t size, const shape_t& requested) {
  shape_t shape = requested;
  int unknown = -1;
  index_t known = 1;
  auto mismatch = [&] {
    return value_error("cannot reshape array of size " + std::to_string(size) + " into shape " + to_string(requested));
  };
  for (int k = 0; k < shape.size(); ++k) {
    if (shape[k] == -1) {
      if (unknown >= 0) throw value_error("can only specify one unknown dimension");
      unknown = k;
    } else if (shape[k] < 0) {
      throw value_error("negative dimensions not allowed, found " + std::to_string(shape[k]) + " in shape " +
                        to_string(requested) + " (only -1, the inferred extent, may be negative)");
    }
  }
  // The known extents' product must not wrap: a wrapped product could match `size`
  // (or divide it) and let a view claim more elements than its buffer holds.
  auto too_many = [&] {
    return value_error("cannot reshape array of size " + std::to_string(size) + " into shape " + to_string(requested) +
                       ": the number of elements overflows int64");
  };
  for (int k = 0; k < shape.size(); ++k)
    if (k != unknown && __builtin_mul_overflow(known, shape[k], &known)) throw too_many();
  if (unknown >= 0) {
    if (known == 0 || size % known != 0) throw mismatch();
    shape[unknown] = size / known;
  } else if (known != size) {
    throw mismatch();
  }
  // An empty array's new shape, (2**40, 2**40, 0) say, needs the check of its own.
  if (!element_count_fits(shape)) throw too_many();
  return shape;
}

int normalize_axis_or_throw(int axis, int ndim) {
  if (axis < -ndim || axis >= ndim)
    throw value_error("axis " + std::to_string(axis) + " is out of bounds for array of dimension " +
                      std::to_string(ndim));
  return axis < 0 ? axis + ndim : axis;
}

}  // namespace nd::detail
