// Unary rounding, sign and classification ufunc cases.
// (rows of runtime/include/nd/ufuncs.def; one small file per group keeps compile times short).
#include "driver.hpp"
#if __has_include(<nd/ufunc.hpp>)
#include "ufunc_cases.hpp"
#endif

namespace diff {

void register_rounding_ops(registry& r) {
#if __has_include(<nd/ufunc.hpp>)
  r["floor"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(floor), 1); };
  r["ceil"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(ceil), 1); };
  r["trunc"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(trunc), 1); };
  r["rint"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(rint), 1); };
  r["reciprocal"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(reciprocal), 1); };
  r["sign"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(sign), 1); };
  r["isnan"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(isnan), 1); };
  r["isinf"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(isinf), 1); };
  r["isfinite"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(isfinite), 1); };
  r["nan_to_num"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(nan_to_num), 1); };
  r["invert"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(invert), 1); };
#else
  (void)r;
#endif
}

}  // namespace diff
