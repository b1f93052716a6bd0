// User code that includes only <nd/nd.hpp> is clean under misc-include-cleaner: the
// umbrella header exports the others, each of which says it is private to it (IWYU
// pragmas). The unused <cstddef> proves that the check ran on this file.
// RUN: %nd_clang_tidy --checks='-*,misc-include-cleaner' %s -- -std=c++20 \
// RUN:   -I %nd_runtime_include 2>&1 | %FileCheck %s --implicit-check-not=warning:
// CHECK: :[[@LINE+2]]:1: warning: included header cstddef is not used directly [misc-include-cleaner]
#include <nd/nd.hpp>
#include <cstddef>

int main() {
  nd::array<double> a = nd::zeros<double>({3, 4});
  nd::array<double> b = nd::sqrt(a + 1.0);
  auto total = nd::sum(b(nd::slice(0, 2)), 0);
  nd::array<double> g = nd::matmul(b, nd::transpose(b));
  nd::array<double> x = nd::linalg::solve(g + nd::eye<double>(3), nd::ones<double>({3}));
  return static_cast<int>(total.size() + x.size()) - 7;
}
