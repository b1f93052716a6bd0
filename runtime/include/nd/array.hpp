// nd::array<T>: a handle to a strided view of a shared buffer, with NumPy semantics.
//
// Copying a handle shares the buffer (Python's `b = a`); a.copy() makes an independent
// C-contiguous array. Const means read-only data: every member that can write elements
// is non-const, so a `const nd::array<T>&` is provably never written through. The
// checks in checks/ rely on that.
#pragma once
// IWYU pragma: private, include <nd/nd.hpp>

#include <algorithm>
#include <cstring>
#include <utility>
#include <vector>

#include "nd/core.hpp"

namespace nd {

template <element T>
class array;

template <class X>
struct is_array : std::false_type {};
template <class T>
struct is_array<array<T>> : std::true_type {};
template <class X>
inline constexpr bool is_array_v = is_array<std::remove_cvref_t<X>>::value;
template <class X>
concept any_array = is_array_v<X>;

namespace detail {

struct array_access;

template <class I>
inline constexpr bool is_integer_index_v =
    std::is_integral_v<std::remove_cvref_t<I>> && !std::is_same_v<std::remove_cvref_t<I>, bool>;
template <class I>
inline constexpr bool is_basic_tag_v =
    std::is_same_v<std::remove_cvref_t<I>, slice> || std::is_same_v<std::remove_cvref_t<I>, all_t> ||
    std::is_same_v<std::remove_cvref_t<I>, newaxis_t> || std::is_same_v<std::remove_cvref_t<I>, ellipsis_t>;

// One entry of a basic index, after the compile-time types are erased.
struct basic_index {
  enum kind_t : std::uint8_t { integer, range, new_axis, ellipsis_mark } kind;
  index_t value = 0;  // the integer
  slice range_{};     // the slice (nd::all is slice())
};

inline basic_index to_basic(index_t i) { return {basic_index::integer, i, {}}; }
inline basic_index to_basic(const slice& s) { return {basic_index::range, 0, s}; }
inline basic_index to_basic(all_t) { return {basic_index::range, 0, slice()}; }
inline basic_index to_basic(newaxis_t) { return {basic_index::new_axis, 0, {}}; }
inline basic_index to_basic(ellipsis_t) { return {basic_index::ellipsis_mark, 0, {}}; }

// Applies a basic index to (shape, strides): writes the view's shape and strides and
// returns the element offset of its first element. Throws index_error as NumPy does.
index_t apply_basic_index(std::span<const index_t> shape, std::span<const index_t> strides,
                          std::span<const basic_index> index, shape_t& out_shape, shape_t& out_strides);

// C-order strides (in elements) for a shape.
shape_t c_strides(std::span<const index_t> shape);

// Copies a strided array of dtype `from` into the C-contiguous buffer dst of dtype `to`
// (NumPy's unsafe cast), through the ufunc engine's coalesced, SIMD copy loops (a
// per-element walk is several times slower).
void copy_to_c_order(dtype from, dtype to, std::span<const index_t> shape, std::span<const index_t> strides,
                     const void* src, void* dst);

// Whether (shape, strides) is C-contiguous; axes of length 1 may have any stride.
bool is_c_contiguous(std::span<const index_t> shape, std::span<const index_t> strides);

// Element offset of a multi-index, with negative indices and bounds checks.
template <class... I>
index_t element_offset(std::span<const index_t> shape, std::span<const index_t> strides, I... idx);

// Visits every element of a strided array in C order with a pointer to it, coalescing
// contiguous axes so the innermost loop is as long as possible. Used by the plain
// (non-SIMD) paths: copy, fill, printing, indexing.
template <class T, class F>
void for_each_element(T* data, std::span<const index_t> shape, std::span<const index_t> strides, F&& f);

// Advanced indexing, defined in nd/indexing.hpp: the copy, and the copy that knows its
// source (for a non-const array).
template <class T, class... I>
array<T> advanced_get(const array<T>& a, const I&... idx);
template <class T, class... I>
array<T> advanced_target(array<T>& a, const I&... idx);

template <class I>
inline constexpr bool is_advanced_index_v = is_array_v<I> || requires { typename std::remove_cvref_t<I>::ix_tag; };

// Where the copy that advanced indexing returns came from (nd/indexing.hpp), so that
// assigning to that temporary, a(mask) = v or a(rows, cols) += 1, writes back into the
// indexed array as NumPy's __setitem__ does. It refers to the source and to the index
// arrays weakly: a named copy (auto c = a(mask)) keeps neither alive.
struct scatter_origin;
// Writes `values` (C-contiguous, in the shape of the indexing result) back into the
// elements the index selected; a repeated index takes its last value. Throws
// value_error if the source is read-only or no longer exists.
void scatter_back(const scatter_origin& origin, const void* values, index_t count);
// Throws value_error("assignment destination is read-only") if the indexed array of an
// indexing result may not be written: NumPy's a[idx] = v checks that before the value.
void require_writeable_source(const scatter_origin& origin);
// Whether the indexing result came from a boolean mask over every axis (a(mask) with
// mask.shape() == a.shape()), NumPy's special case of boolean assignment.
bool full_mask_assignment(const scatter_origin* origin);
// Whether the indexing result is what NumPy's a[idx] returns as a scalar, not a 0-d
// array: a 0-d result of an index without an ellipsis (a(i0) with a 0-d index array;
// a(nd::ellipsis, i0) is a 0-d array in NumPy).
bool scalar_selection(const scatter_origin* origin);
// The error for a value that does not broadcast to an indexing result (NumPy's
// messages: basic views, boolean masks and integer index arrays each word it their way).
[[noreturn]] void throw_setitem_shape(std::span<const index_t> value, std::span<const index_t> target,
                                      const scatter_origin* origin);
// The error for a copy made by advanced indexing used as a destination (nd::copyto,
// an `out` argument): the write would be lost, so it is refused.
[[noreturn]] void throw_write_into_copy(const char* what);

template <class S>
concept scalar_value = std::is_arithmetic_v<S>;

}  // namespace detail

template <element E>
class array {
 public:
  using value_type = E;

