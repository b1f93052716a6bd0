// N-D outer products and index arrays mixed with basic indices.
// RUN: %check_nd_tidy %s nd-gather-downsampling %t
// RUN: %check_nd_tidy -run %s nd-gather-downsampling %t
#include <nd/nd.hpp>

#include <cstdio>

// Prints the shape and every element in C order.
static void print(const nd::array<double>& a) {
  std::printf("shape %s:", nd::to_string(a.shape()).c_str());
  auto flat = a.flatten();
  for (nd::index_t i = 0; i < flat.shape(0); ++i) std::printf(" %.17g", flat(i));
  std::printf("\n");
}

// Three progressions broadcast to an (i, j, k) outer product.
void outer3(nd::index_t a, nd::index_t b, nd::index_t c) {
  auto t = nd::linspace(-2.0, 5.0, a * b * c).reshape({a, b, c});
  auto i = nd::arange(0, t.shape(0), 2);
  auto j = nd::arange(1, t.shape(1), 2);
  auto k = nd::arange(0, t.shape(2), 3);
  auto sub = t(i(nd::all, nd::newaxis, nd::newaxis), j(nd::all, nd::newaxis), k);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: gather with arithmetic-progression indices copies; use nd::slice indexing, which returns a view [nd-gather-downsampling]
  // CHECK-FIXES: {{^}}  auto t = nd::linspace(-2.0, 5.0, a * b * c).reshape({a, b, c});{{$}}
  // CHECK-FIXES-NEXT: {{^}}  auto sub = t(nd::slice(0, nd::none, 2), nd::slice(1, nd::none, 2), nd::slice(0, nd::none, 3));{{$}}
  print(sub);
}

// A slice before the outer product, and a new axis: the arrays index axes 1 and 2.
void after_basic(nd::index_t a, nd::index_t b, nd::index_t c) {
  auto t = nd::linspace(-2.0, 5.0, a * b * c).reshape({a, b, c});
  auto rows = nd::arange(0, t.shape(1), 2);
  auto cols = nd::arange(0, t.shape(2), 2);
  auto sub = t(nd::slice(0, nd::none, 2), rows(nd::all, nd::newaxis), cols, nd::newaxis);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: gather with arithmetic-progression indices copies; use nd::slice indexing, which returns a view [nd-gather-downsampling]
  // CHECK-FIXES: {{^}}  auto sub = t(nd::slice(0, nd::none, 2), nd::slice(0, nd::none, 2), nd::slice(0, nd::none, 2), nd::newaxis);{{$}}
  print(sub);
}

// An integer next to the index array: both are advanced indices, adjacent, so the
// selected axis stays in place as in the slice.
void with_integer(nd::index_t a, nd::index_t b, nd::index_t c) {
  auto t = nd::linspace(-2.0, 5.0, a * b * c).reshape({a, b, c});
  auto sub = t(1, nd::arange(0, t.shape(1), 2));
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: gather with arithmetic-progression indices copies; use nd::slice indexing, which returns a view [nd-gather-downsampling]
  // CHECK-FIXES: auto sub = t(1, nd::slice(0, nd::none, 2));
  print(sub);
  auto last = t(nd::all, nd::arange(1, t.shape(1), 2), 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: gather with arithmetic-progression indices copies; use nd::slice indexing, which returns a view [nd-gather-downsampling]
  // CHECK-FIXES: auto last = t(nd::all, nd::slice(1, nd::none, 2), 0);
  print(last);
}

int main() {
  outer3(5, 4, 7);
  outer3(1, 2, 1);
  outer3(0, 3, 3);
  after_basic(3, 5, 4);
  after_basic(2, 1, 1);
  with_integer(2, 5, 3);
  with_integer(3, 1, 2);
  return 0;
}
