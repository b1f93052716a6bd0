// RUN: %check_nd_tidy -run %s nd-elementwise-loop %t
//
// Form 5 with a named function: `nd::vectorize(f)` of a function defined in the
// translation unit whose body is one `return E;` (after `const` locals) becomes E over
// the arrays, its parameters bound to the operands, as a lambda's body does. Values are
// printed exactly (%.17g). The cases without a fix-it run unchanged.
#include <nd/nd.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>

template <class T>
void print(const char *what, const nd::array<T> &a) {
  std::printf("%s:", what);
  for (nd::index_t i = 0; i < a.size(); ++i)
    std::printf(" %.17g", static_cast<double>(a(i)));
  std::printf("\n");
}

double affine(double v) { return 2 * v + 1; }

double hypotenuse(double a, double b) { return std::sqrt(a * a + b * b); }

double clipped(double v) {
  const double t = v - 0.5;
  return t > 0 ? t : -t;
}

double scaled(double v, double k) { return v * k; }

// Defined after its use below: the body is known in the translation unit all the same.
double halved(double v);

double overloaded(double v) { return v - 1; }
float overloaded(float v) { return v + 1; }

void plain(const nd::array<double> &x) {
  auto y = nd::vectorize(affine)(x);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: nd::vectorize calls 'affine' once per element; use the broadcasting ufunc expression it computes [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  auto y = 2 * x + 1;
  print("plain", y);
}

void address(const nd::array<double> &x) {
  auto g = nd::vectorize(&affine);
  print("address", g(x));
  // CHECK-NOTES: :[[@LINE-1]]:20: warning: nd::vectorize calls 'affine' once per element
  // CHECK-FIXES: {{^}}  print("address", 2 * x + 1);
}

// The declaration gets the out forms, as for a lambda, so that nd-chained-temporaries
// has nothing left to do.
void two_operands(const nd::array<double> &x, const nd::array<double> &z) {
  nd::array<double> h = nd::vectorize(hypotenuse)(x, z);
  // CHECK-NOTES: :[[@LINE-1]]:25: warning: nd::vectorize calls 'hypotenuse' once per element
  // CHECK-FIXES: {{^}}  nd::array<double> h = nd::empty<double>(nd::broadcast_shapes(x.shape(), z.shape()));
  // CHECK-FIXES-NEXT: {{^}}  nd::multiply(x, x, h);
  // CHECK-FIXES-NEXT: {{^}}  nd::add(h, z * z, h);
  // CHECK-FIXES-NEXT: {{^}}  nd::sqrt(h, h);
  print("two_operands", h);
}

// A `const` local of the function is inlined in parentheses.
void local(const nd::array<double> &x) {
  print("local", nd::vectorize(clipped)(x));
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: nd::vectorize calls 'clipped' once per element
  // CHECK-FIXES: {{^}}  print("local", nd::eval(nd::where((nd::lazy(x) - 0.5) > 0, nd::lazy(x) - 0.5, -(nd::lazy(x) - 0.5))));
}

// A scalar argument binds a parameter like an array does.
void scalar_argument(const nd::array<double> &x, double k) {
  auto y = nd::vectorize(scaled)(x, k);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: nd::vectorize calls 'scaled' once per element
  // CHECK-FIXES: {{^}}  auto y = x * k;
  print("scalar_argument", y);
}

void defined_later(const nd::array<double> &x) {
  auto y = nd::vectorize(halved)(x);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: nd::vectorize calls 'halved' once per element
  // CHECK-FIXES: {{^}}  auto y = x / 2;
  print("defined_later", y);
}

// The cast picks one overload; its body is the one the call runs.
void picked_overload(const nd::array<double> &x) {
  auto y = nd::vectorize(static_cast<double (*)(double)>(overloaded))(x);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: nd::vectorize calls 'overloaded' once per element
  // CHECK-FIXES: {{^}}  auto y = x - 1;
  print("picked_overload", y);
}

// A constant pointer always calls the function it was initialised with.
void constant_pointer(const nd::array<double> &x) {
  double (*const f)(double) = affine;
  auto y = nd::vectorize(f)(x);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: nd::vectorize calls 'f' once per element
  // CHECK-FIXES: {{^}}  auto y = 2 * x + 1;
  print("constant_pointer", y);
}

// ---- no fix-it --------------------------------------------------------------------
// Stands for a function defined in another translation unit: the asm label makes the
// linker find it in triple_elsewhere, whose body the check does not connect to it.
extern "C" double triple_elsewhere(double v) { return v * 3; }
double declared_only(double v) asm("triple_elsewhere");
int calls = 0;
double noisy(double v) {
  ++calls;
  return v;
}
double counted(double v) { return v + ++calls; }
double offset = 0.5;
double shifted(double v) { return v + offset; }
double factorial(double v) { return v <= 1 ? 1 : v * factorial(v - 1); }
float narrow(float v) { return v * 2; }

void no_body(const nd::array<double> &x) {
  auto y = nd::vectorize(declared_only)(x);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: nd::vectorize calls 'declared_only' once per element
  // CHECK-NOTES: :[[@LINE-2]]:26: note: no fix-it: 'declared_only' is only declared in this translation unit, so its body cannot be inlined
  print("no_body", y);
}

void several_statements(const nd::array<double> &x) {
  auto y = nd::vectorize(noisy)(x);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: nd::vectorize calls 'noisy' once per element
  // CHECK-NOTES: :[[@LINE-19]]:3: note: no fix-it: the body of 'noisy' is not a single 'return' statement (after 'const' locals)
  print("several_statements", y);
  std::printf("calls: %d\n", calls);
}

void side_effect(const nd::array<double> &x) {
  auto y = nd::vectorize(counted)(x);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: nd::vectorize calls 'counted' once per element
  // CHECK-NOTES: :[[@LINE-24]]:39: note: no fix-it: 'counted' writes to something other than its destination
  print("side_effect", y);
  std::printf("calls: %d\n", calls);
}

// `offset` may name something else where the call is.
void global_read(const nd::array<double> &x) {
  double offset = 100;
  auto y = nd::vectorize(shifted)(x);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: nd::vectorize calls 'shifted' once per element
  // CHECK-NOTES: :[[@LINE-32]]:39: note: no fix-it: 'shifted' reads 'offset', which is not one of its parameters or locals; the fix-it would have to name it where the call is
  print("global_read", y + offset);
}

void recursion(const nd::array<double> &x) {
  auto y = nd::vectorize(factorial)(x);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: nd::vectorize calls 'factorial' once per element
  // CHECK-NOTES: :[[@LINE-38]]:54: note: no fix-it: 'factorial' calls itself (recursion)
  print("recursion", y);
}

// The pointer may be reseated before the call.
void pointer_variable(const nd::array<double> &x, bool which) {
  double (*f)(double) = affine;
  if (which)
    f = halved;
  auto y = nd::vectorize(f)(x);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: nd::vectorize calls 'f' once per element
  // CHECK-NOTES: :[[@LINE-2]]:26: note: no fix-it: 'f' is a function pointer variable, which may point to another function when the call runs
  print("pointer_variable", y);
}

void pointer_parameter(const nd::array<double> &x, double (*f)(double)) {
  auto y = nd::vectorize(f)(x);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: nd::vectorize calls 'f' once per element
  // CHECK-NOTES: :[[@LINE-2]]:26: note: no fix-it: 'f' is a function pointer variable, which may point to another function when the call runs
  print("pointer_parameter", y);
}

// The float function computes in float for double elements, converted on the way in.
void parameter_type(const nd::array<double> &x) {
  auto y = nd::vectorize(narrow)(x);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: nd::vectorize calls 'narrow' once per element
  // CHECK-NOTES: :[[@LINE-63]]:20: note: no fix-it: 'narrow' takes 'v' as 'float' but is applied to elements of type 'double'; it computes in the parameter's type, the ufuncs would compute in the operand's
  print("parameter_type", y);
}

double halved(double v) { return v / 2; }

int main() {
  auto rng = nd::random::default_rng(5);
  nd::array<double> x = rng.random({5});
  nd::array<double> z = rng.random({5});
  plain(x);
  address(x);
  two_operands(x, z);
  local(x);
  scalar_argument(x, 1.5);
  defined_later(x);
  picked_overload(x);
  constant_pointer(x);
  no_body(x);
  several_statements(x);
  side_effect(x);
  global_read(x);
  recursion(x);
  pointer_variable(x, true);
  pointer_parameter(x, affine);
  parameter_type(x);
  return 0;
}
