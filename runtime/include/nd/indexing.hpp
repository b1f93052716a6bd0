// Advanced indexing (always a copy): integer and boolean index arrays mixed with basic
// indices, with NumPy's rules; nd::ix_, nd::take, nd::put and nd::putmask.
//
// The header only erases the index types (an index array is passed as pointer, dtype,
// shape and strides); planning and the gather itself are compiled once in
// src/indexing.cpp, by element size.
#pragma once
// IWYU pragma: private, include <nd/nd.hpp>

#include <algorithm>
#include <tuple>
#include <utility>

#include <vector>

#include "nd/array.hpp"
#include "nd/promote.hpp"
#include "nd/shape.hpp"
#include "nd/ufunc.hpp"

namespace nd {

namespace detail {

// One entry of an index, after the compile-time types are erased. Index arrays are
// borrowed: they must outlive the call that plans the gather.
struct index_arg {
  enum kind_t : std::uint8_t { basic, int_array, bool_array } kind = basic;
  basic_index basic_{};  // kind == basic: an integer, slice, nd::newaxis or nd::ellipsis
  dtype type = dtype::int64;
  const void* data = nullptr;
  shape_t shape, strides;  // of the index array
};

// One advanced index turned into element offsets into the source (the axis stride and
// bounds checks applied once, up front), with its strides per result dimension.
struct offset_table {
  std::vector<index_t> offsets;  // C order over `shape`
  shape_t shape;
  shape_t strides;  // per result dimension, into `offsets` (0 where broadcast)
};

// What a gather reads: the result shape, the source offset of the first element, the
// source stride of each result dimension that comes from a basic index (0 for the
// broadcast index dimensions), and the offset tables of the advanced indices.
struct gather_plan {
  shape_t shape;
  index_t base = 0;
  shape_t src_strides;
  std::vector<offset_table> tables;
};

// Applies NumPy's advanced indexing rules to an array of (shape, strides): throws
// index_error as NumPy does for out-of-range entries, bad boolean shapes, index arrays
// that do not broadcast, and too many indices.
gather_plan plan_advanced_index(std::span<const index_t> shape, std::span<const index_t> strides,
                                std::span<const index_arg> index);

// Copies the planned elements of `src` (elements of elem_size bytes: 1, 4 or 8) into
// `out`, C-contiguous, in result order.
void run_gather(const gather_plan& plan, const void* src, void* out, std::size_t elem_size);

inline index_arg basic_arg(const basic_index& b) {
  index_arg arg;
  arg.basic_ = b;
  return arg;
}

// An index array, erased to pointer, dtype, shape and strides (planning turns integer
// arrays into offset tables and boolean arrays into the offsets of their true elements).
template <class I>
index_arg array_index_arg(const array<I>& a) {
  static_assert(std::is_same_v<I, bool> || std::is_integral_v<I>,
                "arrays used as indices must be of integer (or boolean) type");
  index_arg arg;
  arg.kind = std::is_same_v<I, bool> ? index_arg::bool_array : index_arg::int_array;
  arg.type = dtype_of<I>();
  arg.data = a.data();
  arg.shape = shape_t(a.shape());
  arg.strides = shape_t(a.strides());
  return arg;
}

// The positions (C order) of the true elements of a 1-D mask, as int64 indices.
array<std::int64_t> nonzero_1d(const array<bool>& mask);

template <class I>
void append_index_arg(std::vector<index_arg>& args, const I& idx) {
  using X = std::remove_cvref_t<I>;
  if constexpr (is_integer_index_v<X>) {
    args.push_back(basic_arg(to_basic(static_cast<index_t>(idx))));
  } else if constexpr (is_basic_tag_v<X>) {
    args.push_back(basic_arg(to_basic(idx)));
  } else if constexpr (is_array_v<X>) {
    args.push_back(array_index_arg(idx));
  } else {
    static_assert(requires { typename X::ix_tag; }, "unsupported index type");
    for (const array<std::int64_t>& a : idx.arrays) args.push_back(array_index_arg(a));
  }
}

template <class T>
array<T> gather(const array<T>& a, std::span<const index_arg> args) {
  gather_plan plan = plan_advanced_index(a.shape(), a.strides(), args);
  array<T> out(plan.shape);
  if (out.size() > 0) run_gather(plan, a.data(), out.data(), sizeof(T));
  return out;
}

// a(mask) with a mask of a's own shape, both C-contiguous (x(x > 0.5)): the selected
// elements in C order, read in one pass without a table of offsets.
index_t count_true(const bool* mask, index_t n);
void compress_contiguous(const bool* mask, index_t n, const void* src, void* dst, std::size_t elem_size);

template <class T, class... I>
array<T> advanced_get(const array<T>& a, const I&... idx) {
  if constexpr (sizeof...(I) == 1 && (std::is_same_v<std::remove_cvref_t<I>, array<bool>> && ...)) {
    const array<bool>& mask = std::get<0>(std::tie(idx...));
    if (a.ndim() > 0 && std::ranges::equal(a.shape(), mask.shape()) && a.is_contiguous() && mask.is_contiguous()) {
      array<T> out(shape_t{count_true(mask.data(), mask.size())});
      compress_contiguous(mask.data(), mask.size(), a.data(), out.data(), sizeof(T));
      return out;
    }
  }
  std::vector<index_arg> args;
  args.reserve(sizeof...(I) + 1);
  (append_index_arg(args, idx), ...);
  return gather(a, args);
}

// ---- assignment through advanced indexing ----------------------------------------
// The index of a(idx...) once more, with the source it selected from, for writing back
// (nd/array.hpp, scatter_back). Weak references only: the temporary a(mask) lives to the
// end of its statement, where everything it refers to is alive; a copy kept by name
// must not keep the source, or a temporary mask, alive.
struct scatter_origin {
  std::weak_ptr<buffer> source;
  bool has_source = false;  // an empty moved-from array has no buffer, and nothing to write
  void* data = nullptr;     // the source's first element
  shape_t shape, strides;
  bool writeable = true;
  std::size_t elem_size = 0;
  std::vector<index_arg> index;
  std::vector<std::weak_ptr<buffer>> index_buffers;  // of the index arrays in `index`
  bool single_mask = false;                          // a(mask): NumPy words its shape error differently
  bool scalar = false;                               // see scalar_selection (nd/array.hpp)
};

template <class I>
void remember_index_buffer(scatter_origin& o, const I& idx) {
  using X = std::remove_cvref_t<I>;
  auto remember = [&](const auto& a) {
    if (array_access::buffer_of(a)) o.index_buffers.push_back(array_access::buffer_of(a));
  };
  if constexpr (is_array_v<X>) remember(idx);
  else if constexpr (requires { typename X::ix_tag; })
    for (const array<std::int64_t>& a : idx.arrays) remember(a);
}

template <class T, class... I>
array<T> advanced_target(array<T>& a, const I&... idx) {
  array<T> out = advanced_get(std::as_const(a), idx...);
  auto origin = std::make_shared<scatter_origin>();
  origin->source = array_access::buffer_of(a);
  origin->has_source = array_access::buffer_of(a) != nullptr;
  origin->data = array_access::raw_data(a);
  origin->shape = shape_t(a.shape());
  origin->strides = shape_t(a.strides());
  origin->writeable = a.writeable();
  origin->elem_size = sizeof(T);
  origin->index.reserve(sizeof...(I) + 1);
  (append_index_arg(origin->index, idx), ...);
  (remember_index_buffer(*origin, idx), ...);
  origin->single_mask = sizeof...(I) == 1 && (std::is_same_v<std::remove_cvref_t<I>, array<bool>> && ...);
  origin->scalar = out.ndim() == 0 && !(std::is_same_v<std::remove_cvref_t<I>, ellipsis_t> || ...);
  array_access::set_origin(out, std::move(origin));
  return out;
}

// The source offsets of a plan's elements, in the C order of the indexing result.
std::vector<index_t> planned_offsets(const gather_plan& plan);

// Element offsets (into `a`) of every element of `a` in C order: what flat indices
// address when `a` is not contiguous.
template <class T>
std::vector<index_t> flat_offsets(const array<T>& a) {
  std::vector<index_t> offsets;
  offsets.reserve(static_cast<std::size_t>(a.size()));
  const T* base = a.data();
  for_each_element(base, a.shape(), a.strides(), [&](const T* p) { offsets.push_back(p - base); });
  return offsets;
}

// The elements of an array (or one scalar), in C order, converted to T: the values
// that put and putmask cycle through. Read before any write, so they may alias `a`.
template <class T, class V>
std::vector<T> values_as(const V& values) {
  std::vector<T> out;
  if constexpr (is_array_v<V>) {
    out.reserve(static_cast<std::size_t>(values.size()));
    for_each_element(values.data(), values.shape(), values.strides(),
                     [&](const auto* p) { out.push_back(static_cast<T>(*p)); });
  } else {
    static_assert(std::is_arithmetic_v<V>, "values must be an nd::array or an arithmetic scalar");
    check_scalar_fits<T>(values);
    out.push_back(static_cast<T>(values));
  }
  return out;
}

}  // namespace detail

// ---------------------------------------------------------------------------------
// nd::ix_(rows, cols, ...): NumPy's np.ix_. Each 1-D index (integer, or boolean for
// its true positions) is reshaped to select along its own axis, so that
// m(nd::ix_(rows, cols)) is the rows x cols sub-matrix (an outer-product selection).
struct ix_result {
  using ix_tag = void;
  std::vector<array<std::int64_t>> arrays;
};

template <class... I>
ix_result ix_(const array<I>&... idx) {
  constexpr int n = static_cast<int>(sizeof...(I));
  ix_result r;
  r.arrays.reserve(n);
  int k = 0;
  auto add = [&](const auto& a) {
    using E = typename std::remove_cvref_t<decltype(a)>::value_type;
    static_assert(std::is_integral_v<E>, "arrays used as indices must be of integer (or boolean) type");
    if (a.ndim() != 1) throw value_error("Cross index must be 1 dimensional");
    array<std::int64_t> flat;
    if constexpr (std::is_same_v<E, bool>) flat = detail::nonzero_1d(a);
    else if constexpr (std::is_same_v<E, std::int64_t>) flat = a;
    else {
      flat = array<std::int64_t>(shape_t{a.shape(0)});
      for (index_t i = 0; i < a.shape(0); ++i) flat.data()[i] = a(i);
    }
    shape_t shape, strides;
    for (int d = 0; d < n; ++d) {
      shape.push_back(d == k ? flat.shape(0) : 1);
      strides.push_back(d == k ? flat.strides(0) : 0);
    }
    // flat may share a read-only index array (a broadcast_to view): read its pointer
    // through a const handle, which the read-only check allows.
    r.arrays.push_back(detail::array_access::view(flat, std::as_const(flat).data(), shape, strides, false));
    ++k;
  };
  (add(idx), ...);
  return r;
}

// ---------------------------------------------------------------------------------
// nd::take(a, indices): elements of the flattened a. nd::take(a, indices, axis): along
// one axis (NumPy's a.take(indices, axis)); negative axes count from the end.
template <class T, class I>
array<T> take(const array<T>& a, const array<I>& indices, int axis) {
  static_assert(std::is_integral_v<I> && !std::is_same_v<I, bool>, "nd::take needs an integer index array");
  const int n = a.ndim();
  if (axis < -n || axis >= n)
    throw index_error("axis " + std::to_string(axis) + " is out of bounds for array of dimension " + std::to_string(n));
  if (axis < 0) axis += n;
  std::vector<detail::index_arg> args(static_cast<std::size_t>(axis), detail::basic_arg(detail::to_basic(all)));
  args.push_back(detail::array_index_arg(indices));
  return detail::gather(a, args);
}

template <class T, class I>
array<T> take(const array<T>& a, const array<I>& indices) {
  return take(a.ravel(), indices, 0);
}

// ---------------------------------------------------------------------------------
// nd::put(a, indices, values): a.flat[indices[j]] = values[j % values.size()] (NumPy's
// np.put with mode='raise'). indices: an integer array or one integer; values: an array
// or a scalar. Empty values write nothing, as NumPy.
template <class T, class Ix, class V>
void put(array<T>& a, const Ix& indices, const V& values) {
  a.require_writeable();
  const std::vector<T> vals = detail::values_as<T>(values);
  std::vector<index_t> idx;
  if constexpr (is_array_v<Ix>) {
    using I = typename Ix::value_type;
    static_assert(std::is_integral_v<I> && !std::is_same_v<I, bool>, "nd::put needs integer indices");
    idx.reserve(static_cast<std::size_t>(indices.size()));
    detail::for_each_element(indices.data(), indices.shape(), indices.strides(),
                             [&](const I* p) { idx.push_back(static_cast<index_t>(*p)); });
  } else {
    static_assert(detail::is_integer_index_v<Ix>, "nd::put needs integer indices");
    idx.push_back(static_cast<index_t>(indices));
  }
  if (vals.empty()) return;
  const index_t n = a.size();
  for (index_t& i : idx) {
    if (i < -n || i >= n) detail::throw_index_out_of_bounds(i, 0, n);
    if (i < 0) i += n;
  }
  T* data = a.data();
  const bool contiguous = a.is_contiguous();
  const std::vector<index_t> offsets = contiguous ? std::vector<index_t>{} : detail::flat_offsets(a);
  for (std::size_t j = 0; j < idx.size(); ++j) {
    const index_t at = contiguous ? idx[j] : offsets[static_cast<std::size_t>(idx[j])];
    data[at] = vals[j % vals.size()];
  }
}
// A temporary view as the destination: nd::put(a(nd::slice(0, 4)), idx, v).
template <class T, class Ix, class V>
void put(array<T>&& a, const Ix& indices, const V& values) {
  put(detail::temporary_out(a), indices, values);
}

// nd::putmask(a, mask, values): where mask.flat[i], a.flat[i] = values[i % values.size()]
// (NumPy's np.putmask: values cycle by position in a, not by count of true elements).
// mask must have a's size; empty values write nothing.
template <class T, class V>
void putmask(array<T>& a, const array<bool>& mask, const V& values) {
  a.require_writeable();
  if (mask.size() != a.size()) throw value_error("putmask: mask and data must be the same size");
  const std::vector<T> vals = detail::values_as<T>(values);
  if (vals.empty()) return;
  std::vector<bool> m;
  m.reserve(static_cast<std::size_t>(mask.size()));
  detail::for_each_element(mask.data(), mask.shape(), mask.strides(), [&](const bool* p) { m.push_back(*p); });
  std::size_t i = 0;
  const std::size_t nv = vals.size();
  detail::for_each_element(a.data(), a.shape(), a.strides(), [&](T* p) {
    if (m[i]) *p = vals[i % nv];
    ++i;
  });
}
template <class T, class V>
void putmask(array<T>&& a, const array<bool>& mask, const V& values) {
  putmask(detail::temporary_out(a), mask, values);
}

// ---------------------------------------------------------------------------------
// nd::add_at(a, indices, values): NumPy's np.add.at, unbuffered: a(indices) += values
// where every occurrence of a repeated index applies (a(indices) += values, NumPy's
// buffered form, updates a repeated index once). `indices` is any one index a(...)
// takes (an integer or boolean array, nd::ix_(...), an integer or a slice); values
// broadcast to the shape of a(indices) and are cast to a's type under NumPy's
// 'same_kind' rule. Also subtract_at, multiply_at, minimum_at and maximum_at.
namespace detail {

struct add_at_op {
  static constexpr const char* name = "add";
  template <class T>
  static T apply(T x, T y) {
    if constexpr (std::is_same_v<T, bool>) return x || y;
    else if constexpr (std::is_integral_v<T>)  // wraps, as NumPy's integers do
      return static_cast<T>(static_cast<std::make_unsigned_t<T>>(x) + static_cast<std::make_unsigned_t<T>>(y));
    else return x + y;
  }
};
struct subtract_at_op {
  static constexpr const char* name = "subtract";
  template <class T>
  static T apply(T x, T y) {
    if constexpr (std::is_integral_v<T>)
      return static_cast<T>(static_cast<std::make_unsigned_t<T>>(x) - static_cast<std::make_unsigned_t<T>>(y));
    else return x - y;
  }
};
struct multiply_at_op {
  static constexpr const char* name = "multiply";
  template <class T>
  static T apply(T x, T y) {
    if constexpr (std::is_same_v<T, bool>) return x && y;
    else if constexpr (std::is_integral_v<T>)
      return static_cast<T>(static_cast<std::make_unsigned_t<T>>(x) * static_cast<std::make_unsigned_t<T>>(y));
    else return x * y;
  }
};
// np.minimum and np.maximum propagate NaN: the first NaN operand is the result.
struct minimum_at_op {
  static constexpr const char* name = "minimum";
  template <class T>
  static T apply(T x, T y) {
    if constexpr (std::is_floating_point_v<T>) {
      if (x != x) return x;
      if (y != y) return y;
    }
    return y < x ? y : x;
  }
};
struct maximum_at_op {
  static constexpr const char* name = "maximum";
  template <class T>
  static T apply(T x, T y) {
    if constexpr (std::is_floating_point_v<T>) {
      if (x != x) return x;
      if (y != y) return y;
    }
    return x < y ? y : x;
  }
};

[[noreturn]] void throw_ufunc_at_shape(std::span<const index_t> value, std::span<const index_t> target);

// Computed in the type NumPy's ufunc computes a(idx) op values in (NEP 50: a weak
// scalar keeps a's type), then cast back unsafely, as np.add.at does (an int64 array
// takes 1 + 0.6 as 1).
template <class Op, class T, class Ix, class V>
void apply_at(array<T>& a, const Ix& indices, const V& values) {
  using C = result_type_t<array<T>, V>;
  a.require_writeable();
  std::vector<index_arg> args;
  append_index_arg(args, indices);
  const gather_plan plan = plan_advanced_index(a.shape(), a.strides(), args);
  if constexpr (is_array_v<V>)
    if (!broadcasts_to(values.shape(), plan.shape)) throw_ufunc_at_shape(values.shape(), plan.shape);
  // The values are read completely, and converted, before any write: they may be `a`.
  array<C> vals(plan.shape);
  copyto(vals, values);
  const std::vector<index_t> offsets = planned_offsets(plan);
  T* data = a.data();
  const C* v = std::as_const(vals).data();
  for (std::size_t j = 0; j < offsets.size(); ++j) {
    T& x = data[offsets[j]];
    x = unsafe_cast<T>(Op::apply(static_cast<C>(x), v[j]));
  }
}

}  // namespace detail

#define ND_UFUNC_AT(name, op, constraint)                                    \
  template <class T, class Ix, class V>                                      \
    requires(constraint)                                                     \
  void name(array<T>& a, const Ix& indices, const V& values) {               \
    detail::apply_at<detail::op>(a, indices, values);                        \
  }                                                                          \
  template <class T, class Ix, class V>                                      \
    requires(constraint)                                                     \
  void name(array<T>&& a, const Ix& indices, const V& values) {              \
    detail::apply_at<detail::op>(detail::temporary_out(a), indices, values); \
  }
ND_UFUNC_AT(add_at, add_at_op, true)
// NumPy has no boolean subtract (it suggests logical_xor): none here either.
ND_UFUNC_AT(subtract_at, subtract_at_op, (!std::is_same_v<result_type_t<array<T>, V>, bool>))
ND_UFUNC_AT(multiply_at, multiply_at_op, true)
ND_UFUNC_AT(minimum_at, minimum_at_op, true)
ND_UFUNC_AT(maximum_at, maximum_at_op, true)
#undef ND_UFUNC_AT

}  // namespace nd
