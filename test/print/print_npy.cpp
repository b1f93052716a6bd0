// Prints every .npy file named on the command line with nd's operator<<, one record
// per file, records separated by a line holding only "\x1e" (ASCII record separator).
// print_vs_numpy.py compares the records with NumPy's repr of the same files.
#include <iostream>

#include <nd/io.hpp>
#include <nd/print.hpp>

namespace {

template <nd::element T>
void print_file(nd::detail::npy_reader& reader) {
  std::cout << reader.read_array<T>() << "\n\x1e\n";
}

}  // namespace

int main(int argc, char** argv) {
  try {
    for (int k = 1; k < argc; ++k) {
      nd::detail::npy_reader reader(argv[k]);
      switch (reader.type()) {
        case nd::dtype::bool_: print_file<bool>(reader); break;
        case nd::dtype::int32: print_file<std::int32_t>(reader); break;
        case nd::dtype::int64: print_file<std::int64_t>(reader); break;
        case nd::dtype::float32: print_file<float>(reader); break;
        case nd::dtype::float64: print_file<double>(reader); break;
      }
    }
  } catch (const nd::error& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
  return 0;
}
