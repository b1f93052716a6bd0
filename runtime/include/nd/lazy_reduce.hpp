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
// of rows that stay in cache. A sum or a floating mean over all axes follows the eager
// pairwise tree (lazy_sum_flat), nodes of it small enough evaluated one at a time into
// one buffer. Other reductions over all axes, or where neither axis 0 nor the last
// one is kept, evaluate the whole operand first.
#pragma once
// IWYU pragma: private, include <nd/nd.hpp>

#include <algorithm>
#include <optional>
#include <type_traits>

#include "nd/from_memory.hpp"
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

// Where the eager sum of a contiguous run of n elements of type t splits it in two (0:
// a leaf), the kernels' pairwise tree (reduce_kernels.cpp).
index_t lazy_sum_split(dtype t, index_t n);
// a + b as the engine adds two halves of a sum (reduce_engine.cpp): integers wrap.
float reduce_sum_pair(float a, float b);
double reduce_sum_pair(double a, double b);
std::int64_t reduce_sum_pair(std::int64_t a, std::int64_t b);

// Elements [lo, lo + n) of `node` in C order (its axes before k have length 1), into
// the contiguous memory at `to`: the whole rows of axis k in one evaluation, a partial
// row at either end through axis k + 1. Each element is computed as in the whole
// evaluation: the kernels compute a vector's tail padded through the same vector code.
template <element T>
void lazy_eval_flat(const lazy_ptr& node, int k, index_t lo, index_t n, T* to) {
  const shape_t& shape = node->shape;
  const int nd = static_cast<int>(shape.size());
  index_t per = 1;
  for (int j = k + 1; j < nd; ++j) per *= shape[j];
  auto rows = [&](index_t first, index_t count) {
    shape_t s(shape);
    s[k] = count;
    array<T> dst = from_data(to, s);
    eval(lazy_expr<T>(lazy_slice(*node, k, first, count)), dst);
    to += count * per;
  };
  if (per == 1) return rows(lo, n);
  if (const index_t skip = lo % per) {
    const index_t m = std::min(n, per - skip);
    lazy_eval_flat<T>(lazy_slice(*node, k, lo / per, 1), k + 1, skip, m, to);
    to += m, lo += m, n -= m;
  }
  if (const index_t whole = n / per) rows(lo / per, whole), lo += whole * per, n -= whole * per;
  if (n > 0) lazy_eval_flat<T>(lazy_slice(*node, k, lo / per, 1), k + 1, 0, n, to);
}

// The sum of elements [lo, lo + n) of an expression in C order, as eager sums the
// evaluated operand (C-ordered, so its axes coalesce into one contiguous run): the
// kernels' pairwise tree, which depends on n only (not on alignment, nor on the thread
// count: reduce_engine.cpp shares out the same tree). A node small enough is evaluated
// into `buf` and summed there, which sums it with the same tree; two halves are added
// as the engine adds them.
template <element T>
auto lazy_sum_flat(const lazy_expr<T>& e, index_t lo, index_t n, array<T>& buf) {
  const index_t half = n > lazy_reduce_slice ? lazy_sum_split(dtype_of<T>(), n) : 0;
  if (half == 0) {
    lazy_eval_flat<T>(e.node(), 0, lo, n, buf.data());
    return nd::sum(buf(slice(0, n)));
  }
  auto left = lazy_sum_flat(e, lo, half, buf);
  return reduce_sum_pair(left, lazy_sum_flat(e, lo + half, n - half, buf));
}

// Which eager reduction f is, where the lazy one can follow its summation tree.
enum class lazy_fold { other, sum, mean };

// f(array) is the eager reduction with the caller's arguments; `fold` says whether it is
// a plain sum (whose row and pairwise trees lazy_sum_rows and lazy_sum_flat follow) or a
// mean (a sum divided by the count).
template <element T, class F>
auto lazy_reduce(const lazy_expr<T>& e, const axis_mask& m, F&& f, lazy_fold fold = lazy_fold::other) {
  using R = decltype(f(std::declval<const array<T>&>()));
  const bool row_sum = fold == lazy_fold::sum;
  if constexpr (!any_array<R>) {
    // mean = sum / count in the mean type (mean_new), which is T for floating T; an
    // integer mean sums in double along another tree.
    const bool flat = e.size() > lazy_reduce_slice &&
                      (fold == lazy_fold::sum || (fold == lazy_fold::mean && std::is_floating_point_v<T>));
    if (!flat) return f(eval(e));
    array<T> buf(shape_t{lazy_reduce_slice});  // one buffer for every node: one allocation
    const auto total = lazy_sum_flat(e, 0, e.size(), buf);
    // Additions of numbers commute exactly; which of two NaNs an addition keeps is up to
    // the compiled code, which differs between eager's levels of the tree and threads.
    // A NaN sum is therefore taken from the eager sum of the value, as eager computes it.
    if constexpr (std::is_floating_point_v<decltype(total)>)
      if (total != total) return f(eval(e));
    if (fold == lazy_fold::sum) return static_cast<R>(total);
    return static_cast<R>(total / static_cast<R>(e.size()));
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

#define ND_LAZY_REDUCTION(name, call, fold)                                                                  \
  template <element T, class... Args>                                                                        \
  auto name(const lazy_expr<T>& e, const Args&... args) {                                                    \
    return detail::lazy_reduce(                                                                              \
        e, detail::lazy_axes(e.shape(), args...), [&](const auto& a) { return call(a, args...); }, fold);    \
  }                                                                                                          \
  template <element T, class... Args>                                                                        \
  auto name(const lazy_expr<T>& e, std::initializer_list<int> axes, const Args&... args) {                   \
    return detail::lazy_reduce(                                                                              \
        e, detail::axes_from(e.shape(), axes), [&](const auto& a) { return call(a, axes, args...); }, fold); \
  }
ND_LAZY_REDUCTION(sum, nd::sum, detail::lazy_fold::sum)
ND_LAZY_REDUCTION(prod, nd::prod, detail::lazy_fold::other)
ND_LAZY_REDUCTION(mean, nd::mean, detail::lazy_fold::mean)
ND_LAZY_REDUCTION(var, nd::var, detail::lazy_fold::other)
ND_LAZY_REDUCTION(stddev, nd::stddev, detail::lazy_fold::other)
ND_LAZY_REDUCTION(min, nd::min, detail::lazy_fold::other)
ND_LAZY_REDUCTION(max, nd::max, detail::lazy_fold::other)
ND_LAZY_REDUCTION(any, nd::any, detail::lazy_fold::other)
namespace detail {
ND_LAZY_REDUCTION(reduce_all, detail::reduce_all, lazy_fold::other)
}  // namespace detail
#undef ND_LAZY_REDUCTION

}  // namespace nd
