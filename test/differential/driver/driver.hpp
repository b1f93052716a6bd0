// The C++ side of the differential tests: runs each case of cases.txt through the nd
// public API. The case format is described in ../cases.py.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include <nd/array.hpp>

namespace diff {

// An array of any element type the runtime supports.
using any_array = std::variant<nd::array<bool>, nd::array<std::int32_t>, nd::array<std::int64_t>,
                               nd::array<float>, nd::array<double>>;

// An operand: an array, or a Python scalar. Python int, float and bool are passed as
// std::int64_t, double and bool; nd treats scalars as NEP 50 "weak" values.
using operand = std::variant<nd::array<bool>, nd::array<std::int32_t>, nd::array<std::int64_t>,
                             nd::array<float>, nd::array<double>, std::int64_t, double, bool>;

// A malformed case line (a harness bug, never an nd result).
struct case_format_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The op cannot be expressed with these operand types: the nd call does not compile
// (NumPy raises TypeError for such combinations, e.g. subtracting booleans).
struct rejected_at_compile_time : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct test_case {
  int id = 0;
  std::string op;
  std::map<std::string, std::string> params;
  std::vector<any_array> bases;

  bool has(const std::string& key) const { return params.count(key) != 0; }
  const std::string& at(const std::string& key) const;
  operand x(int k) const;        // operand x<k>
  any_array array_x(int k) const;  // operand x<k>, which must be an array
  int operand_count() const;
};

// Parses "start:stop:step", "n", "e" or an integer, and applies spec views.
operand build_operand(const std::string& spec, const std::vector<any_array>& bases);
any_array as_array(const operand& o, const std::string& what);

// Basic-index entries: an integer, a slice, nd::newaxis or nd::ellipsis.
using basic_entry = std::variant<nd::index_t, nd::slice, nd::newaxis_t, nd::ellipsis_t>;
basic_entry parse_basic_entry(const std::string& text);
nd::slice parse_slice(const std::string& text);
// Applies entries one at a time, each as a(nd::all x pos, entry, nd::ellipsis).
any_array apply_basic(const any_array& a, const std::vector<basic_entry>& entries);

std::vector<std::string> split(const std::string& s, char sep);
std::vector<long> parse_ints(const std::string& s);

// Wraps a scalar result (nd::sum(a)) as a 0-d array, so every result is saved alike.
template <class R>
any_array to_any(R r) {
  if constexpr (nd::is_array_v<R>) {
    return any_array(std::move(r));
  } else {
    static_assert(nd::element<R>, "a scalar result must be of an element type");
    nd::array<R> z{nd::shape_t{}};
    z.data()[0] = r;
    return any_array(std::move(z));
  }
}

// Handlers: one per op name; each returns the op's result.
using handler = std::function<any_array(test_case&)>;
using registry = std::map<std::string, handler>;

void register_unary_ops(registry& r);
void register_arith_ops(registry& r);
void register_compare_ops(registry& r);
void register_minmax_logical_ops(registry& r);
void register_ternary_ops(registry& r);
void register_reduce_ops(registry& r);
void register_indexing_ops(registry& r);
void register_shape_ops(registry& r);
void register_scan_ops(registry& r);
void register_sort_ops(registry& r);
void register_linalg_ops(registry& r);
void register_shape_view_ops(registry& r);
void register_shape_copy_ops(registry& r);
// The element-wise functions of ufuncs.def's second half, and isclose/allclose.
void register_more_ufunc_ops(registry& r);
void register_statistics_ops(registry& r);
void register_fused_ops(registry& r);

}  // namespace diff
