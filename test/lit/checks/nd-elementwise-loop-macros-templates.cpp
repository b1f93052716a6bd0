// RUN: %check_nd_tidy -run %s nd-elementwise-loop %t
//
// Macros get no fix-it (a note says so); a loop in a template is reported once however
// often it is instantiated: analysed in the template's definition, or in its
// instantiations when it depends on the template's parameters.
// Values are printed exactly (%.17g): the fixed template computes the same products.
#include <nd/nd.hpp>

#include <cstdio>

void print(const char *what, const nd::array<double> &a) {
  std::printf("%s:", what);
  for (nd::index_t i = 0; i < a.size(); ++i)
    std::printf(" %.17g", a(i));
  std::printf("\n");
}

#define TWICE(a) (2.0 * (a))
#define SCALE_LOOP(dst, src) \
  for (nd::index_t i = 0; i < dst.size(); ++i) dst(i) = 3.0 * src(i)

nd::array<double> macro_in_body(const nd::array<double> &x) {
  nd::array<double> y = nd::empty_like(x);
  for (nd::index_t i = 0; i < y.size(); ++i)
    y(i) = TWICE(x(i));
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'; use one broadcasting expression [nd-elementwise-loop]
  // CHECK-NOTES: :[[@LINE-2]]:12: note: no fix-it: the loop is or contains a macro expansion, which a fix-it cannot rewrite
  return y;
}

nd::array<double> macro_loop(const nd::array<double> &x) {
  nd::array<double> y = nd::empty_like(x);
  SCALE_LOOP(y, x);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: element-wise loop over 'y'
  // CHECK-NOTES: :[[@LINE-2]]:3: note: no fix-it: the loop is or contains a macro expansion, which a fix-it cannot rewrite
  return y;
}

template <class Tag>
nd::array<double> doubled(const nd::array<double> &x) {
  nd::array<double> y = nd::empty_like(x);
  for (nd::index_t i = 0; i < y.size(); ++i)
    y(i) = 2.0 * x(i) + 1.0;
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'
  // CHECK-FIXES: {{^}}  nd::array<double> y = 2.0 * x + 1.0;
  std::printf("%s\n", Tag::name);
  return y;
}

struct First {
  static constexpr const char *name = "first";
};
struct Second {
  static constexpr const char *name = "second";
};

// Element type from a template parameter: the operators are unresolved until
// instantiation, so the loop is analysed in the instantiations (one here) and reported
// once, at the template (see nd-elementwise-loop-template-instantiations.cpp).
template <class T>
nd::array<T> negated(const nd::array<T> &x) {
  nd::array<T> y = nd::empty_like(x);
  for (nd::index_t i = 0; i < y.size(); ++i)
    y(i) = -x(i);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'
  // CHECK-FIXES: {{^}}  nd::array<T> y = -x;
  return y;
}

int main() {
  nd::array<double> x{0.5, 1.25, -3.0, 7.0};
  print("macro_in_body", macro_in_body(x));
  print("macro_loop", macro_loop(x));
  print("doubled<First>", doubled<First>(x));
  print("doubled<Second>", doubled<Second>(x));
  print("negated", negated(x));
  return 0;
}
