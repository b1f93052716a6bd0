// Chains of three or more operations that nd::eval computes in one pass: the fix is the
// same tree over nd::lazy leaves, evaluated into a new array or into the site's target.
// The runtime guarantees eval equals the eager evaluation bit for bit, so the fixed
// program must print the same digits. Each statement's probe checks the arrays the
// warning counts before and after against nd::memory_stats() (check_nd_tidy.py); the
// passes are the operations, one pass over memory each (and copyto's copy), against
// the one pass of nd::eval.
// RUN: %check_nd_tidy -run %s nd-chained-temporaries %t -- -- -I %S/Inputs
#include <nd/nd.hpp>

#include "alloc_probe.hpp"

#include <cstdint>
#include <cstdio>

template <class T>
static void print(const char* name, const nd::array<T>& a) {
  std::printf("%s %s:", name, nd::to_string(a.shape()).c_str());
  const nd::array<T> flat = a.flatten();
  for (nd::index_t i = 0; i < flat.size(); ++i) std::printf(" %.17g", static_cast<double>(flat(i)));
  std::printf("\n");
}

// A declaration: one array either way, four passes become one. A scalar first keeps its
// place; only the operation that has no operation operand gets a lazy leaf.
void declaration(const nd::array<double>& x) {
  alloc_probe probe;
  auto y = nd::exp(-(2.5 - x) / 4.0);
  probe.report(__LINE__ - 1);
  // CHECK-MESSAGES: :[[@LINE-2]]:12: warning: chained array expression makes 4 passes over memory and allocates 2 arrays; fused with 'nd::eval' over 'nd::lazy' operands it makes 1 pass and allocates 1 array [nd-chained-temporaries]
  // CHECK-FIXES: auto y = nd::eval(nd::exp(-(2.5 - nd::lazy(x)) / 4.0));
  print("declaration", y);
}

// The runtime's temporary elision computes this polynomial in one array, so the out
// forms saved nothing and it was not reported; fused it makes one pass instead of nine.
void polynomial(const nd::array<double>& x) {
  alloc_probe probe;
  nd::array<double> p = 0.5 * x * x * x - 1.5 * x * x + 2.0 * x + 0.7;
  probe.report(__LINE__ - 1);
  // CHECK-MESSAGES: :[[@LINE-2]]:25: warning: chained array expression makes 9 passes over memory and allocates 3 arrays; fused with 'nd::eval' over 'nd::lazy' operands it makes 1 pass and allocates 1 array [nd-chained-temporaries]
  // CHECK-FIXES: nd::array<double> p = nd::eval(0.5 * nd::lazy(x) * x * x - 1.5 * nd::lazy(x) * x + 2.0 * nd::lazy(x) + 0.7);
  print("polynomial", p);
}

// The type promotion is the eager one: int32 times a double is a double array.
void promotion(const nd::array<std::int32_t>& counts) {
  alloc_probe probe;
  nd::array<double> rate = nd::sqrt(counts * 0.5 + 0.25);
  probe.report(__LINE__ - 1);
  // CHECK-MESSAGES: :[[@LINE-2]]:28: warning: chained array expression makes 3 passes over memory and allocates 2 arrays; fused with 'nd::eval' over 'nd::lazy' operands it makes 1 pass and allocates 1 array [nd-chained-temporaries]
  // CHECK-FIXES: nd::array<double> rate = nd::eval(nd::sqrt(nd::lazy(counts) * 0.5 + 0.25));
  print("promotion", rate);
}

// where with a comparison: every operation is one node of the pass.
void masked(const nd::array<double>& x) {
  alloc_probe probe;
  auto w = nd::where(x > 0.5, 2.0 * x, x * x - 1.0);
  probe.report(__LINE__ - 1);
  // CHECK-MESSAGES: :[[@LINE-2]]:12: warning: chained array expression makes 5 passes over memory and allocates 4 arrays; fused with 'nd::eval' over 'nd::lazy' operands it makes 1 pass and allocates 1 array [nd-chained-temporaries]
  // CHECK-FIXES: auto w = nd::eval(nd::where(nd::lazy(x) > 0.5, 2.0 * nd::lazy(x), nd::lazy(x) * x - 1.0));
  print("masked", w);
}

