// nd's side of the benchmark table: every case of numpy_bench.py, same names, same
// sizes. run.py runs both in one go and reports ratios.
#include <benchmark/benchmark.h>

#include "cases.hpp"

namespace {

using bench::uniform;

void colnorm_f64(benchmark::State& state) {
  auto m = uniform<double>({bench::kNormRows, bench::kNormCols});
  for (auto _ : state) {
    auto res = (m - nd::mean(m, 0)) / nd::stddev(m, 0);
    benchmark::DoNotOptimize(res.data());
  }
}

template <class T>
void chained(benchmark::State& state) {
  auto x = uniform<T>({bench::kChainedSize});
  for (auto _ : state) {
    auto y = 2.5 * x + 1.2;
    benchmark::DoNotOptimize(y.data());
  }
}

template <class T>
void out_form(benchmark::State& state) {
  auto x = uniform<T>({bench::kChainedSize});
  auto y = nd::empty_like(x);
  for (auto _ : state) {
    nd::multiply(x, 2.5, y);
    nd::add(y, 1.2, y);
    benchmark::DoNotOptimize(y.data());
  }
}

void gather_f64(benchmark::State& state) {
  auto m = uniform<double>({bench::kGatherSide, bench::kGatherSide});
  for (auto _ : state) {
    auto rows = nd::arange(0, m.shape(0), 2);
    auto cols = nd::arange(0, m.shape(1), 2);
    auto sub = m(rows(nd::all, nd::newaxis), cols);
    benchmark::DoNotOptimize(sub.data());
  }
}

void slice_view_f64(benchmark::State& state) {
  auto m = uniform<double>({bench::kGatherSide, bench::kGatherSide});
  for (auto _ : state) {
    auto sub = m(nd::slice(0, nd::none, 2), nd::slice(0, nd::none, 2));
    benchmark::DoNotOptimize(sub.data());
  }
}

void slice_copy_f64(benchmark::State& state) {
  auto m = uniform<double>({bench::kGatherSide, bench::kGatherSide});
  for (auto _ : state) {
    auto sub = m(nd::slice(0, nd::none, 2), nd::slice(0, nd::none, 2)).copy();
    benchmark::DoNotOptimize(sub.data());
  }
}

// Reductions along an axis: op 0 sum, 1 mean, 2 std.
template <int Op, int Axis>
void reduce_axis(benchmark::State& state) {
  auto m = uniform<double>({bench::kRedRows, bench::kRedCols});
  for (auto _ : state) {
    nd::array<double> r;
    if constexpr (Op == 0) r = nd::sum(m, Axis);
    else if constexpr (Op == 1) r = nd::mean(m, Axis);
    else r = nd::stddev(m, Axis);
    benchmark::DoNotOptimize(r.data());
  }
}

// The "mean+std along axis 0": both statistics of one matrix, as
// normalisation code computes them.
void mean_std_axis0_f64(benchmark::State& state) {
  auto m = uniform<double>({bench::kRedRows, bench::kRedCols});
  for (auto _ : state) {
    auto mu = nd::mean(m, 0);
    auto sd = nd::stddev(m, 0);
    benchmark::DoNotOptimize(mu.data());
    benchmark::DoNotOptimize(sd.data());
  }
}

template <class T>
void broadcast_row(benchmark::State& state) {
  auto m = uniform<T>({bench::kRedRows, bench::kRedCols});
  auto v = uniform<T>({bench::kRedCols}, 7);
  for (auto _ : state) {
    auto r = m + v;
    benchmark::DoNotOptimize(r.data());
  }
}

template <class T>
void broadcast_col(benchmark::State& state) {
  auto m = uniform<T>({bench::kRedRows, bench::kRedCols});
  auto v = uniform<T>({bench::kRedRows, 1}, 7);
  for (auto _ : state) {
    auto r = m + v;
    benchmark::DoNotOptimize(r.data());
  }
}

template <class T>
void strided_ufunc(benchmark::State& state) {
  auto x = uniform<T>({bench::kStridedSize});
  for (auto _ : state) {
    auto r = x(nd::slice(0, nd::none, 2)) * 2.0;
    benchmark::DoNotOptimize(r.data());
  }
}

void mask_select_f64(benchmark::State& state) {
  auto x = uniform<double>({bench::kMaskSize});
  for (auto _ : state) {
    auto r = x(x > 0.5);
    benchmark::DoNotOptimize(r.data());
  }
}

// The second difference of a 1-D array, as an element loop (nd-elementwise-loop's
// stencil form) ...
void slow_loop_stencil_f64(benchmark::State& state) {
  auto u = uniform<double>({bench::kStencilSize});
  auto d2 = nd::zeros_like(u);
  const nd::index_t n = u.size();
  for (auto _ : state) {
    for (nd::index_t i = 1; i < n - 1; ++i)
      d2(i) = u(i - 1) - 2.0 * u(i) + u(i + 1);
    benchmark::DoNotOptimize(d2.data());
  }
}

// ... and as the check's fix writes it where d2 owns its buffer (its lit test
// nd-elementwise-loop-stencil.cpp; here d2.data() escapes to the benchmark, so the check
// would only report the loop): the out forms over slices, into d2's interior. NumPy's
// case is u[:-2] - 2 * u[1:-1] + u[2:], which allocates its result.
void stencil_f64(benchmark::State& state) {
  auto u = uniform<double>({bench::kStencilSize});
  auto d2 = nd::zeros_like(u);
  for (auto _ : state) {
    nd::multiply(2.0, u(nd::slice(1, -1)), d2(nd::slice(1, -1)));
    nd::subtract(u(nd::slice(0, -2)), d2(nd::slice(1, -1)), d2(nd::slice(1, -1)));
    nd::add(d2(nd::slice(1, -1)), u(nd::slice(2, nd::none)), d2(nd::slice(1, -1)));
    benchmark::DoNotOptimize(d2.data());
  }
}

// 1000-element forms: small enough that no loop is split among threads (the grain), so
// all-threads time must equal one thread's.
void small_chained_f64(benchmark::State& state) {
  auto x = uniform<double>({bench::kSmallSize});
  for (auto _ : state) {
    auto y = 2.5 * x + 1.2;
    benchmark::DoNotOptimize(y.data());
  }
}

void small_sum_f64(benchmark::State& state) {
  auto x = uniform<double>({bench::kSmallSize});
  for (auto _ : state) benchmark::DoNotOptimize(nd::sum(x));
}

void small_std_axis0_f64(benchmark::State& state) {
  auto m = uniform<double>({bench::kSmallRows, bench::kSmallCols});
  for (auto _ : state) {
    auto r = nd::stddev(m, 0);
    benchmark::DoNotOptimize(r.data());
  }
}

// C = A B of n x n doubles (CBLAS through OpenBLAS, tiled over nd's threads).
template <nd::index_t N>
void matmul_f64(benchmark::State& state) {
  auto a = uniform<double>({N, N}, 1);
  auto b = uniform<double>({N, N}, 2);
  for (auto _ : state) {
    auto c = nd::matmul(a, b);
    benchmark::DoNotOptimize(c.data());
  }
}

}  // namespace

