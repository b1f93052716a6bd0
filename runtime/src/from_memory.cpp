// nd::from_data's layout checks: what a view of the caller's memory may describe.
#include <string>

#include "nd/from_memory.hpp"

namespace nd::detail {

std::pair<index_t, index_t> external_extent(const void* ptr, std::span<const index_t> shape,
                                            std::span<const index_t> strides, std::size_t item) {
  if (shape.size() != strides.size())
    throw value_error("from_data: strides " + to_string(strides) + " do not match shape " + to_string(shape) +
                      " (one stride per axis)");
  for (index_t d : shape)
    if (d < 0) throw value_error("negative dimensions are not allowed, found shape " + to_string(shape));
  if (!element_count_fits(shape)) throw value_error("from_data: shape " + to_string(shape) + " is too big");
  index_t count = 1;
  for (index_t d : shape) count *= d;
  if (count == 0) return {0, 0};
  if (ptr == nullptr)
    throw value_error("from_data: a null pointer for a shape " + to_string(shape) + " of " + std::to_string(count) +
                      " elements");
  // The element offsets the layout reaches, which must fit the address space.
  index_t lo = 0, hi = 0;
  const auto limit = static_cast<index_t>(PTRDIFF_MAX / static_cast<index_t>(item));
  for (std::size_t k = 0; k < shape.size(); ++k) {
    index_t span = 0;
    if (__builtin_mul_overflow(shape[k] - 1, strides[k], &span) || (span < 0 ? lo < -limit - span : hi > limit - span))
      throw value_error("from_data: strides " + to_string(strides) + " with shape " + to_string(shape) +
                        " overflow the address space");
    (span < 0 ? lo : hi) += span;
  }
  return {lo, hi + 1};
}

}  // namespace nd::detail
