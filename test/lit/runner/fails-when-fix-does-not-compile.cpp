// The fixed file must compile. Here `nullptr` is a macro naming an undeclared variable,
// so the original compiles and the fixed file does not.
// UNSUPPORTED: version-sensitive-only
// RUN: not %check_nd_tidy %s modernize-use-nullptr %t -- -- -Dnullptr=undeclared_null 2>&1 \
// RUN:   | %FileCheck %s --check-prefix=RUNNER
// RUNNER: FAIL: compiling the fixed file failed
// RUNNER: undeclared_null
int *missing = 0;
// CHECK-MESSAGES: :[[@LINE-1]]:16: warning: use nullptr [modernize-use-nullptr]
// CHECK-FIXES: int *missing = nullptr;
