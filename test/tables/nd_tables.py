"""Reads nd's function tables (runtime/include/nd/ufuncs.def and functions.def), for
the checks of this directory, the differential suite's tolerances and the docs."""

import os
import re

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
INCLUDE = os.path.join(ROOT, "runtime", "include", "nd")

UFUNC_COLUMNS = ("name", "numpy", "arity", "family", "result", "accepts", "ulp32", "ulp64", "api",
                 "commutative", "op", "c_names")
FUNCTION_COLUMNS = ("name", "kind", "result", "out")


def _rows(path, macro, columns):
    rows = []
    with open(path) as f:
        for line in f:
            m = re.match(rf"^{macro}\((.*)\)\s*$", line)
            if not m:
                continue
            cells = [c.strip() for c in m.group(1).split(",")]
            if len(cells) != len(columns):
                raise ValueError(f"{path}: {len(cells)} columns, expected {len(columns)}: {line.strip()}")
            row = {}
            for col, cell in zip(columns, cells):
                row[col] = cell[1:-1] if cell.startswith('"') else cell
            rows.append(row)
    return rows


def ufuncs():
    rows = _rows(os.path.join(INCLUDE, "ufuncs.def"), "ND_UFUNC", UFUNC_COLUMNS)
    for r in rows:
        r["arity"], r["ulp32"], r["ulp64"] = int(r["arity"]), int(r["ulp32"]), int(r["ulp64"])
    return rows


def functions():
    return _rows(os.path.join(INCLUDE, "functions.def"), "ND_FUNCTION", FUNCTION_COLUMNS)


def ulp_bounds():
    """{(name, "float32"|"float64"): ULP} for the ufuncs compared within a ULP bound;
    the others (0 in the table) must match NumPy bit for bit."""
    out = {}
    for r in ufuncs():
        for dt, col in (("float32", "ulp32"), ("float64", "ulp64")):
            if r[col] > 0:
                out[(r["name"], dt)] = r[col]
    return out
