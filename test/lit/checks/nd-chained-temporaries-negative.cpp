// Code the check must leave alone: a single operation, out forms, intermediates that
// are named and used more than once, arithmetic on scalars, in-place updates, and
// look-alike types that are not the runtime's nd::array.
// RUN: %check_nd_tidy %s nd-chained-temporaries %t
// RUN: %check_nd_tidy -run %s nd-chained-temporaries %t
#include <nd/nd.hpp>

#include <cstdio>
#include <valarray>

// A user library whose namespace is also called nd, one level down: not the runtime.
namespace mylib::nd {
struct array {
  double v;
};
inline array operator*(array a, double s) { return {a.v * s}; }
inline array operator+(array a, double s) { return {a.v + s}; }
}  // namespace mylib::nd

static double total(const nd::array<double>& a) { return nd::sum(a); }

int main() {
  auto x = nd::linspace(0.0, 1.0, 5);

  // One operation allocates its result and nothing else.
  auto single = x * 2.0;
  auto root = nd::sqrt(x);

  // Already the out forms.
  nd::array<double> y = nd::empty_like(x);
  nd::multiply(x, 2.5, y);
  nd::add(y, 1.2, y);

  // Intermediates that are named and used twice: each statement has one operation.
  auto t = x * 3.0;
  auto u = t + t;
  auto v = t - 1.0;

  // Scalars only.
  double a = 2.5, b = 1.2;
  double s = a * 2.0 + b;

  // In-place updates allocate nothing.
  y += 1.0;
  y *= x;

  // Look-alikes.
  mylib::nd::array m{2.0};
  mylib::nd::array m2 = m * 2.0 + 1.0;
  std::valarray<double> va{1.0, 2.0};
  std::valarray<double> vb = va * 2.0 + 1.0;

  std::printf("%.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g\n", total(single), total(root), total(y),
              total(u), total(v), s, m2.v, vb[1], total(t));
  return 0;
}
