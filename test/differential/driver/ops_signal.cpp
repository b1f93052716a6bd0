// histogram (bins or edges, range; `part` picks counts or edges), interp (x an array or
// a scalar, left/right), convolve (mode) and linalg::norm (ord, axis, keepdims).
#include <limits>
#include <optional>

#include <nd/histogram.hpp>
#include <nd/norm.hpp>
#include <nd/signal.hpp>

#include "driver.hpp"

namespace diff {
namespace {

any_array run_histogram(test_case& c) {
  const bool counts = c.at("part") == "counts";
  return std::visit(
      [&](const auto& a) -> any_array {
        auto pick = [&](auto r) -> any_array {
          if (counts) return r.counts;
          return r.edges;
        };
        if (c.has("x1")) return std::visit([&](const auto& e) { return pick(nd::histogram(a, e)); }, c.array_x(1));
        const long bins = std::stol(c.at("bins"));
        if (!c.has("range")) return pick(nd::histogram(a, bins));
        const auto lohi = split(c.at("range"), ',');
        return pick(nd::histogram(a, bins, {std::stod(lohi.at(0)), std::stod(lohi.at(1))}));
      },
      c.array_x(0));
}

std::optional<double> opt(test_case& c, const char* key) {
  if (!c.has(key)) return std::nullopt;
  return std::stod(c.at(key));
}

any_array run_interp(test_case& c) {
  const auto left = opt(c, "left"), right = opt(c, "right");
  return std::visit(
      [&](const auto& x, const auto& xp, const auto& fp) -> any_array {
        using X = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<X, bool>) throw rejected_at_compile_time("a bool x");
        else return to_any(nd::interp(x, xp, fp, left, right));
      },
      c.x(0), c.array_x(1), c.array_x(2));
}

any_array run_norm(test_case& c) {
  const std::string& o = c.at("ord");
  const double inf = std::numeric_limits<double>::infinity();
  const nd::linalg::norm_ord ord = o == "none"  ? nd::linalg::norm_ord(nd::none)
                                   : o == "fro" || o == "nuc" ? nd::linalg::norm_ord(o.c_str())
                                   : o == "inf"               ? nd::linalg::norm_ord(inf)
                                   : o == "-inf"              ? nd::linalg::norm_ord(-inf)
                                                              : nd::linalg::norm_ord(std::stod(o));
  const std::string& axis = c.at("axis");
  const bool keep = c.has("keepdims") && c.at("keepdims") == "1";
  return std::visit(
      [&](const auto& a) -> any_array {
        if (axis == "none") {
          if (keep) return nd::linalg::norm(a, ord, nd::none, nd::keepdims);
          return to_any(nd::linalg::norm(a, ord, nd::none));
        }
        if (axis[0] == 't') {
          const auto ax = parse_ints(axis.substr(1));
          const std::initializer_list<int> pair{static_cast<int>(ax.at(0)), static_cast<int>(ax.at(1))};
          if (keep) return nd::linalg::norm(a, ord, pair, nd::keepdims);
          return nd::linalg::norm(a, ord, pair);
        }
        if (keep) return nd::linalg::norm(a, ord, std::stoi(axis), nd::keepdims);
        return nd::linalg::norm(a, ord, std::stoi(axis));
      },
      c.array_x(0));
}

}  // namespace

void register_signal_ops(registry& r) {
  r["histogram"] = run_histogram;
  r["interp"] = run_interp;
  r["convolve"] = [](test_case& c) {
    return std::visit(
        [&](const auto& a, const auto& v) -> any_array {
          if (c.has("mode")) return nd::convolve(a, v, c.at("mode"));
          return nd::convolve(a, v);
        },
        c.array_x(0), c.array_x(1));
  };
  r["norm"] = run_norm;
}

}  // namespace diff
