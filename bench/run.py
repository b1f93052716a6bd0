#!/usr/bin/env python3
"""Runs nd's and NumPy's benchmark cases in one run and prints one table of ratios.

For every case: nd's time on one thread (ND_NUM_THREADS=1) and on all threads (the
default, or --threads), NumPy's time, NumPy/nd (nd on all threads; above 1: nd is
faster), the speed-up of nd's threads over its one thread, ceiling/nd (the time memory
bandwidth allows for the bytes the case must move, at the faster of a fused
read-and-write pass and memcpy measured on the same number of threads, over nd's time:
1.0 is the ceiling), and the peak resident memory of each side, each case measured in a
process of its own. Times are the minimum over the repetitions: on a machine shared
with other work, the fastest run is the one least disturbed."""
import argparse
import json
import os
import platform
import subprocess
import sys

F64, F32 = 8, 4
NORM = 50000 * 1000
CHAINED = 10_000_000
GATHER = 10000 * 10000
RED = 5000 * 2000
STRIDED = 20_000_000
MASK = 10_000_000
STENCIL = 10_000_000
SMALL = 1000
SORT_SMALL, SORT_LARGE, CUMSUM = 1_000_000, 10_000_000, 10_000_000

# Bytes the case must move at the least (reads + writes), for the ceiling column.
MIN_BYTES = {
    "colnorm_f64": 3 * NORM * F64,       # a statistics pass, then read + write
    "chained_f64": 2 * CHAINED * F64,     # one fused pass
    "chained_f32": 2 * CHAINED * F32,
    "out_f64": 4 * CHAINED * F64,         # its two passes over memory
    "out_f32": 4 * CHAINED * F32,
    "gather_f64": (GATHER // 2 + GATHER // 4) * F64,  # every other row read, a quarter written
    "slice_copy_f64": (GATHER // 2 + GATHER // 4) * F64,
    "sum_axis0_f64": RED * F64, "sum_axis1_f64": RED * F64,
    "mean_axis0_f64": RED * F64, "mean_axis1_f64": RED * F64,
    "std_axis0_f64": RED * F64, "std_axis1_f64": RED * F64,
    "mean_std_axis0_f64": 2 * RED * F64,  # two calls, each reads the matrix once
    "broadcast_row_f64": 2 * RED * F64, "broadcast_col_f64": 2 * RED * F64,
    "broadcast_row_f32": 2 * RED * F32, "broadcast_col_f32": 2 * RED * F32,
    "strided_ufunc_f64": (STRIDED + STRIDED // 2) * F64,
    "strided_ufunc_f32": (STRIDED + STRIDED // 2) * F32,
    "mask_select_f64": (MASK + MASK // 2) * F64,
    "stencil_f64": 2 * STENCIL * F64,     # u read once, d2 written once
    "small_chained_f64": 2 * SMALL * F64,
    "small_sum_f64": SMALL * F64,
    "small_std_axis0_f64": SMALL * F64,
    "sort_1m_f64": 2 * SORT_SMALL * F64,   # the copy: read once, written once (sorting is compute-bound)
    "sort_10m_f64": 2 * SORT_LARGE * F64,
    "cumsum_10m_f64": 2 * CUMSUM * F64,
    # tanh, exp, log: read once, written once (compute-bound on few cores).
    **{f"{fn}_10m_{tag}": 2 * 10_000_000 * size for fn in ("tanh", "exp", "log")
       for tag, size in (("f64", F64), ("f32", F32))},
    # Matrix products are bound by arithmetic, not memory: their ceiling column (A and B
    # read, C written once) only shows how far from memory-bound they are.
    "matmul_256_f64": 3 * 256 * 256 * F64,
    "matmul_1024_f64": 3 * 1024 * 1024 * F64,
    "matmul_2048_f64": 3 * 2048 * 2048 * F64,
}
# The 1000-element cases, measured in microseconds (see nd_one_and_all_threads).
SMALL_CASES = {"small_chained_f64", "small_sum_f64", "small_std_axis0_f64"}
# C++-only rows: the article's slow forms against the checks' fixes.
SLOW_FORMS = [
    ("slow_loop_colnorm_f64", "fixed_loop_colnorm_f64", "nd-elementwise-loop"),
    ("slow_loop_stencil_f64", "stencil_f64", "nd-elementwise-loop (stencil)"),
    ("slow_chained_once_f64", "rebind_fix_once_f64", "nd-chained-temporaries (rebind, once)"),
    ("slow_chained_once_f64", "out_fix_once_f64", "nd-chained-temporaries (declaration, once)"),
    ("slow_chained_loop100_f64", "rebind_fix_loop100_f64", "nd-chained-temporaries (rebind)"),
    ("slow_chained_loop100_f64", "out_fix_loop100_f64", "nd-chained-temporaries (out)"),
    ("gather_f64", "slice_view_f64", "nd-gather-downsampling (view)"),
    ("gather_f64", "slice_copy_f64", "nd-gather-downsampling (copy)"),
]


def run_measured(cmd, env=None):
    """Runs cmd, returns (stdout, peak RSS in MiB of that child alone)."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=env)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"bench: {' '.join(cmd)} failed with status {proc.returncode}")
    return out, usage.ru_maxrss / 1024.0


def nd_case(nd_bench, name, repetitions, threads):
    """nd's time for one case on `threads` threads: the minimum over the repetitions."""
    env = unpinned_env({"ND_NUM_THREADS": str(threads)})
    out, rss = run_measured([nd_bench, f"--benchmark_filter=^{name}(/|$)", "--benchmark_format=json",
                             f"--benchmark_repetitions={repetitions}"], env)
    runs = [b for b in json.loads(out)["benchmarks"] if b.get("run_type", "iteration") == "iteration"]
    if not runs:
        raise SystemExit(f"bench: no result for {name}")
    scale = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}[runs[0]["time_unit"]]
    return min(b["real_time"] for b in runs) * scale, rss


def nd_one_and_all_threads(nd_bench, name, repetitions, threads):
    """nd's times on one thread and on `threads`, and the peak memory of the latter.

    A microsecond case's time changes from process to process and from second to
    second: the same binary measured 0.25 us in some processes and 0.35-0.42 us in
    others for the 1000-element sum, whatever the thread count. So the small cases run
    one repetition per process, alternating the two thread counts, so that a slow
    stretch of the machine cannot fall on one column only."""
    if name not in SMALL_CASES:
        one, _ = nd_case(nd_bench, name, repetitions, 1)
        return (one,) + nd_case(nd_bench, name, repetitions, threads)
    ones, alls, rss = [], [], 0.0
    for _ in range(repetitions):
        ones.append(nd_case(nd_bench, name, 1, 1)[0])
        t, peak = nd_case(nd_bench, name, 1, threads)
        alls.append(t)
        rss = max(rss, peak)
    return min(ones), min(alls), rss


# Some machines pin OpenBLAS to an old kernel through these variables, which slows a
# current NumPy (and nd's products); the benchmark measures both as they run by default.
PINNING = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")


def unpinned_env(extra=None):
    env = {k: v for k, v in os.environ.items() if k not in PINNING}
    env.update(extra or {})
    return env


# What NumPy's BLAS is, read in a NumPy process: OpenBLAS's configuration, kernel and
# threads when NumPy runs on OpenBLAS (Debian's libblas.so.3 alternative).
NUMPY_BLAS = """
import ctypes, numpy
try:
    lib = ctypes.CDLL("libopenblas.so.0")
    lib.openblas_get_config.restype = lib.openblas_get_corename.restype = ctypes.c_char_p
    print(f"{lib.openblas_get_config().decode()}, kernel {lib.openblas_get_corename().decode()}, "
          f"{lib.openblas_get_num_threads()} threads")
except OSError:
    print("not OpenBLAS")
"""


def numpy_blas(python):
    return subprocess.run([python, "-c", NUMPY_BLAS], capture_output=True, text=True,
                          env=unpinned_env()).stdout.strip()


def numpy_case(python, script, name, repetitions):
    env = unpinned_env()
    out, rss = run_measured([python, script, "--case", name, "--repetitions", str(repetitions)], env)
    return json.loads(out)["min_ms"], rss


def fmt_ms(ms):
    return f"{ms * 1e3:.3f} µs" if ms < 0.1 else f"{ms:.2f} ms"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nd-bench", required=True)
    ap.add_argument("--numpy-bench", required=True)
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--repetitions", type=int, default=5)
    ap.add_argument("--filter", default="")
    ap.add_argument("--threads", type=int, default=os.cpu_count(),
                    help="nd's all-threads column (default: the CPUs of the machine)")
    ap.add_argument("--markdown", help="also write the table to this file")
    args = ap.parse_args()
    threads = args.threads

    def ceiling(n):
        fused_ms, _ = nd_case(args.nd_bench, "ceiling_fused_pass_f64", args.repetitions, n)
        memcpy_ms, _ = nd_case(args.nd_bench, "ceiling_memcpy_f64", args.repetitions, n)
        return 2 * CHAINED * F64 / (fused_ms * 1e-3), 2 * CHAINED * F64 / (memcpy_ms * 1e-3)

    # The ceiling is the faster of the two read-and-write passes: memcpy's streaming
    # stores skip reading the destination, which a plain loop's stores cannot.
    fused_bw1, memcpy_bw1 = ceiling(1)
    fused_bw, memcpy_bw = ceiling(threads)
    ceiling_bw = max(fused_bw, memcpy_bw)

    lines = [f"| case | nd, 1 thread | nd, {threads} threads | NumPy | NumPy/nd | nd 1/{threads} threads | "
             "ceiling/nd | nd peak MiB | NumPy peak MiB |",
             "|---|---|---|---|---|---|---|---|---|"]
    nd_times = {}
    for name, min_bytes in MIN_BYTES.items():
        if args.filter and args.filter not in name:
            continue
        nd1_ms, nd_ms, nd_rss = nd_one_and_all_threads(args.nd_bench, name, args.repetitions, threads)
        np_ms, np_rss = numpy_case(args.python, args.numpy_bench, name, args.repetitions)
        nd_times[name] = nd_ms
        ceiling_ms = min_bytes / ceiling_bw * 1e3
        lines.append(f"| {name} | {fmt_ms(nd1_ms)} | {fmt_ms(nd_ms)} | {fmt_ms(np_ms)} | {np_ms / nd_ms:.2f} | "
                     f"{nd1_ms / nd_ms:.2f} | {ceiling_ms / nd_ms:.2f} | {nd_rss:.0f} | {np_rss:.0f} |")
        print(lines[-1], file=sys.stderr, flush=True)  # progress; the table goes to stdout
    nd_ms, _ = nd_case(args.nd_bench, "slice_view_f64", args.repetitions, threads)
    nd_times["slice_view_f64"] = nd_ms

    lines += ["", "| slow form | fix | check | slow | fixed | speedup |", "|---|---|---|---|---|---|"]
    for slow, fixed, check in SLOW_FORMS:
        if args.filter and args.filter not in slow + fixed:
            continue
        for name in (slow, fixed):
            if name not in nd_times:
                nd_times[name], _ = nd_case(args.nd_bench, name, min(args.repetitions, 3), threads)
        lines.append(f"| {slow} | {fixed} | {check} | {fmt_ms(nd_times[slow])} | "
                     f"{fmt_ms(nd_times[fixed])} | {nd_times[slow] / nd_times[fixed]:.1f}x |")

    np_version = subprocess.run([args.python, "-c", "import numpy; print(numpy.__version__)"],
                                capture_output=True, text=True).stdout.strip()
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    footer = (f"\nCeiling on {threads} threads: the faster of one fused read+write pass ({fused_bw / 1e9:.1f} GB/s) "
              f"and memcpy ({memcpy_bw / 1e9:.1f} GB/s), counting bytes read + written (on one thread: "
              f"{fused_bw1 / 1e9:.1f} and {memcpy_bw1 / 1e9:.1f} GB/s). "
              f"Machine: {cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}; "
              f"NumPy {np_version} (BLAS: {numpy_blas(args.python)}); minimum of {args.repetitions} runs.")
    table = "\n".join(lines) + "\n" + footer
    print(table)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(table + "\n")


if __name__ == "__main__":
    main()