  // An empty 1-D array of shape (0,).
  array() : array(shape_t{0}) {}

  // Nested initializer lists: nd::array<double>{{1, 2}, {3, 4}}. Ragged lists throw value_error.
  array(std::initializer_list<E> v) : array(shape_t{static_cast<index_t>(v.size())}) {
    std::copy(v.begin(), v.end(), data_);
  }
  array(std::initializer_list<std::initializer_list<E>> v) : array(nested_shape(v)) { fill_nested(v, data_); }
  array(std::initializer_list<std::initializer_list<std::initializer_list<E>>> v) : array(nested_shape(v)) {
    fill_nested(v, data_);
  }
  array(std::initializer_list<std::initializer_list<std::initializer_list<std::initializer_list<E>>>> v)
      : array(nested_shape(v)) {
    fill_nested(v, data_);
  }

  // Uninitialised C-contiguous array of a shape (nd::empty).
  explicit array(const shape_t& shape)
      : buffer_(detail::allocate_buffer(checked_bytes(shape), shape, dtype_of<E>())),
        data_(reinterpret_cast<E*>(buffer_->data)),
        shape_(shape),
        strides_(detail::c_strides(shape)) {}

  // Copies share the buffer (Python's `b = a`). A moved-from handle is left as an empty
  // array of shape (0,) that owns nothing, so every operation on it stays safe. Copies
  // and assignments to a named array never carry where an indexing result came from:
  // only the temporary itself writes back (see "assignment through indexing" below).
  array(const array& other)
      : buffer_(other.buffer_),
        data_(other.data_),
        shape_(other.shape_),
        strides_(other.strides_),
        writeable_(other.writeable_) {}
  array& operator=(const array& other) & {
    buffer_ = other.buffer_;
    data_ = other.data_;
    shape_ = other.shape_;
    strides_ = other.strides_;
    writeable_ = other.writeable_;
    origin_.reset();
    return *this;
  }
  array(array&& other) noexcept
      : buffer_(std::move(other.buffer_)),
        data_(other.data_),
        shape_(other.shape_),
        strides_(other.strides_),
        writeable_(other.writeable_),
        origin_(std::move(other.origin_)) {
    other.become_empty();
  }
  array& operator=(array&& other) & noexcept {
    if (this != &other) {
      buffer_ = std::move(other.buffer_);
      data_ = other.data_;
      shape_ = other.shape_;
      strides_ = other.strides_;
      writeable_ = other.writeable_;
      origin_.reset();
      other.become_empty();
    }
    return *this;
  }

