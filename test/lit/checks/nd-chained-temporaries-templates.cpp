// Templates: a chain whose types depend on the template arguments is reported once,
// at its first instantiation, without a fix (the rewrite would have to name types
// that differ per instantiation); a chain with fixed types inside a template is
// reported once, at the template, with the fix.
// RUN: %check_nd_tidy %s nd-chained-temporaries %t
// RUN: %check_nd_tidy -run %s nd-chained-temporaries %t
#include <nd/nd.hpp>

#include <cstdio>

template <class T>
double affine_sum(const nd::array<T>& x, T scale, T offset) {
  nd::array<T> y = nd::sqrt(scale * x + offset);
  // CHECK-NOTES: :[[@LINE-1]]:20: warning: chained array expression makes 3 passes over memory and allocates 2 arrays; fused with 'nd::eval' over 'nd::lazy' operands it makes 1 pass and allocates 1 array [nd-chained-temporaries]
  // CHECK-NOTES: :[[@LINE-2]]:20: note: no fix-it: the expression is in a template instantiation; its element types depend on the template arguments
  return static_cast<double>(nd::sum(y));
}

template <class K>
double scaled_sum(const nd::array<double>& x, K k) {
  nd::array<double> y = nd::sqrt(x * 2.0 + 1.0);
  // CHECK-NOTES: :[[@LINE-1]]:25: warning: chained array expression makes 3 passes over memory and allocates 2 arrays; fused with 'nd::eval' over 'nd::lazy' operands it makes 1 pass and allocates 1 array [nd-chained-temporaries]
  // CHECK-FIXES: nd::array<double> y = nd::eval(nd::sqrt(nd::lazy(x) * 2.0 + 1.0));
  return nd::sum(y) * static_cast<double>(k);
}

int main() {
  auto x = nd::linspace(0.0, 2.0, 7);
  std::printf("%.17g\n", affine_sum(x, 2.5, 1.2));
  std::printf("%.17g\n", affine_sum(nd::linspace<float>(0.0, 2.0, 7), 2.5f, 1.2f));
  std::printf("%.17g\n", scaled_sum(x, 2));
  std::printf("%.17g\n", scaled_sum(x, 0.5));
  return 0;
}
