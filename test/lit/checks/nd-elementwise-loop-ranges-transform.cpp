// RUN: %check_nd_tidy -run %s nd-elementwise-loop %t
//
// Form 5 spelled with std::ranges::transform: the same rules as std::transform. nd::array
// has no begin()/end(), so it is not a range itself: its elements are the pointer pair
// `a.data(), a.data() + a.size()` or a view over it, `std::span(a.data(), a.size())`
// or `std::ranges::subrange(a.data(), a.data() + a.size())`, which walk the elements
// only when the array is C-contiguous. Same arithmetic per element: values printed
// exactly.
#include <nd/nd.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ranges>
#include <span>

template <class T>
void print(const char *what, const nd::array<T> &a) {
  std::printf("%s:", what);
  nd::array<T> flat = a.copy();
  for (nd::index_t i = 0; i < flat.size(); ++i)
    std::printf(" %.17g", static_cast<double>(flat.data()[i]));
  std::printf("\n");
}

void iterators() {
  nd::array<double> x = nd::linspace(0.0, 2.0, 6);
  nd::array<double> y = nd::empty_like(x);
  std::ranges::transform(x.data(), x.data() + x.size(), y.data(), [](double v) { return 2 * v + 1; });
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: std::ranges::transform applies the lambda to the elements of 'x' one by one; use one broadcasting expression with nd::copyto [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  nd::multiply(2, x, y);
  // CHECK-FIXES-NEXT: {{^}}  nd::add(y, 1, y);
  print("iterators", y);
}

void span_range() {
  nd::array<double> x = nd::linspace(-1.0, 1.0, 5);
  nd::array<double> y = x.copy();
  std::ranges::transform(std::span(x.data(), x.size()), y.data(), [](double v) { return v * v; });
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: std::ranges::transform applies the lambda to the elements of 'x'
  // CHECK-FIXES: {{^}}  nd::multiply(x, x, y);
  print("span_range", y);
}

void subrange_in_place() {
  nd::array<double> x = nd::arange(0.0, 4.0);
  std::ranges::transform(std::ranges::subrange(x.data(), x.data() + x.size()), x.data(),
                         [](double v) { return v / 2; });
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: std::ranges::transform applies the lambda to the elements of 'x'
  // CHECK-FIXES: {{^}}  nd::divide(x, 2, x);
  print("subrange_in_place", x);
}

void binary_iterators(double k) {
  nd::array<double> x = nd::linspace(-1.0, 1.0, 5);
  nd::array<double> z = x.copy();
  nd::array<double> y = nd::zeros_like(z);
  std::ranges::transform(x.data(), x.data() + x.size(), z.data(), z.data() + z.size(), y.data(),
                         [k](double a, double b) { return a < 0 ? k * a : b * b; });
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: std::ranges::transform applies the lambda to the elements of 'x'
  // CHECK-FIXES: {{^}}  nd::multiply(k, x, y);
  // CHECK-FIXES-NEXT: {{^}}  nd::where(x < 0, y, z * z, y);
  print("binary_iterators", y);
}

void binary_ranges() {
  nd::array<double> x = nd::linspace(0.0, 1.0, 4);
  nd::array<double> z = nd::ones_like(x);
  nd::array<double> y = nd::empty_like(x);
  std::ranges::transform(std::span(x.data(), x.size()), std::span(z.data(), z.size()), y.data(),
                         [](double a, double b) { return a - b; });
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: std::ranges::transform applies the lambda to the elements of 'x'
  // CHECK-FIXES: {{^}}  nd::subtract(x, z, y);
  print("binary_ranges", y);
}

// ---- no fix-it --------------------------------------------------------------------
// A parameter may be a strided view, whose data() range is not its elements.
void parameter(const nd::array<double> &x) {
  nd::array<double> y = nd::empty_like(x);
  std::ranges::transform(std::span(x.data(), x.size()), y.data(), [](double v) { return v + 1; });
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: std::ranges::transform applies the lambda to the elements of 'x'
  // CHECK-NOTES: :[[@LINE-2]]:3: note: no fix-it: 'x' may be a strided view, whose data() does not run over its elements in order, or share memory with another array (aliasing); the fix is offered for local arrays with their own buffer, e.g. from copy() or nd::empty_like
  print("parameter", y);
}

void partial() {
  nd::array<double> x = nd::linspace(0.0, 1.0, 6);
  nd::array<double> y = x.copy();
  std::ranges::transform(std::span(x.data(), 3), y.data(), [](double v) { return -v; });
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: std::ranges::transform applies the lambda to the elements of 'x'
  // CHECK-NOTES: :[[@LINE-2]]:26: note: no fix-it: the range 'std::span(x.data(), 3)' is not provably all of a named array ('std::span(a.data(), a.size())') (index shape)
  print("partial", y);
}

// The second range is shorter: the call stops there.
void short_second() {
  nd::array<double> x = nd::linspace(0.0, 1.0, 4);
  nd::array<double> z = x.copy();
  nd::array<double> y = x.copy();
  std::ranges::transform(x.data(), x.data() + x.size(), z.data(), z.data() + 2, y.data(),
                         [](double a, double b) { return a + b; });
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: std::ranges::transform applies the lambda to the elements of 'x'
  // CHECK-NOTES: :[[@LINE-3]]:67: note: no fix-it: the second range ends at 'z.data() + 2', not at 'z.data() + z.size()' (index shape)
  print("short_second", y);
}

struct Negate {
  double operator()(double v) const { return -v; }
};

// A projection is applied before the lambda.
void projection() {
  nd::array<double> x = nd::linspace(0.0, 1.0, 3);
  nd::array<double> y = x.copy();
  std::ranges::transform(std::span(x.data(), x.size()), y.data(), [](double v) { return v * 3; }, Negate{});
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: std::ranges::transform applies the lambda to the elements of 'x'
  // CHECK-NOTES: :[[@LINE-2]]:99: note: no fix-it: the call applies the projection 'Negate{}' to the elements
  print("projection", y);
}

// The result (the input and output iterators where the call stopped) is used.
void result_used() {
  nd::array<double> x = nd::linspace(0.0, 1.0, 4);
  nd::array<double> y = x.copy();
  auto [in, out] = std::ranges::transform(x.data(), x.data() + x.size(), y.data(), [](double v) { return v * v; });
  // CHECK-NOTES: :[[@LINE-1]]:20: warning: std::ranges::transform applies the lambda to the elements of 'x'
  // CHECK-NOTES: :[[@LINE-2]]:20: note: no fix-it: the result std::ranges::transform returns is used
  std::printf("result_used: %td %td\n", in - x.data(), out - y.data());
}

// Ranges over other containers are not reported.
void vectors() {
  double in[3] = {1, 2, 3}, out[3];
  std::ranges::transform(in, out, [](double v) { return v * 2; });
  std::printf("vectors: %g %g %g\n", out[0], out[1], out[2]);
}

int main() {
  iterators();
  span_range();
  subrange_in_place();
  binary_iterators(0.5);
  binary_ranges();
  parameter(nd::linspace(0.0, 1.0, 4));
  partial();
  short_second();
  projection();
  result_used();
  vectors();
  return 0;
}
