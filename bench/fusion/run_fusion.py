#!/usr/bin/env python3
"""Runs bench/fusion's cases for nd (eager and fused), Eigen and xtensor (the C++
binary) and for NumPy and numexpr (here), in one run, and prints one table of ratios.

Every case writes into an existing buffer (NumPy's out=, numexpr's out=, xtensor's
noalias), except the column norms (a new result of 1000 values). Times are the minimum
of 7 runs after a warm-up. Ratios are over nd fused on all threads: above 1, nd fused
is faster. The copy ceiling is nd::copyto of 10M doubles (one read, one write), the read
ceiling nd::sum(m, 0) of the 20000x1000 matrix (one read), both from the same run."""
import argparse
import json
import subprocess
import sys
import time

N, ROWS, COLS = 10_000_000, 20000, 1000


def best(f):
    f()
    t = 1e300
    for _ in range(7):
        t0 = time.perf_counter()
        f()
        t = min(t, time.perf_counter() - t0)
    return t * 1e3


def python_peers(threads):
    import numpy as np
    rng = np.random.default_rng(42)
    x, y = rng.random(N), np.empty(N)
    m, out = rng.random((ROWS, COLS)), np.empty((ROWS, COLS))
    t1, t2 = np.empty(N), np.empty(N)
    res = []

    def np_chain():
        np.multiply(2.5, x, out=y)
        np.add(y, 1.2, out=y)

    def np_cubic():
        np.multiply(x, x, out=t1)
        np.multiply(t1, x, out=t2)
        np.multiply(t2, 0.5, out=y)
        np.multiply(t1, 1.5, out=t1)
        np.subtract(y, t1, out=y)
        np.multiply(x, 2.0, out=t1)
        np.add(y, t1, out=y)
        np.add(y, 0.7, out=y)

    def np_stencil():
        v = y[1:-1]
        np.multiply(x[1:-1], 2.0, out=v)
        np.subtract(x[:-2], v, out=v)
        np.add(v, x[2:], out=v)

    def np_normalise():
        np.subtract(m, m.mean(axis=0), out=out)
        np.divide(out, m.std(axis=0), out=out)

    def np_where():
        np.where(x > 0.5, 2.0 * x, x * x - 1.0)  # NumPy's where has no out=
    cases = [("2.5*x + 1.2", np_chain), ("cubic", np_cubic), ("stencil into a view", np_stencil),
             ("column norms", lambda: np.sqrt((m * m).sum(axis=0))), ("normalise columns", np_normalise),
             ("masked where", np_where)]
    for name, f in cases:
        res.append({"case": name, "impl": "NumPy", "ms": best(f)})
    try:
        import numexpr as ne
    except ImportError:
        return res
    ne.set_num_threads(threads)
    l, c, r, v = x[:-2], x[1:-1], x[2:], y[1:-1]
    ne_cases = [
        ("2.5*x + 1.2", lambda: ne.evaluate("2.5*x + 1.2", local_dict={"x": x}, out=y)),
        ("cubic", lambda: ne.evaluate("0.5*x*x*x - 1.5*x*x + 2.0*x + 0.7", local_dict={"x": x}, out=y)),
        ("stencil into a view", lambda: ne.evaluate("l - 2.0*c + r", local_dict={"l": l, "c": c, "r": r}, out=v)),
        ("column norms", lambda: np.sqrt(ne.evaluate("sum(m*m, axis=0)", local_dict={"m": m}))),
        ("normalise columns",
         lambda: ne.evaluate("(m - mu) / sd", local_dict={"m": m, "mu": m.mean(axis=0), "sd": m.std(axis=0)},
                             out=out)),
        ("masked where", lambda: ne.evaluate("where(x > 0.5, 2.0*x, x*x - 1.0)", local_dict={"x": x}, out=y)),
    ]
    for name, f in ne_cases:
        res.append({"case": name, "impl": "numexpr %dt" % threads, "ms": best(f)})
    return res


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--nd-bench", required=True)
    p.add_argument("--python", default=sys.executable)
    p.add_argument("--threads", type=int, default=0, help="numexpr's threads (default: nd's)")
    p.add_argument("--json", help="also write the measurements here")
    a = p.parse_args()
    out = subprocess.run([a.nd_bench], check=True, capture_output=True, text=True).stdout
    rows = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    threads = a.threads
    if not threads:
        import os
        threads = len(os.sched_getaffinity(0))
    rows += python_peers(threads)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(rows, f, indent=1)
    t = {(r["case"], r["impl"]): r["ms"] for r in rows}
    impls = []
    for r in rows:
        if r["impl"] not in impls and r["case"] not in ("copy", "read matrix: sum(m, 0)"):
            impls.append(r["impl"])
    print("ceilings: copy of 10M doubles %.2f ms (1 thread %.2f); nd::sum(m, 0) of %dx%d %.2f ms (1 thread %.2f)"
          % (t[("copy", "nd")], t[("copy", "nd 1t")], ROWS, COLS, t[("read matrix: sum(m, 0)", "nd")],
             t[("read matrix: sum(m, 0)", "nd 1t")]))
    print("| case | nd fused ms | ceiling/fused | " + " | ".join(i + " / fused" for i in impls if i != "nd fused") + " |")
    print("|---" * (3 + len(impls) - 1) + "|")
    for case in dict.fromkeys(r["case"] for r in rows):
        if (case, "nd fused") not in t:
            continue
        f = t[(case, "nd fused")]
        ceil = t[("read matrix: sum(m, 0)", "nd")] if case == "column norms" else t[("copy", "nd")]
        cells = ["%.2f" % (t[(case, i)] / f) if (case, i) in t else "-" for i in impls if i != "nd fused"]
        print("| %s | %.2f | %.2f | %s |" % (case, f, ceil / f, " | ".join(cells)))


if __name__ == "__main__":
    main()