// An argument: the out forms need a named buffer, nd::eval does not.
static double ends(const nd::array<double>& a) { return a(0) + a(a.size() - 1); }
void argument(const nd::array<double>& x) {
  alloc_probe probe;
  const double s = ends(nd::sqrt(x * x + 1.0));
  probe.report(__LINE__ - 1);
  // CHECK-MESSAGES: :[[@LINE-2]]:25: warning: chained array expression makes 3 passes over memory and allocates 2 arrays; fused with 'nd::eval' over 'nd::lazy' operands it makes 1 pass and allocates 1 array [nd-chained-temporaries]
  // CHECK-FIXES: const double s = ends(nd::eval(nd::sqrt(nd::lazy(x) * x + 1.0)));
  std::printf("argument %.17g\n", s);
}

// An assignment in a loop that reads its own target: the out forms would overwrite v
// before the last step reads it, nd::eval reads every leaf as if before any write.
// v's buffer is private and keeps x's shape, so the pass writes into it.
void smoothing(const nd::array<double>& x) {
  nd::array<double> v = nd::zeros_like(x);
  for (int step = 0; step < 3; ++step) {
    alloc_probe probe;
    v = 0.75 * v + 0.25 * x * x;
    probe.report(__LINE__ - 1);
    // CHECK-MESSAGES: :[[@LINE-2]]:9: warning: chained array expression makes 4 passes over memory and allocates 2 arrays in every loop iteration; fused with 'nd::eval' over 'nd::lazy' operands it makes 1 pass and allocates 0 arrays [nd-chained-temporaries]
    // CHECK-FIXES: {{^}}    nd::eval(0.75 * nd::lazy(v) + 0.25 * nd::lazy(x) * x, v);{{$}}
  }
  for (nd::index_t k = 0; k < v.size(); ++k) std::printf(" %.17g", v(k));
  std::printf("\n");
}

// A target whose old buffer another handle holds is rebound, as the chain rebinds it.
void rebind(const nd::array<double>& x) {
  nd::array<double> y = nd::ones_like(x);
  const nd::array<double> kept = y;
  alloc_probe probe;
  y = nd::abs(x * 3.0 - 1.0);
  probe.report(__LINE__ - 1);
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: chained array expression makes 3 passes over memory and allocates 2 arrays; fused with 'nd::eval' over 'nd::lazy' operands it makes 1 pass and allocates 1 array [nd-chained-temporaries]
  // CHECK-FIXES: y = nd::eval(nd::abs(nd::lazy(x) * 3.0 - 1.0));
  print("rebind", y);
  print("kept", kept);
}

// copyto of a chain: the chain's array and a copy pass; nd::eval writes into dst.
void copyto_chain(const nd::array<double>& x) {
  nd::array<double> dst = nd::zeros_like(x);
  alloc_probe probe;
  nd::copyto(dst, x * x * 3.0 - 1.0);
  probe.report(__LINE__ - 1);
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'nd::copyto' of a chained expression into 'dst' makes 4 passes over memory and allocates 1 array; fused with 'nd::eval' over 'nd::lazy' operands it makes 1 pass and allocates 0 arrays [nd-chained-temporaries]
  // CHECK-FIXES: nd::eval(nd::lazy(x) * x * 3.0 - 1.0, dst);
  print("copyto", dst);
}

// A compound assignment whose target has the right-hand side's shape: the update is
// the last operation of the pass, on the right-hand side as one rounded operand.
void accumulate(const nd::array<double>& x) {
  nd::array<double> acc = nd::full_like(x, 0.125);
  for (int step = 0; step < 2; ++step) {
    alloc_probe probe;
    acc -= x * x * 0.5;
    probe.report(__LINE__ - 1);
    // CHECK-MESSAGES: :[[@LINE-2]]:9: warning: compound assignment to 'acc' makes 3 passes over memory and allocates 1 array in every loop iteration; fused with 'nd::eval' over 'nd::lazy' operands it makes 1 pass and allocates 0 arrays [nd-chained-temporaries]
    // CHECK-FIXES: {{^}}    nd::eval(nd::lazy(acc) - (nd::lazy(x) * x * 0.5), acc);{{$}}
  }
  print("accumulate", acc);
}

// A target of unknown shape (it may be broadcast into): only the right-hand side is
// fused, and the update stays a pass of its own.
void update(nd::array<double>& total, const nd::array<double>& x) {
  alloc_probe probe;
  total += nd::sqrt(x * x + 2.0);
  probe.report(__LINE__ - 1);
  // CHECK-MESSAGES: :[[@LINE-2]]:9: warning: compound assignment to 'total' makes 4 passes over memory and allocates 2 arrays; fused with 'nd::eval' over 'nd::lazy' operands it makes 2 passes and allocates 1 array [nd-chained-temporaries]
  // CHECK-FIXES: total += nd::eval(nd::sqrt(nd::lazy(x) * x + 2.0));
}

