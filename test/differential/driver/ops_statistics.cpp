// Statistics and NaN-ignoring reductions (nd/statistics.hpp, nd/nan_reduce.hpp): no
// axis, one axis or a tuple, keepdims, ddof (nanvar, nanstd), out, q (x1: a scalar or
// an array) for percentile and quantile, weights (x1) for average; array_equal.
#include <nd/nan_reduce.hpp>
#include <nd/statistics.hpp>

#include <optional>

#include "call_forms.hpp"
#include "driver.hpp"

namespace diff {
namespace {

// f(args..., out) when the case has an `out` (any element type: nd checks the cast),
// else f(args...).
template <class F, class... A>
any_array call_with_out(F f, const std::string& what, const std::optional<any_array>& out, const A&... args) {
  if (!out) return call(f, what, args...);
  any_array o = *out;  // a handle: writes go to the case's base
  return std::visit([&](auto& dst) { return call(f, what, args..., dst); }, o);
}

// One case of f(a[, axis-form][, ddof][, nd::keepdims][, out]); `WithDdof` for
// nanvar/nanstd.
template <bool WithDdof, class F>
any_array run_stat(test_case& c, const any_array& x, F f) {
  const std::string axis = c.has("axis") ? c.at("axis") : "none";
  const bool keep = c.has("keepdims") && c.at("keepdims") == "1";
  const int ddof = c.has("ddof") ? std::stoi(c.at("ddof")) : 0;
  std::optional<any_array> out;
  if (c.has("out")) out = as_array(build_operand(c.at("out"), c.bases), "out");
  const std::string& what = c.op;
  return std::visit(
      [&](const auto& a) -> any_array {
        if (axis == "none") {
          if constexpr (WithDdof) return call_with_out(f, what, out, a, nd::none, ddof);
          else return call_with_out(f, what, out, a, nd::none);
        }
        auto rest = [&](auto&&... head) -> any_array {
          if (axis[0] == 't') {
            return with_axis_list(parse_ints(axis.substr(1)), [&](std::initializer_list<int> axes) {
              if (keep) return call_with_out(f, what, out, a, axes, head..., nd::keepdims);
              return call_with_out(f, what, out, a, axes, head...);
            });
          }
          if (keep) return call_with_out(f, what, out, a, std::stoi(axis), head..., nd::keepdims);
          return call_with_out(f, what, out, a, std::stoi(axis), head...);
        };
        if constexpr (WithDdof) return rest(ddof);
        else return rest();
      },
      x);
}

#define ND_DIFF_STAT(name)                                                    \
  [](auto&&... a) -> decltype(nd::name(std::forward<decltype(a)>(a)...)) {    \
    return nd::name(std::forward<decltype(a)>(a)...);                         \
  }

// percentile/quantile: q (x1) goes right after a.
template <class F>
any_array run_quantile(test_case& c, F f) {
  return std::visit(
      [&](const auto& q) -> any_array {
        auto with_q = [&](const auto& a, auto&&... rest) -> decltype(f(a, q, rest...)) { return f(a, q, rest...); };
        return run_stat<false>(c, c.array_x(0), with_q);
      },
      c.x(1));
}

any_array run_average(test_case& c) {
  if (!c.has("x1")) return run_stat<false>(c, c.array_x(0), ND_DIFF_STAT(average));
  const std::string axis = c.at("axis");
  const bool keep = c.has("keepdims") && c.at("keepdims") == "1";
  return std::visit(
      [&](const auto& a, const auto& w) -> any_array {
        if (axis == "none") return to_any(nd::average(a, nd::none, w));
        if (keep) return nd::average(a, std::stoi(axis), w, nd::keepdims);
        return nd::average(a, std::stoi(axis), w);
      },
      c.array_x(0), c.array_x(1));
}

}  // namespace

void register_signal_ops(registry& r);  // ops_signal.cpp

void register_statistics_ops(registry& r) {
  register_signal_ops(r);
#define ND_DIFF_PLAIN(name) \
  r[#name] = [](test_case& c) { return run_stat<false>(c, c.array_x(0), ND_DIFF_STAT(name)); };
  ND_DIFF_PLAIN(ptp)
  ND_DIFF_PLAIN(median)
  ND_DIFF_PLAIN(count_nonzero)
  ND_DIFF_PLAIN(nansum)
  ND_DIFF_PLAIN(nanprod)
  ND_DIFF_PLAIN(nanmean)
  ND_DIFF_PLAIN(nanmin)
  ND_DIFF_PLAIN(nanmax)
#undef ND_DIFF_PLAIN
  r["nanvar"] = [](test_case& c) { return run_stat<true>(c, c.array_x(0), ND_DIFF_STAT(nanvar)); };
  r["nanstd"] = [](test_case& c) { return run_stat<true>(c, c.array_x(0), ND_DIFF_STAT(nanstd)); };
  r["percentile"] = [](test_case& c) { return run_quantile(c, ND_DIFF_STAT(percentile)); };
  r["quantile"] = [](test_case& c) { return run_quantile(c, ND_DIFF_STAT(quantile)); };
  r["average"] = run_average;
  r["array_equal"] = [](test_case& c) {
    return std::visit([](const auto& a, const auto& b) { return to_any(nd::array_equal(a, b)); }, c.array_x(0),
                      c.array_x(1));
  };
}

}  // namespace diff
