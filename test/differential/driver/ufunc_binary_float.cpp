// Binary floating-point ufunc cases: arctan2, hypot, copysign, fmax, fmin.
// (rows of runtime/include/nd/ufuncs.def; one small file per group keeps compile times short).
#include "driver.hpp"
#if __has_include(<nd/ufunc.hpp>)
#include "ufunc_cases.hpp"
#endif

namespace diff {

void register_binary_float_ops(registry& r) {
#if __has_include(<nd/ufunc.hpp>)
  r["arctan2"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(arctan2), 2); };
  r["hypot"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(hypot), 2); };
  r["copysign"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(copysign), 2); };
  r["fmax"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(fmax), 2); };
  r["fmin"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(fmin), 2); };
#else
  (void)r;
#endif
}

}  // namespace diff
