// The article's first slow form: standardising each column of a matrix with an element
// loop, one element at a time. nd-elementwise-loop rewrites the loop nest into one
// broadcasting expression over the whole matrix.
#include <nd/nd.hpp>

#include <cstdio>

int main() {
  auto rng = nd::random::default_rng(0);
#ifdef ND_SQUARE_INPUT  // the tests also run it square, where a wrong axis would not throw
  nd::array<double> matrix = rng.random({300, 300});
#else
  nd::array<double> matrix = rng.random({2000, 100});
#endif

  nd::array<double> res = matrix.copy();
  for (nd::index_t col = 0; col < matrix.shape(1); ++col) {
    double col_mean = nd::mean(matrix(nd::all, col));
    double col_std = nd::stddev(matrix(nd::all, col));
    for (nd::index_t row = 0; row < matrix.shape(0); ++row) {
      res(row, col) = (matrix(row, col) - col_mean) / col_std;
    }
  }

  // Each standardised column has mean 0 and standard deviation 1.
  bool centred = nd::max(nd::abs(nd::mean(res, 0))) < 1e-9;
  std::printf("columns centred: %s, std %.6f\n", centred ? "yes" : "no", nd::stddev(res));
  std::printf("first row: %.6f %.6f %.6f\n", res(0, 0), res(0, 1), res(0, 2));
  return 0;
}
