// RUN: %check_nd_tidy -run %s nd-elementwise-loop %t
// RUN: %check_nd_tidy -run %s nd-elementwise-loop %t -- -- -DND_SQUARE_INPUT
//
// Stencils and differences: arrays read at constant offsets from the loop variables
// over part of an axis. Each array read at offset k over [lo, hi) becomes the slice
// [lo + k, hi + k), its stop counted from the end (`u(nd::slice(0, -2))`), when every
// slice provably lies inside its array. The fixed code computes the same operations in
// the same order per element, so values are printed with all 17 digits. The 2-D cases
// also run on square input (ND_SQUARE_INPUT), where a swapped axis would not show as a
// shape error.
#include <nd/nd.hpp>

#include <cstdio>
#include <ranges>

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

// The second difference of the issue; the bound is a local constant.
void second_difference(const nd::array<double> &u) {
  nd::array<double> d2 = nd::zeros_like(u);
  const nd::index_t n = u.size();
  for (nd::index_t i = 1; i < n - 1; ++i)
    d2(i) = u(i - 1) - 2.0 * u(i) + u(i + 1);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'd2'; use one broadcasting expression [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  nd::eval(u(nd::slice(0, -2)) - 2.0 * nd::lazy(u(nd::slice(1, -1))) + u(nd::slice(2, nd::none)), d2(nd::slice(1, -1)));
  print("second_difference", d2);
}

// A forward difference over the destination's whole extent; the shapes are literal.
void forward_difference() {
  nd::array<double> x = {1.0, 1.5, 2.75, 4.0, 7.25, 11.0};
  nd::array<double> dx = nd::zeros<double>({5});
  for (nd::index_t i = 0; i < dx.size(); ++i)
    dx(i) = x(i + 1) - x(i);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'dx'
  // CHECK-FIXES: {{^}}  nd::subtract(x(nd::slice(1, nd::none)), x(nd::slice(0, -1)), dx);
  print("forward_difference", dx);
}

// The destination is created one shorter than the input: its creation spells its
// extent, `x.size() - 1` (a local that keeps its value counts as that extent).
void difference_into_shorter(const nd::array<double> &x) {
  nd::array<double> dx = nd::zeros<double>({x.size() - 1});
  for (nd::index_t i = 0; i < dx.size(); ++i)
    dx(i) = x(i + 1) - x(i);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'dx'
  // CHECK-FIXES: {{^}}  nd::subtract(x(nd::slice(1, nd::none)), x(nd::slice(0, -1)), dx);
  auto n = x.size();
  nd::array<double> mid = nd::empty<double>({n - 1});
  for (nd::index_t i = 0; i < n - 1; ++i)
    mid(i) = (x(i) + x(i + 1)) * 0.5;
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'mid'
  // CHECK-FIXES: {{^}}  nd::add(x(nd::slice(0, -1)), x(nd::slice(1, nd::none)), mid);
  // CHECK-FIXES-NEXT: {{^}}  nd::multiply(mid, 0.5, mid);
  print("difference_into_shorter", dx);
  print("midpoints", mid);
}

// A range-based loop over a partial range, read at the destination's own offset.
void interior_copy(const nd::array<double> &u) {
  nd::array<double> v = nd::zeros_like(u);
  for (nd::index_t i : std::views::iota(2, u.shape(0) - 1))
    v(i) = u(i) * 0.5;
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'v'
  // CHECK-FIXES: {{^}}  nd::multiply(u(nd::slice(2, -1)), 0.5, v(nd::slice(2, -1)));
  print("interior_copy", v);
}

// 2-D: a difference along the second axis.
void difference_along_rows(const nd::array<double> &a) {
  nd::array<double> g = nd::zeros_like(a);
  for (nd::index_t i = 0; i < a.shape(0); ++i)
    for (nd::index_t j = 0; j < a.shape(1) - 1; ++j)
      g(i, j) = a(i, j + 1) - a(i, j);
  // CHECK-NOTES: :[[@LINE-3]]:3: warning: element-wise loop over 'g'
  // CHECK-FIXES: {{^}}  nd::subtract(a(nd::all, nd::slice(1, nd::none)), a(nd::all, nd::slice(0, -1)), g(nd::all, nd::slice(0, -1)));
  print2("difference_along_rows", g);
}

// 2-D: the five-point Laplacian of the interior, the loops in the other order.
void laplacian(const nd::array<double> &a) {
  nd::array<double> lap = nd::zeros_like(a);
  for (nd::index_t j = 1; j < a.shape(1) - 1; ++j)
    for (nd::index_t i = 1; i < a.shape(0) - 1; ++i)
      lap(i, j) = a(i - 1, j) + a(i + 1, j) + a(i, j - 1) + a(i, j + 1) - 4.0 * a(i, j);
  // CHECK-NOTES: :[[@LINE-3]]:3: warning: element-wise loop over 'lap'
  // CHECK-FIXES: {{^}}  nd::add(a(nd::slice(0, -2), nd::slice(1, -1)), a(nd::slice(2, nd::none), nd::slice(1, -1)), lap(nd::slice(1, -1), nd::slice(1, -1)));
  // CHECK-FIXES-NEXT: {{^}}  nd::add(lap(nd::slice(1, -1), nd::slice(1, -1)), a(nd::slice(1, -1), nd::slice(0, -2)), lap(nd::slice(1, -1), nd::slice(1, -1)));
  // CHECK-FIXES-NEXT: {{^}}  nd::add(lap(nd::slice(1, -1), nd::slice(1, -1)), a(nd::slice(1, -1), nd::slice(2, nd::none)), lap(nd::slice(1, -1), nd::slice(1, -1)));
  // CHECK-FIXES-NEXT: {{^}}  nd::subtract(lap(nd::slice(1, -1), nd::slice(1, -1)), 4.0 * a(nd::slice(1, -1), nd::slice(1, -1)), lap(nd::slice(1, -1), nd::slice(1, -1)));
  print2("laplacian", lap);
}

// 2-D: an operand indexed by the shifted variables in the other order; literal shapes.
void skew() {
  nd::array<double> a = {{1.0, 2.0, 3.0, 4.0}, {5.0, 6.5, 7.0, 8.0}, {9.0, 10.0, 11.5, 12.0}, {13.0, 14.0, 15.0, 16.5}};
  nd::array<double> s = nd::zeros<double>({3, 3});
  for (nd::index_t i = 0; i < 3; ++i)
    for (nd::index_t j = 0; j < 3; ++j)
      s(i, j) = a(j + 1, i);
  // CHECK-NOTES: :[[@LINE-3]]:3: warning: element-wise loop over 's'
  // CHECK-FIXES: {{^}}  nd::copyto(s, a(nd::slice(1, nd::none), nd::slice(0, -1)).T());
  print2("skew", s);
}

// An update in place from a copy: the destination is a parameter, which other handles
// may share, so the out forms (a later step reads an array after an earlier one wrote
// `out`) are not provably the same; nd::copyto of the view is. `u` is a local copy, so
// the two cannot overlap.
void smooth_in_place(nd::array<double> &out) {
  nd::array<double> u = out.copy();
  for (nd::index_t i = 1; i < out.size() - 1; ++i)
    out(i) = u(i + 1) - u(i - 1) * 0.5;
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'out'
  // CHECK-FIXES: {{^}}  nd::copyto(out(nd::slice(1, -1)), u(nd::slice(2, nd::none)) - u(nd::slice(0, -2)) * 0.5);
}

// ---- no fix-it ------------------------------------------------------------------
// A recurrence: the destination is read where an earlier iteration wrote it. Not an
// element-wise loop, so no diagnostic (the program runs unchanged).
void running_sum(const nd::array<double> &x) {
  nd::array<double> y = x.copy();
  for (nd::index_t i = 1; i < y.size(); ++i)
    y(i) = y(i - 1) + x(i);
  print("running_sum", y);
}

// The same recurrence through a second handle of the destination's buffer.
void aliased_recurrence() {
  nd::array<double> a = nd::zeros<double>({8});
  nd::array<double> b = a;
  b(0) = 1.0;
  for (nd::index_t i = 1; i < 8; ++i)
    b(i) = a(i - 1) * 2.0;
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'b'
  // CHECK-NOTES: :[[@LINE-2]]:5: note: no fix-it: 'b' and 'a' may share memory (aliasing); the fix is offered when one of them is a local array with its own buffer, e.g. from copy() or nd::empty_like
  print("aliased_recurrence", b);
}

// Out of range: the last iteration reads x(x.size()), which throws nd::index_error.
void reads_past_the_end(const nd::array<double> &x) {
  nd::array<double> y = nd::zeros_like(x);
  for (nd::index_t i = 0; i < x.size(); ++i)
    y(i) = x(i + 1) - x(i);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'
  // CHECK-NOTES: :[[@LINE-2]]:12: note: no fix-it: 'x(i + 1)' is not provably inside 'x' along axis 0 for 'i' up to 'x.size()': the loop would throw nd::index_error where a slice silently clips (index shape)
}

// The first iteration reads x(-1), the last element: no slice says that.
void wraps_around(const nd::array<double> &x) {
  nd::array<double> y = nd::zeros_like(x);
  for (nd::index_t i = 0; i < x.size(); ++i)
    y(i) = x(i) - x(i - 1);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'
  // CHECK-NOTES: :[[@LINE-2]]:19: note: no fix-it: 'x(i - 1)' reads index -1 of 'x' in the first iteration of the loop over 'i', which no slice starting inside the array can express (index shape)
  print("wraps_around", y);
}

// The destination's extent is not provably related to the one the loop runs over.
void unrelated_extent(const nd::array<double> &x, nd::array<double> &y) {
  for (nd::index_t i = 0; i < x.size() - 1; ++i)
    y(i) = x(i + 1) - x(i);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'
  // CHECK-NOTES: :[[@LINE-2]]:5: note: no fix-it: 'y(i)' is not provably inside 'y' along axis 0 for 'i' up to 'x.size() - 1': the loop would throw nd::index_error where a slice silently clips (index shape)
  print("unrelated_extent", y);
}

// An unsigned bound: `n - 1` wraps for n = 0, where the loop runs and throws.
void unsigned_bound(const nd::array<double> &x) {
  nd::array<double> y = nd::zeros_like(x);
  std::size_t n = x.size();
  for (std::size_t i = 1; i < n - 1; ++i)
    y(i) = x(i + 1) - x(i - 1);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'
  // CHECK-NOTES: :[[@LINE-3]]:3: note: no fix-it: the bound 'n - 1' of the loop over 'i' is neither a constant nor an array's extent ('a.shape(k)', 'a.size()') plus a constant in signed arithmetic (index shape)
  print("unsigned_bound", y);
}

// The array whose extent created the destination is reassigned before the loop.
void reseated_source(const nd::array<double> &x) {
  nd::array<double> v = x.copy();
  nd::array<double> dv = nd::zeros<double>({v.size() - 1});
  v = nd::zeros<double>({3});
  for (nd::index_t i = 0; i < v.size() - 1; ++i)
    dv(i) = v(i + 1) - v(i);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'dv'
  // CHECK-NOTES: :[[@LINE-2]]:5: note: no fix-it: 'dv(i)' is not provably inside 'dv' along axis 0 for 'i' up to 'v.size() - 1': the loop would throw nd::index_error where a slice silently clips (index shape)
  print("reseated_source", dv);
}

int main() {
  nd::array<double> u = {0.5, 1.25, 3.0, 2.0, -1.5, 4.75, 0.125, 9.0, 2.5};
  second_difference(u);
  forward_difference();
  interior_copy(u);
#ifdef ND_SQUARE_INPUT
  nd::array<double> a = nd::arange(0.0, 25.0).reshape({5, 5});
#else
  nd::array<double> a = nd::arange(0.0, 30.0).reshape({5, 6});
#endif
  a = nd::sqrt(a) * 1.5 + a * a * a * 0.125;
  difference_along_rows(a);
  laplacian(a);
  skew();
  nd::array<double> w = u.copy();
  smooth_in_place(w);
  print("smooth_in_place", w);
  running_sum(u);
  aliased_recurrence();
  wraps_around(u);
  difference_into_shorter(u);
  nd::array<double> shorter = nd::zeros<double>({u.size() - 1});
  unrelated_extent(u, shorter);
  unsigned_bound(u);
  reseated_source(u);
  return 0;
}
