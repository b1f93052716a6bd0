// m(nd::ix_(rows, cols)) with progressions is the outer-product gather, the same
// selection as a slice per axis.
// RUN: %check_nd_tidy %s nd-gather-downsampling %t
// RUN: %check_nd_tidy -run %s nd-gather-downsampling %t
#include <nd/nd.hpp>

#include <cstdio>

static void print(const nd::array<double>& a) {
  std::printf("shape %s:", nd::to_string(a.shape()).c_str());
  for (nd::index_t i = 0; i < a.shape(0); ++i)
    for (nd::index_t j = 0; j < a.shape(1); ++j) std::printf(" %.17g", a(i, j));
  std::printf("\n");
}

void ix(nd::index_t n_rows, nd::index_t n_cols) {
  auto m = nd::linspace(0.25, 9.75, n_rows * n_cols).reshape({n_rows, n_cols});
  auto rows = nd::arange(0, m.shape(0), 2);
  auto cols = nd::arange(1, m.shape(1), 3);
  auto sub = m(nd::ix_(rows, cols));
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: gather with arithmetic-progression indices copies; use nd::slice indexing, which returns a view [nd-gather-downsampling]
  // CHECK-FIXES: {{^}}  auto m = nd::linspace(0.25, 9.75, n_rows * n_cols).reshape({n_rows, n_cols});{{$}}
  // CHECK-FIXES-NEXT: {{^}}  auto sub = m(nd::slice(0, nd::none, 2), nd::slice(1, nd::none, 3));{{$}}
  print(sub);
}

// Inline progressions, the result written afterwards: a copy.
void ix_written(nd::index_t n) {
  auto m = nd::linspace(-3.0, 3.0, n * n).reshape({n, n});
  auto sub = m(nd::ix_(nd::arange(m.shape(0) - 1, -1, -1), nd::arange(0, m.shape(1), 2)));
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: gather with arithmetic-progression indices; use nd::slice indexing followed by .copy(), which needs no index arrays [nd-gather-downsampling]
  // CHECK-FIXES: auto sub = m(nd::slice(nd::none, nd::none, -1), nd::slice(0, nd::none, 2)).copy();
  sub.fill(1.5);
  print(m);
  print(sub);
}

// One of the index arrays is not a progression: nothing to say.
void ix_other(const nd::array<double>& m, const nd::array<int64_t>& picks) {
  auto sub = m(nd::ix_(nd::arange(0, m.shape(0), 2), picks));
}

int main() {
  ix(5, 7);
  ix(1, 1);
  ix(0, 4);
  ix_written(3);
  ix_written(4);
  return 0;
}
