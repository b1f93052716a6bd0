// RUN: %check_nd_tidy -run %s nd-elementwise-loop %t
//
// A loop pragma (`#pragma GCC unroll`, `#pragma clang loop`, `#pragma unroll`,
// `#pragma GCC ivdep`, `#pragma omp simd` with hint clauses only) applies to the loop
// after it, and before any other statement it does not compile: the fix removes it
// with its loop, for every loop form (maps, nests, reductions, counts, range-for).
// Pragmas that are not about the loop stay. Sums are printed rounded (nd sums
// pairwise, the loop in order); the other values exactly.
#include <nd/nd.hpp>

#include <cstdio>
#include <ranges>

void print(const char *what, const nd::array<double> &a) {
  nd::array<double> flat = a.copy();
  std::printf("%s:", what);
  for (nd::index_t i = 0; i < flat.size(); ++i)
    std::printf(" %.17g", flat.data()[i]);
  std::printf("\n");
}

void unrolled_map(const nd::array<double> &x) {
  nd::array<double> y = nd::empty_like(x);
  #pragma GCC unroll 4
  for (nd::index_t i = 0; i < y.size(); ++i)
    y(i) = 2 * x(i) + 1;
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: element-wise loop over 'y'; use one broadcasting expression [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  nd::array<double> y = nd::empty_like(x);
  // CHECK-FIXES-NEXT: {{^}}  nd::multiply(2, x, y);
  // CHECK-FIXES-NEXT: {{^}}  nd::add(y, 1, y);
  print("unrolled_map", y);
}

// Several hints, a comment between them and the loop, and a hint on the inner loop.
void hinted_nest(const nd::array<double> &m, const nd::array<double> &w) {
  nd::array<double> out = nd::empty_like(m);
#pragma clang loop vectorize(enable) \
    interleave(enable)
#pragma unroll
  // the outer loop walks rows
  for (nd::index_t i = 0; i < out.shape(0); ++i) {
#pragma nounroll
    for (nd::index_t j = 0; j < out.shape(1); ++j)
      out(i, j) = m(i, j) * w(j);
  }
  // CHECK-MESSAGES: :[[@LINE-5]]:3: warning: element-wise loop over 'out'; use one broadcasting expression [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  nd::array<double> out = nd::empty_like(m);
  // CHECK-FIXES-NEXT: {{^}}  // the outer loop walks rows
  // CHECK-FIXES-NEXT: {{^}}  nd::multiply(m, w, out);
  print("hinted_nest", out);
}

// A reduction folded into its declaration: the pragma between them goes too.
double ivdep_sum(const nd::array<double> &x) {
  double s = 0;
  #pragma GCC ivdep
  for (nd::index_t i = 0; i < x.size(); ++i)
    s += x(i) * x(i);
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: reduction loop; use nd::sum [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  double s = nd::vdot(x, x);
  return s;
}

// `#pragma clang loop` makes the loop an attributed statement; the declaration is not
// folded then, and the accumulator is updated.
double vectorized_sum(const nd::array<double> &x, double start) {
  double acc = start;
  #pragma clang loop vectorize(enable)
  for (nd::index_t i = 0; i < x.size(); ++i)
    acc += x(i);
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: reduction loop; use nd::sum [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  double acc = start;
  // CHECK-FIXES-NEXT: {{^}}  acc += nd::sum(x);
  return acc;
}

// A counting loop after `#pragma omp simd` with hint clauses only.
long count_above(const nd::array<double> &x, double t) {
  long n = 0;
  std::printf("threshold %.3f\n", t);
  #pragma omp simd simdlen(4) safelen(8) // vectorise
  for (nd::index_t i = 0; i < x.size(); ++i)
    if (x(i) > t)
      ++n;
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: counting loop; use nd::sum of the condition [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}  std::printf("threshold %.3f\n", t);
  // CHECK-FIXES-NEXT: {{^}}  n += nd::sum(x > t);
  return n;
}

// A range-based loop over indices; the diagnostic pragmas around it are not about the
// loop and stay, the unroll hint between them goes.
void range_for(const nd::array<double> &x) {
  nd::array<double> y = nd::empty_like(x);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC unroll 2
  for (nd::index_t i : std::views::iota(0, y.shape(0)))
    y(i) = x(i) - 0.5;
#pragma GCC diagnostic pop
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: element-wise loop over 'y'; use one broadcasting expression [nd-elementwise-loop]
  // CHECK-FIXES: {{^}}#pragma GCC diagnostic push
  // CHECK-FIXES-NEXT: {{^}}#pragma GCC diagnostic ignored "-Wshadow"
  // CHECK-FIXES-NEXT: {{^}}  nd::subtract(x, 0.5, y);
  // CHECK-FIXES-NEXT: {{^}}#pragma GCC diagnostic pop
  print("range_for", y);
}

// A loop the check does not rewrite keeps its pragma.
void printing_loop(const nd::array<double> &x) {
  #pragma GCC unroll 2
  for (nd::index_t i = 0; i < x.size(); ++i)
    std::printf("%.17g\n", x(i));
  // CHECK-FIXES: {{^}}  #pragma GCC unroll 2
  // CHECK-FIXES-NEXT: {{^}}  for (nd::index_t i = 0; i < x.size(); ++i)
}

int main() {
  nd::array<double> x = nd::linspace(0.0, 2.0, 7);
  nd::array<double> m = nd::arange(12.0).reshape({3, 4});
  nd::array<double> w = nd::linspace(1.0, 4.0, 4);
  unrolled_map(x);
  hinted_nest(m, w);
  std::printf("ivdep_sum %.9f\n", ivdep_sum(x));
  std::printf("vectorized_sum %.9f\n", vectorized_sum(x, 1.5));
  std::printf("count_above %ld\n", count_above(x, 0.7));
  range_for(x);
  printing_loop(x);
  return 0;
}
