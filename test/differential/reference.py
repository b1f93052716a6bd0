"""NumPy's side of every case: the reference result, and the nd error class NumPy's
exception corresponds to. Promotion follows NEP 50 (weak Python scalars), which the
nd API contract fixes, so NumPy 1.24 is switched to its 'weak' promotion state."""

import warnings

import numpy as np

import stats_cases
from cases import build_index, build_operand, parse_axis, ints, DTYPES
import reference_shapes

np._set_promotion_state("weak")
warnings.simplefilter("ignore")
# Where NumPy 1.24 deprecates a behaviour, the reference is the behaviour to come.
warnings.simplefilter("error", DeprecationWarning)

UNARY = {"negative": np.negative, "abs": np.abs, "sqrt": np.sqrt, "square": np.square,
         "exp": np.exp, "log": np.log, "sin": np.sin, "cos": np.cos,
         "logical_not": np.logical_not}
BINARY = {"add": np.add, "subtract": np.subtract, "multiply": np.multiply,
          "divide": np.divide, "power": np.power, "minimum": np.minimum,
          "maximum": np.maximum, "equal": np.equal, "not_equal": np.not_equal,
          "less": np.less, "less_equal": np.less_equal, "greater": np.greater,
          "greater_equal": np.greater_equal, "logical_and": np.logical_and,
          "logical_or": np.logical_or}
TERNARY = {"clip": np.clip, "where": np.where}
# The element-wise functions added with runtime/include/nd/ufuncs.def's second half (a
# family of cases of their own in gen_cases.py).
MORE_UNARY = {name: getattr(np, name) for name in (
    "tan", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "arcsinh", "arccosh", "arctanh", "exp2",
    "expm1", "log2", "log10", "log1p", "cbrt", "deg2rad", "rad2deg", "floor", "ceil", "trunc", "rint",
    "reciprocal", "sign", "isnan", "isinf", "isfinite", "invert")}
MORE_UNARY["nan_to_num"] = lambda x, out=None: np.nan_to_num(x) if out is None else np.copyto(out, np.nan_to_num(x)) or out
MORE_BINARY = {name: getattr(np, name) for name in (
    "arctan2", "hypot", "fmod", "floor_divide", "fmax", "fmin", "copysign", "logical_xor", "bitwise_and",
    "bitwise_or", "bitwise_xor", "left_shift", "right_shift")}
MORE_BINARY["mod"] = np.remainder
CLOSE = ("isclose", "allclose")
UNARY_ALL = {**UNARY, **MORE_UNARY}
BINARY_ALL = {**BINARY, **MORE_BINARY}
UFUNC_AT = {"add_at": np.add, "subtract_at": np.subtract, "multiply_at": np.multiply,
            "minimum_at": np.minimum, "maximum_at": np.maximum}
REDUCTIONS = {"sum": np.sum, "prod": np.prod, "mean": np.mean, "var": np.var,
              "stddev": np.std, "min": np.min, "max": np.max, "argmin": np.argmin,
              "argmax": np.argmax, "any": np.any, "all": np.all}

LINALG = ("solve", "inv", "det", "cholesky", "qr", "eigh", "svd", "lstsq")
# The parts of a factorization's result, as the case's `part` names them.
PARTS = {"qr": ("Q", "R"), "eigh": ("eigenvalues", "eigenvectors"), "svd": ("U", "S", "Vh"),
         "lstsq": ("x", "residuals", "rank", "s")}


def linalg(case, xs):
    op = case.op
    if op == "solve":
        return np.linalg.solve(xs[0], xs[1])
    if op in ("inv", "det", "cholesky"):
        return getattr(np.linalg, op)(xs[0])
    if op == "qr":
        res = np.linalg.qr(xs[0])
    elif op == "eigh":
        res = np.linalg.eigh(xs[0])
    elif op == "svd":
        res = np.linalg.svd(xs[0], full_matrices=case.get("full", "1") == "1")
    else:  # lstsq, with the default rcond to come (NumPy 2's: eps * max(M, N))
        res = np.linalg.lstsq(xs[0], xs[1], rcond=None)
    return res[PARTS[op].index(case["part"])]


def operands(case, bases):
    out = []
    k = 0
    while f"x{k}" in case.params:
        out.append(build_operand(case[f"x{k}"], bases))
        k += 1
    return out


# Fused evaluation (nd::eval of an expression): NumPy's eager result of the same ufunc,
# or of the chain x0 * x0 + 2.5 * x1 ("fused_poly").
FUSED = ("fused_add", "fused_divide", "fused_exp", "fused_poly")


def base_op(op):
    """The ufunc a fused case evaluates ("fused_exp" -> "exp"); other ops unchanged."""
    return op[len("fused_"):] if op.startswith("fused_") and op != "fused_poly" else op


