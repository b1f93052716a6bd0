// Advanced indexing: NumPy's rules for index arrays mixed with basic indices (planning),
// and the gather loop that copies the selected elements.
//
// Each index array is turned once into a table of element offsets into the source (its
// axis stride multiplied in, bounds checked); the gather then only adds table entries
// to a row pointer. Tables are kept at their own size and walked with broadcast
// strides, so the outer-product selection m(rows(nd::all, nd::newaxis), cols) costs
// one table of rows and one of columns, never a rows x cols table of offsets.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>

#include "nd/broadcast.hpp"
#include "nd/indexing.hpp"
#include "kernels/kernels.hpp"
#include "parallel.hpp"

namespace nd::detail {
namespace {

// Visits the elements of an index array in C order.
template <class F>
void for_each_index(const index_arg& arg, F&& f) {
  auto visit = [&](auto tag) {
    using I = decltype(tag);
    for_each_element(static_cast<const I*>(arg.data), arg.shape, arg.strides,
                     [&](const I* p) { f(static_cast<index_t>(*p)); });
  };
  switch (arg.type) {
    case dtype::bool_: visit(bool{}); break;
    case dtype::int32: visit(std::int32_t{}); break;
    case dtype::int64: visit(std::int64_t{}); break;
    default: throw index_error("arrays used as indices must be of integer (or boolean) type");
  }
}

// The first out-of-range entry of the index arrays. NumPy reports it only once the
// index arrays are known to broadcast to a non-empty shape: indices that broadcast
// away (a[empty_rows[:, None], cols]) are never checked.
struct out_of_range {
  index_t index;
  int axis;
  index_t len;
};

// An integer index array on one axis: offsets = normalised index * axis stride.
offset_table integer_table(const index_arg& arg, int axis, index_t len, index_t stride,
                           std::optional<out_of_range>& first_bad) {
  offset_table t;
  t.shape = arg.shape;
  t.offsets.reserve(static_cast<std::size_t>(arg.shape.prod()));
  for_each_index(arg, [&](index_t i) {
    if (i < -len || i >= len) {
      if (!first_bad) first_bad = out_of_range{i, axis, len};
      i = 0;
    }
    if (i < 0) i += len;
    t.offsets.push_back(i * stride);
  });
  return t;
}

// A boolean mask over axes [axis, axis + k): the offsets of its true elements, as one
// 1-D table (NumPy replaces the k axes by the mask's nonzero() index arrays, which
// always broadcast together; their summed offsets are this table).
offset_table mask_table(const index_arg& arg, int axis, std::span<const index_t> shape,
                        std::span<const index_t> strides) {
  const int k = arg.shape.size();
  for (int d = 0; d < k; ++d) {
    if (arg.shape[d] != shape[axis + d])
      throw index_error("boolean index did not match indexed array along axis " + std::to_string(axis + d) +
                        "; size of axis is " + std::to_string(shape[axis + d]) +
                        " but size of corresponding boolean axis is " + std::to_string(arg.shape[d]));
  }
  offset_table t;
  index_t counter[max_dims] = {};
  index_t offset = 0;
  for_each_index(arg, [&](index_t v) {
    if (v) t.offsets.push_back(offset);
    // Advance the C-order counter over the mask's axes, tracking the source offset.
    for (int d = k - 1; d >= 0; --d) {
      offset += strides[axis + d];
      if (++counter[d] < arg.shape[d]) break;
      offset -= strides[axis + d] * arg.shape[d];
      counter[d] = 0;
    }
  });
  t.shape = shape_t{static_cast<index_t>(t.offsets.size())};
  return t;
}

// NumPy's broadcasting of the index arrays' shapes, with its indexing error message.
shape_t broadcast_index_shapes(const std::vector<offset_table>& tables) {
  std::vector<std::span<const index_t>> shapes;
  shapes.reserve(tables.size());
  for (const offset_table& t : tables) shapes.push_back(t.shape);
  shape_t out;
  if (!try_broadcast(shapes.data(), static_cast<int>(shapes.size()), out)) {
    std::string text;
    for (const offset_table& t : tables) text += compact_shape(t.shape) + " ";
    throw index_error("shape mismatch: indexing arrays could not be broadcast together with shapes " + text);
  }
  return out;
}

}  // namespace

gather_plan plan_advanced_index(std::span<const index_t> shape, std::span<const index_t> strides,
                                std::span<const index_arg> index) {
  const int ndim = static_cast<int>(shape.size());
  int consuming = 0, ellipses = 0;
  bool has_array = false;
  for (const index_arg& a : index) {
    if (a.kind == index_arg::basic) {
      if (a.basic_.kind == basic_index::integer || a.basic_.kind == basic_index::range) ++consuming;
      if (a.basic_.kind == basic_index::ellipsis_mark) ++ellipses;
    } else {
      has_array = true;
      consuming += a.kind == index_arg::int_array ? 1 : a.shape.size();
    }
  }
  if (ellipses > 1) throw index_error("an index can only have a single ellipsis ('...')");
  if (consuming > ndim)
    throw index_error("too many indices for array: array is " + std::to_string(ndim) + "-dimensional, but " +
                      std::to_string(consuming) + " were indexed");

  gather_plan plan;
  shape_t basic_shape, basic_strides;  // the result dimensions from basic indices, in order
  // NumPy places the broadcast index dimensions where the first advanced index was, if
  // all advanced indices (integers count as such) are adjacent; otherwise first.
  int advanced_at = -1;
  enum { none_yet, in_run, after_run, separated } run = none_yet;
  auto mark_advanced = [&] {
    if (run == none_yet) {
      advanced_at = basic_shape.size();
      run = in_run;
    } else if (run == after_run) {
      run = separated;
    }
  };
  auto mark_basic = [&] {
    if (run == in_run) run = after_run;
  };

  std::optional<out_of_range> first_bad;
  int axis = 0;
  for (const index_arg& a : index) {
    if (a.kind == index_arg::int_array) {
      mark_advanced();
      plan.tables.push_back(integer_table(a, axis, shape[axis], strides[axis], first_bad));
      ++axis;
      continue;
    }
    if (a.kind == index_arg::bool_array) {
      mark_advanced();
      plan.tables.push_back(mask_table(a, axis, shape, strides));
      axis += a.shape.size();
      continue;
    }
    const basic_index& b = a.basic_;
    switch (b.kind) {
      case basic_index::integer: {
        if (has_array) mark_advanced();
        index_t i = b.value, len = shape[axis];
        if (i < -len || i >= len) throw_index_out_of_bounds(i, axis, len);
        if (i < 0) i += len;
        plan.base += i * strides[axis];
        ++axis;
        break;
      }
      case basic_index::range: {
        mark_basic();
        index_t first = 0, step = 1;
        const index_t n = b.range_.adjust(shape[axis], first, step);
        if (n > 0) plan.base += first * strides[axis];
        basic_shape.push_back(n);
        basic_strides.push_back(strides[axis] * step);
        ++axis;
        break;
      }
      case basic_index::new_axis:
        mark_basic();
        basic_shape.push_back(1);
        basic_strides.push_back(0);
        break;
      case basic_index::ellipsis_mark:
        mark_basic();
        for (int k = 0; k < ndim - consuming; ++k, ++axis) {
          basic_shape.push_back(shape[axis]);
          basic_strides.push_back(strides[axis]);
        }
        break;
    }
  }
  for (; axis < ndim; ++axis) {
    basic_shape.push_back(shape[axis]);
    basic_strides.push_back(strides[axis]);
  }

  const shape_t index_shape = broadcast_index_shapes(plan.tables);
  if (first_bad && index_shape.prod() != 0)
    throw_index_out_of_bounds(first_bad->index, first_bad->axis, first_bad->len);
  const int at = plan.tables.empty() ? basic_shape.size() : (run == separated ? 0 : advanced_at);
  const int nb = index_shape.size();
  for (int d = 0; d < at; ++d) {
    plan.shape.push_back(basic_shape[d]);
    plan.src_strides.push_back(basic_strides[d]);
  }
  for (int d = 0; d < nb; ++d) {
    plan.shape.push_back(index_shape[d]);
    plan.src_strides.push_back(0);
  }
  for (int d = at; d < basic_shape.size(); ++d) {
    plan.shape.push_back(basic_shape[d]);
    plan.src_strides.push_back(basic_strides[d]);
  }
  for (offset_table& t : plan.tables) {
    const shape_t own = c_strides(t.shape);
    const int shift = nb - t.shape.size();
    t.strides.resize(plan.shape.size(), 0);
    for (int d = 0; d < t.shape.size(); ++d)
      if (t.shape[d] != 1) t.strides[at + shift + d] = own[d];
  }
  return plan;
}

namespace {

// The gather loop for elements stored as U (an unsigned integer of the element size).
// The innermost result dimension gets a specialised loop: a strided (or memcpy) row
// copy when it comes from a basic index, a table lookup off one row pointer when a
// single index table varies along it (the outer-product case), else the general sum.
// The outer result dimensions are walked in C order as rows; a block of the gather is
// a range of rows, or a range of columns of one row, so that threads can share it.
template <class U>
class gatherer {
 public:
  gatherer(const gather_plan& plan, const U* src, U* out) : plan_(plan), src_(src), out_(out) {
    nd_ = plan.shape.size();
    nt_ = plan.tables.size();
    inner_ = plan.shape[nd_ - 1];
    rows_ = 1;
    for (int d = 0; d + 1 < nd_; ++d) rows_ *= plan.shape[d];
    // The output is fresh: a large one is written with streaming stores.
    stream_ = rows_ * inner_ * static_cast<index_t>(sizeof(U)) >= stream_output_bytes;
    inner_src_stride_ = plan.src_strides[nd_ - 1];
    for (std::size_t j = 0; j < nt_; ++j)
      if (plan.tables[j].strides[nd_ - 1] != 0) {
        varying_ = static_cast<int>(j);
        ++n_varying_;
      }
    // An index that only varies along the innermost dimension and is an arithmetic
    // progression (nd::arange columns, the common downsampling case) is read as a
    // strided row instead of through its table.
    if (n_varying_ == 1) {
      const offset_table& t = plan.tables[static_cast<std::size_t>(varying_)];
      if (static_cast<index_t>(t.offsets.size()) == inner_ && inner_ >= 2) {
        progression_step_ = t.offsets[1] - t.offsets[0];
        progression_ = true;
        for (index_t i = 2; i < inner_ && progression_; ++i)
          progression_ =
              t.offsets[static_cast<std::size_t>(i)] - t.offsets[static_cast<std::size_t>(i - 1)] == progression_step_;
      }
    }
  }

