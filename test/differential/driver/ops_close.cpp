// isclose and allclose cases (x0 an array, x1 an array or a scalar, optional rtol, atol,
// equal_nan), and the registration of the ufuncs of ufuncs.def's second half, whose
// cases live in ufunc_trig.cpp ... ufunc_bitwise.cpp.
#include <nd/isclose.hpp>

#include "driver.hpp"

namespace diff {

void register_trig_ops(registry& r);
void register_exp_log_ops(registry& r);
void register_rounding_ops(registry& r);
void register_binary_float_ops(registry& r);
void register_division_ops(registry& r);
void register_bitwise_ops(registry& r);

namespace {

any_array run_close(test_case& c, bool all) {
  const double rtol = c.has("rtol") ? std::stod(c.at("rtol")) : 1e-5;
  const double atol = c.has("atol") ? std::stod(c.at("atol")) : 1e-8;
  const bool equal_nan = c.has("equal_nan") && c.at("equal_nan") == "1";
  return std::visit(
      [&](const auto& a, const auto& b) -> any_array {
        if constexpr (!nd::is_array_v<decltype(a)>) {
          throw case_format_error("isclose cases have an array x0");
        } else {
          if (all) return to_any(nd::allclose(a, b, rtol, atol, equal_nan));
          return nd::isclose(a, b, rtol, atol, equal_nan);
        }
      },
      c.x(0), c.x(1));
}

}  // namespace

void register_more_ufunc_ops(registry& r) {
  register_trig_ops(r);
  register_exp_log_ops(r);
  register_rounding_ops(r);
  register_binary_float_ops(r);
  register_division_ops(r);
  register_bitwise_ops(r);
  r["isclose"] = [](test_case& c) { return run_close(c, false); };
  r["allclose"] = [](test_case& c) { return run_close(c, true); };
}

}  // namespace diff
