// The view-returning shape operations (nd/shape_views.hpp), split and array_split,
// and the list results of meshgrid. `piece` picks one array of a list result ("n": the
// list's length, as a 0-d int64); `part=shares` compares whether the result shares
// memory with x0 (np.may_share_memory) instead of its values.
#include <nd/nd.hpp>

#include "driver.hpp"
#include "shape_cases.hpp"

namespace diff {
namespace {

template <class T>
any_array shares_or_value(const test_case& c, const nd::array<T>& r, const nd::array<T>& x0) {
  if (c.has("part") && c.at("part") == "shares") return to_any(nd::shares_memory(r, x0));
  return r;
}

template <class T>
any_array pick(const test_case& c, const std::vector<nd::array<T>>& list, const nd::array<T>& x0) {
  if (c.at("piece") == "n") return to_any(static_cast<std::int64_t>(list.size()));
  const std::size_t k = std::stoul(c.at("piece"));
  if (k >= list.size()) throw case_format_error("piece out of range");
  return shares_or_value(c, list[k], x0);
}

// Runs f(a) on x0 and compares the view it returns (or whether it shares memory).
template <class F>
any_array view_op(test_case& c, F f) {
  return std::visit([&](const auto& a) -> any_array { return shares_or_value(c, f(a), a); }, c.array_x(0));
}

}  // namespace

void register_shape_view_ops(registry& r) {
  r["squeeze"] = [](test_case& c) {
    return view_op(c, [&](const auto& a) {
      if (!c.has("axis")) return nd::squeeze(a);
      auto axes = int_list(c.at("axis"));
      return nd::squeeze(a, std::span<const int>(axes));
    });
  };
  r["expand_dims"] = [](test_case& c) {
    auto axes = int_list(c.at("axis"));
    return view_op(c, [&](const auto& a) { return nd::expand_dims(a, std::span<const int>(axes)); });
  };
  r["swapaxes"] = [](test_case& c) {
    return view_op(c, [&](const auto& a) { return nd::swapaxes(a, std::stoi(c.at("i")), std::stoi(c.at("j"))); });
  };
  r["moveaxis"] = [](test_case& c) {
    auto from = int_list(c.at("from")), to = int_list(c.at("to"));
    return view_op(c, [&](const auto& a) {
      return nd::moveaxis(a, std::span<const int>(from), std::span<const int>(to));
    });
  };
  r["flip"] = [](test_case& c) {
    return view_op(c, [&](const auto& a) {
      if (!c.has("axis")) return nd::flip(a);
      auto axes = int_list(c.at("axis"));
      return nd::flip(a, std::span<const int>(axes));
    });
  };
  r["diagonal"] = [](test_case& c) {
    return view_op(c, [&](const auto& a) {
      return nd::diagonal(a, std::stol(c.at("offset")), std::stoi(c.at("axis1")), std::stoi(c.at("axis2")));
    });
  };
  r["diag"] = [](test_case& c) {
    return view_op(c, [&](const auto& a) { return nd::diag(a, std::stol(c.at("k"))); });
  };
  for (const char* name : {"split", "array_split"}) {
    const bool exact = std::string(name) == "split";
    r[name] = [exact](test_case& c) {
      const int axis = c.has("axis") ? std::stoi(c.at("axis")) : 0;
      return std::visit(
          [&](const auto& a) -> any_array {
            if (c.has("indices")) {
              std::vector<nd::index_t> at;
              for (long v : parse_ints(c.at("indices"))) at.push_back(v);
              return pick(c, exact ? nd::split(a, at, axis) : nd::array_split(a, at, axis), a);
            }
            const nd::index_t n = std::stol(c.at("sections"));
            return pick(c, exact ? nd::split(a, n, axis) : nd::array_split(a, n, axis), a);
          },
          c.array_x(0));
    };
  }
  r["meshgrid"] = [](test_case& c) {
    return std::visit(
        [&](const auto& a) -> any_array {
          using T = typename std::decay_t<decltype(a)>::value_type;
          return pick(c, nd::meshgrid(same_type_list<T>(c), c.at("indexing")), a);
        },
        c.array_x(0));
  };
}

}  // namespace diff
