// nd's fused evaluation (nd::lazy / nd::eval) against nd's eager code, Eigen and xtensor
// on the cases of issue 23, all into existing buffers, with the copy ceiling measured in
// the same run. Prints one JSON object per line ({"case", "impl", "ms"}); run_fusion.py
// adds NumPy and numexpr and prints the ratios (docs/performance.md).
//
// Times are the minimum of 7 runs after a warm-up: on a shared machine the fastest run
// is the least disturbed. Eigen and xtensor run on one thread, as they do by default.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>

#include <nd/nd.hpp>

#ifdef ND_BENCH_EIGEN
#include <Eigen/Dense>
#endif
#ifdef ND_BENCH_XTENSOR
#include <xtensor/xmath.hpp>
#include <xtensor/xnoalias.hpp>
#include <xtensor/xreducer.hpp>
#include <xtensor/xtensor.hpp>
#include <xtensor/xview.hpp>
#endif

namespace {

constexpr nd::index_t n = 10'000'000, rows = 20000, cols = 1000;
const char* only = nullptr;  // argv[1]: run only the cases whose name contains it

void report(const char* name, const char* impl, const std::function<void()>& f) {
  if (only && !std::strstr(name, only)) return;
  f();
  double best = 1e300;
  for (int r = 0; r < 7; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    const auto t1 = std::chrono::steady_clock::now();
    best = std::min(best, std::chrono::duration<double, std::milli>(t1 - t0).count());
  }
  std::printf("{\"case\": \"%s\", \"impl\": \"%s\", \"ms\": %.3f}\n", name, impl, best);
  std::fflush(stdout);
}

// nd eager and fused, each on all threads and on one.
void nd_both(const char* name, const std::function<void()>& eager, const std::function<void()>& fused) {
  const int threads = nd::get_num_threads();
  report(name, "nd eager", eager);
  report(name, "nd fused", fused);
  nd::set_num_threads(1);
  report(name, "nd eager 1t", eager);
  report(name, "nd fused 1t", fused);
  nd::set_num_threads(threads);
}

void bench_nd() {
  auto rng = nd::random::default_rng(42);
  auto x = rng.random({n}), y = nd::empty<double>({n});
  auto m = rng.random({rows, cols}), out = nd::empty<double>({rows, cols});
  const int threads = nd::get_num_threads();
  report("copy", "nd", [&] { nd::copyto(y, x); });
  report("read matrix: sum(m, 0)", "nd", [&] { (void)nd::sum(m, 0); });
  nd::set_num_threads(1);
  report("copy", "nd 1t", [&] { nd::copyto(y, x); });
  report("read matrix: sum(m, 0)", "nd 1t", [&] { (void)nd::sum(m, 0); });
  nd::set_num_threads(threads);
  nd_both("2.5*x + 1.2", [&] { nd::add(2.5 * x, 1.2, y); }, [&] { nd::eval(2.5 * nd::lazy(x) + 1.2, y); });
  nd_both(
      "cubic", [&] { nd::add(0.5 * x * x * x - 1.5 * x * x + 2.0 * x, 0.7, y); },
      [&] {
        auto X = nd::lazy(x);
        nd::eval(0.5 * X * X * X - 1.5 * X * X + 2.0 * X + 0.7, y);
      });
  const auto l = x(nd::slice(0, n - 2)), c = x(nd::slice(1, n - 1)), r = x(nd::slice(2, n));
  nd_both(
      "stencil into a view", [&] { nd::add(l - 2.0 * c, r, y(nd::slice(1, n - 1))); },
      [&] { nd::eval(nd::lazy(l) - 2.0 * c + r, y(nd::slice(1, n - 1))); });
  nd_both(
      "column norms", [&] { (void)nd::sqrt(nd::sum(m * m, 0)); },
      [&] { (void)nd::sqrt(nd::sum(nd::lazy(m) * m, 0)); });
  nd_both(
      "normalise columns", [&] { nd::divide(m - nd::mean(m, 0), nd::stddev(m, 0), out); },
      [&] { nd::eval((nd::lazy(m) - nd::mean(m, 0)) / nd::stddev(m, 0), out); });
  nd_both(
      "masked where", [&] { nd::where(x > 0.5, 2.0 * x, x * x - 1.0, y); },
      [&] {
        auto X = nd::lazy(x);
        nd::eval(nd::where(X > 0.5, 2.0 * X, X * X - 1.0), y);
      });
}

// The chains of test/lit/checks/nd-chained-temporaries-fused.cpp as written ("nd eager")
// against nd-chained-temporaries' fix of each ("nd fused"), on 10M doubles: the fixed code
// must be at least 2x faster (issue 23). `nd_fusion_bench "fix:"` runs only these.
void bench_lit_fixes() {
  auto rng = nd::random::default_rng(7);
  const auto x = rng.random({n});
  const nd::array<std::int32_t> counts = (x * 100.0).astype<std::int32_t>();
  auto v = nd::zeros_like(x), y = nd::ones_like(x), dst = nd::zeros_like(x), acc = nd::full_like(x, 0.125),
       total = nd::zeros_like(x);
  double sink = 0.0;
  nd_both("fix: declaration", [&] { (void)nd::exp(-(2.5 - x) / 4.0); },
          [&] { (void)nd::eval(nd::exp(-(2.5 - nd::lazy(x)) / 4.0)); });
  nd_both("fix: polynomial", [&] { (void)(0.5 * x * x * x - 1.5 * x * x + 2.0 * x + 0.7); },
          [&] { (void)nd::eval(0.5 * nd::lazy(x) * x * x - 1.5 * nd::lazy(x) * x + 2.0 * nd::lazy(x) + 0.7); });
  nd_both("fix: promotion", [&] { (void)nd::sqrt(counts * 0.5 + 0.25); },
          [&] { (void)nd::eval(nd::sqrt(nd::lazy(counts) * 0.5 + 0.25)); });
  nd_both("fix: masked", [&] { (void)nd::where(x > 0.5, 2.0 * x, x * x - 1.0); },
          [&] { (void)nd::eval(nd::where(nd::lazy(x) > 0.5, 2.0 * nd::lazy(x), nd::lazy(x) * x - 1.0)); });
  nd_both("fix: argument", [&] { (void)nd::sqrt(x * x + 1.0); },
          [&] { (void)nd::eval(nd::sqrt(nd::lazy(x) * x + 1.0)); });
  nd_both("fix: smoothing", [&] { v = 0.75 * v + 0.25 * x * x; },
          [&] { nd::eval(0.75 * nd::lazy(v) + 0.25 * nd::lazy(x) * x, v); });
  nd_both("fix: rebind", [&] { y = nd::abs(x * 3.0 - 1.0); }, [&] { y = nd::eval(nd::abs(nd::lazy(x) * 3.0 - 1.0)); });
  nd_both("fix: copyto", [&] { nd::copyto(dst, x * x * 3.0 - 1.0); },
          [&] { nd::eval(nd::lazy(x) * x * 3.0 - 1.0, dst); });
  nd_both("fix: accumulate", [&] { acc -= x * x * 0.5; },
          [&] { nd::eval(nd::lazy(acc) - (nd::lazy(x) * x * 0.5), acc); });
  nd_both("fix: update", [&] { total += nd::sqrt(x * x + 2.0); },
          [&] { total += nd::eval(nd::sqrt(nd::lazy(x) * x + 2.0)); });
  nd_both("fix: returned", [&] { (void)nd::exp(x * 2.0 - 1.0); },
          [&] { (void)nd::eval(nd::exp(nd::lazy(x) * 2.0 - 1.0)); });
  nd_both("fix: condition", [&] { sink += nd::sum(nd::exp(x * 2.0 + 1.0)); },
          [&] { sink += nd::sum(nd::eval(nd::exp(nd::lazy(x) * 2.0 + 1.0))); });
  nd_both("fix: const", [&] { (void)nd::sqrt(x * x + 0.5); },
          [&] { (void)nd::eval(nd::sqrt(nd::lazy(x) * x + 0.5)); });
  nd_both("fix: assignment", [&] { y = nd::exp(2.5 * x + 1.2); },
          [&] { y = nd::eval(nd::exp(2.5 * nd::lazy(x) + 1.2)); });
  // A reduction over the chain: the fused sum follows eager's summation tree through one
  // cache-sized buffer, and "condition"'s fix above evaluates the whole operand first.
  nd_both("fix: reduced", [&] { sink += nd::sum(nd::exp(x * 2.0 + 1.0)); },
          [&] { sink += nd::sum(nd::exp(nd::lazy(x) * 2.0 + 1.0)); });
  nd_both("fix: mean absolute error", [&] { sink += nd::mean(nd::abs(x - v)); },
          [&] { sink += nd::mean(nd::abs(nd::lazy(x) - v)); });
  if (sink == 42.0) std::printf("\n");  // keeps the sums
}

#ifdef ND_BENCH_EIGEN
void bench_eigen() {
  using Rows = Eigen::Array<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  Eigen::ArrayXd x = Eigen::ArrayXd::Random(n), y(n);
  Rows m = Rows::Random(rows, cols), out(rows, cols);
  report("2.5*x + 1.2", "Eigen", [&] { y = 2.5 * x + 1.2; });
  report("cubic", "Eigen", [&] { y = 0.5 * x * x * x - 1.5 * x * x + 2.0 * x + 0.7; });
  report("stencil into a view", "Eigen",
         [&] { y.segment(1, n - 2) = x.head(n - 2) - 2.0 * x.segment(1, n - 2) + x.tail(n - 2); });
  Eigen::ArrayXd norms;
  report("column norms", "Eigen", [&] { norms = m.matrix().colwise().norm().array(); });
  report("normalise columns", "Eigen", [&] {
    const Eigen::Array<double, 1, Eigen::Dynamic> mu = m.colwise().mean();
    const Eigen::Array<double, 1, Eigen::Dynamic> sd = ((m.rowwise() - mu).square().colwise().mean()).sqrt();
    out = (m.rowwise() - mu).rowwise() / sd;
  });
  report("masked where", "Eigen", [&] { y = (x > 0.5).select(2.0 * x, x * x - 1.0); });
}
#endif

#ifdef ND_BENCH_XTENSOR
void bench_xtensor() {
  xt::xtensor<double, 1> x = xt::ones<double>({std::size_t(n)}) * 0.3, y = xt::zeros<double>({std::size_t(n)});
  xt::xtensor<double, 2> m = xt::ones<double>({std::size_t(rows), std::size_t(cols)}) * 0.7, out = m;
  report("2.5*x + 1.2", "xtensor", [&] { xt::noalias(y) = 2.5 * x + 1.2; });
  report("cubic", "xtensor", [&] { xt::noalias(y) = 0.5 * x * x * x - 1.5 * x * x + 2.0 * x + 0.7; });
  report("stencil into a view", "xtensor", [&] {
    xt::noalias(xt::view(y, xt::range(1, n - 1))) =
        xt::view(x, xt::range(0, n - 2)) - 2.0 * xt::view(x, xt::range(1, n - 1)) + xt::view(x, xt::range(2, n));
  });
  xt::xtensor<double, 1> norms;
  report("column norms", "xtensor", [&] { norms = xt::sqrt(xt::sum(m * m, {0})); });
  report("normalise columns", "xtensor", [&] {
    const xt::xtensor<double, 1> mu = xt::mean(m, {0});
    const xt::xtensor<double, 1> sd = xt::stddev(m, {0});
    xt::noalias(out) = (m - mu) / sd;
  });
  report("masked where", "xtensor", [&] { xt::noalias(y) = xt::where(x > 0.5, 2.0 * x, x * x - 1.0); });
}
#endif

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1) only = argv[1];
  bench_nd();
  bench_lit_fixes();
#ifdef ND_BENCH_EIGEN
  bench_eigen();
#endif
#ifdef ND_BENCH_XTENSOR
  bench_xtensor();
#endif
}
