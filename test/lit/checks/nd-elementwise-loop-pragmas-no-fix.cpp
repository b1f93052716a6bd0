// RUN: %check_nd_tidy -check-suffixes=,PLAIN %s nd-elementwise-loop %t
// RUN: %check_nd_tidy -check-suffixes=,OMP %s nd-elementwise-loop %t -- -- -fopenmp
//
// Directives a fix would strand or lose: the loop is reported with a note and left as
// it is. OpenMP constructs that run the loop in threads or give its variables a
// data-sharing meaning are not removed (with or without -fopenmp), nor is a loop hint
// that comes from a macro, or one among conditional directives; directives inside the
// loop would be lost with its text.
#include <nd/nd.hpp>

#define UNROLL_LOOP _Pragma("unroll")

void parallel_map(const nd::array<double> &x) {
  nd::array<double> y = nd::empty_like(x);
  #pragma omp parallel for
  for (nd::index_t i = 0; i < y.size(); ++i)
    y(i) = 2 * x(i);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'; use one broadcasting expression [nd-elementwise-loop]
  // With -fopenmp the loop body is an outlined region, in which 'y' is a capture:
  // CHECK-NOTES-OMP: :[[@LINE-3]]:5: note: no fix-it: 'y' and 'x' may share memory (aliasing); the fix is offered when one of them is a local array with its own buffer, e.g. from copy() or nd::empty_like
  // CHECK-NOTES-PLAIN: :[[@LINE-6]]:3: note: no fix-it: the loop is the subject of '#pragma omp parallel for', which runs it in threads, tasks or on a device, or gives its variables a data-sharing meaning; the broadcasting expression runs on one thread and would drop the directive, so rewrite it by hand
}

double simd_reduction(const nd::array<double> &x) {
  double s = 0;
  #pragma omp simd reduction(+ : s)
  for (nd::index_t i = 0; i < x.size(); ++i)
    s += x(i);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: reduction loop; use nd::sum [nd-elementwise-loop]
  // CHECK-NOTES: :[[@LINE-4]]:3: note: no fix-it: the loop is the subject of '#pragma omp simd reduction(+ : s)', which runs it in threads, tasks or on a device, or gives its variables a data-sharing meaning; the broadcasting expression runs on one thread and would drop the directive, so rewrite it by hand
  return s;
}

void macro_hint(const nd::array<double> &x) {
  nd::array<double> y = nd::empty_like(x);
  UNROLL_LOOP for (nd::index_t i = 0; i < y.size(); ++i)
    y(i) = x(i) + 1;
  // CHECK-NOTES: :[[@LINE-2]]:15: warning: element-wise loop over 'y'; use one broadcasting expression [nd-elementwise-loop]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: no fix-it: the loop carries a loop hint (from a _Pragma or a macro) that the fix-it cannot remove with it
}

void conditional_hint(const nd::array<double> &x) {
  nd::array<double> y = nd::empty_like(x);
#ifdef __clang__
#pragma unroll 2
#endif
  for (nd::index_t i = 0; i < y.size(); ++i)
    y(i) = x(i) * x(i);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'; use one broadcasting expression [nd-elementwise-loop]
  // CHECK-NOTES: :[[@LINE-5]]:1: note: no fix-it: the loop hint '#pragma unroll 2' is among conditional directives; remove it by hand with the loop
}

void directive_inside(const nd::array<double> &x) {
  nd::array<double> y = nd::empty_like(x);
  for (nd::index_t i = 0; i < y.size(); ++i) {
#ifdef DOUBLE_IT
    y(i) = 2 * x(i);
#else
    y(i) = x(i);
#endif
  }
  // CHECK-NOTES: :[[@LINE-7]]:3: warning: element-wise loop over 'y'; use one broadcasting expression [nd-elementwise-loop]
  // CHECK-NOTES: :[[@LINE-7]]:1: note: no fix-it: the directive '#ifdef DOUBLE_IT' is part of the text the fix-it replaces and would be lost
}

double kept_between(const nd::array<double> &x) {
  double s = 0;
#pragma GCC diagnostic ignored "-Wshadow"
  for (nd::index_t i = 0; i < x.size(); ++i)
    s += x(i);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: reduction loop; use nd::sum [nd-elementwise-loop]
  // CHECK-NOTES: :[[@LINE-4]]:1: note: no fix-it: the directive '#pragma GCC diagnostic ignored "-Wshadow"' is part of the text the fix-it replaces and would be lost
  return s;
}
