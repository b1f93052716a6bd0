// The article's third slow form: downsampling a matrix by advanced indexing with index
// arrays, which copies every selected element. nd-gather-downsampling rewrites it into
// basic slicing, which selects the same elements as an O(1) view of the matrix.
#include <nd/nd.hpp>

#include <cstdio>

int main() {
  auto rng = nd::random::default_rng(0);
  nd::array<double> m = rng.random({1000, 1000});

  auto rows = nd::arange(0, m.shape(0), 2);
  auto cols = nd::arange(0, m.shape(1), 2);
  nd::array<double> sub = m(rows(nd::all, nd::newaxis), cols);

  std::printf("shape %s, sum %.6f\n", nd::to_string(sub.shape()).c_str(), nd::sum(sub));
  return 0;
}
