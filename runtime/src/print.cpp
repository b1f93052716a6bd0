// NumPy's repr of an array, ported from numpy/core/arrayprint.py (1.24) with the
// default print options. The structure follows NumPy's: choose a formatter from the
// elements that will be shown (all of them, or the edge items of a summarised array),
// so every element gets the same width, then lay the nested lists out with
// _formatArray's wrapping rules.
//
// Floats: NumPy prints the shortest digits that round-trip (Dragon4 in 'unique' mode),
// cut to 8 digits after the point ('maxprec'). std::to_chars gives the same shortest
// digits, and, when more than 8 would be needed, the exact value correctly rounded
// to 8 digits, which is what Dragon4's cutoff produces.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "nd/print.hpp"

namespace nd::detail {
namespace {

constexpr std::size_t line_width = 75;
constexpr index_t summary_threshold = 1000;
constexpr index_t edge_items = 3;
constexpr int float_precision = 8;

std::string rstrip(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

// ---------------------------------------------------------------------------------
// Float digits.

// The shortest round-trip digits of a finite x: x = 0.d1d2d3... * 10^(exponent + 1),
// i.e. d1.d2d3... * 10^exponent.
struct decimal_digits {
  bool negative = false;
  std::string digits;
  int exponent = 0;
};

template <class T>
decimal_digits parse_scientific(const char* first, const char* last) {
  decimal_digits d;
  const char* p = first;
  if (*p == '-') {
    d.negative = true;
    ++p;
  }
  for (; p != last && *p != 'e'; ++p)
    if (*p != '.') d.digits.push_back(*p);
  if (p != last) {
    ++p;  // 'e'
    std::from_chars(*p == '+' ? p + 1 : p, last, d.exponent);
  }
  return d;
}

template <class T>
decimal_digits shortest_digits(T x) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific);
  return parse_scientific<T>(buf, r.ptr);
}

template <class T>
decimal_digits rounded_scientific_digits(T x, int precision) {
  char buf[128];
  auto r = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific, precision);
  return parse_scientific<T>(buf, r.ptr);
}

void trim_trailing_zeros(std::string& frac) {
  while (!frac.empty() && frac.back() == '0') frac.pop_back();
}

// Dragon4 positional, unique, precision 8, trim '.': ("-12", "5") for -12.5.
template <class T>
std::pair<std::string, std::string> positional_parts(T x) {
  decimal_digits d = shortest_digits(x);
  const int n = static_cast<int>(d.digits.size());
  std::string int_part = d.negative ? "-" : "";
  std::string frac;
  if (n - 1 - d.exponent <= float_precision) {
    if (d.exponent >= 0) {
      std::string whole = d.digits.substr(0, std::min(n, d.exponent + 1));
      whole.append(static_cast<std::size_t>(d.exponent + 1 - static_cast<int>(whole.size())), '0');
      int_part += whole;
      if (n > d.exponent + 1) frac = d.digits.substr(static_cast<std::size_t>(d.exponent + 1));
    } else {
      int_part += "0";
      frac = std::string(static_cast<std::size_t>(-d.exponent - 1), '0') + d.digits;
    }
    return {int_part, frac};
  }
  // More digits than the precision: the exact value rounded to 8 places.
  char buf[512];
  auto r = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::fixed, float_precision);
  std::string text(buf, r.ptr);
  std::size_t dot = text.find('.');
  frac = text.substr(dot + 1);
  trim_trailing_zeros(frac);
  return {text.substr(0, dot), frac};
}

struct scientific_parts_t {
  std::string int_part;  // sign and one digit
  std::string frac;
  int exponent = 0;
};

// Dragon4 scientific, unique, precision 8, trim '.'.
template <class T>
scientific_parts_t scientific_parts(T x) {
  decimal_digits d = shortest_digits(x);
  if (static_cast<int>(d.digits.size()) - 1 > float_precision) d = rounded_scientific_digits(x, float_precision);
  scientific_parts_t s;
  s.int_part = std::string(d.negative ? "-" : "") + d.digits[0];
  s.frac = d.digits.substr(1);
  trim_trailing_zeros(s.frac);
  s.exponent = d.exponent;
  return s;
}

