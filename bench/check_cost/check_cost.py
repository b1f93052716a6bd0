#!/usr/bin/env python3
"""What the nd checks add to translation units without nd code (issue 24, point 5).

Runs clang-tidy with the nd plugin (--checks=-*,nd-* --enable-check-profile) on a set
of abseil-cpp translation units and on one that only includes <nd/nd.hpp>, and prints,
per unit, the checks' own user+system time (from the check profile) over the rest of
the same process's user+system time: what the checks add to that run. Both figures come
from one process, so load from other work on the machine moves them together; the
median over the repetitions is printed. It fetches nothing: pass abseil's source tree.
"""
import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile

# Across strings, container, time and synchronization; no test files (no gtest needed).
ABSEIL_UNITS = [
    "absl/strings/ascii.cc", "absl/strings/charconv.cc", "absl/strings/cord.cc",
    "absl/strings/escaping.cc", "absl/strings/numbers.cc", "absl/strings/str_cat.cc",
    "absl/strings/str_split.cc", "absl/strings/substitute.cc",
    "absl/container/internal/hashtablez_sampler.cc",
    "absl/container/internal/raw_hash_set.cc", "absl/time/civil_time.cc",
    "absl/time/duration.cc", "absl/time/format.cc", "absl/time/time.cc",
    "absl/synchronization/mutex.cc", "absl/synchronization/notification.cc",
]

ND_ONLY = "#include <nd/nd.hpp>\n\nint main() { return 0; }\n"


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("abseil", help="abseil-cpp source tree (the directory holding absl/)")
    p.add_argument("--plugin", required=True, help="NdTidyModule.so of a build")
    p.add_argument("--nd-include", required=True, help="nd's runtime/include directory")
    p.add_argument("--clang-tidy", default="clang-tidy-19")
    p.add_argument("--repetitions", type=int, default=3)
    p.add_argument("--filter", default="", help="only units whose path contains this")
    return p.parse_args()


def write_database(directory, entries):
    with open(os.path.join(directory, "compile_commands.json"), "w") as out:
        json.dump([{"directory": d, "file": f, "arguments": ["clang++", "-std=c++20"] +
                    flags + ["-c", f]} for d, f, flags in entries], out, indent=1)


def checks_seconds(profile_dir):
    """User+system seconds of the nd checks in the one profile the run stored."""
    names = os.listdir(profile_dir)
    if len(names) != 1:
        sys.exit(f"error: expected one check profile, found {len(names)} in {profile_dir}")
    path = os.path.join(profile_dir, names[0])
    with open(path) as f:
        profile = json.load(f)["profile"]
    os.remove(path)
    total = sum(v for k, v in profile.items() if k.endswith((".user", ".sys")))
    if not any(".nd-" in k for k in profile):
        sys.exit("error: the profile names no nd check; was the plugin loaded?")
    return total


def run_once(args, database, unit, profile_dir):
    """(checks' seconds, the process's seconds), both user+system."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run(
        [args.clang_tidy, f"--load={args.plugin}", "--checks=-*,nd-*", "--quiet",
         "--enable-check-profile", f"--store-check-profile={profile_dir}", "-p", database,
         unit], capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"error: {unit}: clang-tidy exited with {result.returncode}\n{result.stderr}")
    process = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return checks_seconds(profile_dir), process


def main():
    args = parse_args()
    abseil = os.path.abspath(args.abseil)
    if not os.path.isdir(os.path.join(abseil, "absl")):
        sys.exit(f"error: {args.abseil} holds no absl/ directory")
    with tempfile.TemporaryDirectory() as work:
        nd_only = os.path.join(work, "nd_only.cpp")
        with open(nd_only, "w") as f:
            f.write(ND_ONLY)
        units = [(abseil, os.path.join(abseil, u), ["-I" + abseil]) for u in ABSEIL_UNITS]
        units.append((work, nd_only, ["-I" + os.path.abspath(args.nd_include)]))
        units = [u for u in units if args.filter in u[1]]
        write_database(work, units)
        profile_dir = os.path.join(work, "profile")
        os.mkdir(profile_dir)
        print("| translation unit | process s | nd checks s | nd checks added |")
        print("|---|---|---|---|")
        added_abseil = []
        for directory, unit, _ in units:
            runs = [run_once(args, work, unit, profile_dir) for _ in range(args.repetitions)]
            ratios = [c / (p - c) for c, p in runs]
            added = statistics.median(ratios)
            name = os.path.relpath(unit, directory) if unit != nd_only else "only nd/nd.hpp"
            if unit != nd_only:
                added_abseil.append(added)
            print(f"| {name} | {statistics.median(p for _, p in runs):.2f} | "
                  f"{statistics.median(c for c, _ in runs):.3f} | {100 * added:+.1f}% |",
                  flush=True)
        if added_abseil:
            print(f"| median of the {len(added_abseil)} abseil units | | | "
                  f"{100 * statistics.median(added_abseil):+.1f}% |")


if __name__ == "__main__":
    main()
