// The fused evaluator behind nd::eval (nd/lazy.hpp).
//
// Bit-identity with eager code is by construction: every node runs through the same
// run_ufunc as the eager call would, on a 1-d run of elements, and sees for each element
// the same kind of operand layout the eager call gives its kernel (a leaf with its own
// stride along the innermost axis, an intermediate contiguous, a scalar repeated, the
// output with out's stride), because the kernels' vector and scalar paths may round
// transcendental functions differently. Where a fused pass cannot give a node that
// layout, the node is computed eagerly first (it is "materialised"), which is what eager
// code does anyway:
//  - a node of fewer elements than the result (a broadcast operand such as a column
//    mean): eager computes it once at its own shape, the pass would repeat it;
//  - every node below a root whose eager loop runs along another axis than the last
//    (an `out` that is not C-ordered, e.g. a transposed view);
//  - the exponent of an integer power, whose values must be checked before any write.
// An out that overlaps a leaf (other than element for element) is handled as eager
// handles it: the leaf is read from a copy made before the pass.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <vector>

#include "kernels/kernels.hpp"
#include "nd/lazy.hpp"
#include "parallel.hpp"

namespace nd::detail {
namespace {

// Elements per block: every node of a block writes a buffer of this many elements, and
// all of them, with the block's slices of the leaves, stay in L2 (2048 doubles are
// 16 KiB: a polynomial of 8 nodes keeps 128 KiB live), while each run_ufunc call still
// covers enough elements to amortise its set-up. numexpr uses 1-4k elements for the
// same reasons. bench/fusion on a shared, loaded machine could not tell 512 from
// 32768 apart (docs/runtime.md); the choice rests on that arithmetic.
constexpr index_t block_elems = 2048;

std::shared_ptr<void> allocate_bytes(index_t bytes) {
  const std::size_t n = static_cast<std::size_t>(std::max<index_t>(bytes, 64));
  void* p = ::operator new(n, std::align_val_t{64});
  return std::shared_ptr<void>(p, [](void* q) { ::operator delete(q, std::align_val_t{64}); });
}

// An array the pass reads: a leaf, a copy of one, or a materialised node.
struct array_ref {
  const void* data = nullptr;
  dtype type = dtype::bool_;
  shape_t shape, strides;
  const void* buffer = nullptr;  // the user's buffer, for overlap; null for our own
};

struct step {
  const lazy_node* node = nullptr;
  bool fused = false;            // computed block by block in the pass
  bool materialise = false;      // computed whole before the pass (or a leaf)
  array_ref value;               // leaves and materialised nodes
  int inputs[3] = {-1, -1, -1};  // steps of the inputs, -1 for a scalar
  int slot = -1;                 // block buffer of a fused non-root node
};

struct program {
  std::vector<step> steps;  // post-order: inputs before their users, root last
  std::vector<std::shared_ptr<void>> temps;
  int find(const lazy_node* n) const {
    for (std::size_t i = 0; i < steps.size(); ++i)
      if (steps[i].node == n) return static_cast<int>(i);
    return -1;
  }
};

int add_steps(program& p, const lazy_node* n) {
  if (int i = p.find(n); i >= 0) return i;
  step s;
  s.node = n;
  for (int k = 0; k < n->nin; ++k) s.inputs[k] = n->in[k].node ? add_steps(p, n->in[k].node.get()) : -1;
  if (n->nin == 0) s.value = {n->data, n->result, n->shape, n->strides, n->buffer.get()};
  p.steps.push_back(s);
  return static_cast<int>(p.steps.size()) - 1;
}

// Marks step i (and everything below it) as computed before the pass.
void force_materialise(program& p, int i) {
  step& s = p.steps[i];
  if (s.materialise) return;
  s.materialise = true;
  for (int k = 0; k < s.node->nin; ++k)
    if (s.inputs[k] >= 0) force_materialise(p, s.inputs[k]);
}

bool is_signed_int(dtype t) { return t == dtype::int32 || t == dtype::int64; }

// The axis eager's loop over `shape` runs innermost when writing through `strides`:
// length-1 axes dropped, the rest stably ordered by decreasing |stride| (ufunc_engine).
int eager_inner_axis(const shape_t& shape, const shape_t& strides) {
  int best = -1;
  for (int k = 0; k < shape.size(); ++k) {
    if (shape[k] == 1) continue;
    if (best < 0 || std::abs(strides[k]) <= std::abs(strides[best])) best = k;
  }
  return best;
}

int last_axis(const shape_t& shape) {
  for (int k = shape.size() - 1; k >= 0; --k)
    if (shape[k] != 1) return k;
  return -1;
}

void decide(program& p, const lazy_target& out) {
  const int root = static_cast<int>(p.steps.size()) - 1;
  const index_t total = out.shape.prod();
  const bool root_leaf = p.steps[root].node->nin == 0;
  const bool c_inner = eager_inner_axis(out.shape, out.strides) == last_axis(out.shape);
  for (int i = 0; i < root; ++i) {
    step& s = p.steps[i];
    if (s.node->nin == 0) s.materialise = true;
    else if (root_leaf || !c_inner || s.node->shape.prod() < total) force_materialise(p, i);
  }
  for (int i = 0; i <= root; ++i) {
    const step& s = p.steps[i];
    if (s.node->nin && s.node->op == ufunc_op::power && is_signed_int(s.node->compute) && s.inputs[1] >= 0)
      force_materialise(p, s.inputs[1]);
  }
  p.steps[root].materialise = false;
  for (auto& s : p.steps) s.fused = !s.materialise;
}

std::pair<const std::byte*, const std::byte*> extent(const array_ref& a) {
  const auto* lo = static_cast<const std::byte*>(a.data);
  const auto* hi = lo;
  const index_t size = dtype_size(a.type);
  for (int k = 0; k < a.shape.size(); ++k) {
    if (a.shape[k] == 0) return {nullptr, nullptr};
    const index_t span = (a.shape[k] - 1) * a.strides[k] * size;
    if (span < 0) lo += span;
    else hi += span;
  }
  return {lo, hi + size};
}

bool overlaps(const array_ref& a, const lazy_target& out) {
  if (!a.buffer || a.buffer != out.buffer) return false;
  const array_ref o{out.data, out.type, out.shape, out.strides, out.buffer};
  auto [alo, ahi] = extent(a);
  auto [olo, ohi] = extent(o);
  return alo && olo && alo < ohi && olo < ahi;
}

// Whether `a` read at out's shape visits exactly out's elements in out's order (then
// each element is read before the write of the same element, and nothing else).
bool same_elements(const array_ref& a, const lazy_target& out) {
  if (a.data != out.data || dtype_size(a.type) != dtype_size(out.type)) return false;
  const shape_t s = broadcast_strides(a.shape, a.strides, out.shape);
  for (int k = 0; k < out.shape.size(); ++k)
    if (out.shape[k] > 1 && s[k] != out.strides[k]) return false;
  return true;
}

// A copy of `a`: C-ordered (as the eager call copies an input overlapping its output),
// or with a's own strides (for a node that eager would let read `a` itself).
array_ref copy_of(program& p, const array_ref& a, bool keep_strides) {
  array_ref c = a;
  c.buffer = nullptr;
  const index_t size = dtype_size(a.type);
  index_t lo = 0, span = 1;
  if (keep_strides) {
    for (int k = 0; k < a.shape.size(); ++k) {
      const index_t d = (a.shape[k] - 1) * a.strides[k];
      if (d < 0) lo += d;
      span += d < 0 ? -d : d;
    }
  } else {
    c.strides = c_strides(a.shape);
    span = a.shape.prod();
  }
  p.temps.push_back(allocate_bytes(span * size));
  c.data = static_cast<std::byte*>(p.temps.back().get()) - lo * size;
  const operand in[] = {{a.data, a.type, a.strides.data()}};
  run_ufunc(ufunc_op::copy, a.type, a.shape, in, {const_cast<void*>(c.data), a.type, c.strides.data()});
  return c;
}

// The operands of step i over `shape`; copies overlapping leaves when `out` is given.
struct operand_set {
  operand ops[3];
  shape_t strides[3];
};

void operands_of(program& p, int i, const shape_t& shape, const lazy_target* out, bool root, operand_set& set) {
  const step& s = p.steps[i];
  for (int k = 0; k < s.node->nin; ++k) {
    if (s.inputs[k] < 0) {
      static const index_t zeros[max_dims] = {};
      set.ops[k] = {s.node->in[k].scalar, s.node->in[k].scalar_type, zeros};
      continue;
    }
    array_ref a = p.steps[s.inputs[k]].value;
    if (out && overlaps(a, *out) && !same_elements(a, *out)) a = copy_of(p, a, !root);
    set.strides[k] = broadcast_strides(a.shape, a.strides, shape);
    set.ops[k] = {a.data, a.type, set.strides[k].data()};
  }
}

void check_exponent(const array_ref& e) {
  bool negative = false;
  if (e.type == dtype::int32)
    for_each_element(static_cast<const std::int32_t*>(e.data), e.shape, e.strides,
                     [&](const std::int32_t* q) { negative = negative || *q < 0; });
  if (e.type == dtype::int64)
    for_each_element(static_cast<const std::int64_t*>(e.data), e.shape, e.strides,
                     [&](const std::int64_t* q) { negative = negative || *q < 0; });
  if (negative) throw_negative_integer_power();
}

// Computes the materialised nodes, in post-order, as the eager calls would.
void materialise_all(program& p, const lazy_target& out) {
  const int root = static_cast<int>(p.steps.size()) - 1;
  for (int i = 0; i <= root; ++i) {
    step& s = p.steps[i];
    const lazy_node& n = *s.node;
    if (n.nin && n.op == ufunc_op::power && is_signed_int(n.compute) && s.inputs[1] >= 0 && n.shape.prod() != 0 &&
        out.shape.prod() != 0)
      check_exponent(p.steps[s.inputs[1]].value);
    if (i == root || !s.materialise || n.nin == 0) continue;
    s.value.type = n.result;
    s.value.shape = n.shape;
    s.value.strides = c_strides(n.shape);
    p.temps.push_back(allocate_bytes(n.shape.prod() * dtype_size(n.result)));
    s.value.data = p.temps.back().get();
    operand_set set;
    operands_of(p, i, n.shape, nullptr, false, set);
    run_ufunc(n.op, n.compute, n.shape, std::span<const operand>(set.ops, n.nin),
              {const_cast<void*>(s.value.data), n.result, s.value.strides.data()});
  }
}

// The root as one eager call over out's shape.
void run_root_directly(program& p, const lazy_target& out) {
  const int root = static_cast<int>(p.steps.size()) - 1;
  const lazy_node& n = *p.steps[root].node;
  const operand o{out.data, out.type, out.strides.data()};
  if (n.nin == 0) {
    array_ref a = p.steps[root].value;
    if (overlaps(a, out) && !same_elements(a, out)) a = copy_of(p, a, false);
    const shape_t s = broadcast_strides(a.shape, a.strides, out.shape);
    const operand in[] = {{a.data, a.type, s.data()}};
    return run_ufunc(ufunc_op::copy, out.type, out.shape, in, o);
  }
  operand_set set;
  operands_of(p, root, out.shape, &out, true, set);
  run_ufunc(n.op, n.compute, out.shape, std::span<const operand>(set.ops, n.nin), o);
}

// ---- the fused pass ----------------------------------------------------------------
// An input of a fused node in the pass: a scalar, an array operand of the loop, or the
// block buffer of another fused node.
struct pass_input {
  enum kind_t { scalar, array, buffer } kind;
  int index;          // array operand (0 is out) or buffer slot
  const void* value;  // the scalar
  dtype type;
};
struct pass_node {
  const lazy_node* node;
  pass_input in[3];
  int slot;  // -1: the root, written to out
};

// The loop over out's shape: length-1 axes dropped, axes contiguous in every array
// operand merged (C order: the innermost is the one eager's loops run along too).
struct pass_loop {
  std::vector<const std::byte*> base;
  std::vector<index_t> elem;
  std::vector<shape_t> strides;  // per operand, per planned axis
  shape_t dims;
  index_t inner = 1, rows = 1, width = 1, rows_per_unit = 1, units = 1, buf_stride = 1;

