// The reduction engine. Axes are split into reduced and kept ones, each group ordered
// by stride and coalesced. Then one of two loops runs:
//  - the innermost (smallest-stride) axis is reduced: each output element reduces
//    contiguous runs with the SIMD run kernel (pairwise for float sums), and the runs'
//    results are combined pairwise;
//  - the innermost axis is kept (e.g. axis 0 of a C-order matrix): whole rows are
//    combined into the output with the SIMD element-wise kernels, in column blocks that
//    stay in cache, pairwise over the rows (leaves of 8 rows), so float sums stay as
//    accurate as pairwise summation while every add is a vector add.
// A sum may be "centred": it then sums (x - c)^2 with a centre c per output element, so
// var/std make no full-size temporary of deviations (NumPy's _var makes two). Each
// chunk or row is transformed in a cache-resident buffer before it is added.
#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <memory>
#include <type_traits>
#include <vector>

#include "kernels/kernels.hpp"
#include "kernels/scalar_ops.hpp"
#include "nd/ufunc_engine.hpp"
#include "parallel.hpp"
#include "reduce_walk.hpp"

namespace nd::detail {

namespace {

using namespace reduction;

template <class T>
T identity(reduce_op op) {
  switch (op) {
    case reduce_op::prod:
    case reduce_op::all: return T(1);
    default: return T(0);
  }
}

template <class R>
R combine(reduce_op op, R a, R b) {
  switch (op) {
    case reduce_op::sum: return scalar::wrap_add(a, b);
    case reduce_op::prod: return scalar::wrap_mul(a, b);
    case reduce_op::min: return scalar::nan_min(a, b);
    case reduce_op::max: return scalar::nan_max(a, b);
    case reduce_op::any: return a || b;
    case reduce_op::all: return a && b;
  }
  return a;
}

ufunc_op row_op(reduce_op op) {
  switch (op) {
    case reduce_op::sum: return ufunc_op::add;
    case reduce_op::prod: return ufunc_op::multiply;
    case reduce_op::min: return ufunc_op::minimum;
    case reduce_op::max: return ufunc_op::maximum;
    case reduce_op::any: return ufunc_op::logical_or;
    case reduce_op::all: return ufunc_op::logical_and;
  }
  return ufunc_op::add;
}

// R is the accumulator and result type (bool for any/all). The input may be of another
// dtype (bool or int32 summed as int64, integers averaged as float64): it is converted
// in cache-sized chunks, never as a whole temporary array.
template <class R>
class reducer {
 public:
  reducer(reduce_op op, const void* in, dtype in_type, const R* center)
      : op_(op),
        in_(static_cast<const std::byte*>(in)),
        in_type_(in_type),
        elem_(dtype_size(in_type)),
        // any/all read any dtype directly; other runs read R, converting if needed.
        run_type_((op == reduce_op::any || op == reduce_op::all) ? in_type : dtype_of<R>()),
        rows_direct_(in_type == dtype_of<R>() && center == nullptr),
        center_(center) {}

  void run(axes_t& kept, axes_t& red, R* out) const {
    if (red.n == 0) {
      // Nothing to reduce (all reduced axes have length 1): a converting copy.
      walk(kept, kept.n, [&](index_t i, index_t o) {
        if (center_) centred_squares(1, at(i), 1, center_ + o, 0, out + o);
        else cast_kernel(in_type_, dtype_of<R>(), 1, at(i), 1, out + o, 1);
      });
      return;
    }
    const bool inner_reduced = kept.n == 0 || std::abs(red.in[red.n - 1]) <= std::abs(kept.in[kept.n - 1]);
    if (inner_reduced) reduce_regions(kept, red, out);
    else reduce_rows(kept, red, out);
  }

 private:
  const std::byte* at(index_t offset) const { return in_ + offset * elem_; }

  static constexpr index_t chunk = 2048;
  // Runs longer than this split in two (run_split) even where one kernel call could
  // reduce them, so that threads can share them.
  static constexpr index_t long_run = 2 * default_parallel_grain;
  static constexpr index_t max_tasks = 256;

