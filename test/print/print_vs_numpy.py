#!/usr/bin/env python3
"""Compares nd's printing with NumPy's repr.

Usage: print_vs_numpy.py PRINTER WORKDIR

Generates a few thousand arrays with NumPy (every element type, 0-d to 4-d, empty,
summarised, wrapped, floats of every magnitude, nan/inf/-0.), saves each as .npy in
WORKDIR, runs PRINTER (nd_print_npy) on the files and compares its output with
repr() of each array. Exits 1 and shows the first differences if any array prints
differently.
"""
import subprocess
import sys
from pathlib import Path

import numpy as np

RECORD_SEPARATOR = "\n\x1e\n"


def float_cases(rng, dtype):
    """Floats: magnitudes from 1e-320 to 1e300, mixed scales, specials, round numbers."""
    cases = []
    for exponent in range(-12, 20, 1):
        for size in (1, 2, 5, 13):
            cases.append(rng.normal(size=size) * 10.0 ** exponent)
    for _ in range(80):
        size = int(rng.integers(1, 12))
        scales = 10.0 ** rng.integers(-6, 12, size=size)
        cases.append(rng.normal(size=size) * scales)
    for _ in range(40):  # short decimals: exercise padding and trimming
        size = int(rng.integers(1, 10))
        cases.append(np.round(rng.normal(size=size) * 100, int(rng.integers(0, 5))))
    for _ in range(40):  # whole numbers, sometimes negative
        cases.append(rng.integers(-1000, 1000, size=int(rng.integers(1, 9))).astype(float))
    specials = [
        [0.0], [-0.0], [0.0, -0.0], [1.0, -0.0], [np.nan], [np.inf], [-np.inf],
        [np.nan, 1.0], [np.nan, 1.5], [1.0, np.inf, -np.inf], [np.nan, -np.inf],
        [1e-5, np.nan], [1e10, np.inf], [0.1, 0.2, 0.3], [1 / 3, 2 / 3],
        [0.123456789012], [123456.123456789], [1e8], [99999999.0], [1e16], [1e-4],
        [9.9999e-5], [1.5e10, 1.0], [1e-300, 1.0], [1e300, 1e-300], [5e-324],
        [2.0 ** -9], [0.001953125, 1.0], [1e22], [1.0, 1000.0], [1.0, 1000.1],
        [0.5, 2.5, 1e-4], [1.0, 2.0, 3.0], [100.0, 1e-3], [12345678.9],
        [0.1 + 0.2], [1e-5, 1e-6], [-1e-5, 1.0], [3.14159265358979, -2.718281828],
        [1.0000000001], [0.999999999], [9.999999999e5, 1e-2], [2.5e-9, 1.0],
        [np.finfo(np.float64).max if dtype == np.float64 else float(np.finfo(np.float32).max)],
        [np.finfo(np.float64).tiny if dtype == np.float64 else float(np.finfo(np.float32).tiny)],
    ]
    cases.extend(np.array(s) for s in specials)
    with np.errstate(over="ignore"):
        return [np.asarray(c).astype(dtype) for c in cases]


def int_cases(rng, dtype):
    info = np.iinfo(dtype)
    cases = [np.array(v, dtype=dtype) for v in ([0], [-1], [info.min], [info.max], [info.min, info.max],
                                                [1, 2, 3], [-5, 10, 100, -1000])]
    for _ in range(60):
        size = int(rng.integers(1, 30))
        bound = int(10 ** rng.integers(1, 9 if dtype == np.int32 else 18))
        cases.append(rng.integers(-bound, bound, size=size).astype(dtype))
    return cases


