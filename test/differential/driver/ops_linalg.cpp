// Linear algebra cases: matmul and dot, with and without `out`, and nd::linalg's
// factorizations (a case's `part` names the member of a result struct to compare).
#include <nd/linalg.hpp>

#include "driver.hpp"

namespace diff {
namespace {

// Runs f(a, b[, out]) on x0 and x1, with `out` when the case has one; types for which
// the nd call does not compile are rejected (NumPy raises TypeError for them).
#define ND_DIFF_PRODUCT(fn)                                                                            \
  [](test_case& c) -> any_array {                                                                      \
    if (!c.has("out"))                                                                                 \
      return std::visit(                                                                               \
          [](const auto& a, const auto& b) -> any_array {                                              \
            if constexpr (requires { nd::fn(a, b); }) return to_any(nd::fn(a, b));                     \
            else throw rejected_at_compile_time("nd::" #fn " does not compile for these element types"); \
          },                                                                                           \
          c.array_x(0), c.array_x(1));                                                                 \
    any_array out = as_array(build_operand(c.at("out"), c.bases), "out");                              \
    return std::visit(                                                                                 \
        [](const auto& a, const auto& b, auto& o) -> any_array {                                       \
          if constexpr (requires { nd::fn(a, b, o); }) return to_any(nd::fn(a, b, o));                 \
          else throw rejected_at_compile_time("nd::" #fn " does not compile for these element types"); \
        },                                                                                             \
        c.array_x(0), c.array_x(1), out);                                                              \
  }

template <class F>
any_array on_x0(test_case& c, F f) {
  return std::visit([&](const auto& a) -> any_array { return f(a); }, c.array_x(0));
}

template <class F>
any_array on_x0_x1(test_case& c, F f) {
  return std::visit([&](const auto& a, const auto& b) -> any_array { return f(a, b); }, c.array_x(0), c.array_x(1));
}

}  // namespace

void register_linalg_ops(registry& r) {
  r["matmul"] = ND_DIFF_PRODUCT(matmul);
  r["dot"] = ND_DIFF_PRODUCT(dot);
  r["solve"] = [](test_case& c) { return on_x0_x1(c, [](const auto& a, const auto& b) { return nd::linalg::solve(a, b); }); };
  r["inv"] = [](test_case& c) { return on_x0(c, [](const auto& a) { return nd::linalg::inv(a); }); };
  r["det"] = [](test_case& c) { return on_x0(c, [](const auto& a) { return nd::linalg::det(a); }); };
  r["cholesky"] = [](test_case& c) { return on_x0(c, [](const auto& a) { return nd::linalg::cholesky(a); }); };
  r["qr"] = [](test_case& c) {
    const std::string part = c.at("part");
    return on_x0(c, [&](const auto& a) {
      auto [q, rr] = nd::linalg::qr(a);
      return part == "Q" ? q : rr;
    });
  };
  r["eigh"] = [](test_case& c) {
    const std::string part = c.at("part");
    return on_x0(c, [&](const auto& a) {
      auto res = nd::linalg::eigh(a);
      return part == "eigenvalues" ? res.eigenvalues : res.eigenvectors;
    });
  };
  r["svd"] = [](test_case& c) {
    const std::string part = c.at("part");
    const bool full = !c.has("full") || c.at("full") == "1";
    return on_x0(c, [&](const auto& a) {
      auto [u, s, vh] = nd::linalg::svd(a, full);
      return part == "U" ? u : part == "S" ? s : vh;
    });
  };
  r["lstsq"] = [](test_case& c) {
    const std::string part = c.at("part");
    return on_x0_x1(c, [&](const auto& a, const auto& b) -> any_array {
      auto [x, residuals, rank, s] = nd::linalg::lstsq(a, b);
      if (part == "rank") return to_any(static_cast<std::int32_t>(rank));  // NumPy's rank is an int32
      return part == "x" ? x : part == "residuals" ? residuals : s;
    });
  };
}

}  // namespace diff
