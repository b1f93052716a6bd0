#!/usr/bin/env python3
"""Fixes converge: for every input, `nd-tidy --fix` with all nd checks, run once,
gives code on which a second run offers no fix-it and changes nothing.

Each input is linted as its lit RUN lines compile it (-std=, and the compiler arguments
after a second `--`, one run per distinct set); the `// CHECK-...:` comments of the lit
tests are blanked first, as check_nd_tidy.py does. Prints one line per input and
variant, and a summary; exits 1 if any input did not converge.
"""
import argparse
import concurrent.futures
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

CHECK_COMMENT = re.compile(r"//\s*CHECK[-A-Z0-9]*:.*$")


def variants(source, directory):
    """The compiler arguments each %check_nd_tidy RUN line of source uses (%S is the
    input's directory, which is also on the include path, as for a file of a project)."""
    found = []
    # A RUN line that ends in a backslash goes on in the next RUN: line, as in lit.
    joined = re.sub(r"\\\s*\n\s*//\s*RUN:", " ", source)
    for line in joined.splitlines():
        match = re.search(r"RUN:.*%check_nd_tidy(.*)$", line)
        if not match:
            continue
        words = shlex.split(match.group(1))
        std = next((w for w in words if w.startswith("-std=")), "-std=c++20")
        extra = []
        if words.count("--") >= 2:
            second = [i for i, w in enumerate(words) if w == "--"][1]
            extra = words[second + 1:]
        args = [std] + [w.replace("%S", directory) for w in extra]
        if args not in found:
            found.append(args)
    found = found or [["-std=c++20"]]
    return [args + ["-I", directory] for args in found]


def precompiled_header(args, source, compile_args):
    """-include-pch of nd/nd.hpp (built by lit.cfg.py for the round trips) where it
    changes nothing but the time, as check_nd_tidy.py uses it: a C++20 variant with
    only -I and -D flags, whose source's first directive includes <nd/nd.hpp>.
    Parsing the runtime's headers is most of each run; with the header, nd-tidy reports
    the same diagnostics and fixes (checked on the corpus when this was added) in about
    half the time."""
    if not args.pch or compile_args[0] != "-std=c++20":
        return []
    flags = iter(compile_args[1:])
    for flag in flags:
        if flag in ("-D", "-I"):
            next(flags, None)  # its value, a separate argument
        elif not flag.startswith(("-D", "-I")):
            return []
    without_comments = re.sub(r"//[^\n]*|/\*.*?\*/", "", source, flags=re.S)
    first = re.search(r"^\s*#.*$", without_comments, re.M)
    if not first or not re.fullmatch(r"\s*#\s*include\s*<nd/nd\.hpp>\s*", first.group(0)):
        return []
    return ["-include-pch", args.pch]


def run_tidy(args, path, compile_args, export=None):
    command = [args.nd_tidy, "--checks=-*,nd-*", "--config={}", "--fix", "--quiet", path]
    if export:
        command.insert(1, "--export-fixes=" + export)
    with open(path, encoding="utf-8") as f:
        pch = precompiled_header(args, f.read(), compile_args)
    command += ["--"] + compile_args + pch + ["-I", args.runtime_include]
    return subprocess.run(command, capture_output=True, text=True)


def replacements_in(export):
    if not os.path.exists(export):
        return 0
    with open(export, encoding="utf-8") as f:
        # Each replacement has one ReplacementText; a diagnostic's own FilePath and the
        # items of its Ranges have none.
        return sum(1 for line in f if line.lstrip().startswith("ReplacementText:"))


def converge(args, input_path, compile_args, workdir):
    with open(input_path, encoding="utf-8") as f:
        text = "\n".join(CHECK_COMMENT.sub("", line) for line in f.read().split("\n"))
    path = os.path.join(workdir, os.path.basename(input_path))
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    first_export = os.path.join(workdir, "first.yaml")
    first = run_tidy(args, path, compile_args, first_export)
    with open(path, encoding="utf-8") as f:
        fixed = f.read()
    problems = []
    if "error:" in first.stdout + first.stderr and "error:" not in text:
        problems.append("the first run reported an error:\n" + first.stdout + first.stderr)
    # A first run that offered no fix-it and left the file as it was has converged: a
    # second run would lint the same bytes with the same arguments.
    if fixed == text and not replacements_in(first_export):
        return problems
    export = os.path.join(workdir, "second.yaml")
    second = run_tidy(args, path, compile_args, export)
    with open(path, encoding="utf-8") as f:
        again = f.read()
    if again != fixed:
        problems.append("a second --fix changed the fixed code")
    if replacements_in(export):
        problems.append("a second run offered fix-its:\n" + second.stdout)
    return problems


def check_one(args, input_path, compile_args):
    workdir = tempfile.mkdtemp(prefix="nd-converge-")
    try:
        return converge(args, input_path, compile_args, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--nd-tidy", required=True)
    parser.add_argument("--runtime-include", required=True)
    parser.add_argument("--pch", default="", help="nd/nd.hpp precompiled for C++20, if built")
    parser.add_argument("inputs", nargs="+")
    args = parser.parse_args()
    jobs = []
    for input_path in sorted(args.inputs):
        with open(input_path, encoding="utf-8") as f:
            source = f.read()
        for compile_args in variants(source, os.path.dirname(os.path.abspath(input_path))):
            jobs.append((input_path, compile_args))
    # The inputs are independent: lint them on every CPU, report them in order.
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        results = list(pool.map(lambda job: check_one(args, *job), jobs))
    failed = 0
    for (input_path, compile_args), problems in zip(jobs, results):
        name = os.path.basename(input_path) + " " + " ".join(compile_args[:-2])
        if problems:
            failed += 1
            print("NOT CONVERGED: " + name)
            for problem in problems:
                print("  " + problem.replace("\n", "\n  "))
        else:
            print("converged: " + name)
    print("%d inputs converged, %d did not" % (len(jobs) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
