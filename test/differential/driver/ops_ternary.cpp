// nd::clip(a, lo, hi[, out]) and nd::where(cond, a, b), with arrays and weak scalars.
// The generator draws lo and hi of one type (two arrays of one dtype, or two scalars
// of one kind), which keeps the number of instantiations small.
#include "driver.hpp"
#if __has_include(<nd/ufunc.hpp>)
#include "ufunc_cases.hpp"
#endif

namespace diff {

void register_ternary_ops(registry& r) {
#if __has_include(<nd/ufunc.hpp>)
  r["clip"] = [](test_case& c) {
    std::optional<any_array> out;
    if (c.has("out")) out = as_array(build_operand(c.at("out"), c.bases), "out");
    return std::visit(
        [&](const auto& a, const auto& lo, const auto& hi) -> any_array {
          if constexpr (!std::is_same_v<decltype(lo), decltype(hi)>)
            throw case_format_error("clip bounds of different types are not drawn");
          else return apply_ufunc(c, ND_DIFF_UFUNC(clip), out, a, lo, hi);
        },
        c.array_x(0), c.x(1), c.x(2));
  };
  r["where"] = [](test_case& c) {
    auto cond = c.array_x(0);
    if (!std::holds_alternative<nd::array<bool>>(cond)) throw case_format_error("where needs a bool condition");
    const auto& m = std::get<nd::array<bool>>(cond);
    return std::visit(
        [&](const auto& a, const auto& b) -> any_array {
          if constexpr (requires { nd::where(m, a, b); }) return to_any(nd::where(m, a, b));
          else throw rejected_at_compile_time("nd::where does not compile for these operand types");
        },
        c.x(1), c.x(2));
  };
#else
  (void)r;
#endif
}

}  // namespace diff
