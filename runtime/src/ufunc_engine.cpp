// The ufunc engine, structured as NumPy's: (1) the caller broadcasts the operands to
// one shape; (2) axes are dropped when of length 1, ordered by the output's strides and
// coalesced when contiguous across ALL operands; (3) the innermost axis is handed to a
// SIMD kernel (contiguous, repeated-operand or strided path); (4) operands of another
// dtype than the loop's are cast in buffered chunks, as NumPy's buffered iterator does.
#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <string>

#include "kernels/kernels.hpp"
#include "nd/array.hpp"
#include "nd/ufunc_engine.hpp"
#include "parallel.hpp"

namespace nd::detail {

const char* ufunc_name(ufunc_op op) { return ufunc_info(op).numpy; }

int ufunc_arity(ufunc_op op) { return ufunc_info(op).arity; }

bool ufunc_returns_bool(ufunc_op op) { return ufunc_info(op).result == ufunc_result::to_bool; }

static int dtype_kind(dtype t) {
  switch (t) {
    case dtype::bool_: return 0;
    case dtype::int32:
    case dtype::int64: return 1;
    default: return 2;
  }
}

bool can_cast_same_kind(dtype from, dtype to) { return dtype_kind(from) <= dtype_kind(to); }

namespace {

constexpr int max_operands = 4;
// Elements per cast buffer: big enough to amortise the kernel call, small enough to
// stay in L1 with four operands.
constexpr index_t chunk = 1024;

struct loop_plan {
  int ndim = 0;
  index_t dims[max_dims];
  index_t strides[max_operands][max_dims];  // in elements
};

// Steps 2 of the engine: drop length-1 axes, order by the output's strides (largest
// first, stable, so C order stays C order) and merge axes contiguous in every operand.
void plan_axes(loop_plan& p, int nops) {
  int m = 0;
  for (int k = 0; k < p.ndim; ++k) {
    if (p.dims[k] == 1) continue;
    p.dims[m] = p.dims[k];
    for (int o = 0; o < nops; ++o) p.strides[o][m] = p.strides[o][k];
    ++m;
  }
  p.ndim = m;
  for (int k = 1; k < m; ++k) {
    for (int j = k; j > 0 && std::abs(p.strides[0][j - 1]) < std::abs(p.strides[0][j]); --j) {
      std::swap(p.dims[j - 1], p.dims[j]);
      for (int o = 0; o < nops; ++o) std::swap(p.strides[o][j - 1], p.strides[o][j]);
    }
  }
  if (m == 0) return;
  int out = 0;
  for (int k = 1; k < m; ++k) {
    bool mergeable = true;
    for (int o = 0; o < nops; ++o) mergeable = mergeable && p.strides[o][out] == p.dims[k] * p.strides[o][k];
    if (mergeable) {
      p.dims[out] *= p.dims[k];
      for (int o = 0; o < nops; ++o) p.strides[o][out] = p.strides[o][k];
    } else {
      ++out;
      p.dims[out] = p.dims[k];
      for (int o = 0; o < nops; ++o) p.strides[o][out] = p.strides[o][k];
    }
  }
  p.ndim = out + 1;
}

struct inner_call {
  ufunc_op op;
  dtype compute;  // the loop's dtype
  dtype result;   // what the kernel writes: compute, or bool
  int nin;
  dtype in_types[3];
  dtype want[3];  // the dtype the kernel reads for each input
  dtype out_type;
  bool casting;  // some operand needs a cast

  void kernel(index_t n, const void* const* p, const index_t* s, void* out, index_t so) const {
    switch (nin) {
      case 1: unary_kernel(op, compute, n, p[0], s[0], out, so); break;
      case 2: binary_kernel(op, compute, n, p[0], s[0], p[1], s[1], out, so); break;
      default: ternary_kernel(op, compute, n, p[0], s[0], p[1], s[1], p[2], s[2], out, so); break;
    }
  }

