// Sorting and searching: sort and argsort along an axis or the flattened array,
// searchsorted with either side (or a bad one) and array or scalar values, unique and
// unique_counts (`part` says which of the two arrays the case compares).
#include <nd/sort.hpp>

#include "driver.hpp"

namespace diff {
namespace {

template <class F>
any_array along(test_case& c, F f) {
  const std::string axis = c.has("axis") ? c.at("axis") : "";
  return std::visit(
      [&](const auto& a) -> any_array {
        if (axis.empty()) return f(a);
        if (axis == "none") return f(a, nd::none);
        return f(a, std::stoi(axis));
      },
      c.array_x(0));
}

}  // namespace

void register_sort_ops(registry& r) {
  r["sort"] = [](test_case& c) {
    return along(c, [](const auto& a, auto... axis) -> any_array { return nd::sort(a, axis...); });
  };
  r["argsort"] = [](test_case& c) {
    return along(c, [](const auto& a, auto... axis) -> any_array { return nd::argsort(a, axis...); });
  };
  r["searchsorted"] = [](test_case& c) {
    const auto sorted = c.array_x(0);
    const operand v = c.x(1);
    return std::visit(
        [&](const auto& a, const auto& x) -> any_array {
          if (c.has("side")) return to_any(nd::searchsorted(a, x, c.at("side")));
          return to_any(nd::searchsorted(a, x));
        },
        sorted, v);
  };
  r["unique"] = [](test_case& c) {
    return std::visit([](const auto& a) -> any_array { return nd::unique(a); }, c.array_x(0));
  };
  r["unique_counts"] = [](test_case& c) {
    const bool counts = c.at("part") == "counts";
    return std::visit(
        [&](const auto& a) -> any_array {
          auto [values, n] = nd::unique_counts(a);
          if (counts) return n;
          return values;
        },
        c.array_x(0));
  };
}

}  // namespace diff
