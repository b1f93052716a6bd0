// The axes of a reduction, as the reduction engines walk them: the reduced and the
// kept axes each ordered by stride and coalesced, and walks over their multi-indices
// in C order. Shared by reduce_engine.cpp and deviations_engine.cpp.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <span>
#include <utility>

#include "nd/core.hpp"

namespace nd::detail::reduction {

struct axes_t {
  int n = 0;
  index_t dims[max_dims];
  index_t in[max_dims];   // input strides, elements
  index_t out[max_dims];  // output strides, elements (kept axes only)
};

// Orders axes by |input stride|, largest first, and merges axes contiguous in the
// input (and, for kept axes, in the output too).
inline void order_and_coalesce(axes_t& a, bool with_out) {
  for (int k = 1; k < a.n; ++k)
    for (int j = k; j > 0 && std::abs(a.in[j - 1]) < std::abs(a.in[j]); --j) {
      std::swap(a.dims[j - 1], a.dims[j]);
      std::swap(a.in[j - 1], a.in[j]);
      std::swap(a.out[j - 1], a.out[j]);
    }
  if (a.n == 0) return;
  int o = 0;
  for (int k = 1; k < a.n; ++k) {
    const bool merge = a.in[o] == a.dims[k] * a.in[k] && (!with_out || a.out[o] == a.dims[k] * a.out[k]);
    if (merge) {
      a.dims[o] *= a.dims[k];
      a.in[o] = a.in[k];
      a.out[o] = a.out[k];
    } else {
      ++o;
      a.dims[o] = a.dims[k];
      a.in[o] = a.in[k];
      a.out[o] = a.out[k];
    }
  }
  a.n = o + 1;
}

// Calls f(in_offset, out_offset) for the multi-indices [first, last) (flat, C order)
// of the first `n` axes of `a`.
template <class F>
void walk_range(const axes_t& a, int n, index_t first, index_t last, F&& f) {
  index_t counter[max_dims] = {};
  index_t in_off = 0, out_off = 0;
  for (index_t i = first, k = n - 1; k >= 0; --k) {
    counter[k] = i % a.dims[k];
    i /= a.dims[k];
    in_off += counter[k] * a.in[k];
    out_off += counter[k] * a.out[k];
  }
  for (index_t i = first; i < last; ++i) {
    f(in_off, out_off);
    for (int k = n - 1; k >= 0; --k) {
      in_off += a.in[k];
      out_off += a.out[k];
      if (++counter[k] < a.dims[k]) break;
      in_off -= a.in[k] * a.dims[k];
      out_off -= a.out[k] * a.dims[k];
      counter[k] = 0;
    }
  }
}

inline index_t count(const axes_t& a, int n) {
  index_t m = 1;
  for (int k = 0; k < n; ++k) m *= a.dims[k];
  return m;
}

// Calls f(in_offset, out_offset) for every multi-index of the first `n` axes of `a`.
template <class F>
void walk(const axes_t& a, int n, F&& f) {
  walk_range(a, n, 0, count(a, n), f);
}

// Input offset of the flat index `i` over the first `n` axes of `a` (C order).
inline index_t unravel(const axes_t& a, int n, index_t i) {
  index_t off = 0;
  for (int k = n - 1; k >= 0; --k) {
    off += (i % a.dims[k]) * a.in[k];
    i /= a.dims[k];
  }
  return off;
}

// Splits the axes of `shape` into kept and reduced ones (length-1 axes dropped), then
// orders and coalesces each group. Returns false when the output is empty (nothing to
// do); `empty_reduction` tells whether some reduced axis has length 0.
inline bool split_axes(std::span<const index_t> shape, std::span<const index_t> in_strides, const bool* reduced,
                       const index_t* out_strides, axes_t& kept, axes_t& red, bool& empty_reduction) {
  bool empty_output = false;
  empty_reduction = false;
  for (std::size_t k = 0; k < shape.size(); ++k) {
    if (shape[k] == 0) (reduced[k] ? empty_reduction : empty_output) = true;
    if (shape[k] == 1) continue;
    axes_t& a = reduced[k] ? red : kept;
    a.dims[a.n] = shape[k];
    a.in[a.n] = in_strides[k];
    a.out[a.n] = reduced[k] ? 0 : out_strides[k];
    ++a.n;
  }
  if (empty_output) return false;
  order_and_coalesce(red, false);
  order_and_coalesce(kept, true);
  return true;
}

}  // namespace nd::detail::reduction
