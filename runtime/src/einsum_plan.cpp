// nd::einsum's subscripts: parsing (with NumPy's error messages) and the loop layout.
#include <algorithm>
#include <string>

#include "nd/broadcast.hpp"
#include "nd/einsum.hpp"

namespace nd::detail {
namespace {

constexpr int letters = 52;

int letter_label(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return 26 + (c - 'a');
  return -1;
}
char label_char(int label) { return static_cast<char>(label < 26 ? 'A' + label : 'a' + (label - 26)); }

[[noreturn]] void invalid(char c) {
  throw value_error(std::string("invalid subscript '") + c +
                    "' in einstein sum subscripts string, subscripts must be letters");
}

// One term's letters, with -1 where "..." stands; `what` names the term in messages.
std::vector<int> parse_term(std::string_view term, const std::string& what) {
  std::vector<int> out;
  bool ellipsis = false;
  for (std::size_t i = 0; i < term.size(); ++i) {
    const char c = term[i];
    if (c == ' ') continue;
    if (c == '.') {
      if (ellipsis || term.substr(i, 3) != "...")
        throw value_error("einstein sum subscripts string contains a '.' that is not part of an ellipsis ('...') in " +
                          what);
      ellipsis = true;
      out.push_back(-1);
      i += 2;
      continue;
    }
    const int label = letter_label(c);
    if (label < 0) invalid(c);
    out.push_back(label);
  }
  return out;
}

}  // namespace

einsum_plan parse_einsum(std::string_view subscripts, std::span<const int> ndims) {
  const std::size_t arrow = subscripts.find("->");
  const std::string_view inputs = subscripts.substr(0, arrow);
  std::vector<std::string_view> terms;
  for (std::size_t start = 0;;) {
    const std::size_t comma = inputs.find(',', start);
    terms.push_back(inputs.substr(start, comma == std::string_view::npos ? comma : comma - start));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  if (terms.size() > ndims.size())
    throw value_error("fewer operands provided to einstein sum function than specified in the subscripts string");
  if (terms.size() < ndims.size())
    throw value_error("more operands provided to einstein sum function than specified in the subscripts string");
  einsum_plan plan;
  int ellipsis_dims = 0;
  std::vector<std::vector<int>> parsed;
  for (std::size_t k = 0; k < terms.size(); ++k) {
    parsed.push_back(parse_term(terms[k], "operand " + std::to_string(k)));
    const auto& t = parsed.back();
    const bool has_ellipsis = std::find(t.begin(), t.end(), -1) != t.end();
    const int named = static_cast<int>(t.size()) - (has_ellipsis ? 1 : 0);
    if (named > ndims[k])
      throw value_error("einstein sum subscripts string contains too many subscripts for operand " + std::to_string(k));
    if (!has_ellipsis && named < ndims[k])
      throw value_error(
          "operand has more dimensions than subscripts given in einstein sum, but no '...' "
          "ellipsis provided to broadcast the extra dimensions.");
    if (has_ellipsis) ellipsis_dims = std::max(ellipsis_dims, ndims[k] - named);
  }
  // The axes "..." stands for are labels letters.., aligned at their last axis.
  plan.labels = letters + ellipsis_dims;
  int count[letters] = {};
  for (std::size_t k = 0; k < parsed.size(); ++k) {
    std::vector<int> axes;
    const int named = static_cast<int>(parsed[k].size()) - 1;
    for (int label : parsed[k]) {
      if (label >= 0) {
        axes.push_back(label);
        ++count[label];
        continue;
      }
      const int covered = ndims[k] - named;
      for (int e = ellipsis_dims - covered; e < ellipsis_dims; ++e) axes.push_back(letters + e);
    }
    plan.axes.push_back(std::move(axes));
  }
  if (arrow == std::string_view::npos) {  // implicit: "...", then the letters used once
    for (int e = 0; e < ellipsis_dims; ++e) plan.output.push_back(letters + e);
    for (int label = 0; label < letters; ++label)
      if (count[label] == 1) plan.output.push_back(label);
    return plan;
  }
  const std::vector<int> out = parse_term(subscripts.substr(arrow + 2), "the output");
  bool seen[letters] = {}, out_ellipsis = false;
  for (int label : out) {
    if (label < 0) {
      out_ellipsis = true;
      for (int e = 0; e < ellipsis_dims; ++e) plan.output.push_back(letters + e);
      continue;
    }
    if (seen[label])
      throw value_error(std::string("einstein sum subscripts string includes output subscript '") + label_char(label) +
                        "' multiple times");
    if (count[label] == 0)
      throw value_error(std::string("einstein sum subscripts string included output subscript '") + label_char(label) +
                        "' which never appeared in an input");
    seen[label] = true;
    plan.output.push_back(label);
  }
  if (!out_ellipsis && ellipsis_dims > 0)
    throw value_error(
        "output has more dimensions than subscripts given in einstein sum, but no '...' ellipsis "
        "provided to broadcast the extra dimensions.");
  return plan;
}

namespace {
[[noreturn]] void throw_remapped(std::span<const std::span<const index_t>> shapes) {
  std::string msg = "operands could not be broadcast together with remapped shapes [original->remapped]:";
  for (const auto& s : shapes) msg += " " + compact_shape(s) + "->" + compact_shape(s);
  throw shape_error(msg);
}
}  // namespace

einsum_layout layout_einsum(const einsum_plan& plan, std::span<const std::span<const index_t>> shapes,
                            std::span<const std::span<const index_t>> strides) {
  std::vector<index_t> extent(static_cast<std::size_t>(plan.labels), -1);
  for (std::size_t k = 0; k < plan.axes.size(); ++k) {
    std::vector<index_t> mine(static_cast<std::size_t>(plan.labels), -1);
    for (std::size_t d = 0; d < plan.axes[k].size(); ++d) {
      const int label = plan.axes[k][d];
      const index_t n = shapes[k][d];
      if (mine[label] >= 0 && mine[label] != n)
        throw value_error("dimensions in operand " + std::to_string(k) + " for collapsing index '" + label_char(label) +
                          "' don't match (" + std::to_string(mine[label]) + " != " + std::to_string(n) + ")");
      mine[label] = n;
    }
    for (int label = 0; label < plan.labels; ++label) {
      const index_t n = mine[label];
      if (n < 0) continue;
      if (extent[label] < 0 || extent[label] == 1) extent[label] = n;
      else if (n != 1 && n != extent[label]) throw_remapped(shapes);
    }
  }
  // Loop order: the output's labels, then the summed ones.
  std::vector<int> order(plan.output);
  std::vector<bool> in_output(static_cast<std::size_t>(plan.labels), false);
  for (int label : plan.output) in_output[label] = true;
  for (int label = 0; label < plan.labels; ++label)
    if (extent[label] >= 0 && !in_output[label]) order.push_back(label);
  einsum_layout L;
  L.output_labels = static_cast<int>(plan.output.size());
  for (int label : order) L.extents.push_back(std::max<index_t>(extent[label], 0));
  std::vector<int> position(static_cast<std::size_t>(plan.labels), -1);
  for (std::size_t i = 0; i < order.size(); ++i) position[order[i]] = static_cast<int>(i);
  for (std::size_t k = 0; k < plan.axes.size(); ++k) {
    std::vector<index_t> s(order.size(), 0);
    for (std::size_t d = 0; d < plan.axes[k].size(); ++d) {
      const int label = plan.axes[k][d];
      if (shapes[k][d] == 1 && extent[label] != 1) continue;  // broadcast: stride 0
      s[position[label]] += strides[k][d];
    }
    L.strides.push_back(std::move(s));
  }
  // The output is C-contiguous over its labels; summed labels do not move it.
  L.out_strides.assign(order.size(), 0);
  index_t step = 1;
  for (int d = L.output_labels - 1; d >= 0; --d) {
    L.out_strides[d] = step;
    step *= L.extents[d];
  }
  return L;
}

bool einsum_as_matmul(const einsum_plan& plan, matmul_form& form) {
  if (plan.axes.size() != 2 || plan.axes[0].size() != 2 || plan.axes[1].size() != 2 || plan.output.size() != 2)
    return false;
  const auto& a = plan.axes[0];
  const auto& b = plan.axes[1];
  if (a[0] == a[1] || b[0] == b[1]) return false;
  // The summed label s is in both, not in the output; i (of a) and j (of b) are.
  for (int ia = 0; ia < 2; ++ia)
    for (int ib = 0; ib < 2; ++ib) {
      const int s = a[ia], i = a[1 - ia], j = b[1 - ib];
      if (b[ib] != s || i == j || i == s || j == s) continue;
      const auto& o = plan.output;
      if (!((o[0] == i && o[1] == j) || (o[0] == j && o[1] == i))) continue;
      form.a_t = ia == 0;  // a is (s, i): transpose to (i, s)
      form.b_t = ib == 1;  // b is (j, s): transpose to (s, j)
      form.out_t = o[0] == j;
      return true;
    }
  return false;
}

}  // namespace nd::detail
