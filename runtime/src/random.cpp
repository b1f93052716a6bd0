// xoshiro256** (Blackman and Vigna, 2018): 256 bits of state, period 2^256 - 1, passes
// BigCrush, and about a nanosecond per 64-bit output, so the fills below are limited
// by memory bandwidth rather than by the generator.
#include <cmath>
#include <random>

#include "nd/random.hpp"

namespace nd::random {
namespace {

std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

// splitmix64 spreads a seed over the whole state; the xoshiro authors recommend it
// because it never yields the all-zero state from distinct seeds in practice.
std::uint64_t splitmix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// The state in four locals, so fill loops keep it in registers.
struct xoshiro_state {
  std::uint64_t s0, s1, s2, s3;
  std::uint64_t next() {
    const std::uint64_t result = rotl(s1 * 5, 7) * 9;
    const std::uint64_t t = s1 << 17;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 45);
    return result;
  }
};

// The top 53 bits as a double in [0, 1): every representable multiple of 2^-53.
double to_unit_double(std::uint64_t bits) { return static_cast<double>(bits >> 11) * 0x1.0p-53; }

// Lemire's nearly divisionless unbiased integer in [0, range).
std::uint64_t bounded(xoshiro_state& s, std::uint64_t range) {
  unsigned __int128 m = static_cast<unsigned __int128>(s.next()) * range;
  std::uint64_t low = static_cast<std::uint64_t>(m);
  if (low < range) {
    const std::uint64_t threshold = (0 - range) % range;
    while (low < threshold) {
      m = static_cast<unsigned __int128>(s.next()) * range;
      low = static_cast<std::uint64_t>(m);
    }
  }
  return static_cast<std::uint64_t>(m >> 64);
}

void check_bounds(std::int64_t lo, std::int64_t hi) {
  if (lo >= hi)
    throw value_error("low >= high: integers(low, high) needs low < high, found low " + std::to_string(lo) +
                      " and high " + std::to_string(hi));
}

void check_scale(double sd) {
  if (!(sd >= 0)) throw value_error("scale < 0: normal(mean, sd) needs sd >= 0, found " + std::to_string(sd));
}

}  // namespace

generator::generator(std::uint64_t seed) {
  for (std::uint64_t& word : state_) word = splitmix64(seed);
}

std::uint64_t generator::next_u64() {
  xoshiro_state s{state_[0], state_[1], state_[2], state_[3]};
  std::uint64_t r = s.next();
  state_[0] = s.s0, state_[1] = s.s1, state_[2] = s.s2, state_[3] = s.s3;
  return r;
}

double generator::random() { return to_unit_double(next_u64()); }

array<double> generator::random(const shape_t& shape) {
  array<double> out{shape};
  xoshiro_state s{state_[0], state_[1], state_[2], state_[3]};
  double* p = out.data();
  for (index_t i = 0, n = out.size(); i < n; ++i) p[i] = to_unit_double(s.next());
  state_[0] = s.s0, state_[1] = s.s1, state_[2] = s.s2, state_[3] = s.s3;
  return out;
}

double generator::next_normal() {
  if (has_spare_normal_) {
    has_spare_normal_ = false;
    return spare_normal_;
  }
  // Marsaglia's polar method: a point uniform in the unit disc gives two independent
  // standard normals.
  double u, v, r2;
  do {
    u = 2.0 * random() - 1.0;
    v = 2.0 * random() - 1.0;
    r2 = u * u + v * v;
  } while (r2 >= 1.0 || r2 == 0.0);
  const double factor = std::sqrt(-2.0 * std::log(r2) / r2);
  spare_normal_ = v * factor;
  has_spare_normal_ = true;
  return u * factor;
}

double generator::normal(double mean, double sd) {
  check_scale(sd);
  return mean + sd * next_normal();
}

array<double> generator::normal(double mean, double sd, const shape_t& shape) {
  check_scale(sd);
  array<double> out{shape};
  double* p = out.data();
  for (index_t i = 0, n = out.size(); i < n; ++i) p[i] = mean + sd * next_normal();
  return out;
}

std::int64_t generator::integers(std::int64_t lo, std::int64_t hi) {
  check_bounds(lo, hi);
  xoshiro_state s{state_[0], state_[1], state_[2], state_[3]};
  // hi - lo in unsigned arithmetic cannot overflow, even for the full int64 range.
  const std::uint64_t range = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);
  std::int64_t r = static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) + bounded(s, range));
  state_[0] = s.s0, state_[1] = s.s1, state_[2] = s.s2, state_[3] = s.s3;
  return r;
}

array<std::int64_t> generator::integers(std::int64_t lo, std::int64_t hi, const shape_t& shape) {
  check_bounds(lo, hi);
  array<std::int64_t> out{shape};
  const std::uint64_t range = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);
  xoshiro_state s{state_[0], state_[1], state_[2], state_[3]};
  std::int64_t* p = out.data();
  for (index_t i = 0, n = out.size(); i < n; ++i)
    p[i] = static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) + bounded(s, range));
  state_[0] = s.s0, state_[1] = s.s1, state_[2] = s.s2, state_[3] = s.s3;
  return out;
}

generator default_rng() {
  std::random_device device;
  std::uint64_t seed = (static_cast<std::uint64_t>(device()) << 32) ^ device();
  return generator(seed);
}

}  // namespace nd::random
