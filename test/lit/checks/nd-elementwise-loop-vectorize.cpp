// RUN: %check_nd_tidy -run %s nd-elementwise-loop %t
//
// Form 5: nd::vectorize of a scalar lambda whose body is one `return E;` (after
// `const` locals) becomes the ufunc expression E over the arrays. The arithmetic per
// element is the same, so values are printed exactly (%.17g). The cases without a
// fix-it run unchanged.
#include <nd/nd.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>

double unknown(double v) { return v + 0.5; }

template <class T>
void print(const char *what, const nd::array<T> &a) {
  std::printf("%s:", what);
  for (nd::index_t i = 0; i < a.size(); ++i)
    std::printf(" %.17g", static_cast<double>(a(i)));
  std::printf("\n");
}

void named(const nd::array<double> &x) {
  auto g = nd::vectorize([](double v) { return 2 * v + 1; });
  auto y = g(x);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: nd::vectorize calls the lambda once per element; use the broadcasting ufunc expression it computes [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  auto y = 2 * x + 1;
  print("named", y);
}

void direct(const nd::array<double> &x, const nd::array<double> &z) {
  nd::array<double> y = nd::vectorize([](double a, double b) { return std::sqrt(a * a + b * b); })(x, z);
  // CHECK-NOTES: :[[@LINE-1]]:25: warning: nd::vectorize calls the lambda
  // CHECK-FIXES: {{^}}  nd::array<double> y = nd::empty<double>(nd::broadcast_shapes(x.shape(), z.shape()));
  // CHECK-FIXES-NEXT: {{^}}  nd::multiply(x, x, y);
  // CHECK-FIXES-NEXT: {{^}}  nd::add(y, z * z, y);
  // CHECK-FIXES-NEXT: {{^}}  nd::sqrt(y, y);
  print("direct", y);
}

// A named lambda, given to vectorize at the call.
void named_lambda(const nd::array<double> &x) {
  const auto half = [](double v) { return v / 2; };
  auto y = nd::vectorize(half)(x);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: nd::vectorize calls the lambda
  // CHECK-FIXES: {{^}}  auto y = x / 2;
  print("named_lambda", y);
}

// A captured scalar becomes a scalar operand; a scalar argument too.
void captured(const nd::array<double> &x, double k) {
  auto y = nd::vectorize([k](double v, double w) { return std::max(v, w) * k; })(x, 0.25);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: nd::vectorize calls the lambda
  // CHECK-FIXES: {{^}}  auto y = nd::eval(nd::where(nd::lazy(x) < 0.25, 0.25, nd::lazy(x)) * k);
  print("captured", y);
}

// `const` locals are inlined, in parentheses where an operator needs them; the
// conditional becomes nd::where.
void locals(const nd::array<double> &x) {
  auto clip = nd::vectorize([](double v) {
    const double t = v - 0.5;
    return t > 0 ? t : -t;
  });
  print("locals", clip(x));
  // CHECK-NOTES: :[[@LINE-1]]:19: warning: nd::vectorize calls the lambda
  // CHECK-FIXES: {{^}}  print("locals", nd::eval(nd::where((nd::lazy(x) - 0.5) > 0, nd::lazy(x) - 0.5, -(nd::lazy(x) - 0.5))));
  // A local holding a call needs no parentheses as an operand. (A local of an
  // operator passed whole to a ufunc, as in std::sqrt(s), would make a chain that
  // nd-chained-temporaries reports inside print(); the nd::where case above covers
  // whole arguments.)
  auto twice_root = nd::vectorize([](double v) {
    const double r = std::sqrt(v);
    return 2.0 * r;
  });
  print("local call", twice_root(x));
  // CHECK-NOTES: :[[@LINE-1]]:23: warning: nd::vectorize calls the lambda
  // CHECK-FIXES: {{^}}  print("local call", 2.0 * nd::sqrt(x));
}

// The result is used as an object: the expression is parenthesised.
void member(const nd::array<double> &x) {
  auto g = nd::vectorize([](double v) { return v * v; });
  double s = nd::sum(g(x)) + g(x).size();
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: nd::vectorize calls the lambda
  // CHECK-NOTES: :[[@LINE-2]]:30: warning: nd::vectorize calls the lambda
  // CHECK-FIXES: {{^}}  double s = nd::sum(x * x) + (x * x).size();
  std::printf("member: %.17g\n", s);
}

// An identity lambda returns a new array: the fix copies rather than shares.
void identity(const nd::array<double> &x) {
  auto y = nd::vectorize([](double v) { return v; })(x);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: nd::vectorize calls the lambda
  // CHECK-FIXES: {{^}}  auto y = x.copy();
  y(0) = -1;
  print("identity", y);
  print("identity_source", x);
}

// Comparisons give bool arrays in both forms.
void predicate(const nd::array<std::int64_t> &n) {
  auto odd = nd::vectorize([](std::int64_t v) { return v > 2 && v < 7; })(n);
  // CHECK-NOTES: :[[@LINE-1]]:14: warning: nd::vectorize calls the lambda
  // CHECK-FIXES: {{^}}  auto odd = nd::eval(nd::logical_and(nd::lazy(n) > 2, nd::lazy(n) < 7));
  print("predicate", odd);
}

// float -> double widens exactly: the ufunc result is converted with astype.
void widened(const nd::array<float> &f) {
  auto y = nd::vectorize([](float v) -> double { return v * 3.0f; })(f);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: nd::vectorize calls the lambda
  // CHECK-FIXES: {{^}}  auto y = (f * 3.0f).astype<double>();
  print("widened", y);
}

// ---- no fix-it --------------------------------------------------------------------
void other_function(const nd::array<double> &x) {
  auto y = nd::vectorize([](double v) { return unknown(v) * 2; })(x);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: nd::vectorize calls the lambda
  // CHECK-NOTES: :[[@LINE-2]]:48: note: no fix-it: the lambda calls 'unknown', which has no ufunc equivalent (side effects)
  print("other_function", y);
}

// The lambda computes in double for a float array: nd would compute in float.
void parameter_type(const nd::array<float> &f) {
  auto y = nd::vectorize([](double v) { return v * 2; })(f);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: nd::vectorize calls the lambda
  // CHECK-NOTES: :[[@LINE-2]]:36: note: no fix-it: the lambda takes 'v' as 'double' but is applied to elements of type 'float'; it computes in the parameter's type, the ufuncs would compute in the operand's
  print("parameter_type", y);
}

// An int lambda on doubles truncates its result: no exact ufunc form.
void narrowed(const nd::array<double> &x) {
  auto y = nd::vectorize([](double v) -> std::int64_t { return v * 10; })(x);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: nd::vectorize calls the lambda
  // CHECK-NOTES: :[[@LINE-2]]:64: note: no fix-it: the lambda computes 'double' and returns 'long', converted to elements of type 'long', which the ufunc expression (of type 'double') would not do exactly
  print("narrowed", y);
}

// std::pow(float, int) computes in double, nd::power would keep float.
void pow_promotes(const nd::array<float> &f) {
  auto y = nd::vectorize([](float v) { return std::pow(v, 2); })(f);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: nd::vectorize calls the lambda
  // CHECK-NOTES: :[[@LINE-2]]:47: note: no fix-it: 'std::pow(v, 2)' returns 'double' for an argument of type 'float', where its ufunc keeps the argument's type
  print("pow_promotes", y);
}

// The named lambda copied k when it was made; k changes before the call.
void stale_capture(const nd::array<double> &x) {
  double k = 2;
  auto g = nd::vectorize([k](double v) { return v * k; });
  k = 3;
  auto y = g(x);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: nd::vectorize calls the lambda
  // CHECK-NOTES: :[[@LINE-4]]:27: note: no fix-it: the lambda captures 'k' by copy and it is modified in the function, so the ufunc expression could read another value than the copy
  print("stale_capture", y);
  std::printf("k: %.17g\n", k);
}

// A reference capture that is written: a side effect.
void counting(const nd::array<double> &x) {
  int calls = 0;
  auto y = nd::vectorize([&calls](double v) { return v + ++calls; })(x);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: nd::vectorize calls the lambda
  // CHECK-NOTES: :[[@LINE-2]]:58: note: no fix-it: the lambda writes to something other than its destination
  print("counting", y);
}

// The second array must still give the result its shape.
void unused_parameter(const nd::array<double> &x, const nd::array<double> &m) {
  auto y = nd::vectorize([](double a, double b) { return a * 2; })(x, m);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: nd::vectorize calls the lambda
  // CHECK-NOTES: :[[@LINE-2]]:46: note: no fix-it: the lambda does not use 'b', so the ufunc expression would not have the shape of 'm'
  print("unused_parameter", y);
}

void two_statements(const nd::array<double> &x) {
  auto y = nd::vectorize([](double v) {
    double t = v;
    t *= 2;
    return t;
  })(x);
  // CHECK-NOTES: :[[@LINE-5]]:12: warning: nd::vectorize calls the lambda
  // CHECK-NOTES: :[[@LINE-5]]:5: note: no fix-it: the lambda declares 'double t = v;', which is not one 'const' arithmetic local
  print("two_statements", y);
}

void generic(const nd::array<double> &x) {
  auto y = nd::vectorize([](auto v) { return v + 1; })(x);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: nd::vectorize calls the lambda
  // CHECK-NOTES: :[[@LINE-2]]:26: note: no fix-it: the lambda is generic ('auto' parameters); give its parameters the element types
  print("generic", y);
}

#define HALF(v) ((v) / 2)
void in_macro(const nd::array<double> &x) {
  auto y = nd::vectorize([](double v) { return HALF(v); })(x);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: nd::vectorize calls the lambda
  // CHECK-NOTES: :[[@LINE-2]]:48: note: no fix-it: the call or its lambda is or contains a macro expansion, which a fix-it cannot rewrite
  print("in_macro", y);
}

// A lambda in a template has a dependent type, so the call is resolved only in the
// instantiations, which are not analysed (once per instantiation would repeat the
// diagnostic): not reported.
template <class T>
nd::array<double> twice(const nd::array<double> &x, T) {
  return nd::vectorize([](double v) { return v + v; })(x);
}

int main() {
  auto rng = nd::random::default_rng(11);
  nd::array<double> x = rng.random({5});
  nd::array<double> z = rng.random({5});
  named(x);
  direct(x, z);
  named_lambda(x);
  captured(x, 1.5);
  locals(x);
  member(x);
  identity(x.copy());
  predicate(nd::arange(0, 9));
  widened(nd::linspace<float>(0.0f, 1.0f, 5));
  other_function(x);
  parameter_type(nd::linspace<float>(0.0f, 1.0f, 5));
  narrowed(x);
  pow_promotes(nd::linspace<float>(0.0f, 1.0f, 5));
  stale_capture(x);
  counting(x);
  unused_parameter(x, z);
  two_statements(x);
  generic(x);
  in_macro(x);
  print("twice_int", twice(x, 1));
  print("twice_char", twice(x, 'c'));
  return 0;
}
