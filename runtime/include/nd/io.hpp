// NumPy .npy files: nd::save(path, a), nd::load<T>(path) and the converting
// nd::load_as<T>(path).
//
// Reading accepts format versions 1.0, 2.0 and 3.0, C and Fortran order, little- and
// big-endian data of the five element types. Anything malformed, truncated or of the
// wrong type throws nd::io_error naming the file and the problem; the header is checked
// against the file's size before any buffer is allocated, so a lying header cannot make
// the reader allocate more than the file holds. Writing produces the same bytes as
// NumPy's np.save (version 1.0, C order, little-endian, header padded to 64 bytes).
#pragma once
// IWYU pragma: private, include <nd/nd.hpp>

#include <cstdio>
#include <filesystem>
#include <string>

#include "nd/array.hpp"

namespace nd {

namespace detail {

// An open .npy file whose header has been parsed and validated; the stream is
// positioned at the first data byte.
class npy_reader {
 public:
  // Opens `path` and parses its header. Throws io_error.
  explicit npy_reader(const std::filesystem::path& path);
  // Parses the header of an already open stream (a FILE* from fmemopen, say) that the
  // caller keeps owning; `name` is used in messages. Throws io_error.
  npy_reader(std::FILE* stream, std::string name);
  ~npy_reader();
  npy_reader(const npy_reader&) = delete;
  npy_reader& operator=(const npy_reader&) = delete;

  dtype type() const { return type_; }
  // The file's descr as written, e.g. "<f8", for messages.
  const std::string& descr() const { return descr_; }
  const shape_t& shape() const { return shape_; }
  bool fortran_order() const { return fortran_order_; }
  const std::string& name() const { return name_; }

  // Reads the data (shape().prod() elements of type()) in file order into `dst`, in
  // native byte order, with bool bytes normalised to 0 or 1. Throws io_error.
  void read_data(void* dst);

  // The file's elements as a C-contiguous array<T>; T must be type().
  template <element T>
  array<T> read_array();

  // Throws io_error saying "expected <wanted>, found <type()>".
  [[noreturn]] void throw_type_mismatch(dtype wanted, const char* hint) const;
  // Throws io_error "cannot load '<name>': <what>".
  [[noreturn]] void fail(const std::string& what) const;

 private:
  void parse_header();

  std::FILE* stream_ = nullptr;
  bool owns_stream_ = false;
  std::string name_;
  std::string descr_;
  dtype type_ = dtype::float64;
  bool swap_bytes_ = false;
  bool fortran_order_ = false;
  shape_t shape_;
  std::size_t data_bytes_ = 0;
};

// Writes a C-contiguous block of `shape` elements of type `t` as a .npy file at exactly
// `path`. Throws io_error.
void npy_write(const std::filesystem::path& path, dtype t, std::span<const index_t> shape, const void* data);

// np.save's file name: ".npy" is appended unless the name already ends with it.
std::filesystem::path npy_save_path(const std::filesystem::path& path);

template <element T>
array<T> npy_reader::read_array() {
  if (type_ != dtype_of<T>()) throw_type_mismatch(dtype_of<T>(), "");
  if (!fortran_order_ || shape_.size() < 2) {
    array<T> out{shape_};
    read_data(out.data());
    return out;
  }
  // Fortran order: the bytes are the C-order array of the reversed shape; reversing
  // the axes of that gives the array, which copy() lays out in C order.
  shape_t reversed;
  for (int k = shape_.size() - 1; k >= 0; --k) reversed.push_back(shape_[k]);
  array<T> file_order{reversed};
  read_data(file_order.data());
  shape_t strides = c_strides(reversed);
  shape_t transposed_strides;
  for (int k = strides.size() - 1; k >= 0; --k) transposed_strides.push_back(strides[k]);
  return array_access::view(file_order, file_order.data(), shape_, transposed_strides, true).copy();
}

// Converts between element types along NumPy's 'same_kind' casting rule: bool to
// anything, integers to integers or floats, floats to floats.
template <element From, element To>
inline constexpr bool same_kind_cast_v =
    std::is_same_v<From, bool> || (std::is_integral_v<From> && !std::is_same_v<To, bool>) ||
    (std::is_floating_point_v<From> && std::is_floating_point_v<To>);

}  // namespace detail

// Writes `a` as a NumPy .npy file (np.save): ".npy" is appended to the file name unless
// it already ends with it. Non-contiguous arrays are written in C order. Throws io_error
// when the file cannot be written.
template <element T>
void save(const std::filesystem::path& path, const array<T>& a) {
  static_assert(sizeof(bool) == 1, ".npy bool data is one byte per element");
  std::filesystem::path target = detail::npy_save_path(path);
  if (a.is_contiguous()) {
    detail::npy_write(target, dtype_of<T>(), a.shape(), a.data());
  } else {
    array<T> c = a.copy();
    detail::npy_write(target, dtype_of<T>(), c.shape(), c.data());
  }
}

// Reads a .npy file holding elements of type T (np.load). A file of another dtype
// throws io_error naming both (NumPy does not convert on load either; see load_as).
// The result is C-contiguous, whatever the file's order.
template <element T>
array<T> load(const std::filesystem::path& path) {
  detail::npy_reader reader(path);
  if (reader.type() != dtype_of<T>()) reader.throw_type_mismatch(dtype_of<T>(), "; nd::load_as converts");
  return reader.template read_array<T>();
}

// Reads a .npy file and converts its elements to T, like np.load(path).astype(T,
// casting='same_kind'): bool to anything, integers to any integer or float type,
// floats to float types. Other conversions (float to integer, anything to bool) throw
// io_error, as they would lose values silently.
template <element T>
array<T> load_as(const std::filesystem::path& path) {
  detail::npy_reader reader(path);
  auto convert = [&]<element From>() -> array<T> {
    if constexpr (std::is_same_v<From, T>) {
      return reader.template read_array<T>();
    } else if constexpr (detail::same_kind_cast_v<From, T>) {
      array<From> source = reader.template read_array<From>();
      array<T> out{shape_t(source.shape())};
      const From* src = source.data();
      T* dst = out.data();
      for (index_t i = 0, n = source.size(); i < n; ++i) dst[i] = static_cast<T>(src[i]);
      return out;
    } else {
      reader.throw_type_mismatch(dtype_of<T>(), " (converting it would lose values)");
    }
  };
  // The file's shape was checked against its own element size; the converted array
  // may still be too big for T (a 1-byte bool file as float64), and that error must
  // name the file like every other.
  try {
    switch (reader.type()) {
      case dtype::bool_: return convert.template operator()<bool>();
      case dtype::int32: return convert.template operator()<std::int32_t>();
      case dtype::int64: return convert.template operator()<std::int64_t>();
      case dtype::float32: return convert.template operator()<float>();
      case dtype::float64: return convert.template operator()<double>();
    }
  } catch (const value_error& e) {
    reader.fail(std::string("cannot convert to ") + dtype_name<T>() + ": " + e.what());
  }
  reader.fail("unknown element type");
}

}  // namespace nd
