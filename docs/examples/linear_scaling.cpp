// The article's second slow form: a chained expression. `2.5 * x` allocates a
// temporary array, `+ 1.2` a second one. nd-chained-temporaries rewrites it into the
// out forms of the ufuncs, which compute into one buffer allocated once.
#include <nd/nd.hpp>

#include <cstdio>

int main() {
  auto rng = nd::random::default_rng(0);
  nd::array<double> x = rng.random({1'000'000});

  nd::array<double> y = 2.5 * x + 1.2;

  std::printf("sum %.6f\n", nd::sum(y));
  return 0;
}
