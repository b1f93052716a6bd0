// Operands of a case: Python scalars, and views of the loaded base arrays built with
// the nd public API (basic indexing, nd::transpose, a.T(), nd::broadcast_to).
#include <cstdlib>
#include <utility>

#include <nd/broadcast.hpp>
#include <nd/shape.hpp>

#include "driver.hpp"

namespace diff {

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string::size_type start = 0;
  for (;;) {
    auto end = s.find(sep, start);
    out.push_back(s.substr(start, end - start));
    if (end == std::string::npos) return out;
    start = end + 1;
  }
}

static long parse_long(const std::string& s) {
  char* end = nullptr;
  long v = std::strtol(s.c_str(), &end, 10);
  if (s.empty() || *end != '\0') throw case_format_error("not an integer: '" + s + "'");
  return v;
}

std::vector<long> parse_ints(const std::string& s) {
  std::vector<long> out;
  if (s.empty()) return out;
  for (const auto& part : split(s, ',')) out.push_back(parse_long(part));
  return out;
}

nd::slice parse_slice(const std::string& text) {
  auto parts = split(text, ':');
  if (parts.size() == 2) parts.push_back("");
  if (parts.size() != 3) throw case_format_error("bad slice '" + text + "'");
  auto part = [](const std::string& p) -> std::optional<nd::index_t> {
    if (p.empty()) return std::nullopt;
    return parse_long(p);
  };
  return nd::slice(part(parts[0]), part(parts[1]), part(parts[2]));
}

basic_entry parse_basic_entry(const std::string& text) {
  if (text == "n") return nd::newaxis;
  if (text == "e") return nd::ellipsis;
  if (text.find(':') != std::string::npos) return parse_slice(text);
  return static_cast<nd::index_t>(parse_long(text));
}

namespace {

// a(nd::all, ..., nd::all, entry, nd::ellipsis) with `sizeof...(I)` leading nd::all.
template <class T, class E, std::size_t... I>
nd::array<T> index_after(nd::array<T> a, const E& entry, std::index_sequence<I...>) {
  if constexpr (std::is_same_v<E, nd::ellipsis_t>) return a(((void)I, nd::all)..., nd::ellipsis);
  else return a(((void)I, nd::all)..., entry, nd::ellipsis);
}

template <class T, class E>
nd::array<T> index_at(const nd::array<T>& a, int pos, const E& entry) {
  switch (pos) {
    case 0: return index_after(a, entry, std::make_index_sequence<0>{});
    case 1: return index_after(a, entry, std::make_index_sequence<1>{});
    case 2: return index_after(a, entry, std::make_index_sequence<2>{});
    case 3: return index_after(a, entry, std::make_index_sequence<3>{});
    case 4: return index_after(a, entry, std::make_index_sequence<4>{});
    case 5: return index_after(a, entry, std::make_index_sequence<5>{});
    case 6: return index_after(a, entry, std::make_index_sequence<6>{});
    case 7: return index_after(a, entry, std::make_index_sequence<7>{});
    case 8: return index_after(a, entry, std::make_index_sequence<8>{});
  }
  throw case_format_error("basic index with more than 9 entries");
}

}  // namespace

any_array apply_basic(const any_array& any, const std::vector<basic_entry>& entries) {
  return std::visit(
      [&](auto a) -> any_array {
        int pos = 0;
        for (const auto& e : entries) {
          std::visit(
              [&](const auto& entry) {
                using E = std::decay_t<decltype(entry)>;
                a = index_at(a, pos, entry);
                if constexpr (std::is_same_v<E, nd::slice> || std::is_same_v<E, nd::newaxis_t>) ++pos;
                else if constexpr (std::is_same_v<E, nd::ellipsis_t>) pos = a.ndim();
              },
              e);
        }
        return a;
      },
      any);
}

operand build_operand(const std::string& spec, const std::vector<any_array>& bases) {
  if (spec.size() >= 2 && spec[1] == ':') {
    const std::string v = spec.substr(2);
    if (spec[0] == 'i') return static_cast<std::int64_t>(parse_long(v));
    if (spec[0] == 'f') return std::strtod(v.c_str(), nullptr);
    if (spec[0] == 't') return parse_long(v) != 0;
    throw case_format_error("bad scalar '" + spec + "'");
  }
  auto steps = split(spec, '/');
  if (steps[0].empty() || steps[0][0] != 'b') throw case_format_error("bad operand '" + spec + "'");
  const long k = parse_long(steps[0].substr(1));
  if (k < 0 || k >= static_cast<long>(bases.size())) throw case_format_error("no base " + steps[0]);
  any_array a = bases[static_cast<std::size_t>(k)];
  for (std::size_t s = 1; s < steps.size(); ++s) {
    const std::string& step = steps[s];
    const char kind = step.empty() ? '?' : step[0];
    const std::string arg = step.empty() ? "" : step.substr(1);
    if (kind == 'S') {
      std::vector<basic_entry> entries;
      for (const auto& e : split(arg, ',')) entries.push_back(parse_basic_entry(e));
      a = apply_basic(a, entries);
    } else if (kind == 'T') {
      auto axes = parse_ints(arg);
      a = std::visit(
          [&](const auto& x) -> any_array {
            if (arg.empty()) return x.T();
            return nd::transpose(x, std::vector<int>(axes.begin(), axes.end()));
          },
          a);
    } else if (kind == 'B') {
      nd::shape_t shape(parse_ints(arg));
      a = std::visit([&](const auto& x) -> any_array { return nd::broadcast_to(x, shape); }, a);
    } else {
      throw case_format_error("bad view step '" + step + "' in '" + spec + "'");
    }
  }
  return std::visit([](auto x) -> operand { return x; }, a);
}

any_array as_array(const operand& o, const std::string& what) {
  return std::visit(
      [&](const auto& x) -> any_array {
        if constexpr (nd::is_array_v<decltype(x)>) return x;
        else throw case_format_error(what + " must be an array");
      },
      o);
}

const std::string& test_case::at(const std::string& key) const {
  auto it = params.find(key);
  if (it == params.end()) throw case_format_error("case " + std::to_string(id) + " has no '" + key + "'");
  return it->second;
}

operand test_case::x(int k) const { return build_operand(at("x" + std::to_string(k)), bases); }

any_array test_case::array_x(int k) const { return as_array(x(k), "x" + std::to_string(k)); }

int test_case::operand_count() const {
  int k = 0;
  while (has("x" + std::to_string(k))) ++k;
  return k;
}

}  // namespace diff
