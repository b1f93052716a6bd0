// RUN: %check_nd_tidy -check-suffix=DEFAULT %s nd-elementwise-loop %t
// RUN: %check_nd_tidy -check-suffix=NESTED %s nd-elementwise-loop %t -- -config="{CheckOptions: {nd-elementwise-loop.MinLoopDepth: 2}}"
//
// MinLoopDepth: with 2, only nests of two or more loops are reported.
#include <nd/nd.hpp>

void single(const nd::array<double> &x) {
  nd::array<double> y = nd::empty_like(x);
  for (nd::index_t i = 0; i < y.size(); ++i)
    y(i) = x(i) + 1.0;
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-2]]:3: warning: element-wise loop over 'y'; use one broadcasting expression [nd-elementwise-loop]
  // CHECK-FIXES-DEFAULT: {{^}}  nd::array<double> y = x + 1.0;
  // CHECK-FIXES-NESTED: {{^}}  for (nd::index_t i = 0; i < y.size(); ++i)
  // CHECK-FIXES-NESTED-NEXT: {{^}}    y(i) = x(i) + 1.0;
}

void nested(const nd::array<double> &m) {
  nd::array<double> out = nd::empty_like(m);
  for (nd::index_t i = 0; i < out.shape(0); ++i)
    for (nd::index_t j = 0; j < out.shape(1); ++j)
      out(i, j) = m(i, j) * m(i, j);
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-3]]:3: warning: element-wise loop over 'out'
  // CHECK-MESSAGES-NESTED: :[[@LINE-4]]:3: warning: element-wise loop over 'out'
  // CHECK-FIXES-DEFAULT: {{^}}  nd::array<double> out = m * m;
  // CHECK-FIXES-NESTED: {{^}}  nd::array<double> out = m * m;
}