  // (x - c)^2 for n <= chunk elements, into buf (cache-resident).
  void centred_squares(index_t n, const std::byte* p, index_t s, const R* c, index_t cs, R* buf) const {
    cast_kernel(in_type_, dtype_of<R>(), n, p, s, buf, 1);
    binary_kernel(ufunc_op::subtract, dtype_of<R>(), n, buf, 1, c, cs, buf, 1);
    binary_kernel(ufunc_op::multiply, dtype_of<R>(), n, buf, 1, buf, 1, buf, 1);
  }

  // Whether a run's sum is the kernels' own pairwise float sum (reduce_kernel, or
  // centred_sum_kernel for a contiguous centred run), whose tree pairwise_split_kernel
  // describes.
  bool kernel_tree(index_t s) const {
    return std::is_floating_point_v<R> && op_ == reduce_op::sum && in_type_ == dtype_of<R>() &&
           (center_ == nullptr || s == 1);
  }

  // Where the pairwise tree of a run of n elements (stride s) splits it, or 0 for a leaf.
  // Besides the kernels' float sums: centred runs split into chunks (their leaves are
  // computed in a buffer), and other runs split when long enough to share among threads;
  // the halves are whole chunks. It depends on the run only, so that the result does not
  // depend on how many threads evaluate the tree.
  index_t run_split(index_t n, index_t s) const {
    if (kernel_tree(s)) return pairwise_split_kernel(in_type_, n, s);
    if (n <= (center_ ? chunk : long_run)) return 0;
    return (n / 2 + chunk - 1) / chunk * chunk;  // whole chunks, 0 < half < n
  }

  // One run of n elements with stride s (in input elements), pairwise along run_split.
  R reduce_run(index_t n, const std::byte* p, index_t s, R c) const {
    R r{};
    if (kernel_tree(s)) {
      if (center_) centred_sum_kernel(dtype_of<R>(), n, p, &c, &r);
      else reduce_kernel(op_, in_type_, n, p, s, &r);
      return r;
    }
    if (const index_t half = run_split(n, s))
      return combine<R>(op_, reduce_run(half, p, s, c), reduce_run(n - half, p + half * s * elem_, s, c));
    if (center_) {
      alignas(64) R buf[chunk];
      centred_squares(n, p, s, &c, 0, buf);
      reduce_kernel(reduce_op::sum, dtype_of<R>(), n, buf, 1, &r);
      return r;
    }
    if (run_type_ == in_type_) {
      reduce_kernel(op_, in_type_, n, p, s, &r);
      return r;
    }
    alignas(64) R buf[chunk];
    for (index_t off = 0; off < n; off += chunk) {
      const index_t len = std::min(chunk, n - off);
      cast_kernel(in_type_, dtype_of<R>(), len, p + off * s * elem_, s, buf, 1);
      R part{};
      reduce_kernel(op_, dtype_of<R>(), len, buf, 1, &part);
      r = off == 0 ? part : combine<R>(op_, r, part);
    }
    return r;
  }

  // Reduces runs [lo, hi) of the reduced region (each run = the innermost reduced axis),
  // combining run results pairwise.
  R reduce_region(index_t base, const axes_t& red, index_t lo, index_t hi, R c) const {
    if (hi - lo == 1)
      return reduce_run(red.dims[red.n - 1], at(base + unravel(red, red.n - 1, lo)), red.in[red.n - 1], c);
    const index_t mid = lo + (hi - lo) / 2;
    return combine<R>(op_, reduce_region(base, red, lo, mid, c), reduce_region(base, red, mid, hi, c));
  }

  // Every output reduces its region. Many outputs are shared among threads; a few
  // large ones (a whole-array sum) each share their pairwise tree.
  void reduce_regions(const axes_t& kept, const axes_t& red, R* out) const {
    const index_t outputs = count(kept, kept.n), per_output = count(red, red.n);
    const index_t tasks = std::min(outputs, tasks_for(outputs * per_output, max_tasks));
    const index_t runs = count(red, red.n - 1);
    auto reduce_one = [&](index_t i, index_t o) {
      out[o] = reduce_region(i, red, 0, runs, center_ ? center_[o] : R{});
    };
    if (tasks > 1 && outputs >= available_threads())
      return parallel_ranges(outputs, tasks,
                             [&](index_t first, index_t last) { walk_range(kept, kept.n, first, last, reduce_one); });
    if (per_output < 2 * parallel_grain() || available_threads() == 1) return walk(kept, kept.n, reduce_one);
    walk(kept, kept.n,
         [&](index_t i, index_t o) { out[o] = reduce_region_shared(i, red, center_ ? center_[o] : R{}); });
  }

