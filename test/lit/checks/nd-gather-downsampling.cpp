// The article's downsampling and the simplest 1-D form: index arrays that are
// arithmetic progressions become slices, and the fix yields a view because nothing
// writes the result or the source while the result is alive.
// RUN: %check_nd_tidy %s nd-gather-downsampling %t
// RUN: %check_nd_tidy -run %s nd-gather-downsampling %t
#include <nd/nd.hpp>

#include <cstdio>

// Prints every element with all the digits a double has.
static void print(const nd::array<double>& a) {
  std::printf("shape %s:", nd::to_string(a.shape()).c_str());
  if (a.ndim() == 1)
    for (nd::index_t i = 0; i < a.shape(0); ++i) std::printf(" %.17g", a(i));
  else
    for (nd::index_t i = 0; i < a.shape(0); ++i)
      for (nd::index_t j = 0; j < a.shape(1); ++j) std::printf(" %.17g", a(i, j));
  std::printf("\n");
}

static nd::array<double> matrix(nd::index_t rows, nd::index_t cols) {
  auto m = nd::zeros<double>({rows, cols});
  for (nd::index_t i = 0; i < rows; ++i)
    for (nd::index_t j = 0; j < cols; ++j) m(i, j) = 0.5 * static_cast<double>(i * cols + j) + 0.1;
  return m;
}

// The article: m[rows[:, None], cols] with rows = arange(0, n, 2).
void article(nd::index_t n_rows, nd::index_t n_cols) {
  auto m = nd::arange<double>(0, n_rows * n_cols).reshape({n_rows, n_cols});
  auto rows = nd::arange(0, m.shape(0), 2);
  auto cols = nd::arange(0, m.shape(1), 2);
  auto sub = m(rows(nd::all, nd::newaxis), cols);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: gather with arithmetic-progression indices copies; use nd::slice indexing, which returns a view [nd-gather-downsampling]
  // CHECK-FIXES: {{^}}  auto m = nd::arange<double>(0, n_rows * n_cols).reshape({n_rows, n_cols});{{$}}
  // CHECK-FIXES-NEXT: auto sub = m(nd::slice(0, nd::none, 2), nd::slice(0, nd::none, 2));
  print(sub);
}

// x[::2] written as a gather, with the index inline. x is a parameter, so a call to a
// function outside nd (such as print) might write it through another handle while
// the result is alive: the fix keeps a copy.
void every_other(const nd::array<double>& x) {
  auto y = x(nd::arange(0, x.shape(0), 2));
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: gather with arithmetic-progression indices; use nd::slice indexing followed by .copy(), which needs no index arrays [nd-gather-downsampling]
  // CHECK-FIXES: auto y = x(nd::slice(0, nd::none, 2)).copy();
  print(y);
}

// An offset start, a one-argument arange, and the result used as a temporary.
void offsets(nd::index_t n) {
  auto x = nd::linspace(0.1, 3.7, n);
  print(x(nd::arange(1, x.shape(0), 3)));
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: gather with arithmetic-progression indices copies; use nd::slice indexing, which returns a view [nd-gather-downsampling]
  // CHECK-FIXES: print(x(nd::slice(1, nd::none, 3)));
  auto all = nd::arange(x.shape(0));
  print(x(all));
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: gather with arithmetic-progression indices copies; use nd::slice indexing, which returns a view [nd-gather-downsampling]
  // CHECK-FIXES: print(x(nd::slice(0, nd::none, 1)));
}

// An index array used twice stays declared; each gather is fixed.
void shared_index(nd::index_t n_rows, nd::index_t n_cols) {
  auto m = nd::arange<double>(0, n_rows * n_cols).reshape({n_rows, n_cols});
  auto rows = nd::arange(0, m.shape(0), 2);
  // CHECK-FIXES: auto rows = nd::arange(0, m.shape(0), 2);
  auto first = m(rows, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: gather with arithmetic-progression indices copies; use nd::slice indexing, which returns a view [nd-gather-downsampling]
  // CHECK-FIXES: auto first = m(nd::slice(0, nd::none, 2), 0);
  auto last = m(rows, m.shape(1) - 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: gather with arithmetic-progression indices copies; use nd::slice indexing, which returns a view [nd-gather-downsampling]
  // CHECK-FIXES: auto last = m(nd::slice(0, nd::none, 2), m.shape(1) - 1);
  print(first);
  print(last);
}

// An index declared in a for-init is not removed: the loop header needs it.
void loop_header(nd::index_t n) {
  auto x = nd::linspace(2.0, 3.0, n);
  for (auto idx = nd::arange(0, x.shape(0), 2);;) {
    print(x(idx));
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: gather with arithmetic-progression indices copies; use nd::slice indexing, which returns a view [nd-gather-downsampling]
    // CHECK-FIXES: for (auto idx = nd::arange(0, x.shape(0), 2);;) {
    // CHECK-FIXES-NEXT: print(x(nd::slice(0, nd::none, 2)));
    break;
  }
}

int main() {
  article(5, 7);
  article(4, 1);
  article(0, 3);
  every_other(matrix(1, 9)(0, nd::all));
  every_other(nd::array<double>{});
  offsets(10);
  offsets(2);
  shared_index(5, 3);
  loop_header(5);
  loop_header(0);
  return 0;
}