  // ---- assignment through indexing: NumPy's a[...] = v ----------------------------
  // Assigning to the temporary an indexing expression returns writes into the indexed
  // array: a(nd::slice(0, 2)) = b writes b (broadcast, cast as NumPy's setitem casts)
  // into the view; a(mask) = v and a(rows, cols) = v scatter into a (a repeated index:
  // the last write wins). On a named array `=` rebinds the handle instead (the
  // overloads above), as Python's `b = a` does. Const arrays and read-only views refuse:
  // the first does not compile, the second throws value_error.
  void operator=(const array& value) && { assign_through(value); }
  template <element U>
  void operator=(const array<U>& value) && {
    assign_through(value);
  }
  template <detail::scalar_value S>
  void operator=(const S& value) && {
    assign_through(value);
  }

  // ---- layout -------------------------------------------------------------------
  int ndim() const { return shape_.size(); }
  std::span<const index_t> shape() const { return shape_; }
  index_t shape(int axis) const { return shape_[normalize_axis(axis)]; }
  std::span<const index_t> strides() const { return strides_; }
  index_t strides(int axis) const { return strides_[normalize_axis(axis)]; }
  index_t size() const { return shape_.prod(); }
  bool empty() const { return size() == 0; }
  // The first element. The non-const overload is for writing, so it throws value_error
  // on a read-only view; read one through a const handle (std::as_const(v).data()).
  E* data() {
    require_writeable();
    return data_;
  }
  const E* data() const { return data_; }
  bool is_contiguous() const { return detail::is_c_contiguous(shape_, strides_); }
  // False for read-only views (nd::broadcast_to); writing into one throws value_error.
  bool writeable() const { return writeable_; }

  // ---- element access -----------------------------------------------------------
  // The non-const form returns a reference that may be written, so on a read-only view
  // it throws value_error, as NumPy does on assignment; the const form reads any array.
  template <class... I>
    requires(detail::is_integer_index_v<I> && ...)
  E& operator()(I... idx) {
    require_writeable();
    return data_[detail::element_offset(shape_, strides_, idx...)];
  }
  template <class... I>
    requires(detail::is_integer_index_v<I> && ...)
  E operator()(I... idx) const {
    return data_[detail::element_offset(shape_, strides_, idx...)];
  }

  // ---- basic indexing: a view ---------------------------------------------------
  template <class... I>
    requires((detail::is_integer_index_v<I> || detail::is_basic_tag_v<I>) && ...) && (detail::is_basic_tag_v<I> || ...)
  array operator()(const I&... idx) {
    return basic_view(idx...);
  }
  template <class... I>
    requires((detail::is_integer_index_v<I> || detail::is_basic_tag_v<I>) && ...) && (detail::is_basic_tag_v<I> || ...)
  const array operator()(const I&... idx) const {
    return basic_view(idx...);
  }

