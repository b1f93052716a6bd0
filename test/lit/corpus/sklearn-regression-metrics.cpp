// RUN: %check_nd_tidy -run %s 'nd-*' %t
//
// Ported from scikit-learn, sklearn/metrics/_regression.py: mean_absolute_error,
// mean_squared_error, r2_score and explained_variance_score, for one output and no
// sample weights, written as element loops over nd arrays. Sums are printed to 9
// decimals: nd sums pairwise, in another order than the loops.
#include <nd/nd.hpp>

#include <cmath>
#include <cstdio>

double mean_absolute_error(const nd::array<double> &y_true, const nd::array<double> &y_pred) {
  double total = 0;
  for (nd::index_t i = 0; i < y_true.size(); ++i)
    total += std::abs(y_pred(i) - y_true(i));
  return total / y_true.size();
}

double mean_squared_error(const nd::array<double> &y_true, const nd::array<double> &y_pred) {
  nd::array<double> err = nd::empty_like(y_true);
  for (nd::index_t i = 0; i < y_true.size(); ++i)
    err(i) = y_true(i) - y_pred(i);
  double total = 0;
  for (nd::index_t i = 0; i < err.size(); ++i)
    total += err(i) * err(i);
  return total / err.size();
}

double r2_score(const nd::array<double> &y_true, const nd::array<double> &y_pred) {
  double numerator = 0;
  for (nd::index_t i = 0; i < y_true.size(); ++i)
    numerator += (y_true(i) - y_pred(i)) * (y_true(i) - y_pred(i));
  double y_mean = nd::mean(y_true);
  double denominator = 0;
  for (nd::index_t i = 0; i < y_true.size(); ++i)
    denominator += (y_true(i) - y_mean) * (y_true(i) - y_mean);
  return 1 - numerator / denominator;
}

double explained_variance_score(const nd::array<double> &y_true,
                                const nd::array<double> &y_pred) {
  nd::array<double> diff = y_true - y_pred;
  double y_diff_avg = nd::mean(diff);
  nd::array<double> centred = (diff - y_diff_avg) * (diff - y_diff_avg);
  double numerator = nd::mean(centred);
  double y_true_avg = nd::mean(y_true);
  double denominator = nd::mean((y_true - y_true_avg) * (y_true - y_true_avg));
  return 1 - numerator / denominator;
}

int main() {
  auto rng = nd::random::default_rng(24);
  nd::array<double> y_true = rng.normal(0.0, 1.0, {200});
  nd::array<double> y_pred = y_true + rng.normal(0.0, 0.3, {200});
  std::printf("mae %.9f\n", mean_absolute_error(y_true, y_pred));
  std::printf("mse %.9f\n", mean_squared_error(y_true, y_pred));
  std::printf("r2 %.9f\n", r2_score(y_true, y_pred));
  std::printf("explained variance %.9f\n", explained_variance_score(y_true, y_pred));
  return 0;
}

// The checks' diagnostics (at the lines above) and the fixed lines, in order.
// CHECK-MESSAGES: :14:3: warning: reduction loop; use nd::sum [nd-elementwise-loop]
// CHECK-MESSAGES: :21:3: warning: element-wise loop over 'err'; use one broadcasting expression [nd-elementwise-loop]
// CHECK-MESSAGES: :24:3: warning: reduction loop; use nd::sum [nd-elementwise-loop]
// CHECK-MESSAGES: :31:3: warning: reduction loop; use nd::sum [nd-elementwise-loop]
// CHECK-MESSAGES: :35:3: warning: reduction loop; use nd::sum [nd-elementwise-loop]
// CHECK-MESSAGES: :44:31: warning: chained array expression makes 3 passes over memory and allocates 2 arrays; fused with 'nd::eval' over 'nd::lazy' operands it makes 1 pass and allocates 1 array [nd-chained-temporaries]
// CHECK-MESSAGES: :47:33: warning: chained array expression makes 4 passes over memory and allocates 2 arrays; fused into the reduction over 'nd::lazy' operands it makes 1 pass and allocates 1 array [nd-chained-temporaries]
// CHECK-FIXES: {{^}}  double total = nd::sum(nd::abs(nd::lazy(y_pred) - y_true));
// CHECK-FIXES: {{^}}  nd::array<double> err = y_true - y_pred;
// CHECK-FIXES: {{^}}  double total = nd::vdot(err, err);
// CHECK-FIXES: {{^}}  double numerator = nd::sum((nd::lazy(y_true) - y_pred) * (nd::lazy(y_true) - y_pred));
// CHECK-FIXES: {{^}}  double denominator = nd::sum((nd::lazy(y_true) - y_mean) * (nd::lazy(y_true) - y_mean));
// CHECK-FIXES: {{^}}  nd::array<double> centred = nd::eval((nd::lazy(diff) - y_diff_avg) * (nd::lazy(diff) - y_diff_avg));
// CHECK-FIXES: {{^}}  double denominator = nd::mean((nd::lazy(y_true) - y_true_avg) * (nd::lazy(y_true) - y_true_avg));
