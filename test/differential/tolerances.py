"""How close nd's result must be to NumPy's, per function (docs/runtime.md has the
table and the reasons). Exact means equal as values and, where NumPy's result is
exact, equal in the bits values hide: a zero has NumPy's sign (-0.0 is not 0.0), and a
NaN has NumPy's sign and quiet bit. inf matches inf of the same sign; dtype and shape
always match exactly. Functions with a ULP bound must give NumPy's zero, sign
included, wherever NumPy gives a zero (sin(-0.0) is -0.0); summations are compared
within their bound only."""

import os
import sys

import numpy as np

import stats_cases
from cases import parse_axis
import reference_shapes

# Maximum errors in ULP against NumPy 1.24 (x86-64 without AVX-512): the ulp32/ulp64
# columns of runtime/include/nd/ufuncs.def, which the docs state; a function with 0
# there must match bit for bit. E.g. exp: NumPy's own AVX2/FMA3 float32 loop (2.52) or
# glibc (< 1) plus Highway 1.0.3's contrib/math (1), rounded up: 4 and 2.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tables"))
import nd_tables  # noqa: E402

ULP_BOUNDS = nd_tables.ulp_bounds()

SUMMATIONS = (("sum", "mean", "prod", "var", "stddev", "matmul", "dot") + reference_shapes.SUMS
              + stats_cases.SUMMING)


def ulp_distance(a, b):
    """Elementwise ULP distance of two float arrays of one dtype (finite values)."""
    it = np.int32 if a.dtype == np.float32 else np.int64
    ia = np.ascontiguousarray(a).view(it).astype(np.int64)
    ib = np.ascontiguousarray(b).view(it).astype(np.int64)
    lo = np.iinfo(it).min
    ia = np.where(ia < 0, lo - ia, ia)
    ib = np.where(ib < 0, lo - ib, ib)
    return np.abs(ia.astype(object) - ib.astype(object)).astype(np.float64) if it == np.int64 else np.abs(ia - ib)


def sign_bits(x):
    """The sign bit of each float element, as bool."""
    return np.signbit(x)


def zero_sign_mismatch(got, want):
    """Where both are zero but with different signs."""
    return (got == 0) & (want == 0) & (sign_bits(got) != sign_bits(want))


def nan_class_mismatch(got, want):
    """Where both are NaN but differ in sign or in the quiet bit (the payload's class;
    the remaining payload bits are not compared)."""
    both = np.isnan(got) & np.isnan(want)
    if not both.any():
        return np.zeros(np.shape(want), bool)
    it = np.uint32 if want.dtype == np.float32 else np.uint64
    quiet = it(1) << it(22 if want.dtype == np.float32 else 51)
    qg = (np.ascontiguousarray(got).view(it) & quiet) != 0
    qw = (np.ascontiguousarray(want).view(it) & quiet) != 0
    return both & ((sign_bits(got) != sign_bits(want)) | (qg != qw))


def special_mismatch(got, want):
    """Where NaN/inf positions or values differ (those must match exactly)."""
    nan_g, nan_w = np.isnan(got), np.isnan(want)
    inf_bad = (np.isinf(got) | np.isinf(want)) & ~(nan_g | nan_w) & (got != want)
    return (nan_g != nan_w) | inf_bad