  index_t rows() const { return rows_; }
  index_t inner() const { return inner_; }

  // Rows [r0, r1), columns [c0, c1) of each.
  void run(index_t r0, index_t r1, index_t c0, index_t c1) const {
    index_t counter[max_dims] = {};
    index_t src_off = plan_.base;
    std::vector<index_t> pos(nt_, 0);                 // position of each table's current element
    for (index_t r = r0, d = nd_ - 2; d >= 0; --d) {  // unravel r0 over the outer dimensions
      counter[d] = r % plan_.shape[d];
      r /= plan_.shape[d];
      src_off += counter[d] * plan_.src_strides[d];
      for (std::size_t j = 0; j < nt_; ++j) pos[j] += counter[d] * plan_.tables[j].strides[d];
    }
    U* out = out_ + r0 * inner_ + c0;
    const index_t n = c1 - c0;
    for (index_t row = r0; row < r1; ++row) {
      gather_row(src_off, pos, c0, n, out);
      out += inner_;
      // Advance the C-order counter over the outer dimensions.
      for (int d = nd_ - 2; d >= 0; --d) {
        src_off += plan_.src_strides[d];
        for (std::size_t j = 0; j < nt_; ++j) pos[j] += plan_.tables[j].strides[d];
        if (++counter[d] < plan_.shape[d]) break;
        src_off -= plan_.src_strides[d] * plan_.shape[d];
        for (std::size_t j = 0; j < nt_; ++j) pos[j] -= plan_.tables[j].strides[d] * plan_.shape[d];
        counter[d] = 0;
      }
    }
  }

