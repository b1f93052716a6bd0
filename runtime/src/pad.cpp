// nd::pad's index maps: which original element each padded position copies, by
// replaying NumPy 1.24's rounds (numpy/lib/arraypad.py) on indices instead of data.
#include <algorithm>

#include "nd/pad.hpp"

namespace nd::detail {
namespace {

// _set_wrap_both: each round copies the valid part (original and pads filled so far)
// next to it, at most as much as is left to fill.
void wrap_rounds(std::vector<index_t>& v, index_t left, index_t right) {
  const auto total = static_cast<index_t>(v.size());
  while (left > 0 || right > 0) {
    const index_t period = total - right - left;
    index_t new_left = 0, new_right = 0;
    if (left > 0) {
      const index_t m = std::min(period, left);
      const index_t from = total - right - m, to = left > period ? left - period : 0;
      std::copy(v.begin() + from, v.begin() + from + m, v.begin() + to);
      if (left > period) new_left = left - period;
    }
    if (right > 0) {
      const index_t m = std::min(period, right);
      std::copy(v.begin() + left, v.begin() + left + m, v.begin() + (total - right));
      if (right > period) new_right = right - period;
    }
    left = new_left;
    right = new_right;
  }
}

// _set_reflect_both (even reflection): each round mirrors the valid part about its
// edge element ("reflect") or edge ("symmetric").
void reflect_rounds(std::vector<index_t>& v, index_t left, index_t right, bool include_edge) {
  const auto total = static_cast<index_t>(v.size());
  const index_t edge = include_edge ? 1 : 0;
  while (left > 0 || right > 0) {
    const index_t old_length = total - right - left - (include_edge ? 0 : 1);
    if (left > 0) {
      const index_t chunk = std::min(old_length, left);
      const index_t first = left - edge + chunk;  // read first, first - 1, ... (chunk of them)
      for (index_t i = 0; i < chunk; ++i) v[left - chunk + i] = v[first - i];
      left -= chunk;
    }
    if (right > 0) {
      const index_t chunk = std::min(old_length, right);
      const index_t first = total - right + edge - 2;
      for (index_t i = 0; i < chunk; ++i) v[total - right + i] = v[first - i];
      right -= chunk;
    }
  }
}

}  // namespace

std::vector<index_t> pad_sources(pad_mode mode, index_t n, index_t left, index_t right) {
  std::vector<index_t> v(static_cast<std::size_t>(left + n + right));
  for (index_t i = 0; i < static_cast<index_t>(v.size()); ++i) v[i] = std::clamp<index_t>(i - left, 0, n - 1);
  // A single element reflects as an edge (NumPy's legacy rule).
  if (mode == pad_mode::edge || mode == pad_mode::constant || n == 1) return v;
  if (mode == pad_mode::wrap) wrap_rounds(v, left, right);
  else reflect_rounds(v, left, right, mode == pad_mode::symmetric);
  return v;
}

}  // namespace nd::detail
