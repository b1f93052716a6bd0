// Indexing cases: basic views, advanced (integer and boolean array) indexing, nd::ix_
// and nd::take, through a(...) exactly as user code writes it.
#include <nd/indexing.hpp>
#include <nd/operators.hpp>
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

// then(a(e...)), a(e...) as user code writes it: on a const array (getitem) the copy or
// view; on a non-const one (setitem) the temporary that assignment writes through,
// used within the same full expression, as `a(idx) = v` uses it.
template <class A, class F, class... E>
any_array index_with(A& a, F& then, const E&... e) {
  if constexpr (!(nd::is_array_v<E> || ...)) throw case_format_error("advanced index without an array");
  else if constexpr (requires { a(e...); }) return then(a(e...));
  else throw rejected_at_compile_time("a(...) does not accept these index types");
}

// Whether idx is all integers, one per axis of the target: user code writes a(i, j),
// the element access (E& on a non-const array), which is NumPy's a[i, j] on an element;
// built as a view (a(i, j, nd::ellipsis), NumPy's a[i, j, ...]) it would be a 0-d array.
bool element_index(const test_case& c, std::vector<nd::index_t>& at) {
  const auto parts = split(c.at("idx"), ';');
  for (const auto& p : parts)
    if (p.empty() || p[0] != 'i') return false;
  const int ndim = std::visit([](const auto& a) { return a.ndim(); }, c.array_x(0));
  if (static_cast<int>(parts.size()) != ndim) return false;
  for (const auto& p : parts) at.push_back(static_cast<nd::index_t>(std::stol(p.substr(1))));
  return true;
}

// f(a(i, j, ...)) with the integers of `at` (1 to 4 of them).
template <class A, class F>
any_array with_element(A& a, const std::vector<nd::index_t>& at, F f) {
  switch (at.size()) {
    case 1: return f(a(at[0]));
    case 2: return f(a(at[0], at[1]));
    case 3: return f(a(at[0], at[1], at[2]));
    case 4: return f(a(at[0], at[1], at[2], at[3]));
  }
  throw case_format_error("an element index of 1 to 4 integers");
}

