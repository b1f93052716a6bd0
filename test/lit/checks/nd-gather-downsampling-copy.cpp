// When a view could behave differently from the gather's copy, the fix is the slice
// followed by .copy(): the result is written, the source is written while the result
// is alive, the result escapes, or its memory layout is observed. A note says why.
// RUN: %check_nd_tidy %s nd-gather-downsampling %t
// RUN: %check_nd_tidy -run %s nd-gather-downsampling %t
#include <nd/nd.hpp>

#include <cstdio>

static void print(const char* what, const nd::array<double>& a) {
  std::printf("%s %s:", what, nd::to_string(a.shape()).c_str());
  for (nd::index_t i = 0; i < a.shape(0); ++i) std::printf(" %.17g", a(i));
  std::printf("\n");
}

static nd::array<double> numbers(nd::index_t n) { return nd::linspace(-1.5, 2.25, n); }

// Writing an element of the result would write the source through a view.
void result_written(nd::index_t n) {
  auto x = nd::linspace(0.0, 1.0, n);
  auto y = x(nd::arange(0, x.shape(0), 2));
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: gather with arithmetic-progression indices; use nd::slice indexing followed by .copy(), which needs no index arrays [nd-gather-downsampling]
  // CHECK-FIXES: auto y = x(nd::slice(0, nd::none, 2)).copy();
  y(0) = 42.0;
  // CHECK-NOTES: :[[@LINE-1]]:3: note: the fix keeps a copy: the result is written here
  print("x", x);
  print("y", y);
}

// Filling a view of the result writes it too.
void result_view_filled(nd::index_t n) {
  auto x = nd::linspace(0.0, 1.0, n);
  auto y = x(nd::arange(1, x.shape(0), 2));
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: gather with arithmetic-progression indices; use nd::slice indexing followed by .copy(), which needs no index arrays [nd-gather-downsampling]
  // CHECK-FIXES: auto y = x(nd::slice(1, nd::none, 2)).copy();
  auto head = y(nd::slice(0, 1));
  head.fill(-7.0);
  // CHECK-NOTES: :[[@LINE-1]]:3: note: the fix keeps a copy: the result is written here
  print("x", x);
  print("y", y);
}

// Writing the source while the result is alive would show through a view.
void source_written(nd::index_t n) {
  auto x = nd::linspace(0.0, 1.0, n);
  auto y = x(nd::arange(0, x.shape(0), 3));
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: gather with arithmetic-progression indices; use nd::slice indexing followed by .copy(), which needs no index arrays [nd-gather-downsampling]
  // CHECK-FIXES: auto y = x(nd::slice(0, nd::none, 3)).copy();
  if (x.size() > 0) x(0) = 100.0;
  // CHECK-NOTES: :[[@LINE-1]]:21: note: the fix keeps a copy: 'x' is written here while the result is alive
  print("y", y);
}

// A write through a local copy of the source's handle shares its buffer.
void source_alias_written(nd::index_t n) {
  auto x = nd::linspace(0.0, 1.0, n);
  auto alias = x;
  auto y = x(nd::arange(0, x.shape(0), 2));
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: gather with arithmetic-progression indices; use nd::slice indexing followed by .copy(), which needs no index arrays [nd-gather-downsampling]
  // CHECK-FIXES: auto y = x(nd::slice(0, nd::none, 2)).copy();
  alias.fill(3.0);
  // CHECK-NOTES: :[[@LINE-1]]:3: note: the fix keeps a copy: 'x' is written here while the result is alive
  print("y", y);
}

// A pointer from data(), taken before the gather, can write the source later.
void source_pointer(nd::index_t n) {
  auto x = nd::linspace(0.0, 1.0, n);
  double* p = x.data();
  auto y = x(nd::arange(0, x.shape(0), 2));
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: gather with arithmetic-progression indices; use nd::slice indexing followed by .copy(), which needs no index arrays [nd-gather-downsampling]
  // CHECK-NOTES: :[[@LINE-3]]:15: note: the fix keeps a copy: 'x' escapes here while the result is alive
  // CHECK-FIXES: auto y = x(nd::slice(0, nd::none, 2)).copy();
  p[0] = 9.0;
  print("y", y);
}

