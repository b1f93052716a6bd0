// RUN: %check_nd_tidy -run %s nd-elementwise-loop %t
//
// The aliasing rule counts a destination as owning its buffer when its initialiser
// makes a new array by the runtime's model (model::createsFreshBuffer): a ufunc or
// operator result, astype, a reduction, nd::where, nd::concatenate, ... and not only
// copy() and the creation functions. The loops below read parameters, which may share
// memory with anything: only the destination's fresh buffer makes the fix safe.
#include <nd/nd.hpp>

#include <algorithm>
#include <cstdio>

static void print(const char *name, const nd::array<double> &a) {
  std::printf("%s:", name);
  for (nd::index_t i = 0; i < a.size(); ++i)
    std::printf(" %.17g", a(i));
  std::printf("\n");
}

// A ufunc's result.
void ufunc_result(const nd::array<double> &x) {
  nd::array<double> y = nd::sqrt(x);
  std::printf("roots: %.17g\n", y(3));
  for (nd::index_t i = 0; i < y.size(); ++i)
    y(i) = x(i) * 2.0 + 1.0;
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'; use one broadcasting expression [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  nd::multiply(x, 2.0, y);
  // CHECK-FIXES-NEXT: {{^}}  nd::add(y, 1.0, y);
  print("ufunc_result", y);
}

// astype makes a converted copy.
void converted(const nd::array<float> &f, const nd::array<double> &x) {
  nd::array<double> y = f.astype<double>();
  std::printf("converted_before: %.17g\n", y(2));
  for (nd::index_t i = 0; i < y.size(); ++i)
    y(i) = y(i) - x(i);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'
  // CHECK-FIXES: {{^}}  nd::subtract(y, x, y);
  print("converted", y);
}

// flatten copies, unlike ravel.
void flattened(const nd::array<double> &x) {
  nd::array<double> y = x.flatten();
  std::printf("negated: %.17g\n", y(1));
  for (nd::index_t i = 0; i < y.size(); ++i)
    y(i) = x(i) / 4.0;
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'
  // CHECK-FIXES: {{^}}  nd::divide(x, 4.0, y);
  print("flattened", y);
}

// nd::where returns a new array too.
void selected(const nd::array<double> &x) {
  nd::array<double> y = nd::where(x > 2.0, x, 0.0);
  y(1) += 1.0;
  for (nd::index_t i = 0; i < y.size(); ++i)
    y(i) = y(i) * x(i);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'
  // CHECK-FIXES: {{^}}  nd::multiply(y, x, y);
  print("selected", y);
}

// A pointer to the handle could reseat it where the check cannot see (to an array of
// another shape, or a view): no fix is offered.
void pointer_taken(const nd::array<double> &x) {
  nd::array<double> src = x.copy();
  nd::array<double> y = nd::empty_like(src);
  nd::array<double> *p = &y;
  std::transform(src.data(), src.data() + src.size(), y.data(), [](double v) { return v + 1; });
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: std::transform applies the lambda to the elements of 'src' one by one; use one broadcasting expression with nd::copyto [nd-elementwise-loop]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: no fix-it: 'y' is not provably of the shape of 'src' (index shape); the fix is offered when it is initialised as its copy() or with nd::empty_like
  print("pointer_taken", *p);
}

int main() {
  nd::array<double> x = {1.0, 4.0, 9.0, 16.0};
  nd::array<float> f = {0.5f, 1.5f, 2.5f, 3.5f};
  ufunc_result(x);
  converted(f, x);
  flattened(x);
  selected(x);
  pointer_taken(x);
}