// Sites the out forms cannot write into one buffer: a return value, a condition, a
// const variable, a reference parameter's handle (rebound, as the chain rebinds it).
nd::array<double> returned(const nd::array<double>& x) { return nd::exp(x * 2.0 - 1.0); }
// CHECK-MESSAGES: :[[@LINE-1]]:65: warning: chained array expression makes 3 passes over memory and allocates 2 arrays; fused with 'nd::eval' over 'nd::lazy' operands it makes 1 pass and allocates 1 array [nd-chained-temporaries]
// CHECK-FIXES: nd::array<double> returned(const nd::array<double>& x) { return nd::eval(nd::exp(nd::lazy(x) * 2.0 - 1.0)); }
void contexts(nd::array<double>& out, const nd::array<double>& x) {
  if (nd::sum(nd::exp(x * 2.0 + 1.0)) > 0.0) {
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: chained array expression makes 4 passes over memory and allocates 2 arrays; fused into the reduction over 'nd::lazy' operands it makes 1 pass and allocates 1 array [nd-chained-temporaries]
    // CHECK-FIXES: if (nd::sum(nd::exp(nd::lazy(x) * 2.0 + 1.0)) > 0.0) {
    const nd::array<double> c = nd::sqrt(x * x + 0.5);
    // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: chained array expression makes 3 passes
    // CHECK-FIXES: const nd::array<double> c = nd::eval(nd::sqrt(nd::lazy(x) * x + 0.5));
    print("const", c);
  }
  out = nd::exp(2.5 * x + 1.2);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: chained array expression makes 3 passes
  // CHECK-FIXES: out = nd::eval(nd::exp(2.5 * nd::lazy(x) + 1.2));
}

