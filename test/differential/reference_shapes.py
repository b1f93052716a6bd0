"""NumPy's side of the shape and matrix cases (driver/ops_shape_*.cpp): squeeze,
expand_dims, swapaxes, moveaxis, flip, diagonal, diag, split, array_split, meshgrid,
roll, tile, repeat, pad, hstack, vstack, column_stack, eye, identity, trace, tril,
triu, outer, inner, vdot and einsum. `part=shares` asks whether the result may share
memory with x0 (a view, where NumPy returns one); `piece` picks one array of a list
result, or its length ("n")."""

import numpy as np

from cases import DTYPES, ints, parse_axis


def _axes(case, key="axis"):
    v = ints(case[key])
    return v[0] if len(v) == 1 else v


def _pad_width(text):
    pairs = [ints(p) for p in text.split(";")]
    pairs = [p if len(p) == 2 else (p[0], p[0]) for p in pairs]
    return pairs[0] if len(pairs) == 1 else pairs


def _pick(case, xs, result):
    if "piece" in case.params:
        if case["piece"] == "n":
            return np.array(len(result), dtype=np.int64)
        result = result[int(case["piece"])]
    if case.get("part") == "shares":
        return np.array(np.may_share_memory(result, xs[0]))
    return result


def _split(fn):
    def run(case, xs):
        arg = ints(case["indices"]) if "indices" in case.params else int(case["sections"])
        if "indices" in case.params:
            arg = list(arg)
        return fn(xs[0], arg, axis=int(case.get("axis", "0")))
    return run


def _repeat(case, xs):
    n = int(case["n"]) if "n" in case.params else xs[1]
    return np.repeat(xs[0], n, axis=parse_axis(case["axis"]))


def _pad(case, xs):
    kw = {}
    if "value" in case.params:
        kw["constant_values"] = float(case["value"])
    return np.pad(xs[0], _pad_width(case["width"]), mode=case["mode"], **kw)


def _trace(case, xs):
    if "axis1" in case.params:
        return np.trace(xs[0], int(case["offset"]), int(case["axis1"]), int(case["axis2"]))
    if np.ndim(xs[0]) != 2:  # nd's scalar form takes a matrix only (docs/api/shape.md)
        raise ValueError("nd::trace(a) takes a matrix")
    return np.trace(xs[0], int(case["offset"]))


OPS = {
    "squeeze": lambda c, xs: np.squeeze(xs[0], axis=_axes(c) if "axis" in c.params else None),
    "expand_dims": lambda c, xs: np.expand_dims(xs[0], _axes(c)),
    "swapaxes": lambda c, xs: np.swapaxes(xs[0], int(c["i"]), int(c["j"])),
    "moveaxis": lambda c, xs: np.moveaxis(xs[0], list(ints(c["from"])), list(ints(c["to"]))),
    "flip": lambda c, xs: np.flip(xs[0], axis=_axes(c) if "axis" in c.params else None),
    "diagonal": lambda c, xs: np.diagonal(xs[0], int(c["offset"]), int(c["axis1"]), int(c["axis2"])),
    "diag": lambda c, xs: np.diag(xs[0], int(c["k"])),
    "split": _split(np.split),
    "array_split": _split(np.array_split),
    "meshgrid": lambda c, xs: np.meshgrid(*xs, indexing=c["indexing"]),
    "roll": lambda c, xs: np.roll(xs[0], int(c["shift"]), axis=parse_axis(c["axis"])),
    "tile": lambda c, xs: np.tile(xs[0], ints(c["reps"])),
    "repeat": _repeat,
    "pad": _pad,
    "hstack": lambda c, xs: np.hstack(xs),
    "vstack": lambda c, xs: np.vstack(xs),
    "column_stack": lambda c, xs: np.column_stack(xs),
    "eye": lambda c, xs: np.eye(int(c["n"]), int(c["m"]), int(c["k"]), dtype=DTYPES[c["dtype"]]),
    "identity": lambda c, xs: np.identity(int(c["n"]), dtype=DTYPES[c["dtype"]]),
    "trace": _trace,
    "tril": lambda c, xs: np.tril(xs[0], int(c["k"])),
    "triu": lambda c, xs: np.triu(xs[0], int(c["k"])),
    "outer": lambda c, xs: np.outer(xs[0], xs[1]),
    "inner": lambda c, xs: np.inner(xs[0], xs[1]),
    "vdot": lambda c, xs: np.vdot(xs[0], xs[1]),
    "einsum": lambda c, xs: np.einsum(c["subs"], *xs),
}


def run(case, xs):
    return _pick(case, xs, OPS[case.op](case, xs))


# Sums of products: compared within 2 (k + 1) eps of the sum of absolute products,
# k the number of terms of an element (bounded by the operands' sizes).
SUMS = ("trace", "inner", "vdot", "einsum")


def bound(case, xs, want):
    eps = float(np.finfo(want.dtype).eps)
    absx = [np.abs(np.asarray(x, np.float64)) for x in xs]
    if case.op == "trace":
        r = np.asarray(_trace(case, absx))
    elif case.op == "einsum":
        r = np.einsum(case["subs"], *absx)
    else:
        r = OPS[case.op](case, absx)
    k = max([x.size for x in absx] + [1])
    return 2 * (k + 1) * eps * np.abs(r)


def call_expr(case, xs):
    """A Python expression of the case, for compare.py's reproducers."""
    skip = {"bases", "part", "piece"} | {f"x{k}" for k in range(len(xs))}
    kw = ", ".join(f"{k}={v!r}" for k, v in case.params.items() if k not in skip)
    tail = f"[{case['piece']}]" if "piece" in case.params else ""
    return f"np.{case.op}({', '.join(xs)})  # nd case params: {kw}{tail}"
