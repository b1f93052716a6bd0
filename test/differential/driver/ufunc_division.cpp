// Binary division ufunc cases: mod, fmod, floor_divide, logical_xor.
// (rows of runtime/include/nd/ufuncs.def; one small file per group keeps compile times short).
#include "driver.hpp"
#if __has_include(<nd/ufunc.hpp>)
#include "ufunc_cases.hpp"
#endif

namespace diff {

void register_division_ops(registry& r) {
#if __has_include(<nd/ufunc.hpp>)
  r["mod"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(mod), 2); };
  r["fmod"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(fmod), 2); };
  r["floor_divide"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(floor_divide), 2); };
  r["logical_xor"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(logical_xor), 2); };
#else
  (void)r;
#endif
}

}  // namespace diff
