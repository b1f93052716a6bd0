"""How close nd's result must be to NumPy's, per function (docs/runtime.md has the
table and the reasons). Exact means equal as values and, where NumPy's result is
exact, equal in the bits values hide: a zero has NumPy's sign (-0.0 is not 0.0), and a
NaN has NumPy's sign and quiet bit. inf matches inf of the same sign; dtype and shape
always match exactly. Functions with a ULP bound must give NumPy's zero, sign
included, wherever NumPy gives a zero (sin(-0.0) is -0.0); summations are compared
within their bound only."""

import numpy as np

from cases import parse_axis

# Documented maximum errors in ULP, NumPy 1.24 on x86-64 without AVX-512 (float32:
# NumPy's own AVX2/FMA3 loops, exp 2.52, log 3.83, sin/cos 1.49; float64: glibc, < 1)
# plus Highway 1.0.3's contrib/math (exp 1, log 4, sin 3, cos 3), rounded up. pow is
# glibc's on both sides (< 1 ULP each).
ULP_BOUNDS = {
    ("exp", "float32"): 4, ("exp", "float64"): 2,
    ("log", "float32"): 8, ("log", "float64"): 5,
    ("sin", "float32"): 5, ("sin", "float64"): 4,
    ("cos", "float32"): 5, ("cos", "float64"): 4,
    ("power", "float32"): 2, ("power", "float64"): 2,
}

SUMMATIONS = ("sum", "mean", "prod", "var", "stddev", "matmul", "dot")


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
    key = (case.op, str(want.dtype))
    if key in ULP_BOUNDS:
        d = np.zeros(want.shape)
        if finite.any():
            d[finite] = ulp_distance(got[finite], want[finite])
        bad |= finite & (d > ULP_BOUNDS[key])
        bad |= zero_sign_mismatch(got, want)
        rule = f"{ULP_BOUNDS[key]} ULP, zeros signed"
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
