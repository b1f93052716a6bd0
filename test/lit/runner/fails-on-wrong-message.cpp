// A CHECK-MESSAGES line that does not match the diagnostic fails the test.
// UNSUPPORTED: version-sensitive-only
// RUN: not %check_nd_tidy %s modernize-use-nullptr %t 2>&1 | %FileCheck %s --check-prefix=RUNNER
// RUNNER: FileCheck failed
int *missing = 0;
// CHECK-MESSAGES: :[[@LINE-1]]:16: warning: use NULL instead [modernize-use-nullptr]