template <bool ForWrite, class F>
any_array select(test_case& c, F then) {
  std::conditional_t<ForWrite, any_array, const any_array> a = c.array_x(0);
  const auto parts = split(c.at("idx"), ';');
  if (parts.size() == 1 && parts[0][0] == 'X') {  // m(nd::ix_(rows, cols))
    auto kl = parse_ints(parts[0].substr(1));
    if (kl.size() != 2) throw case_format_error("ix_ needs two operands");
    auto rows = as_index_array(c.x(static_cast<int>(kl[0])));
    auto cols = as_index_array(c.x(static_cast<int>(kl[1])));
    return std::visit(
        [&](auto& m, const auto& r, const auto& k) -> any_array {
          using R = typename std::decay_t<decltype(r)>::value_type;
          using K = typename std::decay_t<decltype(k)>::value_type;
          if constexpr (std::is_same_v<R, bool> || std::is_same_v<K, bool>)
            throw case_format_error("the generator writes integer ix_ operands");
          else return then(m(nd::ix_(r, k)));
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
    any_array view = apply_basic(a, entries);
    return std::visit([&](auto& v) { return then(std::move(v)); }, view);
  }
  std::vector<index_entry> e;
  for (const auto& p : parts) e.push_back(parse_entry(c, p));
  switch (e.size()) {
    case 1:
      return std::visit([&](auto& m, const auto& i0) { return index_with(m, then, i0); }, a, e[0]);
    case 2:
      return std::visit([&](auto& m, const auto& i0, const auto& i1) { return index_with(m, then, i0, i1); }, a,
                        e[0], e[1]);
    case 3:  // a(i, nd::ellipsis, idx): an integer and an array separated by an ellipsis
      if (!std::holds_alternative<nd::index_t>(e[0]) || !std::holds_alternative<nd::ellipsis_t>(e[1]))
        throw case_format_error("three index entries must be: integer; ellipsis; array");
      return std::visit(
          [&](auto& m, const auto& i2) { return index_with(m, then, std::get<nd::index_t>(e[0]), nd::ellipsis, i2); },
          a, e[2]);
  }
  throw case_format_error("unsupported number of index entries");
}

any_array getitem(test_case& c) {
  std::vector<nd::index_t> at;
  if (element_index(c, at))
    return std::visit([&](const auto& a) { return with_element(a, at, [](auto e) { return to_any(e); }); },
                      c.array_x(0));
  return select<false>(c, [](auto&& r) -> any_array { return std::move(r); });
}

const any_array& base_of_target(const test_case& c) {
  const std::string& spec = c.at("x0");
  return c.bases.at(static_cast<std::size_t>(std::stoi(spec.substr(1, spec.find('/')))));
}

// a(i, j) = v, += v or *= v on the element reference: C++'s assignment to E&, which
// takes a scalar only (an array value does not compile; NumPy refuses one of size > 1,
// "setting an array element with a sequence").
template <class E>
any_array set_element(E& e, const operand& value, const std::string& mode) {
  std::visit(
      [&](const auto& v) {
        if constexpr (nd::is_array_v<std::decay_t<decltype(v)>>) {
          throw rejected_at_compile_time("a(i, ...) = v: an element reference takes a scalar");
        } else if (mode == "set") {
          e = static_cast<E>(v);
        } else if (mode == "add") {
          e += v;
        } else if (mode == "mul") {
          e *= v;
        } else {
          throw case_format_error("bad setitem mode '" + mode + "'");
        }
      },
      value);
  return {};
}

// target(index) = value, += value or *= value, on the temporary the indexing returns;
// the result is the target's base afterwards.
any_array setitem(test_case& c) {
  const operand value = c.x(std::stoi(c.at("value")));
  const std::string& mode = c.at("mode");
  std::vector<nd::index_t> at;
  if (element_index(c, at)) {
    any_array target = c.array_x(0);
    std::visit([&](auto& a) { with_element(a, at, [&](auto& e) { return set_element(e, value, mode); }); }, target);
    return base_of_target(c);
  }
  select<true>(c, [&](auto&& t) -> any_array {
    std::visit(
        [&](const auto& v) {
          if (mode == "set") {
            std::move(t) = v;
          } else if (mode == "add") {
            if constexpr (requires { std::move(t) += v; }) std::move(t) += v;
            else throw rejected_at_compile_time("a(idx) += v does not compile for these types");
          } else if (mode == "mul") {
            if constexpr (requires { std::move(t) *= v; }) std::move(t) *= v;
            else throw rejected_at_compile_time("a(idx) *= v does not compile for these types");
          } else {
            throw case_format_error("bad setitem mode '" + mode + "'");
          }
        },
        value);
    return {};
  });
  return base_of_target(c);
}

// nd::add_at(target, indices, value) and the other unbuffered forms.
template <class F>
handler ufunc_at(F f) {
  return [f](test_case& c) -> any_array {
    any_array target = c.array_x(0);
    const auto idx = as_index_array(c.x(1));
    const operand value = c.x(2);
    std::visit(
        [&](auto& t, const auto& i, const auto& v) {
          using I = typename std::decay_t<decltype(i)>::value_type;
          if constexpr (std::is_same_v<I, bool>) throw case_format_error("ufunc.at cases use integer indices");
          else if constexpr (requires { f(t, i, v); }) f(t, i, v);
          else throw rejected_at_compile_time("nd::*_at does not compile for these types");
        },
        target, idx, value);
    return base_of_target(c);
  };
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
  r["setitem"] = setitem;
  r["add_at"] = ufunc_at([](auto& t, const auto& i, const auto& v) -> decltype(nd::add_at(t, i, v)) { nd::add_at(t, i, v); });
  r["subtract_at"] =
      ufunc_at([](auto& t, const auto& i, const auto& v) -> decltype(nd::subtract_at(t, i, v)) { nd::subtract_at(t, i, v); });
  r["multiply_at"] =
      ufunc_at([](auto& t, const auto& i, const auto& v) -> decltype(nd::multiply_at(t, i, v)) { nd::multiply_at(t, i, v); });
  r["minimum_at"] =
      ufunc_at([](auto& t, const auto& i, const auto& v) -> decltype(nd::minimum_at(t, i, v)) { nd::minimum_at(t, i, v); });
  r["maximum_at"] =
      ufunc_at([](auto& t, const auto& i, const auto& v) -> decltype(nd::maximum_at(t, i, v)) { nd::maximum_at(t, i, v); });
  r["take"] = take;
}

}  // namespace diff