def run(case, bases):
    """Runs the case on `bases` (mutated when the case has `out`); returns the result."""
    op = base_op(case.op)
    xs = operands(case, bases)
    out = build_operand(case["out"], bases) if "out" in case.params else None
    kw = {} if out is None else {"out": out}
    if op in stats_cases.OPS:
        return stats_cases.run(case, xs, kw)
    if op == "fused_poly":
        return np.add(xs[0] * xs[0], 2.5 * xs[1], **kw)
    if op in SCANS_AND_SORTS:
        return SCANS_AND_SORTS[op](case, xs, kw)
    if op in reference_shapes.OPS:
        return reference_shapes.run(case, xs)
    if op in UNARY_ALL:
        return UNARY_ALL[op](xs[0], **kw)
    if op in BINARY_ALL:
        return BINARY_ALL[op](xs[0], xs[1], **kw)
    if op in CLOSE:
        tol = dict(rtol=float(case.get("rtol", "1e-5")), atol=float(case.get("atol", "1e-8")),
                   equal_nan=case.get("equal_nan") == "1")
        return np.isclose(xs[0], xs[1], **tol) if op == "isclose" else np.bool_(np.allclose(xs[0], xs[1], **tol))
    if op == "clip":
        return np.clip(xs[0], xs[1], xs[2], **kw)
    if op == "where":
        return np.where(xs[0], xs[1], xs[2])
    if op in REDUCTIONS:
        axis = parse_axis(case["axis"])
        if op in ("var", "stddev"):
            kw["ddof"] = int(case["ddof"])
        if case.get("keepdims") == "1":
            kw["keepdims"] = True
        return REDUCTIONS[op](xs[0], axis=axis, **kw)
    if op == "getitem":
        return xs[0][build_index(case, xs)]
    if op == "setitem":  # the result is the target's base after the write
        target, index, value = xs[0], build_index(case, xs), xs[int(case["value"])]
        if case["mode"] == "set":
            target[index] = value
        elif case["mode"] == "add":
            target[index] += value
        else:
            target[index] *= value
        return bases[int(case["x0"][1:].split("/")[0])]
    if op in UFUNC_AT:
        UFUNC_AT[op].at(xs[0], xs[1], xs[2])
        return bases[int(case["x0"][1:].split("/")[0])]
    if op == "take":
        return np.take(xs[0], xs[1], axis=parse_axis(case["axis"]))
    if op == "reshape":
        return xs[0].reshape(ints(case["shape"]))
    if op == "transpose":
        return xs[0].T if case["axes"] == "T" else np.transpose(xs[0], ints(case["axes"]))
    if op == "ravel":
        return np.ravel(xs[0])
    if op == "flatten":
        return xs[0].flatten()
    if op == "astype":
        return xs[0].astype(DTYPES[case["dtype"]])
    if op == "concatenate":
        return np.concatenate(xs, axis=int(case["axis"]))
    if op == "stack":
        return np.stack(xs, axis=int(case["axis"]))
    if op == "matmul":
        return np.matmul(xs[0], xs[1], **kw)
    if op == "dot":
        return np.dot(xs[0], xs[1], **kw)
    if op in LINALG:
        return linalg(case, xs)
    if op == "arange":
        conv = float if case["dtype"] in ("f4", "f8") else int
        return np.arange(conv(case["start"]), conv(case["stop"]), conv(case["step"]),
                         dtype=DTYPES[case["dtype"]])
    if op == "linspace":
        return np.linspace(float(case["start"]), float(case["stop"]), int(case["num"]),
                           endpoint=case["endpoint"] == "1", dtype=DTYPES[case["dtype"]])
    raise ValueError(f"unknown op {op!r}")


# NumPy raises ValueError both for operands that cannot broadcast and for bad values;
# nd's error model (docs/runtime.md) makes the first a shape_error (including `out` of
# a shape the result cannot be written to, and np.broadcast_to's "axis remapping"
# message) and everything else, e.g. matmul's core-dimension mismatch or a reshape to
# the wrong size, a value_error, as NumPy's class is.
SHAPE_MESSAGES = ("could not be broadcast", "could not broadcast input array", "non-broadcastable", "cannot be broadcast",
                  "more dimensions than allowed by the axis remapping")


def error_class(exc):
    """The nd:: exception class that must match a NumPy exception."""
    if isinstance(exc, np.linalg.LinAlgError):  # nd::linalg_error, a value_error
        return "value_error"
    if isinstance(exc, IndexError):  # includes np.AxisError
        return "index_error"
    if isinstance(exc, TypeError):
        return "type_error"
    if isinstance(exc, ValueError):
        msg = str(exc)
        if any(m in msg for m in SHAPE_MESSAGES):
            return "shape_error"
        return "value_error"
    if isinstance(exc, DeprecationWarning) and "Out of bound index" in str(exc):
        return "index_error"  # NumPy 1.24 deprecates ignoring it; the future IndexError is the reference
    if isinstance(exc, DeprecationWarning) and "Converting the output of clip" in str(exc):
        return "type_error"  # NumPy 1.24 deprecates clip's unsafe output cast; the future UFuncTypeError
    if isinstance(exc, ArithmeticError):  # np.arange(0, 5, 0): ZeroDivisionError
        return "value_error"
    raise exc


