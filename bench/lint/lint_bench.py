"""The lint benchmark: what the nd checks cost a translation unit, and what nd-tidy's
result cache saves, measured side by side in one run and reported as ratios.

    lint_bench.py --nd-tidy PATH --runtime-include DIR --corpus DIR [--repetitions N]

1. Overhead of `-*,nd-*` over a cheap stock check (readability-braces-around-statements)
   on: the lit corpus (test/lit/checks/*.cpp); a unit that only includes nd/nd.hpp; a
   unit without nd (standard headers and ordinary code); one large generated unit
   with thousands of lines of nd code. Each unit is linted by nd-tidy as a plain
   clang-tidy (ND_TIDY_WORKER=1: no project driver), the two check sets alternating,
   and the CPU time (user + system) of each run is taken; the median of the
   repetitions is compared.
2. A project run (-p, the lit corpus as a compilation database) with a cold result
   cache against a warm one (--cache-dir), wall and CPU time.

3. Applying many fixes to one file: a generated unit with N fixes of a stock check
   (modernize-use-nullptr, one per line) linted by a project run with --fix against
   the same run without it, side by side with clang-tidy's own --fix (nd-tidy in
   plain mode) on the same file: the cost of applying the fixes is the difference,
   and must grow linearly with N.

CPU time, not wall time, for the overhead: the machine may be shared, and CPU time is
what a CI runner pays for.
"""
import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

STOCK = "-*,readability-braces-around-statements"
ND = "-*,nd-*"


def write(path, text):
    with open(path, "w") as out:
        out.write(text)


def header_only_unit():
    return "#include <nd/nd.hpp>\nint main() { return 0; }\n"


def no_nd_unit():
    # Ordinary C++ of the size of a small source file, and the standard headers a
    # typical unit includes.
    lines = ["#include <algorithm>", "#include <map>", "#include <string>",
             "#include <vector>", "#include <iostream>", ""]
    for i in range(60):
        lines += [
            "int function_%d(const std::vector<int> &v, std::map<std::string, int> &m) {" % i,
            "  int total = 0;",
            "  for (int x : v) {",
            "    if (x %% 3 == %d) total += x;" % (i % 3),
            "  }",
            "  m[std::to_string(total)] = total;",
            "  return static_cast<int>(std::count(v.begin(), v.end(), total)) + total;",
            "}", ""]
    lines.append("int main() { std::vector<int> v{1, 2, 3}; std::map<std::string, int> m;")
    lines.append("  return function_0(v, m) == 0 ? 0 : 1; }")
    return "\n".join(lines) + "\n"


def large_nd_unit(functions=400):
    # Thousands of lines of nd code in the forms the checks look at: chained operators,
    # element-wise loops, progression gathers, and plain calls they must leave alone.
    lines = ["#include <nd/nd.hpp>", ""]
    for i in range(functions):
        lines += [
            "double work_%d(const nd::array<double> &a, const nd::array<double> &b) {" % i,
            "  auto c = a * b + a - b * 2.0;",
            "  auto d = nd::zeros<double>({a.shape(0)});",
            "  for (long k = 0; k < a.shape(0); ++k)",
            "    d(k) = a(k) * 2.0 + b(k);",
            "  auto evens = c(nd::arange(0, c.shape(0), 2));",
            "  auto s = nd::sum(d) + nd::sum(evens);",
            "  return s + nd::sum(nd::sqrt(nd::abs(a)));",
            "}", ""]
    lines.append("int main() { auto a = nd::ones<double>({8}); return work_0(a, a) > 0 ? 0 : 1; }")
    return "\n".join(lines) + "\n"


class DoesNotCompile(Exception):
    pass


