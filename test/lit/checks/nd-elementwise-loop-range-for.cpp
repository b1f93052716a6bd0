// RUN: %check_nd_tidy -run %s nd-elementwise-loop %t
//
// Range-based for loops over indices, `for (T i : std::views::iota(0, a.shape(k)))`
// (or std::ranges::iota_view), are treated like the counted loop
// `for (T i = 0; i < a.shape(k); ++i)`. The runtime has no index range of its own.
// Values are printed exactly (%.17g), except the sum (pairwise in nd, in order in the
// loop), printed with 12 significant digits.
#include <nd/nd.hpp>

#include <cstdio>
#include <ranges>

void print(const char *what, const nd::array<double> &a) {
  nd::array<double> flat = a.copy();
  std::printf("%s:", what);
  for (nd::index_t i = 0; i < flat.size(); ++i)
    std::printf(" %.17g", flat.data()[i]);
  std::printf("\n");
}

void map(const nd::array<double> &x, double alpha) {
  nd::array<double> y = nd::empty_like(x);
  for (nd::index_t i : std::views::iota(0, y.shape(0)))
    y(i) = alpha * x(i) + 1;
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'; use one broadcasting expression [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  nd::array<double> y = alpha * x + 1;
  print("map", y);
}

// Nested, mixed with a counted loop, transposed operand.
void nested(const nd::array<double> &m) {
  nd::array<double> out = m.copy();
  for (auto i : std::views::iota(nd::index_t{0}, m.shape(0)))
    for (nd::index_t j = 0; j < m.shape(1); ++j)
      out(i, j) = m(i, j) * 2 - 1;
  // CHECK-NOTES: :[[@LINE-3]]:3: warning: element-wise loop over 'out'
  // CHECK-FIXES: {{^}}  nd::array<double> out = m * 2 - 1;
  print("nested", out);
}

void iota_view(const nd::array<double> &x) {
  nd::array<double> y = x.copy();
  for (const nd::index_t i : std::ranges::iota_view(nd::index_t{0}, x.size()))
    y(i) = -x(i);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'
  // CHECK-FIXES: {{^}}  nd::array<double> y = -x;
  print("iota_view", y);
}

void reduction(const nd::array<double> &x) {
  double s = 0;
  for (nd::index_t i : std::views::iota(0, x.size()))
    s += x(i) * x(i);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: reduction loop; use nd::sum
  // CHECK-FIXES: {{^}}  double s = nd::vdot(x, x);
  std::printf("reduction: %.12g\n", s);
}

// A partial range: the views of it (nd-elementwise-loop-stencil.cpp has more).
void partial(const nd::array<double> &x) {
  nd::array<double> y = x.copy();
  for (nd::index_t i : std::views::iota(1, y.shape(0)))
    y(i) = 2 * x(i);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'
  // CHECK-FIXES: {{^}}  nd::multiply(2, x(nd::slice(1, nd::none)), y(nd::slice(1, nd::none)));
  print("partial", y);
}

// ---- no fix-it --------------------------------------------------------------------

void scan(const nd::array<double> &x) {
  nd::array<double> y = x.copy();
  for (nd::index_t i : std::views::iota(0, y.shape(0)))
    y(i) = y(i) + y(0);
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'
  // CHECK-NOTES: :[[@LINE-2]]:19: note: no fix-it: 'y(0)' is read at an index that is not a loop variable (index shape)
  print("scan", y);
}

void other_bound(const nd::array<double> &x, nd::index_t n) {
  nd::array<double> y = x.copy();
  for (nd::index_t i : std::views::iota(0, n))
    y(i) = x(i) / 4;
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'
  // CHECK-NOTES: :[[@LINE-3]]:44: note: no fix-it: the bound 'n' of the loop over 'i' is not the extent ('a.shape(k)' or 'a.size()') of an array it indexes at that axis, so the loop may not cover the whole array (index shape)
  print("other_bound", y);
}

void early_exit(const nd::array<double> &x) {
  nd::array<double> y = x.copy();
  for (nd::index_t i : std::views::iota(0, y.size())) {
    if (x(i) > 0.5)
      break;
    y(i) = 0;
  }
  // CHECK-NOTES: :[[@LINE-5]]:3: warning: loop over nd::array elements; use broadcasting expressions
  // CHECK-NOTES: :[[@LINE-4]]:7: note: no fix-it: the loop body contains 'break' (control flow), so it may stop early or skip elements
  print("early_exit", y);
}

// Ranges over anything else are not index loops: not reported.
void over_values(const nd::array<double> &x) {
  double list[] = {0, 1, 2};
  nd::array<double> y = x.copy();
  for (double v : list)
    y(static_cast<nd::index_t>(v)) = v;
  print("over_values", y);
}

int main() {
  auto rng = nd::random::default_rng(3);
  nd::array<double> x = rng.random({5});
  nd::array<double> m = rng.random({2, 3});
  map(x, 1.5);
  nested(m);
  iota_view(x);
  reduction(x);
  partial(x);
  scan(x);
  other_bound(x, 5);
  early_exit(x);
  over_values(x);
  return 0;
}
