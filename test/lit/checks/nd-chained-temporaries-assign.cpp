// Assignments of a chain to an existing array, in and out of loops. `y = e` rebinds y
// to a new array (NumPy semantics), so writing straight into y's old buffer is only
// done when no other handle, view or reference can see that buffer and y provably
// already has the result's shape (made by a *_like of the only array operand, and
// neither handle is ever rebound). Otherwise y is rebound once to the result of the
// first operation and the others run in place: one allocation instead of several. Where
// the runtime already computes the chain in one array (temporary elision: `2.5 * x +
// 1.2`), rebinding saves nothing and nothing is reported; the chains below that are
// rebound end in a function-call ufunc, which always allocates.
// FusedEvaluation is off: this file tests the assignment forms of the out forms; the
// fused forms of the same chains are in -fused.cpp.
// RUN: %check_nd_tidy %s nd-chained-temporaries %t -- -config="{CheckOptions: {nd-chained-temporaries.FusedEvaluation: false}}"
// RUN: %check_nd_tidy -run %s nd-chained-temporaries %t -- -config="{CheckOptions: {nd-chained-temporaries.FusedEvaluation: false}}"
#include <nd/nd.hpp>

#include <cstdio>
#include <iostream>

static void print(const char* name, const nd::array<double>& a) {
  std::printf("%s %s:", name, nd::to_string(a.shape()).c_str());
  const nd::array<double> flat = a.flatten();
  for (nd::index_t i = 0; i < flat.size(); ++i) std::printf(" %.17g", flat(i));
  std::printf("\n");
}

// The article's loop: y is private and shaped like x, so it is written in place. (x
// is taken by value: a reference parameter could be rebound through an alias.)
void private_buffer(nd::array<double> x) {
  nd::array<double> y = nd::empty_like(x);
  for (int i = 0; i < 3; ++i) {
    y = 2.5 * x + 1.2;
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: chained array expression allocates 1 array in every loop iteration, 1 more than the out forms; compute it into one buffer with the out forms, as in 'nd::multiply(..., out)' [nd-chained-temporaries]
    // CHECK-FIXES: {{^}}    nd::multiply(x, 2.5, y);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    nd::add(y, 1.2, y);{{$}}
    y(0) = y(0) + i;  // element writes and reads keep the buffer private
    // Printed element by element here: print() is outside the runtime, and passing y
    // to it would let it keep a copy of the handle.
    for (nd::index_t k = 0; k < y.size(); ++k) std::printf(" %.17g", y(k));
    std::printf("\n");
  }
}

// Views of y used up within their expression (filled, reduced) leave no handle of its
// buffer behind: y stays private and is written in place.
void views_used_up(nd::array<double> x) {
  nd::array<double> y = nd::empty_like(x);
  for (int i = 0; i < 2; ++i) {
    y = 2.5 * x + 1.2;
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: chained array expression allocates 1 array in every loop iteration, 1 more than the out forms; compute it into one buffer with the out forms, as in 'nd::multiply(..., out)' [nd-chained-temporaries]
    // CHECK-FIXES: {{^}}    nd::multiply(x, 2.5, y);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    nd::add(y, 1.2, y);{{$}}
    y(nd::slice(0, 2)).fill(-1.0 - i);
    std::printf("head %.17g\n", nd::sum(y(nd::slice(0, 3))));
    for (nd::index_t k = 0; k < y.size(); ++k) std::printf(" %.17g", y(k));
    std::printf("\n");
  }
}

// y read through its own non-const handle, updated in place and as the first operand
// of the chain: still private, still in place.
void reads_and_updates(nd::array<double> x) {
  auto y = nd::zeros_like(x);
  for (int i = 0; i < 2; ++i) {
    y += 1.0;
    y = y * 0.5 + x;
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: chained array expression allocates 1 array in every loop iteration, 1 more than the out forms; compute it into one buffer with the out forms, as in 'nd::multiply(..., out)' [nd-chained-temporaries]
    // CHECK-FIXES: nd::multiply(y, 0.5, y);
    // CHECK-FIXES-NEXT: nd::add(y, x, y);
    double first = y(0);
    std::printf("first %.17g sum %.17g\n", first, nd::sum(y));
  }
  std::cout << y << "\n";  // the runtime's printing keeps no handle
}

// A copy of the handle sees the old buffer: y is rebound, the old values survive.
void copied_handle(const nd::array<double>& x) {
  nd::array<double> y = nd::ones_like(x);
  nd::array<double> before = y;
  y = nd::sqrt(2.5 * x + 1.2);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: chained array expression allocates 2 arrays, 1 more than the out forms; compute it into one buffer with the out forms, as in 'nd::multiply(..., out)' [nd-chained-temporaries]
  // CHECK-FIXES: y = nd::multiply(x, 2.5);
  // CHECK-FIXES-NEXT: nd::add(y, 1.2, y);
  // CHECK-FIXES-NEXT: nd::sqrt(y, y);
  print("copied_handle.before", before);
  print("copied_handle.y", y);
}

