"""Random cases of the shape and matrix operations (reference_shapes.py): views (with
`part=shares` now and then, so that a view must share x0's memory and a copy must
not), splits, pads of every mode, stacks, triangles, products and einsum with
explicit, implicit, repeated and "..." subscripts. Axes are negative now and then,
out of range rarely; shapes include empty and length-1 axes."""

import numpy as np

from cases import DTYPES

DT = list(DTYPES.values())


def _dtype(g):
    return DT[int(g.r.integers(0, len(DT)))]


def _axis(g, ndim, bad=0.03):
    r = g.r
    if ndim == 0 or r.random() < bad:
        return int(r.choice([ndim, -ndim - 1]))
    a = int(r.integers(0, ndim))
    return a - ndim if r.random() < 0.4 else a


def _shares(g):
    if g.r.random() < 0.3:
        g.case.params["part"] = "shares"


def _x0(g, ndim=None, max_size=120):
    shape = g.shape(ndim, max_size=max_size)
    dtype = _dtype(g)
    g.case.params["x0"] = g.view(shape, dtype, "small" if dtype.kind == "i" else "any")
    return shape, dtype


def view_case(g, op):
    r, p = g.r, g.case.params
    if op in ("diagonal", "diag"):
        shape, _ = _x0(g, int(r.choice([1, 1, 2, 2])) if op == "diag" else int(r.choice([2, 2, 3, 4])))
        if r.random() < 0.02:
            shape, _ = _x0(g, 0 if op == "diagonal" else 3)
        if op == "diag":
            p["k"] = str(int(r.integers(-4, 5)))
        else:
            n = len(shape)
            p["offset"] = str(int(r.integers(-4, 5)))
            a1 = _axis(g, n)
            a2 = _axis(g, n) if r.random() < 0.9 else a1
            while n > 1 and a2 % n == a1 % n and r.random() < 0.95:
                a2 = _axis(g, n, 0)
            p["axis1"], p["axis2"] = str(a1), str(a2)
        _shares(g)
        return
    shape, _ = _x0(g)
    n = len(shape)
    if op == "squeeze":
        if r.random() < 0.5 and n:
            ones = [k for k in range(n) if shape[k] == 1]
            pick = ones[: int(r.integers(1, len(ones) + 1))] if ones and r.random() < 0.9 else [_axis(g, n)]
            p["axis"] = ",".join(str(k - n if r.random() < 0.4 else k) for k in pick)
    elif op == "expand_dims":
        count = int(r.integers(1, 3))
        p["axis"] = ",".join(str(_axis(g, n + count)) for _ in range(count))
    elif op == "swapaxes":
        p["i"], p["j"] = str(_axis(g, n)), str(_axis(g, n))
    elif op == "moveaxis":
        count = int(r.integers(1, n + 1)) if n else 1
        src = [int(v) for v in r.permutation(max(n, 1))[:count]]
        dst = [int(v) for v in r.permutation(max(n, 1))[:count]]
        if r.random() < 0.05:
            dst[0] = n + 1
        p["from"] = ",".join(str(v - n if r.random() < 0.3 else v) for v in src)
        p["to"] = ",".join(str(v - n if r.random() < 0.3 else v) for v in dst)
    elif op == "flip":
        if r.random() < 0.7:
            count = int(r.integers(1, n + 1)) if n else 1
            axes = [int(v) for v in r.permutation(max(n, 1))[:count]] if n else [0]
            p["axis"] = ",".join(str(v - n if r.random() < 0.3 else v) for v in axes)
    else:  # split, array_split
        if n == 0 and r.random() < 0.8:
            shape, _ = _x0(g, int(r.integers(1, 4)))
            n = len(shape)
        axis = _axis(g, n)
        if "axis" in p or r.random() < 0.7:
            p["axis"] = str(axis)
        else:
            axis = 0
        length = shape[axis] if n and -n <= axis < n else 3
        if r.random() < 0.4:
            p["indices"] = ",".join(str(int(v)) for v in np.sort(r.integers(-2, length + 3, int(r.integers(0, 4)))))
            count = len(p["indices"].split(",")) + 1 if p["indices"] else 1
        else:
            divisors = [d for d in range(1, length + 1) if length % d == 0] or [1]
            s = int(r.choice(divisors)) if op == "split" and r.random() < 0.85 else int(r.integers(1, length + 3))
            p["sections"] = str(s if r.random() > 0.02 else 0)
            count = max(s, 1)
        p["piece"] = "n" if r.random() < 0.15 else str(int(r.integers(0, count)))
    _shares(g)