  // A node of one output's pairwise tree: runs [lo, hi) of its region, or, when
  // hi == lo + 1, elements [first, first + n) of that one run.
  struct node {
    index_t lo, hi, first, n;
  };

  // The two halves of a node as reduce_region and reduce_run divide it, or false for
  // a leaf of their recursion.
  bool split(const axes_t& red, const node& x, node& a, node& b) const {
    const index_t run = red.dims[red.n - 1];
    if (x.hi - x.lo > 1) {
      const index_t mid = x.lo + (x.hi - x.lo) / 2;
      a = {x.lo, mid, 0, run};
      b = {mid, x.hi, 0, run};
      return true;
    }
    const index_t half = run_split(x.n, red.in[red.n - 1]);
    if (half == 0) return false;
    a = {x.lo, x.hi, x.first, half};
    b = {x.lo, x.hi, x.first + half, x.n - half};
    return true;
  }

  R reduce_node(index_t base, const axes_t& red, const node& x, R c) const {
    if (x.hi - x.lo > 1) return reduce_region(base, red, x.lo, x.hi, c);
    const index_t s = red.in[red.n - 1];
    return reduce_run(x.n, at(base + unravel(red, red.n - 1, x.lo) + x.first * s), s, c);
  }

  // The top levels of the tree, down to nodes of about the grain (at most 2^6 of them):
  // calls leaf(node) for each in order and inner(a, b) to combine two halves.
  template <class Leaf, class Inner>
  auto fold_tree(const axes_t& red, const node& x, int depth, Leaf&& leaf, Inner&& inner) const {
    node a, b;
    const index_t size = (x.hi - x.lo) * x.n;
    if (depth == 6 || size < 2 * parallel_grain() || !split(red, x, a, b)) return leaf(x);
    auto left = fold_tree(red, a, depth + 1, leaf, inner);
    return inner(left, fold_tree(red, b, depth + 1, leaf, inner));
  }

  // reduce_region over the whole region, the leaves of its top levels computed by
  // several threads and combined in the same order: the same result as one thread.
  R reduce_region_shared(index_t base, const axes_t& red, R c) const {
    const node root{0, count(red, red.n - 1), 0, red.dims[red.n - 1]};
    std::vector<node> leaves;
    fold_tree(
        red, root, 0,
        [&](const node& x) {
          leaves.push_back(x);
          return 0;
        },
        [](int, int) { return 0; });
    std::unique_ptr<R[]> results(new R[leaves.size()]);
    parallel_for(static_cast<index_t>(leaves.size()),
                 [&](index_t t) { results[t] = reduce_node(base, red, leaves[t], c); });
    std::size_t next = 0;
    return fold_tree(
        red, root, 0, [&](const node&) { return results[next++]; }, [&](R a, R b) { return combine<R>(op_, a, b); });
  }

