// Unary transcendental ufunc cases: exp2 ... rad2deg.
// (rows of runtime/include/nd/ufuncs.def; one small file per group keeps compile times short).
#include "driver.hpp"
#if __has_include(<nd/ufunc.hpp>)
#include "ufunc_cases.hpp"
#endif

namespace diff {

void register_exp_log_ops(registry& r) {
#if __has_include(<nd/ufunc.hpp>)
  r["exp2"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(exp2), 1); };
  r["expm1"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(expm1), 1); };
  r["log2"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(log2), 1); };
  r["log10"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(log10), 1); };
  r["log1p"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(log1p), 1); };
  r["cbrt"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(cbrt), 1); };
  r["deg2rad"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(deg2rad), 1); };
  r["rad2deg"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(rad2deg), 1); };
#else
  (void)r;
#endif
}

}  // namespace diff
