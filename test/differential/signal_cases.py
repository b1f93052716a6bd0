"""histogram, interp, convolve (nd/histogram.hpp, nd/signal.hpp) and linalg.norm
(nd/norm.hpp): cases, NumPy's side, bounds and reproducers; stats_cases.py hands them
to the suite.

Keys: histogram: bins (an int) or x1 (edges), range=lo,hi, part (counts or edges);
interp: x0 (x, array or scalar), x1 (xp), x2 (fp), left=, right=; convolve: x0, x1,
mode; norm: ord (none, a number, inf, -inf, fro, nuc), axis (none, int, t-pair),
keepdims."""

import numpy as np

from cases import DTYPES, parse_axis

DT = list(DTYPES.values())
OPS = ("histogram", "interp", "convolve", "norm")
SUMMING = ("convolve", "norm")


def parse_ord(text):
    if text == "none":
        return None
    if text in ("fro", "nuc"):
        return text
    return float(text)  # "inf" and "-inf" too


def run(case, xs, kw):
    op = case.op
    if op == "histogram":
        args = {}
        if "range" in case.params:
            args["range"] = tuple(float(v) for v in case["range"].split(","))
        counts, edges = np.histogram(xs[0], xs[1] if len(xs) > 1 else int(case["bins"]), **args)
        return counts if case["part"] == "counts" else edges
    if op == "interp":
        args = {k: float(case[k]) for k in ("left", "right") if k in case.params}
        return np.interp(xs[0], xs[1], xs[2], **args)
    if op == "convolve":
        return np.convolve(xs[0], xs[1], **({"mode": case["mode"]} if "mode" in case.params else {}))
    args = {"ord": parse_ord(case["ord"]), "axis": parse_axis(case["axis"])}
    if case.get("keepdims") == "1":
        args["keepdims"] = True
    return np.linalg.norm(xs[0], **args)


def call_expr(case, xs):
    op = case.op
    if op == "histogram":
        rng = f", range=({case['range']})" if "range" in case.params else ""
        return f"np.histogram({xs[0]}, {xs[1] if len(xs) > 1 else case['bins']}{rng})"
    if op == "interp":
        extra = "".join(f", {k}={case[k]}" for k in ("left", "right") if k in case.params)
        return f"np.interp({', '.join(xs)}{extra})"
    if op == "convolve":
        return f"np.convolve({xs[0]}, {xs[1]}, mode={case.get('mode', 'full')!r})"
    keep = ", keepdims=True" if case.get("keepdims") == "1" else ""
    return f"np.linalg.norm({xs[0]}, ord={parse_ord(case['ord'])!r}, axis={parse_axis(case['axis'])!r}{keep})"