// So can a reference to an element kept from before the gather.
void source_element_reference(nd::index_t n) {
  auto x = nd::linspace(0.0, 1.0, n);
  double& first = x(0);
  auto y = x(nd::arange(0, x.shape(0), 2));
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: gather with arithmetic-progression indices; use nd::slice indexing followed by .copy(), which needs no index arrays [nd-gather-downsampling]
  // CHECK-NOTES: :[[@LINE-3]]:19: note: the fix keeps a copy: 'x' escapes here while the result is alive
  // CHECK-FIXES: auto y = x(nd::slice(0, nd::none, 2)).copy();
  first = 9.0;
  print("y", y);
}

// Writes before the gather, or after the result's scope, do not matter: a view.
void source_written_outside_lifetime(nd::index_t n) {
  auto x = nd::linspace(0.0, 1.0, n);
  if (x.size() > 0) x(0) = -1.0;
  {
    auto y = x(nd::arange(0, x.shape(0), 2));
    // CHECK-NOTES: :[[@LINE-1]]:14: warning: gather with arithmetic-progression indices copies; use nd::slice indexing, which returns a view [nd-gather-downsampling]
    // CHECK-FIXES: auto y = x(nd::slice(0, nd::none, 2));
    print("y", y);
  }
  x.fill(0.0);
  print("x", x);
}

// A lambda runs when it is called, which the check does not follow: a use of the
// result inside one counts as an escape (here the lambda would see the write to x
// through a view).
void result_in_lambda(nd::index_t n) {
  auto x = nd::linspace(0.0, 1.0, n);
  auto y = x(nd::arange(0, x.shape(0), 2));
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: gather with arithmetic-progression indices; use nd::slice indexing followed by .copy(), which needs no index arrays [nd-gather-downsampling]
  // CHECK-NOTES: :[[@LINE+2]]:16: note: the fix keeps a copy: the result escapes here
  // CHECK-FIXES: auto y = x(nd::slice(0, nd::none, 2)).copy();
  auto first = [&] { return y.size() > 0 ? y(0) : -1.0; };
  x.fill(5.0);
  std::printf("first %.17g\n", first());
}

// The result leaves the function: whoever gets it may write it.
nd::array<double> result_returned(const nd::array<double>& x) {
  return x(nd::arange(0, x.shape(0), 2));
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: gather with arithmetic-progression indices; use nd::slice indexing followed by .copy(), which needs no index arrays [nd-gather-downsampling]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: the fix keeps a copy: the result escapes here
  // CHECK-FIXES: return x(nd::slice(0, nd::none, 2)).copy();
}

// A gather is C-contiguous, a strided view is not.
void layout_observed(nd::index_t n) {
  auto x = nd::linspace(0.0, 1.0, n);
  auto y = x(nd::arange(0, x.shape(0), 2));
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: gather with arithmetic-progression indices; use nd::slice indexing followed by .copy(), which needs no index arrays [nd-gather-downsampling]
  // CHECK-FIXES: auto y = x(nd::slice(0, nd::none, 2)).copy();
  std::printf("contiguous %d\n", y.is_contiguous());
  // CHECK-NOTES: :[[@LINE-1]]:34: note: the fix keeps a copy: the result's memory layout is observed here
}

// The source is a parameter: a function outside nd might write it through a handle
// this function cannot see while the result is alive.
void opaque_call(const nd::array<double>& x) {
  auto y = x(nd::arange(0, x.shape(0), 2));
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: gather with arithmetic-progression indices; use nd::slice indexing followed by .copy(), which needs no index arrays [nd-gather-downsampling]
  // CHECK-FIXES: auto y = x(nd::slice(0, nd::none, 2)).copy();
  print("y", y);
  // CHECK-NOTES: :[[@LINE-1]]:3: note: the fix keeps a copy: this call may write the indexed array through another handle while the result is alive
}

