// RUN: %check_nd_tidy -run %s nd-elementwise-loop %t
// RUN: %check_nd_tidy -run %s nd-elementwise-loop %t -- -- -DND_SQUARE_INPUT
//
// Plain locals as bounds: `auto n = x.size();` that nothing modifies afterwards (no
// assignment, increment, non-const reference or address in the function, nor a write in
// a lambda capturing it by reference) is that extent, as a `const` local is. A bound
// that is modified is not.
// The 2-D case also runs on square input (ND_SQUARE_INPUT). Values are printed with
// all 17 digits: the operations per element are the loop's.
#include <nd/nd.hpp>

#include <cstdio>

void print(const char *what, const nd::array<double> &a) {
  std::printf("%s:", what);
  for (nd::index_t i = 0; i < a.size(); ++i)
    std::printf(" %.17g", a(i));
  std::printf("\n");
}

void print2(const char *what, const nd::array<double> &m) {
  std::printf("%s:", what);
  for (nd::index_t i = 0; i < m.shape(0); ++i)
    for (nd::index_t j = 0; j < m.shape(1); ++j)
      std::printf(" %.17g", m(i, j));
  std::printf("\n");
}

void whole_extent(const nd::array<double> &x) {
  nd::array<double> y = nd::empty_like(x);
  auto n = x.size();
  for (nd::index_t i = 0; i < n; ++i)
    y(i) = 2.0 * x(i) - 1.0;
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'; use one broadcasting expression [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  nd::multiply(2.0, x, y);
  // CHECK-FIXES-NEXT: {{^}}  nd::subtract(y, 1.0, y);
  print("whole_extent", y);
}

// An int local, read after the loop, bounding a stencil.
void smoothed(const nd::array<double> &u) {
  nd::array<double> s = u.copy();
  int n = u.shape(0);
  for (int i = 1; i < n - 1; ++i)
    s(i) = (u(i - 1) + u(i) + u(i + 1)) / 3.0;
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 's'
  // CHECK-FIXES: {{^}}  nd::eval((nd::lazy(u(nd::slice(0, -2))) + u(nd::slice(1, -1)) + u(nd::slice(2, nd::none))) / 3.0, s(nd::slice(1, -1)));
  std::printf("n: %d\n", n);
  print("smoothed", s);
}

// Two locals bound a nest over whole extents.
void rows_and_columns(const nd::array<double> &m) {
  nd::array<double> r = nd::zeros_like(m);
  auto rows = m.shape(0);
  auto cols = m.shape(1);
  for (nd::index_t i = 0; i < rows; ++i)
    for (nd::index_t j = 0; j < cols; ++j)
      r(i, j) = m(i, j) * m(i, j);
  // CHECK-NOTES: :[[@LINE-3]]:3: warning: element-wise loop over 'r'
  // CHECK-FIXES: {{^}}  nd::multiply(m, m, r);
  print2("rows_and_columns", r);
}

// A lambda that captures the bound by reference and only reads it leaves it unchanged.
void captured_for_reading(const nd::array<double> &x) {
  nd::array<double> y = nd::zeros_like(x);
  auto n = x.size();
  auto half = [&] { return n / 2; };
  for (nd::index_t i = 0; i < n; ++i)
    y(i) = x(i) * 3.0;
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'; use one broadcasting expression [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  nd::multiply(x, 3.0, y);
  print("captured_for_reading", y);
  std::printf("half %lld\n", static_cast<long long>(half()));
}

// ---- no fix-it ------------------------------------------------------------------
// The bound is changed before the loop.
void modified_before(const nd::array<double> &x) {
  nd::array<double> y = nd::zeros_like(x);
  auto n = x.size();
  n -= 1;
  for (nd::index_t i = 0; i < n; ++i)
    y(i) = x(i) * 2.0;
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'
  // CHECK-NOTES: :[[@LINE-3]]:31: note: no fix-it: the bound 'n' of the loop over 'i' is not the extent ('a.shape(k)' or 'a.size()') of an array it indexes at that axis, so the loop may not cover the whole array (index shape)
  print("modified_before", y);
}

// The bound is changed in the loop body.
void modified_inside(const nd::array<double> &x) {
  nd::array<double> y = nd::zeros_like(x);
  nd::index_t n = x.size();
  for (nd::index_t i = 0; i < n; ++i)
    y(i) = x(i) * (n--);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'
  // CHECK-NOTES: :[[@LINE-2]]:21: note: no fix-it: the loop body writes to something other than its destination
  print("modified_inside", y);
}

// The bound is captured by reference, so it may change unseen.
void captured(const nd::array<double> &x) {
  nd::array<double> y = nd::zeros_like(x);
  auto n = x.size();
  auto shrink = [&n] { --n; };
  for (nd::index_t i = 0; i < n; ++i)
    y(i) = x(i) + 1.0;
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'
  // CHECK-NOTES: :[[@LINE-3]]:31: note: no fix-it: the bound 'n' of the loop over 'i' is not the extent ('a.shape(k)' or 'a.size()') of an array it indexes at that axis, so the loop may not cover the whole array (index shape)
  shrink();
  print("captured", y);
}

int main() {
  nd::array<double> x = {0.5, 1.25, 3.0, 2.0, -1.5, 4.75, 0.125};
  whole_extent(x);
  smoothed(x);
#ifdef ND_SQUARE_INPUT
  nd::array<double> m = nd::arange(0.0, 16.0).reshape({4, 4});
#else
  nd::array<double> m = nd::arange(0.0, 12.0).reshape({3, 4});
#endif
  rows_and_columns(m);
  modified_before(x);
  modified_inside(x);
  captured_for_reading(x);
  captured(x);
  return 0;
}