  // Step 3/4: the innermost axis, n elements; pointers already at its start.
  void run(index_t n, const std::byte* const* in, const index_t* in_s, std::byte* out, index_t out_s) const {
    if (op == ufunc_op::copy) {
      cast_kernel(in_types[0], out_type, n, in[0], in_s[0], out, out_s);
      return;
    }
    if (!casting) {
      const void* p[3] = {in[0], nin > 1 ? in[1] : nullptr, nin > 2 ? in[2] : nullptr};
      kernel(n, p, in_s, out, out_s);
      return;
    }
    alignas(64) std::byte buffers[max_operands][chunk * 8];
    const void* p[3];
    index_t s[3];
    // Repeated (stride-0) operands are cast once, not per chunk.
    for (int i = 0; i < nin; ++i) {
      if (in_types[i] != want[i] && in_s[i] == 0) {
        cast_kernel(in_types[i], want[i], 1, in[i], 0, buffers[i], 1);
        p[i] = buffers[i];
        s[i] = 0;
      }
    }
    const bool cast_out = out_type != result;
    for (index_t off = 0; off < n; off += chunk) {
      const index_t len = std::min(chunk, n - off);
      for (int i = 0; i < nin; ++i) {
        const std::byte* src = in[i] + off * in_s[i] * dtype_size(in_types[i]);
        if (in_types[i] == want[i]) {
          p[i] = src;
          s[i] = in_s[i];
        } else if (in_s[i] != 0) {
          cast_kernel(in_types[i], want[i], len, src, in_s[i], buffers[i], 1);
          p[i] = buffers[i];
          s[i] = 1;
        }
      }
      std::byte* dst = out + off * out_s * dtype_size(out_type);
      if (cast_out) {
        kernel(len, p, s, buffers[3], 1);
        cast_kernel(result, out_type, len, buffers[3], 1, dst, out_s);
      } else {
        kernel(len, p, s, dst, out_s);
      }
    }
  }
};

// Step 5: the loops over the planned axes. The outer axes (all but the innermost) are
// walked in C order as "rows" of `inner` elements; a block of the loop is a range of
// rows, or a range of columns of one row.
struct loop_nest {
  loop_nest(const loop_plan& p, const inner_call& c, int n) : plan(p), call(c), nops(n) {
    const int nd = plan.ndim;
    inner = nd ? plan.dims[nd - 1] : 1;
    rows = 1;
    for (int k = 0; k + 1 < nd; ++k) rows *= plan.dims[k];
    for (int o = 0; o < nops; ++o) inner_s[o] = nd ? plan.strides[o][nd - 1] : 0;
  }

  // Rows [r0, r1), columns [c0, c1) of each.
  void run(index_t r0, index_t r1, index_t c0, index_t c1) const {
    const int outer = plan.ndim - 1;
    index_t counter[max_dims] = {};
    std::byte* ptr[max_operands];
    for (int o = 0; o < nops; ++o) ptr[o] = base[o] + c0 * inner_s[o] * elem[o];
    for (index_t r = r0, k = outer - 1; k >= 0; --k) {  // unravel r0 over the outer axes
      counter[k] = r % plan.dims[k];
      r /= plan.dims[k];
      for (int o = 0; o < nops; ++o) ptr[o] += counter[k] * plan.strides[o][k] * elem[o];
    }
    for (index_t row = r0; row < r1; ++row) {
      call.run(c1 - c0, ptr + 1, inner_s + 1, ptr[0], inner_s[0]);
      for (index_t k = outer - 1; k >= 0; --k) {
        for (int o = 0; o < nops; ++o) ptr[o] += plan.strides[o][k] * elem[o];
        if (++counter[k] < plan.dims[k]) break;
        for (int o = 0; o < nops; ++o) ptr[o] -= plan.strides[o][k] * plan.dims[k] * elem[o];
        counter[k] = 0;
      }
    }
  }

