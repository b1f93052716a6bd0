// nd's transcendental cases (numpy_bench.py has NumPy's side, same names and sizes):
// nd::tanh, nd::exp and nd::log of 10M uniform [0, 1) values, float64 and float32,
// each into a new array (as np.tanh(x)).
#include <benchmark/benchmark.h>

#include "cases.hpp"

namespace {

template <class T, int Op>
void transcendental(benchmark::State& state) {
  // log's argument is kept off 0 (uniform is [0, 1)); tanh and exp take it as it is.
  const auto x = Op == 2 ? nd::add(bench::uniform<T>({bench::kTranscendentalSize}), T(0.5))
                         : bench::uniform<T>({bench::kTranscendentalSize});
  for (auto _ : state) {
    auto r = Op == 0 ? nd::tanh(x) : Op == 1 ? nd::exp(x) : nd::log(x);
    benchmark::DoNotOptimize(r.data());
  }
}

}  // namespace

#define ND_BENCH_TRANSCENDENTAL(name, T, op) \
  BENCHMARK(transcendental<T, op>)->Name(name)->Unit(benchmark::kMillisecond)->UseRealTime();
ND_BENCH_TRANSCENDENTAL("tanh_10m_f64", double, 0)
ND_BENCH_TRANSCENDENTAL("tanh_10m_f32", float, 0)
ND_BENCH_TRANSCENDENTAL("exp_10m_f64", double, 1)
ND_BENCH_TRANSCENDENTAL("exp_10m_f32", float, 1)
ND_BENCH_TRANSCENDENTAL("log_10m_f64", double, 2)
ND_BENCH_TRANSCENDENTAL("log_10m_f32", float, 2)
