// Reductions of expressions (API.md, "Fused evaluation"): nd::sum(nd::lazy(m) * m, 0)
// and the other forms of sum, prod, mean, var, stddev, min, max, any, all without `out`.
//
// The result is bit for bit the eager reduction of the evaluated expression. Where
// the reduction of every output element depends only on the reduced axes, the operand
// is evaluated and reduced in slices along a kept axis (axis 0, or the last axis when
// axis 0 is reduced), each slice evaluated by nd::eval and reduced by the eager
// reduction, so only one slice is in memory at a time; each output element then
// sees exactly the elements, layout and summation tree it sees in the whole array.
// A sum over axis 0 alone follows the eager row tree instead (lazy_sum_rows), slices
// of rows that stay in cache. Reductions over all axes, or where neither axis 0 nor
// the last one is kept, evaluate the whole operand first.
#pragma once
// IWYU pragma: private, include <nd/nd.hpp>

#include <algorithm>
#include <optional>

#include "nd/lazy.hpp"
#include "nd/reduce.hpp"

namespace nd {
namespace detail {

// The expression restricted to [start, start + len) along `axis` of its shape.
lazy_ptr lazy_slice(const lazy_node& root, int axis, index_t start, index_t len);

// Elements of one slice: large enough that the eager reduction runs long, small
// enough to stay in the last-level cache.
inline constexpr index_t lazy_reduce_slice = index_t{1} << 17;

template <class... Args>
axis_mask lazy_axes(std::span<const index_t> shape, const Args&... args) {
  if constexpr (sizeof...(Args) == 0) return axes_all(shape);
  else {
    const auto& first = std::get<0>(std::forward_as_tuple(args...));
    if constexpr (std::is_same_v<std::remove_cvref_t<decltype(first)>, none_t>) return axes_all(shape);
    else return axes_of(shape, first);
  }
}

// A sum over axis 0 alone: eager sums the rows of the evaluated operand pairwise
// (halves at lo + (hi - lo) / 2, leaves of 8 rows, reduce_engine.cpp). A node of that
// tree small enough is evaluated and summed as its own array, which sums it with the
// same tree; two halves are added as eager adds them, so the result is eager's.
template <element T, class F>
auto lazy_sum_rows(const lazy_expr<T>& e, index_t lo, index_t hi, index_t per, F& f) {
  if (hi - lo <= 8 || (hi - lo) * per <= lazy_reduce_slice)
    return f(eval(lazy_expr<T>(lazy_slice(*e.node(), 0, lo, hi - lo))));
  const index_t mid = lo + (hi - lo) / 2;
  auto left = lazy_sum_rows(e, lo, mid, per, f);
  return add(left, lazy_sum_rows(e, mid, hi, per, f), left);
}

// f(array) is the eager reduction with the caller's arguments; `row_sum` says it is a
// plain sum (whose row tree lazy_sum_rows follows).
template <element T, class F>
auto lazy_reduce(const lazy_expr<T>& e, const axis_mask& m, F&& f, bool row_sum = false) {
  using R = decltype(f(std::declval<const array<T>&>()));
  if constexpr (!any_array<R>) {
    return f(eval(e));
  } else {
    const int nd = e.ndim();
    int reduced = 0;
    for (int k = 0; k < nd; ++k) reduced += m.reduced[k];
    if (row_sum && nd >= 2 && e.size() > 0 && reduced == 1 && m.reduced[0] && e.shape()[nd - 1] > 1)
      return lazy_sum_rows(e, 0, e.shape()[0], e.size() / e.shape()[0], f);
    int axis = -1;
    if (nd >= 2 && e.size() > 0) {
      if (!m.reduced[0]) axis = 0;
      else if (!m.reduced[nd - 1] && e.shape()[nd - 1] >= 128) axis = nd - 1;
    }
    if (axis < 0) return f(eval(e));
    const index_t n = e.shape()[axis], per = e.size() / n;
    // Slices along the last axis are whole SIMD vectors and cache lines wide, and at
    // least 256 wide: each of their rows is one engine call.
    index_t len = std::max<index_t>(2, lazy_reduce_slice / per);
    if (axis > 0) len = std::max<index_t>(256, len / 64 * 64);
    if (len >= n) return f(eval(e));
    std::optional<R> out;
    for (index_t start = 0; start < n;) {
      index_t l = std::min(len, n - start);
      if (n - start - l < 2) l = n - start;  // never a slice of 1 (its axis would be dropped)
      const R r = f(eval(lazy_expr<T>(lazy_slice(*e.node(), axis, start, l))));
      const int ra = axis == 0 ? 0 : r.ndim() - 1;
      if (start == 0) {
        shape_t s(r.shape());
        s[ra] = n;
        out.emplace(s);
      }
      if (ra == 0) copyto((*out)(slice(start, start + l)), r);
      else copyto((*out)(ellipsis, slice(start, start + l)), r);
      start += l;
    }
    return *std::move(out);
  }
}

}  // namespace detail

#define ND_LAZY_REDUCTION(name, call, row_sum)                                                                  \
  template <element T, class... Args>                                                                           \
  auto name(const lazy_expr<T>& e, const Args&... args) {                                                       \
    return detail::lazy_reduce(                                                                                 \
        e, detail::lazy_axes(e.shape(), args...), [&](const auto& a) { return call(a, args...); }, row_sum);    \
  }                                                                                                             \
  template <element T, class... Args>                                                                           \
  auto name(const lazy_expr<T>& e, std::initializer_list<int> axes, const Args&... args) {                      \
    return detail::lazy_reduce(                                                                                 \
        e, detail::axes_from(e.shape(), axes), [&](const auto& a) { return call(a, axes, args...); }, row_sum); \
  }
ND_LAZY_REDUCTION(sum, nd::sum, true)
ND_LAZY_REDUCTION(prod, nd::prod, false)
ND_LAZY_REDUCTION(mean, nd::mean, false)
ND_LAZY_REDUCTION(var, nd::var, false)
ND_LAZY_REDUCTION(stddev, nd::stddev, false)
ND_LAZY_REDUCTION(min, nd::min, false)
ND_LAZY_REDUCTION(max, nd::max, false)
ND_LAZY_REDUCTION(any, nd::any, false)
namespace detail {
ND_LAZY_REDUCTION(reduce_all, detail::reduce_all, false)
}  // namespace detail
#undef ND_LAZY_REDUCTION

}  // namespace nd
