// With -run, the original and the fixed program must print the same. This program
// prints its own file name, which differs (original vs fixed) whatever the fix does.
// UNSUPPORTED: version-sensitive-only
// RUN: not %check_nd_tidy -run %s modernize-use-nullptr %t 2>&1 | %FileCheck %s --check-prefix=RUNNER
// RUNNER: FAIL: the fixed program prints something else than the original
// RUNNER: -original
// RUNNER: +fixed
#include <cstdio>
#include <cstring>

int main(int, char **argv) {
  int *missing = 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: use nullptr [modernize-use-nullptr]
  const char *slash = std::strrchr(argv[0], '/');
  std::printf("%s\n", slash ? slash + 1 : argv[0]);
  return missing == nullptr ? 0 : 1;
}
