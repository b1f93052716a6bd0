// nd's sort and cumsum cases (numpy_bench.py has NumPy's side, same names and sizes):
// nd::sort of uniform doubles (a sorted copy, like np.sort) and nd::cumsum of 10M
// doubles (sequential, like np.cumsum).
#include <benchmark/benchmark.h>

#include "cases.hpp"

namespace {

void sort_f64(benchmark::State& state) {
  const auto x = bench::uniform<double>({state.range(0)});
  for (auto _ : state) {
    auto s = nd::sort(x);
    benchmark::DoNotOptimize(s.data());
  }
}

void cumsum_f64(benchmark::State& state) {
  const auto x = bench::uniform<double>({bench::kCumsumSize});
  for (auto _ : state) {
    auto s = nd::cumsum(x);
    benchmark::DoNotOptimize(s.data());
  }
}

}  // namespace

BENCHMARK(sort_f64)->Name("sort_1m_f64")->Arg(bench::kSortSmall)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(sort_f64)->Name("sort_10m_f64")->Arg(bench::kSortLarge)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(cumsum_f64)->Name("cumsum_10m_f64")->Unit(benchmark::kMillisecond)->UseRealTime();
