// The scan engine (nd::cumsum, cumprod, cummax, cummin). NumPy defines a scan as a
// sequential accumulate, out[i] = op(out[i-1], in[i]) along the axis, and float sums and
// products depend on that order; so each line along the axis is combined in exactly
// that order (no pairwise or SIMD prefix tree, which would round differently), and the
// parallelism is across lines, whose boundaries depend on the shape only.
//
// The output is C-contiguous: out = (outer, n, inner) with n the axis length. Two loops:
//  - lines: each (outer, inner) position is a line of n elements, scanned by a scalar
//    loop that reads the input with any stride; used when inner is small (the axis is
//    innermost, or nearly so);
//  - rows: when inner is large (e.g. axis 0 of a C-order matrix), the element-wise SIMD
//    kernels combine the previous output row with the next input row, out[k] =
//    op(out[k-1], in[k]), in column blocks that stay in L1 over the whole axis. Every
//    element still sees the same sequence of operations as in the line loop.
#include <algorithm>
#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>

#include "kernels/kernels.hpp"
#include "kernels/scalar_ops.hpp"
#include "nd/scan.hpp"
#include "parallel.hpp"
#include "reduce_walk.hpp"

namespace nd::detail {

namespace {

using reduction::axes_t;

template <scan_op Op, class R>
R combine(R a, R b) {
  if constexpr (Op == scan_op::sum) return scalar::wrap_add(a, b);
  else if constexpr (Op == scan_op::prod) return scalar::wrap_mul(a, b);
  else if constexpr (Op == scan_op::max) return scalar::nan_max(a, b);
  else return scalar::nan_min(a, b);
}

ufunc_op row_op(scan_op op) {
  switch (op) {
    case scan_op::sum: return ufunc_op::add;
    case scan_op::prod: return ufunc_op::multiply;
    case scan_op::max: return ufunc_op::maximum;
    case scan_op::min: return ufunc_op::minimum;
  }
  return ufunc_op::add;
}

// Appends the axes [from, to) of (shape, strides) to `a`, with out's C strides, and
// merges neighbours that are contiguous in both (walk order stays C order).
void collect_axes(std::span<const index_t> shape, std::span<const index_t> strides, int from, int to, axes_t& a) {
  index_t out_stride = 1;
  for (int k = to - 1; k >= from; --k) {
    if (shape[k] != 1) {
      a.dims[a.n] = shape[k];
      a.in[a.n] = strides[k];
      a.out[a.n] = out_stride;
      ++a.n;
    }
    out_stride *= shape[k];
  }
  std::reverse(a.dims, a.dims + a.n);
  std::reverse(a.in, a.in + a.n);
  std::reverse(a.out, a.out + a.n);
  int o = 0;
  for (int k = 1; k < a.n; ++k) {
    if (a.in[o] == a.dims[k] * a.in[k] && a.out[o] == a.dims[k] * a.out[k]) {
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
  if (a.n > 0) a.n = o + 1;
}

template <class T, class R>
class scanner {
 public:
  scanner(scan_op op, std::span<const index_t> shape, const T* in, std::span<const index_t> in_strides, int axis,
          R* out)
      : op_(op), in_(in), out_(out), n_(shape[axis]), axis_stride_(in_strides[axis]) {
    const int nd = static_cast<int>(shape.size());
    collect_axes(shape, in_strides, 0, axis, outer_);
    collect_axes(shape, in_strides, axis + 1, nd, inner_);
    inner_size_ = 1;
    for (int k = axis + 1; k < nd; ++k) inner_size_ *= shape[k];
    for (int k = 0; k < outer_.n; ++k) outer_.out[k] *= n_ * inner_size_;
    // The lines: the outer axes, then the inner ones.
    lines_ = outer_;
    for (int k = 0; k < inner_.n; ++k) {
      lines_.dims[lines_.n] = inner_.dims[k];
      lines_.in[lines_.n] = inner_.in[k];
      lines_.out[lines_.n] = inner_.out[k];
      ++lines_.n;
    }
  }

  void run() const {
    if (inner_size_ >= min_row) run_rows();
    else run_lines();
  }

 private:
  // Below this many elements per row, one kernel call per row costs more than the
  // scalar line loop; the choice changes the speed, never a result.
  static constexpr index_t min_row = 64;
  static constexpr index_t block = 1024;  // columns per row block: 3 rows of them in L1
  static constexpr index_t max_tasks = 256;

  // out[i * so] = op(out[(i-1) * so], in[i * si]) for i < n, sequentially.
  template <scan_op Op>
  static void scan_line(index_t n, const T* in, index_t si, R* out, index_t so) {
    R acc = static_cast<R>(in[0]);
    out[0] = acc;
    for (index_t i = 1; i < n; ++i) {
      acc = combine<Op>(acc, static_cast<R>(in[i * si]));
      out[i * so] = acc;
    }
  }

  // Lines [first, last) of all (outer, inner) positions, in C order.
  template <scan_op Op>
  void lines_range(index_t first, index_t last) const {
    reduction::walk_range(lines_, lines_.n, first, last, [&](index_t i, index_t o) {
      scan_line<Op>(n_, in_ + i, axis_stride_, out_ + o, inner_size_);
    });
  }

  void run_lines() const {
    const index_t lines = reduction::count(lines_, lines_.n);
    const index_t tasks = std::min(lines, tasks_for(lines * n_, max_tasks));
    parallel_ranges(lines, tasks, [&](index_t first, index_t last) {
      switch (op_) {
        case scan_op::sum: return lines_range<scan_op::sum>(first, last);
        case scan_op::prod: return lines_range<scan_op::prod>(first, last);
        case scan_op::max: return lines_range<scan_op::max>(first, last);
        case scan_op::min: return lines_range<scan_op::min>(first, last);
      }
    });
  }

  // One column block [col, col + w) of one row of the inner axes, over the whole axis:
  // in0/out0 are the offsets of the row at axis index 0. `buf` holds w converted inputs.
  void scan_block(index_t in0, index_t out0, index_t s, index_t w, R* buf) const {
    const ufunc_op op = row_op(op_);
    const dtype t = dtype_of<T>(), r = dtype_of<R>();
    cast_kernel(t, r, w, in_ + in0, s, out_ + out0, 1);
    for (index_t k = 1; k < n_; ++k) {
      const T* row = in_ + in0 + k * axis_stride_;
      R* dst = out_ + out0 + k * inner_size_;
      if constexpr (std::is_same_v<T, R>) {
        binary_kernel(op, r, w, dst - inner_size_, 1, row, s, dst, 1);
      } else {
        cast_kernel(t, r, w, row, s, buf, 1);
        binary_kernel(op, r, w, dst - inner_size_, 1, buf, 1, dst, 1);
      }
    }
  }

  // Tasks are (outer index, inner row, column block), each independent.
  void run_rows() const {
    const index_t outer = reduction::count(outer_, outer_.n);
    const index_t len = inner_.dims[inner_.n - 1], s = inner_.in[inner_.n - 1];
    const index_t rows = reduction::count(inner_, inner_.n - 1);
    const index_t blocks = (len + block - 1) / block;
    const index_t total = outer * rows * blocks;
    auto run_tasks = [&](index_t first, index_t last) {
      std::unique_ptr<R[]> buf(std::is_same_v<T, R> ? nullptr : new R[block]);
      for (index_t t = first; t < last; ++t) {
        const index_t o = t / (rows * blocks), row = t / blocks % rows, col = t % blocks * block;
        const index_t i0 = reduction::unravel(outer_, outer_.n, o) + reduction::unravel(inner_, inner_.n - 1, row);
        index_t o0 = 0;
        for (index_t rest = o, k = outer_.n - 1; k >= 0; --k) {
          o0 += rest % outer_.dims[k] * outer_.out[k];
          rest /= outer_.dims[k];
        }
        for (index_t rest = row, k = inner_.n - 2; k >= 0; --k) {
          o0 += rest % inner_.dims[k] * inner_.out[k];
          rest /= inner_.dims[k];
        }
        scan_block(i0 + col * s, o0 + col, s, std::min(block, len - col), buf.get());
      }
    };
    parallel_ranges(total, std::min(total, tasks_for(outer * rows * len * n_, max_tasks)), run_tasks);
  }

  scan_op op_;
  const T* in_;
  R* out_;
  index_t n_, axis_stride_;
  axes_t outer_, inner_, lines_;
  index_t inner_size_ = 1;
};

template <class T, class R>
void scan_typed(scan_op op, std::span<const index_t> shape, const void* in, std::span<const index_t> in_strides,
                int axis, void* out) {
  for (index_t d : shape)
    if (d == 0) return;
  scanner<T, R>(op, shape, static_cast<const T*>(in), in_strides, axis, static_cast<R*>(out)).run();
}

}  // namespace

void run_scan(scan_op op, dtype in_type, dtype acc, std::span<const index_t> shape, const void* in,
              std::span<const index_t> in_strides, int axis, void* out) {
  auto go = [&]<class T, class R>(T*, R*) { scan_typed<T, R>(op, shape, in, in_strides, axis, out); };
  if (acc == dtype::int64 && in_type == dtype::bool_) return go((bool*)nullptr, (std::int64_t*)nullptr);
  if (acc == dtype::int64 && in_type == dtype::int32) return go((std::int32_t*)nullptr, (std::int64_t*)nullptr);
  if (acc != in_type)
    throw std::logic_error("run_scan: no scan from " + std::string(dtype_name(in_type)) + " into " + dtype_name(acc));
  switch (acc) {
    case dtype::bool_: return go((bool*)nullptr, (bool*)nullptr);
    case dtype::int32: return go((std::int32_t*)nullptr, (std::int32_t*)nullptr);
    case dtype::int64: return go((std::int64_t*)nullptr, (std::int64_t*)nullptr);
    case dtype::float32: return go((float*)nullptr, (float*)nullptr);
    case dtype::float64: return go((double*)nullptr, (double*)nullptr);
  }
}

int normalize_axis_index(int axis, int ndim) {
  if (axis < -ndim || axis >= ndim)
    throw index_error("axis " + std::to_string(axis) + " is out of bounds for array of dimension " +
                      std::to_string(ndim));
  return axis < 0 ? axis + ndim : axis;
}

void check_scan_out(std::span<const index_t> expected, std::span<const index_t> found) {
  if (shape_t(expected) == shape_t(found)) return;
  throw shape_error("provided out is the wrong shape for the accumulation: expected " + to_string(expected) +
                    ", found " + to_string(found));
}

void check_diff_arguments(int ndim, int n) {
  if (n < 0) throw value_error("order must be non-negative but got " + std::to_string(n));
  if (ndim == 0) throw value_error("diff requires input that is at least one dimensional");
}

}  // namespace nd::detail
