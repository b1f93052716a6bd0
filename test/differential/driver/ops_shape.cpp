// Shape and type cases (reshape, transpose, ravel, flatten, astype, concatenate,
// stack) and ranges (arange, linspace); matmul and dot are in ops_linalg.cpp.
#include <nd/ufunc.hpp>  // a.astype<U>()
#include <nd/ranges.hpp>
#include <nd/shape.hpp>

#include "driver.hpp"

namespace diff {
namespace {

template <class F>
any_array on_x0(test_case& c, F f) {
  return std::visit([&](const auto& a) -> any_array { return f(a); }, c.array_x(0));
}

// All operands as arrays of one element type (the generator draws them so).
template <class T>
std::vector<nd::array<T>> same_type_operands(const test_case& c) {
  std::vector<nd::array<T>> out;
  for (int k = 0; k < c.operand_count(); ++k) {
    auto a = c.array_x(k);
    if (!std::holds_alternative<nd::array<T>>(a)) throw case_format_error("operands of different types");
    out.push_back(std::get<nd::array<T>>(a));
  }
  return out;
}

template <class F>
any_array astype_to(const std::string& code, F f) {
  if (code == "b1") return f.template operator()<bool>();
  if (code == "i4") return f.template operator()<std::int32_t>();
  if (code == "i8") return f.template operator()<std::int64_t>();
  if (code == "f4") return f.template operator()<float>();
  if (code == "f8") return f.template operator()<double>();
  throw case_format_error("unknown dtype code '" + code + "'");
}

}  // namespace

void register_shape_ops(registry& r) {
  r["reshape"] = [](test_case& c) {
    nd::shape_t shape(parse_ints(c.at("shape")));
    return on_x0(c, [&](const auto& a) { return a.reshape(shape); });
  };
  r["transpose"] = [](test_case& c) {
    const std::string& axes = c.at("axes");
    return on_x0(c, [&](const auto& a) {
      if (axes == "T") return a.T();
      auto v = parse_ints(axes);
      return nd::transpose(a, std::vector<int>(v.begin(), v.end()));
    });
  };
  r["ravel"] = [](test_case& c) { return on_x0(c, [](const auto& a) { return a.ravel(); }); };
  r["flatten"] = [](test_case& c) { return on_x0(c, [](const auto& a) { return a.flatten(); }); };
  r["astype"] = [](test_case& c) {
    return on_x0(c, [&](const auto& a) {
      return astype_to(c.at("dtype"), [&]<class U>() -> any_array { return a.template astype<U>(); });
    });
  };
  r["concatenate"] = [](test_case& c) {
    const int axis = std::stoi(c.at("axis"));
    return on_x0(c, [&](const auto& a) -> any_array {
      using T = typename std::decay_t<decltype(a)>::value_type;
      return nd::concatenate(same_type_operands<T>(c), axis);
    });
  };
  r["stack"] = [](test_case& c) {
    const int axis = std::stoi(c.at("axis"));
    return on_x0(c, [&](const auto& a) -> any_array {
      using T = typename std::decay_t<decltype(a)>::value_type;
      return nd::stack(same_type_operands<T>(c), axis);
    });
  };
  r["arange"] = [](test_case& c) {
    const std::string& code = c.at("dtype");
    auto make = [&]<class T>() -> any_array {
      if constexpr (std::is_floating_point_v<T>) {
        return nd::arange<T>(std::stod(c.at("start")), std::stod(c.at("stop")), std::stod(c.at("step")));
      } else {
        return nd::arange<T>(std::stoll(c.at("start")), std::stoll(c.at("stop")), std::stoll(c.at("step")));
      }
    };
    if (code == "i4") return make.template operator()<std::int32_t>();
    if (code == "i8") return make.template operator()<std::int64_t>();
    if (code == "f4") return make.template operator()<float>();
    if (code == "f8") return make.template operator()<double>();
    throw case_format_error("arange dtype '" + code + "'");
  };
  r["linspace"] = [](test_case& c) {
    const std::string& code = c.at("dtype");
    const double start = std::stod(c.at("start")), stop = std::stod(c.at("stop"));
    const nd::index_t num = std::stol(c.at("num"));
    const bool endpoint = c.at("endpoint") == "1";
    if (code == "f4") return any_array(nd::linspace<float>(start, stop, num, endpoint));
    if (code == "f8") return any_array(nd::linspace<double>(start, stop, num, endpoint));
    throw case_format_error("linspace dtype '" + code + "'");
  };
}

}  // namespace diff
