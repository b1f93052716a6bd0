// RUN: %check_nd_tidy %s nd-chained-temporaries %t
// RUN: %check_nd_tidy -run %s nd-chained-temporaries %t
//
// Unevaluated operands compute nothing and allocate nothing: chains inside sizeof,
// alignof, decltype, typeof, noexcept, typeid of a non-polymorphic type, and
// requires-expressions are not reported. No diagnostic at all is expected.
#include <nd/nd.hpp>

#include <cstdio>
#include <type_traits>
#include <typeinfo>

template <class T>
concept Chainable = requires(T a) { a * a + a; };

static_assert(Chainable<nd::array<double>>);

double weight(const nd::array<double> &a, const nd::array<double> &b)
    noexcept(noexcept(a * b + a)) {
  return nd::sum(a) + nd::sum(b);
}

auto result_of(const nd::array<double> &a, const nd::array<double> &b) -> decltype(a * b + a);

int main() {
  nd::array<double> a = nd::linspace(0.0, 1.0, 4);
  nd::array<double> b = nd::linspace(1.0, 2.0, 4);
  std::size_t size = sizeof(a * b + a);
  std::size_t align = alignof(decltype(a * 2.0 - b));
  std::size_t gnu_align = __alignof__(a * b * b);
  using Chain = decltype(nd::sqrt(a) * b + 1.0);
  __typeof__((a + b) * a) typed = a;
  bool no_throw = noexcept(a * b + a);
  const char *name = typeid(a * b + a).name();
  constexpr bool valid = requires { a * b + a; };
  static_assert(sizeof((a - b) / a) == sizeof(nd::array<double>));
  static_assert(std::is_same_v<Chain, nd::array<double>>);
  static_assert(std::is_same_v<decltype(result_of(a, b)), nd::array<double>>);
  std::printf("%d %d %d %d %d %d %.3f\n", size == sizeof(nd::array<double>), align > 0,
              gnu_align > 0, valid, name != nullptr, no_throw || !no_throw,
              weight(typed, b));
  return 0;
}
