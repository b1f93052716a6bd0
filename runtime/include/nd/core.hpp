// Core vocabulary of the nd runtime: index type, errors, shapes, element types,
// index tags and the shared buffer that arrays are handles to.
#pragma once
// IWYU pragma: private, include <nd/nd.hpp>

#include <array>
#include <complex>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace nd {

using index_t = std::ptrdiff_t;

// NumPy 1.x allows 32 dimensions; shapes and strides live inline in the handle, so a
// view is made without touching the heap.
inline constexpr int max_dims = 32;

// ---------------------------------------------------------------------------------
// Errors. All derive from nd::error, a std::runtime_error. Messages say what was
// expected and what was found, with NumPy's wording where NumPy has one.
class error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};
class shape_error : public error {
 public:
  using error::error;
};
class index_error : public error {
 public:
  using error::error;
};
class type_error : public error {
 public:
  using error::error;
};
class value_error : public error {
 public:
  using error::error;
};
class io_error : public error {
 public:
  using error::error;
};
// An array buffer that cannot be allocated (NumPy's MemoryError): the message gives the
// size, shape and element type.
class memory_error : public error {
 public:
  using error::error;
};

// ---------------------------------------------------------------------------------
// shape_t: a small inline vector of extents (also used for strides, in elements).
class shape_t {
 public:
  shape_t() = default;
  shape_t(std::initializer_list<index_t> dims) { assign(dims.begin(), dims.end()); }
  shape_t(std::span<const index_t> dims) { assign(dims.begin(), dims.end()); }
  template <std::integral I>
    requires(!std::same_as<I, bool>)
  shape_t(I n) {
    push_back(static_cast<index_t>(n));
  }
  template <std::integral I>
  shape_t(const std::vector<I>& dims) {
    assign(dims.begin(), dims.end());
  }

  int size() const { return n_; }
  bool empty() const { return n_ == 0; }
  index_t& operator[](int k) { return d_[k]; }
  index_t operator[](int k) const { return d_[k]; }
  index_t* begin() { return d_.data(); }
  index_t* end() { return d_.data() + n_; }
  const index_t* begin() const { return d_.data(); }
  const index_t* end() const { return d_.data() + n_; }
  index_t* data() { return d_.data(); }
  const index_t* data() const { return d_.data(); }
  index_t back() const { return d_[n_ - 1]; }

  void push_back(index_t v) {
    if (n_ == max_dims)
      throw value_error("maximum supported dimension for an ndarray is " + std::to_string(max_dims) + ", found " +
                        std::to_string(max_dims + 1));
    d_[n_++] = v;
  }
  void insert(int pos, index_t v) {
    push_back(0);
    for (int k = n_ - 1; k > pos; --k) d_[k] = d_[k - 1];
    d_[pos] = v;
  }
  void erase(int pos) {
    for (int k = pos; k + 1 < n_; ++k) d_[k] = d_[k + 1];
    --n_;
  }
  void resize(int n, index_t fill = 0) {
    while (n_ < n) push_back(fill);
    n_ = n;
  }
  void clear() { n_ = 0; }

  operator std::span<const index_t>() const { return {d_.data(), static_cast<std::size_t>(n_)}; }
  std::span<const index_t> span() const { return *this; }

  // Product of the extents: the number of elements of an array of this shape.
  index_t prod() const {
    index_t p = 1;
    for (int k = 0; k < n_; ++k) p *= d_[k];
    return p;
  }

  friend bool operator==(const shape_t& a, const shape_t& b) {
    if (a.n_ != b.n_) return false;
    for (int k = 0; k < a.n_; ++k)
      if (a.d_[k] != b.d_[k]) return false;
    return true;
  }

 private:
  template <class It>
  void assign(It first, It last) {
    n_ = 0;
    for (; first != last; ++first) push_back(static_cast<index_t>(*first));
  }
  std::array<index_t, max_dims> d_{};
  int n_ = 0;
};

// "(3, 4)", "(5,)", "()": shapes printed as NumPy prints tuples, for messages.
std::string to_string(std::span<const index_t> shape);

// ---------------------------------------------------------------------------------
// Element types. The runtime's kernels are compiled for these.
enum class dtype : std::uint8_t { bool_, int32, int64, float32, float64 };

template <class T>
inline constexpr bool is_element_v =
    std::is_same_v<T, bool> || std::is_same_v<T, std::int32_t> || std::is_same_v<T, std::int64_t> ||
    std::is_same_v<T, float> || std::is_same_v<T, double>;
template <class T>
concept element = is_element_v<T>;

template <element T>
constexpr dtype dtype_of() {
  if constexpr (std::is_same_v<T, bool>) return dtype::bool_;
  else if constexpr (std::is_same_v<T, std::int32_t>) return dtype::int32;
  else if constexpr (std::is_same_v<T, std::int64_t>) return dtype::int64;
  else if constexpr (std::is_same_v<T, float>) return dtype::float32;
  else return dtype::float64;
}

