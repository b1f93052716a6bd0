// RUN: %check_nd_tidy -run %s nd-elementwise-loop %t
//
// Form 3: per-slice statistics. An outer loop computes a statistic of one slice and the
// inner loop uses it; the fix is the axis reduction, broadcast back over the matrix.
// The fix reduces in another order (nd's pairwise sums), so the program prints values
// rounded to 6 decimals: that is this test's tolerance. With ND_SQUARE_INPUT the matrix
// is square, where a statistic reduced along the wrong axis (or a keepdims taken for a
// ddof) still broadcasts and prints other numbers instead of failing on the shape.
#include <nd/nd.hpp>

#include <cstdio>

void print(const char *what, const nd::array<double> &a) {
  std::printf("%s:", what);
  for (nd::index_t i = 0; i < a.shape(0); ++i)
    for (nd::index_t j = 0; j < a.shape(1); ++j)
      std::printf(" %.6f", a(i, j));
  std::printf("\n");
}

// Columns, written as the article writes them (the README demo).
nd::array<double> article(nd::array<double> matrix) {
  nd::array<double> res = matrix.copy();
  for (nd::index_t col = 0; col < matrix.shape(1); ++col) {
    double col_mean = nd::mean(matrix(nd::all, col));
    double col_std = nd::stddev(matrix(nd::all, col));
    for (nd::index_t row = 0; row < matrix.shape(0); ++row)
      res(row, col) = (matrix(row, col) - col_mean) / col_std;
  }
  // CHECK-MESSAGES: :[[@LINE-6]]:3: warning: element-wise loop over 'res'; use one broadcasting expression [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  nd::array<double> res = (matrix - nd::mean(matrix, 0)) / nd::stddev(matrix, 0);
  return res;
}

// Rows of a read-only matrix: the row statistic keeps its axis to broadcast.
nd::array<double> centre_rows(const nd::array<double> &m) {
  nd::array<double> out = nd::empty_like(m);
  for (nd::index_t r = 0; r < m.shape(0); ++r) {
    const double row_mean = nd::mean(m(r, nd::all));
    for (nd::index_t c = 0; c < m.shape(1); ++c)
      out(r, c) = m(r, c) - row_mean;
  }
  // CHECK-MESSAGES: :[[@LINE-5]]:3: warning: element-wise loop over 'out'; use one broadcasting expression [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  nd::array<double> out = m - nd::mean(m, 1, nd::keepdims);
  return out;
}

// A bound taken from the destination works as well as one from the source, since
// the destination is a copy of the source.
nd::array<double> scale_columns_by_max(const nd::array<double> &m) {
  nd::array<double> out = m.copy();
  for (nd::index_t c = 0; c < m.shape(1); ++c) {
    double top = nd::max(m(nd::all, c));
    for (nd::index_t r = 0; r < out.shape(0); ++r)
      out(r, c) = m(r, c) / top;
  }
  // CHECK-MESSAGES: :[[@LINE-5]]:3: warning: element-wise loop over 'out'; use one broadcasting expression [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  nd::array<double> out = m / nd::max(m, 0);
  return out;
}

// Rows standardised by their variance: nd::var(s, 1, nd::keepdims) must keep the axis
// with ddof 0, as the loop's nd::var of one row computes it.
nd::array<double> standardise_rows(const nd::array<double> &s) {
  nd::array<double> z = nd::empty_like(s);
  for (nd::index_t r = 0; r < s.shape(0); ++r) {
    const double mu = nd::mean(s(r, nd::all));
    const double var = nd::var(s(r, nd::all));
    for (nd::index_t c = 0; c < s.shape(1); ++c)
      z(r, c) = (s(r, c) - mu) / var;
  }
  // CHECK-MESSAGES: :[[@LINE-6]]:3: warning: element-wise loop over 'z'; use one broadcasting expression [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  nd::array<double> z = (s - nd::mean(s, 1, nd::keepdims)) / nd::var(s, 1, nd::keepdims);
  return z;
}

int main() {
  auto rng = nd::random::default_rng(42);
#ifdef ND_SQUARE_INPUT
  nd::array<double> matrix = rng.random({4, 4});
#else
  nd::array<double> matrix = rng.random({5, 3});
#endif
  print("article", article(matrix));
  print("centre_rows", centre_rows(matrix));
  print("scale_columns_by_max", scale_columns_by_max(matrix));
  print("standardise_rows", standardise_rows(matrix));
  return 0;
}