  // ---- advanced indexing: a copy ------------------------------------------------
  // On a non-const array the copy also remembers where it came from, so that
  // a(mask) = v writes into a; on a const one it is a const copy, so that assigning to
  // it (which could change nothing) does not compile.
  template <class... I>
    requires((detail::is_integer_index_v<I> || detail::is_basic_tag_v<I> || detail::is_advanced_index_v<I>) && ...) &&
            (detail::is_advanced_index_v<I> || ...)
  array operator()(const I&... idx) {
    return detail::advanced_target(*this, idx...);
  }
  template <class... I>
    requires((detail::is_integer_index_v<I> || detail::is_basic_tag_v<I> || detail::is_advanced_index_v<I>) && ...) &&
            (detail::is_advanced_index_v<I> || ...)
  const array operator()(const I&... idx) const {
    return detail::advanced_get(*this, idx...);
  }

  // ---- copies and in-place fills ------------------------------------------------
  // An independent C-contiguous copy.
  array copy() const {
    array out{shape_t(shape_)};
    E* dst = out.data_;
    if (is_contiguous()) {
      if (size() > 0) std::memcpy(dst, data_, sizeof(E) * static_cast<std::size_t>(size()));
    } else {
      detail::copy_to_c_order(dtype_of<E>(), dtype_of<E>(), shape_, strides_, data_, dst);
    }
    return out;
  }
  // Sets every element to v.
  void fill(E v) {
    require_writeable();
    detail::for_each_element(data_, shape_, strides_, [&](E* p) { *p = v; });
  }
  // The elements in C order, copied out (NumPy's a.ravel().tolist()).
  std::vector<E> to_vector() const {
    std::vector<E> out;
    out.reserve(static_cast<std::size_t>(size()));
    detail::for_each_element(data_, shape_, strides_, [&](const E* p) { out.push_back(*p); });
    return out;
  }
  // The single element of a size-1 array (NumPy's a.item()).
  E item() const {
    if (size() != 1)
      throw value_error("can only convert an array of size 1 to a C++ scalar, found size " + std::to_string(size()));
    return *data_;
  }

  // ---- shape and type (nd/shape.hpp, nd/ufunc.hpp) ------------------------------
  array reshape(const shape_t& shape) const;
  array ravel() const;
  array flatten() const;
  array T() const;
  template <element U>
  array<U> astype() const;

  // Throws value_error unless this array may be written (nd::broadcast_to views may not).
  void require_writeable() const {
    if (!writeable_) throw value_error("assignment destination is read-only");
  }

 private:
  friend struct detail::array_access;
  template <element U>
  friend class array;

  array(std::shared_ptr<detail::buffer> buffer, E* data, shape_t shape, shape_t strides, bool writeable)
      : buffer_(std::move(buffer)),
        data_(data),
        shape_(std::move(shape)),
        strides_(std::move(strides)),
        writeable_(writeable) {}

  // Writes `value` into this temporary (a view, or the copy advanced indexing made) and
  // the copy back into its source. Defined in nd/ufunc.hpp, with nd::copyto.
  template <class V>
  void assign_through(const V& value);

  template <class... I>
  array basic_view(const I&... idx) const {
    const detail::basic_index index[] = {detail::to_basic(to_index_arg(idx))...};
    shape_t shape, strides;
    index_t offset = detail::apply_basic_index(shape_, strides_, index, shape, strides);
    return array(buffer_, data_ + offset, std::move(shape), std::move(strides), writeable_);
  }
  template <class I>
  static decltype(auto) to_index_arg(const I& i) {
    if constexpr (detail::is_integer_index_v<I>) return static_cast<index_t>(i);
    else return (i);
  }

  void become_empty() noexcept {
    origin_.reset();
    data_ = nullptr;
    shape_ = shape_t{0};
    strides_ = shape_t{1};
    writeable_ = true;
  }

  int normalize_axis(int axis) const {
    int n = ndim();
    if (axis < -n || axis >= n)
      throw index_error("axis " + std::to_string(axis) + " is out of bounds for array of dimension " +
                        std::to_string(n));
    return axis < 0 ? axis + n : axis;
  }

