// nd::pad(a, width, mode = "constant", value = 0): NumPy's np.pad with the modes
// "constant", "edge", "reflect", "symmetric" and "wrap".
#pragma once
// IWYU pragma: private, include <nd/nd.hpp>

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "nd/shape_copies.hpp"

namespace nd {

namespace detail {

enum class pad_mode { constant, edge, reflect, symmetric, wrap };

inline pad_mode parse_pad_mode(std::string_view mode) {
  if (mode == "constant") return pad_mode::constant;
  if (mode == "edge") return pad_mode::edge;
  if (mode == "reflect") return pad_mode::reflect;
  if (mode == "symmetric") return pad_mode::symmetric;
  if (mode == "wrap") return pad_mode::wrap;
  throw value_error("mode '" + std::string(mode) + "' is not supported");
}

// For each position of a padded axis (n > 0 original elements, `left` and `right`
// padded), the original element it copies. Pads wider than the axis are filled as
// NumPy 1.24 fills them, in rounds that copy from the part filled so far (for "wrap"
// that is not the periodic extension: np.pad([1, 2], (1, 3), "wrap") ends 1, 2, 2).
std::vector<index_t> pad_sources(pad_mode mode, index_t n, index_t left, index_t right);

// Per-axis (before, after) widths from the forms NumPy accepts: one pair for all
// axes, or one pair per axis.
inline std::vector<std::pair<index_t, index_t>> pad_widths(std::span<const std::pair<index_t, index_t>> width,
                                                           int ndim) {
  std::vector<std::pair<index_t, index_t>> w;
  if (width.size() == 1) w.assign(static_cast<std::size_t>(ndim), width[0]);
  else if (static_cast<int>(width.size()) == ndim) w.assign(width.begin(), width.end());
  else
    throw shape_error("operands could not be broadcast together with remapped shapes [original->remapped]: (" +
                      std::to_string(width.size()) + ",2) and requested shape (" + std::to_string(ndim) + ",2)");
  for (const auto& [before, after] : w)
    if (before < 0 || after < 0) throw value_error("index can't contain negative values");
  return w;
}

}  // namespace detail

template <class T, class V = int>
  requires std::is_arithmetic_v<V>
array<T> pad(const array<T>& a, std::span<const std::pair<index_t, index_t>> width, std::string_view mode = "constant",
             V value = 0) {
  const detail::pad_mode m = detail::parse_pad_mode(mode);
  const auto w = detail::pad_widths(width, a.ndim());
  shape_t shape(a.shape());
  for (int k = 0; k < a.ndim(); ++k) {
    if (m != detail::pad_mode::constant && a.shape(k) == 0 && w[k].first + w[k].second > 0)
      throw value_error("can't extend empty axis " + std::to_string(k) +
                        " using modes other than 'constant' or 'empty'");
    shape[k] += w[k].first + w[k].second;
  }
  array<T> out(shape);
  if (m == detail::pad_mode::constant) out.fill(static_cast<T>(value));
  // The original in the middle, then each axis's pads from the part already filled, in
  // axis order, as NumPy does: the corners come out as NumPy's.
  if (a.size() > 0) {
    const shape_t at_strides(out.strides());
    T* centre = out.data();
    for (int k = 0; k < a.ndim(); ++k) centre += w[k].first * at_strides[k];
    detail::copy_same_shape(centre, at_strides, a.data(), a.strides(), a.shape());
  }
  if (m == detail::pad_mode::constant || out.size() == 0) return out;
  for (int k = 0; k < a.ndim(); ++k) {
    // The rows already filled: the original's extent along axes after k, all before it.
    array<T> filled = out;
    for (int j = k + 1; j < a.ndim(); ++j) filled = detail::axis_range(filled, j, w[j].first, a.shape(j));
    const index_t n = a.shape(k), before = w[k].first;
    if (n == 0) continue;
    const std::vector<index_t> sources = detail::pad_sources(m, n, before, w[k].second);
    for (index_t p = 0; p < shape[k]; ++p) {
      if (p >= before && p < before + n) continue;
      const index_t src = before + sources[p];
      array<T> dst_row = detail::axis_range(filled, k, p, 1);
      const array<T> src_row = detail::axis_range(filled, k, src, 1);
      detail::copy_same_shape(dst_row.data(), dst_row.strides(), std::as_const(src_row).data(), src_row.strides(),
                              src_row.shape());
    }
  }
  return out;
}
template <class T, class V = int>
  requires std::is_arithmetic_v<V>
array<T> pad(const array<T>& a, std::initializer_list<std::pair<index_t, index_t>> width,
             std::string_view mode = "constant", V value = 0) {
  return pad(a, std::span<const std::pair<index_t, index_t>>(width.begin(), width.size()), mode, value);
}
template <class T, class V = int>
  requires std::is_arithmetic_v<V>
array<T> pad(const array<T>& a, const std::vector<std::pair<index_t, index_t>>& width,
             std::string_view mode = "constant", V value = 0) {
  return pad(a, std::span<const std::pair<index_t, index_t>>(width), mode, value);
}
template <class T, class V = int>
  requires std::is_arithmetic_v<V>
array<T> pad(const array<T>& a, std::pair<index_t, index_t> width, std::string_view mode = "constant", V value = 0) {
  return pad(a, std::span<const std::pair<index_t, index_t>>(&width, 1), mode, value);
}
template <class T, class V = int>
  requires std::is_arithmetic_v<V>
array<T> pad(const array<T>& a, index_t width, std::string_view mode = "constant", V value = 0) {
  return pad(a, std::pair<index_t, index_t>{width, width}, mode, value);
}

}  // namespace nd
