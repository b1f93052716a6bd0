// Comparison ufunc cases: arrays and weak scalars, broadcasting, out.
#include "driver.hpp"
#if __has_include(<nd/ufunc.hpp>)
#include "ufunc_cases.hpp"
#endif

namespace diff {

void register_compare_ops(registry& r) {
#if __has_include(<nd/ufunc.hpp>)
  r["equal"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(equal), 2); };
  r["not_equal"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(not_equal), 2); };
  r["less"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(less), 2); };
  r["less_equal"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(less_equal), 2); };
  r["greater"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(greater), 2); };
  r["greater_equal"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(greater_equal), 2); };
#else
  (void)r;
#endif
}

}  // namespace diff
