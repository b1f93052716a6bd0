// Random numbers: nd::random::default_rng(seed), NumPy's Generator interface.
//
//   auto rng = nd::random::default_rng(42);
//   nd::array<double> u = rng.random({3, 4});          // uniform [0, 1)
//   nd::array<double> z = rng.normal(0.0, 2.0, 1000);  // mean 0, standard deviation 2
//   nd::array<int64_t> k = rng.integers(0, 10, {5});    // uniform integers in [0, 10)
//
// The stream is deterministic for a seed but is NOT NumPy's: the generator is
// xoshiro256** (seeded through splitmix64), not PCG64, so the same seed gives different
// numbers than np.random.default_rng(seed). Doubles carry 53 random bits; bounded
// integers are unbiased (Lemire's method); normals use Marsaglia's polar method.
#pragma once
// IWYU pragma: private, include <nd/nd.hpp>

#include <cstdint>
#include <string>
#include <type_traits>

#include "nd/array.hpp"

namespace nd::random {

class generator {
 public:
  explicit generator(std::uint64_t seed);

  // Uniform doubles in [0, 1) (rng.random(size)); the scalar form draws one.
  array<double> random(const shape_t& shape);
  double random();

  // Normal deviates with mean `mean` and standard deviation `sd` >= 0
  // (rng.normal(loc, scale, size)). sd < 0 or NaN throws value_error.
  array<double> normal(double mean, double sd, const shape_t& shape);
  double normal(double mean = 0.0, double sd = 1.0);

  // Uniform integers in [lo, hi) (rng.integers(low, high, size)); lo >= hi throws
  // value_error.
  array<std::int64_t> integers(std::int64_t lo, std::int64_t hi, const shape_t& shape);
  std::int64_t integers(std::int64_t lo, std::int64_t hi);

  // The next raw 64 random bits.
  std::uint64_t next_u64();

 private:
  double next_normal();
  std::uint64_t state_[4];
  // The polar method makes deviates in pairs; the second waits here.
  bool has_spare_normal_ = false;
  double spare_normal_ = 0.0;
};

// A generator seeded with `seed` (np.random.default_rng(seed)); a negative seed throws
// value_error, as in NumPy.
template <class Seed>
  requires std::is_integral_v<Seed>
generator default_rng(Seed seed) {
  if constexpr (std::is_signed_v<Seed>) {
    if (seed < 0) throw value_error("expected non-negative integer seed, found " + std::to_string(seed));
  }
  return generator(static_cast<std::uint64_t>(seed));
}

// A generator seeded from std::random_device (np.random.default_rng()).
generator default_rng();

}  // namespace nd::random