  // The innermost kept axis is the row; every reduced multi-index is a row to combine.
  // Columns are independent: threads take blocks of them.
  void reduce_rows(const axes_t& kept, const axes_t& red, R* out) const {
    const index_t rows = count(red, red.n);
    const index_t len = kept.dims[kept.n - 1], in_s = kept.in[kept.n - 1], out_s = kept.out[kept.n - 1];
    const index_t outer = count(kept, kept.n - 1);
    int depth = 2;
    for (index_t r = rows; r > 8; r = (r + 1) / 2) ++depth;
    // Whole rows up to `width` elements: reading rows in full keeps the hardware
    // prefetcher streaming, while the accumulators of every level still fit in L2.
    // Shared among threads, a row is cut into blocks of at least `min_width` (whole
    // SIMD vectors and cache lines, so every column is summed as in a whole row).
    constexpr index_t width = 4096;
    const index_t min_width = std::min<index_t>(512, (parallel_grain() + 63) / 64 * 64);
    const index_t wanted = available_threads() > 1 ? tasks_for(outer * len * rows, 2 * available_threads()) : 1;
    index_t block = width;
    if (outer * ((len + width - 1) / width) < wanted) {
      const index_t per_row = (wanted + outer - 1) / outer;
      block = std::clamp((len + per_row - 1) / per_row, min_width, width);
      block = (block + 63) / 64 * 64;
    }
    const index_t blocks = (len + block - 1) / block;

    auto run_blocks = [&](index_t first, index_t last) {
      // One block of `block` per recursion level, plus one to convert rows.
      std::unique_ptr<R[]> scratch(new R[static_cast<std::size_t>(block * (depth + 1))]);
      for (index_t t = first; t < last; ++t) {
        const index_t col = t % blocks * block, w = std::min(block, len - col);
        walk_range(kept, kept.n - 1, t / blocks, t / blocks + 1, [&](index_t i0, index_t o0) {
          R* acc = scratch.get();
          const R* c = center_ ? center_ + o0 + col * out_s : nullptr;
          combine_rows(i0 + col * in_s, in_s, red, 0, rows, acc, scratch.get() + block, w, c, out_s);
          cast_kernel(dtype_of<R>(), dtype_of<R>(), w, acc, 1, out + o0 + col * out_s, out_s);
        });
      }
    };
    const index_t total = outer * blocks;
    if (wanted <= 1 || total <= 1) return run_blocks(0, total);
    parallel_for(total, [&](index_t t) { run_blocks(t, t + 1); });
  }

  // dst[0:w] = combination of rows [lo, hi); `spare` has room for the deeper levels.
  // c (stride cs): the centres of a centred sum, else null.
  void combine_rows(index_t base, index_t s, const axes_t& red, index_t lo, index_t hi, R* dst, R* spare, index_t w,
                    const R* c, index_t cs) const {
    const ufunc_op combine_op = row_op(op_);
    if (hi - lo <= 8) {
      // Float sums of contiguous rows of the accumulator's type (centred or not): one
      // pass over the leaf's rows.
      if (std::is_floating_point_v<R> && op_ == reduce_op::sum && s == 1 && in_type_ == dtype_of<R>() &&
          (c == nullptr || cs == 1)) {
        const void* rows[8];
        for (index_t r = lo; r < hi; ++r) rows[r - lo] = at(base + unravel(red, red.n, r));
        sum_rows_kernel(dtype_of<R>(), w, rows, static_cast<int>(hi - lo), c, dst);
        return;
      }
      if (c) centred_squares(w, at(base + unravel(red, red.n, lo)), s, c, cs, dst);
      else cast_kernel(in_type_, dtype_of<R>(), w, at(base + unravel(red, red.n, lo)), s, dst, 1);
      for (index_t r = lo + 1; r < hi; ++r) {
        const std::byte* row = at(base + unravel(red, red.n, r));
        if (rows_direct_) {
          binary_kernel(combine_op, dtype_of<R>(), w, dst, 1, row, s, dst, 1);
        } else if (c) {
          centred_squares(w, row, s, c, cs, spare);
          binary_kernel(combine_op, dtype_of<R>(), w, dst, 1, spare, 1, dst, 1);
        } else {
          cast_kernel(in_type_, dtype_of<R>(), w, row, s, spare, 1);
          binary_kernel(combine_op, dtype_of<R>(), w, dst, 1, spare, 1, dst, 1);
        }
      }
      return;
    }
    const index_t mid = lo + (hi - lo) / 2;
    combine_rows(base, s, red, lo, mid, dst, spare, w, c, cs);
    combine_rows(base, s, red, mid, hi, spare, spare + w, w, c, cs);
    binary_kernel(combine_op, dtype_of<R>(), w, dst, 1, spare, 1, dst, 1);
  }

