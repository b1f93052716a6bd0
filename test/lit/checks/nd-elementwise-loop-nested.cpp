// RUN: %check_nd_tidy -run %s nd-elementwise-loop %t
//
// Form 2: nested loops over two or more axes, indices in any order. The destination's
// index order fixes the axes of the result; operands indexed by a subset of the loop
// variables get nd::newaxis, operands indexed in another order are transposed. Every
// element is computed by the same operations as in the loop, so values are printed
// exactly (%.17g).
#include <nd/nd.hpp>

#include <cstdio>

void print(const char *what, const nd::array<double> &a) {
  std::printf("%s%s:", what, nd::to_string(a.shape()).c_str());
  for (nd::index_t i = 0; i < a.shape(0); ++i)
    for (nd::index_t j = 0; j < a.shape(1); ++j)
      if (a.ndim() == 2)
        std::printf(" %.17g", a(i, j));
      else
        for (nd::index_t k = 0; k < a.shape(2); ++k)
          std::printf(" %.17g", a(i, j, k));
  std::printf("\n");
}

// The outer product: rows from a, columns from b.
void outer(const nd::array<double> &a, const nd::array<double> &b) {
  nd::array<double> out = nd::empty<double>({a.size(), b.size()});
  for (nd::index_t i = 0; i < out.shape(0); ++i)
    for (nd::index_t j = 0; j < out.shape(1); ++j)
      out(i, j) = a(i) * b(j);
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: element-wise loop over 'out'; use one broadcasting expression [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  nd::multiply(a(nd::all, nd::newaxis), b, out);
  print("outer", out);
}

// Column-order loops over a row-major matrix (the slow traversal), and a transposed read.
void transposed(const nd::array<double> &m, const nd::array<double> &col_scale) {
  nd::array<double> out = nd::empty<double>({m.shape(1), m.shape(0)});
  for (nd::index_t j = 0; j < out.shape(1); ++j) {
    for (nd::index_t i = 0; i < out.shape(0); ++i) {
      out(i, j) = m(j, i) * col_scale(i) + 1.0;
    }
  }
  // CHECK-MESSAGES: :[[@LINE-5]]:3: warning: element-wise loop over 'out'
  // CHECK-FIXES: {{^}}  nd::multiply(m.T(), col_scale(nd::all, nd::newaxis), out);
  // CHECK-FIXES-NEXT: {{^}}  nd::add(out, 1.0, out);
  print("transposed", out);
}

// Three axes: a permutation becomes nd::transpose, subsets get nd::newaxis.
void three_axes(const nd::array<double> &t, const nd::array<double> &u,
                const nd::array<double> &v, const nd::array<double> &w) {
  nd::array<double> out = nd::zeros<double>({t.shape(1), t.shape(2), t.shape(0)});
  for (nd::index_t i = 0; i < out.shape(0); ++i)
    for (nd::index_t j = 0; j < out.shape(1); ++j)
      for (nd::index_t k = 0; k < out.shape(2); ++k)
        out(i, j, k) = t(k, i, j) - u(i, k) * v(i) + w(k);
  // CHECK-MESSAGES: :[[@LINE-4]]:3: warning: element-wise loop over 'out'
  // CHECK-FIXES: {{^}}  nd::multiply(u(nd::all, nd::newaxis), v(nd::all, nd::newaxis, nd::newaxis), out);
  // CHECK-FIXES-NEXT: {{^}}  nd::subtract(nd::transpose(t, {1, 2, 0}), out, out);
  // CHECK-FIXES-NEXT: {{^}}  nd::add(out, w, out);
  print("three_axes", out);
}

int main() {
  auto rng = nd::random::default_rng(3);
  outer(rng.random({3}), rng.random({4}));
  transposed(rng.random({4, 3}), rng.random({3}));
  three_axes(rng.random({4, 2, 3}), rng.random({2, 4}), rng.random({2}), rng.random({4}));
  return 0;
}
