#!/usr/bin/env python3
"""The whole differential pipeline: generate cases, run them in nd (one driver
process for all cases), compare with NumPy.

    run_differential.py --driver PATH [--seed S | --random-seed] [--count N]
                        [--work DIR] [--only ID] [--threads N]

ctest runs it with a fixed seed; --random-seed draws one (printed first) for local
fuzzing. The fixed cases of regressions.py run after the random ones, with ids from
regressions.FIRST_ID on. --only ID regenerates and checks the single case ID of a seed
(or that regression case): the reproducer compare.py prints for a mismatch.

The driver runs on one thread (ND_NUM_THREADS=1), and its results are compared with
NumPy's. With --threads N it then runs the same cases again on N threads, with the
parallel grain lowered so that even these small arrays are split among the threads,
and every result must have the same bytes as on one thread.
"""

import argparse
import filecmp
import os
import random
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import compare  # noqa: E402
import gen_cases  # noqa: E402
import regressions  # noqa: E402
from cases import base_path  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--driver", required=True, help="the nd_diff_driver executable")
    ap.add_argument("--seed", type=int)
    ap.add_argument("--random-seed", action="store_true")
    ap.add_argument("--count", type=int, default=5000)
    ap.add_argument("--work", help="directory for cases and results (default: a temporary one)")
    ap.add_argument("--only", type=int, help="only this case id")
    ap.add_argument("--threads", type=int, default=0,
                    help="also run on this many threads and require the same bytes as on one")
    args = ap.parse_args()
    if args.random_seed:
        args.seed = random.SystemRandom().randrange(2**31)
    if args.seed is None:
        ap.error("give --seed S or --random-seed")
    count = 1 if args.only is not None else f"{args.count} + {len(regressions.CASES)} fixed"
    print(f"differential: seed {args.seed}, {count} case(s)", flush=True)
    work = args.work or tempfile.mkdtemp(prefix="nd-diff-")
    if os.path.isdir(work):
        shutil.rmtree(work)
    os.makedirs(work)
    ids = [args.only] if args.only is not None else [*range(args.count), *regressions.ids()]
    with open(os.path.join(work, "cases.txt"), "w") as f:
        f.write(f"# seed={args.seed}\n")
        for cid in ids:
            if cid >= regressions.FIRST_ID:
                case, bases = regressions.generate(cid)
            else:
                case, bases = gen_cases.generate(args.seed, cid)
            for k, b in enumerate(bases):
                gen_cases.np.save(base_path(work, cid, k), b)
            f.write(case.line() + "\n")
    run = subprocess.run([args.driver, work], env=dict(os.environ, ND_NUM_THREADS="1"))
    if run.returncode != 0:
        print(f"differential: the driver exited with status {run.returncode}; seed {args.seed}")
        return 1
    failed = compare.compare(work, args.seed)
    if args.threads > 1:
        failed = compare_threads(args, work) or failed
    if not args.work and not failed:
        shutil.rmtree(work)
    elif failed:
        print(f"differential: cases and results kept in {work}")
    return 1 if failed else 0


def compare_threads(args, work):
    """Runs the cases again on args.threads threads, in work/threads, and compares
    results.txt and every result file with the one-thread run byte for byte. Returns
    whether anything differed."""
    threaded = os.path.join(work, "threads")
    os.makedirs(threaded)
    outputs = []
    for name in os.listdir(work):
        path = os.path.join(work, name)
        if name == "cases.txt" or (name.endswith(".npy") and not name.endswith(("_r.npy", "_after.npy"))):
            shutil.copy(path, threaded)
        elif name == "results.txt" or name.endswith(("_r.npy", "_after.npy")):
            outputs.append(name)
    env = dict(os.environ, ND_NUM_THREADS=str(args.threads), ND_PARALLEL_GRAIN="4")
    run = subprocess.run([args.driver, threaded], env=env)
    if run.returncode != 0:
        print(f"differential: on {args.threads} threads the driver exited with status {run.returncode}")
        return True
    produced = {n for n in os.listdir(threaded) if n == "results.txt" or n.endswith(("_r.npy", "_after.npy"))}
    differing = sorted(n for n in outputs if n not in produced or
                       not filecmp.cmp(os.path.join(work, n), os.path.join(threaded, n), shallow=False))
    differing += sorted(produced - set(outputs))
    for name in differing[:20]:
        print(f"differential: {name} differs between 1 and {args.threads} threads")
    print(f"differential: {len(outputs)} result files compared between 1 and {args.threads} threads, "
          f"{len(differing)} differ")
    return bool(differing)


if __name__ == "__main__":
    sys.exit(main())
