// RUN: %check_nd_tidy %s nd-elementwise-loop %t
//
// Notes quote operators and source text. A '%' in them is printed as written (it used
// to be read as a format directive: "the operator '' has no ufunc").
#include <nd/nd.hpp>

#include <cstdint>

void remainder(const nd::array<std::int64_t> &k) {
  nd::array<std::int64_t> r = nd::empty_like(k);
  for (nd::index_t i = 0; i < r.size(); ++i)
    r(i) = k(i) % 7;
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'r'; use one broadcasting expression [nd-elementwise-loop]
  // CHECK-NOTES: :[[@LINE-2]]:17: note: no fix-it: the operator '%' has no ufunc in nd
}

void wrapped_index(const nd::array<double> &x) {
  nd::array<double> y = nd::empty_like(x);
  for (nd::index_t i = 0; i < y.size(); ++i)
    y(i) = x((i + 1) % x.size());
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'; use one broadcasting expression [nd-elementwise-loop]
  // CHECK-NOTES: :[[@LINE-2]]:14: note: no fix-it: the index '(i + 1) % x.size()' is not a loop variable (index shape); only whole-extent loops become broadcasting
}

void shifted_bits(const nd::array<std::int64_t> &k) {
  nd::array<std::int64_t> r = nd::empty_like(k);
  for (nd::index_t i = 0; i < r.size(); ++i)
    r(i) = k(i) << 2;
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: element-wise loop over 'r'; use one broadcasting expression [nd-elementwise-loop]
  // CHECK-NOTES: :[[@LINE-2]]:17: note: no fix-it: the operator '<<' has no ufunc in nd
}
