// The copying shape operations and matrix building blocks (nd/shape_copies.hpp,
// nd/pad.hpp, nd/matrix.hpp) and nd::einsum.
#include <nd/nd.hpp>

#include "driver.hpp"
#include "shape_cases.hpp"

namespace diff {
namespace {

template <class F>
any_array on_x0(test_case& c, F f) {
  return std::visit([&](const auto& a) -> any_array { return f(a); }, c.array_x(0));
}

template <class F>
any_array of_dtype(const std::string& code, F f) {
  if (code == "b1") return f.template operator()<bool>();
  if (code == "i4") return f.template operator()<std::int32_t>();
  if (code == "i8") return f.template operator()<std::int64_t>();
  if (code == "f4") return f.template operator()<float>();
  if (code == "f8") return f.template operator()<double>();
  throw case_format_error("unknown dtype code '" + code + "'");
}

// "2" (both sides of every axis), "1,2" (before, after of every axis) or "1,2;0,3"
// (one pair per axis).
std::vector<std::pair<nd::index_t, nd::index_t>> pad_width(const std::string& s) {
  std::vector<std::pair<nd::index_t, nd::index_t>> out;
  for (const auto& pair : split(s, ';')) {
    auto v = parse_ints(pair);
    out.emplace_back(v.at(0), v.size() > 1 ? v[1] : v[0]);
  }
  return out;
}

template <class F>
any_array same_type_stack(test_case& c, F f) {
  return on_x0(c, [&](const auto& a) -> any_array {
    using T = typename std::decay_t<decltype(a)>::value_type;
    return f(same_type_list<T>(c));
  });
}

any_array einsum_case(test_case& c) {
  const std::string& subs = c.at("subs");
  const int n = c.operand_count();
  if (n == 1) return on_x0(c, [&](const auto& a) -> any_array { return nd::einsum(subs, a); });
  if (n == 2)
    return std::visit([&](const auto& a, const auto& b) -> any_array { return nd::einsum(subs, a, b); },
                      c.array_x(0), c.array_x(1));
  return on_x0(c, [&](const auto& a) -> any_array {
    using T = typename std::decay_t<decltype(a)>::value_type;
    auto xs = same_type_list<T>(c);
    if (xs.size() != 3) throw case_format_error("einsum cases have 1 to 3 operands");
    return nd::einsum(subs, xs[0], xs[1], xs[2]);
  });
}

}  // namespace

void register_shape_copy_ops(registry& r) {
  r["roll"] = [](test_case& c) {
    const nd::index_t shift = std::stol(c.at("shift"));
    return on_x0(c, [&](const auto& a) {
      return c.at("axis") == "none" ? nd::roll(a, shift) : nd::roll(a, shift, std::stoi(c.at("axis")));
    });
  };
  r["tile"] = [](test_case& c) {
    nd::shape_t reps(parse_ints(c.at("reps")));
    return on_x0(c, [&](const auto& a) { return nd::tile(a, reps); });
  };
  r["repeat"] = [](test_case& c) {
    const std::string axis = c.at("axis");
    if (c.has("n"))
      return on_x0(c, [&](const auto& a) {
        const nd::index_t n = std::stol(c.at("n"));
        return axis == "none" ? nd::repeat(a, n) : nd::repeat(a, n, std::stoi(axis));
      });
    return std::visit(
        [&](const auto& a, const auto& counts) -> any_array {
          using C = typename std::decay_t<decltype(counts)>::value_type;
          if constexpr (std::is_integral_v<C> && !std::is_same_v<C, bool>) {
            return axis == "none" ? nd::repeat(a, counts) : nd::repeat(a, counts, std::stoi(axis));
          } else {
            throw rejected_at_compile_time("repeat counts must be integers");
          }
        },
        c.array_x(0), c.array_x(1));
  };
  r["pad"] = [](test_case& c) {
    const auto width = pad_width(c.at("width"));
    const std::string& mode = c.at("mode");
    return on_x0(c, [&](const auto& a) {
      if (c.has("value")) return nd::pad(a, width, mode, std::stod(c.at("value")));
      return nd::pad(a, width, mode);
    });
  };
  r["hstack"] = [](test_case& c) { return same_type_stack(c, [](const auto& xs) { return nd::hstack(xs); }); };
  r["vstack"] = [](test_case& c) { return same_type_stack(c, [](const auto& xs) { return nd::vstack(xs); }); };
  r["column_stack"] = [](test_case& c) {
    return same_type_stack(c, [](const auto& xs) { return nd::column_stack(xs); });
  };
  r["eye"] = [](test_case& c) {
    return of_dtype(c.at("dtype"), [&]<class T>() -> any_array {
      return nd::eye<T>(std::stol(c.at("n")), std::stol(c.at("m")), std::stol(c.at("k")));
    });
  };
  r["identity"] = [](test_case& c) {
    return of_dtype(c.at("dtype"), [&]<class T>() -> any_array { return nd::identity<T>(std::stol(c.at("n"))); });
  };
  r["trace"] = [](test_case& c) {
    const nd::index_t offset = std::stol(c.at("offset"));
    return on_x0(c, [&](const auto& a) -> any_array {
      if (!c.has("axis1")) return to_any(nd::trace(a, offset));
      return nd::trace(a, offset, std::stoi(c.at("axis1")), std::stoi(c.at("axis2")));
    });
  };
  r["tril"] = [](test_case& c) { return on_x0(c, [&](const auto& a) { return nd::tril(a, std::stol(c.at("k"))); }); };
  r["triu"] = [](test_case& c) { return on_x0(c, [&](const auto& a) { return nd::triu(a, std::stol(c.at("k"))); }); };
  r["outer"] = [](test_case& c) {
    return std::visit([](const auto& a, const auto& b) -> any_array { return nd::outer(a, b); }, c.array_x(0),
                      c.array_x(1));
  };
  r["inner"] = [](test_case& c) {
    return std::visit([](const auto& a, const auto& b) -> any_array { return nd::inner(a, b); }, c.array_x(0),
                      c.array_x(1));
  };
  r["vdot"] = [](test_case& c) {
    return std::visit([](const auto& a, const auto& b) -> any_array { return to_any(nd::vdot(a, b)); },
                      c.array_x(0), c.array_x(1));
  };
  r["einsum"] = einsum_case;
}

}  // namespace diff
