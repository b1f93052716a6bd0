// RUN: %check_nd_tidy -run %s 'nd-*' %t
//
// Ported from scikit-learn, sklearn/utils/extmath.py: softmax (the row maximum
// subtracted, exponentiated, divided by the row sum) and row_norms (squared), and
// sklearn/metrics/pairwise.py: euclidean_distances of X to one point, for dense input,
// as loops over nd arrays.
#include <nd/nd.hpp>

#include <cmath>
#include <cstdio>

nd::array<double> softmax(const nd::array<double> &X) {
  nd::array<double> out = nd::empty_like(X);
  for (nd::index_t i = 0; i < X.shape(0); ++i) {
    double m = nd::max(X(i, nd::all));
    for (nd::index_t j = 0; j < X.shape(1); ++j)
      out(i, j) = std::exp(X(i, j) - m);
  }
  for (nd::index_t i = 0; i < out.shape(0); ++i) {
    double s = nd::sum(out(i, nd::all));
    for (nd::index_t j = 0; j < out.shape(1); ++j)
      out(i, j) = out(i, j) / s;
  }
  return out;
}

double squared_row_norm(const nd::array<double> &X, nd::index_t row) {
  double s = 0;
  for (nd::index_t j = 0; j < X.shape(1); ++j)
    s += X(row, j) * X(row, j);
  return s;
}

nd::array<double> distances_to(const nd::array<double> &X, const nd::array<double> &p) {
  nd::array<double> d = nd::zeros<double>({X.shape(0)});
  for (nd::index_t i = 0; i < X.shape(0); ++i) {
    double s = 0;
    for (nd::index_t j = 0; j < X.shape(1); ++j)
      s += (X(i, j) - p(j)) * (X(i, j) - p(j));
    d(i) = std::sqrt(s);
  }
  return d;
}

int main() {
  auto rng = nd::random::default_rng(11);
#ifdef ND_SQUARE_INPUT  // square, where a wrong axis would not throw
  nd::array<double> X = rng.normal(0.0, 1.0, {4, 4});
#else
  nd::array<double> X = rng.normal(0.0, 1.0, {6, 4});
#endif
  nd::array<double> sm = softmax(X);
  std::printf("softmax %.9f %.9f\n", nd::sum(sm), sm(0, 0));
  std::printf("row norm %.9f\n", squared_row_norm(X, 1));
  nd::array<double> d = distances_to(X, X(0, nd::all).copy());
  std::printf("distances %.9f %.9f\n", nd::sum(d), d(1));
  return 0;
}

// The checks' diagnostics (at the lines above) and the fixed lines, in order.
// CHECK-MESSAGES: :14:3: warning: element-wise loop over 'out'; use one broadcasting expression [nd-elementwise-loop]
// CHECK-MESSAGES: :29:3: warning: reduction loop; use nd::sum [nd-elementwise-loop]
// CHECK-MESSAGES: :36:3: warning: loop over nd::array elements; use broadcasting expressions [nd-elementwise-loop]
// CHECK-MESSAGES: :38:5: warning: reduction loop; use nd::sum [nd-elementwise-loop]
// CHECK-FIXES: {{^}}  nd::subtract(X, nd::max(X, 1, nd::keepdims), out);
// CHECK-FIXES: {{^}}  nd::exp(out, out);
