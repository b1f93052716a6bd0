// RUN: %check_nd_tidy -run %s 'nd-*' %t
//
// Ported from scikit-learn, sklearn/preprocessing/_data.py: MinMaxScaler (fit and
// transform, feature_range (0, 1)), StandardScaler.transform, normalize (norm "l2",
// per row) and binarize, for dense input, as element loops over nd arrays.
#include <nd/nd.hpp>

#include <cmath>
#include <cstdio>

nd::array<double> minmax_scale(const nd::array<double> &X) {
  nd::array<double> out = nd::empty_like(X);
  for (nd::index_t j = 0; j < X.shape(1); ++j) {
    double data_min = nd::min(X(nd::all, j));
    double data_max = nd::max(X(nd::all, j));
    for (nd::index_t i = 0; i < X.shape(0); ++i)
      out(i, j) = (X(i, j) - data_min) / (data_max - data_min);
  }
  return out;
}

nd::array<double> standard_transform(const nd::array<double> &X, const nd::array<double> &mean,
                                     const nd::array<double> &scale) {
  nd::array<double> out = X.copy();
  for (nd::index_t i = 0; i < X.shape(0); ++i)
    for (nd::index_t j = 0; j < X.shape(1); ++j)
      out(i, j) = (X(i, j) - mean(j)) / scale(j);
  return out;
}

nd::array<double> normalize_l2(const nd::array<double> &X) {
  nd::array<double> out = nd::empty_like(X);
  for (nd::index_t i = 0; i < X.shape(0); ++i) {
    double norm = 0;
    for (nd::index_t j = 0; j < X.shape(1); ++j)
      norm += X(i, j) * X(i, j);
    norm = std::sqrt(norm);
    for (nd::index_t j = 0; j < X.shape(1); ++j)
      out(i, j) = X(i, j) / norm;
  }
  return out;
}

nd::array<bool> binarize(const nd::array<double> &X, double threshold) {
  nd::array<bool> out = nd::zeros<bool>({X.shape(0), X.shape(1)});
  for (nd::index_t i = 0; i < out.shape(0); ++i)
    for (nd::index_t j = 0; j < out.shape(1); ++j)
      out(i, j) = X(i, j) > threshold;
  return out;
}

static void print(const char *what, const nd::array<double> &a) {
  std::printf("%s:", what);
  for (double v : a.to_vector())
    std::printf(" %.9f", v);
  std::printf("\n");
}

int main() {
  auto rng = nd::random::default_rng(7);
#ifdef ND_SQUARE_INPUT  // square, where a wrong axis would not throw
  nd::array<double> X = rng.normal(1.0, 3.0, {5, 5});
#else
  nd::array<double> X = rng.normal(1.0, 3.0, {8, 3});
#endif
  print("minmax", minmax_scale(X));
  nd::array<double> mean = nd::mean(X, 0);
  nd::array<double> scale = nd::stddev(X, 0);
  print("standard", standard_transform(X, mean, scale));
  print("normalize", normalize_l2(X));
  nd::array<bool> b = binarize(X, 1.0);
  std::printf("binarized %lld\n", static_cast<long long>(nd::sum(b)));
  return 0;
}

// The checks' diagnostics (at the lines above) and the fixed lines, in order.
// CHECK-MESSAGES: :13:3: warning: element-wise loop over 'out'; use one broadcasting expression [nd-elementwise-loop]
// CHECK-MESSAGES: :25:3: warning: element-wise loop over 'out'; use one broadcasting expression [nd-elementwise-loop]
// CHECK-MESSAGES: :33:3: warning: loop over nd::array elements; use broadcasting expressions [nd-elementwise-loop]
// CHECK-MESSAGES: :35:5: warning: reduction loop; use nd::sum [nd-elementwise-loop]
// CHECK-MESSAGES: :38:5: warning: element-wise loop over 'out'; use one broadcasting expression [nd-elementwise-loop]
// CHECK-MESSAGES: :46:3: warning: element-wise loop over 'out'; use one broadcasting expression [nd-elementwise-loop]
// CHECK-FIXES: {{^}}  nd::subtract(X, nd::min(X, 0), out);
// CHECK-FIXES: {{^}}  nd::divide(out, (nd::max(X, 0) - nd::min(X, 0)), out);
// CHECK-FIXES: {{^}}  nd::array<double> out = (X - mean) / scale;
// CHECK-FIXES: {{^}}  nd::greater(X, threshold, out);
