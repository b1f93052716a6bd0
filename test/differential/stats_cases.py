"""Statistics and NaN-ignoring reductions (nd/statistics.hpp, nd/nan_reduce.hpp): the
cases gen_cases.py draws, NumPy's side for reference.py, the error bounds of the
summing ones for tolerances.py and reproducers for compare.py.

Keys: axis (none, an int or a t-tuple), keepdims, ddof (nanvar, nanstd), out (the
functions NumPy gives out=, OUT_OPS); x1 is q (percentile, quantile: a scalar or an
array), the weights (average) or the other array (array_equal)."""

import numpy as np

import signal_cases
from cases import DTYPES, parse_axis

DT = list(DTYPES.values())
PLAIN = ("ptp", "median", "count_nonzero", "nansum", "nanprod", "nanmean", "nanvar", "nanstd", "nanmin", "nanmax")
OPS = PLAIN + ("percentile", "quantile", "average", "array_equal") + signal_cases.OPS
# The ones with an out form (NumPy's out=).
OUT_OPS = ("ptp", "median", "percentile", "quantile", "nansum", "nanprod", "nanmean", "nanvar", "nanstd", "nanmin",
           "nanmax")
# Compared within a summation bound (bound() below); the others exactly.
SUMMING = ("nansum", "nanprod", "nanmean", "nanvar", "nanstd", "average") + signal_cases.SUMMING


# ---- NumPy's side ---------------------------------------------------------------------

def run(case, xs, kw):
    op = case.op
    if op in signal_cases.OPS:
        return signal_cases.run(case, xs, kw)
    if op == "array_equal":
        return np.array_equal(xs[0], xs[1])
    args = {"axis": parse_axis(case.get("axis", "none"))}
    if case.get("keepdims") == "1":
        args["keepdims"] = True
    if op in ("nanvar", "nanstd"):
        args["ddof"] = int(case["ddof"])
    if op in OUT_OPS:
        args.update(kw)
    if op in ("percentile", "quantile"):
        r = getattr(np, op)(xs[0], xs[1], **args)
        # NumPy returns a 0-d result with a NaN in the input's type (float32), other
        # results in float64; nd's type cannot depend on values: always float64.
        return np.float64(r) if np.ndim(r) == 0 and "out" not in kw else r
    if op == "average" and len(xs) > 1:
        args["weights"] = xs[1]
    return getattr(np, op)(xs[0], **args)


def call_expr(case, xs, out_expr=None):
    if case.op in signal_cases.OPS:
        return signal_cases.call_expr(case, xs)
    args = list(xs[:2] if case.op in ("percentile", "quantile", "array_equal") else xs[:1])
    if case.op != "array_equal":
        args.append(f"axis={parse_axis(case.get('axis', 'none'))!r}")
    if case.op == "average" and len(xs) > 1:
        args.append(f"weights={xs[1]}")
    if "ddof" in case.params:
        args.append(f"ddof={case['ddof']}")
    if case.get("keepdims") == "1":
        args.append("keepdims=True")
    if "out" in case.params:
        args.append(f"out={out_expr}")
    return f"np.{case.op}({', '.join(args)})"


# ---- bounds ---------------------------------------------------------------------------

