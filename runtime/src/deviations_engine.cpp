// var's one-pass engine: the sum of squared deviations of each output's elements from
// their own mean, reading the input from memory once where the layout allows it.
//
// var used to read its input twice from memory: once for the mean, once for the
// centred sum. Two layouts, the common ones, need only one read:
//  - the reduced axes coalesce into one contiguous run that fits in L2 (`var(m, 1)` of
//    a C-order matrix): each run's mean and then its centred sum are computed while
//    the run is still in cache, with the same kernels and in the same order as the two
//    passes, so the result is bit-for-bit the two-pass one;
//  - the innermost axis is kept and contiguous (`var(m, 0)`): the rows are taken in
//    leaves of at most 8, whose mean and centred sum leaf_moments_kernel computes from
//    registers and L1. Leaves are merged pairwise in a fixed tree with the update of
//    Chan, Golub and LeVeque (n = na + nb, d = mean_b - mean_a, mean = mean_a +
//    d * nb / n, M2 = M2a + M2b + d^2 * na * nb / n). Every row is first shifted by the
//    first row, so the merges combine means of deviations, not of the data: their
//    rounding does not grow with the data's magnitude. Measured against a long double
//    reference (test/runtime/reduce_test.cpp, VarOnePass): within 1e-11 relative for
//    1e12 + N(0, 1), where the two passes were 6e-8 off (5000 rows); without the shift the same
//    test fails from an offset of 1e8.
// The tree depends on the operand's shape only, and column blocks are independent, so
// the result is the same for any thread count. Every other layout returns false, and
// the caller makes the two passes.
#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <memory>
#include <utility>
#include <vector>

#include "kernels/kernels.hpp"
#include "nd/ufunc_engine.hpp"
#include "parallel.hpp"
#include "reduce_walk.hpp"

namespace nd::detail {

namespace {

using namespace reduction;

// A run of at most this many elements is read twice while it stays in L2 (256 KiB of
// doubles).
constexpr index_t cached_run = 32768;
// Rows of a leaf, as in the reduction engine's row sums: their vectors are read twice
// from L1 (leaf_moments_kernel).
constexpr int leaf_rows = 8;
// Columns of a block: runs of 4 KiB of doubles per row keep the prefetcher streaming,
// and the tree's (mean, m2) levels stay in L1 and L2.
constexpr index_t block_width = 512;
constexpr index_t max_tasks = 256;

// Runs `body(first, last)` over [0, items) in tasks of consecutive items, on the pool
// when the work (items * per_item elements) is large enough.
template <class F>
void share(index_t items, index_t per_item, index_t max_parts, F&& body) {
  parallel_ranges(items, available_threads() > 1 ? std::min(items, tasks_for(items * per_item, max_parts)) : 1,
                  std::forward<F>(body));
}

// Every output reduces one contiguous run of n elements that fits in cache: its mean,
// then the centred sum about it, exactly as the two passes compute them.
template <class R>
void deviations_of_runs(const R* in, const axes_t& kept, index_t n, R* out) {
  auto one = [&](index_t i, index_t o) {
    R sum{};
    reduce_kernel(reduce_op::sum, dtype_of<R>(), n, in + i, 1, &sum);
    const R mean = sum / static_cast<R>(n);
    centred_sum_kernel(dtype_of<R>(), n, in + i, &mean, out + o);
  };
  share(count(kept, kept.n), n, max_tasks,
        [&](index_t first, index_t last) { walk_range(kept, kept.n, first, last, one); });
}

// The innermost kept axis is contiguous: rows merged in a tree of leaves (see above),
// for column blocks of block_width. The tree halves [lo, hi) at lo + (hi - lo) / 2
// down to leaves of at most leaf_rows rows.
template <class R>
class row_moments {
 public:
  row_moments(const R* in, const axes_t& kept, const axes_t& red) : in_(in), kept_(kept), red_(red) {
    rows_ = count(red, red.n);
    len_ = kept.dims[kept.n - 1];
    blocks_ = (len_ + block_width - 1) / block_width;
    columns_ = count(kept, kept.n - 1) * blocks_;
    for (index_t r = rows_; r > leaf_rows; r = (r + 1) / 2) ++depth_;
  }

  void run(R* out) const {
    // With fewer column blocks than tasks worth making, the subtrees below the top
    // `split` levels of the tree become tasks of their own too. The tree is the same,
    // so is the result, for any split.
    const index_t elements = count(kept_, kept_.n) * rows_;
    const index_t wanted = available_threads() > 1 ? tasks_for(elements, max_tasks) : 1;
    int split = 0;
    while ((columns_ << split) < wanted && split < 6 && (rows_ >> (split + 1)) > 4 * leaf_rows) ++split;
    std::vector<node> parts;
    collect(0, rows_, split, parts);
    const index_t n_parts = static_cast<index_t>(parts.size());
    // Each part's (mean, m2) per column block; a part of the whole tree writes m2 only.
    std::unique_ptr<R[]> results(split == 0 ? nullptr
                                            : new R[static_cast<std::size_t>(columns_ * n_parts * 2 * block_width)]);
    auto slot = [&](index_t column, index_t part) {
      return results.get() + (column * n_parts + part) * 2 * block_width;
    };
    share(columns_ * n_parts, rows_ / n_parts * std::min(len_, block_width), max_tasks,
          [&](index_t first, index_t last) {
            std::unique_ptr<R[]> scratch(new R[static_cast<std::size_t>(2 * block_width * (depth_ + 2))]);
            for (index_t t = first; t < last; ++t) {
              const index_t column = t / n_parts, part = t % n_parts;
              at_column(column, [&](index_t base, index_t w) {
                R* mean = split == 0 ? scratch.get() : slot(column, part);
                R* m2 = mean + block_width;
                moments(base, in_ + base, parts[part].lo, parts[part].hi, mean, m2, scratch.get() + 2 * block_width, w);
                if (split == 0) write_column(column, m2, w, out);
              });
            }
          });
    if (split == 0) return;
    // Merging a column block's parts reads each part's (mean, m2) once.
    share(columns_, n_parts * 2 * std::min(len_, block_width), max_tasks, [&](index_t first, index_t last) {
      for (index_t column = first; column < last; ++column) {
        at_column(column, [&](index_t, index_t w) {
          index_t next = 0;
          const R* root = merge_parts(0, rows_, split, [&] { return slot(column, next++); }, w);
          write_column(column, root + block_width, w, out);
        });
      }
    });
  }

