// Compound assignments the check reports without a fix, each with a note that says why
// no rewrite keeps behaviour; and single operations it does not report at all.
// FusedEvaluation is off: this file tests the compound cases the out forms leave without
// a fix; the fused forms of the same chains are in -fused.cpp.
// RUN: %check_nd_tidy %s nd-chained-temporaries %t -- -config="{CheckOptions: {nd-chained-temporaries.FusedEvaluation: false}}"
#include <nd/nd.hpp>

#include <cstdio>

nd::array<double> load(int);
void reshape_in_place(nd::array<double>& a);
void log_step(int);
double total(const nd::array<double>& a) { return nd::sum(a); }

// One operation whose buffer cannot be allocated once, before a loop, allocates one
// array per evaluation, written as it is or with the out forms: nothing to report. Each
// function below is one reason why the buffer could not move before the loop.
//
// One operation outside a loop: its result is the only temporary, and y is still an
// operand of the update, so there is nothing to share and no earlier place for it.
void single_once(nd::array<double> y, const nd::array<double>& a, const nd::array<double>& b) {
  y += a * b;
}

// The operand is rebound inside the loop: its shape may change between iterations.
void rebound(nd::array<double> y, nd::array<double> a, const nd::array<double>& other) {
  for (int i = 0; i < 2; ++i) {
    y += a * 2.0;
    a = other;
  }
}

// Passed by non-const reference to a function in the loop, which may rebind it.
void passed_by_reference(nd::array<double> y, nd::array<double> a) {
  for (int i = 0; i < 2; ++i) {
    y -= a / 3.0;
    reshape_in_place(a);
  }
}

// A reference parameter, and the loop calls a function outside the runtime, which
// could rebind the array the reference names.
void reference_and_call(nd::array<double> y, const nd::array<double>& a) {
  for (int i = 0; i < 2; ++i) {
    log_step(i);
    y *= a + 1.0;
  }
}

// Two arrays whose shapes are not provably equal: nd::broadcast_shapes before the loop
// could throw before the first iterations ran.
void unequal_shapes(nd::array<double> y, nd::array<double> a, nd::array<double> b) {
  for (int i = 0; i < 2; ++i) {
    y += a * b;
    std::printf("%d\n", i);
  }
}

// The operand is made in every iteration.
void declared_inside(nd::array<double> y, const nd::array<double>& x) {
  for (int i = 0; i < 2; ++i) {
    nd::array<double> t = x.copy();
    y += t * 0.5;
  }
}

// An operand that is not a variable.
struct Holder {
  nd::array<double> values;
};
void member_operand(nd::array<double> y, Holder h) {
  for (int i = 0; i < 2; ++i) {
    y += h.values * 0.5;
  }
}

// A try block between the statement and the loop: the allocation would move out of it.
void in_try(nd::array<double> y, nd::array<double> a) {
  for (int i = 0; i < 2; ++i) {
    try {
      y += a * 0.5;
    } catch (const nd::shape_error&) {
    }
  }
}

// Operands with side effects keep their diagnostic and get no fix.
void side_effects(nd::array<double> y, const nd::array<double>& a) {
  for (int i = 0; i < 2; ++i) {
    y += nd::abs(load(i) * a + 1.0);
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: compound assignment computes its right-hand side into 2 new arrays in every loop iteration
    // CHECK-NOTES: :[[@LINE-2]]:10: note: no fix-it: operand 'load(i)' may have side effects, and the out forms evaluate the operands in a different order
  }
}

// Macros: the whole statement, or the right-hand side, inside an expansion.
#define BUMP(target, v) target += nd::abs((v) * 2.0 + 1.0)
#define SCALED(v) nd::abs((v) * 2.0 + 1.0)
void in_macro(nd::array<double> y, nd::array<double> a) {
  BUMP(y, a);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: compound assignment computes its right-hand side into 2 new arrays
  // CHECK-NOTES: :[[@LINE-5]]:32: note: expanded from macro 'BUMP'
  // CHECK-NOTES: :[[@LINE-3]]:3: note: no fix-it: the expression is inside a macro expansion
  // CHECK-NOTES: :[[@LINE-7]]:35: note: expanded from macro 'BUMP'
  y += SCALED(a);
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: compound assignment computes its right-hand side into 2 new arrays
  // CHECK-NOTES: :[[@LINE-2]]:8: note: no fix-it: the expression is inside a macro expansion
  // CHECK-NOTES: :[[@LINE-10]]:19: note: expanded from macro 'SCALED'
}

// A template whose types depend on its arguments: reported once, without a fix.
template <class T>
void templated(nd::array<T> y, nd::array<T> a) {
  for (int i = 0; i < 2; ++i) {
    y += nd::abs(a * a);
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: compound assignment computes its right-hand side into 2 new arrays in every loop iteration
    // CHECK-NOTES: :[[@LINE-2]]:10: note: no fix-it: the expression is in a template instantiation; its element types depend on the template arguments
  }
}
template void templated(nd::array<double>, nd::array<double>);
template void templated(nd::array<float>, nd::array<float>);

// Not a statement of its own: a condition, a function argument.
double contexts(nd::array<double> y, const nd::array<double>& a) {
  double sum = 0.0;
  for (int i = 0; i < 2; ++i) {
    if ((y += nd::abs(a * 2.0 + 1.0)).size() > 3)
      // CHECK-NOTES: :[[@LINE-1]]:12: warning: compound assignment computes its right-hand side into 2 new arrays in every loop iteration
      // CHECK-NOTES: :[[@LINE-2]]:15: note: no fix-it: the compound assignment is not a statement of its own in a block or a loop body, where the statements computing its right-hand side could go
      sum += 1.0;
    sum += total(y -= nd::abs(a * a - 1.0));
    // CHECK-NOTES: :[[@LINE-1]]:20: warning: compound assignment computes its right-hand side into 2 new arrays in every loop iteration
    // CHECK-NOTES: :[[@LINE-2]]:23: note: no fix-it: the compound assignment is not a statement of its own in a block or a loop body, where the statements computing its right-hand side could go
  }
  return sum;
}
