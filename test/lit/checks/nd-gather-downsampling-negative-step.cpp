// Decreasing progressions. arange's stop is exclusive and -1 means "through index 0",
// while a slice's stop of -1 means the last element: arange(9, -1, -1) is
// slice(9, nd::none, -1), never slice(9, -1, -1), which is empty.
// RUN: %check_nd_tidy %s nd-gather-downsampling %t
// RUN: %check_nd_tidy -run %s nd-gather-downsampling %t
#include <nd/nd.hpp>

#include <cstdio>

static void print(const nd::array<double>& a) {
  std::printf("shape %s:", nd::to_string(a.shape()).c_str());
  for (nd::index_t i = 0; i < a.shape(0); ++i) std::printf(" %.17g", a(i));
  std::printf("\n");
}

// The spec's example: the start is a constant within the known length 10.
void reversed_known_length() {
  auto x = nd::linspace(0.0, 4.5, 10);
  auto r = x(nd::arange(9, -1, -1));
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: gather with arithmetic-progression indices copies; use nd::slice indexing, which returns a view [nd-gather-downsampling]
  // CHECK-FIXES: auto r = x(nd::slice(9, nd::none, -1));
  print(r);
  auto part = x(nd::arange(7, 2, -2));
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: gather with arithmetic-progression indices copies; use nd::slice indexing, which returns a view [nd-gather-downsampling]
  // CHECK-FIXES: auto part = x(nd::slice(7, 2, -2));
  print(part);
}

// The start spelled as the last index of the axis.
void reversed(nd::index_t n) {
  auto x = nd::linspace(-1.0, 1.0, n);
  auto r = x(nd::arange(x.shape(0) - 1, -1, -1));
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: gather with arithmetic-progression indices copies; use nd::slice indexing, which returns a view [nd-gather-downsampling]
  // CHECK-FIXES: auto r = x(nd::slice(nd::none, nd::none, -1));
  print(r);
  auto down = nd::arange(x.shape(0) - 1, 0, -3);
  auto every_third = x(down);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: gather with arithmetic-progression indices copies; use nd::slice indexing, which returns a view [nd-gather-downsampling]
  // The index declaration goes with the fix:
  // CHECK-FIXES: print(r);
  // CHECK-FIXES-NEXT: auto every_third = x(nd::slice(nd::none, 0, -3));
  print(every_third);
}

// A start beyond the known length would throw in the gather and clip in a slice.
void start_out_of_range() {
  auto x = nd::linspace(0.0, 1.0, 5);
  try {
    auto r = x(nd::arange(9, -1, -1));
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: gather with arithmetic-progression indices; nd::slice indexing would select the same elements as a view without index arrays [nd-gather-downsampling]
    print(r);
  } catch (const nd::index_error&) {
    std::printf("index_error\n");
  }
}

// Below -1 the progression reaches negative indices, which a gather wraps.
void wraps(nd::index_t n) {
  auto x = nd::linspace(0.0, 1.0, n);
  auto r = x(nd::arange(x.shape(0) - 1, -3, -1));
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: gather with arithmetic-progression indices; nd::slice indexing would select the same elements as a view without index arrays [nd-gather-downsampling]
  print(r);
}

int main() {
  reversed_known_length();
  for (nd::index_t n : {0, 1, 2, 7}) reversed(n);
  start_out_of_range();
  wraps(4);
  return 0;
}
