// The counts in the diagnostics are the runtime's: each flagged statement is followed
// by a probe that prints the array buffers nd::memory_stats() saw it allocate, and the
// runner (check_nd_tidy.py) requires the diagnostic to state that count and the fixed
// statement to allocate "K more than the out forms" fewer (or, fused, what the
// diagnostic says nd::eval allocates). Two-operation chains the runtime computes in one
// buffer already (temporary elision) are not reported: their probes must show the
// same count before and after the fix, which leaves them alone.
// RUN: %check_nd_tidy %s nd-chained-temporaries %t -- -- -I %S/Inputs
// RUN: %check_nd_tidy -run %s nd-chained-temporaries %t -- -- -I %S/Inputs
#include <nd/nd.hpp>

#include "alloc_probe.hpp"

#include <cstdio>

static void print(const char* name, const nd::array<double>& a) {
  std::printf("%s %s:", name, nd::to_string(a.shape()).c_str());
  const nd::array<double> flat = a.flatten();
  for (nd::index_t i = 0; i < flat.size(); ++i) std::printf(" %.17g", flat(i));
  std::printf("\n");
}

// The article's chain: the runtime computes `+ 1.2` into the product's temporary, so
// it allocates one array, as the out forms would. Not reported.
void elided(const nd::array<double>& x) {
  alloc_probe probe;
  nd::array<double> y = 2.5 * x + 1.2;
  probe.report(__LINE__ - 1);
  print("elided", y);
}

// Function-call ufuncs never elide: exp allocates, the product reuses exp's
// temporary, sqrt allocates again. Three operations, two arrays; nd::eval makes the
// result's array only (and one pass instead of three).
void calls(const nd::array<double>& x) {
  alloc_probe probe;
  nd::array<double> y = nd::sqrt(nd::exp(x) * 2.0);
  probe.report(__LINE__ - 1);
  // CHECK-MESSAGES: :[[@LINE-2]]:25: warning: chained array expression makes 3 passes over memory and allocates 2 arrays; fused with 'nd::eval' over 'nd::lazy' operands it makes 1 pass and allocates 1 array [nd-chained-temporaries]
  // CHECK-FIXES: nd::array<double> y = nd::eval(nd::sqrt(nd::exp(nd::lazy(x)) * 2.0));
  print("calls", y);
}

// A temporary smaller than the result cannot hold it: `row * 2.0` is (4,), adding the
// (3, 4) matrix needs a new array. The literal shapes prove it.
void widening() {
  nd::array<double> row = nd::full<double>({4}, 0.5);
  nd::array<double> m = nd::ones<double>({3, 4});
  alloc_probe probe;
  nd::array<double> y = row * 2.0 + m;
  probe.report(__LINE__ - 1);
  // CHECK-MESSAGES: :[[@LINE-2]]:25: warning: chained array expression allocates 2 arrays, 1 more than the out forms; compute it into one buffer with the out forms, as in 'nd::multiply(..., out)' [nd-chained-temporaries]
  // CHECK-FIXES: nd::array<double> y = nd::empty<double>(nd::broadcast_shapes(row.shape(), m.shape()));
  // CHECK-FIXES-NEXT: nd::multiply(row, 2.0, y);
  // CHECK-FIXES-NEXT: nd::add(y, m, y);
  print("widening", y);
}

// copyto of a chain: the chain's array, then a copy pass into the destination. The
// out forms write into the destination and allocate nothing.
void copyto_chain(const nd::array<double>& x) {
  nd::array<double> dst = nd::zeros_like(x);
  alloc_probe probe;
  nd::copyto(dst, x * 3.0 - 1.0);
  probe.report(__LINE__ - 1);
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'nd::copyto' of a chained expression allocates 1 array and copies the result in an extra pass over memory; compute it into 'dst' with the out forms, as in 'nd::multiply(..., dst)' [nd-chained-temporaries]
  // CHECK-FIXES: nd::multiply(x, 3.0, dst);
  // CHECK-FIXES-NEXT: nd::subtract(dst, 1.0, dst);
  print("copyto", dst);
}

// An assignment in a loop to a private array of the result's shape: the out forms
// reuse its buffer, the chain allocates one array per iteration.
void loop_assignment(nd::array<double> x) {
  nd::array<double> y = nd::empty_like(x);
  for (int i = 0; i < 2; ++i) {
    alloc_probe probe;
    y = 2.5 * x + 1.2;
    probe.report(__LINE__ - 1);
    // CHECK-MESSAGES: :[[@LINE-2]]:9: warning: chained array expression allocates 1 array in every loop iteration, 1 more than the out forms; compute it into one buffer with the out forms, as in 'nd::multiply(..., out)' [nd-chained-temporaries]
    // CHECK-FIXES: {{^}}    nd::multiply(x, 2.5, y);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    nd::add(y, 1.2, y);{{$}}
    x(0) = y(1);
  }
  // Element by element: print() is outside the runtime and could keep the handle,
  // which would make y's buffer visible to others.
  for (nd::index_t k = 0; k < y.size(); ++k) std::printf(" %.17g", y(k));
  std::printf("\n");
}

int main() {
  nd::array<double> x = nd::linspace(0.0, 1.0, 4);
  elided(x);
  calls(x);
  widening();
  copyto_chain(x);
  loop_assignment(x.copy());
  return 0;
}