  reduce_op op_;
  const std::byte* in_;
  dtype in_type_;
  index_t elem_;
  dtype run_type_;
  bool rows_direct_;
  const R* center_;
};

template <class R>
void reduce_typed(reduce_op op, std::span<const index_t> shape, const void* in, dtype in_type,
                  std::span<const index_t> in_strides, const bool* reduced, R* out, const index_t* out_strides,
                  const R* center) {
  axes_t kept, red;
  bool empty_reduction = false;
  if (!split_axes(shape, in_strides, reduced, out_strides, kept, red, empty_reduction)) return;
  if (empty_reduction) {
    // Reducing over nothing gives the identity (callers reject min/max before this).
    walk(kept, kept.n, [&](index_t, index_t o) { out[o] = identity<R>(op); });
    return;
  }
  reducer<R>(op, in, in_type, center).run(kept, red, out);
}

template <class T>
void arg_reduce_typed(bool is_max, std::span<const index_t> shape, const T* in, std::span<const index_t> in_strides,
                      int axis, std::int64_t* out, const index_t* out_strides) {
  axes_t kept;
  for (int k = 0; k < static_cast<int>(shape.size()); ++k) {
    if (k == axis) continue;
    kept.dims[kept.n] = shape[k];
    kept.in[kept.n] = in_strides[k];
    kept.out[kept.n] = out_strides[k];
    ++kept.n;
  }
  for (int k = 0; k < kept.n; ++k)
    if (kept.dims[k] == 0) return;
  const index_t n = shape[axis], s = in_strides[axis];
  walk(kept, kept.n, [&](index_t i0, index_t o0) {
    const T* p = in + i0;
    T best = p[0];
    index_t at = 0;
    for (index_t i = 1; i < n; ++i) {
      if constexpr (std::is_floating_point_v<T>)
        if (best != best) break;  // the first NaN wins, as in NumPy
      const T v = p[i * s];
      bool better = is_max ? v > best : v < best;
      if constexpr (std::is_floating_point_v<T>) better = better || v != v;
      if (better) {
        best = v;
        at = i;
      }
    }
    out[o0] = at;
  });
}

}  // namespace

void run_reduce(reduce_op op, dtype in_type, dtype acc, std::span<const index_t> shape, const void* in,
                std::span<const index_t> in_strides, const bool* reduced, void* out, const index_t* out_strides,
                const void* center) {
  auto typed = [&]<class R>(R* o) {
    reduce_typed(op, shape, in, in_type, in_strides, reduced, o, out_strides, static_cast<const R*>(center));
  };
  if (op == reduce_op::any || op == reduce_op::all) return typed(static_cast<bool*>(out));
  switch (acc) {
    case dtype::bool_: return typed(static_cast<bool*>(out));
    case dtype::int32: return typed(static_cast<std::int32_t*>(out));
    case dtype::int64: return typed(static_cast<std::int64_t*>(out));
    case dtype::float32: return typed(static_cast<float*>(out));
    case dtype::float64: return typed(static_cast<double*>(out));
  }
}

void run_arg_reduce(bool is_max, dtype type, std::span<const index_t> shape, const void* in,
                    std::span<const index_t> in_strides, int axis, std::int64_t* out, const index_t* out_strides) {
  switch (type) {
    case dtype::bool_:
      return arg_reduce_typed(is_max, shape, static_cast<const bool*>(in), in_strides, axis, out, out_strides);
    case dtype::int32:
      return arg_reduce_typed(is_max, shape, static_cast<const std::int32_t*>(in), in_strides, axis, out, out_strides);
    case dtype::int64:
      return arg_reduce_typed(is_max, shape, static_cast<const std::int64_t*>(in), in_strides, axis, out, out_strides);
    case dtype::float32:
      return arg_reduce_typed(is_max, shape, static_cast<const float*>(in), in_strides, axis, out, out_strides);
    case dtype::float64:
      return arg_reduce_typed(is_max, shape, static_cast<const double*>(in), in_strides, axis, out, out_strides);
  }
}

// The engine's own combination of two halves of a sum, for a lazy sum that follows its
// tree (nd/lazy_reduce.hpp): integer sums wrap as here.
float reduce_sum_pair(float a, float b) { return combine<float>(reduce_op::sum, a, b); }
double reduce_sum_pair(double a, double b) { return combine<double>(reduce_op::sum, a, b); }
std::int64_t reduce_sum_pair(std::int64_t a, std::int64_t b) { return combine<std::int64_t>(reduce_op::sum, a, b); }

}  // namespace nd::detail
