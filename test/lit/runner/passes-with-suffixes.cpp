// -check-suffixes selects CHECK-MESSAGES-<S> lines; the options after the first -- go
// to clang-tidy, those after the second to the compiler (here: a -D that chooses code).
// UNSUPPORTED: version-sensitive-only
// RUN: %check_nd_tidy -check-suffix=PTR %s modernize-use-nullptr %t -- -- -DUSE_POINTER
// RUN: %check_nd_tidy %s modernize-use-nullptr %t
#ifdef USE_POINTER
int *missing = 0;
// CHECK-MESSAGES-PTR: :[[@LINE-1]]:16: warning: use nullptr [modernize-use-nullptr]
// CHECK-FIXES-PTR: int *missing = nullptr;
#else
int count = 0;
#endif
