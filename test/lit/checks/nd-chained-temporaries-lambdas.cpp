// Chains in functions that also hold lambdas. A lambda captures only what its body
// names (LambdaExpr::captures()), whatever its default capture says: a local it never
// names cannot be reached through it, and one it names only to read it (by reference
// or by copy) is not rebound by it. A lambda that may write, rebind or keep the target
// is followed no further: it may run after the rewrite, so the chain stays as it is.
// The out forms write into the target's buffer, which is where a lambda's capture
// matters; the fused form with a new result (`y = nd::eval(...)`) rebinds `y` instead,
// so the test asks for the out forms.
// RUN: %check_nd_tidy %s nd-chained-temporaries %t -- \
// RUN:   -config="{CheckOptions: {nd-chained-temporaries.FusedEvaluation: false}}"
// RUN: %check_nd_tidy -run %s nd-chained-temporaries %t -- \
// RUN:   -config="{CheckOptions: {nd-chained-temporaries.FusedEvaluation: false}}"
#include <nd/nd.hpp>

#include <cstdio>

// Prints element by element: passing the array to a function outside the runtime
// would let that function keep a copy of its handle.
#define PRINT(name, a)                                                      \
  do {                                                                      \
    std::printf("%s:", name);                                               \
    for (nd::index_t k = 0; k < (a).size(); ++k) std::printf(" %.17g", (a)(k)); \
    std::printf("\n");                                                      \
  } while (false)

// A [&] lambda that names neither y nor x.
void counts_calls(nd::array<double> x) {
  nd::array<double> y = nd::empty_like(x);
  int calls = 0;
  auto bump = [&] { ++calls; };
  for (int i = 0; i < 3; ++i) {
    y = nd::exp(x) * 2.0 + 1.0;
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: chained array expression allocates 1 array in every loop iteration, 1 more than the out forms; compute it into one buffer with the out forms, as in 'nd::exp(..., out)' [nd-chained-temporaries]
    // CHECK-FIXES: {{^}}    nd::exp(x, y);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    nd::multiply(y, 2.0, y);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    nd::add(y, 1.0, y);{{$}}
    bump();
  }
  std::printf("calls %d\n", calls);
  PRINT("counts_calls", y);
}

// A [&] lambda that reads an element of the operand x: x keeps its shape, so y (made
// like x) still has the result's shape and is written in place.
void reads_operand_by_reference(nd::array<double> x) {
  nd::array<double> y = nd::empty_like(x);
  auto first = [&] { return x(0); };
  for (int i = 0; i < 3; ++i) {
    y = nd::exp(x) * 2.0 + 1.0;
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: chained array expression allocates 1 array in every loop iteration, 1 more than the out forms; compute it into one buffer with the out forms, as in 'nd::exp(..., out)' [nd-chained-temporaries]
    // CHECK-FIXES: {{^}}    nd::exp(x, y);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    nd::multiply(y, 2.0, y);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    nd::add(y, 1.0, y);{{$}}
    std::printf("first %.17g\n", first());
  }
  PRINT("reads_operand_by_reference", y);
}

// The same with the capture spelled out, and with a [=] lambda holding a copy of x
// (which shares x's buffer but cannot rebind x).
void reads_operand_explicitly(nd::array<double> x) {
  nd::array<double> y = nd::empty_like(x);
  auto total = [&x] { return nd::sum(x); };
  auto copy_total = [=] { return nd::sum(x); };
  for (int i = 0; i < 2; ++i) {
    y = nd::exp(x) * 2.0 + 1.0;
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: chained array expression allocates 1 array in every loop iteration, 1 more than the out forms; compute it into one buffer with the out forms, as in 'nd::exp(..., out)' [nd-chained-temporaries]
    // CHECK-FIXES: {{^}}    nd::exp(x, y);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    nd::multiply(y, 2.0, y);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    nd::add(y, 1.0, y);{{$}}
    std::printf("totals %.17g %.17g\n", total(), copy_total());
  }
  PRINT("reads_operand_explicitly", y);
}

// A lambda that reads the target itself when called after the chain: it reads through
// the handle y, which names the buffer written in place.
void reads_target(nd::array<double> x) {
  nd::array<double> y = nd::empty_like(x);
  auto show = [&] { std::printf("sum %.17g\n", nd::sum(y)); };
  for (int i = 0; i < 2; ++i) {
    y = nd::exp(x) * 2.0 + 1.0;
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: chained array expression allocates 1 array in every loop iteration, 1 more than the out forms; compute it into one buffer with the out forms, as in 'nd::exp(..., out)' [nd-chained-temporaries]
    // CHECK-FIXES: {{^}}    nd::exp(x, y);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    nd::multiply(y, 2.0, y);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    nd::add(y, 1.0, y);{{$}}
    show();
  }
}

// Negative: a lambda keeps a handle of y's buffer when called after the chain. Written
// in place, the next iteration would overwrite what `saved` holds.
void keeps_target(nd::array<double> x) {
  nd::array<double> y = nd::empty_like(x);
  nd::array<double> saved = nd::zeros_like(x);
  auto keep = [&] { saved = y; };
  for (int i = 0; i < 2; ++i) {
    y = nd::exp(x) * (2.0 + i) + 1.0;
    keep();
  }
  PRINT("keeps_target saved", saved);
  PRINT("keeps_target y", y);
}

// Negative: a lambda writes an element of the target by reference when called; when
// it runs is not followed.
void writes_target(nd::array<double> x) {
  nd::array<double> y = nd::empty_like(x);
  auto mark = [&] { y(0) = -1.0; };
  for (int i = 0; i < 2; ++i) {
    y = nd::exp(x) * 2.0 + 1.0;
    mark();
  }
  PRINT("writes_target", y);
}

// Negative: a lambda that rebinds the operand x: y (made like x) may no longer have
// the result's shape.
void rebinds_operand(nd::array<double> x) {
  nd::array<double> y = nd::empty_like(x);
  auto grow = [&] { x = nd::linspace(0.0, 1.0, 6); };
  for (int i = 0; i < 2; ++i) {
    y = nd::exp(x) * 2.0 + 1.0;
    grow();
  }
  PRINT("rebinds_operand", y);
}

int main() {
  const auto x = nd::linspace(0.0, 1.0, 4);
  counts_calls(x.copy());
  reads_operand_by_reference(x.copy());
  reads_operand_explicitly(x.copy());
  reads_target(x.copy());
  keeps_target(x.copy());
  writes_target(x.copy());
  rebinds_operand(x.copy());
  return 0;
}
