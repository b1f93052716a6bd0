// Options: MinOperations (default 2), OnlyInLoops (default false), SmallArraySize
// (default 0: off; otherwise chains whose array operands all have a size known at
// compile time of at most that many elements are not reported) and FusedEvaluation
// (default true: nd::eval for chains of three or more operations, as the other runs
// do; false: the out forms for every chain, as the OUT run shows).
// RUN: %check_nd_tidy %s nd-chained-temporaries %t
// RUN: %check_nd_tidy -check-suffix=LOOPS %s nd-chained-temporaries %t -- -config="{CheckOptions: {nd-chained-temporaries.OnlyInLoops: true}}"
// RUN: %check_nd_tidy -check-suffix=THREE %s nd-chained-temporaries %t -- -config="{CheckOptions: {nd-chained-temporaries.MinOperations: 3}}"
// RUN: %check_nd_tidy -check-suffix=SMALL %s nd-chained-temporaries %t -- -config="{CheckOptions: {nd-chained-temporaries.SmallArraySize: 16}}"
// RUN: %check_nd_tidy -check-suffix=OUT %s nd-chained-temporaries %t -- -config="{CheckOptions: {nd-chained-temporaries.FusedEvaluation: false}}"
#include <nd/nd.hpp>

double options(const nd::array<double>& big) {
  auto small = nd::zeros<double>({2, 3});
  nd::array<double> listed{1.0, 2.0, 3.0};
  auto a = nd::abs(small * 2.0);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: chained array expression allocates 2 arrays, 1 more than the out forms
  // CHECK-MESSAGES-OUT: :[[@LINE-2]]:12: warning: chained array expression allocates 2 arrays, 1 more than the out forms
  auto b = nd::abs(listed * listed);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: chained array expression allocates 2 arrays, 1 more than the out forms
  // CHECK-MESSAGES-OUT: :[[@LINE-2]]:12: warning: chained array expression allocates 2 arrays, 1 more than the out forms
  auto c = nd::abs(big * 2.0);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: chained array expression allocates 2 arrays, 1 more than the out forms
  // CHECK-MESSAGES-SMALL: :[[@LINE-2]]:12: warning: chained array expression allocates 2 arrays, 1 more than the out forms
  // CHECK-MESSAGES-OUT: :[[@LINE-3]]:12: warning: chained array expression allocates 2 arrays, 1 more than the out forms
  auto d = nd::sqrt(nd::abs(big * 2.0));
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: chained array expression makes 3 passes over memory and allocates 3 arrays; fused with 'nd::eval' over 'nd::lazy' operands it makes 1 pass and allocates 1 array
  // CHECK-MESSAGES-THREE: :[[@LINE-2]]:12: warning: chained array expression makes 3 passes over memory and allocates 3 arrays; fused
  // CHECK-MESSAGES-SMALL: :[[@LINE-3]]:12: warning: chained array expression makes 3 passes over memory and allocates 3 arrays; fused
  // CHECK-MESSAGES-OUT: :[[@LINE-4]]:12: warning: chained array expression allocates 3 arrays, 2 more than the out forms
  auto e = nd::abs(small * 2.0) + big;
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: chained array expression allocates at least 2 arrays, 1 more than the out forms
  // CHECK-MESSAGES-SMALL: :[[@LINE-2]]:12: warning: chained array expression allocates at least 2 arrays, 1 more than the out forms
  // CHECK-MESSAGES-THREE: :[[@LINE-3]]:12: warning: chained array expression allocates at least 2 arrays, 1 more than the out forms
  // CHECK-MESSAGES-OUT: :[[@LINE-4]]:12: warning: chained array expression allocates at least 2 arrays, 1 more than the out forms
  double total = 0;
  for (int i = 0; i < 3; ++i) {
    auto f = nd::abs(small * 2.0);
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: chained array expression allocates 2 arrays in every loop iteration, 1 more than the out forms
    // CHECK-MESSAGES-LOOPS: :[[@LINE-2]]:14: warning: chained array expression allocates 2 arrays in every loop iteration, 1 more than the out forms
    // CHECK-MESSAGES-OUT: :[[@LINE-3]]:14: warning: chained array expression allocates 2 arrays in every loop iteration, 1 more than the out forms
    total += nd::sum(f);
  }
  return total + nd::sum(a) + nd::sum(b) + nd::sum(c) + nd::sum(d) + nd::sum(e);
}
