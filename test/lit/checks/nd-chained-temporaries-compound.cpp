// Compound assignments whose right-hand side allocates: `y += a * b` computes t = a * b
// into a new array, then y + t in place. The fix keeps both steps and their order (so
// every result is rounded as before) and only moves t into a buffer:
// - in a loop where the right-hand side's shape provably stays the same, one buffer
//   is allocated before the outermost such loop and the out forms write into it;
// - otherwise, with two or more operations, one buffer per evaluation instead of one
//   per operation, made by the first operation.
// The values mix magnitudes (1e16 next to 1) so that computing `y + a * b + c` in any
// other order, or fusing steps, would change the printed digits.
// FusedEvaluation is off: this file tests the compound forms of the out forms; the fused
// forms of the same chains are in -fused.cpp.
// RUN: %check_nd_tidy %s nd-chained-temporaries %t -- -config="{CheckOptions: {nd-chained-temporaries.FusedEvaluation: false}}"
// RUN: %check_nd_tidy -run %s nd-chained-temporaries %t -- -config="{CheckOptions: {nd-chained-temporaries.FusedEvaluation: false}}"
#include <nd/nd.hpp>

#include <cstdint>
#include <cstdio>

template <class T>
static void print(const char* name, const nd::array<T>& a) {
  std::printf("%s %s:", name, nd::to_string(a.shape()).c_str());
  const nd::array<T> flat = a.flatten();
  for (nd::index_t i = 0; i < flat.size(); ++i) std::printf(" %.17g", static_cast<double>(flat(i)));
  std::printf("\n");
}

// One array operand, a local that is never rebound: the buffer is nd::empty_like of
// it, allocated once before the loop.
void accumulate(const nd::array<double>& x) {
  nd::array<double> a = x.copy();
  nd::array<double> y = nd::zeros_like(a);
  for (int i = 0; i < 3; ++i) {
    y += a * 0.1;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: compound assignment computes its right-hand side into 1 new array in every loop iteration before updating 'y' in place, 1 more than the out forms; compute the right-hand side with the out forms, as in 'nd::multiply(..., out)', into a buffer allocated once [nd-chained-temporaries]
    // CHECK-FIXES: {{^}}  nd::array<double> y_rhs = nd::empty_like(a);{{$}}
    // CHECK-FIXES-NEXT: {{^}}  for (int i = 0; i < 3; ++i) {{[{]}}{{$}}
    // CHECK-FIXES-NEXT: {{^}}    nd::multiply(a, 0.1, y_rhs);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    y += y_rhs;{{$}}
  }
  print("accumulate", y);
}

// Two arrays of provably one shape (b made by ones_like(a), neither ever rebound; b's
// elements change, its shape cannot), a chain of two operations and nested loops: the
// buffer has the operands' broadcast shape and goes before the outer loop.
void nested(nd::array<double> a) {
  nd::array<double> b = nd::ones_like(a);
  nd::array<double> y = nd::zeros_like(a);
  for (int i = 0; i < 2; ++i) {
    b(1) = b(1) * 3.0;
    for (int j = 0; j < 2; ++j) {
      y -= a * b + 1.0;
      // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: compound assignment computes its right-hand side into 1 new array in every loop iteration before updating 'y' in place, 1 more than the out forms; compute the right-hand side with the out forms, as in 'nd::multiply(..., out)', into a buffer allocated once [nd-chained-temporaries]
      // CHECK-FIXES: {{^}}  nd::array<double> y_rhs = nd::empty<double>(nd::broadcast_shapes(a.shape(), b.shape()));{{$}}
      // CHECK-FIXES-NEXT: {{^}}  for (int i = 0; i < 2; ++i) {{[{]}}{{$}}
      // CHECK-FIXES: {{^}}      nd::multiply(a, b, y_rhs);{{$}}
      // CHECK-FIXES-NEXT: {{^}}      nd::add(y_rhs, 1.0, y_rhs);{{$}}
      // CHECK-FIXES-NEXT: {{^}}      y -= y_rhs;{{$}}
    }
  }
  print("nested", y);
}

// A reference parameter as the only array: the loop calls nothing outside the runtime
// and assigns no array, so nothing can rebind it. The loop body is one statement, so
// the statements get braces.
void single_statement_body(const nd::array<double>& x, nd::array<double> y) {
  for (int i = 0; i < 3; ++i)
    y *= x / 3.0;
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: compound assignment computes its right-hand side into 1 new array in every loop iteration before updating 'y' in place, 1 more than the out forms; compute the right-hand side with the out forms, as in 'nd::divide(..., out)', into a buffer allocated once [nd-chained-temporaries]
  // CHECK-FIXES: {{^}}  nd::array<double> y_rhs = nd::empty_like(x);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  for (int i = 0; i < 3; ++i){{$}}
  // CHECK-FIXES-NEXT: {{^}}    { nd::divide(x, 3.0, y_rhs); y *= y_rhs; }{{$}}
  print("single_statement_body", y);
}

