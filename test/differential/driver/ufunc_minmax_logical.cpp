// minimum, maximum, logical_and, logical_or cases.
#include "driver.hpp"
#if __has_include(<nd/ufunc.hpp>)
#include "ufunc_cases.hpp"
#endif

namespace diff {

void register_minmax_logical_ops(registry& r) {
#if __has_include(<nd/ufunc.hpp>)
  r["minimum"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(minimum), 2); };
  r["maximum"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(maximum), 2); };
  r["logical_and"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(logical_and), 2); };
  r["logical_or"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(logical_or), 2); };
#else
  (void)r;
#endif
}

}  // namespace diff