def bound(case, xs, want):
    eps = float(np.finfo(want.dtype).eps)
    if case.op == "convolve":
        a, v = (np.abs(np.asarray(x, np.float64)) for x in xs[:2])
        k = min(a.size, v.size)
        return 2 * (k + 1) * eps * np.convolve(a, v, mode=case.get("mode", "full"))
    x = np.asarray(xs[0], np.float64)
    n = max(x.size // max(want.size, 1), 1)
    args = {"axis": parse_axis(case["axis"]), "keepdims": case.get("keepdims") == "1"}
    ord_ = parse_ord(case["ord"])
    with np.errstate(all="ignore"):
        ref = np.abs(np.linalg.norm(x, ord=ord_, **args))
        tol = 8 * (n + 8) * eps * (max(1.0, 1 / abs(ord_)) if isinstance(ord_, float) and ord_ else 1.0) * ref
        if ord_ in (2.0, -2.0, "nuc") and (args["axis"] is None and x.ndim == 2 or np.ndim(args["axis"]) == 1):
            fro = np.linalg.norm(x, ord="fro", **args)
            tol = tol + 64 * n * eps * fro
    return np.where(np.isnan(tol), np.inf, tol)


# ---- drawing cases --------------------------------------------------------------------

def histogram_case(g, op):
    r = g.r
    c = g.case
    dtype = DT[int(r.integers(1, len(DT)))] if r.random() > 0.05 else DT[0]
    first = len(g.bases)
    c.params["x0"] = g.view(g.shape(int(r.choice([0, 1, 1, 2, 3]))), dtype, "any")
    for b in g.bases[first:]:
        if b.size and r.random() < 0.3:  # ties with the smallest or largest element: edges
            b[r.random(b.shape) < 0.3] = b.flat[0]
        if b.dtype.kind == "f" and b.size and r.random() < 0.05:
            b.flat[int(r.integers(0, b.size))] = np.nan
    c.params["part"] = str(r.choice(["counts", "edges"]))
    if r.random() < 0.3:
        edges = np.sort(g.values((int(r.integers(1, 8)),), DT[int(r.integers(1, len(DT)))], "exact"))
        if r.random() < 0.05 and edges.size > 2:
            edges = edges[::-1].copy()  # not monotonic
        c.params["x1"] = f"b{g.add_base(edges)}"
        return
    c.params["bins"] = str(int(r.choice([1, 2, 3, 5, 7, 10])) if r.random() > 0.03 else 0)
    if r.random() < 0.4:
        lo = float(np.round(r.uniform(-6, 2), int(r.integers(0, 2))))
        hi = lo + float(np.round(r.uniform(0, 8), int(r.integers(0, 2)))) if r.random() > 0.05 else lo - 1
        c.params["range"] = f"{lo!r},{hi!r}"


def interp_case(g, op):
    r = g.r
    c = g.case
    m = int(r.integers(1, 10)) if r.random() > 0.03 else 0
    xp = np.unique(np.round(r.uniform(-5, 5, m), int(r.integers(0, 2))))
    fp = r.uniform(-5, 5, xp.size + (1 if r.random() < 0.03 else 0))
    if fp.size and r.random() < 0.05:
        fp[int(r.integers(0, fp.size))] = float(r.choice([np.inf, -np.inf, np.nan]))
    kx = DT[int(r.integers(1, len(DT)))]
    c.params["x0"] = g.scalar("f") if r.random() < 0.2 else g.view(g.shape(int(r.choice([0, 1, 1, 2]))), kx, "any")
    k = len(g.bases)
    for b in g.bases[k - 1:] if c.params["x0"].startswith("b") else []:
        if b.size and xp.size and r.random() < 0.5:
            flat = b.reshape(-1)
            flat[: flat.size // 2] = xp[r.integers(0, xp.size, flat.size // 2)].astype(b.dtype)
    c.params["x1"] = f"b{g.add_base(xp.astype(DT[int(r.choice([2, 3, 4, 4]))]))}"
    c.params["x2"] = f"b{g.add_base(fp.astype(DT[int(r.choice([1, 4, 4]))]))}"
    for key in ("left", "right"):
        if r.random() < 0.3:
            c.params[key] = repr(float(np.round(r.uniform(-9, 9), 1)))


def convolve_case(g, op):
    r = g.r
    c = g.case
    da = DT[int(r.integers(0, len(DT)))]
    db = da if r.random() < 0.7 else DT[int(r.integers(0, len(DT)))]
    na, nv = (int(v) for v in r.integers(0 if r.random() < 0.05 else 1, 13, 2))
    c.params["x0"] = g.view((na,) if r.random() > 0.05 else (), da, "small")
    c.params["x1"] = g.view((nv,), db, "small")
    if r.random() < 0.7:
        c.params["mode"] = str(r.choice(["full", "same", "valid"]))


NORM_ORDS = ("none", "none", "1", "2", "-1", "-2", "inf", "-inf", "0", "3.5", "0.5", "-3", "fro", "nuc")


def norm_case(g, op):
    r = g.r
    c = g.case
    ndim = int(r.choice([0, 1, 1, 2, 2, 2, 3]))
    shape = g.shape(ndim, max_size=60, max_dim=5)
    if ndim >= 2 and r.random() < 0.3:
        shape = (shape[0], shape[0]) + shape[2:]
    dtype = DT[int(r.integers(3, 5))] if r.random() < 0.8 else DT[int(r.integers(0, 3))]
    c.params["x0"] = g.view(shape, dtype, "any")
    ord_ = str(r.choice(NORM_ORDS))
    c.params["ord"] = ord_
    roll = r.random()
    if roll < 0.4 or ndim == 0:
        c.params["axis"] = "none"
    elif roll < 0.7 or ndim == 1:
        c.params["axis"] = str(int(r.integers(-ndim, ndim)))
    else:
        a, b = (int(v) for v in r.choice(ndim, 2, replace=False))
        c.params["axis"] = f"t{a - (ndim if r.random() < 0.3 else 0)},{b}"
    if r.random() < 0.3:
        c.params["keepdims"] = "1"
    # Singular values of empty matrices differ in LAPACK's error paths: not drawn.
    if ord_ in ("2", "-2", "nuc") and 0 in shape:
        c.params["ord"] = "fro" if c.params["axis"].startswith("t") else "1"


FAMILY = [(histogram_case, "histogram"), (interp_case, "interp"), (convolve_case, "convolve"),
          (norm_case, "norm"), (norm_case, "norm")]