// Dragon4 scientific with exactly `precision` digits after the point: the exact value
// correctly rounded.
template <class T>
scientific_parts_t scientific_parts_rounded(T x, std::size_t precision) {
  decimal_digits d = rounded_scientific_digits(x, static_cast<int>(precision));
  return {std::string(d.negative ? "-" : "") + d.digits[0], d.digits.substr(1), d.exponent};
}

std::string exponent_digits(int exponent) { return std::to_string(exponent < 0 ? -exponent : exponent); }

// ---------------------------------------------------------------------------------
// Element formatters: built from the elements that will be shown, then applied to each.

template <class T>
class float_formatter {
 public:
  explicit float_formatter(const std::vector<T>& shown) {
    std::vector<T> finite;
    bool has_non_finite = false, has_negative_inf = false;
    for (T v : shown) {
      if (std::isfinite(v)) finite.push_back(v);
      else {
        has_non_finite = true;
        if (std::isinf(v) && v < 0) has_negative_inf = true;
      }
    }
    // Scientific notation for large or tiny magnitudes, or a wide spread of them. NumPy
    // divides in the element type, so a float32 ratio may overflow to inf.
    bool any_non_zero = false;
    T max_val = 0, min_val = 0;
    for (T v : finite) {
      if (v == 0) continue;
      T a = std::abs(v);
      if (!any_non_zero) max_val = min_val = a;
      max_val = std::max(max_val, a);
      min_val = std::min(min_val, a);
      any_non_zero = true;
    }
    if (any_non_zero) {
      T ratio = max_val / min_val;
      // The thresholds are Python floats: NumPy compares in double precision.
      exp_format_ = double(max_val) >= 1e8 || double(min_val) < 0.0001 || double(ratio) > 1000.0;
    }

    if (finite.empty()) {
      pad_left_ = pad_right_ = 0;
    } else if (exp_format_) {
      std::size_t exp_len = 0;
      for (T v : finite) {
        scientific_parts_t s = scientific_parts(v);
        pad_left_ = std::max(pad_left_, s.int_part.size());
        precision_ = std::max(precision_, s.frac.size());
        exp_len = std::max(exp_len, std::max<std::size_t>(2, exponent_digits(s.exponent).size()));
      }
      exp_size_ = exp_len;
      pad_right_ = exp_size_ + 2 + precision_;
    } else {
      for (T v : finite) {
        auto [int_part, frac] = positional_parts(v);
        pad_left_ = std::max(pad_left_, int_part.size());
        pad_right_ = std::max(pad_right_, frac.size());
      }
    }
    if (has_non_finite) {
      const std::size_t offset = pad_right_ + 1;  // the point
      const std::size_t nan_len = 3, inf_len = 3 + (has_negative_inf ? 1 : 0);
      if (nan_len > offset) pad_left_ = std::max(pad_left_, nan_len - offset);
      if (inf_len > offset) pad_left_ = std::max(pad_left_, inf_len - offset);
    }
  }

  std::string operator()(T x) const {
    if (!std::isfinite(x)) {
      std::string text = std::isnan(x) ? "nan" : (x < 0 ? "-inf" : "inf");
      std::size_t width = pad_left_ + pad_right_ + 1;
      return std::string(width > text.size() ? width - text.size() : 0, ' ') + text;
    }
    if (exp_format_) {
      // Every element shows precision_ digits after the point: Dragon4 with min_digits
      // prints the digits of the exact value past the shortest ones, rounding the last.
      scientific_parts_t s = scientific_parts_rounded(x, precision_);
      std::string exp = exponent_digits(s.exponent);
      std::string out(pad_left_ > s.int_part.size() ? pad_left_ - s.int_part.size() : 0, ' ');
      out += s.int_part;
      out += '.';
      out += s.frac;
      out += s.exponent < 0 ? "e-" : "e+";
      out.append(exp_size_ > exp.size() ? exp_size_ - exp.size() : 0, '0');
      out += exp;
      return out;
    }
    auto [int_part, frac] = positional_parts(x);
    std::string out(pad_left_ > int_part.size() ? pad_left_ - int_part.size() : 0, ' ');
    out += int_part;
    out += '.';
    out += frac;
    out.append(pad_right_ - frac.size(), ' ');
    return out;
  }