// Assignment through an index writes the array indexed: a mask, a view or an index
// array into the result writes the result; into the source, the source.
void result_assigned_through_index(nd::index_t n) {
  auto x = nd::linspace(0.0, 1.0, n);
  auto y = x(nd::arange(0, x.shape(0), 2));
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: gather with arithmetic-progression indices; use nd::slice indexing followed by .copy(), which needs no index arrays [nd-gather-downsampling]
  // CHECK-FIXES: auto y = x(nd::slice(0, nd::none, 2)).copy();
  y(y > 0.5) = -1.0;
  // CHECK-NOTES: :[[@LINE-1]]:3: note: the fix keeps a copy: the result is written here
  print("x", x);
  print("y", y);
}

void result_view_assigned(nd::index_t n) {
  auto x = nd::linspace(0.0, 1.0, n);
  auto y = x(nd::arange(1, x.shape(0), 2));
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: gather with arithmetic-progression indices; use nd::slice indexing followed by .copy(), which needs no index arrays [nd-gather-downsampling]
  // CHECK-FIXES: auto y = x(nd::slice(1, nd::none, 2)).copy();
  y(nd::slice(0, 1)) *= 10.0;
  // CHECK-NOTES: :[[@LINE-1]]:3: note: the fix keeps a copy: the result is written here
  print("x", x);
  print("y", y);
}

void source_scattered_while_alive(nd::index_t n) {
  auto x = nd::linspace(0.0, 1.0, n);
  auto y = x(nd::arange(0, x.shape(0), 2));
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: gather with arithmetic-progression indices; use nd::slice indexing followed by .copy(), which needs no index arrays [nd-gather-downsampling]
  // CHECK-FIXES: auto y = x(nd::slice(0, nd::none, 2)).copy();
  x(nd::array<std::int64_t>{0}) = 100.0;
  // CHECK-NOTES: :[[@LINE-1]]:3: note: the fix keeps a copy: 'x' is written here while the result is alive
  print("y", y);
}

// Assigning through the gather writes the source's elements at the progression, which
// the view writes too: the view form, never a copy (which would lose the write).
void assigned_through_the_gather(nd::index_t n) {
  auto x = nd::linspace(0.0, 1.0, n);
  x(nd::arange(0, x.shape(0), 2)) = 5.0;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: gather with arithmetic-progression indices copies; use nd::slice indexing, which returns a view [nd-gather-downsampling]
  // CHECK-FIXES: x(nd::slice(0, nd::none, 2)) = 5.0;
  x(nd::arange(1, x.shape(0), 3)) += 1.0;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: gather with arithmetic-progression indices copies; use nd::slice indexing, which returns a view [nd-gather-downsampling]
  // CHECK-FIXES: x(nd::slice(1, nd::none, 3)) += 1.0;
  print("x", x);
}

// Reading the result element by element and through const references is fine.
void only_read(nd::index_t n) {
  auto x = nd::linspace(0.5, 1.5, n);
  auto y = x(nd::arange(0, x.shape(0), 2));
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: gather with arithmetic-progression indices copies; use nd::slice indexing, which returns a view [nd-gather-downsampling]
  // CHECK-FIXES: auto y = x(nd::slice(0, nd::none, 2));
  double total = 0;
  for (nd::index_t i = 0; i < y.shape(0); ++i) total += y(i);
  const auto& same = y;
  std::printf("total %.17g size %td\n", total, same.size());
}

int main() {
  for (nd::index_t n : {1, 5, 8}) {
    result_written(n);
    result_view_filled(n + 2);
    result_assigned_through_index(n);
    result_view_assigned(n + 2);
    source_scattered_while_alive(n);
    assigned_through_the_gather(n + 3);
    source_written(n);
    source_alias_written(n);
    source_pointer(n);
    source_element_reference(n);
    source_written_outside_lifetime(n);
    result_in_lambda(n);
    print("returned", result_returned(numbers(n)));
    only_read(n);
    opaque_call(numbers(n));
  }
  source_written_outside_lifetime(0);
  only_read(0);
  opaque_call(numbers(0));
  layout_observed(1); // a one-element view and its copy are both contiguous
  return 0;
}