// The target is an operand of its own right-hand side (computed first, as before),
// shaped like a by full_like; the name z_rhs is taken, so the buffer is z_rhs2.
void reads_target(nd::array<double> a) {
  nd::array<double> z = nd::full_like(a, 0.7);
  int z_rhs = 2;
  for (int i = 0; i < z_rhs; ++i) {
    z += z * a;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: compound assignment computes its right-hand side into 1 new array in every loop iteration before updating 'z' in place, 1 more than the out forms; compute the right-hand side with the out forms, as in 'nd::multiply(..., out)', into a buffer allocated once [nd-chained-temporaries]
    // CHECK-FIXES: {{^}}  nd::array<double> z_rhs2 = nd::empty<double>(nd::broadcast_shapes(z.shape(), a.shape()));{{$}}
    // CHECK-FIXES: {{^}}    nd::multiply(z, a, z_rhs2);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    z += z_rhs2;{{$}}
  }
  print("reads_target", z);
}

// The right-hand side's element type is the buffer's (double), not the operand's; the
// in-place update converts it as before.
void promoted(nd::array<std::int32_t> counts) {
  nd::array<double> rate = nd::zeros<double>({5});
  for (int i = 0; i < 2; ++i) {
    rate += counts * 0.3 - 1e16;
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: compound assignment computes its right-hand side into 1 new array in every loop iteration before updating 'rate' in place, 1 more than the out forms; compute the right-hand side with the out forms, as in 'nd::multiply(..., out)', into a buffer allocated once [nd-chained-temporaries]
    // CHECK-FIXES: {{^}}  nd::array<double> rate_rhs = nd::empty_like<double>(counts);{{$}}
    // CHECK-FIXES: {{^}}    nd::multiply(counts, 0.3, rate_rhs);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    nd::subtract(rate_rhs, 1e16, rate_rhs);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    rate += rate_rhs;{{$}}
  }
  print("promoted", rate);
}

// Outside a loop, a chain the runtime cannot compute in one array (abs is a
// function-call ufunc, which always allocates): one buffer made by the first operation (which reads every
// array operand, so it has the final shape), the others in place.
void once(const nd::array<double>& a, const nd::array<double>& c, nd::array<double> y) {
  y += nd::abs(a * c - 0.1);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: compound assignment computes its right-hand side into 2 new arrays before updating 'y' in place, 1 more than the out forms; compute the right-hand side with the out forms, as in 'nd::multiply(..., out)', into a buffer allocated once [nd-chained-temporaries]
  // CHECK-FIXES: {{^}}  auto y_rhs = nd::multiply(a, c);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  nd::subtract(y_rhs, 0.1, y_rhs);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  nd::abs(y_rhs, y_rhs);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  y += y_rhs;{{$}}
  print("once", y);
}

// A later operand widens the shape: the buffer is made with the final broadcast shape
// and every operation writes into it. The target is a view.
void widened(const nd::array<double>& col, const nd::array<double>& row, nd::array<double> m) {
  m(nd::slice(0, 2)) /= nd::abs(col * 2.0 + row);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: compound assignment computes its right-hand side into at least 2 new arrays before updating 'm(nd::slice(0, 2))' in place, 1 more than the out forms; compute the right-hand side with the out forms, as in 'nd::multiply(..., out)', into a buffer allocated once [nd-chained-temporaries]
  // CHECK-FIXES: {{^}}  auto rhs = nd::empty<double>(nd::broadcast_shapes(col.shape(), row.shape()));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  nd::multiply(col, 2.0, rhs);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  nd::add(rhs, row, rhs);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  nd::abs(rhs, rhs);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  m(nd::slice(0, 2)) /= rhs;{{$}}
  print("widened", m);
}

// In a loop that rebinds x, the shape may change between iterations: no buffer before
// the loop, but one per iteration instead of two.
void rebound_in_loop(nd::array<double> x, nd::array<double> y) {
  for (int i = 0; i < 2; ++i) {
    y += nd::abs(x * x + 1.0);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: compound assignment computes its right-hand side into 2 new arrays in every loop iteration before updating 'y' in place, 1 more than the out forms; compute the right-hand side with the out forms, as in 'nd::multiply(..., out)', into a buffer allocated once [nd-chained-temporaries]
    // CHECK-FIXES: {{^}}    auto y_rhs = nd::multiply(x, x);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    nd::add(y_rhs, 1.0, y_rhs);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    nd::abs(y_rhs, y_rhs);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    y += y_rhs;{{$}}
    x = x(nd::slice(0, 4)).copy();
    print("rebound_in_loop.x", x);
  }
  print("rebound_in_loop", y);
}

int main() {
  const nd::array<double> x{1e16, 0.1, 3.0, -7.5};
  accumulate(x);
  nested(x);
  single_statement_body(x, nd::array<double>{1.0, 0.2, 1.0 / 3.0, 1e-3});
  reads_target(x);
  promoted(nd::array<std::int32_t>{1, -2, 3, 7, 100});
  once(x, nd::array<double>{1.0, 0.7, 1.0 / 3.0, 2.0}, nd::array<double>{1.0, 0.2, 0.3, 1e16});
  widened(nd::array<double>{0.1, 3.0}.reshape({2, 1}), nd::array<double>{1e16, 0.3, -0.7},
          nd::full<double>({3, 3}, 1.0 / 3.0));
  rebound_in_loop(x, nd::array<double>{1.0, 0.2, 0.3, 0.4});
  return 0;
}
