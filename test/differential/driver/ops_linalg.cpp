// Linear algebra cases: matmul and dot, with and without `out`.
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

}  // namespace

void register_linalg_ops(registry& r) {
  r["matmul"] = ND_DIFF_PRODUCT(matmul);
  r["dot"] = ND_DIFF_PRODUCT(dot);
}

}  // namespace diff
