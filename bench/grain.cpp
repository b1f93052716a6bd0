// Measures the parallel grain (docs/runtime.md, "Threads"): `out = x + y` into an
// existing array, n elements, which run.py does not time. Run it on one thread and on
// all threads with the grain lowered, and find the n from which the threads win:
//
//   ND_NUM_THREADS=1 nd_bench --benchmark_filter=grain_
//   ND_PARALLEL_GRAIN=256 nd_bench --benchmark_filter=grain_
#include <benchmark/benchmark.h>

#include "cases.hpp"

namespace {

void grain_add_f64(benchmark::State& state) {
  const nd::index_t n = state.range(0);
  auto x = bench::uniform<double>({n}), y = bench::uniform<double>({n}, 7);
  auto out = nd::empty_like(x);
  for (auto _ : state) {
    nd::add(x, y, out);
    benchmark::DoNotOptimize(out.data());
  }
}

void grain_sum_f64(benchmark::State& state) {
  const nd::index_t n = state.range(0);
  auto x = bench::uniform<double>({n});
  for (auto _ : state) benchmark::DoNotOptimize(nd::sum(x));
}

}  // namespace

BENCHMARK(grain_add_f64)->Name("grain_add_f64")->RangeMultiplier(2)->Range(2048, 1 << 19)->Unit(benchmark::kMicrosecond);
BENCHMARK(grain_sum_f64)->Name("grain_sum_f64")->RangeMultiplier(2)->Range(2048, 1 << 19)->Unit(benchmark::kMicrosecond);
