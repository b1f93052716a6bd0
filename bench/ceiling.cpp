// The machine's ceiling: what memory allows for the bytes a case must move. A single
// fused read-and-write pass (y = a*x + b in one plain loop, which the compiler
// vectorises) and memcpy, over the same bytes as the article's 10M-element case. Both
// run on nd::get_num_threads() threads (ND_NUM_THREADS), each on a contiguous share,
// so that the ceiling of an N-thread run is measured on N threads.
#include <benchmark/benchmark.h>

#include <cstring>
#include <thread>
#include <vector>

#include "cases.hpp"

namespace {

// Runs f(begin, end) over [0, n) split in equal shares among the threads (the calling
// one included). Starting the threads costs tens of microseconds per iteration, under
// 1% of these cases.
template <class F>
void on_threads(nd::index_t n, F&& f) {
  const int threads = nd::get_num_threads();
  const nd::index_t share = (n + threads - 1) / threads;
  std::vector<std::thread> team;
  for (int t = 1; t < threads; ++t)
    team.emplace_back([&, t] { f(std::min(n, t * share), std::min(n, (t + 1) * share)); });
  f(0, std::min(n, share));
  for (auto& th : team) th.join();
}

void ceiling_fused_pass_f64(benchmark::State& state) {
  auto x = bench::uniform<double>({bench::kChainedSize});
  auto y = nd::empty_like(x);
  const double* __restrict xs = x.data();
  double* __restrict ys = y.data();
  const nd::index_t n = x.size();
  for (auto _ : state) {
    on_threads(n, [&](nd::index_t begin, nd::index_t end) {
      for (nd::index_t i = begin; i < end; ++i) ys[i] = 2.5 * xs[i] + 1.2;
    });
    benchmark::DoNotOptimize(ys);
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(state.iterations() * n * 2 * static_cast<int64_t>(sizeof(double)));
}

void ceiling_memcpy_f64(benchmark::State& state) {
  auto x = bench::uniform<double>({bench::kChainedSize});
  auto y = nd::empty_like(x);
  for (auto _ : state) {
    on_threads(x.size(), [&](nd::index_t begin, nd::index_t end) {
      std::memcpy(y.data() + begin, x.data() + begin, sizeof(double) * static_cast<std::size_t>(end - begin));
    });
    benchmark::DoNotOptimize(y.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(state.iterations() * x.size() * 2 * static_cast<int64_t>(sizeof(double)));
}

}  // namespace

BENCHMARK(ceiling_fused_pass_f64)->Name("ceiling_fused_pass_f64")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(ceiling_memcpy_f64)->Name("ceiling_memcpy_f64")->Unit(benchmark::kMillisecond)->UseRealTime();
