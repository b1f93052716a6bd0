// Fused evaluation (nd::lazy, nd::eval): a few ufuncs and one chain, evaluated through
// the fused pass, against NumPy's eager result. The cases are the ufunc cases' (arrays
// of every layout, weak scalars, broadcasting, out of another dtype, out overlapping an
// operand), so the fused pass meets every layout the eager ufuncs meet. Op "fused_X" is
// nd::eval(X(lazy(x0), x1...)); "fused_poly" is x0 * x0 + 2.5 * x1.
#include "driver.hpp"
#if __has_include(<nd/lazy.hpp>)
#include <nd/lazy.hpp>

#include "ufunc_cases.hpp"
#endif

namespace diff {

#if __has_include(<nd/lazy.hpp>)
namespace {
template <class X>
auto leaf(const X& x) {
  if constexpr (nd::is_array_v<X>) return nd::lazy(x);
  else return x;
}
template <class X, class Y>
auto poly(const X& x, const Y& y) -> decltype(x * x + 2.5 * y) {
  return x * x + 2.5 * y;
}
}  // namespace
// fn(lazy(x)...) evaluated, into out when given (SFINAE-friendly, as ND_DIFF_UFUNC).
#define ND_DIFF_FUSED1(fn) \
  [](const auto& a, auto&... out) -> decltype(nd::eval(fn(leaf(a)), out...)) { return nd::eval(fn(leaf(a)), out...); }
#define ND_DIFF_FUSED2(fn)                                                         \
  [](const auto& a, const auto& b, auto&... out) -> decltype(nd::eval(fn(leaf(a), leaf(b)), out...)) { \
    return nd::eval(fn(leaf(a), leaf(b)), out...);                                 \
  }
#endif

void register_fused_ops(registry& r) {
#if __has_include(<nd/lazy.hpp>)
  r["fused_add"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_FUSED2(nd::add), 2); };
  r["fused_divide"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_FUSED2(nd::divide), 2); };
  r["fused_exp"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_FUSED1(nd::exp), 1); };
  r["fused_poly"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_FUSED2(poly), 2); };
#else
  (void)r;
#endif
}

}  // namespace diff