 private:
  bool exp_format_ = false;
  std::size_t pad_left_ = 0, pad_right_ = 0;
  std::size_t precision_ = 0, exp_size_ = 0;  // scientific only
};

template <class T>
class integer_formatter {
 public:
  explicit integer_formatter(const std::vector<T>& shown) {
    if (shown.empty()) return;
    auto [lo, hi] = std::minmax_element(shown.begin(), shown.end());
    width_ = std::max(std::to_string(*lo).size(), std::to_string(*hi).size());
  }
  std::string operator()(T x) const {
    std::string text = std::to_string(x);
    return std::string(width_ > text.size() ? width_ - text.size() : 0, ' ') + text;
  }

 private:
  std::size_t width_ = 0;
};

class bool_formatter {
 public:
  // " True" lines up with "False", except in a 0-d array.
  explicit bool_formatter(bool zero_d) : true_text_(zero_d ? "True" : " True") {}
  std::string operator()(bool x) const { return x ? true_text_ : "False"; }

 private:
  std::string true_text_;
};

// ---------------------------------------------------------------------------------
// Layout: numpy.core.arrayprint._formatArray.

template <class T, class Formatter>
class array_layout {
 public:
  array_layout(std::span<const index_t> shape, std::span<const index_t> strides, bool summarise,
               const Formatter& format, std::string separator)
      : shape_(shape), strides_(strides), summarise_(summarise), format_(format), separator_(std::move(separator)) {}

  std::string render(const T* p, int axis, const std::string& hanging_indent, std::size_t width) const {
    const int axes_left = static_cast<int>(shape_.size()) - axis;
    if (axes_left == 0) return format_(*p);
    // Nested lists are indented by one more space and have one less column (the ']').
    const std::string next_hanging_indent = hanging_indent + ' ';
    const std::size_t next_width = width - 1;
    const index_t n = shape_[axis];
    const bool show_summary = summarise_ && 2 * edge_items < n;
    const index_t leading = show_summary ? edge_items : 0;
    const index_t trailing = show_summary ? edge_items : n;
    auto item = [&](index_t i) { return p + i * strides_[axis]; };

    std::string s;
    if (axes_left == 1) {
      // The last axis: elements wrap when they would run past the line width.
      const std::size_t elem_width = width - std::max<std::size_t>(rstrip(separator_).size(), 1);
      std::string line = hanging_indent;
      for (index_t i = 0; i < leading; ++i) {
        extend_line(s, line, render(item(i), axis + 1, next_hanging_indent, next_width), elem_width, hanging_indent);
        line += separator_;
      }
      if (show_summary) {
        extend_line(s, line, "...", elem_width, hanging_indent);
        line += separator_;
      }
      for (index_t i = trailing; i > 1; --i) {
        extend_line(s, line, render(item(n - i), axis + 1, next_hanging_indent, next_width), elem_width,
                    hanging_indent);
        line += separator_;
      }
      extend_line(s, line, render(item(n - 1), axis + 1, next_hanging_indent, next_width), elem_width, hanging_indent);
      s += line;
    } else {
      // Other axes: one row per line, blank lines between blocks of higher rank.
      const std::string line_sep = rstrip(separator_) + std::string(static_cast<std::size_t>(axes_left - 1), '\n');
      for (index_t i = 0; i < leading; ++i)
        s += hanging_indent + render(item(i), axis + 1, next_hanging_indent, next_width) + line_sep;
      if (show_summary) s += hanging_indent + "..." + line_sep;
      for (index_t i = trailing; i > 1; --i)
        s += hanging_indent + render(item(n - i), axis + 1, next_hanging_indent, next_width) + line_sep;
      s += hanging_indent + render(item(n - 1), axis + 1, next_hanging_indent, next_width);
    }
    return "[" + s.substr(hanging_indent.size()) + "]";
  }

 private:
  static void extend_line(std::string& s, std::string& line, const std::string& word, std::size_t width,
                          const std::string& next_line_prefix) {
    // Wrapping does not help when the line holds nothing but the indent.
    const bool needs_wrap = line.size() + word.size() > width && line.size() > next_line_prefix.size();
    if (needs_wrap) {
      s += rstrip(line) + "\n";
      line = next_line_prefix;
    }
    line += word;
  }

