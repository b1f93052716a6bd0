// A CHECK-FIXES line that does not match the fixed file fails the test.
// UNSUPPORTED: version-sensitive-only
// RUN: not %check_nd_tidy %s modernize-use-nullptr %t 2>&1 | %FileCheck %s --check-prefix=RUNNER
// RUNNER: FileCheck failed
int *missing = 0;
// CHECK-MESSAGES: :[[@LINE-1]]:16: warning: use nullptr [modernize-use-nullptr]
// CHECK-FIXES: int *missing = NULL;