  // The buffer size for `shape`. The product of the non-zero extents is checked too, so
  // that (0, 2**62, 2**62) is refused before its strides could overflow.
  static std::size_t checked_bytes(const shape_t& shape) {
    index_t n = 1, nonzero = 1;
    for (index_t d : shape) {
      if (d < 0) throw value_error("negative dimensions are not allowed, found shape " + to_string(shape));
      if (d != 0 && nonzero > static_cast<index_t>(PTRDIFF_MAX / sizeof(E)) / d)
        throw value_error("array is too big; shape " + to_string(shape) + " overflows the address space");
      if (d != 0) nonzero *= d;
      n *= d;
    }
    return static_cast<std::size_t>(n) * sizeof(E);
  }

  template <class L>
  static void nested_extents(const L& v, shape_t& shape, int depth) {
    if constexpr (requires { v.begin()->begin(); }) {
      if (depth == shape.size()) shape.push_back(static_cast<index_t>(v.size()));
      for (const auto& inner : v) {
        if (depth + 1 < shape.size() && shape[depth + 1] != static_cast<index_t>(inner.size()))
          throw value_error("setting an array element with a sequence: the nested lists are ragged");
        nested_extents(inner, shape, depth + 1);
      }
    } else {
      if (depth == shape.size()) shape.push_back(static_cast<index_t>(v.size()));
      else if (shape[depth] != static_cast<index_t>(v.size()))
        throw value_error("setting an array element with a sequence: the nested lists are ragged");
    }
  }
  template <class L>
  static shape_t nested_shape(const L& v) {
    shape_t shape;
    nested_extents(v, shape, 0);
    return shape;
  }
  template <class L>
  static E* fill_nested(const L& v, E* out) {
    if constexpr (requires { v.begin()->begin(); }) {
      for (const auto& inner : v) out = fill_nested(inner, out);
      return out;
    } else {
      return std::copy(v.begin(), v.end(), out);
    }
  }