def bound(case, xs, want):
    """Absolute error bound per element of `want` for summation-like functions."""
    eps = float(np.finfo(want.dtype).eps)
    op = case.op
    if op in reference_shapes.SUMS:
        return reference_shapes.bound(case, xs, want)
    if op in stats_cases.SUMMING:
        return stats_cases.bound(case, xs, want)
    if op in ("matmul", "dot"):
        # The sums are formed in the operands' type and only then cast into `out`.
        computed = np.result_type(*xs[:2])
        if computed.kind == "f":
            eps = max(eps, float(np.finfo(computed).eps))
        a, b = (np.abs(np.asarray(x, np.float64)) for x in xs[:2])
        k = a.shape[-1] if a.ndim else 1
        return 2 * (k + 1) * eps * np.abs(np.matmul(a, b) if op == "matmul" else np.dot(a, b))
    x = np.asarray(xs[0], np.float64)
    axis = parse_axis(case["axis"])
    keep = case.get("keepdims") == "1"
    n = x.size // max(want.size, 1) if want.size else 0
    n = max(n, 1)
    red = lambda v: np.sum(v, axis=axis, keepdims=keep)  # noqa: E731
    if op == "sum":
        return 2 * n * eps * red(np.abs(x))
    if op == "mean":
        return 2 * (n + 1) * eps * red(np.abs(x)) / n
    if op == "prod":
        return 2 * (n + 1) * eps * np.abs(np.prod(x, axis=axis, keepdims=keep)) + float(np.finfo(want.dtype).smallest_subnormal)
    # var, stddev: two-pass, mean then sum of squared deviations (docs/runtime.md).
    ddof = int(case["ddof"])
    mu = np.mean(x, axis=axis, keepdims=True)
    s2 = np.sum((x - mu) ** 2, axis=axis, keepdims=keep)
    delta = (n + 1) * eps * red(np.abs(x)) / n
    denom = max(n - ddof, 1)
    tol_var = 2 * ((n + 3) * eps * s2 + n * delta ** 2) / denom
    if op == "var":
        return tol_var
    s = np.sqrt(s2 / denom)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(s > 0, tol_var / (2 * np.where(s > 0, s, 1)) + 2 * eps * s, np.sqrt(tol_var))
    return t


# nd::linalg's factorizations: LAPACK on both sides, but BLAS under it orders sums its
# own way, so results are compared within perturbation bounds: 64 n eps times the
# condition number for solutions (its square for least squares), 64 n eps |A| for
# eigen and singular values (Weyl), that over the smallest gap between them for their
# vectors. Vectors are compared in absolute value (a vector's sign is a convention),
# and only those that are unique: the first min(M, N) columns of U and rows of Vh.
FACTORIZATIONS = ("solve", "inv", "det", "cholesky", "qr", "eigh", "svd", "lstsq")
SIGN_FREE = {("qr", "Q"), ("qr", "R"), ("eigh", "eigenvectors"), ("svd", "U"), ("svd", "Vh")}


def _spectrum(a):
    """Singular values of each matrix of a (float64), the smallest gap between
    neighbours (eigenvalues for symmetric a), and the condition number, over the stack."""
    s = np.linalg.svd(a, compute_uv=False)
    smax, smin = float(s.max()), float(s.min())
    cond = smax / smin if smin > 0 else np.inf
    return s, smax, cond


def _over(x, y):
    """x / y, infinite for a zero y (a vector that is not unique: anything matches)."""
    return x / y if y > 0 else np.inf


def _gap(values):
    v = np.sort(values, axis=-1)
    return float(np.diff(v, axis=-1).min()) if v.shape[-1] > 1 else np.inf


def compare_factorization(case, xs, got, want):
    a = np.asarray(xs[0], np.float64)
    if want.size == 0 or a.size == 0:
        return None
    eps = float(np.finfo(want.dtype).eps)
    op, part = case.op, case.get("part")
    n = max(a.shape[-2:])
    s, smax, cond = _spectrum(a)
    tiny = 64 * n * eps
    with np.errstate(invalid="ignore", over="ignore"):
        if op == "det":
            d = np.prod(s, axis=-1)
            tol = np.where(d > 0, tiny * min(cond, 1e300) * d, tiny * smax ** a.shape[-1])
        elif op in ("solve", "inv", "cholesky") or (op, part) in (("qr", "Q"), ("qr", "R")):
            tol = tiny * cond * max(float(np.abs(want).max()), 1.0)
        elif part in ("eigenvalues", "S", "s"):
            tol = tiny * smax
        elif part == "eigenvectors":
            tol = _over(tiny * smax, _gap(np.linalg.eigvalsh(a)))
        elif part in ("U", "Vh"):
            tol = _over(tiny * smax, min(_gap(s), float(s.min()) if a.shape[-1] != a.shape[-2] else np.inf))
            k = s.shape[-1]
            got, want = (got[..., :k] if part == "U" else got[..., :k, :]), \
                        (want[..., :k] if part == "U" else want[..., :k, :])
        elif part == "x":
            tol = tiny * cond ** 2 * max(float(np.abs(want).max()), 1.0)
        else:  # lstsq residuals
            tol = tiny * cond * max(float(np.sum(np.asarray(xs[1], np.float64) ** 2)), 1.0)
    if (op, part) in SIGN_FREE:
        got, want = np.abs(got), np.abs(want)
    tol = np.broadcast_to(np.where(np.isnan(tol), np.inf, tol), want.shape) if np.ndim(tol) else tol
    bad = special_mismatch(got, want)
    with np.errstate(invalid="ignore"):
        bad |= np.isfinite(want) & ~(np.abs(got.astype(np.float64) - want.astype(np.float64)) <= tol)
    if bad.any():
        return describe(got, want, bad, "factorization bound")
    return None


