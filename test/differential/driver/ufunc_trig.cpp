// Unary transcendental ufunc cases: tan ... log1p.
// (rows of runtime/include/nd/ufuncs.def; one small file per group keeps compile times short).
#include "driver.hpp"
#if __has_include(<nd/ufunc.hpp>)
#include "ufunc_cases.hpp"
#endif

namespace diff {

void register_trig_ops(registry& r) {
#if __has_include(<nd/ufunc.hpp>)
  r["tan"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(tan), 1); };
  r["arcsin"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(arcsin), 1); };
  r["arccos"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(arccos), 1); };
  r["arctan"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(arctan), 1); };
  r["sinh"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(sinh), 1); };
  r["cosh"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(cosh), 1); };
  r["tanh"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(tanh), 1); };
  r["arcsinh"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(arcsinh), 1); };
  r["arccosh"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(arccosh), 1); };
  r["arctanh"] = [](test_case& c) { return run_ufunc(c, ND_DIFF_UFUNC(arctanh), 1); };
#else
  (void)r;
#endif
}

}  // namespace diff
