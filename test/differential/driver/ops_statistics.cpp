// Statistics and NaN-ignoring reductions (nd/statistics.hpp, nd/nan_reduce.hpp): no
// axis, one axis or a tuple, keepdims, ddof (nanvar, nanstd), q (x1: a scalar or an
// array) for percentile and quantile, weights (x1) for average; array_equal.
#include <nd/nan_reduce.hpp>
#include <nd/statistics.hpp>

#include "driver.hpp"

namespace diff {
namespace {

template <class F, class... A>
any_array call(F f, const std::string& what, A&&... a) {
  if constexpr (std::is_invocable_v<F, A...>) return to_any(f(std::forward<A>(a)...));
  else throw rejected_at_compile_time(what + " does not compile with these arguments");
}

// f(a, {axes...}, rest...).
template <class F, class A, class... R>
any_array with_axes(F f, const std::string& what, const A& a, const std::vector<long>& ax, R&&... rest) {
  auto i = [&](std::size_t k) { return static_cast<int>(ax[k]); };
  switch (ax.size()) {
    case 1: return call(f, what, a, std::initializer_list<int>{i(0)}, rest...);
    case 2: return call(f, what, a, std::initializer_list<int>{i(0), i(1)}, rest...);
    case 3: return call(f, what, a, std::initializer_list<int>{i(0), i(1), i(2)}, rest...);
    case 4: return call(f, what, a, std::initializer_list<int>{i(0), i(1), i(2), i(3)}, rest...);
  }
  throw case_format_error("1 to 4 axes");
}

// One case of f(a[, axis-form][, ddof][, nd::keepdims]); `WithDdof` for nanvar/nanstd.
template <bool WithDdof, class F>
any_array run_stat(test_case& c, const any_array& x, F f) {
  const std::string axis = c.has("axis") ? c.at("axis") : "none";
  const bool keep = c.has("keepdims") && c.at("keepdims") == "1";
  const int ddof = c.has("ddof") ? std::stoi(c.at("ddof")) : 0;
  const std::string& what = c.op;
  return std::visit(
      [&](const auto& a) -> any_array {
        if (axis == "none") {
          if constexpr (WithDdof) return call(f, what, a, nd::none, ddof);
          else return call(f, what, a, nd::none);
        }
        auto rest = [&](auto&&... head) -> any_array {
          if (axis[0] == 't') {
            const auto ax = parse_ints(axis.substr(1));
            if (keep) return with_axes(f, what, a, ax, head..., nd::keepdims);
            return with_axes(f, what, a, ax, head...);
          }
          if (keep) return call(f, what, a, std::stoi(axis), head..., nd::keepdims);
          return call(f, what, a, std::stoi(axis), head...);
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
