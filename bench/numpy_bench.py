#!/usr/bin/env python3
"""NumPy's side of the benchmark table: the cases of nd_bench.cpp, same names, same
sizes. Prints one JSON object: {case: {"median_ms": ..., "peak_rss_mb": ...}}.

Each case runs in a fresh child process so that its peak memory can be read from
ru_maxrss; timing is the median (and the minimum) of repeated runs after one warm-up."""
import argparse
import json
import resource
import subprocess
import sys
import time

import numpy as np

NORM = (50000, 1000)
CHAINED = 10_000_000
GATHER = 10000
RED = (5000, 2000)
STRIDED = 20_000_000
MASK = 10_000_000
STENCIL = 10_000_000
SORT_SMALL, SORT_LARGE = 1_000_000, 10_000_000
CUMSUM = 10_000_000
SMALL = 1000
SMALL_2D = (40, 25)
MATMUL = {"matmul_256_f64": 256, "matmul_1024_f64": 1024, "matmul_2048_f64": 2048}
TRANSCENDENTAL_SIZE = 10_000_000
TRANSCENDENTAL = {f"{fn.__name__}_10m_{tag}": (fn, dtype) for fn in (np.tanh, np.exp, np.log)
                  for tag, dtype in (("f64", np.float64), ("f32", np.float32))}


def uniform(shape, dtype=np.float64, seed=42):
    return np.random.default_rng(seed).random(shape).astype(dtype)


def case_setup(name):
    """Returns a zero-argument callable that runs the case once."""
    f32 = name.endswith("_f32")
    dt = np.float32 if f32 else np.float64
    if name == "colnorm_f64":
        m = uniform(NORM)
        return lambda: (m - np.mean(m, axis=0)) / np.std(m, axis=0)
    if name.startswith("chained_"):
        x = uniform(CHAINED, dt)
        return lambda: 2.5 * x + 1.2
    if name.startswith("out_"):
        x = uniform(CHAINED, dt)
        y = np.empty_like(x)

        def run():
            np.multiply(x, 2.5, out=y)
            np.add(y, 1.2, out=y)
            return y
        return run
    if name == "gather_f64":
        m = uniform((GATHER, GATHER))

        def run():
            rows = np.arange(0, m.shape[0], 2)
            cols = np.arange(0, m.shape[1], 2)
            return m[rows[:, None], cols]
        return run
    if name == "slice_view_f64":
        m = uniform((GATHER, GATHER))
        return lambda: m[::2, ::2]
    if name == "slice_copy_f64":
        m = uniform((GATHER, GATHER))
        return lambda: m[::2, ::2].copy()
    for op, fn in (("sum", np.sum), ("mean", np.mean), ("std", np.std)):
        for axis in (0, 1):
            if name == f"{op}_axis{axis}_f64":
                m = uniform(RED)
                return lambda fn=fn, axis=axis: fn(m, axis=axis)
    if name == "mean_std_axis0_f64":
        m = uniform(RED)
        return lambda: (np.mean(m, axis=0), np.std(m, axis=0))
    if name.startswith("broadcast_row_"):
        m, v = uniform(RED, dt), uniform(RED[1], dt, seed=7)
        return lambda: m + v
    if name.startswith("broadcast_col_"):
        m, v = uniform(RED, dt), uniform((RED[0], 1), dt, seed=7)
        return lambda: m + v
    if name.startswith("strided_ufunc_"):
        x = uniform(STRIDED, dt)
        return lambda: x[::2] * 2.0
    if name == "mask_select_f64":
        x = uniform(MASK)
        return lambda: x[x > 0.5]
    if name == "stencil_f64":
        u = uniform(STENCIL)
        return lambda: u[:-2] - 2 * u[1:-1] + u[2:]
    if name == "small_chained_f64":
        x = uniform(SMALL)
        return lambda: 2.5 * x + 1.2
    if name == "small_sum_f64":
        x = uniform(SMALL)
        return lambda: np.sum(x)
    if name == "small_std_axis0_f64":
        m = uniform(SMALL_2D)
        return lambda: np.std(m, axis=0)
    if name in ("sort_1m_f64", "sort_10m_f64"):
        x = uniform(SORT_SMALL if name == "sort_1m_f64" else SORT_LARGE)
        return lambda: np.sort(x)
    if name == "cumsum_10m_f64":
        x = uniform(CUMSUM)
        return lambda: np.cumsum(x)
    if name in TRANSCENDENTAL:
        fn, dtype = TRANSCENDENTAL[name]
        x = uniform(TRANSCENDENTAL_SIZE, dtype)
        if fn is np.log:
            x = x + dtype(0.5)
        return lambda: fn(x)
    if name in MATMUL:
        n = MATMUL[name]
        a, b = uniform((n, n), seed=1), uniform((n, n), seed=2)
        return lambda: a @ b
    raise SystemExit(f"numpy_bench: unknown case {name}")


CASES = [
    "colnorm_f64", "chained_f64", "chained_f32", "out_f64", "out_f32", "gather_f64",
    "slice_view_f64", "slice_copy_f64", "sum_axis0_f64", "sum_axis1_f64",
    "mean_axis0_f64", "mean_axis1_f64", "std_axis0_f64", "std_axis1_f64", "mean_std_axis0_f64",
    "broadcast_row_f64", "broadcast_col_f64", "broadcast_row_f32", "broadcast_col_f32",
    "strided_ufunc_f64", "strided_ufunc_f32", "mask_select_f64", "stencil_f64",
    "small_chained_f64", "small_sum_f64", "small_std_axis0_f64",
    "sort_1m_f64", "sort_10m_f64", "cumsum_10m_f64",
] + list(MATMUL) + list(TRANSCENDENTAL)


def run_one(name, repetitions):
    run = case_setup(name)
    run()  # warm-up: page in inputs, let NumPy's allocator settle
    times = []
    for _ in range(repetitions):
        # Short cases are timed over a batch so the clock's resolution does not matter.
        batch = 1
        while True:
            t0 = time.perf_counter()
            for _ in range(batch):
                run()
            dt = time.perf_counter() - t0
            if dt > 0.05 or batch >= 1 << 20:
                break
            batch *= 8
        times.append(dt / batch)
    times.sort()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    return {"median_ms": times[len(times) // 2] * 1e3, "min_ms": times[0] * 1e3, "peak_rss_mb": rss_mb}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--case", help="run one case in this process")
    ap.add_argument("--repetitions", type=int, default=5)
    ap.add_argument("--filter", default="")
    args = ap.parse_args()
    if args.case:
        print(json.dumps(run_one(args.case, args.repetitions)))
        return
    results = {}
    for name in CASES:
        if args.filter and args.filter not in name:
            continue
        out = subprocess.run([sys.executable, __file__, "--case", name,
                              "--repetitions", str(args.repetitions)],
                             check=True, capture_output=True, text=True).stdout
        results[name] = json.loads(out)
    results["_numpy_version"] = np.__version__
    print(json.dumps(results))


if __name__ == "__main__":
    main()
