// RUN: %check_nd_tidy -run %s 'nd-*' %t
//
// Ported from SciPy, scipy/cluster/vq.py: whiten (each feature divided by its standard
// deviation), py_vq (the squared distance of every observation to every code, and the
// nearest code), as element loops over nd arrays.
#include <nd/nd.hpp>

#include <cstdio>

nd::array<double> whiten(const nd::array<double> &obs) {
  nd::array<double> res = nd::empty_like(obs);
  for (nd::index_t j = 0; j < obs.shape(1); ++j) {
    double std_dev = nd::stddev(obs(nd::all, j));
    for (nd::index_t i = 0; i < obs.shape(0); ++i)
      res(i, j) = obs(i, j) / std_dev;
  }
  return res;
}

// The distances of each observation to one code book entry, then the nearest entry.
nd::array<std::int64_t> py_vq(const nd::array<double> &obs, const nd::array<double> &code_book,
                              nd::array<double> &min_dist) {
  const nd::index_t n = obs.shape(0), k = code_book.shape(0);
  nd::array<std::int64_t> code = nd::zeros<std::int64_t>({n});
  min_dist = nd::full<double>({n}, 1e300);
  for (nd::index_t c = 0; c < k; ++c) {
    nd::array<double> d = nd::zeros<double>({n});
    for (nd::index_t i = 0; i < obs.shape(0); ++i)
      for (nd::index_t f = 0; f < obs.shape(1); ++f)
        d(i) += (obs(i, f) - code_book(c, f)) * (obs(i, f) - code_book(c, f));
    for (nd::index_t i = 0; i < n; ++i) {
      if (d(i) < min_dist(i)) {
        min_dist(i) = d(i);
        code(i) = c;
      }
    }
  }
  return code;
}

static void print(const char *what, const nd::array<double> &a) {
  std::printf("%s:", what);
  for (double v : a.to_vector())
    std::printf(" %.9f", v);
  std::printf("\n");
}

int main() {
  auto rng = nd::random::default_rng(5);
#ifdef ND_SQUARE_INPUT  // square, where a wrong axis would not throw
  nd::array<double> features = rng.normal(0.0, 2.0, {6, 6});
#else
  nd::array<double> features = rng.normal(0.0, 2.0, {12, 3});
#endif
  nd::array<double> white = whiten(features);
  print("whitened", white);
  nd::array<double> book = white(nd::slice(0, 3), nd::all).copy();
  nd::array<double> dist;
  nd::array<std::int64_t> code = py_vq(white, book, dist);
  for (std::int64_t c : code.to_vector())
    std::printf("%lld ", static_cast<long long>(c));
  std::printf("\n");
  print("distances", dist);
  return 0;
}

// The checks' diagnostics (at the lines above) and the fixed lines, in order.
// CHECK-MESSAGES: :12:3: warning: element-wise loop over 'res'; use one broadcasting expression [nd-elementwise-loop]
// CHECK-MESSAGES: :26:3: warning: loop over nd::array elements; use broadcasting expressions [nd-elementwise-loop]
// CHECK-MESSAGES: :28:5: warning: loop over nd::array elements; use broadcasting expressions [nd-elementwise-loop]
// CHECK-MESSAGES: :31:5: warning: loop over nd::array elements; use broadcasting expressions [nd-elementwise-loop]
// CHECK-FIXES: {{^}}  nd::array<double> res = obs / nd::stddev(obs, 0);
