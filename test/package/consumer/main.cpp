// Uses the installed nd runtime (nd::nd), and has one finding for each of two nd
// checks, which the test expects in the build log: a gather that downsamples
// (nd-gather-downsampling) and a chain of temporaries (nd-chained-temporaries). The
// third, nd-elementwise-loop, is in total.hpp, shown only where the header filter lets it.
#include "total.hpp"

#include <nd/nd.hpp>

#include <cstdio>

extern "C" const char* nd_consumer_greeting(void);

int main() {
  // m(i, j) = 8 i + j, a 6 x 8 matrix; every other row and column: rows 0, 2, 4 and
  // columns 0, 2, 4, 6, whose sum is 4 * 8 * (0 + 2 + 4) + 3 * (0 + 2 + 4 + 6) = 228.
  auto m = nd::arange<double>(0, 48).reshape({6, 8});
  auto rows = nd::arange(0, m.shape(0), 2);
  auto cols = nd::arange(0, m.shape(1), 2);
  auto sub = m(rows(nd::all, nd::newaxis), cols);
  // 2 * sub + 1 (all positive, so abs keeps it) sums to 2 * 228 + 12 = 468. The runtime
  // computes `+ 1.0` into the product's temporary, but abs allocates again: two arrays
  // where the out forms need one.
  nd::array<double> scaled = nd::abs(2.0 * sub + 1.0);
  std::printf("%s: %lld x %lld, sum %.17g, scaled sum %.17g\n", nd_consumer_greeting(),
              static_cast<long long>(sub.shape(0)), static_cast<long long>(sub.shape(1)),
              total(sub), nd::sum(scaled));
  return 0;
}