  void plan(const shape_t& shape) {
    const int nops = static_cast<int>(base.size());
    shape_t d;
    std::vector<shape_t> s(nops);
    for (int k = 0; k < shape.size(); ++k) {
      if (shape[k] == 1) continue;
      d.push_back(shape[k]);
      for (int o = 0; o < nops; ++o) s[o].push_back(strides[o][k]);
    }
    dims.clear();
    for (auto& st : strides) st.clear();
    for (int k = 0; k < d.size(); ++k) {
      bool mergeable = dims.size() > 0;
      for (int o = 0; o < nops && mergeable; ++o) mergeable = strides[o].back() == d[k] * s[o][k];
      if (mergeable) {
        dims[dims.size() - 1] *= d[k];
        for (int o = 0; o < nops; ++o) strides[o][strides[o].size() - 1] = s[o][k];
      } else {
        dims.push_back(d[k]);
        for (int o = 0; o < nops; ++o) strides[o].push_back(s[o][k]);
      }
    }
    const int nd = dims.size();
    inner = nd ? dims[nd - 1] : 1;
    rows = 1;
    for (int k = 0; k + 1 < nd; ++k) rows *= dims[k];
    // A 0-d loop gives eager's kernels stride 0 for every operand, intermediates included.
    buf_stride = nd ? 1 : 0;
    if (inner >= block_elems) {
      const index_t per_row = (inner + block_elems - 1) / block_elems;
      width = (inner + per_row - 1) / per_row;
      rows_per_unit = 1;
      units = rows * per_row;
    } else {
      width = inner;
      rows_per_unit = std::max<index_t>(1, block_elems / inner);
      units = (rows + rows_per_unit - 1) / rows_per_unit;
    }
  }
  index_t inner_stride(int o) const { return dims.size() ? strides[o][dims.size() - 1] : 0; }
  // The address of operand o at (row, column).
  const std::byte* at(int o, index_t row, index_t col) const {
    index_t off = col * inner_stride(o);
    for (int k = dims.size() - 2; k >= 0; --k) {
      off += row % dims[k] * strides[o][k];
      row /= dims[k];
    }
    return base[o] + off * elem[o];
  }
};

struct pass {
  std::vector<pass_node> nodes;  // post-order, root last
  std::vector<dtype> slot_types;
  pass_loop loop;
  dtype out_type;

