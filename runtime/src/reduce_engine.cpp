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

#include "kernels/kernels.hpp"
#include "kernels/scalar_ops.hpp"
#include "nd/ufunc_engine.hpp"

namespace nd::detail {

namespace {

index_t dtype_size(dtype t) {
  switch (t) {
    case dtype::bool_: return 1;
    case dtype::int32:
    case dtype::float32: return 4;
    default: return 8;
  }
}

struct axes_t {
  int n = 0;
  index_t dims[max_dims];
  index_t in[max_dims];   // input strides, elements
  index_t out[max_dims];  // output strides, elements (kept axes only)
};

// Orders axes by |input stride|, largest first, and merges axes contiguous in the
// input (and, for kept axes, in the output too).
void order_and_coalesce(axes_t& a, bool with_out) {
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

// Calls f(in_offset, out_offset) for every multi-index of the first `n` axes of `a`.
template <class F>
void walk(const axes_t& a, int n, F&& f) {
  index_t counter[max_dims] = {};
  index_t in_off = 0, out_off = 0;
  for (;;) {
    f(in_off, out_off);
    int k = n - 1;
    for (; k >= 0; --k) {
      in_off += a.in[k];
      out_off += a.out[k];
      if (++counter[k] < a.dims[k]) break;
      in_off -= a.in[k] * a.dims[k];
      out_off -= a.out[k] * a.dims[k];
      counter[k] = 0;
    }
    if (k < 0) return;
  }
}

// Input offset of the flat index `i` over the first `n` axes of `a` (C order).
index_t unravel(const axes_t& a, int n, index_t i) {
  index_t off = 0;
  for (int k = n - 1; k >= 0; --k) {
    off += (i % a.dims[k]) * a.in[k];
    i /= a.dims[k];
  }
  return off;
}

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
    if (inner_reduced) {
      walk(kept, kept.n, [&](index_t i, index_t o) {
        out[o] = reduce_region(i, red, 0, outer_count(red), center_ ? center_[o] : R{});
      });
    } else {
      reduce_rows(kept, red, out);
    }
  }

 private:
  const std::byte* at(index_t offset) const { return in_ + offset * elem_; }

  static index_t outer_count(const axes_t& red) {
    index_t m = 1;
    for (int k = 0; k + 1 < red.n; ++k) m *= red.dims[k];
    return m;
  }

  static constexpr index_t chunk = 2048;

  // (x - c)^2 for n <= chunk elements, into buf (cache-resident).
  void centred_squares(index_t n, const std::byte* p, index_t s, const R* c, index_t cs, R* buf) const {
    cast_kernel(in_type_, dtype_of<R>(), n, p, s, buf, 1);
    binary_kernel(ufunc_op::subtract, dtype_of<R>(), n, buf, 1, c, cs, buf, 1);
    binary_kernel(ufunc_op::multiply, dtype_of<R>(), n, buf, 1, buf, 1, buf, 1);
  }

  // Sum of (x - c)^2 over a run, pairwise over chunks.
  R centred_run(index_t n, const std::byte* p, index_t s, R c) const {
    if constexpr (std::is_floating_point_v<R>) {
      if (s == 1 && in_type_ == dtype_of<R>()) {
        R r{};
        centred_sum_kernel(dtype_of<R>(), n, p, &c, &r);
        return r;
      }
    }
    if (n > chunk) {
      const index_t half = (n / 2 + chunk - 1) / chunk * chunk;  // whole chunks, 0 < half < n
      return centred_run(half, p, s, c) + centred_run(n - half, p + half * s * elem_, s, c);
    }
    alignas(64) R buf[chunk];
    centred_squares(n, p, s, &c, 0, buf);
    R r{};
    reduce_kernel(reduce_op::sum, dtype_of<R>(), n, buf, 1, &r);
    return r;
  }

  // One run of n elements with stride s (in input elements).
  R reduce_run(index_t n, const std::byte* p, index_t s, R c) const {
    if (center_) return centred_run(n, p, s, c);
    R r{};
    if (run_type_ == in_type_) {
      reduce_kernel(op_, in_type_, n, p, s, &r);
      return r;
    }
    alignas(64) R buf[chunk];
    for (index_t off = 0; off < n; off += chunk) {
      const index_t len = std::min(chunk, n - off);
      cast_kernel(in_type_, dtype_of<R>(), len, p + off * s * elem_, s, buf, 1);
      R c{};
      reduce_kernel(op_, dtype_of<R>(), len, buf, 1, &c);
      r = off == 0 ? c : combine<R>(op_, r, c);
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

  // The innermost kept axis is the row; every reduced multi-index is a row to combine.
  void reduce_rows(const axes_t& kept, const axes_t& red, R* out) const {
    // Whole rows up to 4096 elements: reading rows in full keeps the hardware prefetcher
    // streaming, while the accumulators of every level still fit in L2.
    constexpr index_t width = 4096;
    const index_t rows = outer_count(red) * red.dims[red.n - 1];
    const index_t len = kept.dims[kept.n - 1], in_s = kept.in[kept.n - 1], out_s = kept.out[kept.n - 1];
    int depth = 2;
    for (index_t r = rows; r > 8; r = (r + 1) / 2) ++depth;
    // One block of `width` per recursion level, plus one to convert rows.
    std::unique_ptr<R[]> scratch(new R[static_cast<std::size_t>(width * (depth + 1))]);

    walk(kept, kept.n - 1, [&](index_t i0, index_t o0) {
      for (index_t col = 0; col < len; col += width) {
        const index_t w = std::min(width, len - col);
        R* acc = scratch.get();
        const R* c = center_ ? center_ + o0 + col * out_s : nullptr;
        combine_rows(i0 + col * in_s, in_s, red, 0, rows, acc, scratch.get() + width, w, c, out_s);
        cast_kernel(dtype_of<R>(), dtype_of<R>(), w, acc, 1, out + o0 + col * out_s, out_s);
      }
    });
  }

  // dst[0:w] = combination of rows [lo, hi); `spare` has room for the deeper levels.
  // c (stride cs): the centres of a centred sum, else null.
  void combine_rows(index_t base, index_t s, const axes_t& red, index_t lo, index_t hi, R* dst, R* spare,
                    index_t w, const R* c, index_t cs) const {
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
  bool empty_reduction = false, empty_output = false;
  for (std::size_t k = 0; k < shape.size(); ++k) {
    if (shape[k] == 0) (reduced[k] ? empty_reduction : empty_output) = true;
    if (shape[k] == 1) continue;
    axes_t& a = reduced[k] ? red : kept;
    a.dims[a.n] = shape[k];
    a.in[a.n] = in_strides[k];
    a.out[a.n] = reduced[k] ? 0 : out_strides[k];
    ++a.n;
  }
  if (empty_output) return;
  order_and_coalesce(red, false);
  order_and_coalesce(kept, true);
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
      return arg_reduce_typed(is_max, shape, static_cast<const std::int32_t*>(in), in_strides, axis, out,
                              out_strides);
    case dtype::int64:
      return arg_reduce_typed(is_max, shape, static_cast<const std::int64_t*>(in), in_strides, axis, out,
                              out_strides);
    case dtype::float32:
      return arg_reduce_typed(is_max, shape, static_cast<const float*>(in), in_strides, axis, out, out_strides);
    case dtype::float64:
      return arg_reduce_typed(is_max, shape, static_cast<const double*>(in), in_strides, axis, out, out_strides);
  }
}

}  // namespace nd::detail
