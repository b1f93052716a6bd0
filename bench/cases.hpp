// Sizes shared by the nd benchmarks; numpy_bench.py uses the same numbers.
#pragma once

#include <nd/nd.hpp>

namespace bench {

// The article's sizes.
inline constexpr nd::index_t kNormRows = 50000, kNormCols = 1000;   // column normalisation
inline constexpr nd::index_t kChainedSize = 10'000'000;             // 2.5 * x + 1.2
inline constexpr nd::index_t kGatherSide = 10000;                    // downsampling
// The other cases.
inline constexpr nd::index_t kRedRows = 5000, kRedCols = 2000;       // reductions, broadcasting
inline constexpr nd::index_t kStridedSize = 20'000'000;              // x[::2] * 2
inline constexpr nd::index_t kMaskSize = 10'000'000;                 // x[x > 0.5]
inline constexpr nd::index_t kStencilSize = 10'000'000;              // u[:-2] - 2 * u[1:-1] + u[2:]
inline constexpr nd::index_t kSortSmall = 1'000'000, kSortLarge = 10'000'000;  // sort
inline constexpr nd::index_t kCumsumSize = 10'000'000;                       // cumsum
inline constexpr nd::index_t kTranscendentalSize = 10'000'000;               // tanh, exp, log
// Square matrix products (n x n doubles).
inline constexpr nd::index_t kMatmulSmall = 256, kMatmulMedium = 1024, kMatmulLarge = 2048;
// Small arrays, below the parallel grain: 1000 elements.
inline constexpr nd::index_t kSmallSize = 1000;
inline constexpr nd::index_t kSmallRows = 40, kSmallCols = 25;

template <class T>
nd::array<T> uniform(const nd::shape_t& shape, std::uint64_t seed = 42) {
  return nd::random::default_rng(seed).random(shape).template astype<T>();
}

}  // namespace bench