def bound(case, xs, want):
    """Absolute error bound per element of `want`: NumPy's pairwise sums over the
    non-NaN values (n elements, of which `cnt` are not NaN, per output)."""
    if case.op in signal_cases.OPS:
        return signal_cases.bound(case, xs, want)
    eps = float(np.finfo(want.dtype).eps)
    op = case.op
    axis = parse_axis(case.get("axis", "none"))
    keep = case.get("keepdims") == "1"
    x = np.asarray(xs[0], np.float64)
    nan = np.isnan(x)
    n = max(x.size // max(want.size, 1), 1) if want.size else 1
    red = lambda v: np.sum(v, axis=axis, keepdims=keep)  # noqa: E731
    if op == "average" and len(xs) > 1:
        w = np.asarray(xs[1], np.float64)
        if w.shape != x.shape:
            shape = [1] * x.ndim
            shape[axis] = w.size
            w = np.broadcast_to(w.reshape(shape), x.shape)
        sw = np.abs(red(w))
        avg = np.abs(np.asarray(want, np.float64))
        return (2 * (n + 1) * eps * red(np.abs(x * w)) + 2 * n * eps * avg * red(np.abs(w))) / np.where(sw > 0, sw, 1)
    if op == "nanprod":
        x1 = np.where(nan, 1.0, x)
        return 2 * (n + 1) * eps * np.abs(np.prod(x1, axis=axis, keepdims=keep)) + float(
            np.finfo(want.dtype).smallest_subnormal)
    x0 = np.where(nan, 0.0, x)
    cnt = np.maximum(red(~nan), 1)
    if op == "nansum":
        return 2 * n * eps * red(np.abs(x0))
    if op in ("nanmean", "average"):
        return 2 * (n + 1) * eps * red(np.abs(x0)) / cnt
    ddof = int(case["ddof"])
    cnt_k = np.maximum(np.sum(~nan, axis=axis, keepdims=True), 1)
    mu = np.sum(x0, axis=axis, keepdims=True) / cnt_k
    s2 = red(np.where(nan, 0.0, (x0 - mu) ** 2))
    delta = (n + 1) * eps * red(np.abs(x0)) / cnt
    denom = np.maximum(cnt - ddof, 1)
    tol_var = 2 * ((n + 3) * eps * s2 + n * delta ** 2) / denom
    if op == "nanvar":
        return tol_var
    s = np.sqrt(s2 / denom)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(s > 0, tol_var / (2 * np.where(s > 0, s, 1)) + 2 * eps * s, np.sqrt(tol_var))


# ---- drawing cases --------------------------------------------------------------------

def _axis(g, ndim):
    """none, an axis (maybe negative) or a tuple of axes; a 0-d array only none (NumPy's
    C reductions let axis 0 through for 0-d, its Python ones do not)."""
    r = g.r
    roll = r.random()
    if ndim == 0 or roll < 0.25:
        return "none"
    if roll < 0.65:
        return str(int(r.integers(-ndim, ndim)))
    if r.random() < 0.03:
        return str(ndim)  # out of range
    count = int(r.integers(1, ndim + 1))
    axes = [int(a) - (ndim if r.random() < 0.3 else 0) for a in r.choice(ndim, count, replace=False)]
    return "t" + ",".join(str(a) for a in axes)


def _with_nans(g, first):
    """NaN in some float bases: a few, many, or all."""
    r = g.r
    for b in g.bases[first:]:
        if b.dtype.kind != "f" or b.size == 0 or r.random() < 0.3:
            continue
        share = float(r.choice([0.1, 0.4, 1.0]))
        b[r.random(b.shape) < share] = np.nan


def _unsigned_zeros(g, first):
    """Selections leave the order of -0.0 and 0.0 to the partition: no -0.0."""
    for b in g.bases[first:]:
        if b.dtype.kind == "f":
            b[b == 0] = 0.0


def _q(g, op, dtype):
    r = g.r
    top = 100.0 if op == "percentile" else 1.0
    # (NumPy checks q before it fails on bool input; nd's bool form does not compile.)
    if r.random() < 0.04 and dtype != np.bool_:
        return f"f:{top * 1.5!r}" if r.random() < 0.5 else "f:-0.25"  # out of range
    if r.random() < 0.5:
        v = float(r.choice([0.0, 0.25, 0.5, 1.0])) if r.random() < 0.4 else float(r.uniform(0, 1))
        return f"f:{v * top!r}" if r.random() < 0.8 or op == "quantile" else f"i:{int(round(v * 100))}"
    qs = g.r.uniform(0, top, tuple(int(d) for d in r.integers(1, 4, int(r.choice([1, 1, 2])))))
    qs[r.random(qs.shape) < 0.3] = top
    return f"b{g.add_base(qs)}"


def stat_case(g, op):
    r = g.r
    c = g.case
    ndim = int(r.choice([0, 1, 1, 2, 2, 3, 4]))
    shape = g.shape(ndim, max_size=40 if op == "nanprod" else 120)
    if ndim >= 2 and r.random() < 0.2:  # square, for axis-dependent results
        shape = (shape[0], shape[0]) + shape[2:]
    nan_op = op.startswith("nan")
    dtype = DT[int(r.integers(3, 5))] if nan_op and r.random() < 0.7 else DT[int(r.integers(0, len(DT)))]
    if op in ("ptp", "percentile", "quantile") and dtype == np.bool_:
        if r.random() < 0.8:
            dtype = DT[int(r.integers(1, len(DT)))]  # NumPy's TypeError, only now and then
        else:  # (NumPy's empty bool ptp fails in max first, with a ValueError)
            shape = tuple(max(d, 1) for d in shape)
    first = len(g.bases)
    c.params["x0"] = g.view(shape, dtype, "small" if op == "nanprod" else "any")
    if nan_op or r.random() < 0.2:
        _with_nans(g, first)
    if op in ("median", "percentile", "quantile"):
        _unsigned_zeros(g, first)
    if op == "array_equal":
        other = shape if r.random() < 0.8 else shape + (1,)
        od = dtype if r.random() < 0.7 else DT[int(r.integers(0, len(DT)))]
        k = len(g.bases)
        c.params["x1"] = g.view(other, od)
        src = np.asarray(g.bases[first]).reshape(-1)
        for b in g.bases[k:]:
            if r.random() < 0.6 and b.size and src.size:
                b.reshape(-1)[...] = np.resize(src, b.size).astype(b.dtype)
        return
    axis = _axis(g, ndim)
    if 0 in shape and op in ("median", "percentile", "quantile", "average") and (
            axis.startswith("t") or op == "average"):
        # NumPy's _ureduce cannot reshape an empty array for several axes, and np.average
        # divides a.size by an empty result's size (ZeroDivisionError): quirks of empty
        # input only, where nd gives the empty or NaN result.
        axis = "none"
    c.params["axis"] = axis
    if op in ("percentile", "quantile"):
        c.params["x1"] = _q(g, op, dtype)
    if op in ("nanvar", "nanstd"):
        c.params["ddof"] = str(int(r.choice([0, 0, 1, 2])))
    if op == "average" and r.random() < 0.6 and not axis.startswith("t"):
        wd = DT[int(r.integers(0, len(DT)))]
        if axis != "none" and r.random() < 0.5:
            n = shape[int(axis)] if -ndim <= int(axis) < ndim else 1
            wshape = (n + (1 if r.random() < 0.05 else 0),)
        else:
            wshape = shape if r.random() > 0.05 else shape + (2,)
        k = len(g.bases)
        c.params["x1"] = g.view(wshape, wd, "pos")
        if r.random() < 0.05:
            for b in g.bases[k:]:
                b[...] = 0
    if axis != "none" and r.random() < 0.4:
        c.params["keepdims"] = "1"
    if op in OUT_OPS and r.random() < 0.4:
        _out(g, op)


def _alias_spec(g, k, shape):
    """A view of exactly `shape` into base k (of the input), or None: leading axes
    indexed at 0, the others sliced from the start or reversed."""
    r = g.r
    bs = g.bases[k].shape
    n, m = len(bs), len(shape)
    if m > n or any(d > bs[n - m + i] for i, d in enumerate(shape)):
        return None
    parts = ["0"] * (n - m)
    for d in shape:
        parts.append(f"{d - 1}::-1" if d and r.random() < 0.3 else f"0:{d}")
    return f"b{k}/S" + ",".join(parts + ["e"])


def _out(g, op):
    """An `out` of the result's shape: of its dtype, or now and then of a narrower one
    it casts to under 'same_kind' where NumPy's result is then the same (the summing
    ones are compared within float32's bound, the extremes exactly); sometimes a view into
    the input's own base (NumPy's ptp writes the max into out before it reads the min,
    so not for ptp); now and then of a wrong shape."""
    r = g.r
    c = g.case
    try:
        res = np.asarray(g.numpy_result())
    except Exception:  # an error case: out does not matter
        return
    shape, dtype = res.shape, res.dtype
    if (op in SUMMING or op in ("nanmin", "nanmax")) and r.random() < 0.25:
        # (Not float32 into float64: NumPy then sums in float64, nd in the result type,
        # float32, as nd::sum's out.)
        dtype = {"float64": np.dtype(np.float32), "int64": DT[int(r.choice([1, 4]))]}.get(dtype.name, dtype)
    if shape and r.random() < 0.05:
        c.params["out"] = g.view(shape[:-1] + (shape[-1] + 1,), dtype, "any", writeable=True)
        return
    if op != "ptp" and r.random() < 0.35:
        k = int(c.params["x0"][1:].split("/")[0])
        spec = _alias_spec(g, k, shape) if g.bases[k].dtype == dtype else None
        if spec:
            c.params["out"] = spec
            return
    c.params["out"] = g.view(shape, dtype, "any", writeable=True)


FAMILY = [(stat_case, op) for op in OPS if op not in signal_cases.OPS] + signal_cases.FAMILY
