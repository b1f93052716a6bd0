// The machine's ceiling: what memory allows for the bytes a case must move. A single
// fused read-and-write pass (y = a*x + b in one plain loop, which the compiler
// vectorises) and memcpy, over the same bytes as the article's 10M-element case.
#include <benchmark/benchmark.h>

#include <cstring>
#include <vector>

#include "cases.hpp"

namespace {

void ceiling_fused_pass_f64(benchmark::State& state) {
  auto x = bench::uniform<double>({bench::kChainedSize});
  auto y = nd::empty_like(x);
  const double* __restrict xs = x.data();
  double* __restrict ys = y.data();
  const nd::index_t n = x.size();
  for (auto _ : state) {
    for (nd::index_t i = 0; i < n; ++i) ys[i] = 2.5 * xs[i] + 1.2;
    benchmark::DoNotOptimize(ys);
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(state.iterations() * n * 2 * static_cast<int64_t>(sizeof(double)));
}

void ceiling_memcpy_f64(benchmark::State& state) {
  auto x = bench::uniform<double>({bench::kChainedSize});
  auto y = nd::empty_like(x);
  for (auto _ : state) {
    std::memcpy(y.data(), x.data(), sizeof(double) * static_cast<std::size_t>(x.size()));
    benchmark::DoNotOptimize(y.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(state.iterations() * x.size() * 2 * static_cast<int64_t>(sizeof(double)));
}

}  // namespace

BENCHMARK(ceiling_fused_pass_f64)->Name("ceiling_fused_pass_f64")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(ceiling_memcpy_f64)->Name("ceiling_memcpy_f64")->Unit(benchmark::kMillisecond)->UseRealTime();