// NumPy's names ("float64", "int32", "bool"), for messages and printing.
const char* dtype_name(dtype t);
template <element T>
const char* dtype_name() {
  return dtype_name(dtype_of<T>());
}

// ---------------------------------------------------------------------------------
// Index tags: nd::none (an omitted slice part, or "no axis"), nd::all (NumPy's `:`),
// nd::newaxis and nd::ellipsis.
struct none_t {
  constexpr bool operator==(const none_t&) const = default;
};
// keepdims as a readable trailing argument of every reduction: nd::mean(a, 1,
// nd::keepdims), nd::stddev(a, 1, 1, nd::keepdims). A tag of its own type, with no
// conversion to bool or to an integer, so it can never be taken for ddof or an axis.
struct keepdims_t {
  explicit constexpr keepdims_t() = default;
};
inline constexpr keepdims_t keepdims{};
// nd::all is both NumPy's `:` (an index tag) and the reduction np.all: calling it,
// nd::all(a), nd::all(a, axis, nd::keepdims), nd::all(a, {axes}), nd::all(a, axis, out),
// reduces (the call operators are defined in nd/reduce.hpp).
struct all_t {
  template <class A, class... Rest>
  decltype(auto) operator()(const A& a, Rest&&... rest) const;
  template <class A>
  auto operator()(const A& a, std::initializer_list<int> axes) const;
  template <class A>
  auto operator()(const A& a, std::initializer_list<int> axes, keepdims_t) const;
  template <class A, std::same_as<bool> B>
  auto operator()(const A& a, std::initializer_list<int> axes, B keepdims) const;
};
struct newaxis_t {};
struct ellipsis_t {};
inline constexpr none_t none{};
inline constexpr all_t all{};
inline constexpr newaxis_t newaxis{};
inline constexpr ellipsis_t ellipsis{};

// A basic slice, start:stop:step; each part may be nd::none.
struct slice {
  std::optional<index_t> start, stop, step;

  constexpr slice() = default;
  // Python's slice(stop).
  template <class Stop>
  constexpr explicit slice(Stop stop_) : stop(part(stop_)) {}
  template <class Start, class Stop, class Step = none_t>
  constexpr slice(Start start_, Stop stop_, Step step_ = none)
      : start(part(start_)), stop(part(stop_)), step(part(step_)) {}

  // The number of elements selected from an axis of length `len`, with `first` and
  // `stride` set: NumPy's (CPython's) PySlice_AdjustIndices.
  index_t adjust(index_t len, index_t& first, index_t& stride) const;

 private:
  static constexpr std::optional<index_t> part(none_t) { return std::nullopt; }
  template <std::integral I>
  static constexpr std::optional<index_t> part(I v) {
    return static_cast<index_t>(v);
  }
  static constexpr std::optional<index_t> part(std::optional<index_t> v) { return v; }
};

namespace detail {

// A reference-counted, 64-byte-aligned block of memory. Arrays and their views share one.
// A buffer may also stand for memory the caller owns (nd::from_data): it is then never
// freed and not counted by memory_stats, and shares_memory compares addresses with it.
struct buffer {
  explicit buffer(std::size_t bytes);
  struct external_t {};
  buffer(external_t, std::byte* memory, std::size_t extent) noexcept : data(memory), bytes(extent), owned(false) {}
  ~buffer();
  buffer(const buffer&) = delete;
  buffer& operator=(const buffer&) = delete;

  std::byte* data;
  std::size_t bytes;
  bool owned = true;
};

// A new buffer of `bytes` for an array of `shape` and `type`; an allocation that fails
// throws memory_error "Unable to allocate 8.00 TiB for an array with shape (...) and
// data type float64", as NumPy words it.
std::shared_ptr<buffer> allocate_buffer(std::size_t bytes, std::span<const index_t> shape, dtype type);

// The allocator behind buffer: 64-byte alignment, transparent huge pages for large
// blocks, and a bounded cache of freed large blocks so temporaries reuse mapped memory.
void* allocate_bytes(std::size_t bytes);
void deallocate_bytes(void* p, std::size_t bytes) noexcept;
// Drops every cached block (tests and benchmarks use it to measure cold allocation).
void release_cached_blocks() noexcept;

[[noreturn]] void throw_index_out_of_bounds(index_t index, int axis, index_t size);

// Whether the product of the non-zero extents of `shape` (non-negative) fits index_t.
// Every array, view or not, must pass: its size, its C strides and the partial
// products the loops form are then free of overflow, even when another extent is 0.
bool element_count_fits(std::span<const index_t> shape) noexcept;

}  // namespace detail
}  // namespace nd
