// RUN: %check_nd_tidy -run %s nd-elementwise-loop %t
//
// A loop of a template over `nd::array<T>` is dependent in the definition (its element
// accesses and operators are resolved only for a T), so it is analysed in every
// instantiation and reported once, at the template: with the fix when all instantiations
// get the same one, else with a note naming an instantiation and why. A template that is
// never instantiated is not reported. Values are printed exactly (%.17g).
#include <nd/nd.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>

template <class T>
void print(const char *what, const nd::array<T> &a) {
  std::printf("%s:", what);
  for (nd::index_t i = 0; i < a.size(); ++i)
    std::printf(" %.17g", static_cast<double>(a(i)));
  std::printf("\n");
}

// Instantiated for double, float and int64: the same rewrite for each.
template <class T>
nd::array<T> negated(const nd::array<T> &x) {
  nd::array<T> y = nd::empty_like(x);
  for (nd::index_t i = 0; i < y.size(); ++i)
    y(i) = -x(i);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'; use one broadcasting expression [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  nd::array<T> y = -x;
  return y;
}

// Two arrays of the template's element type and a scalar of it.
template <class T>
nd::array<T> axpy(T a, const nd::array<T> &x, const nd::array<T> &z) {
  nd::array<T> y = z.copy();
  for (nd::index_t i = 0; i < y.size(); ++i)
    y(i) = a * x(i) + y(i);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'
  // CHECK-FIXES: {{^}}  nd::copyto(y, a * x + y);
  return y;
}

// A reduction over the template's element type.
template <class T>
T total(const nd::array<T> &x) {
  T s = 0;
  for (nd::index_t i = 0; i < x.size(); ++i)
    s += x(i);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: reduction loop; use nd::sum
  // CHECK-FIXES: {{^}}  T s = nd::sum(x);
  return s;
}

// A member of a class template.
template <class T>
struct Scaler {
  nd::array<T> apply(const nd::array<T> &x, T offset) const {
    nd::array<T> y = x.copy();
    for (nd::index_t i = 0; i < y.size(); ++i)
      y(i) = x(i) * offset;
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: element-wise loop over 'y'
    // CHECK-FIXES: {{^}}    nd::array<T> y = x * offset;
    return y;
  }
};

// ---- no fix-it --------------------------------------------------------------------
// Every instantiation has the same reason: the note gives it as for any loop.
template <class T>
void accumulate_into(const nd::array<T> &x, nd::array<T> &y) {
  for (nd::index_t i = 0; i < y.size(); ++i)
    y(i) = x(i) + y(i);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'
  // CHECK-NOTES: :[[@LINE-2]]:5: note: no fix-it: 'y' and 'x' may share memory (aliasing)
}

// For double the division is exact in both forms; for int64 C++ truncates where
// nd::divide returns the exact quotient.
template <class T>
nd::array<T> halved(const nd::array<T> &x) {
  nd::array<T> y = nd::empty_like(x);
  for (nd::index_t i = 0; i < y.size(); ++i)
    y(i) = x(i) / 2;
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'
  // CHECK-NOTES: :[[@LINE-2]]:17: note: no fix-it: in the instantiation 'halved<long>', integer division truncates in C++ but nd::divide returns the exact quotient
  return y;
}

// For double the literal has the element type; for float C++ computes in double,
// where nd's weak scalar keeps float.
template <class T>
nd::array<T> scaled(const nd::array<T> &x) {
  nd::array<T> y = nd::empty_like(x);
  for (nd::index_t i = 0; i < y.size(); ++i)
    y(i) = x(i) * 0.1;
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'
  // CHECK-NOTES: :[[@LINE-2]]:12: note: no fix-it: in the instantiation 'scaled<float>', the loop converts 'double' to 'float', which nd's type promotion would not do
  return y;
}

// Both instantiations have a fix, but not the same: std::min is nd::minimum for
// integers, and for floating point the nd::where that keeps what std::min does with NaN.
template <class T>
nd::array<T> lower(const nd::array<T> &x, const nd::array<T> &z) {
  nd::array<T> y = nd::empty_like(x);
  for (nd::index_t i = 0; i < y.size(); ++i)
    y(i) = std::min(x(i), z(i));
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'
  // CHECK-NOTES: :[[@LINE-3]]:3: note: no fix-it: the instantiations 'lower<double>' and 'lower<long>' need different rewrites, which one fix-it of the template cannot give
  return y;
}

// Never instantiated: nothing is known about T, so the loop is not reported.
template <class T>
nd::array<T> tripled(const nd::array<T> &x) {
  nd::array<T> y = nd::empty_like(x);
  for (nd::index_t i = 0; i < y.size(); ++i)
    y(i) = 3 * x(i);
  return y;
}

int main() {
  nd::array<double> d{0.5, 1.25, -3.0, 7.0};
  nd::array<float> f{0.5f, 1.25f, -3.0f, 7.0f};
  nd::array<std::int64_t> n{1, -2, 3, 7};
  print("negated<double>", negated(d));
  print("negated<float>", negated(f));
  print("negated<int64>", negated(n));
  print("axpy<double>", axpy(0.5, d, nd::array<double>{1.0, 2.0, 3.0, 4.0}));
  print("axpy<float>", axpy(0.5f, f, nd::array<float>{1.0f, 2.0f, 3.0f, 4.0f}));
  std::printf("total<double>: %.17g\n", total(d));
  std::printf("total<int64>: %lld\n", static_cast<long long>(total(n)));
  print("Scaler<double>", Scaler<double>{}.apply(d, 1.5));
  print("Scaler<float>", Scaler<float>{}.apply(f, 1.5f));
  nd::array<double> ad{1.0, 2.0, 3.0, 4.0};
  accumulate_into(d, ad);
  print("accumulate_into<double>", ad);
  nd::array<std::int64_t> an{1, 2, 3, 4};
  accumulate_into(n, an);
  print("accumulate_into<int64>", an);
  print("halved<double>", halved(d));
  print("halved<int64>", halved(n));
  print("scaled<double>", scaled(d));
  print("scaled<float>", scaled(f));
  print("lower<double>", lower(d, -d));
  print("lower<int64>", lower(n, -n));
  return 0;
}
