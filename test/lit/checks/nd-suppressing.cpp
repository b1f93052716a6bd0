// Suppressing findings (docs/suppressing.md): NOLINT on the line, NOLINTNEXTLINE on the
// line above, NOLINTBEGIN/NOLINTEND around a region, each with a check name or a glob.
// A comment that names another check silences nothing, and a suppressed line is not
// fixed. Both front ends (the plugin and nd-tidy) must agree.
// RUN: %check_nd_tidy -run %s nd-* %t
#include <nd/nd.hpp>

#include <cstdio>

static void print(const char* name, const nd::array<double>& a) {
  std::printf("%s:", name);
  for (nd::index_t i = 0; i < a.shape(0); ++i) std::printf(" %.17g", a(i));
  std::printf("\n");
}

int main() {
  auto x = nd::linspace(-1.0, 2.0, 12);
  auto a = x(nd::arange(0, x.shape(0), 2)); // NOLINT(nd-gather-downsampling)
  // NOLINTNEXTLINE(nd-*)
  auto b = x(nd::arange(1, x.shape(0), 2));
  // NOLINTBEGIN(nd-gather-downsampling)
  auto c = x(nd::arange(0, x.shape(0), 3));
  auto d = x(nd::arange(2, x.shape(0), 4));
  // NOLINTEND(nd-gather-downsampling)
  auto e = x(nd::arange(0, x.shape(0), 5)); // NOLINT(nd-elementwise-loop)
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: gather with arithmetic-progression indices copies; use nd::slice indexing, which returns a view [nd-gather-downsampling]
  // CHECK-FIXES: {{^}}  auto a = x(nd::arange(0, x.shape(0), 2)); // NOLINT(nd-gather-downsampling){{$}}
  // CHECK-FIXES: {{^}}  auto b = x(nd::arange(1, x.shape(0), 2));{{$}}
  // CHECK-FIXES: {{^}}  auto c = x(nd::arange(0, x.shape(0), 3));{{$}}
  // CHECK-FIXES: {{^}}  auto d = x(nd::arange(2, x.shape(0), 4));{{$}}
  // CHECK-FIXES: {{^}}  auto e = x(nd::slice(0, nd::none, 5)); // NOLINT(nd-elementwise-loop){{$}}
  print("a", a);
  print("b", b);
  print("c", c);
  print("d", d);
  print("e", e);
  return 0;
}