# ---- scans (nd/scan.hpp) ------------------------------------------------------------

def _scan(fn):
    """A scan over axis=None (the flattened array) or one axis. np.maximum.accumulate
    takes no axis=None and refuses 0-d arrays; nd's cummax/cummin scan both as
    np.cumsum does (flattened, and 0-d as shape (1,)), so the reference does too."""
    def run_scan(case, xs, kw):
        x = np.asarray(xs[0]) if isinstance(xs[0], np.ndarray) else xs[0]
        axis = parse_axis(case["axis"])
        if fn in (np.maximum.accumulate, np.minimum.accumulate):
            x = np.ravel(x) if axis is None else (x.reshape(1) if x.ndim == 0 else x)
            return fn(x, axis=0 if axis is None else axis, **kw)
        return fn(x, axis=axis, **kw)
    return run_scan


def _diff(case, xs, kw):
    args = {}
    if "n" in case.params:
        args["n"] = int(case["n"])
    if "axis" in case.params:
        args["axis"] = int(case["axis"])
    return np.diff(xs[0], **args)


# ---- sorting and searching (nd/sort.hpp) ---------------------------------------------

def _zeros_in_nd_order(sorted_x, x, axis):
    """np.sort leaves the order of -0.0 and 0.0 (equal values) to its quicksort; nd puts
    a row's -0.0 first. The reference is NumPy's sorted values with each row's run of
    zeros rewritten in that order: as many -0.0 as the row has, then 0.0."""
    if sorted_x.dtype.kind != "f" or sorted_x.size == 0:
        return sorted_x
    s = np.moveaxis(sorted_x.copy(), axis, -1)
    o = np.moveaxis(np.asarray(x), axis, -1)
    negative = np.sum((o == 0) & np.signbit(o), axis=-1, keepdims=True)
    zero = s == 0
    rank = np.cumsum(zero, axis=-1) - 1
    s[zero & (rank < negative)] = -0.0
    s[zero & (rank >= negative)] = 0.0
    return np.moveaxis(s, -1, axis)


def _sort(case, xs, kw):
    x = xs[0]
    axis = parse_axis(case["axis"]) if "axis" in case.params else -1
    r = np.sort(x, axis=axis)
    return _zeros_in_nd_order(r, np.ravel(x) if axis is None else x, -1 if axis is None else axis)


def _argsort(case, xs, kw):
    axis = parse_axis(case["axis"]) if "axis" in case.params else -1
    return np.argsort(xs[0], axis=axis, kind="stable")


def _searchsorted(case, xs, kw):
    if "side" in case.params:
        return np.searchsorted(xs[0], xs[1], side=case["side"])
    return np.searchsorted(xs[0], xs[1])


def _unique_zero_sign(values, x):
    """nd's unique keeps the first of each run of its sort, so a zero is -0.0 when the
    input has one (see _zeros_in_nd_order)."""
    if values.dtype.kind == "f" and np.any((np.asarray(x) == 0) & np.signbit(x)):
        values = values.copy()
        values[values == 0] = -0.0
    elif values.dtype.kind == "f":
        values = values.copy()
        values[values == 0] = 0.0
    return values


def _unique(case, xs, kw):
    return _unique_zero_sign(np.unique(xs[0]), xs[0])


def _unique_counts(case, xs, kw):
    values, counts = np.unique(xs[0], return_counts=True)
    return counts if case["part"] == "counts" else _unique_zero_sign(values, xs[0])


def _nonzero(case, xs, kw):
    x = np.asarray(xs[0])
    if x.ndim == 0:  # deprecated in NumPy 1.24, an error from NumPy 2 on: the reference
        raise ValueError("Calling nonzero on 0d arrays is not allowed.")
    return np.array(np.nonzero(x)).reshape(x.ndim, -1)


def _bincount(case, xs, kw):
    args = {}
    if "minlength" in case.params:
        args["minlength"] = int(case["minlength"])
    if len(xs) > 1:
        args["weights"] = xs[1]
    return np.bincount(xs[0], **args)


SCANS_AND_SORTS = {
    "bincount": _bincount,
    "digitize": lambda case, xs, kw: np.digitize(xs[0], xs[1], right=case.get("right") == "1"),
    "isin": lambda case, xs, kw: np.isin(xs[0], xs[1]),
    "nonzero": _nonzero, "flatnonzero": lambda case, xs, kw: np.flatnonzero(xs[0]),
    "argwhere": lambda case, xs, kw: np.argwhere(xs[0]),
    "sort": _sort, "argsort": _argsort, "searchsorted": _searchsorted,
    "unique": _unique, "unique_counts": _unique_counts,
    "cumsum": _scan(np.cumsum), "cumprod": _scan(np.cumprod),
    "cummax": _scan(np.maximum.accumulate), "cummin": _scan(np.minimum.accumulate),
    "diff": _diff,
}