def cpu_of(command, env):
    """CPU seconds (user + system) of the command and its children; its wall time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    result = subprocess.run(command, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # Exit status 1 is findings; a unit that does not compile would measure nothing.
    if "clang-diagnostic-error" in result.stdout:
        raise DoesNotCompile(result.stdout[-2000:])
    if result.returncode not in (0, 1):
        sys.exit("lint_bench.py: %s failed (exit %d):\n%s%s"
                 % (" ".join(command), result.returncode, result.stdout[-2000:],
                    result.stderr[-2000:]))
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def compile_database(directory, files, include):
    # The corpus tests' own headers are in their directory and its Inputs/.
    entries = [{"directory": directory, "file": f,
                "arguments": ["clang++", "-std=c++20", "-I", include, "-I", directory,
                              "-I", os.path.join(directory, "Inputs"), "-c", f]}
               for f in files]
    write(os.path.join(directory, "compile_commands.json"), json.dumps(entries, indent=1))


def overhead(args, work, name, files, repetitions, skip_broken=False):
    """Median CPU of the nd checks and of the stock check on files, alternating; with
    skip_broken, a file that does not compile (a corpus test needing its own -D or
    -std) is left out of both."""
    env = dict(os.environ, ND_TIDY_WORKER="1")
    nd_times, stock_times = [], []
    skipped = set()
    for _ in range(repetitions):
        nd_total = stock_total = 0.0
        for f in files:
            if f in skipped:
                continue
            try:
                times = [cpu_of([args.nd_tidy, "-p", work, "--quiet", "--config={}",
                                 "--checks=" + checks, f], env)[0]
                         for checks in (ND, STOCK)]
            except DoesNotCompile as error:
                if not skip_broken:
                    sys.exit("lint_bench.py: %s does not compile:\n%s" % (f, error))
                skipped.add(f)
                continue
            nd_total += times[0]
            stock_total += times[1]
        nd_times.append(nd_total)
        stock_times.append(stock_total)
    nd, stock = statistics.median(nd_times), statistics.median(stock_times)
    print("| %s | %d | %.2f s | %.2f s | %+.0f%% |"
          % (name, len(files) - len(skipped), nd, stock, (nd / stock - 1) * 100), flush=True)
    return [f for f in files if f not in skipped]


def cache(args, work, files):
    cache_dir = os.path.join(work, "cache")
    env = dict(os.environ)
    env.pop("ND_TIDY_WORKER", None)
    command = [args.nd_tidy, "-p", work, "-j", str(args.jobs), "--quiet", "--config={}",
               "--checks=" + ND, "--cache-dir", cache_dir]
    shutil.rmtree(cache_dir, ignore_errors=True)
    cold = cpu_of(command, env)
    warm = cpu_of(command, env)
    print("| cold cache | %d | %.2f s | %.2f s |" % (len(files), cold[1], cold[0]))
    print("| warm cache | %d | %.2f s | %.2f s |" % (len(files), warm[1], warm[0]))
    print("\nwarm/cold: %.1fx faster (wall), %.1fx less CPU"
          % (cold[1] / warm[1], cold[0] / warm[0]), flush=True)


def many_fixes_unit(count):
    return "".join("int *pointer_%d = 0;\n" % k for k in range(count))


def fixes(args, work, counts):
    """A project run with --fix against the same run without it on one file with each
    count of fixes, and plain clang-tidy --fix (up to --plain-fix-max fixes: it is
    quadratic): wall seconds."""
    env = dict(os.environ)
    env.pop("ND_TIDY_WORKER", None)
    print("| fixes in one file | project run | project `--fix` | fix cost "
          "| plain `--fix` (clang-tidy's own) |")
    print("|---|---|---|---|---|")
    checks = "--checks=-*,modernize-use-nullptr"
    for count in counts:
        directory = os.path.join(work, "fixes-%d" % count)
        os.makedirs(directory, exist_ok=True)
        unit = os.path.join(directory, "many_fixes.cpp")
        compile_database(directory, [unit], args.runtime_include)
        base = [args.nd_tidy, "-p", directory, "-j", "1", "--quiet", "--config={}", checks,
                "--format=short"]
        write(unit, many_fixes_unit(count))
        lint = cpu_of(base, env)
        project = cpu_of(base + ["--fix"], env)
        if open(unit).read() != many_fixes_unit(count).replace("= 0;", "= nullptr;"):
            sys.exit("lint_bench.py: the project --fix of %d fixes is wrong" % count)
        plain = "not run"
        if count <= args.plain_fix_max:
            write(unit, many_fixes_unit(count))
            plain = "%.2f s" % cpu_of([args.nd_tidy, "-p", directory, "--quiet", "--config={}",
                                       checks, "--fix", unit], env)[1]
        print("| %d | %.2f s | %.2f s | %+.2f s | %s |"
              % (count, lint[1], project[1], project[1] - lint[1], plain), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nd-tidy", required=True)
    parser.add_argument("--runtime-include", required=True)
    parser.add_argument("--corpus", required=True, help="test/lit/checks")
    parser.add_argument("--repetitions", type=int, default=3,
                        help="runs of each single unit (the median is reported)")
    parser.add_argument("--corpus-repetitions", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--cache-only", action="store_true",
                        help="only the cold/warm cache comparison")
    parser.add_argument("--fixes-only", action="store_true",
                        help="only the many-fixes comparison")
    parser.add_argument("--fix-counts", default="6000,12000,50000",
                        help="fixes in one file, comma-separated")
    parser.add_argument("--plain-fix-max", type=int, default=12000,
                        help="the most fixes given to plain clang-tidy --fix")
    args = parser.parse_args()
    args.runtime_include = os.path.abspath(args.runtime_include)
    args.corpus = os.path.abspath(args.corpus)

    work = tempfile.mkdtemp(prefix="nd-lint-bench-")
    try:
        corpus = sorted(os.path.join(work, f) for f in os.listdir(args.corpus)
                        if f.endswith(".cpp"))
        for f in corpus:
            shutil.copy(os.path.join(args.corpus, os.path.basename(f)), f)
        if os.path.isdir(os.path.join(args.corpus, "Inputs")):
            shutil.copytree(os.path.join(args.corpus, "Inputs"), os.path.join(work, "Inputs"))
        generated = {"header_only.cpp": header_only_unit(), "no_nd.cpp": no_nd_unit(),
                     "large_nd.cpp": large_nd_unit()}
        for name, text in generated.items():
            write(os.path.join(work, name), text)
        paths = {name: os.path.join(work, name) for name in generated}
        compile_database(work, corpus + list(paths.values()), args.runtime_include)

        if args.fixes_only:
            fixes(args, work, [int(n) for n in args.fix_counts.split(",")])
            return
        if args.cache_only:
            compile_database(work, corpus, args.runtime_include)
            print("| project run (-j %d) | units | wall | CPU |" % args.jobs)
            print("|---|---|---|---|")
            cache(args, work, corpus)
            return
        print("| translation units | count | `%s` CPU | `%s` CPU | overhead |" % (ND, STOCK))
        print("|---|---|---|---|---|")
        reps = args.repetitions
        overhead(args, work, "only `#include <nd/nd.hpp>`", [paths["header_only.cpp"]], reps)
        overhead(args, work, "no nd (standard headers)", [paths["no_nd.cpp"]], reps)
        overhead(args, work, "large generated nd unit (%d lines)"
                 % generated["large_nd.cpp"].count("\n"), [paths["large_nd.cpp"]], reps)
        compiling = overhead(args, work, "lit corpus (test/lit/checks)", corpus,
                             args.corpus_repetitions, skip_broken=True)

        # The cache: the corpus (the units that compile) as a project.
        corpus = compiling
        compile_database(work, corpus, args.runtime_include)
        print("\n| project run (-j %d) | units | wall | CPU |" % args.jobs)
        print("|---|---|---|---|")
        cache(args, work, corpus)
        print()
        fixes(args, work, [int(n) for n in args.fix_counts.split(",")])
    finally:
        shutil.rmtree(work, ignore_errors=True)


main()