def compare_values(case, xs, got, want):
    """None when `got` (nd) matches `want` (NumPy) within the op's tolerance, else why."""
    if got.dtype != want.dtype:
        return f"dtype: nd {got.dtype}, NumPy {want.dtype}"
    if got.shape != want.shape:
        return f"shape: nd {got.shape}, NumPy {want.shape}"
    if want.dtype.kind != "f":
        bad = got != want
        if bad.any():
            return describe(got, want, bad, "exact")
        return None
    bad = special_mismatch(got, want)
    finite = np.isfinite(got) & np.isfinite(want)
    op = case.op[len("fused_"):] if case.op.startswith("fused_") else case.op
    key = (op, str(want.dtype))
    arrays = [x for x in xs if isinstance(x, np.ndarray)]
    if key in ULP_BOUNDS and want.dtype == np.float64 and arrays and np.result_type(*arrays) == np.float32:
        # Computed in float32 (by NumPy and nd alike) and cast into a float64 `out`: the
        # bound is float32's, in float32's units.
        got, want, key = got.astype(np.float32), want.astype(np.float32), (op, "float32")
    if key in ULP_BOUNDS:
        d = np.zeros(want.shape)
        if finite.any():
            d[finite] = ulp_distance(got[finite], want[finite])
        bad |= finite & (d > ULP_BOUNDS[key])
        bad |= zero_sign_mismatch(got, want)
        rule = f"{ULP_BOUNDS[key]} ULP, zeros signed"
    elif case.op in FACTORIZATIONS:
        why = compare_factorization(case, xs, got, want)
        if why:
            return why
    elif case.op in SUMMATIONS:
        tol = np.broadcast_to(bound(case, xs, want), want.shape)
        with np.errstate(invalid="ignore"):
            diff = np.abs(got.astype(np.float64) - want.astype(np.float64))
        bad |= finite & ~(diff <= tol)
        rule = "summation bound"
    else:
        bad |= finite & (got != want)
        bad |= zero_sign_mismatch(got, want) | nan_class_mismatch(got, want)
        rule = "exact, signed zeros and NaN class"
    if bad.any():
        return describe(got, want, bad, rule)
    return None


def describe(got, want, bad, rule):
    where = np.argwhere(bad) if bad.ndim else [()]
    first = tuple(int(i) for i in where[0])
    g, w = got[first] if got.ndim else got[()], want[first] if want.ndim else want[()]
    if want.dtype.kind == "f":
        # repr hides a NaN's sign and quiet bit: show the bits too.
        it = np.uint32 if want.dtype == np.float32 else np.uint64
        g = f"{g!r} (bits {np.asarray(g).view(it)[()]:#x})"
        w = f"{w!r} (bits {np.asarray(w).view(it)[()]:#x})"
    else:
        g, w = repr(g), repr(w)
    return f"{int(np.sum(bad))} element(s) differ ({rule}); first at {first}: nd {g}, NumPy {w}"
