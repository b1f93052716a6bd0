// Helpers of the shape and matrix cases (ops_shape_views.cpp, ops_shape_copies.cpp).
#pragma once

#include <string>
#include <vector>

#include "driver.hpp"

namespace diff {

// "0,-1" as ints (axis lists).
inline std::vector<int> int_list(const std::string& s) {
  std::vector<int> out;
  for (long v : parse_ints(s)) out.push_back(static_cast<int>(v));
  return out;
}

// Every operand as an array of T (the generator draws them of one type).
template <class T>
std::vector<nd::array<T>> same_type_list(const test_case& c) {
  std::vector<nd::array<T>> out;
  for (int k = 0; k < c.operand_count(); ++k) {
    auto a = c.array_x(k);
    if (!std::holds_alternative<nd::array<T>>(a)) throw case_format_error("operands of different types");
    out.push_back(std::get<nd::array<T>>(a));
  }
  return out;
}

}  // namespace diff
