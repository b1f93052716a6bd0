// nd::take(x, progression, axis) is the slice along that axis.
// RUN: %check_nd_tidy %s nd-gather-downsampling %t
// RUN: %check_nd_tidy -run %s nd-gather-downsampling %t
#include <nd/nd.hpp>

#include <cstdio>

static void print(const nd::array<double>& a) {
  std::printf("shape %s:", nd::to_string(a.shape()).c_str());
  if (a.ndim() == 1)
    for (nd::index_t i = 0; i < a.shape(0); ++i) std::printf(" %.17g", a(i));
  else
    for (nd::index_t i = 0; i < a.shape(0); ++i)
      for (nd::index_t j = 0; j < a.shape(1); ++j) std::printf(" %.17g", a(i, j));
  std::printf("\n");
}

void take_axes(nd::index_t n_rows, nd::index_t n_cols) {
  auto m = nd::linspace(1.0, 2.0, n_rows * n_cols).reshape({n_rows, n_cols});
  auto cols = nd::take(m, nd::arange(0, m.shape(1), 2), 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: gather with arithmetic-progression indices copies; use nd::slice indexing, which returns a view [nd-gather-downsampling]
  // CHECK-FIXES: auto cols = m(nd::all, nd::slice(0, nd::none, 2));
  auto rows = nd::take(m, nd::arange(1, m.shape(0), 2), 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: gather with arithmetic-progression indices copies; use nd::slice indexing, which returns a view [nd-gather-downsampling]
  // CHECK-FIXES: auto rows = m(nd::slice(1, nd::none, 2));
  print(cols);
  print(rows);
}

// A one-dimensional array of known length: take without an axis is the same.
void take_flat() {
  auto x = nd::linspace(0.0, 0.9, 10);
  auto odd = nd::arange(1, 10, 2);
  auto y = nd::take(x, odd);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: gather with arithmetic-progression indices; use nd::slice indexing followed by .copy(), which needs no index arrays [nd-gather-downsampling]
  // CHECK-FIXES: {{^}}  auto x = nd::linspace(0.0, 0.9, 10);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  auto y = x(nd::slice(1, 10, 2)).copy();{{$}}
  y(0) = -1.0;
  print(x);
  print(y);
}

int main() {
  take_axes(4, 5);
  take_axes(1, 1);
  take_axes(0, 3);
  take_flat();
  return 0;
}
