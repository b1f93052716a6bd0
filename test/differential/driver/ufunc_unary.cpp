// Unary ufunc cases: array operand, optional out of any type.
#include "driver.hpp"
#if __has_include(<nd/ufunc.hpp>)
#include "ufunc_cases.hpp"
#endif

namespace diff {

void register_unary_ops(registry& r) {
#if __has_include(<nd/ufunc.hpp>)
  r["negative"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(negative), 1); };
  r["abs"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(abs), 1); };
  r["sqrt"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(sqrt), 1); };
  r["square"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(square), 1); };
  r["exp"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(exp), 1); };
  r["log"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(log), 1); };
  r["sin"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(sin), 1); };
  r["cos"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(cos), 1); };
  r["logical_not"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(logical_not), 1); };
#else
  (void)r;
#endif
}

}  // namespace diff
