// Sorting and searching: sort and argsort along an axis or the flattened array,
// searchsorted with either side (or a bad one) and array or scalar values, unique and
// unique_counts (`part` says which of the two arrays the case compares), nonzero (its
// index arrays stacked, as np.array(np.nonzero(a))), flatnonzero and argwhere.
#include <optional>

#include <nd/counting.hpp>
#include <nd/nonzero.hpp>
#include <nd/shape.hpp>
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
  r["nonzero"] = [](test_case& c) {
    return std::visit(
        [](const auto& a) -> any_array {
          const auto idx = nd::nonzero(a);
          const nd::index_t count = idx.empty() ? 0 : idx[0].size();
          nd::array<std::int64_t> out{nd::shape_t{static_cast<nd::index_t>(idx.size()), count}};
          for (std::size_t k = 0; k < idx.size(); ++k)
            for (nd::index_t i = 0; i < count; ++i) out(static_cast<nd::index_t>(k), i) = idx[k](i);
          return out;
        },
        c.array_x(0));
  };
  r["flatnonzero"] = [](test_case& c) {
    return std::visit([](const auto& a) -> any_array { return nd::flatnonzero(a); }, c.array_x(0));
  };
  r["bincount"] = [](test_case& c) {
    const std::optional<long> minlength =
        c.has("minlength") ? std::optional<long>(std::stol(c.at("minlength"))) : std::nullopt;
    return std::visit(
        [&](const auto& x) -> any_array {
          using T = typename std::decay_t<decltype(x)>::value_type;
          if constexpr (!std::is_integral_v<T>) {
            throw rejected_at_compile_time("nd::bincount takes bool or integer arrays");
          } else {
            if (!c.has("x1")) return minlength ? nd::bincount(x, *minlength) : nd::bincount(x);
            return std::visit(
                [&](const auto& w) -> any_array {
                  return minlength ? nd::bincount(x, w, *minlength) : nd::bincount(x, w);
                },
                c.array_x(1));
          }
        },
        c.array_x(0));
  };
  r["digitize"] = [](test_case& c) {
    const bool right = c.has("right") && c.at("right") == "1";
    return std::visit([&](const auto& x, const auto& bins) -> any_array { return nd::digitize(x, bins, right); },
                      c.array_x(0), c.array_x(1));
  };
  r["isin"] = [](test_case& c) {
    return std::visit([&](const auto& a, const auto& v) -> any_array { return nd::isin(a, v); }, c.array_x(0),
                      c.array_x(1));
  };
  r["argwhere"] = [](test_case& c) {
    return std::visit([](const auto& a) -> any_array { return nd::argwhere(a); }, c.array_x(0));
  };
}

}  // namespace diff