  std::shared_ptr<detail::buffer> buffer_;
  E* data_ = nullptr;
  shape_t shape_;
  shape_t strides_;
  bool writeable_ = true;
  std::shared_ptr<const detail::scatter_origin> origin_;  // set only on a(advanced index)
};

namespace detail {

// Internal access to a handle's parts, for the runtime's own building blocks.
struct array_access {
  template <class T>
  static const std::shared_ptr<buffer>& buffer_of(const array<T>& a) {
    return a.buffer_;
  }
  // The first element, without the read-only check: what an indexing result records
  // as its source (the check comes when, and if, it writes back).
  template <class T>
  static T* raw_data(const array<T>& a) {
    return a.data_;
  }
  template <class T>
  static void set_origin(array<T>& a, std::shared_ptr<const scatter_origin> origin) {
    a.origin_ = std::move(origin);
  }
  template <class T>
  static const scatter_origin* origin_of(const array<T>& a) {
    return a.origin_.get();
  }
  // A temporary handed on as a new result (an operator that computed into it): it no
  // longer stands for an indexing expression, so it writes nothing back.
  template <class T>
  static array<T> result_of(array<T>&& a) {
    a.origin_.reset();
    return std::move(a);
  }
  // After a compound assignment to an indexing result (a(mask) += 1): the updated copy
  // goes back into its source. Nothing to do for a view, which was written in place.
  template <class T>
  static void write_back(const array<T>& a) {
    if (a.origin_) scatter_back(*a.origin_, a.data_, a.size());
  }
  // A handle to a buffer made elsewhere (nd::from_data's view of the caller's memory).
  template <class T>
  static array<T> adopt(std::shared_ptr<buffer> b, T* data, shape_t shape, shape_t strides, bool writeable) {
    return array<T>(std::move(b), data, std::move(shape), std::move(strides), writeable);
  }
  // A view of `a`'s buffer with new layout. `data` must point into that buffer.
  template <class T>
  static array<T> view(const array<T>& a, const T* data, shape_t shape, shape_t strides, bool writeable) {
    return array<T>(a.buffer_, const_cast<T*>(data), std::move(shape), std::move(strides), writeable && a.writeable_);
  }
};

// A temporary given as `out` (or nd::copyto's destination) is meant to be a view, written
// through; the copy a(mask) or a(idx) makes would take the write and lose it.
template <class U>
array<U>& temporary_out(array<U>& out) {
  if (array_access::origin_of(out)) throw_write_into_copy("the destination");
  return out;
}

template <class... I>
index_t element_offset(std::span<const index_t> shape, std::span<const index_t> strides, I... idx) {
  constexpr int n = static_cast<int>(sizeof...(I));
  if (n != static_cast<int>(shape.size())) {
    if (n > static_cast<int>(shape.size()))
      throw index_error("too many indices for array: array is " + std::to_string(shape.size()) + "-dimensional, but " +
                        std::to_string(n) + " were indexed");
    throw index_error("element access needs one integer per dimension: array is " + std::to_string(shape.size()) +
                      "-dimensional, but " + std::to_string(n) +
                      " were given (use nd::all for the remaining axes to get a view)");
  }
  index_t offset = 0;
  int axis = 0;
  (
      [&] {
        index_t i = static_cast<index_t>(idx);
        index_t len = shape[axis];
        if (i < -len || i >= len) throw_index_out_of_bounds(i, axis, len);
        if (i < 0) i += len;
        offset += i * strides[axis];
        ++axis;
      }(),
      ...);
  return offset;
}

// Merges adjacent axes that can be walked as one (NumPy's coalescing) and drops axes
// of length 1. Returns the new rank; shape and strides are rewritten in place.
int coalesce_axes(index_t* shape, index_t* strides, int ndim);

template <class T, class F>
void for_each_element(T* data, std::span<const index_t> shape_in, std::span<const index_t> strides_in, F&& f) {
  shape_t shape(shape_in), strides(strides_in);
  for (index_t d : shape)
    if (d == 0) return;
  int nd = coalesce_axes(shape.data(), strides.data(), shape.size());
  if (nd == 0) {
    f(data);
    return;
  }
  const index_t inner = shape[nd - 1], inner_stride = strides[nd - 1];
  index_t counter[max_dims] = {};
  T* p = data;
  for (;;) {
    T* q = p;
    for (index_t i = 0; i < inner; ++i, q += inner_stride) f(q);
    int k = nd - 2;
    for (; k >= 0; --k) {
      p += strides[k];
      if (++counter[k] < shape[k]) break;
      p -= strides[k] * shape[k];
      counter[k] = 0;
    }
    if (k < 0) return;
  }
}

}  // namespace detail

// Whether two arrays may share memory (NumPy's may_share_memory: exact for arrays of
// different buffers, conservative by memory extent within one buffer).
template <class A, class B>
bool shares_memory(const array<A>& a, const array<B>& b);

namespace detail {
// The [first, last) byte extent an array's elements occupy.
template <class T>
std::pair<const std::byte*, const std::byte*> byte_extent(const array<T>& a) {
  if (a.size() == 0) return {nullptr, nullptr};
  const T* lo = a.data();
  const T* hi = a.data();
  for (int k = 0; k < a.ndim(); ++k) {
    index_t span = (a.shape(k) - 1) * a.strides(k);
    if (span < 0) lo += span;
    else hi += span;
  }
  return {reinterpret_cast<const std::byte*>(lo), reinterpret_cast<const std::byte*>(hi + 1)};
}
}  // namespace detail

template <class A, class B>
bool shares_memory(const array<A>& a, const array<B>& b) {
  // Buffers the runtime allocated never overlap; the caller's memory (nd::from_data)
  // may overlap anything, so then the addresses decide.
  const auto& ba = detail::array_access::buffer_of(a);
  const auto& bb = detail::array_access::buffer_of(b);
  if (ba != bb && !(ba && bb && (!ba->owned || !bb->owned))) return false;
  auto [alo, ahi] = detail::byte_extent(a);
  auto [blo, bhi] = detail::byte_extent(b);
  if (!alo || !blo) return false;
  return alo < bhi && blo < ahi;
}

}  // namespace nd