  std::span<const index_t> shape_, strides_;
  bool summarise_;
  const Formatter& format_;
  std::string separator_;
};

// The elements NumPy's formatter sees: all, or only the edge items of every axis
// longer than 2 * edge_items when summarising (numpy's _leading_trailing).
template <class T>
void collect_shown(const T* p, std::span<const index_t> shape, std::span<const index_t> strides, int axis,
                   bool summarise, std::vector<T>& out) {
  if (axis == static_cast<int>(shape.size())) {
    out.push_back(*p);
    return;
  }
  const index_t n = shape[axis];
  auto visit = [&](index_t i) { collect_shown(p + i * strides[axis], shape, strides, axis + 1, summarise, out); };
  if (summarise && n > 2 * edge_items) {
    for (index_t i = 0; i < edge_items; ++i) visit(i);
    for (index_t i = n - edge_items; i < n; ++i) visit(i);
  } else {
    for (index_t i = 0; i < n; ++i) visit(i);
  }
}

// numpy's array2string for a non-empty array, with `prefix` ("array(") and the width
// left after the suffix.
template <class T>
std::string array2string(const T* data, std::span<const index_t> shape, std::span<const index_t> strides,
                         std::size_t width, const std::string& prefix) {
  index_t size = 1;
  for (index_t d : shape) size *= d;
  const bool summarise = size > summary_threshold;
  std::vector<T> shown;
  collect_shown(data, shape, strides, 0, summarise, shown);
  const std::string next_line_prefix = " " + std::string(prefix.size(), ' ');  // under "array(["
  auto layout_with = [&](const auto& format) {
    using formatter = std::remove_cvref_t<decltype(format)>;
    array_layout<T, formatter> layout(shape, strides, summarise, format, ", ");
    return layout.render(data, 0, next_line_prefix, width);
  };
  if constexpr (std::is_same_v<T, bool>) return layout_with(bool_formatter(shape.empty()));
  else if constexpr (std::is_floating_point_v<T>) return layout_with(float_formatter<T>(shown));
  else return layout_with(integer_formatter<T>(shown));
}

template <class T>
std::string typed_repr(const T* data, std::span<const index_t> shape, std::span<const index_t> strides) {
  index_t size = 1;
  for (index_t d : shape) size *= d;
  // float64, int64 and bool are the types NumPy leaves implied (on 64-bit Linux).
  const bool implied_dtype = std::is_same_v<T, double> || std::is_same_v<T, std::int64_t> || std::is_same_v<T, bool>;
  const bool skip_dtype = implied_dtype && size > 0;
  const std::string prefix = "array(";
  const std::string suffix = skip_dtype ? ")" : ",";
  std::string list;
  if (size > 0) list = array2string(data, shape, strides, line_width - suffix.size(), prefix);
  else if (shape.size() == 1) list = "[]";
  else list = "[], shape=" + nd::to_string(shape);
  std::string text = prefix + list + suffix;
  if (skip_dtype) return text;
  const std::string dtype_text = std::string("dtype=") + dtype_name(dtype_of<T>()) + ")";
  const std::size_t newline = text.rfind('\n');
  const std::size_t last_line_len = newline == std::string::npos ? text.size() : text.size() - (newline + 1);
  if (last_line_len + dtype_text.size() + 1 > line_width)
    return text + "\n" + std::string(prefix.size(), ' ') + dtype_text;
  return text + " " + dtype_text;
}

}  // namespace

std::string array_repr(dtype t, const void* data, std::span<const index_t> shape, std::span<const index_t> strides) {
  switch (t) {
    case dtype::bool_: return typed_repr(static_cast<const bool*>(data), shape, strides);
    case dtype::int32: return typed_repr(static_cast<const std::int32_t*>(data), shape, strides);
    case dtype::int64: return typed_repr(static_cast<const std::int64_t*>(data), shape, strides);
    case dtype::float32: return typed_repr(static_cast<const float*>(data), shape, strides);
    case dtype::float64: return typed_repr(static_cast<const double*>(data), shape, strides);
  }
  return "array(?)";
}

}  // namespace nd::detail
