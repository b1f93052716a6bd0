// Reductions over no axis, one axis or any set of axes, with keepdims, ddof and out.
#if __has_include(<nd/reduce.hpp>)
#include <nd/reduce.hpp>
#define ND_DIFF_HAVE_REDUCE 1
#endif

#include "driver.hpp"

namespace diff {

#ifdef ND_DIFF_HAVE_REDUCE
namespace {

#define ND_DIFF_REDUCTION(name)                                                    \
  [](auto&&... a) -> decltype(nd::name(std::forward<decltype(a)>(a)...)) {         \
    return nd::name(std::forward<decltype(a)>(a)...);                              \
  }

template <class F, class... A>
any_array call(F f, const std::string& what, A&&... a) {
  if constexpr (std::is_invocable_v<F, A...>) return to_any(f(std::forward<A>(a)...));
  else throw rejected_at_compile_time(what + " does not compile with these arguments");
}

// Calls f(a, <axes as a braced list>, rest...): nd::sum(a, {0, 2}, nd::keepdims).
template <class F, class A, class... R>
any_array with_axes(F f, const std::string& what, const A& a, const std::vector<long>& ax, R&&... rest) {
  auto i = [&](std::size_t k) { return static_cast<int>(ax[k]); };
  switch (ax.size()) {
    case 1: return call(f, what, a, std::initializer_list<int>{i(0)}, rest...);
    case 2: return call(f, what, a, std::initializer_list<int>{i(0), i(1)}, rest...);
    case 3: return call(f, what, a, std::initializer_list<int>{i(0), i(1), i(2)}, rest...);
    case 4: return call(f, what, a, std::initializer_list<int>{i(0), i(1), i(2), i(3)}, rest...);
    case 5: return call(f, what, a, std::initializer_list<int>{i(0), i(1), i(2), i(3), i(4)}, rest...);
  }
  throw case_format_error("1 to 5 axes");
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
            if (keep) return with_axes(f, what, a, ax, ddof, nd::keepdims);
            return with_axes(f, what, a, ax, ddof);
          } else {
            if (keep) return with_axes(f, what, a, ax, nd::keepdims);
            return with_axes(f, what, a, ax);
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