def _stack_operands(g, op):
    r, p = g.r, g.case.params
    dtype = _dtype(g)
    count = int(r.integers(1, 4))
    ndim = int(r.choice([0, 1, 1, 2, 2, 3]))
    base = list(g.shape(ndim, max_size=40))
    for k in range(count):
        shape = list(base)
        join = 0 if op == "vstack" or (op == "hstack" and ndim == 1) else 1
        if join < len(shape) and r.random() < 0.5:
            shape[join] = int(r.integers(0, 4))
        if r.random() < 0.03 and shape:
            shape[-1] += 1
        p[f"x{k}"] = g.view(tuple(shape), dtype)


def _pad_params(g, shape):
    r, p = g.r, g.case.params
    n = len(shape)
    form = r.random()
    w = lambda: int(r.integers(0, 6))  # noqa: E731 (a width, now and then wider than the axis)
    if form < 0.3:
        p["width"] = str(w())
    elif form < 0.5:
        p["width"] = f"{w()},{w()}"
    else:
        p["width"] = ";".join(f"{w()},{w()}" for _ in range(n if r.random() > 0.03 else n + 1)) or "1"
    if r.random() < 0.02:
        p["width"] = "-1"
    p["mode"] = str(r.choice(["constant", "constant", "edge", "reflect", "symmetric", "wrap"]))
    if r.random() < 0.02:
        p["mode"] = "median_of_none"
    if p["mode"] == "constant" and r.random() < 0.5:
        p["value"] = str(int(r.integers(-3, 4)) if r.random() < 0.5 else round(float(r.uniform(-3, 3)), 2))


def _einsum(g):
    """Subscripts over labels i, j, k, l with extents drawn per label: matrix products,
    traces, diagonals, outer products, broadcasting length-1 axes, "...", and now and
    then a malformed string or an extent that does not match."""
    r, p = g.r, g.case.params
    labels = "ijkl"
    ext = {c: int(r.integers(0, 5)) if r.random() < 0.1 else int(r.integers(1, 5)) for c in labels}
    count = int(r.choice([1, 1, 2, 2, 2, 3]))
    same = DT[int(r.integers(0, len(DT)))]
    ell = r.random() < 0.2
    lead = tuple(int(v) for v in r.integers(1, 4, int(r.integers(0, 3))))
    terms = []
    for k in range(count):
        if count == 2 and k == 1 and r.random() < 0.5:  # share a label with the first term
            t = terms[0][-1] + str(r.choice(list(labels)))
        else:
            t = "".join(str(r.choice(list(labels))) for _ in range(int(r.integers(1 if count > 1 else 1, 4))))
        shape = [ext[c] for c in t]
        if r.random() < 0.1:
            shape[int(r.integers(0, len(shape)))] = 1  # broadcasts
        if ell:
            drop = int(r.integers(0, len(lead) + 1))
            shape = list(lead[drop:]) + shape
            t = "..." + t
        if r.random() < 0.02:
            shape[-1] += 1  # a mismatch
        dtype = same if count == 3 else DT[int(r.integers(0, len(DT)))]
        p[f"x{k}"] = g.view(tuple(shape), dtype, "small")
        terms.append(t)
    subs = ",".join(terms)
    used = sorted(set("".join(terms).replace(".", "")))
    if r.random() < 0.6:
        out = [c for c in used if r.random() < 0.5]
        r.shuffle(out)
        subs += "->" + ("..." if ell else "") + "".join(out)
    if r.random() < 0.03:
        subs = str(r.choice(["ij->ii", "i1", "ij,->", "..i", "ij->k", "ij,jk,kl,lm"]))
    p["subs"] = subs


