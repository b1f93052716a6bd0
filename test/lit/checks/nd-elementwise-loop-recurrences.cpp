// RUN: %check_nd_tidy %s nd-elementwise-loop %t
// RUN: %check_nd_tidy -run %s nd-elementwise-loop %t
//
// Recurrences: each iteration reads a value an earlier iteration wrote (an element of
// the destination, the accumulator, a scalar carried along). They are not element-wise
// loops, and no broadcasting expression computes them: the check says nothing. (The
// forms this file has no CHECK line for must produce no diagnostic.) The loops are of
// the kinds found in ported NumPy code: moving averages, IIR filters, Gauss-Seidel
// sweeps, running extrema, compound interest, bit-serial loops.
#include <nd/nd.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>

static void print(const char *what, const nd::array<double> &a) {
  std::printf("%s:", what);
  for (double v : a.to_vector())
    std::printf(" %.17g", v);
  std::printf("\n");
}

// y[i] = y[i - 1] + x[i]: the running sum written in place.
void running_sum_in_place(nd::array<double> &y) {
  for (nd::index_t i = 1; i < y.size(); ++i)
    y(i) = y(i - 1) + y(i);
}

// The exponential moving average: a scalar carried along, written out each step.
nd::array<double> ema(const nd::array<double> &x, double alpha) {
  nd::array<double> out = nd::empty_like(x);
  double level = 0;
  for (nd::index_t i = 0; i < x.size(); ++i) {
    level = alpha * x(i) + (1 - alpha) * level;
    out(i) = level;
  }
  return out;
}

// A first-order IIR filter, y[i] = a * y[i - 1] + x[i].
nd::array<double> iir(const nd::array<double> &x, double a) {
  nd::array<double> y = x.copy();
  for (nd::index_t i = 1; i < y.size(); ++i)
    y(i) = a * y(i - 1) + x(i);
  return y;
}

// One Gauss-Seidel sweep of the Laplace equation: u(i - 1, j) and u(i, j - 1) are this
// sweep's values.
void gauss_seidel(nd::array<double> &u) {
  const nd::index_t n = u.shape(0), m = u.shape(1);
  for (nd::index_t i = 1; i < n - 1; ++i)
    for (nd::index_t j = 1; j < m - 1; ++j)
      u(i, j) = 0.25 * (u(i - 1, j) + u(i + 1, j) + u(i, j - 1) + u(i, j + 1));
}

// The same sweep with the read ahead first: u(i - 1, j) still makes it a recurrence.
void gauss_seidel_forward_first(nd::array<double> &u) {
  const nd::index_t n = u.shape(0), m = u.shape(1);
  for (nd::index_t i = 1; i < n - 1; ++i)
    for (nd::index_t j = 1; j < m - 1; ++j)
      u(i, j) = 0.25 * (u(i + 1, j) + u(i - 1, j) + u(i, j + 1) + u(i, j - 1));
}

// Transposing a square matrix in place: iteration (j, i) reads what (i, j) wrote.
void transpose_in_place(nd::array<double> &m) {
  for (nd::index_t i = 0; i < m.shape(0); ++i)
    for (nd::index_t j = 0; j < m.shape(1); ++j)
      m(i, j) = m(j, i);
}

// A floating-point running maximum: a scan, but std::max skips NaN where nd::cummax
// propagates it, so it stays a recurrence (nd-elementwise-loop-scans.cpp has the scans
// that are rewritten).
nd::array<double> running_max(const nd::array<double> &x) {
  nd::array<double> out = nd::empty_like(x);
  double best = -1e300;
  for (nd::index_t i = 0; i < x.size(); ++i) {
    best = std::max(best, x(i));
    out(i) = best;
  }
  return out;
}

// Compound interest: the summand reads the accumulator.
double compounding(const nd::array<double> &rate) {
  double balance = 1;
  for (nd::index_t i = 0; i < rate.size(); ++i)
    balance += balance * rate(i);
  return balance;
}

// Counting rises over a running count, and a bit-serial loop.
nd::index_t count_rising(const nd::array<nd::index_t> &x) {
  nd::index_t n = 0;
  for (nd::index_t i = 0; i < x.size(); ++i)
    if (x(i) > n)
      ++n;
  return n;
}

std::int64_t from_bits(const nd::array<std::int64_t> &bits) {
  std::int64_t v = 0;
  for (nd::index_t i = 0; i < bits.size(); ++i)
    v = 2 * v + bits(i);
  return v;
}

// A histogram, np.add.at's meaning: an index read from an array may repeat, so the
// loop is a scatter (NumPy's buffered counts[code] += 1 would count a repeat once).
nd::array<std::int64_t> histogram_of(const nd::array<std::int64_t> &code, nd::index_t k) {
  nd::array<std::int64_t> counts = nd::zeros<std::int64_t>({k});
  for (nd::index_t i = 0; i < code.size(); ++i)
    counts(code(i)) += 1;
  return counts;
}

int main() {
  for (nd::index_t n : {1, 4, 7}) {
    nd::array<double> x = nd::linspace(-1.0, 2.0, n);
    nd::array<double> y = x.copy();
    running_sum_in_place(y);
    print("running sum", y);
    print("ema", ema(x, 0.25));
    print("iir", iir(x, 0.5));
    print("running max", running_max(x));
    std::printf("compounding %.17g\n", compounding(x));
  }
  for (nd::index_t n : {3, 4}) {  // square, as the transpose needs, and Gauss-Seidel's grid
    nd::array<double> m = nd::arange<double>(n * n).reshape({n, n});
    transpose_in_place(m);
    print("transposed", m.ravel());
    nd::array<double> u = nd::linspace(0.0, 1.0, n * (n + 1)).reshape({n, n + 1});
    gauss_seidel(u);
    print("gauss-seidel", u.ravel());
    gauss_seidel_forward_first(u);
    print("gauss-seidel, forward first", u.ravel());
  }
  for (std::int64_t c : histogram_of(nd::array<std::int64_t>{2, 0, 2, 2, 1}, 4).to_vector())
    std::printf("%lld ", static_cast<long long>(c));
  std::printf("\n");
  std::printf("rising %td\n", count_rising(nd::array<nd::index_t>{1, 3, 2, 5, 4}));
  std::printf("bits %lld\n", static_cast<long long>(from_bits(nd::array<std::int64_t>{1, 0, 1, 1})));
  return 0;
}
