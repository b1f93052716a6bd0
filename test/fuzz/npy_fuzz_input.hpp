// What the fuzzer and the corpus replay do with one input: read it as a .npy file
// with the element type its header names, then print it (which walks every element
// through the float formatter). Any outcome but success or nd::io_error is a bug.
#pragma once

#include <sstream>

#include <nd/io.hpp>
#include <nd/print.hpp>

namespace nd_fuzz {

// True if the input loaded; false if the reader rejected it with io_error.
inline bool load_and_print(nd::detail::npy_reader& reader) {
  std::ostringstream out;
  try {
    switch (reader.type()) {
      case nd::dtype::bool_: out << reader.read_array<bool>(); break;
      case nd::dtype::int32: out << reader.read_array<std::int32_t>(); break;
      case nd::dtype::int64: out << reader.read_array<std::int64_t>(); break;
      case nd::dtype::float32: out << reader.read_array<float>(); break;
      case nd::dtype::float64: out << reader.read_array<double>(); break;
    }
  } catch (const nd::io_error&) {
    return false;
  }
  return !out.str().empty();
}

}  // namespace nd_fuzz