 private:
  struct node {
    index_t lo, hi;
  };

  // The nodes `levels` levels below [lo, hi), in order.
  static void collect(index_t lo, index_t hi, int levels, std::vector<node>& out) {
    if (levels == 0) return out.push_back({lo, hi});
    const index_t mid = lo + (hi - lo) / 2;
    collect(lo, mid, levels - 1, out);
    collect(mid, hi, levels - 1, out);
  }

  // Merges the parts below [lo, hi) as `moments` would; next_slot() gives each part's
  // (mean, m2) in order. Returns the slot holding the merged moments.
  template <class Next>
  static R* merge_parts(index_t lo, index_t hi, int levels, Next&& next_slot, index_t w) {
    if (levels == 0) return next_slot();
    const index_t mid = lo + (hi - lo) / 2;
    R* a = merge_parts(lo, mid, levels - 1, next_slot, w);
    R* b = merge_parts(mid, hi, levels - 1, next_slot, w);
    merge_moments_kernel(dtype_of<R>(), w, mid - lo, hi - mid, a, a + block_width, b, b + block_width);
    return a;
  }

  // f(base, width) for column block `column` (an outer index and a block of columns).
  template <class F>
  void at_column(index_t column, F&& f) const {
    const index_t col = column % blocks_ * block_width, w = std::min(block_width, len_ - col);
    walk_range(kept_, kept_.n - 1, column / blocks_, column / blocks_ + 1,
               [&](index_t i0, index_t) { f(i0 + col, w); });
  }

  void write_column(index_t column, const R* m2, index_t w, R* out) const {
    const index_t col = column % blocks_ * block_width, out_s = kept_.out[kept_.n - 1];
    walk_range(kept_, kept_.n - 1, column / blocks_, column / blocks_ + 1, [&](index_t, index_t o0) {
      cast_kernel(dtype_of<R>(), dtype_of<R>(), w, m2, 1, out + o0 + col * out_s, out_s);
    });
  }

  // mean[0:w] and m2[0:w] of rows [lo, hi) of the block at `base`, shifted by `shift`;
  // `spare` has room for the deeper levels' (mean, m2) pairs.
  void moments(index_t base, const R* shift, index_t lo, index_t hi, R* mean, R* m2, R* spare, index_t w) const {
    if (hi - lo <= leaf_rows) {
      const void* rows[leaf_rows];
      for (index_t r = lo; r < hi; ++r) rows[r - lo] = in_ + base + unravel(red_, red_.n, r);
      leaf_moments_kernel(dtype_of<R>(), w, rows, static_cast<int>(hi - lo), shift, mean, m2);
      return;
    }
    const index_t mid = lo + (hi - lo) / 2;
    R* mean_b = spare;
    R* m2_b = spare + block_width;
    moments(base, shift, lo, mid, mean, m2, spare, w);
    moments(base, shift, mid, hi, mean_b, m2_b, spare + 2 * block_width, w);
    merge_moments_kernel(dtype_of<R>(), w, mid - lo, hi - mid, mean, m2, mean_b, m2_b);
  }

  const R* in_;
  const axes_t& kept_;
  const axes_t& red_;
  index_t rows_ = 0, len_ = 0, blocks_ = 0, columns_ = 0;
  int depth_ = 1;
};

template <class R>
bool deviations_typed(std::span<const index_t> shape, const R* in, std::span<const index_t> in_strides,
                      const bool* reduced, R* out, const index_t* out_strides) {
  axes_t kept, red;
  bool empty_reduction = false;
  if (!split_axes(shape, in_strides, reduced, out_strides, kept, red, empty_reduction)) return true;
  if (empty_reduction || red.n == 0) return false;
  const bool inner_reduced = kept.n == 0 || std::abs(red.in[red.n - 1]) <= std::abs(kept.in[kept.n - 1]);
  if (inner_reduced) {
    if (red.n != 1 || red.in[0] != 1 || red.dims[0] > cached_run) return false;
    deviations_of_runs(in, kept, red.dims[0], out);
    return true;
  }
  if (kept.in[kept.n - 1] != 1) return false;
  row_moments<R>(in, kept, red).run(out);
  return true;
}

}  // namespace

bool run_squared_deviations(dtype type, std::span<const index_t> shape, const void* in,
                            std::span<const index_t> in_strides, const bool* reduced, void* out,
                            const index_t* out_strides) {
  switch (type) {
    case dtype::float32:
      return deviations_typed(shape, static_cast<const float*>(in), in_strides, reduced, static_cast<float*>(out),
                              out_strides);
    case dtype::float64:
      return deviations_typed(shape, static_cast<const double*>(in), in_strides, reduced, static_cast<double*>(out),
                              out_strides);
    default: return false;
  }
}

}  // namespace nd::detail
