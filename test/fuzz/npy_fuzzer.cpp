// libFuzzer target for the .npy reader: every input is a candidate file, read from
// memory through the same reader nd::load uses, then printed.
//   cmake -DND_BUILD_FUZZERS=ON -DCMAKE_CXX_COMPILER=clang++ ... && ninja nd_npy_fuzzer
//   ./nd_npy_fuzzer new_inputs/ <source>/test/fuzz/corpus
#include <cstdint>
#include <cstdio>

#include "npy_fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;  // fmemopen refuses empty buffers; io_test covers empty files
  std::FILE* stream = ::fmemopen(const_cast<std::uint8_t*>(data), size, "rb");
  if (!stream) return 0;
  try {
    nd::detail::npy_reader reader(stream, "fuzz input");
    nd_fuzz::load_and_print(reader);
  } catch (const nd::io_error&) {
    // Rejected: the expected outcome for almost every input.
  }
  std::fclose(stream);
  return 0;
}