 private:
  // Elements [c0, c0 + n) of the row at (src_off, pos) into out.
  void gather_row(index_t src_off, const std::vector<index_t>& pos, index_t c0, index_t n, U* out) const {
    if (n_varying_ == 0) {
      index_t off = src_off + c0 * inner_src_stride_;
      for (std::size_t j = 0; j < nt_; ++j) off += plan_.tables[j].offsets[static_cast<std::size_t>(pos[j])];
      copy_strided_kernel(sizeof(U), n, src_ + off, inner_src_stride_, out, stream_);
    } else if (n_varying_ == 1) {
      index_t off = src_off;
      for (std::size_t j = 0; j < nt_; ++j)
        if (static_cast<int>(j) != varying_) off += plan_.tables[j].offsets[static_cast<std::size_t>(pos[j])];
      const U* row = src_ + off;
      const offset_table& t = plan_.tables[static_cast<std::size_t>(varying_)];
      // A table's stride along the innermost result dimension is its own C stride of
      // its last axis, 1, whenever it is not 0.
      const index_t* o = t.offsets.data() + pos[static_cast<std::size_t>(varying_)] + c0;
      if (progression_) {
        copy_strided_kernel(sizeof(U), n, row + o[0], progression_step_, out, stream_);
      } else {
        for (index_t i = 0; i < n; ++i) out[i] = row[o[i]];
      }
    } else {
      for (index_t i = 0; i < n; ++i) {
        const index_t col = c0 + i;
        index_t off = src_off + col * inner_src_stride_;
        for (std::size_t j = 0; j < nt_; ++j)
          off += plan_.tables[j].offsets[static_cast<std::size_t>(pos[j] + col * plan_.tables[j].strides[nd_ - 1])];
        out[i] = src_[off];
      }
    }
  }

