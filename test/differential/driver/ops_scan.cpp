// Scans (cumsum, cumprod, cummax, cummin) over the flattened array or one axis, with
// `out` of any dtype, and nd::diff with its order and axis.
#include <optional>

#include <nd/scan.hpp>

#include "driver.hpp"

namespace diff {
namespace {

#define ND_DIFF_SCAN(name)                                                      \
  [](auto&&... a) -> decltype(nd::name(std::forward<decltype(a)>(a)...)) {      \
    return nd::name(std::forward<decltype(a)>(a)...);                           \
  }

// One scan case: axis `none` (the flattened array) or an integer; `out` a view. The
// forms without an axis alternate between f(a) and f(a, nd::none) (and f(a, out) and
// f(a, nd::none, out)) by case id, so both spellings are exercised.
template <class F>
any_array run_scan(test_case& c, F f) {
  const std::string& axis = c.at("axis");
  const bool spelt_none = c.id % 2 == 1;
  std::optional<any_array> out;
  if (c.has("out")) out = as_array(build_operand(c.at("out"), c.bases), "out");
  return std::visit(
      [&](const auto& a) -> any_array {
        if (!out) {
          if (axis != "none") return to_any(f(a, std::stoi(axis)));
          return to_any(spelt_none ? f(a, nd::none) : f(a));
        }
        return std::visit(
            [&](auto o) -> any_array {
              if (axis != "none") return to_any(f(a, std::stoi(axis), o));
              return to_any(spelt_none ? f(a, nd::none, o) : f(a, o));
            },
            *out);
      },
      c.array_x(0));
}

}  // namespace

void register_scan_ops(registry& r) {
  r["cumsum"] = [](test_case& c) { return run_scan(c, ND_DIFF_SCAN(cumsum)); };
  r["cumprod"] = [](test_case& c) { return run_scan(c, ND_DIFF_SCAN(cumprod)); };
  r["cummax"] = [](test_case& c) { return run_scan(c, ND_DIFF_SCAN(cummax)); };
  r["cummin"] = [](test_case& c) { return run_scan(c, ND_DIFF_SCAN(cummin)); };
  r["diff"] = [](test_case& c) {
    return std::visit(
        [&](const auto& a) -> any_array {
          if (!c.has("n")) return nd::diff(a);
          const int n = std::stoi(c.at("n"));
          if (!c.has("axis")) return nd::diff(a, n);
          return nd::diff(a, n, std::stoi(c.at("axis")));
        },
        c.array_x(0));
  };
}
#undef ND_DIFF_SCAN

}  // namespace diff
