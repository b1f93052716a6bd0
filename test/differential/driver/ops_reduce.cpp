// Reductions over no axis, one axis or any set of axes, with keepdims, ddof and out.
#if __has_include(<nd/reduce.hpp>)
#include <nd/reduce.hpp>
#define ND_DIFF_HAVE_REDUCE 1
#endif

#include "call_forms.hpp"
#include "driver.hpp"

namespace diff {

#ifdef ND_DIFF_HAVE_REDUCE
namespace {

#define ND_DIFF_REDUCTION(name)                                                    \
  [](auto&&... a) -> decltype(nd::name(std::forward<decltype(a)>(a)...)) {         \
    return nd::name(std::forward<decltype(a)>(a)...);                              \
  }

// One reduction case. `WithDdof`: var and stddev take ddof right after the axis.
template <bool WithDdof, class F>
any_array run_reduction(test_case& c, F f) {
  const std::string& axis = c.at("axis");
  const bool keep = c.has("keepdims") && c.at("keepdims") == "1";
  const int ddof = c.has("ddof") ? std::stoi(c.at("ddof")) : 0;
  std::optional<any_array> out;
  if (c.has("out")) out = as_array(build_operand(c.at("out"), c.bases), "out");
  const std::string& what = c.op;
  return std::visit(
      [&](const auto& a) -> any_array {
        if (axis == "none") {
          if constexpr (WithDdof) return call(f, what, a, nd::none, ddof);
          else return call(f, what, a);
        }
        // keepdims is the nd::keepdims tag, passed only when asked for (API.md).
        if (axis[0] == 't') {
          auto ax = parse_ints(axis.substr(1));
          if constexpr (WithDdof) {
            return with_axis_list(ax, [&](std::initializer_list<int> axes) {
              if (keep) return call(f, what, a, axes, ddof, nd::keepdims);
              return call(f, what, a, axes, ddof);
            });
          } else {
            return with_axis_list(ax, [&](std::initializer_list<int> axes) {
              if (keep) return call(f, what, a, axes, nd::keepdims);
              return call(f, what, a, axes);
            });
          }
        }
        const int k = std::stoi(axis);
        if (!out) {
          if constexpr (WithDdof) {
            if (keep) return call(f, what, a, k, ddof, nd::keepdims);
            return call(f, what, a, k, ddof);
          } else {
            if (keep) return call(f, what, a, k, nd::keepdims);
            return call(f, what, a, k);
          }
        }
        // The generator draws `out` of the result's type.
        return std::visit(
            [&](auto o) -> any_array {
              using O = typename decltype(o)::value_type;
              if constexpr (WithDdof) {
                if constexpr (std::is_invocable_v<F, decltype(a), int, int>) {
                  if constexpr (std::is_same_v<O, typename std::invoke_result_t<F, decltype(a), int, int>::value_type>)
                    return call(f, what, a, k, ddof, o);
                }
              } else if constexpr (std::is_invocable_v<F, decltype(a), int>) {
                if constexpr (std::is_same_v<O, typename std::invoke_result_t<F, decltype(a), int>::value_type>)
                  return call(f, what, a, k, o);
              }
              throw case_format_error("a reduction's out is drawn of the result type");
            },
            *out);
      },
      c.array_x(0));
}

}  // namespace

void register_reduce_ops(registry& r) {
#define ND_DIFF_REDUCE(name, ddof) \
  r[#name] = [](test_case& c) { return run_reduction<ddof>(c, ND_DIFF_REDUCTION(name)); };
  ND_DIFF_REDUCE(sum, false)
  ND_DIFF_REDUCE(prod, false)
  ND_DIFF_REDUCE(mean, false)
  ND_DIFF_REDUCE(var, true)
  ND_DIFF_REDUCE(stddev, true)
  ND_DIFF_REDUCE(min, false)
  ND_DIFF_REDUCE(max, false)
  ND_DIFF_REDUCE(argmin, false)
  ND_DIFF_REDUCE(argmax, false)
  ND_DIFF_REDUCE(any, false)
  ND_DIFF_REDUCE(all, false)
#undef ND_DIFF_REDUCE
}

#else
void register_reduce_ops(registry&) {}
#endif

}  // namespace diff
