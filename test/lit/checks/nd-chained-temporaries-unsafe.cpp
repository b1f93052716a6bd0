// Chains the check reports without a fix, each with a note that says why a rewrite
// could change behaviour. The chains end in a function-call ufunc (nd::exp), which the
// runtime cannot compute into a temporary operand: each allocates one array more than
// the out forms would.
// FusedEvaluation is off: this file tests the cases the out forms leave without a fix;
// the fused forms of the same chains are in -fused.cpp.
// RUN: %check_nd_tidy %s nd-chained-temporaries %t -- -config="{CheckOptions: {nd-chained-temporaries.FusedEvaluation: false}}"
#include <nd/nd.hpp>

#include <stdexcept>

nd::array<double> load(int);
double next_scale();
nd::array<double> global_result;

// Operands with side effects: the out forms would evaluate them in another order.
void side_effects(const nd::array<double>& x) {
  nd::array<double> y = nd::exp(load(1) * 2.0 + x);
  // CHECK-NOTES: :[[@LINE-1]]:25: warning: chained array expression allocates at least 2 arrays, 1 more than the out forms; compute it into one buffer with the out forms, as in 'nd::multiply(..., out)' [nd-chained-temporaries]
  // CHECK-NOTES: :[[@LINE-2]]:25: note: no fix-it: operand 'load(1)' may have side effects, and the out forms evaluate the operands in a different order
  nd::array<double> z = nd::exp(x * next_scale() + 1.0);
  // CHECK-NOTES: :[[@LINE-1]]:25: warning: chained array expression allocates 2 arrays, 1 more
  // CHECK-NOTES: :[[@LINE-2]]:25: note: no fix-it: operand 'next_scale()' may have side effects
}

// Targets others can see between the operations.
void reference_target(nd::array<double>& out, const nd::array<double>& x) {
  out = nd::exp(2.5 * x + 1.2);
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: chained array expression allocates 2 arrays, 1 more
  // CHECK-NOTES: :[[@LINE-2]]:9: note: no fix-it: 'out' is not a local array, so others may see it between the operations
}
void global_target(const nd::array<double>& x) {
  global_result = nd::exp(2.5 * x + 1.2);
  // CHECK-NOTES: :[[@LINE-1]]:19: warning: chained array expression allocates 2 arrays, 1 more
  // CHECK-NOTES: :[[@LINE-2]]:19: note: no fix-it: 'global_result' is not a local array, so others may see it between the operations
}

// The target is read by the last operation, after the first would have replaced it.
void target_read_late(const nd::array<double>& x) {
  nd::array<double> y = nd::ones_like(x);
  y = nd::exp(x * 2.0 + y);
  // CHECK-NOTES: :[[@LINE-1]]:7: warning: chained array expression allocates 2 arrays, 1 more
  // CHECK-NOTES: :[[@LINE-2]]:7: note: no fix-it: 'y' is read by a later operation, after the rewrite would have overwritten it
}

// A later operand widens the result, so y needs a fresh buffer first, but y is an
// operand.
void widened_reads_target(const nd::array<double>& row) {
  nd::array<double> y = nd::ones<double>({2, 1});
  y = nd::exp(y * 2.0) + row;
  // CHECK-NOTES: :[[@LINE-1]]:7: warning: chained array expression allocates at least 2 arrays, 1 more
  // CHECK-NOTES: :[[@LINE-2]]:7: note: no fix-it: a later operand broadcasts the result to a larger shape, so 'y' would need a fresh buffer before the operations that read it
}

// A handler could observe the target holding the first step's result.
double in_try(const nd::array<double>& x, const nd::array<double>& other) {
  nd::array<double> y = nd::zeros_like(x);
  try {
    y = nd::exp(x * 2.0 + other);
    // CHECK-NOTES: :[[@LINE-1]]:9: warning: chained array expression allocates at least 2 arrays, 1 more
    // CHECK-NOTES: :[[@LINE-2]]:9: note: no fix-it: if an operation throws, 'y' would hold a partial result and a handler of the enclosing try block could see it
  } catch (const nd::shape_error&) {
  }
  return nd::sum(y);
}

