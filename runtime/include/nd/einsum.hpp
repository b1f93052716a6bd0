// nd::einsum(subscripts, operands...): NumPy's np.einsum. Explicit ("ij,jk->ik") and
// implicit ("ij,jk": the labels used once, in alphabetical order) output, any number
// of operands, repeated labels (traces, diagonals), size-1 broadcasting and "..."
// for broadcast leading (or any) axes. Operands are promoted to one type as NumPy
// does. A product of two matrices (one label summed, no other) goes to nd::matmul, so
// float and double use CBLAS; everything else is one loop over the output labels with
// the summed labels innermost. One operand without a summed label gives a view, as
// NumPy's (np.einsum("ii->i", a) is a writeable view of a's diagonal).
#pragma once
// IWYU pragma: private, include <nd/nd.hpp>

#include <string_view>
#include <vector>

#include "nd/array.hpp"
#include "nd/creation.hpp"
#include "nd/linalg.hpp"
#include "nd/promote.hpp"

namespace nd {

namespace detail {

// The parsed subscripts: a label per operand axis (letters 0..51 in ASCII order, then
// the axes "..." stands for) and the output's labels.
struct einsum_plan {
  int labels = 0;
  std::vector<std::vector<int>> axes;
  std::vector<int> output;
};
// value_error with NumPy's messages for malformed subscripts or operand ranks.
einsum_plan parse_einsum(std::string_view subscripts, std::span<const int> ndims);

// The loop: label extents, output labels first (in output order), then the summed
// ones; for each operand and the output, the element stride per loop label (0 where
// a label is not an axis of it, the sum of strides for a repeated label).
struct einsum_layout {
  std::vector<index_t> extents;
  int output_labels = 0;
  std::vector<std::vector<index_t>> strides;  // operands
  std::vector<index_t> out_strides;
};
// Label extents must agree up to broadcasting of length-1 axes (shape_error, NumPy's
// "operands could not be broadcast together with remapped shapes"); the axes of one
// repeated label must be equal (value_error).
einsum_layout layout_einsum(const einsum_plan& plan, std::span<const std::span<const index_t>> shapes,
                            std::span<const std::span<const index_t>> strides);

template <class T>
void einsum_loop(const einsum_layout& L, std::span<const T* const> ops, T* out) {
  const int n = static_cast<int>(L.extents.size()), k = static_cast<int>(ops.size());
  for (index_t e : L.extents)
    if (e == 0) return;
  auto term = [&](const index_t* offsets) {
    T p = ops[0][offsets[0]];
    for (int q = 1; q < k; ++q) {
      if constexpr (std::is_same_v<T, bool>) p = p && ops[q][offsets[q]];
      else p = static_cast<T>(p * ops[q][offsets[q]]);
    }
    return p;
  };
  auto add = [](T& acc, T v) {
    if constexpr (std::is_same_v<T, bool>) acc = acc || v;
    else acc = static_cast<T>(acc + v);
  };
  std::vector<index_t> counter(static_cast<std::size_t>(n), 0), offsets(static_cast<std::size_t>(k), 0);
  index_t out_offset = 0;
  if (n == 0) {
    add(*out, term(offsets.data()));
    return;
  }
  const index_t inner = L.extents[n - 1], inner_out = L.out_strides[n - 1];
  std::vector<index_t> inner_strides(static_cast<std::size_t>(k)), at(static_cast<std::size_t>(k));
  for (int q = 0; q < k; ++q) inner_strides[q] = L.strides[q][n - 1];
  for (;;) {
    for (int q = 0; q < k; ++q) at[q] = offsets[q];
    if (inner_out == 0) {  // the inner label is summed: one output element
      T acc = T(0);
      for (index_t i = 0; i < inner; ++i) {
        add(acc, term(at.data()));
        for (int q = 0; q < k; ++q) at[q] += inner_strides[q];
      }
      add(out[out_offset], acc);
    } else {
      for (index_t i = 0; i < inner; ++i) {
        add(out[out_offset + i * inner_out], term(at.data()));
        for (int q = 0; q < k; ++q) at[q] += inner_strides[q];
      }
    }
    int d = n - 2;
    for (; d >= 0; --d) {
      for (int q = 0; q < k; ++q) offsets[q] += L.strides[q][d];
      out_offset += L.out_strides[d];
      if (++counter[d] < L.extents[d]) break;
      for (int q = 0; q < k; ++q) offsets[q] -= L.strides[q][d] * L.extents[d];
      out_offset -= L.out_strides[d] * L.extents[d];
      counter[d] = 0;
    }
    if (d < 0) return;
  }
}

// Whether the plan is a matrix product of two 2-d operands: one shared label summed,
// each operand with one free label, the output those two (either order). Sets the
// transposes that bring them to (i, s) x (s, j), and whether the output is (j, i).
struct matmul_form {
  bool a_t = false, b_t = false, out_t = false;
};
bool einsum_as_matmul(const einsum_plan& plan, matmul_form& form);

template <class T>
array<T> einsum_same(std::string_view subscripts, std::span<const array<T>> ops) {
  std::vector<int> ndims;
  std::vector<std::span<const index_t>> shapes, strides;
  for (const array<T>& a : ops) {
    ndims.push_back(a.ndim());
    shapes.push_back(a.shape());
    strides.push_back(a.strides());
  }
  const einsum_plan plan = parse_einsum(subscripts, ndims);
  const einsum_layout L = layout_einsum(plan, shapes, strides);
  shape_t shape;
  for (int d = 0; d < L.output_labels; ++d) shape.push_back(L.extents[d]);
  if (ops.size() == 1 && static_cast<int>(L.extents.size()) == L.output_labels) {
    shape_t view_strides;
    for (int d = 0; d < L.output_labels; ++d) view_strides.push_back(L.strides[0][d]);
    return array_access::view(ops[0], ops[0].data(), shape, view_strides, true);
  }
  matmul_form form;
  if (ops.size() == 2 && einsum_as_matmul(plan, form)) {
    const array<T> a = form.a_t ? ops[0].T() : ops[0], b = form.b_t ? ops[1].T() : ops[1];
    if (a.shape(1) == b.shape(0)) {  // (a length-1 axis broadcast against a longer one takes the loop)
      const array<T> r = matmul(a, b);
      return form.out_t ? r.T().copy() : r;
    }
  }
  array<T> out = zeros<T>(shape);
  std::vector<const T*> data;
  for (const array<T>& a : ops) data.push_back(a.data());
  einsum_loop<T>(L, data, out.data());
  return out;
}

}  // namespace detail

template <element... T>
  requires(sizeof...(T) >= 1)
auto einsum(std::string_view subscripts, const array<T>&... operands) {
  using R = result_type_t<array<T>...>;
  const array<R> ops[] = {detail::as_element<R>(operands)...};
  return detail::einsum_same<R>(subscripts, std::span<const array<R>>(ops));
}

}  // namespace nd
