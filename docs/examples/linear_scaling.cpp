// The article's second slow form: a chained expression recomputed into an array that
// already has a buffer. Every `y = 2.5 * x + 1.2;` allocates a fresh array and frees
// y's old buffer (nd computes `+ 1.2` into the temporary of `2.5 * x`, so it is one
// allocation, not two). nd-chained-temporaries rewrites it into the out forms of the
// ufuncs, as the article does with `np.multiply(x, scale, out=y)` and
// `np.add(y, offset, out=y)`: y's buffer, allocated once, is reused in every step.
#include <nd/nd.hpp>

#include <cstdio>

int main() {
  auto rng = nd::random::default_rng(0);
  nd::array<double> x = rng.random({1'000'000});
  nd::array<double> y = nd::empty_like(x);

  double total = 0.0;
  for (int step = 0; step < 100; ++step) {
    y = 2.5 * x + 1.2;
    total += nd::sum(y);
    x += 0.001;
  }

  std::printf("total %.6f\n", total);
  return 0;
}
