// Arithmetic ufunc cases: arrays and weak scalars, broadcasting, out.
#include "driver.hpp"
#if __has_include(<nd/ufunc.hpp>)
#include "ufunc_cases.hpp"
#endif

namespace diff {

void register_arith_ops(registry& r) {
#if __has_include(<nd/ufunc.hpp>)
  r["add"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(add), 2); };
  r["subtract"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(subtract), 2); };
  r["multiply"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(multiply), 2); };
  r["divide"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(divide), 2); };
  r["power"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(power), 2); };
#else
  (void)r;
#endif
}

}  // namespace diff
