// Replays the malformed .npy files of test/fuzz/corpus through the reader, as a plain
// test: each must be rejected with nd::io_error (a crash, another exception or a
// successful load fails the test).
#include <exception>
#include <filesystem>
#include <iostream>
#include <string>

#include "npy_fuzz_input.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: " << argv[0] << " CORPUS_DIR\n";
    return 2;
  }
  int files = 0, failures = 0;
  for (const auto& entry : std::filesystem::directory_iterator(argv[1])) {
    if (!entry.is_regular_file()) continue;
    ++files;
    const std::string name = entry.path().filename().string();
    try {
      nd::detail::npy_reader reader(entry.path());
      if (nd_fuzz::load_and_print(reader)) {
        std::cerr << name << ": loaded, but the corpus holds only malformed files\n";
        ++failures;
      }
    } catch (const nd::io_error& e) {
      // Rejected as it should be; the message must name the file.
      if (std::string(e.what()).find(name) == std::string::npos) {
        std::cerr << name << ": message does not name the file: " << e.what() << "\n";
        ++failures;
      }
    } catch (const std::exception& e) {
      std::cerr << name << ": threw something other than nd::io_error: " << e.what() << "\n";
      ++failures;
    }
  }
  std::cout << files << " malformed files replayed, " << failures << " failures\n";
  return files > 0 && failures == 0 ? 0 : 1;
}