  // One segment (row, columns [c0, c0 + n)) of one node, at offset `off` of the block.
  void run_segment(const pass_node& pn, std::byte* const* bufs, index_t row, index_t c0, index_t n, index_t off) const {
    operand ins[3];
    index_t s[3];
    for (int k = 0; k < pn.node->nin; ++k) {
      const pass_input& in = pn.in[k];
      if (in.kind == pass_input::scalar) {
        s[k] = 0;
        ins[k] = {in.value, in.type, &s[k]};
      } else if (in.kind == pass_input::array) {
        s[k] = loop.inner_stride(in.index);
        ins[k] = {loop.at(in.index, row, c0), in.type, &s[k]};
      } else {
        s[k] = loop.buf_stride;
        ins[k] = {bufs[in.index] + off * loop.buf_stride * dtype_size(in.type), in.type, &s[k]};
      }
    }
    index_t so;
    operand o;
    if (pn.slot < 0) {
      so = loop.inner_stride(0);
      o = {loop.at(0, row, c0), out_type, &so};
    } else {
      so = loop.buf_stride;
      o = {bufs[pn.slot] + off * so * dtype_size(pn.node->result), pn.node->result, &so};
    }
    const index_t shape[1] = {n};
    run_ufunc(pn.node->op, pn.node->compute, shape, std::span<const operand>(ins, pn.node->nin), o);
  }

