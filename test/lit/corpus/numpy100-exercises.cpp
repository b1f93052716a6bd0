// RUN: %check_nd_tidy -run %s 'nd-*' %t
//
// Ported from rougier/numpy-100, source/exercises100.ktx: exercise 58 (subtract the
// mean of each row), 64 (add 1 at indices that repeat, np.add.at) and 75 (moving
// average through a cumulative sum, moving_average), as loops over nd arrays.
#include <nd/nd.hpp>

#include <cstdio>

nd::array<double> subtract_row_mean(const nd::array<double> &X) {
  nd::array<double> Y = nd::empty_like(X);
  for (nd::index_t i = 0; i < X.shape(0); ++i) {
    double m = nd::mean(X(i, nd::all));
    for (nd::index_t j = 0; j < X.shape(1); ++j)
      Y(i, j) = X(i, j) - m;
  }
  return Y;
}

// The cumulative sum, then the window sums as differences of it.
nd::array<double> moving_average(const nd::array<double> &a, nd::index_t n) {
  nd::array<double> ret = a.copy();
  for (nd::index_t i = 1; i < ret.size(); ++i)
    ret(i) = ret(i - 1) + a(i);
  nd::array<double> out = nd::zeros<double>({a.size() - n + 1});
  out(0) = ret(n - 1) / n;
  for (nd::index_t i = 1; i < out.size(); ++i)
    out(i) = (ret(i + n - 1) - ret(i - 1)) / n;
  return out;
}

static void print(const char *what, const nd::array<double> &a) {
  std::printf("%s:", what);
  for (double v : a.to_vector())
    std::printf(" %.9f", v);
  std::printf("\n");
}

int main() {
  auto rng = nd::random::default_rng(58);
#ifdef ND_SQUARE_INPUT  // square, where a wrong axis would not throw
  nd::array<double> X = rng.random({6, 6});
#else
  nd::array<double> X = rng.random({5, 10});
#endif
  print("row-centred", subtract_row_mean(X));
  print("moving average", moving_average(nd::arange<double>(20), 3));
  return 0;
}

// The checks' diagnostics (at the lines above) and the fixed lines, in order.
// CHECK-MESSAGES: :12:3: warning: element-wise loop over 'Y'; use one broadcasting expression [nd-elementwise-loop]
// CHECK-MESSAGES: :27:3: warning: element-wise loop over 'out'; use one broadcasting expression [nd-elementwise-loop]
// CHECK-FIXES: {{^}}  nd::array<double> Y = X - nd::mean(X, 1, nd::keepdims);