def shaped(rng, flat_cases):
    """Reshapes some cases to 2-d, 3-d and 4-d arrays."""
    out = []
    for values in flat_cases:
        n = values.size
        for shape in ((n, 1), (1, n), (2, n // 2), (2, 2, n // 4), (1, 2, 1, n // 2)):
            if np.prod(shape) == n and n > 0 and all(d > 0 for d in shape):
                out.append(values.reshape(shape))
    return out


def layout_cases(rng):
    """Wrapping, summarisation, empties, 0-d."""
    cases = []
    for dtype in (np.float64, np.float32, np.int32, np.int64, np.bool_):
        cast = lambda a: a.astype(dtype)
        cases += [
            np.zeros((0,), dtype=dtype), np.zeros((0, 3), dtype=dtype), np.zeros((2, 0), dtype=dtype),
            np.zeros((0, 0, 0), dtype=dtype), np.zeros((3, 0, 2), dtype=dtype),
            cast(np.array(5)), cast(np.array(0)), cast(np.array(-7)), cast(np.array(1)),
            cast(np.arange(30)), cast(np.arange(100) - 50), cast(np.arange(1001)), cast(np.arange(2000) * 3 - 7),
            cast(np.arange(3000).reshape(3, 1000)), cast(np.arange(10000).reshape(100, 100)),
            cast(np.arange(1100).reshape(10, 10, 11)), cast(np.arange(1001 * 2).reshape(2, 7, 11, 13)),
            cast(np.arange(7 * 7 * 7 * 7).reshape(7, 7, 7, 7)), cast(np.arange(24).reshape(2, 3, 4)),
            cast(np.arange(120).reshape(2, 3, 4, 5)), cast(np.arange(1000)), cast(np.arange(6).reshape(6, 1, 1)),
            cast(rng.integers(0, 2, size=(4, 30))), cast(rng.integers(-3, 9, size=(3, 40))),
            cast(rng.integers(0, 2, size=1500)),
        ]
    for width in (10, 20, 24, 25, 26, 40, 73, 74, 75, 76, 100):
        cases.append(rng.normal(size=width))
        cases.append(rng.normal(size=(2, width)).astype(np.float32))
        cases.append(rng.integers(-10 ** 9, 10 ** 9, size=width).astype(np.int32))
        cases.append(rng.integers(-10 ** 15, 10 ** 15, size=width))
    for n in (60, 61, 62, 63, 64, 65, 66, 67, 68, 70):  # the dtype suffix moving to its own line
        cases.append(np.arange(n, dtype=np.int32) * 7)
        cases.append(np.arange(n, dtype=np.float32) / 4)
    cases.append(rng.normal(size=2000) * 1e-7)
    cases.append(np.where(rng.random(1200) < 0.1, np.nan, rng.normal(size=1200)))
    return cases


def all_cases():
    rng = np.random.default_rng(20240601)
    cases = []
    for dtype in (np.float64, np.float32):
        flat = float_cases(rng, dtype)
        cases += flat + shaped(rng, flat)
    for dtype in (np.int32, np.int64):
        flat = int_cases(rng, dtype)
        cases += flat + shaped(rng, flat)
    cases += [rng.random(n) < 0.5 for n in (1, 2, 5, 30, 80)]
    cases += [np.array(True), np.array(False), (rng.random((3, 4)) < 0.5)]
    cases += layout_cases(rng)
    cases += [np.array(c.ravel()[0]) for c in cases if c.size > 0 and c.ndim == 1][:300]  # 0-d of many values
    return cases


def main():
    printer, workdir = sys.argv[1], Path(sys.argv[2])
    workdir.mkdir(parents=True, exist_ok=True)
    cases = all_cases()
    paths = []
    for k, case in enumerate(cases):
        path = workdir / f"case{k:05d}.npy"
        np.save(path, case)
        paths.append(str(path))
    printed = []
    batch = 500  # keep command lines short
    for first in range(0, len(paths), batch):
        run = subprocess.run([printer] + paths[first:first + batch], capture_output=True, text=True)
        if run.returncode != 0:
            print(f"{printer} failed: {run.stderr}", file=sys.stderr)
            return 1
        printed += run.stdout.split(RECORD_SEPARATOR)[:-1]
    if len(printed) != len(cases):
        print(f"expected {len(cases)} records from {printer}, got {len(printed)}", file=sys.stderr)
        return 1
    failures = [(p, repr(c), got) for p, c, got in zip(paths, cases, printed) if repr(c) != got]
    for path, want, got in failures[:15]:
        print(f"--- {path}\nNumPy:\n{want}\nnd:\n{got}\n", file=sys.stderr)
    print(f"{len(cases) - len(failures)} of {len(cases)} arrays print exactly as NumPy's repr")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