// A lambda assigning a variable of its enclosing function.
void in_lambda(const nd::array<double>& x) {
  nd::array<double> y = nd::zeros_like(x);
  auto update = [&] {
    y = nd::exp(x * 2.0 - 1.0);
    // CHECK-NOTES: :[[@LINE-1]]:9: warning: chained array expression allocates 2 arrays, 1 more
    // CHECK-NOTES: :[[@LINE-2]]:9: note: no fix-it: if an operation throws, 'y' would hold a partial result and it is declared outside the enclosing lambda
  };
  update();
}

// An intermediate of another element type stays as written (it is not computed in the
// result's buffer), so the out forms save nothing here: not reported.
void mixed_types(const nd::array<float>& xf, const nd::array<double>& x) {
  nd::array<double> y = xf * 2.0f + x;
}

// Macros: no fix-it inside an expansion.
#define AFFINE(v) nd::exp(2.5 * (v) + 1.2)
void in_macro(const nd::array<double>& x) {
  nd::array<double> y = AFFINE(x);
  // CHECK-NOTES: :[[@LINE-1]]:25: warning: chained array expression allocates 2 arrays, 1 more
  // CHECK-NOTES: :[[@LINE-4]]:19: note: expanded from macro 'AFFINE'
  // CHECK-NOTES: :[[@LINE-3]]:25: note: no fix-it: the expression is inside a macro expansion
  // CHECK-NOTES: :[[@LINE-6]]:19: note: expanded from macro 'AFFINE'
}

// Expressions that are not a declaration or an assignment statement of their own.
double contexts(const nd::array<double>& x) {
  if (nd::sum(nd::exp(x * 2.0 - 1.0)) > 0.0)
    // CHECK-NOTES: :[[@LINE-1]]:15: warning: chained array expression allocates 2 arrays, 1 more
    // CHECK-NOTES: :[[@LINE-2]]:15: note: no fix-it: the expression is not the initializer of a declaration or the right-hand side of an assignment statement; give the result a name to compute it with the out forms
    return 1.0;
  nd::array<double> y = nd::zeros_like(x), z = nd::exp(x * 2.0 + 1.0);
  // CHECK-NOTES: :[[@LINE-1]]:48: warning: chained array expression allocates 2 arrays, 1 more
  // CHECK-NOTES: :[[@LINE-2]]:48: note: no fix-it: the declaration is not a statement of its own of the form 'T y = ...;'
  const nd::array<double> c = nd::exp(x * 2.0 + 1.0);
  // CHECK-NOTES: :[[@LINE-1]]:31: warning: chained array expression allocates 2 arrays, 1 more
  // CHECK-NOTES: :[[@LINE-2]]:31: note: no fix-it: the variable is const or a reference; the out forms need a writable array
  return nd::sum(y) + nd::sum(z) + nd::sum(c);
}
nd::array<double> returned(const nd::array<double>& x) {
  return nd::exp(x * 2.0 + 1.0);
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: chained array expression allocates 2 arrays, 1 more
  // CHECK-NOTES: :[[@LINE-2]]:10: note: no fix-it: the expression is not the initializer of a declaration or the right-hand side of an assignment statement
}

// Compound assignment: the left-hand side is an operand, so the right-hand side needs
// a buffer of its own, and the shapes of two reference parameters are not provably
// equal, so it cannot be allocated before the loop (more in -compound-unsafe.cpp).
// Allocating it in every iteration would save nothing: not reported.
void compound(nd::array<double> w, const nd::array<double>& x, const nd::array<double>& z) {
  for (int i = 0; i < 2; ++i) {
    w += x * z;
  }
}
