// Indexing cases: basic views, advanced (integer and boolean array) indexing, nd::ix_
// and nd::take, through a(...) exactly as user code writes it.
#include <nd/indexing.hpp>
#include <nd/shape.hpp>

#include "driver.hpp"

namespace diff {
namespace {

using index_array = std::variant<nd::array<std::int32_t>, nd::array<std::int64_t>, nd::array<bool>>;
using index_entry = std::variant<nd::index_t, nd::slice, nd::newaxis_t, nd::ellipsis_t, nd::array<std::int32_t>,
                                 nd::array<std::int64_t>, nd::array<bool>>;

index_array as_index_array(const operand& o) {
  return std::visit(
      [](const auto& x) -> index_array {
        using X = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<X, nd::array<std::int32_t>> || std::is_same_v<X, nd::array<std::int64_t>> ||
                      std::is_same_v<X, nd::array<bool>>)
          return x;
        else throw case_format_error("an index operand must be an int32, int64 or bool array");
      },
      o);
}

index_entry parse_entry(const test_case& c, const std::string& e) {
  if (e.empty()) throw case_format_error("empty index entry");
  if (e[0] == 'A') {
    return std::visit([](const auto& x) -> index_entry { return x; }, as_index_array(c.x(std::stoi(e.substr(1)))));
  }
  if (e[0] == 's') return parse_slice(e.substr(1));
  if (e[0] == 'i') return static_cast<nd::index_t>(std::stol(e.substr(1)));
  if (e == "n") return nd::newaxis;
  if (e == "e") return nd::ellipsis;
  throw case_format_error("bad index entry '" + e + "'");
}

template <class A, class... E>
any_array index_with(const A& a, const E&... e) {
  if constexpr (!(nd::is_array_v<E> || ...)) throw case_format_error("advanced index without an array");
  else if constexpr (requires { a(e...); }) return a(e...);
  else throw rejected_at_compile_time("a(...) does not accept these index types");
}

any_array getitem(test_case& c) {
  const any_array a = c.array_x(0);
  const auto parts = split(c.at("idx"), ';');
  if (parts.size() == 1 && parts[0][0] == 'X') {  // m(nd::ix_(rows, cols))
    auto kl = parse_ints(parts[0].substr(1));
    if (kl.size() != 2) throw case_format_error("ix_ needs two operands");
    auto rows = as_index_array(c.x(static_cast<int>(kl[0])));
    auto cols = as_index_array(c.x(static_cast<int>(kl[1])));
    return std::visit(
        [](const auto& m, const auto& r, const auto& k) -> any_array {
          using R = typename std::decay_t<decltype(r)>::value_type;
          using K = typename std::decay_t<decltype(k)>::value_type;
          if constexpr (std::is_same_v<R, bool> || std::is_same_v<K, bool>)
            throw case_format_error("the generator writes integer ix_ operands");
          else return m(nd::ix_(r, k));
        },
        a, rows, cols);
  }
  bool advanced = false;
  for (const auto& p : parts) advanced |= p[0] == 'A';
  if (!advanced) {  // basic indexing: a view, built one entry at a time
    std::vector<basic_entry> entries;
    for (const auto& p : parts) {
      if (p[0] == 's') entries.push_back(parse_slice(p.substr(1)));
      else if (p[0] == 'i') entries.push_back(static_cast<nd::index_t>(std::stol(p.substr(1))));
      else entries.push_back(parse_basic_entry(p));
    }
    return apply_basic(a, entries);
  }
  std::vector<index_entry> e;
  for (const auto& p : parts) e.push_back(parse_entry(c, p));
  switch (e.size()) {
    case 1:
      return std::visit([](const auto& m, const auto& i0) { return index_with(m, i0); }, a, e[0]);
    case 2:
      return std::visit([](const auto& m, const auto& i0, const auto& i1) { return index_with(m, i0, i1); }, a, e[0],
                        e[1]);
    case 3:  // a(i, nd::ellipsis, idx): an integer and an array separated by an ellipsis
      if (!std::holds_alternative<nd::index_t>(e[0]) || !std::holds_alternative<nd::ellipsis_t>(e[1]))
        throw case_format_error("three index entries must be: integer; ellipsis; array");
      return std::visit(
          [&](const auto& m, const auto& i2) { return index_with(m, std::get<nd::index_t>(e[0]), nd::ellipsis, i2); },
          a, e[2]);
  }
  throw case_format_error("unsupported number of index entries");
}

any_array take(test_case& c) {
  const any_array a = c.array_x(0);
  const auto idx = as_index_array(c.x(1));
  const std::string& axis = c.at("axis");
  return std::visit(
      [&](const auto& m, const auto& i) -> any_array {
        using I = typename std::decay_t<decltype(i)>::value_type;
        if constexpr (std::is_same_v<I, bool>) throw case_format_error("take needs an integer index array");
        else if (axis == "none") return nd::take(m, i);
        else return nd::take(m, i, std::stoi(axis));
      },
      a, idx);
}

}  // namespace

void register_indexing_ops(registry& r) {
  r["getitem"] = getitem;
  r["take"] = take;
}

}  // namespace diff