  void run_unit(index_t u, std::byte* const* bufs) const {
    for (const pass_node& pn : nodes) {
      index_t off = 0;
      if (loop.rows_per_unit == 1) {
        const index_t per_row = (loop.inner + loop.width - 1) / loop.width;
        const index_t row = u / per_row, c0 = u % per_row * loop.width;
        run_segment(pn, bufs, row, c0, std::min(loop.width, loop.inner - c0), 0);
        continue;
      }
      const index_t r1 = std::min(loop.rows, (u + 1) * loop.rows_per_unit);
      for (index_t r = u * loop.rows_per_unit; r < r1; ++r, off += loop.inner)
        run_segment(pn, bufs, r, 0, loop.inner, off);
    }
  }

  void run() const {
    const index_t unit_elems = loop.width * loop.rows_per_unit;
    const index_t total = loop.rows * loop.inner;
    const index_t tasks = available_threads() > 1 ? tasks_for(total, 256) : 1;
    parallel_ranges(loop.units, std::min(tasks, loop.units), [&](index_t u0, index_t u1) {
      // Per-task block buffers: nothing mutable is shared between threads.
      std::vector<std::shared_ptr<void>> mem;
      std::vector<std::byte*> bufs;
      for (dtype t : slot_types) {
        mem.push_back(allocate_bytes(unit_elems * dtype_size(t)));
        bufs.push_back(static_cast<std::byte*>(mem.back().get()));
      }
      for (index_t u = u0; u < u1; ++u) run_unit(u, bufs.data());
    });
  }
};

void run_pass(program& p, const lazy_target& out) {
  pass ps;
  ps.out_type = out.type;
  auto add_array = [&](const void* data, dtype t, const shape_t& strides) {
    ps.loop.base.push_back(static_cast<const std::byte*>(data));
    ps.loop.elem.push_back(dtype_size(t));
    ps.loop.strides.push_back(strides);
    return static_cast<int>(ps.loop.base.size()) - 1;
  };
  add_array(out.data, out.type, out.strides);
  const int root = static_cast<int>(p.steps.size()) - 1;
  for (int i = 0; i <= root; ++i) {
    step& s = p.steps[i];
    if (!s.fused) continue;
    pass_node pn{s.node, {}, -1};
    if (i != root) {
      pn.slot = s.slot = static_cast<int>(ps.slot_types.size());
      ps.slot_types.push_back(s.node->result);
    }
    for (int k = 0; k < s.node->nin; ++k) {
      const int j = s.inputs[k];
      if (j < 0) {
        pn.in[k] = {pass_input::scalar, -1, s.node->in[k].scalar, s.node->in[k].scalar_type};
      } else if (p.steps[j].fused) {
        pn.in[k] = {pass_input::buffer, p.steps[j].slot, nullptr, p.steps[j].node->result};
      } else {
        array_ref a = p.steps[j].value;
        if (overlaps(a, out) && !same_elements(a, out)) a = copy_of(p, a, i != root);
        const int o = add_array(a.data, a.type, broadcast_strides(a.shape, a.strides, out.shape));
        pn.in[k] = {pass_input::array, o, nullptr, a.type};
      }
    }
    ps.nodes.push_back(pn);
  }
  ps.loop.plan(out.shape);
  ps.run();
}

}  // namespace

void run_lazy(const lazy_node& root, const lazy_target& out) {
  if (out.shape.prod() == 0) return;
  program p;
  add_steps(p, &root);
  decide(p, out);
  materialise_all(p, out);
  const step& r = p.steps.back();
  if (r.node->nin == 0 || r.materialise || p.steps.size() == 1) return run_root_directly(p, out);
  bool any_fused_below = false;
  for (std::size_t i = 0; i + 1 < p.steps.size(); ++i) any_fused_below = any_fused_below || p.steps[i].fused;
  if (!any_fused_below) return run_root_directly(p, out);
  run_pass(p, out);
}

}  // namespace nd::detail

namespace nd::detail {
namespace {

lazy_ptr slice_node(const lazy_node& n, int root_ndim, int axis, index_t start, index_t len,
                    std::vector<std::pair<const lazy_node*, lazy_ptr>>& done) {
  for (auto& [from, to] : done)
    if (from == &n) return to;
  auto s = std::make_shared<lazy_node>(n);
  const int a = axis - (root_ndim - n.shape.size());
  if (a >= 0 && n.shape[a] != 1) {
    s->shape[a] = len;
    if (n.nin == 0) s->data = static_cast<const std::byte*>(n.data) + start * n.strides[a] * dtype_size(n.result);
  }
  for (int k = 0; k < n.nin; ++k)
    if (n.in[k].node) s->in[k].node = slice_node(*n.in[k].node, root_ndim, axis, start, len, done);
  done.emplace_back(&n, s);
  return s;
}

}  // namespace

lazy_ptr lazy_slice(const lazy_node& root, int axis, index_t start, index_t len) {
  std::vector<std::pair<const lazy_node*, lazy_ptr>> done;
  return slice_node(root, root.shape.size(), axis, start, len, done);
}

index_t lazy_sum_split(dtype t, index_t n) { return pairwise_split_kernel(t, n, 1); }

}  // namespace nd::detail