  const gather_plan& plan_;
  const U* src_;
  U* out_;
  int nd_ = 0;
  std::size_t nt_ = 0;
  index_t inner_ = 0, rows_ = 0, inner_src_stride_ = 0;
  int varying_ = -1, n_varying_ = 0;
  bool progression_ = false;
  bool stream_ = false;
  index_t progression_step_ = 0;
};

// Copies every element once, wherever the block boundaries fall: the result does not
// depend on how the rows and columns are shared among threads.
template <class U>
void gather_as(const gather_plan& plan, const U* src, U* out) {
  if (plan.shape.size() == 0) {
    index_t off = plan.base;
    for (const offset_table& t : plan.tables) off += t.offsets[0];
    *out = src[off];
    return;
  }
  const gatherer<U> g(plan, src, out);
  const index_t tasks = available_threads() > 1 ? tasks_for(g.rows() * g.inner(), 256) : 1;
  if (tasks <= 1) return g.run(0, g.rows(), 0, g.inner());
  if (g.rows() >= tasks)
    return parallel_ranges(g.rows(), tasks, [&](index_t r0, index_t r1) { g.run(r0, r1, 0, g.inner()); });
  const index_t per_row = (tasks + g.rows() - 1) / g.rows();
  const index_t width = (g.inner() + per_row - 1) / per_row;
  const index_t blocks = (g.inner() + width - 1) / width;
  parallel_for(g.rows() * blocks, [&](index_t t) {
    const index_t row = t / blocks, c0 = t % blocks * width;
    g.run(row, row + 1, c0, std::min(g.inner(), c0 + width));
  });
}

}  // namespace

void run_gather(const gather_plan& plan, const void* src, void* out, std::size_t elem_size) {
  for (index_t d : plan.shape)
    if (d == 0) return;
  switch (elem_size) {
    case 1: gather_as(plan, static_cast<const std::uint8_t*>(src), static_cast<std::uint8_t*>(out)); break;
    case 2: gather_as(plan, static_cast<const std::uint16_t*>(src), static_cast<std::uint16_t*>(out)); break;
    case 4: gather_as(plan, static_cast<const std::uint32_t*>(src), static_cast<std::uint32_t*>(out)); break;
    case 8: gather_as(plan, static_cast<const std::uint64_t*>(src), static_cast<std::uint64_t*>(out)); break;
    default: throw type_error("advanced indexing: unsupported element size " + std::to_string(elem_size));
  }
}

namespace {
index_t count_true_serial(const bool* mask, index_t n) {
  // Summed as bytes in blocks the compiler vectorises (a bool is 0 or 1).
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(mask);
  index_t count = 0;
  for (index_t i0 = 0; i0 < n; i0 += 255 * 32) {
    const index_t end = std::min(n, i0 + 255 * 32);
    std::uint32_t block = 0;
    for (index_t i = i0; i < end; ++i) block += bytes[i] != 0;
    count += block;
  }
  return count;
}

// Blocks of a mask that threads share: whole blocks of compress_as's buffer.
index_t mask_block() { return (parallel_grain() + 511) / 512 * 512; }
}  // namespace

index_t count_true(const bool* mask, index_t n) {
  const index_t block = mask_block(), blocks = (n + block - 1) / block;
  if (blocks <= 1 || available_threads() == 1) return count_true_serial(mask, n);
  std::vector<index_t> counts(static_cast<std::size_t>(blocks));
  parallel_for(blocks, [&](index_t t) {
    counts[static_cast<std::size_t>(t)] = count_true_serial(mask + t * block, std::min(block, n - t * block));
  });
  index_t total = 0;
  for (index_t c : counts) total += c;
  return total;
}

namespace {
// Branch-free compaction: every element is written to a small buffer and kept by
// advancing past it only when selected; a branch per element would mispredict on
// random masks.
template <class U>
void compress_as(const bool* mask, index_t n, const U* src, U* dst) {
  constexpr index_t block = 512;
  U buf[block];
  for (index_t i0 = 0; i0 < n; i0 += block) {
    const index_t len = std::min(block, n - i0);
    index_t kept = 0;
    for (index_t i = 0; i < len; ++i) {
      buf[kept] = src[i0 + i];
      kept += mask[i0 + i] ? 1 : 0;
    }
    std::memcpy(dst, buf, sizeof(U) * static_cast<std::size_t>(kept));
    dst += kept;
  }
}
}  // namespace

namespace {
void compress_serial(const bool* mask, index_t n, const void* src, void* dst, std::size_t elem_size) {
  switch (elem_size) {
    case 1: return compress_as(mask, n, static_cast<const std::uint8_t*>(src), static_cast<std::uint8_t*>(dst));
    case 4: return compress_as(mask, n, static_cast<const std::uint32_t*>(src), static_cast<std::uint32_t*>(dst));
    default: return compress_as(mask, n, static_cast<const std::uint64_t*>(src), static_cast<std::uint64_t*>(dst));
  }
}
}  // namespace

// On threads: each block of the mask is counted, then compacted to where the counts of
// the blocks before it say its elements go.
void compress_contiguous(const bool* mask, index_t n, const void* src, void* dst, std::size_t elem_size) {
  const index_t block = mask_block(), blocks = (n + block - 1) / block;
  if (blocks <= 1 || available_threads() == 1) return compress_serial(mask, n, src, dst, elem_size);
  std::vector<index_t> start(static_cast<std::size_t>(blocks) + 1, 0);
  parallel_for(blocks, [&](index_t t) {
    start[static_cast<std::size_t>(t) + 1] = count_true_serial(mask + t * block, std::min(block, n - t * block));
  });
  for (std::size_t t = 1; t < start.size(); ++t) start[t] += start[t - 1];
  const auto elem = static_cast<index_t>(elem_size);
  parallel_for(blocks, [&](index_t t) {
    compress_serial(mask + t * block, std::min(block, n - t * block),
                    static_cast<const std::byte*>(src) + t * block * elem,
                    static_cast<std::byte*>(dst) + start[static_cast<std::size_t>(t)] * elem, elem_size);
  });
}

array<std::int64_t> nonzero_1d(const array<bool>& mask) {
  index_t count = 0;
  for (index_t i = 0; i < mask.size(); ++i) count += mask(i) ? 1 : 0;
  array<std::int64_t> out(shape_t{count});
  index_t k = 0;
  for (index_t i = 0; i < mask.size(); ++i)
    if (mask(i)) out.data()[k++] = i;
  return out;
}

}  // namespace nd::detail

