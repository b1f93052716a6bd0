// The article's slow forms written in C++ against nd, next to the code the checks
// rewrite them into. These are the speedups the docs/checks/ pages quote. (The gather
// and its two fixes are the table's gather_f64, slice_view_f64 and slice_copy_f64.)
#include <benchmark/benchmark.h>

#include <algorithm>

#include "cases.hpp"

namespace {

// nd-elementwise-loop: the article's column normalisation as an element loop ...
void slow_loop_colnorm_f64(benchmark::State& state) {
  auto matrix = bench::uniform<double>({bench::kNormRows, bench::kNormCols});
  for (auto _ : state) {
    nd::array<double> res = matrix.copy();
    for (nd::index_t col = 0; col < matrix.shape(1); ++col) {
      double col_mean = nd::mean(matrix(nd::all, col));
      double col_std = nd::stddev(matrix(nd::all, col));
      for (nd::index_t row = 0; row < matrix.shape(0); ++row)
        res(row, col) = (matrix(row, col) - col_mean) / col_std;
    }
    benchmark::DoNotOptimize(res.data());
  }
}

// ... the check's fix, which folds the expression into res's declaration ...
void fixed_loop_colnorm_f64(benchmark::State& state) {
  auto matrix = bench::uniform<double>({bench::kNormRows, bench::kNormCols});
  for (auto _ : state) {
    nd::array<double> res = (matrix - nd::mean(matrix, 0)) / nd::stddev(matrix, 0);
    benchmark::DoNotOptimize(res.data());
  }
}

// ... and the fix it gave before, which kept the copy and wrote over it.
void copyto_loop_colnorm_f64(benchmark::State& state) {
  auto matrix = bench::uniform<double>({bench::kNormRows, bench::kNormCols});
  for (auto _ : state) {
    nd::array<double> res = matrix.copy();
    nd::copyto(res, (matrix - nd::mean(matrix, 0)) / nd::stddev(matrix, 0));
    benchmark::DoNotOptimize(res.data());
  }
}

// nd-chained-temporaries, evaluated once in a program: every array is new memory, so
// the allocator's cache of freed blocks is emptied (untimed) before each evaluation.
template <int Form>
void chained_once_f64(benchmark::State& state) {
  auto x = bench::uniform<double>({bench::kChainedSize});
  for (auto _ : state) {
    state.PauseTiming();
    nd::detail::release_cached_blocks();
    state.ResumeTiming();
    nd::array<double> y;
    if constexpr (Form == 0) {  // the slow form
      y = 2.5 * x + 1.2;
    } else if constexpr (Form == 1) {  // the rebind fix
      y = nd::multiply(x, 2.5);
      nd::add(y, 1.2, y);
    } else {  // the declaration fix
      y = nd::empty_like(x);
      nd::multiply(x, 2.5, y);
      nd::add(y, 1.2, y);
    }
    benchmark::DoNotOptimize(y.data());
    state.PauseTiming();
    y = nd::array<double>();
    state.ResumeTiming();
  }
}

constexpr int kLoopIterations = 100;

// nd-chained-temporaries: the article's 2.5 * x + 1.2, 100 times in a loop ...
void slow_chained_loop_f64(benchmark::State& state) {
  auto x = bench::uniform<double>({bench::kChainedSize});
  nd::array<double> y;
  for (auto _ : state) {
    for (int it = 0; it < kLoopIterations; ++it) {
      y = 2.5 * x + 1.2;
      benchmark::DoNotOptimize(y.data());
    }
  }
}

// ... the always-safe fix: rebind once, then work in place (one allocation, not two) ...
void rebind_fix_loop_f64(benchmark::State& state) {
  auto x = bench::uniform<double>({bench::kChainedSize});
  nd::array<double> y;
  for (auto _ : state) {
    for (int it = 0; it < kLoopIterations; ++it) {
      y = nd::multiply(x, 2.5);
      nd::add(y, 1.2, y);
      benchmark::DoNotOptimize(y.data());
    }
  }
}

// ... and the fix when y provably has the result's shape and nobody else sees it.
void out_fix_loop_f64(benchmark::State& state) {
  auto x = bench::uniform<double>({bench::kChainedSize});
  nd::array<double> y = nd::empty_like(x);
  for (auto _ : state) {
    for (int it = 0; it < kLoopIterations; ++it) {
      nd::multiply(x, 2.5, y);
      nd::add(y, 1.2, y);
      benchmark::DoNotOptimize(y.data());
    }
  }
}


// nd-elementwise-loop's best forms. A clamp, as a loop ...
void slow_loop_clamp_f64(benchmark::State& state) {
  auto x = bench::uniform<double>({bench::kChainedSize});
  nd::array<double> y = nd::empty_like(x);
  for (auto _ : state) {
    for (nd::index_t i = 0; i < x.size(); ++i) y(i) = std::min(std::max(x(i), 0.25), 0.75);
    benchmark::DoNotOptimize(y.data());
  }
}

// ... as the two nd::where it became before (std::max, then std::min, exactly) ...
void where_clamp_f64(benchmark::State& state) {
  auto x = bench::uniform<double>({bench::kChainedSize});
  nd::array<double> y = nd::empty_like(x);
  for (auto _ : state) {
    nd::where(x < 0.25, 0.25, x, y);
    nd::where(0.75 < y, 0.75, y, y);
    benchmark::DoNotOptimize(y.data());
  }
}

// ... and as nd::clip, one pass.
void clip_clamp_f64(benchmark::State& state) {
  auto x = bench::uniform<double>({bench::kChainedSize});
  nd::array<double> y = nd::empty_like(x);
  for (auto _ : state) {
    nd::clip(x, 0.25, 0.75, y);
    benchmark::DoNotOptimize(y.data());
  }
}

// A squared norm: the loop, nd::sum of a temporary (the fix before), nd::vdot.
template <int Form>
void squared_norm_f64(benchmark::State& state) {
  auto x = bench::uniform<double>({bench::kChainedSize});
  for (auto _ : state) {
    double s = 0;
    if constexpr (Form == 0) {
      for (nd::index_t i = 0; i < x.size(); ++i) s += x(i) * x(i);
    } else if constexpr (Form == 1) {
      s = nd::sum(x * x);
    } else {
      s = nd::vdot(x, x);
    }
    benchmark::DoNotOptimize(s);
  }
}

}  // namespace

BENCHMARK(slow_loop_colnorm_f64)->Name("slow_loop_colnorm_f64")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(fixed_loop_colnorm_f64)->Name("fixed_loop_colnorm_f64")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(copyto_loop_colnorm_f64)->Name("copyto_loop_colnorm_f64")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(slow_chained_loop_f64)->Name("slow_chained_loop100_f64")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(rebind_fix_loop_f64)->Name("rebind_fix_loop100_f64")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(out_fix_loop_f64)->Name("out_fix_loop100_f64")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(chained_once_f64<0>)->Name("slow_chained_once_f64")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(chained_once_f64<1>)->Name("rebind_fix_once_f64")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(chained_once_f64<2>)->Name("out_fix_once_f64")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(slow_loop_clamp_f64)->Name("slow_loop_clamp_f64")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(where_clamp_f64)->Name("where_clamp_f64")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(clip_clamp_f64)->Name("clip_clamp_f64")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(squared_norm_f64<0>)->Name("slow_loop_squared_norm_f64")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(squared_norm_f64<1>)->Name("sum_squared_norm_f64")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(squared_norm_f64<2>)->Name("vdot_squared_norm_f64")->Unit(benchmark::kMillisecond)->UseRealTime();
