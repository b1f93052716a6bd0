"""The shared result cache benchmark: two CI machines, one nd-tidy --cache-url server.

    shared_cache_bench.py --nd-tidy PATH --runtime-include DIR --examples DIR
                          --nginx PATH [--units 50] [--jobs 2]

A project of --units translation units (the programs of docs/examples, copied round
robin under distinct names) is generated in a temporary directory, with its
compilation database. A real nginx with WebDAV PUT (test/lit/nd-tidy/Inputs/
http_store.py, on a free loopback port) is the shared store. Machine 1 lints the whole
project with an empty directory of its own (--cache-dir) and the server: every unit is
linted, and stored on both. Machine 2, with another empty directory, then runs the
same full lint: every unit should come from the server. A third run is machine 2
again without a directory at all (a fresh CI container), served by the server alone.
Each run's findings must be those of machine 1, and its summary must say how many
units came from the cache; the table gives wall and CPU time (user + system of
nd-tidy and its workers), and the ratio of the first run to each later one.
"""
import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
HTTP_STORE = os.path.join(HERE, "..", "..", "test", "lit", "nd-tidy", "Inputs", "http_store.py")


def generate(project, examples, units, include):
    sources = sorted(f for f in os.listdir(examples) if f.endswith(".cpp"))
    if not sources:
        sys.exit("shared_cache_bench.py: no .cpp in %s" % examples)
    entries = []
    for k in range(units):
        name = "unit_%02d_%s" % (k, sources[k % len(sources)])
        shutil.copy(os.path.join(examples, sources[k % len(sources)]), os.path.join(project, name))
        entries.append('{"directory": "%s", "file": "%s", "arguments": ["clang++", "-std=c++20", '
                       '"-I", "%s", "-c", "%s"]}' % (project, os.path.join(project, name),
                                                      include, name))
    with open(os.path.join(project, "compile_commands.json"), "w") as f:
        f.write("[\n" + ",\n".join(entries) + "\n]\n")


def run(command):
    """Wall and CPU seconds of the command (with its children), its stdout and stderr."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode not in (0, 1):
        sys.exit("shared_cache_bench.py: %s failed (exit %d):\n%s"
                 % (" ".join(command), result.returncode, result.stderr[-3000:]))
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, result.stdout, result.stderr


def summary(stderr):
    lines = [l for l in stderr.splitlines() if "translation units linted" in l]
    return lines[-1] if lines else "(no summary)"


def measure(args, url):
    """Inside the server's lifetime: the three runs, the table, the ratios."""
    work = os.path.dirname(args.project)
    base = [args.nd_tidy, "-p", args.project, "-j", str(args.jobs), "--config={}",
            "--checks=-*,nd-*", "--format=short", "--cache-url", url + "/nd-tidy"]
    runs = [("machine 1, cold (empty directory, empty server)",
             base + ["--cache-dir", os.path.join(work, "machine1")]),
            ("machine 2 (empty directory, shared server)",
             base + ["--cache-dir", os.path.join(work, "machine2")]),
            ("machine 3 (no directory, shared server)", base)]
    print("| run (%d units, -j %d) | wall | CPU | summary |" % (args.units, args.jobs))
    print("|---|---|---|---|")
    results = []
    for name, command in runs:
        wall, cpu, out, err = run(command)
        if "warning: the cache server" in err:
            sys.exit("shared_cache_bench.py: the server failed:\n" + err[-2000:])
        if results and out != results[0][2]:
            sys.exit("shared_cache_bench.py: %s reported other findings than machine 1" % name)
        results.append((wall, cpu, out))
        print("| %s | %.2f s | %.2f s | %s |" % (name, wall, cpu, summary(err)), flush=True)
    cold = results[0]
    print()
    for (name, _), (wall, cpu, _) in zip(runs[1:], results[1:]):
        print("%s: %.1fx faster than machine 1 (wall), %.1fx less CPU"
              % (name.split(" (")[0], cold[0] / wall, cold[1] / cpu))
    ratio = cold[0] / results[1][0]
    if ratio < 10:
        sys.exit("shared_cache_bench.py: machine 2 is only %.1fx faster (goal: 10x)" % ratio)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nd-tidy", required=True)
    parser.add_argument("--runtime-include", required=True)
    parser.add_argument("--examples", required=True, help="docs/examples")
    parser.add_argument("--nginx", required=True)
    parser.add_argument("--units", type=int, default=50)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--inside", help=argparse.SUPPRESS)   # the server's URL
    parser.add_argument("--project", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inside:
        measure(args, args.inside)
        return
    work = tempfile.mkdtemp(prefix="nd-shared-cache-bench-")
    try:
        project = os.path.join(work, "project")
        os.makedirs(project)
        generate(project, os.path.abspath(args.examples), args.units,
                 os.path.abspath(args.runtime_include))
        # One server for all the runs, stopped when they end (http_store.py).
        status = subprocess.call(
            [sys.executable, HTTP_STORE, "--nginx", args.nginx, "--root",
             os.path.join(work, "server"), "--", sys.executable, os.path.abspath(__file__),
             "--nd-tidy", args.nd_tidy, "--runtime-include", args.runtime_include,
             "--examples", args.examples, "--nginx", args.nginx, "--units", str(args.units),
             "--jobs", str(args.jobs), "--project", project, "--inside", "@URL@"])
        sys.exit(status)
    finally:
        shutil.rmtree(work, ignore_errors=True)


main()