// No fix: an operand with side effects (nd::eval would read x only after next_scale()
// ran, where the eager product may read it before), and a macro.
static double scale = 0.5;
static double next_scale() { return scale *= 2.0; }
#define AFFINE(v) nd::exp(2.5 * (v) + 1.2)
void no_fix(const nd::array<double>& x) {
  auto y = nd::exp(x * next_scale() + 1.0);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: chained array expression makes 3 passes
  // CHECK-MESSAGES: :[[@LINE-2]]:12: note: no fix-it: operand 'next_scale()' may have side effects, and nd::eval reads the arrays only after every operand was evaluated
  auto z = AFFINE(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: chained array expression makes 3 passes
  // CHECK-MESSAGES: :[[@LINE-2]]:12: note: no fix-it: the expression is inside a macro expansion
  print("no_fix", y + z);
  // An input of an out form: one step of a computation written step by step (as
  // nd-elementwise-loop writes it), which fusing the input alone would not make one
  // pass. It keeps the out forms' verdict.
  nd::array<double> w = nd::zeros_like(x);
  nd::subtract(w, nd::abs(x * 2.0 + 1.0) * x, w);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: chained array expression allocates 2 arrays, 1 more than the out forms
  // CHECK-MESSAGES: :[[@LINE-2]]:19: note: no fix-it: the expression is not the initializer
  print("out_form_input", w);
}

// Kept in the out forms: two operations (a fused pass of two is no faster), and an
// operation narrower than the result (the evaluator would compute it whole first).
void out_forms(const nd::array<double>& x) {
  alloc_probe probe;
  auto y = nd::sqrt(nd::exp(x));
  probe.report(__LINE__ - 1);
  // CHECK-MESSAGES: :[[@LINE-2]]:12: warning: chained array expression allocates 2 arrays, 1 more than the out forms; compute it into one buffer with the out forms, as in 'nd::exp(..., out)' [nd-chained-temporaries]
  // CHECK-FIXES: auto y = nd::empty_like(x);
  // CHECK-FIXES-NEXT: nd::exp(x, y);
  // CHECK-FIXES-NEXT: nd::sqrt(y, y);
  print("two", y);
  nd::array<double> row = nd::full<double>({4}, 0.5);
  nd::array<double> m = nd::ones<double>({3, 4});
  probe.restart();
  nd::array<double> z = nd::abs(row * 2.0) + m;
  probe.report(__LINE__ - 1);
  // CHECK-MESSAGES: :[[@LINE-2]]:25: warning: chained array expression allocates 3 arrays, 2 more than the out forms; compute it into one buffer with the out forms, as in 'nd::multiply(..., out)' [nd-chained-temporaries]
  // CHECK-FIXES: nd::array<double> z = nd::empty<double>(nd::broadcast_shapes(row.shape(), m.shape()));
  // CHECK-FIXES-NEXT: nd::multiply(row, 2.0, z);
  // CHECK-FIXES-NEXT: nd::abs(z, z);
  // CHECK-FIXES-NEXT: nd::add(z, m, z);
  print("narrow", z);
  // copyto broadcasting into a larger destination: every operation would be narrower
  // than the pass over it. (The out forms need a shape that provably broadcasts.)
  nd::array<double> wide = nd::zeros<double>({2, 7});
  nd::copyto(wide, x * x * 3.0 - 1.0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'nd::copyto' of a chained expression allocates 1 array and copies the result in an extra pass over memory
  // CHECK-MESSAGES: :[[@LINE-2]]:20: note: no fix-it: the expression's shape is not provably one that broadcasts to 'wide'
  print("wide", wide);
}

// A chain that a sum or mean over all axes reduces: the reduction evaluates it one
// cache-sized block at a time into one buffer (nd/lazy_reduce.hpp), so the reduction is
// an operation of the pass. One operation short of three, it is not reported.
void reduced(const nd::array<double>& x, const nd::array<double>& y) {
  alloc_probe probe;
  double mae = nd::mean(nd::abs(x - 1.0));
  probe.report(__LINE__ - 1);
  // CHECK-MESSAGES: :[[@LINE-2]]:25: warning: chained array expression makes 3 passes over memory and allocates 2 arrays; fused into the reduction over 'nd::lazy' operands it makes 1 pass and allocates 1 array [nd-chained-temporaries]
  // CHECK-FIXES: double mae = nd::mean(nd::abs(nd::lazy(x) - 1.0));
  double short_chain = nd::sum(x - y);
  std::printf("reduced %.17g %.17g\n", mae, short_chain);
}

// A chain over one array that a call makes (a generator's draw, a creation function)
// and numbers: every operation has that array's shape, and the call runs once, where
// it ran, with no other operand reading memory, so it may stand in the lazy leaf. (No
// probe: the statement also allocates the call's own array, which is not the chain's.)
void generated(nd::index_t n) {
  auto rng = nd::random::default_rng(5);
  nd::array<double> y = nd::abs(rng.normal(0.0, 1.0, {n})) * 2.0 + 1.0;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: chained array expression makes 3 passes over memory and allocates 1 array; fused with 'nd::eval' over 'nd::lazy' operands it makes 1 pass and allocates 1 array [nd-chained-temporaries]
  // CHECK-FIXES: {{^}}  nd::array<double> y = nd::eval(nd::abs(nd::lazy(rng.normal(0.0, 1.0, {n}))) * 2.0 + 1.0);
  print("generated", y);
  auto z = nd::sqrt(nd::linspace(0.0, 4.0, n) + 1.0) * 0.5;
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: chained array expression makes 3 passes over memory and allocates 1 array; fused with 'nd::eval' over 'nd::lazy' operands it makes 1 pass and allocates 1 array [nd-chained-temporaries]
  // CHECK-FIXES: {{^}}  auto z = nd::eval(nd::sqrt(nd::lazy(nd::linspace(0.0, 4.0, n)) + 1.0) * 0.5);
  print("created", z);
  // Two draws: fused, the second would run before the first is read, and their shapes
  // are not proven equal; the out forms save nothing here (the runtime computes into
  // the temporaries), so there is nothing to report.
  nd::array<double> w = nd::abs(rng.normal(0.0, 1.0, {n})) * rng.normal(0.0, 1.0, {n}) + 1.0;
  print("two draws", w);
}

int main() {
  nd::array<double> x = nd::linspace(-1.5, 3.25, 7);
  declaration(x);
  polynomial(x);
  promotion(nd::arange<std::int32_t>(0, 8));
  masked(x);
  argument(x);
  smoothing(x);
  rebind(x);
  copyto_chain(x);
  accumulate(x);
  nd::array<double> total = nd::ones<double>({2, 7});
  update(total, x);
  print("update", total);
  print("returned", returned(x));
  nd::array<double> out = nd::zeros_like(x);
  contexts(out, x);
  print("out", out);
  no_fix(x);
  out_forms(x);
  reduced(x, nd::linspace(0.5, 2.0, 7));
  generated(6);
  return 0;
}