#define ND_BENCH(fn, name) BENCHMARK(fn)->Name(name)->Unit(benchmark::kMillisecond)->UseRealTime()

ND_BENCH(colnorm_f64, "colnorm_f64");
ND_BENCH(chained<double>, "chained_f64");
ND_BENCH(chained<float>, "chained_f32");
ND_BENCH(out_form<double>, "out_f64");
ND_BENCH(out_form<float>, "out_f32");
ND_BENCH(gather_f64, "gather_f64");
BENCHMARK(slice_view_f64)->Name("slice_view_f64")->Unit(benchmark::kMicrosecond)->UseRealTime();
ND_BENCH(slice_copy_f64, "slice_copy_f64");
ND_BENCH((reduce_axis<0, 0>), "sum_axis0_f64");
ND_BENCH((reduce_axis<0, 1>), "sum_axis1_f64");
ND_BENCH((reduce_axis<1, 0>), "mean_axis0_f64");
ND_BENCH((reduce_axis<1, 1>), "mean_axis1_f64");
ND_BENCH((reduce_axis<2, 0>), "std_axis0_f64");
ND_BENCH((reduce_axis<2, 1>), "std_axis1_f64");
ND_BENCH(mean_std_axis0_f64, "mean_std_axis0_f64");
ND_BENCH(broadcast_row<double>, "broadcast_row_f64");
ND_BENCH(broadcast_col<double>, "broadcast_col_f64");
ND_BENCH(broadcast_row<float>, "broadcast_row_f32");
ND_BENCH(broadcast_col<float>, "broadcast_col_f32");
ND_BENCH(strided_ufunc<double>, "strided_ufunc_f64");
ND_BENCH(strided_ufunc<float>, "strided_ufunc_f32");
ND_BENCH(mask_select_f64, "mask_select_f64");
ND_BENCH(stencil_f64, "stencil_f64");
ND_BENCH(slow_loop_stencil_f64, "slow_loop_stencil_f64");
BENCHMARK(small_chained_f64)->Name("small_chained_f64")->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(small_sum_f64)->Name("small_sum_f64")->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(small_std_axis0_f64)->Name("small_std_axis0_f64")->Unit(benchmark::kMicrosecond)->UseRealTime();

ND_BENCH(matmul_f64<bench::kMatmulSmall>, "matmul_256_f64");
ND_BENCH(matmul_f64<bench::kMatmulMedium>, "matmul_1024_f64");
ND_BENCH(matmul_f64<bench::kMatmulLarge>, "matmul_2048_f64");

BENCHMARK_MAIN();
