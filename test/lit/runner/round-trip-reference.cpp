// A tree given another tree's record of passed round trips (--round-trip-reference,
// round_trips.py) does not build and run again a pair of programs that passed there,
// and does run every pair that differs: other flags, another fix, another original.
// UNSUPPORTED: version-sensitive-only
// RUN: rm -rf %t.record %t.none
// RUN: %check_nd_tidy -run %s modernize-use-nullptr %t --round-trip-record=%t.record \
// RUN:   | %FileCheck %s --check-prefix=RAN
// RUN: %check_nd_tidy -run %s modernize-use-nullptr %t --round-trip-reference=%t.record \
// RUN:   | %FileCheck %s --check-prefix=SPARED
// RUN: %check_nd_tidy -run %s modernize-use-nullptr %t --round-trip-reference=%t.none \
// RUN:   | %FileCheck %s --check-prefix=RAN
// RUN: %check_nd_tidy -run %s modernize-use-nullptr %t --round-trip-reference=%t.record \
// RUN:   -- -- -DND_OTHER_OUTPUT | %FileCheck %s --check-prefix=RAN
// RUN: sed 's/a.size())/a.size() + 0)/' %s > %t.other.cpp
// RUN: %check_nd_tidy -run %t.other.cpp modernize-use-nullptr %t.other \
// RUN:   --round-trip-reference=%t.record | %FileCheck %s --check-prefix=RAN
// RAN: program output (both)
// RAN-NOT: not run again
// SPARED: not run again
// SPARED-NOT: program output
#include <nd/nd.hpp>

#include <cstdio>

int main() {
  int *missing = 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: use nullptr [modernize-use-nullptr]
  // CHECK-FIXES: int *missing = nullptr;
  auto a = nd::zeros<double>({2, 3});
#ifdef ND_OTHER_OUTPUT
  std::printf("other ");
#endif
  std::printf("%d %td\n", missing == nullptr, a.size());
  return 0;
}
