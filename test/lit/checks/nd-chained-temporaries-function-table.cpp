// The ufuncs and operators the chain check knows come from the runtime's table
// (nd/ufuncs.def), so a chain through a function or operator that the check's own list
// once lacked (tanh, hypot, the bitwise operators) is reported and rewritten too.
// RUN: %check_nd_tidy -run %s nd-chained-temporaries %t
#include <nd/nd.hpp>

#include <cstdint>
#include <cstdio>

template <class T>
static void print(const char* name, const nd::array<T>& a) {
  std::printf("%s %s:", name, nd::to_string(a.shape()).c_str());
  const nd::array<T> flat = a.flatten();
  for (nd::index_t i = 0; i < flat.size(); ++i) std::printf(" %.17g", static_cast<double>(flat(i)));
  std::printf("\n");
}

void activation(const nd::array<double>& x) {
  nd::array<double> y = nd::tanh(x * 2.0 - 1.0) * 0.5;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: chained array expression makes 4 passes over memory and allocates 2 arrays; fused with 'nd::eval' over 'nd::lazy' operands it makes 1 pass and allocates 1 array [nd-chained-temporaries]
  // CHECK-FIXES: nd::array<double> y = nd::eval(nd::tanh(nd::lazy(x) * 2.0 - 1.0) * 0.5);
  print("activation", y);
}

void distance(const nd::array<double>& x, const nd::array<double>& z) {
  nd::array<double> d = nd::sqrt(nd::hypot(x, z));
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: chained array expression allocates 2 arrays, 1 more than the out forms; compute it into one buffer with the out forms, as in 'nd::hypot(..., out)' [nd-chained-temporaries]
  // CHECK-FIXES: nd::array<double> d = nd::empty<double>(nd::broadcast_shapes(x.shape(), z.shape()));
  // CHECK-FIXES-NEXT: nd::hypot(x, z, d);
  // CHECK-FIXES-NEXT: nd::sqrt(d, d);
  print("distance", d);
}

// The bitwise operators have no form over nd::lazy expressions: the out forms.
void flags(const nd::array<std::int32_t>& a, const nd::array<std::int32_t>& b) {
  nd::array<std::int32_t> f = ~((a & b) | 6);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: chained array expression allocates 3 arrays, 2 more than the out forms; compute it into one buffer with the out forms, as in 'nd::bitwise_and(..., out)' [nd-chained-temporaries]
  // CHECK-FIXES: nd::array<std::int32_t> f = nd::empty<std::int32_t>(nd::broadcast_shapes(a.shape(), b.shape()));
  // CHECK-FIXES-NEXT: nd::bitwise_and(a, b, f);
  // CHECK-FIXES-NEXT: nd::bitwise_or(f, 6, f);
  // CHECK-FIXES-NEXT: nd::invert(f, f);
  print("flags", f);
}

int main() {
  auto rng = nd::random::default_rng(5);
  nd::array<double> x = rng.random({2, 3});
  nd::array<double> z = rng.random({3});
  activation(x);
  distance(x, z);
  flags(rng.integers(0, 64, {4}).astype<std::int32_t>(), rng.integers(0, 64, {4}).astype<std::int32_t>());
  return 0;
}
