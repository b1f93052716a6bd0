#!/usr/bin/env python3
"""NumPy's side of test/npy.

  numpy_npy_files.py write DIR   writes .npy files with NumPy and DIR/manifest.txt
  numpy_npy_files.py check DIR   loads the files listed in DIR/manifest.txt (written by
                                 nd) with NumPy, checks their values and that their
                                 bytes are np.save's

manifest.txt has one line per file: "name dtype ndim extent...". Element i (in C
order) of every array is pattern(dtype, i), the same formula as npy_numpy_test.cpp.
"""
import io
import sys
from pathlib import Path

import numpy as np

DTYPES = {"bool": np.bool_, "int32": np.int32, "int64": np.int64, "float32": np.float32, "float64": np.float64}
SHAPES = [(), (0,), (5,), (2, 3), (2, 3, 4), (0, 3), (3, 1, 2, 2)]
VERSIONS = [(1, 0), (2, 0), (3, 0)]


def pattern(dtype, shape):
    i = np.arange(int(np.prod(shape)), dtype=np.int64)
    if dtype == "bool":
        values = i % 3 == 0
    elif dtype == "int64":
        values = i * 3000000007 - 5
    elif dtype == "int32":
        values = i * 7 - 20
    else:
        values = i * 0.25 - 3
    return values.astype(DTYPES[dtype]).reshape(shape)


def write(directory):
    directory.mkdir(parents=True, exist_ok=True)
    lines = []
    for dtype in DTYPES:
        for byte_order in ("<", ">"):
            for fortran in (False, True):
                for version in VERSIONS:
                    for k, shape in enumerate(SHAPES):
                        a = pattern(dtype, shape).astype(np.dtype(DTYPES[dtype]).newbyteorder(byte_order))
                        if fortran and a.ndim > 0:  # asfortranarray makes 0-d arrays 1-d
                            a = np.asfortranarray(a)
                        name = f"{dtype}_{'be' if byte_order == '>' else 'le'}_{'F' if fortran else 'C'}_v{version[0]}_{k}.npy"
                        with open(directory / name, "wb") as f:
                            np.lib.format.write_array(f, a, version=version)
                        lines.append(" ".join([name, dtype, str(len(shape))] + [str(d) for d in shape]))
    (directory / "manifest.txt").write_text("\n".join(lines) + "\n")
    return 0


def check(directory):
    failures = []
    lines = (directory / "manifest.txt").read_text().split("\n")
    for line in filter(None, lines):
        name, dtype, ndim, *extents = line.split()
        shape = tuple(int(d) for d in extents)
        path = directory / name
        loaded = np.load(path)
        expected = pattern(dtype, shape)
        if loaded.dtype != expected.dtype or loaded.shape != shape or not np.array_equal(loaded, expected):
            failures.append(f"{name}: NumPy loads {loaded.dtype} {loaded.shape} {loaded.ravel()[:8]}, "
                            f"expected {expected.dtype} {shape}")
            continue
        reference = io.BytesIO()
        np.save(reference, expected)
        if path.read_bytes() != reference.getvalue():
            failures.append(f"{name}: bytes differ from np.save's")
    for failure in failures:
        print(failure, file=sys.stderr)
    print(f"{len([l for l in lines if l]) - len(failures)} files check out")
    return 1 if failures else 0


if __name__ == "__main__":
    mode, directory = sys.argv[1], Path(sys.argv[2])
    sys.exit(write(directory) if mode == "write" else check(directory))
