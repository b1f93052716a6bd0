// Every warning must be matched: a second, unchecked diagnostic fails the test.
// UNSUPPORTED: version-sensitive-only
// RUN: not %check_nd_tidy %s modernize-use-nullptr %t 2>&1 | %FileCheck %s --check-prefix=RUNNER
// RUNNER: FileCheck failed
int *first = 0;
// CHECK-MESSAGES: :[[@LINE-1]]:14: warning: use nullptr [modernize-use-nullptr]
int *second = 0;
