#include <nd/nd.hpp>

// Two findings in one file: a literal 0 as a null pointer (modernize-use-nullptr, a
// check clangd knows to be fast) and a gather copy (nd-gather-downsampling).
nd::array<float> half_rows(const nd::array<float>& image, const float** first) {
  *first = 0;
  return image(nd::arange(0, image.shape(0), 2));
}