// ---- assignment through advanced indexing ------------------------------------------
namespace nd::detail {

// Calls f(offset) for each element of the plan, in the C order of the indexing result.
template <class F>
void walk_plan(const gather_plan& plan, F&& f) {
  const int nd = static_cast<int>(plan.shape.size());
  for (index_t d : plan.shape)
    if (d == 0) return;
  index_t counter[max_dims] = {};
  for (;;) {
    index_t off = plan.base;
    for (int d = 0; d < nd; ++d) off += counter[d] * plan.src_strides[d];
    for (const offset_table& t : plan.tables) {
      index_t k = 0;
      for (int d = 0; d < nd; ++d) k += counter[d] * t.strides[d];
      off += t.offsets[static_cast<std::size_t>(k)];
    }
    f(off);
    int d = nd - 1;
    for (; d >= 0; --d) {
      if (++counter[d] < plan.shape[d]) break;
      counter[d] = 0;
    }
    if (d < 0) return;
  }
}

std::vector<index_t> planned_offsets(const gather_plan& plan) {
  std::vector<index_t> offsets;
  offsets.reserve(static_cast<std::size_t>(plan.shape.prod()));
  walk_plan(plan, [&](index_t off) { offsets.push_back(off); });
  return offsets;
}

namespace {
// In C order, one element after the other: where an index repeats, the last value stays
// (NumPy's documented rule for a[idx] = v).
template <class U>
void scatter_as(const gather_plan& plan, U* dst, const U* values) {
  walk_plan(plan, [&](index_t off) { dst[off] = *values++; });
}

// a(mask) with a mask of a's own shape, both C-contiguous: the inverse of compress_as.
template <class U>
void expand_as(const bool* mask, index_t n, U* dst, const U* values) {
  for (index_t i = 0; i < n; ++i)
    if (mask[i]) dst[i] = *values++;
}

bool is_contiguous_full_mask(const scatter_origin& o) {
  if (!o.single_mask || o.index.size() != 1) return false;
  const index_arg& m = o.index[0];
  return !o.shape.empty() && std::ranges::equal(m.shape, o.shape) && is_c_contiguous(o.shape, o.strides) &&
         is_c_contiguous(m.shape, m.strides);
}

// The index is planned again, completely, before the first write: an index array may be
// the destination itself (x(x) = false), and must be read as it was. It must still
// select as many elements as the copy holds (it would not if it had been changed since).
template <class U>
void write_back_as(const scatter_origin& o, const U* values, index_t count) {
  U* dst = static_cast<U*>(o.data);
  const auto changed = [] {
    throw value_error(
        "assignment through an advanced index: the index selects another number of elements "
        "than when it was applied (was it changed in between?)");
  };
  const auto* mask = static_cast<const bool*>(o.index.empty() ? nullptr : o.index[0].data);
  const std::byte* lo = static_cast<const std::byte*>(o.data);
  const bool mask_apart = mask && (reinterpret_cast<const std::byte*>(mask + o.shape.prod()) <= lo ||
                                   reinterpret_cast<const std::byte*>(mask) >= lo + o.shape.prod() * sizeof(U));
  if (is_contiguous_full_mask(o) && mask_apart) {
    if (count_true(mask, o.shape.prod()) != count) changed();
    return expand_as(mask, o.shape.prod(), dst, values);
  }
  const gather_plan plan = plan_advanced_index(o.shape, o.strides, o.index);
  if (plan.shape.prod() != count) changed();
  scatter_as(plan, dst, values);
}
}  // namespace

void require_writeable_source(const scatter_origin& o) {
  if (!o.writeable) throw value_error("assignment destination is read-only");
}

bool full_mask_assignment(const scatter_origin* o) {
  return o && o->single_mask && o->index[0].shape.size() == o->shape.size();
}

bool scalar_selection(const scatter_origin* o) { return o && o->scalar; }

void scatter_back(const scatter_origin& o, const void* values, index_t count) {
  // Held for the duration of the write, so that nothing it refers to goes away meanwhile.
  const std::shared_ptr<buffer> source = o.source.lock();
  std::vector<std::shared_ptr<buffer>> indices;
  bool expired = o.has_source && !source;
  for (const std::weak_ptr<buffer>& w : o.index_buffers) {
    indices.push_back(w.lock());
    expired |= !indices.back();
  }
  if (expired)
    throw value_error(
        "assignment through an advanced index: the indexed array or an index array no longer exists "
        "(assign in the same statement: a(mask) = v)");
  if (!o.writeable) throw value_error("assignment destination is read-only");
  switch (o.elem_size) {
    case 1: return write_back_as(o, static_cast<const std::uint8_t*>(values), count);
    case 4: return write_back_as(o, static_cast<const std::uint32_t*>(values), count);
    case 8: return write_back_as(o, static_cast<const std::uint64_t*>(values), count);
    default: throw type_error("advanced indexing: unsupported element size " + std::to_string(o.elem_size));
  }
}

void throw_setitem_shape(std::span<const index_t> value, std::span<const index_t> target,
                         const scatter_origin* origin) {
  if (!origin)
    throw shape_error("could not broadcast input array from shape " + compact_shape(value) + " into shape " +
                      compact_shape(target));
  // A mask over every axis is NumPy's special case: one value, or one per true element.
  if (origin->single_mask && origin->index[0].shape.size() == origin->shape.size()) {
    if (value.size() > 1)
      throw type_error("NumPy boolean array indexing assignment requires a 0 or 1-dimensional input, input has " +
                       std::to_string(value.size()) + " dimensions");
    throw value_error("NumPy boolean array indexing assignment cannot assign " + std::to_string(value[0]) +
                      " input values to the " + std::to_string(target[0]) + " output values where the mask is true");
  }
  // An advanced index that selects one element (a(nd::array<int64_t>(1)) = v): NumPy
  // takes a value of one element only, and says so in its element-setting words.
  if (target.empty()) throw value_error("setting an array element with a sequence.");
  throw shape_error("shape mismatch: value array of shape " + compact_shape(value) +
                    " could not be broadcast to indexing result of shape " + compact_shape(target));
}

void throw_ufunc_at_shape(std::span<const index_t> value, std::span<const index_t> target) {
  throw value_error("array is not broadcastable to correct shape: values of shape " + compact_shape(value) +
                    " for the indexed elements' shape " + compact_shape(target));
}

void throw_write_into_copy(const char* what) {
  throw value_error(std::string(what) +
                    " is the result of advanced indexing (a(mask), a(idx)), which is a copy: a write into it "
                    "would be lost. Assign through the index instead: a(idx) = v, or nd::put, nd::putmask");
}

}  // namespace nd::detail