def copy_case(g, op):
    r, p = g.r, g.case.params
    if op in ("hstack", "vstack", "column_stack"):
        _stack_operands(g, op)
        return
    if op in ("eye", "identity"):
        p["dtype"] = str(r.choice(list(DTYPES)))
        p["n"] = str(int(r.integers(0, 6)) if r.random() > 0.02 else -1)
        if op == "eye":
            p["m"] = str(int(r.integers(0, 6)))
            p["k"] = str(int(r.integers(-6, 7)))
        return
    if op == "einsum":
        _einsum(g)
        return
    if op == "meshgrid":
        dtype = _dtype(g)
        count = int(r.integers(1, 4))
        for k in range(count):
            p[f"x{k}"] = g.view(g.shape(int(r.choice([0, 1, 1, 1, 2])), max_size=6), dtype)
        p["indexing"] = str(r.choice(["xy", "ij"])) if r.random() > 0.02 else "yx"
        p["piece"] = "n" if r.random() < 0.1 else str(int(r.integers(0, count)))
        return
    if op in ("outer", "inner", "vdot"):
        sa = g.shape(int(r.choice([0, 1, 1, 2, 3])), max_size=30)
        if op == "inner" and sa and r.random() < 0.9:
            sb = g.shape(int(r.choice([1, 1, 2])), max_size=30)[:-1] + (sa[-1],)
        elif op == "vdot" and r.random() < 0.9:
            sb = tuple(reversed(sa))
        else:
            sb = g.shape(int(r.choice([0, 1, 2])), max_size=30)
        p["x0"] = g.view(sa, _dtype(g), "small")
        p["x1"] = g.view(sb, _dtype(g), "small")
        return
    if op in ("trace", "tril", "triu"):
        shape, _ = _x0(g, int(r.choice([1, 2, 2, 2, 3])) if op != "trace" else int(r.choice([2, 2, 3])))
        key = "offset" if op == "trace" else "k"
        p[key] = str(int(r.integers(-4, 5)))
        if op == "trace" and (len(shape) != 2 or r.random() < 0.4):
            n = len(shape)
            p["axis1"], p["axis2"] = str(_axis(g, n, 0)), str(_axis(g, n, 0))
            while p["axis1"] != p["axis2"] and int(p["axis1"]) % n == int(p["axis2"]) % n or p["axis1"] == p["axis2"]:
                p["axis1"], p["axis2"] = str(_axis(g, n, 0)), str(_axis(g, n, 0))
        return
    shape, dtype = _x0(g)
    n = len(shape)
    if op == "roll":
        p["shift"] = str(int(r.integers(-12, 13)))
        p["axis"] = "none" if r.random() < 0.3 else str(_axis(g, n))
    elif op == "tile":
        p["reps"] = ",".join(str(int(r.integers(0, 4))) for _ in range(int(r.integers(0, 4)))) or "2"
        if r.random() < 0.02:
            p["reps"] = "-1"
    elif op == "repeat":
        p["axis"] = "none" if r.random() < 0.3 or n == 0 else str(_axis(g, n))
        length = int(np.prod(shape)) if p["axis"] == "none" else (shape[int(p["axis"])] if -n <= int(p["axis"]) < n else 1)
        if r.random() < 0.4:
            p["n"] = str(int(r.integers(0, 4)) if r.random() > 0.03 else -1)
        else:
            g.index_range = (0, 4) if r.random() > 0.03 else (-1, 2)
            m = length if r.random() < 0.8 else (1 if r.random() < 0.7 else length + 1)
            p["x1"] = g.view((m,), DT[int(r.choice([1, 2]))], "index")
    elif op == "pad":
        _pad_params(g, shape)


VIEW_OPS = ("squeeze", "expand_dims", "swapaxes", "moveaxis", "flip", "diagonal", "diag", "split", "array_split")
COPY_OPS = ("roll", "tile", "repeat", "pad", "pad", "hstack", "vstack", "column_stack", "meshgrid", "eye",
            "identity", "trace", "tril", "triu", "outer", "inner", "vdot", "einsum", "einsum", "einsum")
FAMILY = [(view_case, op) for op in VIEW_OPS] + [(copy_case, op) for op in COPY_OPS]