  const loop_plan& plan;
  const inner_call& call;
  int nops;
  index_t inner, rows;
  index_t inner_s[max_operands];
  index_t elem[max_operands];
  std::byte* base[max_operands];
};

// Column blocks start on multiples of this many elements, so that every element falls
// in the same place of a SIMD vector (and of a streamed line) as in one whole row.
constexpr index_t column_alignment = 64;
// Tasks per loop at most: enough to balance uneven threads, few enough that each still
// streams long runs.
constexpr index_t max_loop_tasks = 256;

// Splits the nest into blocks of rows, or of columns when there are fewer rows than
// tasks, and runs them on the pool. Every element is computed by the same kernel code
// whatever block it falls in, so the result does not depend on the split.
void run_parallel(const loop_nest& nest, dtype out_type) {
  const index_t total = nest.rows * nest.inner;
  const index_t tasks = available_threads() > 1 ? tasks_for(total, max_loop_tasks) : 1;
  // Each row or block of a large output streams its stores, as the whole output would,
  // on one thread as on many.
  const bool stream = total * dtype_size(out_type) >= stream_output_bytes;
  auto in_block = [stream](auto&& body) {
    stream_large_output = stream;
    body();
    stream_large_output = false;
  };
  if (nest.rows >= tasks || tasks <= 1)
    return parallel_ranges(nest.rows, tasks,
                           [&](index_t r0, index_t r1) { in_block([&] { nest.run(r0, r1, 0, nest.inner); }); });
  const index_t per_row = (tasks + nest.rows - 1) / nest.rows;
  index_t width = (nest.inner + per_row - 1) / per_row;
  width = (width + column_alignment - 1) / column_alignment * column_alignment;
  const index_t blocks = (nest.inner + width - 1) / width;
  parallel_for(nest.rows * blocks, [&](index_t t) {
    const index_t row = t / blocks, c0 = t % blocks * width;
    in_block([&] { nest.run(row, row + 1, c0, std::min(nest.inner, c0 + width)); });
  });
}

}  // namespace

void run_ufunc(ufunc_op op, dtype compute, std::span<const index_t> shape, std::span<const operand> inputs,
               const operand& out) {
  for (index_t d : shape)
    if (d == 0) return;
  const int nin = static_cast<int>(inputs.size());
  const int nops = nin + 1;

  inner_call call{};
  call.op = op;
  call.compute = compute;
  call.result = ufunc_returns_bool(op) ? dtype::bool_ : compute;
  call.nin = nin;
  call.out_type = out.type;
  call.casting = out.type != call.result;
  for (int i = 0; i < nin; ++i) {
    call.in_types[i] = inputs[i].type;
    call.want[i] = (op == ufunc_op::where && i == 0) ? dtype::bool_ : compute;
    call.casting = call.casting || call.in_types[i] != call.want[i];
  }

  loop_plan plan;
  plan.ndim = static_cast<int>(shape.size());
  for (int k = 0; k < plan.ndim; ++k) {
    plan.dims[k] = shape[k];
    plan.strides[0][k] = out.strides[k];
    for (int i = 0; i < nin; ++i) plan.strides[i + 1][k] = inputs[i].strides[k];
  }
  plan_axes(plan, nops);

  loop_nest nest(plan, call, nops);
  for (int o = 0; o < nops; ++o) nest.elem[o] = dtype_size(o == 0 ? out.type : inputs[o - 1].type);
  nest.base[0] = static_cast<std::byte*>(const_cast<void*>(out.data));
  for (int i = 0; i < nin; ++i) nest.base[i + 1] = static_cast<std::byte*>(const_cast<void*>(inputs[i].data));
  run_parallel(nest, out.type);
}

}  // namespace nd::detail

namespace nd::detail {

void check_output_cast(ufunc_op op, dtype result, dtype out) {
  if (can_cast_same_kind(result, out)) return;
  throw type_error(std::string("Cannot cast ufunc '") + ufunc_name(op) + "' output from dtype('" + dtype_name(result) +
                   "') to dtype('" + dtype_name(out) + "') with casting rule 'same_kind'");
}

void throw_bool_negative() {
  throw type_error(
      "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not "
      "function instead.");
}

void throw_bool_subtract() {
  throw type_error(
      "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the "
      "logical_xor function instead.");
}

void throw_negative_integer_power() { throw value_error("Integers to negative integer powers are not allowed."); }

}  // namespace nd::detail

namespace nd::detail {

void throw_copyto_cast(dtype from, dtype to, bool from_scalar) {
  throw type_error(
      std::string(from_scalar ? "Cannot cast scalar from dtype('" : "Cannot cast array data from dtype('") +
      dtype_name(from) + "') to dtype('" + dtype_name(to) + "') according to the rule 'same_kind'");
}

void throw_copyto_shape(std::span<const index_t> from, std::span<const index_t> to) {
  throw shape_error("could not broadcast input array from shape " + to_string(from) + " into shape " + to_string(to));
}

void copy_to_c_order(dtype from, dtype to, std::span<const index_t> shape, std::span<const index_t> strides,
                     const void* src, void* dst) {
  const shape_t dst_strides = c_strides(shape);
  const operand in[] = {{src, from, strides.data()}};
  run_ufunc(ufunc_op::copy, to, shape, in, {dst, to, dst_strides.data()});
}

}  // namespace nd::detail
