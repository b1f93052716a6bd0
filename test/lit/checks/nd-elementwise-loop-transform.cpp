// RUN: %check_nd_tidy -run %s nd-elementwise-loop %t
//
// Form 5: std::transform of a scalar lambda over the whole element range of nd::arrays.
// nd::array has no iterators; its element range is `a.data(), a.data() + a.size()`,
// which walks the elements only when the array is C-contiguous, so the fix
// `nd::copyto(y, E);` is offered when every array is a local with its own buffer and
// all have provably one shape. Same arithmetic per element: values printed exactly.
#include <nd/nd.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

template <class T>
void print(const char *what, const nd::array<T> &a) {
  std::printf("%s:", what);
  nd::array<T> flat = a.copy();
  for (nd::index_t i = 0; i < flat.size(); ++i)
    std::printf(" %.17g", static_cast<double>(flat.data()[i]));
  std::printf("\n");
}

void unary() {
  nd::array<double> x = nd::linspace(0.0, 2.0, 6);
  nd::array<double> y = nd::empty_like(x);
  std::transform(x.data(), x.data() + x.size(), y.data(), [](double v) { return std::exp(-v) * 3; });
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: std::transform applies the lambda to the elements of 'x' one by one; use one broadcasting expression with nd::copyto [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  nd::eval(nd::exp(-nd::lazy(x)) * 3, y);
  print("unary", y);
}

void binary(double k) {
  nd::array<double> x = nd::linspace(-1.0, 1.0, 5);
  nd::array<double> z = x.copy();
  nd::array<double> y = nd::zeros_like(z);
  std::transform(x.data(), x.data() + x.size(), z.data(), y.data(),
                 [k](double a, double b) { return a < 0 ? k * a : b * b; });
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: std::transform applies the lambda to the elements of 'x'
  // CHECK-FIXES: {{^}}  nd::multiply(k, x, y);
  // CHECK-FIXES-NEXT: {{^}}  nd::where(x < 0, y, z * z, y);
  print("binary", y);
}

// In place: the output is the input, element for element.
void in_place() {
  nd::array<double> x = nd::arange(0.0, 4.0);
  std::transform(x.data(), x.data() + x.size(), x.data(), [](double v) { return v / 2; });
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: std::transform applies the lambda to the elements of 'x'
  // CHECK-FIXES: {{^}}  nd::divide(x, 2, x);
  print("in_place", x);
}

// ---- no fix-it --------------------------------------------------------------------
// A parameter may be a strided view, whose data() range is not its elements.
void parameter(const nd::array<double> &x) {
  nd::array<double> y = nd::empty_like(x);
  std::transform(x.data(), x.data() + x.size(), y.data(), [](double v) { return v + 1; });
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: std::transform applies the lambda to the elements of 'x'
  // CHECK-NOTES: :[[@LINE-2]]:3: note: no fix-it: 'x' may be a strided view, whose data() does not run over its elements in order, or share memory with another array (aliasing); the fix is offered for local arrays with their own buffer, e.g. from copy() or nd::empty_like
  print("parameter", y);
}

// Part of the array: a later step may turn it into a slice.
void partial() {
  nd::array<double> x = nd::linspace(0.0, 1.0, 6);
  nd::array<double> y = x.copy();
  std::transform(x.data(), x.data() + 3, y.data(), [](double v) { return -v; });
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: std::transform applies the lambda to the elements of 'x'
  // CHECK-NOTES: :[[@LINE-2]]:28: note: no fix-it: the range 'x.data(), x.data() + 3' is not provably all of a named array ('a.data(), a.data() + a.size()') (index shape)
  print("partial", y);
}

// Same size is not same shape: copyto would not broadcast (3, 2) into (2, 3).
void other_shape() {
  nd::array<double> x = nd::zeros<double>({3, 2});
  nd::array<double> y = nd::zeros<double>({2, 3});
  std::transform(x.data(), x.data() + x.size(), y.data(), [](double v) { return v + 2; });
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: std::transform applies the lambda to the elements of 'x'
  // CHECK-NOTES: :[[@LINE-2]]:3: note: no fix-it: 'y' is not provably of the shape of 'x' (index shape); the fix is offered when it is initialised as its copy() or with nd::empty_like
  print("other_shape", y);
}

// The returned iterator is used.
void result_used() {
  nd::array<double> x = nd::linspace(0.0, 1.0, 4);
  nd::array<double> y = x.copy();
  double *end = std::transform(x.data(), x.data() + x.size(), y.data(), [](double v) { return v * v; });
  // CHECK-NOTES: :[[@LINE-1]]:17: warning: std::transform applies the lambda to the elements of 'x'
  // CHECK-NOTES: :[[@LINE-2]]:17: note: no fix-it: the iterator std::transform returns is used
  std::printf("result_used: %td\n", end - y.data());
}

// int output from a double lambda: the conversion truncates.
void truncated() {
  nd::array<double> x = nd::linspace(0.0, 3.0, 4);
  nd::array<std::int64_t> n = nd::zeros<std::int64_t>({4});
  nd::array<double> y = x.copy();
  std::transform(x.data(), x.data() + x.size(), y.data(), [](double v) -> std::int64_t { return v * 1.5; });
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: std::transform applies the lambda to the elements of 'x'
  // CHECK-NOTES: :[[@LINE-2]]:97: note: no fix-it: the lambda computes 'double' and returns 'long', converted to elements of type 'double', which the ufunc expression (of type 'double') would not do exactly
  print("truncated", y);
  print("n", n);
}

// A lambda with side effects.
void logging() {
  nd::array<double> x = nd::linspace(0.0, 1.0, 3);
  nd::array<double> y = x.copy();
  std::transform(x.data(), x.data() + x.size(), y.data(), [](double v) { std::printf("%g\n", v); return v; });
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: std::transform applies the lambda to the elements of 'x'
  // CHECK-NOTES: :[[@LINE-2]]:74: note: no fix-it: the lambda body is not a single 'return' statement (after 'const' locals)
  print("logging", y);
}

// A named lambda copied k when it was made; k changes before the call.
void stale_capture() {
  nd::array<double> x = nd::linspace(0.0, 1.0, 3);
  nd::array<double> y = x.copy();
  double k = 2;
  auto scale = [k](double v) { return v * k; };
  k = 3;
  std::transform(x.data(), x.data() + x.size(), y.data(), scale);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: std::transform applies the lambda to the elements of 'x'
  // CHECK-NOTES: :[[@LINE-4]]:17: note: no fix-it: the lambda captures 'k' by copy and it is modified in the function, so the ufunc expression could read another value than the copy
  print("stale_capture", y);
  std::printf("k: %g\n", k);
}

// std::transform over other containers is not reported.
void vectors() {
  double in[3] = {1, 2, 3}, out[3];
  std::transform(in, in + 3, out, [](double v) { return v * 2; });
  std::printf("vectors: %g %g %g\n", out[0], out[1], out[2]);
}

int main() {
  unary();
  binary(0.5);
  in_place();
  parameter(nd::linspace(0.0, 1.0, 4));
  partial();
  other_shape();
  result_used();
  truncated();
  logging();
  stale_capture();
  vectors();
  return 0;
}
