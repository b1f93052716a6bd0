// Running an element-wise case: f(x..., [out]) for operands of run-time types.
//
// Every combination of operand types is a separate template instantiation, so the
// combinations are limited to those the generator draws: at least one operand is an
// array (for clip, x0), and an `out` of another type than the result only comes with operands that are arrays
// of one type (NumPy's same_kind casting into out). That keeps the ufunc files to a
// few minutes of compile time each.
#pragma once

#include <optional>

#include <nd/ufunc.hpp>

#include "driver.hpp"

namespace diff {

// A ufunc as a callable object; SFINAE-friendly, so that type combinations the nd API
// refuses at compile time are detected (and reported as "rejected") instead of
// breaking the build.
#define ND_DIFF_UFUNC(name)                                                        \
  [](auto&&... a) -> decltype(nd::name(std::forward<decltype(a)>(a)...)) {         \
    return nd::name(std::forward<decltype(a)>(a)...);                              \
  }

template <class X0, class... X>
inline constexpr bool same_type_arrays_v = nd::is_array_v<X0> && (std::is_same_v<X0, X> && ...);

template <class F, class... X>
any_array apply_ufunc(const test_case& c, F f, const std::optional<any_array>& out, const X&... x) {
  if constexpr (!std::is_invocable_v<F, const X&...>) {
    throw rejected_at_compile_time(c.op + " does not compile for these operand types");
  } else {
    using T = typename std::invoke_result_t<F, const X&...>::value_type;
    if (!out) return f(x...);
    return std::visit(
        [&](auto o) -> any_array {
          using O = typename decltype(o)::value_type;
          if constexpr (std::is_same_v<O, T> || same_type_arrays_v<X...>) {
            if constexpr (std::is_invocable_v<F, const X&..., decltype(o)&>) return f(x..., o);
            else throw rejected_at_compile_time(c.op + " with this out type does not compile");
          } else {
            throw case_format_error("an out of another type needs operands that are arrays of one type");
          }
        },
        *out);
  }
}

template <class F>
any_array run_ufunc(test_case& c, F f, int nin) {
  std::optional<any_array> out;
  if (c.has("out")) out = as_array(build_operand(c.at("out"), c.bases), "out");
  if (nin == 1) return std::visit([&](const auto& a) { return apply_ufunc(c, f, out, a); }, c.array_x(0));
  return std::visit(
      [&](const auto& a, const auto& b) -> any_array {
        if constexpr (!nd::is_array_v<decltype(a)> && !nd::is_array_v<decltype(b)>)
          throw case_format_error("a binary ufunc needs an array operand");
        else return apply_ufunc(c, f, out, a, b);
      },
      c.x(0), c.x(1));
}

}  // namespace diff
