#!/usr/bin/env python3
"""Writes random differential cases: base arrays as .npy and the case list cases.txt.

    gen_cases.py --seed S --count N --out DIR

Every case draws from its own generator seeded by (S, case id), so a case can be
regenerated alone from the seed and its id (compare.py prints both for a mismatch).
The format is described in cases.py. Cases whose NumPy result type is outside nd's
element types (NumPy gives float16 for np.sqrt of bool, int8 for bool ** bool) are
redrawn: nd has no such types, so there is nothing to compare.
"""

import argparse
import os

import numpy as np

import gen_shapes
import reference
import stats_cases
from cases import CODES, DTYPES, Case, base_path, build_operand, element_index

DT = list(DTYPES.values())
FLOATS = (np.dtype(np.float32), np.dtype(np.float64))
SPECIALS = (np.nan, np.inf, -np.inf, -0.0, 0.0)


class Unsupported(Exception):
    """The drawn case has a result type nd cannot represent; draw another."""


def fmt(shape):
    return ",".join(str(int(d)) for d in shape)


class Generator:
    def __init__(self, seed, cid):
        self.r = np.random.default_rng([seed, cid])
        self.case = Case(cid, "")
        self.bases = []

    # ---- values -------------------------------------------------------------------
    def values(self, shape, dtype, kind="any"):
        r = self.r
        shape = tuple(int(d) for d in shape)
        if dtype == np.bool_:
            return r.random(shape) < 0.5
        if kind == "index":
            lo, hi = self.index_range
            return r.integers(lo, hi, shape).astype(dtype)
        if dtype.kind == "i":
            lo, hi = {"any": (-9, 10), "pos": (1, 10), "exp": (0, 5), "small": (-3, 4)}.get(kind, (-9, 10))
            return r.integers(lo, hi, shape).astype(dtype)
        lo, hi = {"any": (-5, 5), "pos": (0.01, 10), "exp": (-3, 3), "trig": (-100, 100),
                  "small": (-2, 2), "exact": (-5, 5)}.get(kind, (-5, 5))
        v = r.uniform(lo, hi, shape)
        if kind == "exact":  # values that convert to any type without rounding
            v = np.round(v)
        elif kind != "trig" and r.random() < 0.3:
            v = np.round(v, 1)  # ties and repeats for min/max/arg* and comparisons
        v = v.astype(dtype)
        if kind in ("any", "pos", "trig") and v.size and r.random() < 0.08:
            flat = v.reshape(-1)
            for _ in range(r.integers(1, 3)):
                flat[r.integers(0, v.size)] = SPECIALS[r.integers(0, len(SPECIALS))]
        return v

    def add_base(self, arr):
        self.bases.append(np.array(arr, order="C"))  # (np.ascontiguousarray makes 0-d arrays 1-d)
        return len(self.bases) - 1

    # ---- views ----------------------------------------------------------------------
    def shape(self, ndim=None, max_size=120, max_dim=5):
        r = self.r
        if ndim is None:
            ndim = int(r.choice([0, 1, 1, 2, 2, 2, 3, 3, 4, 5]))
        dims = [int(r.integers(1, max_dim + 1)) for _ in range(ndim)]
        if ndim and r.random() < 0.08:
            dims[r.integers(0, ndim)] = 0
        while int(np.prod(dims)) > max_size:
            k = int(np.argmax(dims))
            dims[k] = max(1, dims[k] // 2)
        return tuple(dims)

    def view(self, shape, dtype, kind="any", writeable=False, depth=0):
        """An operand spec for a view of exactly `shape`, over a new base array."""
        r = self.r
        shape = tuple(int(d) for d in shape)
        n = len(shape)
        if depth < 2 and not writeable and n >= 1 and r.random() < 0.15:
            drop = int(r.integers(0, n + 1))
            pre = [1 if r.random() < 0.4 else d for d in shape[drop:]]
            return self.view(pre, dtype, kind, True, depth + 1) + "/B" + fmt(shape)
        if depth < 2 and n >= 2 and r.random() < 0.2:
            perm = [int(p) for p in r.permutation(n)]
            inner = [0] * n
            for i, p in enumerate(perm):
                inner[p] = shape[i]
            spec = self.view(inner, dtype, kind, writeable, depth + 1)
            if perm == list(range(n - 1, -1, -1)) and r.random() < 0.5:
                return spec + "/T"
            return spec + "/T" + fmt(perm)
        if r.random() < 0.35:
            return f"b{self.add_base(self.values(shape, dtype, kind))}"
        entries, bshape = [], []
        for e in shape:
            if e == 1 and r.random() < 0.15:
                entries.append("n")
                continue
            if r.random() < 0.1:
                length = int(r.integers(1, 4))
                bshape.append(length)
                entries.append(str(int(r.integers(-length, length))))
            step = int(r.choice([1, 1, 1, 2, 3, -1, -1, -2]))
            extra = int(r.integers(0, 3))
            if e == 0:
                length = int(r.integers(0, 4))
                start = int(r.integers(0, length + 1))
                entries.append(f"{start}:{start}:{step}")
            else:
                span = (e - 1) * abs(step) + 1
                length = span + extra
                off = int(r.integers(0, length - span + 1))
                if step == 1 and extra == 0 and r.random() < 0.5:
                    entries.append(":")
                elif step > 0:
                    start, stop = off, off + span
                    start_s = str(start - length if r.random() < 0.2 else start)
                    if stop == length and r.random() < 0.5:
                        stop_s = "" if r.random() < 0.5 else str(length + int(r.integers(1, 5)))
                    else:
                        stop_s = str(stop)
                    entries.append(f"{start_s}:{stop_s}:{step}")
                else:
                    start, stop = off + span - 1, off - 1
                    start_s = str(start - length if r.random() < 0.2 else start)
                    stop_s = "" if stop < 0 else str(stop - length if r.random() < 0.3 else stop)
                    entries.append(f"{start_s}:{stop_s}:{step}")
            bshape.append(length)
        # Trailing whole axes may be spelt with an ellipsis.
        if entries and entries[-1] == ":" and r.random() < 0.5:
            while entries and entries[-1] == ":":
                entries.pop()
            entries.append("e")
        elif r.random() < 0.05:
            entries.append("e")
        k = self.add_base(self.values(bshape, dtype, kind))
        return f"b{k}/S" + ",".join(entries) if entries else f"b{k}"

    def scalar(self, kind_char, kind="any", wide=False):
        """A Python scalar. `wide`: now and then an int that does not fit int32 (or int64),
        which NEP 50 refuses with an integer array (OverflowError)."""
        r = self.r
        if kind_char == "t":
            return f"t:{int(r.random() < 0.5)}"
        if kind_char == "i":
            if wide and kind == "any" and r.random() < 0.05:
                return f"i:{int(r.choice([3000000000, -3000000000, 2 ** 40, 2 ** 62]))}"
            lo, hi = {"exp": (0, 5), "pos": (1, 10)}.get(kind, (-9, 10))
            return f"i:{int(r.integers(lo, hi))}"
        lo, hi = {"exp": (-3, 3), "pos": (0.01, 10), "trig": (-100, 100)}.get(kind, (-5, 5))
        v = float(r.uniform(lo, hi))
        return f"f:{v if r.random() < 0.5 else round(v, 1)!r}"

    def broadcast_parts(self, shape):
        """A shape that broadcasts to `shape`."""
        r = self.r
        drop = int(r.integers(0, len(shape) + 1)) if r.random() < 0.4 else 0
        return tuple(1 if r.random() < 0.25 else d for d in shape[drop:])

    # ---- running NumPy during generation -------------------------------------------
    def numpy_result(self, case=None):
        case = case or self.case
        case.params["bases"] = ",".join(CODES[b.dtype] for b in self.bases)
        copies = [b.copy() for b in self.bases]
        return reference.run(case, copies)

    def finish(self):
        self.case.params = {"bases": ",".join(CODES[b.dtype] for b in self.bases), **{
            k: v for k, v in self.case.params.items() if k != "bases"}}
        try:
            res = self.numpy_result()
        except Exception as exc:  # an error case: NumPy's exception must map to an nd class
            reference.error_class(exc)
            return
        if np.asarray(res).dtype not in DT:
            raise Unsupported()


# ---- families of cases ------------------------------------------------------------------

VALUE_KIND = {"sqrt": "any", "log": "any", "exp": "exp", "sin": "trig", "cos": "trig",
              "power": "small", "square": "any", "tan": "trig", "arcsin": "small", "arccos": "small",
              "arctanh": "small", "deg2rad": "trig", "rad2deg": "small"}
# The second operand of these is a count or an exponent: small and mostly non-negative.
EXPONENT_OPS = ("power", "left_shift", "right_shift")


def same_dtype(kind, dtype):
    """Whether an operand kind (a dtype, or "i"/"f"/"t" for a scalar) is this dtype.
    (np.dtype("float32") == "f" is True, so strings are ruled out first.)"""
    return not isinstance(kind, str) and kind == dtype


def ufunc_case(g, op):
    r = g.r
    c = g.case
    fused, op = op, reference.base_op(op)  # a fused case draws as its ufunc
    nin = 1 if op in reference.UNARY_ALL else 3 if op in reference.TERNARY else 2
    shape = g.shape()
    kinds = []
    for k in range(nin):
        if k > 0 and r.random() < 0.3 and op != "where":
            kinds.append(str(r.choice(["i", "f", "t"])))
        else:
            kinds.append(DT[int(r.integers(0, len(DT)))])
    if op == "clip":  # lo and hi of one type: two arrays of one dtype or two scalars of one kind
        kinds[2] = kinds[1]
    if nin == 2 and not isinstance(kinds[1], str) and r.random() < 0.15:
        kinds[0] = str(r.choice(["i", "f", "t"]))  # a scalar first: 2 ** a, 1.0 / a
    if op == "where":
        kinds[0] = np.dtype(np.bool_)
    vk = VALUE_KIND.get(op, "any")
    # NumPy's result type for these operand types, found on ones (values do not matter).
    probe = Case(c.id, fused, {f"x{k}": (f"{kinds[k]}:1" if isinstance(kinds[k], str) else f"b{k}")
                            for k in range(nin)})
    try:
        probe_bases = [None if isinstance(k, str) else np.ones(2, k) for k in kinds]
        res_dtype = np.asarray(reference.run(probe, probe_bases)).dtype
    except (TypeError, ValueError):
        res_dtype = None
    if res_dtype is not None and res_dtype not in DT:
        raise Unsupported()
    mode = "none"
    if op != "where" and res_dtype is not None:
        mode = str(r.choice(["none", "none", "fresh", "fresh", "equal", "overlap"]))
    specs = [None] * nin
    if mode == "overlap" and len(shape) >= 1 and shape[0] >= 1 and same_dtype(kinds[0], res_dtype):
        # x0 and out are shifted (possibly reversed) slices of one base.
        shift = int(r.integers(1, 3))
        n0 = shape[0]
        kb = g.add_base(g.values((n0 + shift,) + shape[1:], res_dtype, vk))

        def part(off):
            if r.random() < 0.3:
                stop = off - 1
                return f"b{kb}/S{off + n0 - 1}:{'' if stop < 0 else stop}:-1"
            return f"b{kb}/S{off}:{off + n0}"
        offs = [0, shift]
        r.shuffle(offs)
        specs[0] = part(offs[0])
        c.params["out"] = part(offs[1])
        if nin >= 2 and same_dtype(kinds[1], res_dtype) and r.random() < 0.3:
            specs[1] = part(int(r.integers(0, shift + 1)))
    elif mode == "overlap" or (mode == "equal" and not same_dtype(kinds[0], res_dtype)):
        mode = "fresh"
    for k in range(nin):
        if specs[k] is not None:
            continue
        if isinstance(kinds[k], str):
            # np.where does not apply NEP 50 to its scalars in NumPy 1.24 (a wide int
            # makes it int64; nd keeps the array's type and refuses the value).
            specs[k] = g.scalar(kinds[k], vk, wide=op != "where")
        else:
            sub = shape if (k == 0 and mode == "equal") else g.broadcast_parts(shape)
            specs[k] = g.view(sub, kinds[k], "exp" if (op in EXPONENT_OPS and k == 1) else vk,
                              writeable=(k == 0 and mode == "equal"))
    # Occasionally a shape mismatch.
    if nin >= 2 and not isinstance(kinds[1], str) and len(shape) >= 1 and shape[-1] > 1 and r.random() < 0.03:
        bad = shape[:-1] + (shape[-1] + 1,)
        specs[1] = g.view(bad, kinds[1], vk)
        mode = "none"
    for k in range(nin):
        c.params[f"x{k}"] = specs[k]
    if mode == "equal":
        c.params["out"] = specs[0]
    elif mode == "fresh":
        try:
            res = np.asarray(g.numpy_result())
        except Exception:
            return
        out_shape, out_dtype = res.shape, res.dtype
        if all(not isinstance(k, str) and k == kinds[0] for k in kinds) and r.random() < 0.05:
            out_dtype = DT[int(r.integers(0, len(DT)))]  # NumPy's same_kind casting into out
        if len(out_shape) >= 1 and r.random() < 0.03:
            out_shape = out_shape[:-1] + (out_shape[-1] + 2,)  # a wrong out shape
        c.params["out"] = g.view(out_shape, out_dtype, "any", writeable=True)


def close_case(g, op):
    """isclose/allclose: an array and an array or scalar that are often close (a copy
    with a small perturbation, or rounded values), NumPy's default tolerances or others."""
    r = g.r
    c = g.case
    shape = g.shape()
    d0 = DT[int(r.integers(0, len(DT)))]
    c.params["x0"] = g.view(shape, d0, "any")
    if r.random() < 0.25:
        c.params["x1"] = g.scalar(str(r.choice(["i", "f"])), "any")
    else:
        d1 = DT[int(r.integers(0, len(DT)))]
        c.params["x1"] = g.view(g.broadcast_parts(shape), d1, "any")
    if r.random() < 0.4:
        c.params["rtol"] = str(r.choice(["0", "1e-3", "0.1"]))
        c.params["atol"] = str(r.choice(["0", "1e-3", "0.5"]))
    if r.random() < 0.3:
        c.params["equal_nan"] = "1"


def reduction_case(g, op):
    r = g.r
    c = g.case
    ndim = int(r.choice([0, 1, 1, 2, 2, 3, 3, 4]))
    shape = g.shape(ndim, max_size=40 if op == "prod" else 150)
    dtype = DT[int(r.integers(0, len(DT)))]
    c.params["x0"] = g.view(shape, dtype, "small" if op == "prod" else "any")
    roll = r.random()
    if roll < 0.2:
        axis = "none"
    elif ndim == 0:  # NumPy's C reductions accept 0 and -1 here, its mean/var/std do not
        axis = str(r.choice(["0", "-1", "t0", "1"]))
    elif roll < 0.5 or op in ("argmin", "argmax"):
        axis = str(int(r.integers(-ndim, ndim)))
    else:
        count = int(r.integers(1, ndim + 1))
        axes = [int(a) for a in r.choice(ndim, count, replace=False)]
        axes = [a - ndim if r.random() < 0.3 else a for a in axes]
        axis = "t" + fmt(axes)
    if op in ("argmin", "argmax") and roll >= 0.2:
        axis = str(int(r.integers(-ndim, ndim))) if ndim else str(r.choice(["0", "-1", "1"]))
    if r.random() < 0.03:
        axis = str(ndim if r.random() < 0.5 else -ndim - 1)  # out of range
    c.params["axis"] = axis
    if op in ("var", "stddev"):
        c.params["ddof"] = str(int(r.choice([0, 0, 1, 2])))
    if axis != "none" and r.random() < 0.4:
        c.params["keepdims"] = "1"
    if axis != "none" and not axis.startswith("t") and "keepdims" not in c.params and r.random() < 0.2:
        try:
            res = np.asarray(g.numpy_result())
        except Exception:
            return
        c.params["out"] = g.view(res.shape, res.dtype, "any", writeable=True)


def index_array(g, shape, size, error=False):
    g.index_range = (size, size + 2) if error else (-size, size) if size else (0, 1)
    return g.view(shape, DT[int(g.r.choice([1, 2]))], "index")


def indexing_case(g, op):
    r = g.r
    c = g.case
    ndim = int(r.integers(1, 5))
    shape = g.shape(ndim)
    dtype = DT[int(r.integers(0, len(DT)))]
    c.params["x0"] = g.view(shape, dtype, "any")
    err = r.random() < 0.04
    if op == "take":
        axis = "none" if r.random() < 0.3 else str(int(r.integers(-ndim, ndim)))
        n = int(np.prod(shape)) if axis == "none" else shape[int(axis)]
        c.params["x1"] = index_array(g, g.shape(int(r.integers(0, 3)), max_dim=4), n, err)
        c.params["axis"] = axis
        return
    patterns = ["int1", "mask", "basic", "basic", "scalar_int", "ellipsis"]
    if ndim >= 2:
        patterns += ["int2", "slice_int", "int_slice", "slice_mask", "ix", "newaxis_int"]
    pat = str(r.choice(patterns))
    if pat == "int1":
        c.params["x1"] = index_array(g, g.shape(int(r.integers(0, 3)), max_dim=4), shape[0], err)
        idx = ["A1"]
    elif pat == "int2":
        s = g.shape(int(r.integers(0, 3)), max_dim=4)
        c.params["x1"] = index_array(g, g.broadcast_parts(s), shape[0], err)
        c.params["x2"] = index_array(g, g.broadcast_parts(s), shape[1])
        idx = ["A1", "A2"]
    elif pat == "newaxis_int":  # NumPy's m[rows[:, None], cols]
        rows = index_array(g, (int(r.integers(0, 4)),), shape[0], err)
        c.params["x1"] = rows + "/S:,n"
        c.params["x2"] = index_array(g, (int(r.integers(0, 4)),), shape[1])
        idx = ["A1", "A2"]
    elif pat in ("slice_int", "int_slice"):
        c.params["x1"] = index_array(g, g.shape(int(r.integers(0, 3)), max_dim=4), shape[1 if pat == "slice_int" else 0], err)
        sl = "s" + str(r.choice(["::", "1:", "::-1", "::2", "-2:"]))
        idx = [sl, "A1"] if pat == "slice_int" else ["A1", sl]
    elif pat == "mask":
        k = int(r.integers(1, ndim + 1))
        mshape = list(shape[:k])
        if err and mshape:
            mshape[-1] += 1
        c.params["x1"] = g.view(mshape, np.dtype(np.bool_))
        idx = ["A1"]
    elif pat == "slice_mask":
        m = shape[1] + (1 if err else 0)
        c.params["x1"] = g.view((m,), np.dtype(np.bool_))
        idx = ["s" + str(r.choice(["::", "::-1", "1:"])), "A1"]
    elif pat == "scalar_int":
        c.params["x1"] = index_array(g, g.shape(int(r.integers(0, 3)), max_dim=4), shape[-1], err)
        i = int(r.integers(-shape[0], shape[0])) if shape[0] else 0
        idx = [f"i{i}", "A1"] if ndim == 2 else [f"i{i}", "e", "A1"] if ndim > 2 else ["A1"]
    elif pat == "ellipsis":
        c.params["x1"] = index_array(g, g.shape(int(r.integers(0, 3)), max_dim=4), shape[-1], err)
        idx = ["e", "A1"]
    elif pat == "ix":
        c.params["x1"] = index_array(g, (int(r.integers(0, 4)),), shape[0], err)
        c.params["x2"] = index_array(g, (int(r.integers(0, 4)),), shape[1])
        idx = ["X1,2"]
    else:  # basic: a view
        idx = []
        for d in shape:
            roll = r.random()
            if roll < 0.25 and d:
                idx.append(f"i{int(r.integers(-d, d))}")
            elif roll < 0.35:
                idx.append("n")
                idx.append("s::")
            else:
                idx.append("s" + str(r.choice(["::", "1:", "::-1", ":-1:2", "-3::", "::3"])))
        if err:
            idx[0] = f"i{shape[0] + 1}"
        if r.random() < 0.2:
            idx = idx[: int(r.integers(1, len(idx) + 1))] + ["e"]
    c.params["idx"] = ";".join(idx)


def base_of(spec):
    """The base array index of an operand spec b<k>/..."""
    return int(spec[1:].split("/")[0])


def selects_twice(g, probe):
    """Whether the getitem `probe` selects some element of x0's base more than once:
    the same index applied to the base's element positions."""
    k = base_of(probe["x0"])
    bases = [b.copy() for b in g.bases]
    bases[k] = np.arange(bases[k].size).reshape(bases[k].shape)
    probe.params["bases"] = ",".join(CODES[b.dtype] for b in g.bases)
    try:
        picked = np.asarray(reference.run(probe, bases)).reshape(-1)
    except Exception:
        return False
    return np.unique(picked).size < picked.size


def setitem_value(g, shape, target_dtype, wrong, scalars=True, force_scalar=False):
    """A value for target[index] = value: a Python scalar or an array that broadcasts to
    `shape` (one that does not when `wrong`). Floats going into an integer or bool
    target are whole numbers: NumPy's cast of NaN to an integer is undefined."""
    r = g.r
    vdtype = DT[int(r.integers(0, len(DT)))] if r.random() < 0.4 else target_dtype
    kind = "exact" if vdtype.kind == "f" and target_dtype.kind != "f" else "any"
    if force_scalar or (scalars and r.random() < 0.3 and not wrong):
        return g.scalar(str(r.choice(["i", "f", "t"])) if target_dtype.kind == "f" else "i")
    vshape = list(g.broadcast_parts(shape))
    if wrong:
        vshape = vshape + [2] if not vshape else vshape[:-1] + [vshape[-1] + 1]
    return g.view(tuple(vshape), vdtype, kind)


def setitem_case(g, op):
    """target[index] = value (and += and *=) on every index form getitem draws; the
    result is the target's whole base array afterwards."""
    r = g.r
    c = g.case
    indexing_case(g, "getitem")
    probe = Case(c.id, "getitem", dict(c.params))
    try:
        shape = np.shape(g.numpy_result(probe))
    except Exception:  # an index error: the value does not matter
        shape = ()
    k = 0
    while f"x{k}" in c.params:
        k += 1
    target_dtype = g.bases[base_of(c.params["x0"])].dtype
    # Where the index selects an element twice, NumPy leaves the order of the writes
    # unspecified ("no guarantee for the iteration order"): one value for all of them.
    # An element (an integer per axis, nd's a(i, j) -> E&) takes a scalar only.
    scalar_only = selects_twice(g, probe) or element_index(c, g.bases)
    c.params[f"x{k}"] = setitem_value(g, shape, target_dtype, r.random() < 0.04 and not scalar_only,
                                      force_scalar=scalar_only)
    c.params["value"] = str(k)
    c.params["mode"] = str(r.choice(["set", "set", "set", "add", "mul"]))


def ufunc_at_case(g, op):
    """np.add.at(target, indices, value) and the other ufunc.at forms: integer indices
    into the first axis, repeated ones included."""
    r = g.r
    c = g.case
    shape = g.shape(int(r.integers(1, 4)))
    dtype = DT[int(r.integers(1, len(DT)))] if op == "subtract_at" else DT[int(r.integers(0, len(DT)))]
    c.params["x0"] = g.view(shape, dtype, "any", writeable=True)
    err = r.random() < 0.04
    ishape = g.shape(int(r.integers(0, 3)), max_dim=6)
    c.params["x1"] = index_array(g, ishape, shape[0], err)
    sel = tuple(ishape) + tuple(shape[1:])
    # Arrays only: NumPy 1.24's ufunc.at makes a Python scalar a strong 0-d array, where
    # nd follows NEP 50 (a weak scalar), the contract (setitem_test.cpp has the scalars).
    c.params["x2"] = setitem_value(g, sel, dtype, r.random() < 0.04, scalars=False)


def shape_case(g, op):
    r = g.r
    c = g.case
    err = r.random() < 0.05
    dtype = DT[int(r.integers(0, len(DT)))]
    if op in ("concatenate", "stack"):
        ndim = int(r.integers(0 if err else 1, 4))
        shape = g.shape(ndim, max_size=60)
        n = int(r.integers(1, 4))
        axis = int(r.integers(-ndim - (op == "stack"), ndim + (op == "stack"))) if ndim or op == "stack" else 0
        for k in range(n):
            s = list(shape)
            if op == "concatenate" and ndim:
                s[axis] = int(r.integers(0, 4))
            if err and k == n - 1 and s:
                s[-1 if (ndim == 1 or axis % ndim != ndim - 1) else 0] += 1
            c.params[f"x{k}"] = g.view(s, dtype)
        c.params["axis"] = str(axis)
        return
    if op in ("matmul", "dot"):
        n, k, m = (int(v) for v in r.integers(0, 5, 3))
        forms = [((n, k), (k, m)), ((k,), (k,)), ((n, k), (k,)), ((k,), (k, m))]
        if op == "matmul":
            b = int(r.integers(1, 4))
            forms += [((b, n, k), (k, m)), ((b, n, k), (b, k, m)), ((1, n, k), (b, k, m)), ((k,), (b, k, m))]
        sa, sb = forms[int(r.integers(0, len(forms)))]
        if err and len(sb) == 3 and r.random() < 0.5:
            sb = (sb[0] + 1,) + sb[1:] if len(sa) == 3 and sa[0] > 1 else (sb[0], sb[1] + 1, sb[2])  # batch axes
        elif err:
            sb = (sb[0] + 1,) + sb[1:] if len(sb) < 3 else (sb[0], sb[1] + 1, sb[2])
        c.params["x0"] = g.view(sa, dtype)
        c.params["x1"] = g.view(sb, dtype)
        return
    shape = g.shape()
    size = int(np.prod(shape))
    c.params["x0"] = g.view(shape, dtype, "exact" if op == "astype" else "any")
    if op == "reshape":
        dims = []
        rest = size
        for _ in range(int(r.integers(0, 4))):
            divs = [d for d in range(1, 7) if rest % d == 0] if rest else [0, 1, 2]
            d = int(r.choice(divs))
            dims.append(d)
            rest = rest // d if d else rest
        dims.append(rest)
        r.shuffle(dims)
        if size and r.random() < 0.3:
            dims[int(r.integers(0, len(dims)))] = -1
        if err:
            dims.append(2)
        c.params["shape"] = fmt(dims)
    elif op == "transpose":
        n = len(shape)
        if r.random() < 0.3:
            c.params["axes"] = "T"
        else:
            perm = [int(p) for p in r.permutation(n)]
            perm = [p - n if r.random() < 0.2 else p for p in perm]
            if err and n >= 2:
                perm[0] = perm[1]
            c.params["axes"] = fmt(perm)
    elif op == "astype":
        c.params["dtype"] = CODES[DT[int(r.integers(0, len(DT)))]]


def range_case(g, op):
    r = g.r
    c = g.case
    if op == "arange":
        code = str(r.choice(["i4", "i8", "f4", "f8"]))
        c.params["dtype"] = code
        if code[0] == "i":
            c.params["start"] = str(int(r.integers(-20, 20)))
            c.params["stop"] = str(int(r.integers(-20, 40)))
            c.params["step"] = str(int(r.choice([1, 1, 2, 3, -1, -2, 5])) if r.random() > 0.02 else 0)
        else:
            c.params["start"] = repr(round(float(r.uniform(-5, 5)), int(r.integers(0, 3))))
            c.params["stop"] = repr(round(float(r.uniform(-5, 10)), int(r.integers(0, 3))))
            c.params["step"] = repr(float(r.choice([0.1, 0.25, 0.5, 1.0, -0.5, 0.3, 2.0])))
    else:
        c.params["dtype"] = str(r.choice(["f4", "f8"]))
        c.params["start"] = repr(round(float(r.uniform(-10, 10)), int(r.integers(0, 4))))
        c.params["stop"] = repr(round(float(r.uniform(-10, 10)), int(r.integers(0, 4))))
        c.params["num"] = str(int(r.integers(0, 20)) if r.random() > 0.02 else -1)
        c.params["endpoint"] = str(int(r.random() < 0.7))


def scan_case(g, op):
    """cumsum, cumprod, cummax, cummin: flattened or along an axis, now and then over
    rows wider than the engine's column block (1024), with `out` of the result's
    dtype, of another dtype (NumPy casts unsafely into it), or `out` = the input."""
    r = g.r
    c = g.case
    ndim = int(r.choice([0, 1, 1, 2, 2, 3, 3, 4]))
    big = ndim >= 2 and r.random() < 0.1
    shape = g.shape(ndim, max_size=40 if op == "cumprod" else 150)
    if big:
        shape = (int(r.integers(2, 4)),) + tuple(int(d) for d in r.integers(1, 4, ndim - 2)) + (int(r.integers(1025, 1300)),)
    dtype = DT[int(r.integers(0, len(DT)))]
    kind = "small" if op == "cumprod" else "any"
    in_place = r.random() < 0.1 and ndim >= 1 and (op in ("cummax", "cummin") or dtype in (DT[2], DT[3], DT[4]))
    c.params["x0"] = g.view(shape, dtype, kind, writeable=in_place)
    if r.random() < 0.25:
        axis = "none"
    elif ndim == 0:
        axis = str(r.choice(["0", "-1", "1"]))
    else:
        axis = str(int(r.integers(-ndim, ndim)))
    if r.random() < 0.03:
        axis = str(max(ndim, 1) if r.random() < 0.5 else -max(ndim, 1) - 1)  # out of range
    c.params["axis"] = axis
    if in_place and (axis != "none" or ndim == 1):
        c.params["out"] = c.params["x0"]
    elif r.random() < 0.25:
        try:
            res = np.asarray(g.numpy_result())
        except Exception:
            return
        out_dtype = DT[int(r.integers(0, len(DT)))] if r.random() < 0.2 else res.dtype
        c.params["out"] = g.view(res.shape, out_dtype, "any", writeable=True)


def diff_case(g, op):
    r = g.r
    c = g.case
    ndim = int(r.choice([0, 1, 1, 2, 2, 3, 4]))
    shape = g.shape(ndim)
    c.params["x0"] = g.view(shape, DT[int(r.integers(0, len(DT)))])
    if r.random() < 0.8:
        c.params["n"] = str(int(r.choice([0, 1, 1, 1, 2, 3, 6])) if r.random() > 0.03 else -1)
        if r.random() < 0.7 and ndim:
            c.params["axis"] = str(int(r.integers(-ndim, ndim)) if r.random() > 0.03 else ndim)


def with_ties(g, first):
    """Rewrites the float bases from index `first` on for sorting cases: now and then
    integral values (many ties), and -0.0, 0.0, NaN and ±inf sprinkled in, so that
    stability, NaN last and the order of -0.0 and 0.0 are exercised."""
    r = g.r
    for k in range(first, len(g.bases)):
        b = g.bases[k]
        if b.dtype.kind != "f" or b.size == 0:
            continue
        if r.random() < 0.5:
            b[...] = np.round(b)
        if r.random() < 0.4:
            flat = b.reshape(-1)
            for _ in range(int(r.integers(1, 4))):
                flat[r.integers(0, b.size)] = (np.nan, np.inf, -np.inf, -0.0, 0.0, -0.0)[int(r.integers(0, 6))]


def sort_case(g, op):
    """sort, argsort (flattened or along an axis, rows long enough for vqsort's
    partitioning now and then), unique, unique_counts."""
    r = g.r
    c = g.case
    ndim = int(r.choice([0, 1, 1, 2, 2, 3, 4]))
    shape = g.shape(ndim)
    if ndim >= 1 and r.random() < 0.1:
        shape = shape[:-1] + (int(r.integers(300, 3000)),)
    dtype = DT[int(r.integers(0, len(DT)))]
    c.params["x0"] = g.view(shape, dtype, "small" if dtype.kind == "i" else "any")
    with_ties(g, 0)
    if op in ("unique", "unique_counts"):
        if op == "unique_counts":
            c.params["part"] = str(r.choice(["values", "counts"]))
        return
    roll = r.random()
    if roll < 0.2:
        c.params["axis"] = "none"
    elif roll < 0.4:
        return  # the default axis, -1
    elif ndim == 0:
        c.params["axis"] = str(r.choice(["0", "-1"]))
    else:
        c.params["axis"] = str(int(r.integers(-ndim, ndim)))
    if r.random() < 0.03:
        c.params["axis"] = str(max(ndim, 1) + 1)  # out of range


def nonzero_case(g, op):
    """nonzero, flatnonzero, argwhere: mostly zeros, and -0.0 and NaN among floats."""
    r = g.r
    ndim = int(r.choice([0, 1, 1, 2, 2, 3, 4]))
    dtype = DT[int(r.integers(0, len(DT)))]
    first = len(g.bases)
    g.case.params["x0"] = g.view(g.shape(ndim), dtype, "small" if dtype.kind == "i" else "any")
    for b in g.bases[first:]:
        if b.size and b.dtype.kind in "if" and r.random() < 0.7:
            b[r.random(b.shape) < 0.6] = 0
    with_ties(g, first)


def counting_case(g, op):
    """bincount (small non-negative integers, weights, minlength; now and then a
    negative element, a float or 2-d x, mismatched weights), digitize (increasing,
    decreasing or unordered bins), isin (values often taken from a)."""
    r = g.r
    c = g.case
    if op == "bincount":
        n = int(r.integers(0, 40))
        dtype = DT[int(r.choice([0, 1, 2, 2]))] if r.random() > 0.03 else DT[4]
        g.index_range = (0, int(r.integers(1, 12)))
        if r.random() < 0.03:
            g.index_range = (-2, 3)
        shape = (n,) if r.random() > 0.03 else (2, 3)
        c.params["x0"] = g.view(shape, dtype, "index")
        # With weights, NumPy returns int64 zeros for an empty x, float64 otherwise;
        # nd's type is fixed at compile time (float64, docs/api/sorting.md).
        if n and r.random() < 0.4:
            m = n if r.random() > 0.03 else n + 1
            c.params["x1"] = g.view((m,), DT[int(r.integers(0, len(DT)))])
        if r.random() < 0.4:
            c.params["minlength"] = str(int(r.integers(0, 20)) if r.random() > 0.03 else -1)
        return
    dtype = DT[int(r.integers(1, len(DT)))]
    first = len(g.bases)
    c.params["x0"] = g.view(g.shape(), dtype, "small" if dtype.kind == "i" else "any")
    with_ties(g, first)
    if op == "digitize":
        bins = np.sort(g.values((int(r.integers(0, 12)),), dtype, "exact" if dtype.kind == "f" else "small"))
        order = r.random()
        if order < 0.3:
            bins = bins[::-1].copy()
        elif order < 0.33 and bins.size > 2:
            r.shuffle(bins)
        g.bases.append(bins)
        c.params["x1"] = f"b{len(g.bases) - 1}"
        if r.random() < 0.5:
            c.params["right"] = "1"
        return
    vdtype = dtype if r.random() < 0.6 else DT[int(r.integers(1, len(DT)))]
    first = len(g.bases)
    c.params["x1"] = g.view(g.shape(int(r.choice([0, 1, 1, 2]))), vdtype, "small" if vdtype.kind == "i" else "any")
    src = g.bases[0].reshape(-1)
    for b in g.bases[first:]:
        if b.size and src.size and r.random() < 0.6:
            flat = b.reshape(-1)
            flat[: max(1, flat.size // 2)] = src[r.integers(0, src.size, max(1, flat.size // 2))].astype(b.dtype)
    with_ties(g, first)


def searchsorted_case(g, op):
    r = g.r
    c = g.case
    dtype = DT[int(r.integers(0, len(DT)))]
    n = int(r.integers(0, 30)) if r.random() < 0.9 else int(r.integers(300, 2000))
    form = str(r.choice(["plain", "plain", "reversed", "strided"]))
    vals = g.values((n * 2 if form == "strided" else n,), dtype, "small" if dtype.kind == "i" else "any")
    g.bases.append(vals)
    with_ties(g, len(g.bases) - 1)
    srt = np.sort(g.bases[-1])
    g.bases[-1] = np.ascontiguousarray(srt[::-1]) if form == "reversed" else srt
    k = len(g.bases) - 1
    c.params["x0"] = f"b{k}" + {"plain": "", "reversed": "/S::-1", "strided": "/S::2"}[form]
    if r.random() < 0.02:
        c.params["x0"] = g.view((2, 2), dtype)  # not 1-d
    if r.random() < 0.3:
        c.params["x1"] = g.scalar(str(r.choice(["i", "f", "t"])))
    else:
        vdtype = dtype if r.random() < 0.6 else DT[int(r.integers(0, len(DT)))]
        first = len(g.bases)
        c.params["x1"] = g.view(g.shape(int(r.choice([0, 1, 1, 2, 3]))), vdtype)
        with_ties(g, first)
        for b in g.bases[first:]:  # values equal to elements of the sorted array
            if srt.size and b.size and r.random() < 0.5:
                flat = b.reshape(-1)
                picks = r.integers(0, srt.size, flat.size)
                take = r.random(flat.size) < 0.5
                flat[take] = srt[picks[take]].astype(b.dtype)
    roll = r.random()
    if roll < 0.35:
        c.params["side"] = "left"
    elif roll < 0.7:
        c.params["side"] = "right"
    elif roll < 0.73:
        c.params["side"] = "middle"  # NumPy's ValueError


# ---- linear algebra ------------------------------------------------------------------------

LINALG_FLOATS = (np.dtype(np.float32), np.dtype(np.float64))


def linalg_dtypes(g):
    """Operand dtypes of a product: mostly one float type (the BLAS path), sometimes
    mixed (promoted first) or integers (nd's own kernel)."""
    r = g.r
    roll = r.random()
    if roll < 0.7:
        d = LINALG_FLOATS[int(r.integers(0, 2))]
        return d, d
    if roll < 0.9:
        return DT[int(r.integers(0, len(DT)))], LINALG_FLOATS[int(r.integers(0, 2))]
    d = DT[int(r.integers(0, len(DT)))]
    return d, d


def product_shapes(g, op):
    """Shapes of a and b for matmul or dot: 1-d promotion, batches that broadcast
    (matmul), N-d contraction (dot), empty extents, and inner extents long enough for
    BLAS's blocking to reorder the sums."""
    r = g.r
    n, m = (int(v) for v in r.integers(0, 7, 2))
    k = int(r.choice([0, 1, 2, 3, 5, 8, 17, 40]))
    forms = [((n, k), (k, m)), ((k,), (k,)), ((n, k), (k,)), ((k,), (k, m))]
    if op == "matmul":
        b1, b2 = (int(v) for v in r.integers(1, 4, 2))
        forms += [((b1, n, k), (k, m)), ((b1, n, k), (b1, k, m)), ((b1, 1, n, k), (b2, k, m)),
                  ((k,), (b1, k, m)), ((b1, n, k), (k,)), ((1, n, k), (b2, 1, k, m))]
    else:
        b1 = int(r.integers(1, 4))
        forms += [((b1, n, k), (k, m)), ((b1, n, k), (b1, k, m)), ((b1, n, k), (k,)), ((n, k), (b1, k, m))]
    sa, sb = forms[int(r.integers(0, len(forms)))]
    if r.random() < 0.04 and sb:  # a core or batch mismatch
        sb = (sb[0] + 1,) + sb[1:]
    return sa, sb


def product_out(g, op, shape, dtype):
    """An `out` for a result of `shape` and `dtype`: usually right; for matmul sometimes
    of a 'same_kind' type or with an extra leading axis the result broadcasts into; now
    and then wrong (NumPy's errors)."""
    r = g.r
    if op == "matmul" and r.random() < 0.2:
        dtype = LINALG_FLOATS[int(r.integers(0, 2))] if dtype.kind == "f" else DT[int(r.integers(0, len(DT)))]
    if op == "matmul" and r.random() < 0.15:
        shape = (int(r.integers(1, 3)),) + tuple(shape)
    if r.random() < 0.04 and shape:
        shape = tuple(shape[:-1]) + (shape[-1] + 1,)
    return g.view(shape, dtype, "any", writeable=True)


def linalg_product_case(g, op):
    c = g.case
    da, db = linalg_dtypes(g)
    sa, sb = product_shapes(g, op)
    c.params["x0"] = g.view(sa, da)
    c.params["x1"] = g.view(sb, db)
    if g.r.random() < 0.3:
        try:
            res = np.asarray(g.numpy_result())
        except Exception:
            return
        if g.r.random() < 0.2 and sa == res.shape and da == res.dtype and "/B" not in c.params["x0"]:
            c.params["out"] = c.params["x0"]  # out is an operand
        else:
            c.params["out"] = product_out(g, op, res.shape, res.dtype)
        # NumPy 1.24's matmul writes wrongly through an `out` with a negative stride (a
        # reversed (3, 1) out even corrupts its heap): such outs are not drawn.
        out = build_operand(c.params["out"], g.bases)
        if op == "matmul" and any(st < 0 for st in out.strides):
            c.params["out"] = f"b{g.add_base(g.values(out.shape, out.dtype))}"


DECOMPOSITION_PARTS = {"qr": ("Q", "R"), "eigh": ("eigenvalues", "eigenvectors"), "svd": ("U", "S", "Vh"),
                       "lstsq": ("x", "residuals", "rank", "s")}


def linalg_matrix(g, shape, dtype, fill):
    """An operand spec of `shape` whose elements are `fill` (an array of that shape),
    reached through a view drawn as any other (strided, reversed, transposed)."""
    spec = g.view(shape, dtype, "small")
    v = build_operand(spec, g.bases)
    if not v.flags.writeable:  # a broadcast view: a plain base instead
        spec = f"b{g.add_base(np.zeros(shape, dtype))}"
        v = build_operand(spec, g.bases)
    v[...] = fill.astype(dtype) if dtype != np.bool_ else fill != 0
    return spec


def decomposition_values(g, op, shape, dtype):
    """Values the op is defined and well conditioned on: symmetric positive definite
    (cholesky, eigh), diagonally dominant (solve, inv, det), any (qr, svd, lstsq); now
    and then all zeros (singular: NumPy's errors)."""
    r = g.r
    n = shape[-1]
    integral = dtype.kind in "ib"
    if r.random() < 0.05:
        return np.zeros(shape)
    x = r.integers(-3, 4, shape).astype(np.float64) if integral else r.uniform(-1, 1, shape)
    if op in ("cholesky", "eigh"):
        x = x @ np.swapaxes(x, -1, -2) + n * np.eye(n)
    elif op in ("solve", "inv", "det") and dtype != np.bool_:
        x = x + (4 if integral else 2) * n * np.eye(n)
    return x


def linalg_decomposition_case(g, op):
    r = g.r
    c = g.case
    dtype = [np.dtype(np.float64), np.dtype(np.float32)][int(r.integers(0, 2))] if r.random() < 0.8 else \
        DT[int(r.integers(0, 3))]
    batch = tuple(int(v) for v in r.integers(1, 4, int(r.choice([0, 0, 1, 2]))))
    n = int(r.choice([0, 1, 2, 3, 4, 6])) if op != "lstsq" else int(r.integers(1, 6))
    if op in ("qr", "svd"):
        shape = batch + (int(r.integers(0, 6)), n)
    elif op == "lstsq":
        shape = (int(r.integers(1, 8)), n)
    else:
        shape = batch + (n, n)
    c.params["x0"] = linalg_matrix(g, shape, dtype, decomposition_values(g, op, shape, dtype))
    if op in DECOMPOSITION_PARTS:
        c.params["part"] = str(r.choice(DECOMPOSITION_PARTS[op]))
    if op == "svd" and r.random() < 0.5:
        c.params["full"] = "0"
    if op in ("solve", "lstsq"):
        rows = shape[-2] if op == "lstsq" else n
        bb = tuple(1 if r.random() < 0.3 else d for d in batch)
        vector = r.random() < 0.4
        bshape = (bb + (rows,)) if vector else (bb + (rows, int(r.integers(1, 4))))
        if op == "lstsq":
            bshape = bshape[-1:] if vector else bshape[-2:]
        if r.random() < 0.04:
            bshape = bshape[:-1 if vector else -2] + (rows + 1,) + (() if vector else bshape[-1:])
        bd = dtype if r.random() < 0.8 else DT[int(r.integers(0, len(DT)))]
        c.params["x1"] = linalg_matrix(g, bshape, bd, r.uniform(-2, 2, bshape) if bd.kind == "f" else
                                       r.integers(-3, 4, bshape).astype(np.float64))


LINALG_OPS = [(linalg_product_case, "matmul"), (linalg_product_case, "dot")]
LINALG_OPS += [(linalg_decomposition_case, op) for op in ("solve", "inv", "det", "cholesky", "qr", "eigh",
                                                           "svd", "lstsq")]

FAMILIES = [
    (0.40, [(ufunc_case, op) for op in list(reference.BINARY) + list(reference.TERNARY)]),
    (0.14, [(ufunc_case, op) for op in reference.UNARY]),
    (0.16, [(ufunc_case, op) for op in list(reference.MORE_UNARY) + list(reference.MORE_BINARY)] +
     [(close_case, op) for op in reference.CLOSE] * 2),
    (0.26, [(reduction_case, op) for op in reference.REDUCTIONS]),
    (0.10, [(indexing_case, "getitem")] * 4 + [(indexing_case, "take")]),
    (0.08, [(setitem_case, "setitem")] * 5 + [(ufunc_at_case, op) for op in reference.UFUNC_AT]),
    (0.07, [(shape_case, op) for op in ("reshape", "transpose", "ravel", "flatten", "astype",
                                          "concatenate", "stack", "matmul", "dot")]),
    (0.03, [(range_case, "arange"), (range_case, "linspace")]),
    (0.05, [(scan_case, op) for op in ("cumsum", "cumprod", "cummax", "cummin")] + [(diff_case, "diff")]),
    (0.05, [(sort_case, op) for op in ("sort", "sort", "argsort", "argsort", "unique", "unique_counts")] +
     [(searchsorted_case, "searchsorted")] * 2),
    (0.02, [(nonzero_case, op) for op in ("nonzero", "flatnonzero", "argwhere")]),
    (0.02, [(counting_case, op) for op in ("bincount", "digitize", "isin")]),
    (0.10, LINALG_OPS),
    (0.08, gen_shapes.FAMILY),
    (0.06, stats_cases.FAMILY),
]
# Every 50th case is a fused one, drawn apart from FAMILIES so that the other cases of a
# seed stay what they were.
FUSED_FAMILY = [(ufunc_case, op) for op in reference.FUSED]


def generate(seed, cid):
    """(case, bases) for case `cid` of run `seed`."""
    for attempt in range(100):
        g = Generator(seed, cid * 1000 + attempt)
        g.case.id = cid
        weights = np.array([w for w, _ in FAMILIES])
        fam = FAMILIES[int(g.r.choice(len(FAMILIES), p=weights / weights.sum()))][1]
        if cid % 50 == 49:
            fam = FUSED_FAMILY
        fn, op = fam[int(g.r.integers(0, len(fam)))]
        g.case.op = op
        try:
            fn(g, op)
            g.finish()
        except Unsupported:
            continue
        return g.case, g.bases
    raise RuntimeError(f"could not draw case {cid} of seed {seed}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--only", help="only this case id (to reproduce one case)", type=int)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    ids = [args.only] if args.only is not None else range(args.count)
    with open(os.path.join(args.out, "cases.txt"), "w") as f:
        f.write(f"# seed={args.seed} count={args.count}\n")
        for cid in ids:
            case, bases = generate(args.seed, cid)
            for k, b in enumerate(bases):
                np.save(base_path(args.out, cid, k), b)
            f.write(case.line() + "\n")


if __name__ == "__main__":
    main()
