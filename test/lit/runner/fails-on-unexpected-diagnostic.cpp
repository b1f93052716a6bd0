// A test without CHECK lines must produce no diagnostics; this one produces one.
// UNSUPPORTED: version-sensitive-only
// RUN: not %check_nd_tidy %s modernize-use-nullptr %t 2>&1 | %FileCheck %s --check-prefix=RUNNER
// RUNNER: FAIL: no diagnostics were expected
// RUNNER: warning: use nullptr [modernize-use-nullptr]
int *missing = 0;
