// Binary bitwise ufunc cases: bitwise_and/or/xor, left_shift, right_shift.
// (rows of runtime/include/nd/ufuncs.def; one small file per group keeps compile times short).
#include "driver.hpp"
#if __has_include(<nd/ufunc.hpp>)
#include "ufunc_cases.hpp"
#endif

namespace diff {

void register_bitwise_ops(registry& r) {
#if __has_include(<nd/ufunc.hpp>)
  r["bitwise_and"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(bitwise_and), 2); };
  r["bitwise_or"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(bitwise_or), 2); };
  r["bitwise_xor"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(bitwise_xor), 2); };
  r["left_shift"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(left_shift), 2); };
  r["right_shift"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(right_shift), 2); };
#else
  (void)r;
#endif
}

}  // namespace diff