// A view of y sees the old buffer too.
void view_taken(const nd::array<double>& x) {
  nd::array<double> y = nd::zeros_like(x);
  nd::array<double> head = y(nd::slice(0, 2));
  for (int i = 0; i < 2; ++i) {
    y = nd::abs(x * x - 1.0);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: chained array expression allocates 2 arrays in every loop iteration, 1 more than the out forms; compute it into one buffer with the out forms, as in 'nd::multiply(..., out)' [nd-chained-temporaries]
    // CHECK-FIXES: y = nd::multiply(x, x);
    // CHECK-FIXES-NEXT: nd::subtract(y, 1.0, y);
    // CHECK-FIXES-NEXT: nd::abs(y, y);
    print("view_taken.head", head);
  }
  print("view_taken.y", y);
}

// A function outside the runtime may keep a copy of what it is given.
static nd::array<double> kept;
static void remember(const nd::array<double>& a) { kept = a; }
void passed_away(const nd::array<double>& x) {
  nd::array<double> y = nd::empty_like(x);
  y.fill(7.0);
  remember(y);
  y = nd::abs(x / 4.0 + x);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: chained array expression allocates 2 arrays, 1 more than the out forms; compute it into one buffer with the out forms, as in 'nd::divide(..., out)' [nd-chained-temporaries]
  // CHECK-FIXES: y = nd::divide(x, 4.0);
  // CHECK-FIXES-NEXT: nd::add(y, x, y);
  // CHECK-FIXES-NEXT: nd::abs(y, y);
  print("passed_away.kept", kept);
  print("passed_away.y", y);
}

// The shape of y is not known to be the result's: created from a shape. The first
// operation reads both arrays, so its result has the final shape and y is rebound to it.
void other_shape(const nd::array<double>& col, const nd::array<double>& row) {
  nd::array<double> y = nd::zeros<double>({3});
  y = nd::abs(col * row - 1.0);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: chained array expression allocates 2 arrays, 1 more than the out forms; compute it into one buffer with the out forms, as in 'nd::multiply(..., out)' [nd-chained-temporaries]
  // CHECK-FIXES: y = nd::multiply(col, row);
  // CHECK-FIXES-NEXT: nd::subtract(y, 1.0, y);
  // CHECK-FIXES-NEXT: nd::abs(y, y);
  print("other_shape", y);
}

// A later operand broadcasts the result to a larger shape than the first operation's:
// y is rebound to a fresh buffer of the final shape, then every operation writes it.
void widened(const nd::array<double>& col, const nd::array<double>& row) {
  nd::array<double> y = nd::zeros<double>({3});
  y = nd::abs(col * 2.0 + row);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: chained array expression allocates at least 2 arrays, 1 more than the out forms; compute it into one buffer with the out forms, as in 'nd::multiply(..., out)' [nd-chained-temporaries]
  // CHECK-FIXES: y = nd::empty<double>(nd::broadcast_shapes(col.shape(), row.shape()));
  // CHECK-FIXES-NEXT: nd::multiply(col, 2.0, y);
  // CHECK-FIXES-NEXT: nd::add(y, row, y);
  // CHECK-FIXES-NEXT: nd::abs(y, y);
  print("widened", y);
}

// x is rebound later, so y = empty_like(x) says nothing about x's shape in the loop.
void source_rebound(nd::array<double> x, const nd::array<double>& longer) {
  nd::array<double> y = nd::empty_like(x);
  for (int i = 0; i < 2; ++i) {
    y = nd::abs(x - 1.0);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: chained array expression allocates 2 arrays in every loop iteration, 1 more than the out forms; compute it into one buffer with the out forms, as in 'nd::subtract(..., out)' [nd-chained-temporaries]
    // CHECK-FIXES: y = nd::subtract(x, 1.0);
    // CHECK-FIXES-NEXT: nd::abs(y, y);
    print("source_rebound", y);
    x = longer;
  }
}

// The docs' example: the function returns y and writes x's elements, which keeps y's
// buffer private and x's shape fixed, so y is written in place.
nd::array<double> normalise(nd::array<double> x, double scale, double offset) {
  nd::array<double> y = nd::empty_like(x);
  for (int step = 0; step < 4; ++step) {
    y = scale * x + offset;
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: chained array expression allocates 1 array in every loop iteration, 1 more than the out forms; compute it into one buffer with the out forms, as in 'nd::multiply(..., out)' [nd-chained-temporaries]
    // CHECK-FIXES: {{^}}    nd::multiply(x, scale, y);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    nd::add(y, offset, y);{{$}}
    x(0) = y(1);
  }
  return y;
}

int main() {
  auto x = nd::linspace(-1.5, 3.25, 5);
  private_buffer(x);
  views_used_up(x);
  reads_and_updates(x);
  copied_handle(x);
  view_taken(x);
  passed_away(x);
  other_shape(nd::linspace(0.5, 2.0, 2).reshape({2, 1}), nd::linspace(-1.0, 1.0, 3));
  widened(nd::linspace(0.5, 2.0, 2).reshape({2, 1}), nd::linspace(-1.0, 1.0, 3));
  source_rebound(x, nd::linspace(0.0, 1.0, 8));
  print("normalise", normalise(x, 0.75, -0.5));
  return 0;
}
