// The runner on a passing test, with a standard clang-tidy check so that it is tested
// independently of the nd checks: messages and fixes match, both front ends agree,
// the fixed file compiles against the runtime, and both programs print the same.
// UNSUPPORTED: version-sensitive-only
// RUN: %check_nd_tidy %s modernize-use-nullptr %t
// RUN: %check_nd_tidy -run %s modernize-use-nullptr %t
#include <nd/nd.hpp>

#include <cstdio>

int main() {
  int *missing = 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: use nullptr [modernize-use-nullptr]
  // CHECK-FIXES: int *missing = nullptr;
  auto a = nd::zeros<double>({2, 3});
  std::printf("%d %td\n", missing == nullptr, a.size());
  return 0;
}
