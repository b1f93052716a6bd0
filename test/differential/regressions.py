"""Fixed differential cases: mismatches that random seeds once found, kept as they were
drawn (the generator changes, and would not draw them again). run_differential.py runs
them after the random cases of every run, with ids from FIRST_ID on.

Each entry: the seed and case that found it, the op, the case's parameters (without
`bases`, which the base arrays give) and the base arrays."""

import numpy as np

from cases import CODES, Case

FIRST_ID = 1_000_000

CASES = [
    # NumPy's a[..., i] with a 0-d index array is a 0-d array, so *= is in place and
    # refuses the float64 result for an int64 target; nd took it for the scalar a[i].
    (4242, 543, "setitem", "x0=b0 x1=b1 idx=e;A1 x2=b2 value=2 mode=mul",
     [np.array([2, -6], np.int64), np.array(1, np.int64), np.array(-4.0)]),
    (4242, 6166, "setitem", "x0=b0/S0:2:1,e x1=b1 idx=e;A1 x2=b2 value=2 mode=add",
     [np.array([-8, 1, 6], np.int32), np.array(0, np.int32), np.array(1.0)]),
    # One integer per axis is an element (NumPy's a[2], nd's a(2)), which takes no
    # array; the driver wrote it as the 0-d view a(2, nd::ellipsis), NumPy's a[2, ...].
    (4242, 2056, "setitem", "x0=b0 idx=i2 x1=b1/S1::-1 value=1 mode=set",
     [np.array([False, True, True, True]), np.array([False, False])]),
]


def generate(cid):
    """(case, bases) of regression case `cid` (FIRST_ID + its position in CASES)."""
    _, _, op, params, bases = CASES[cid - FIRST_ID]
    bases = [np.array(b, order="C") for b in bases]
    case = Case(cid, op, {"bases": ",".join(CODES[b.dtype] for b in bases)})
    for p in params.split():
        k, _, v = p.partition("=")
        case.params[k] = v
    return case, bases


def ids():
    return range(FIRST_ID, FIRST_ID + len(CASES))
