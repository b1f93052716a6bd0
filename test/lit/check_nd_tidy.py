#!/usr/bin/env python3
"""Runs one nd check test, in the spirit of clang-tidy's check_clang_tidy.py.

Usage (through lit's %check_nd_tidy substitution, which supplies the tool options):

  %check_nd_tidy [-run] [-check-suffix=A,B] [-std=c++20] [-expectations=<file>]
                 <test.cpp> <check> <temp> [-- <clang-tidy args> [-- <compiler args>]]

The CHECK-... lines are read from the test itself, or from -expectations=<file> when
the input is not a test (the bundled examples).

What it does, and what makes a test fail:
  1. Copies the test with its `// CHECK-...:` comments blanked (line numbers kept).
  2. Runs the check with -fix through clang-tidy with the nd plugin loaded AND through
     nd-tidy (when built), each on its own copy. Both must succeed, print the same
     diagnostics and produce the same fixed file.
  3. FileChecks the diagnostics against CHECK-MESSAGES (no other warning or error
     allowed) or CHECK-NOTES (no other note either), and the fixed file against
     CHECK-FIXES (full lines). A test with none of these must produce no diagnostic.
  4. Compiles the fixed file against the nd runtime: a fix must compile.
  5. With -run (the test has a main()): builds and runs the original and the fixed
     program; both must exit 0 and print the same stdout.
     - When the fixed code reduces along an axis (nd::mean(a, 0), ...), the test must
       also build with -DND_SQUARE_INPUT, giving its arrays square shapes, and the two
       programs must agree there too: a wrong axis or ddof hides behind a shape error
       on non-square inputs only.
     - Lines "nd-alloc <line> <count>" (printed by Inputs/alloc_probe.hpp after a
       statement) are not compared as output: they are the array buffers the runtime
       allocated for the statement on <line> of the original. The nd-chained-temporaries
       warning on that line must state that count ("allocates N arrays"), and the fixed
       program's probe must count the "K more than the out forms" fewer (copyto: fewer),
       or, for the fused form, what the warning says it allocates ("fused ... allocates
       M arrays"; the passes it states are the operations, which no counter sees).
  6. A tree given --round-trip-reference (the LLVM 22 tree of scripts/run-tests.sh) does
     not build and run again a pair of programs whose round trip the reference tree
     passed with the same sources, flags, diagnostics and runtime headers
     (round_trips.py); any difference and it runs its own.
"""

import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
from typing import List, Optional

import round_trips

CHECK_LINE = re.compile(r"// *CHECK-[A-Z0-9\-]*:[^\r\n]*")
SUFFIX_SYNTAX = re.compile(r"^[A-Z0-9\-]*$")
# clang-tidy's own summary lines: not diagnostics, so they are not compared against the
# expectation that a test without CHECK lines produces nothing.
TIDY_SUMMARY = re.compile(
    r"^(\d+ warnings? (and \d+ errors? )?generated\.|Suppressed \d+ warnings? .*"
    r"|Use -header-filter=.*|clang-tidy applied \d+ of \d+ suggested fixes\.)$"
)
RUN_TIMEOUT_SECONDS = 120
# A reduction along a literal axis in fixed code: nd::mean(a, 0), nd::sum(a, {0, 1}).
AXIS_REDUCTION = re.compile(
    r"nd::(?:sum|prod|mean|var|stddev|min|max|argmin|argmax|any|all)\((?:[^()]|\([^()]*\))*?,\s*(?:-?\d|\{)")
ALLOC_PROBE = re.compile(r"^nd-alloc (\d+) (\d+)$", re.M)
CHAINED_CLAIM = re.compile(
    r":(\d+):\d+: warning: (?:chained array expression allocates|compound assignment computes its "
    r"right-hand side into|'nd::copyto' of a chained expression allocates) (at least )?(\d+) "
    r"(?:new )?arrays?(?:.*?, (\d+) more than the out forms)?.*\[nd-chained-temporaries\]")
# The fused form's message: the arrays before, then after (nd::eval over nd::lazy leaves).
FUSED_CLAIM = re.compile(
    r":(\d+):\d+: warning: [^\n]*? makes \d+ passes over memory and allocates (at least )?(\d+) "
    r"arrays?[^\n]*?; fused (?:with 'nd::eval'|into the reduction) over 'nd::lazy' operands it makes \d+ pass(?:es)? and "
    r"allocates (\d+) arrays? \[nd-chained-temporaries\]")


class TestFailure(Exception):
    """The test does not hold; the message says why."""


def split_extra_args(argv: List[str]):
    """Splits `runner args -- tidy args -- compiler args` as check_clang_tidy.py does."""
    if "--" not in argv:
        return argv, [], []
    first = argv.index("--")
    own, rest = argv[:first], argv[first + 1:]
    if "--" not in rest:
        return own, rest, []
    second = rest.index("--")
    return own, rest[:second], rest[second + 1:]


def parse_arguments(argv: List[str]):
    own, tidy_args, compiler_args = split_extra_args(argv)
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    tools = parser.add_argument_group("tools (supplied by lit.cfg.py)")
    tools.add_argument("--clang-tidy", required=True, help="clang-tidy of the plugin's LLVM version")
    tools.add_argument("--plugin", required=True, help="NdTidyModule.so")
    tools.add_argument("--nd-tidy", default="", help="nd-tidy executable, if built")
    tools.add_argument("--filecheck", required=True)
    tools.add_argument("--cxx", required=True, help="clang++ of that version, for the round trip")
    tools.add_argument("--runtime-include", required=True)
    tools.add_argument("--pch-c++20", dest="pch", default="",
                       help="nd/nd.hpp precompiled for -std=c++20, for the round trip")
    tools.add_argument("--plugin-pch", action="store_true",
                       help="the plugin parses the runtime's headers from the precompiled "
                            "header too (checks/lit.local.cfg)")
    tools.add_argument("--link", action="append", default=[],
                       help="library to link a runnable test against (repeatable)")
    tools.add_argument("--round-trip-record", default="",
                       help="directory where a passed round trip is recorded (round_trips.py)")
    tools.add_argument("--round-trip-reference", default="",
                       help="another tree's record: a round trip it passed is not run again")
    parser.add_argument("-run", action="store_true",
                        help="the test has a main(): run original and fixed programs")
    parser.add_argument("-check-suffix", "-check-suffixes", dest="suffixes", default=[""],
                        type=lambda s: s.split(","),
                        help="comma-separated FileCheck suffixes (CHECK-MESSAGES-<S>...)")
    parser.add_argument("-std", default="c++20")
    parser.add_argument("-expectations", default="",
                        help="read the CHECK-... lines from this file instead of the input "
                             "(for inputs that are not tests, such as docs/examples/)")
    parser.add_argument("input_file")
    parser.add_argument("check_name")
    parser.add_argument("temp_path")
    args = parser.parse_args(own)
    return args, tidy_args, compiler_args


def run(command: List[str], what: str, timeout: Optional[int] = None) -> str:
    """Runs a command; fails the test, showing its output, if it exits non-zero."""
    print("Running: " + " ".join(command))
    try:
        done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        raise TestFailure(f"{what} did not finish within {timeout} s")
    output = done.stdout.decode(errors="replace")
    if done.returncode != 0:
        raise TestFailure(f"{what} failed (exit {done.returncode}):\n{output}")
    return output


def write(path: str, text: str) -> None:
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def read(path: str) -> str:
    with open(path, encoding="utf-8") as f:
        return f.read()


def show_diff(a: str, b: str, name_a: str, name_b: str) -> str:
    return "".join(difflib.unified_diff(a.splitlines(True), b.splitlines(True),
                                        name_a, name_b))


class CheckTest:
    def __init__(self, args, tidy_args: List[str], compiler_args: List[str]):
        self.args = args
        self.source = read(args.input_file)
        # The file FileCheck reads the CHECK-... lines from.
        self.expectations_file = args.expectations or args.input_file
        self.expectations = read(self.expectations_file)
        self.tidy_args = list(tidy_args)
        # Without an explicit configuration, a .clang-tidy file above the build
        # directory must not change what the test sees.
        if not any(re.match(r"^--?config(-file)?=", a) for a in self.tidy_args):
            self.tidy_args.append("--config={}")
        self.extra_compiler_args = list(compiler_args)  # the test's own, after a second --
        self.compiler_args = ["-std=" + args.std, "-I", args.runtime_include] + compiler_args
        self.work_dir = args.temp_path + ".d"
        self.file_name = os.path.splitext(os.path.basename(args.input_file))[0] + ".cpp"
        self.prefixes = {"CHECK-MESSAGES": [], "CHECK-FIXES": [], "CHECK-NOTES": []}

    # -- expectations ---------------------------------------------------------------
    def find_prefixes(self) -> None:
        for suffix in self.args.suffixes:
            if not SUFFIX_SYNTAX.match(suffix):
                raise TestFailure(f'check suffixes may use only A-Z, 0-9 and "-": "{suffix}"')
            found_any = False
            for label, used in self.prefixes.items():
                prefix = label + ("-" + suffix if suffix else "")
                if re.search(re.escape(prefix) + r":", self.expectations):
                    used.append(prefix)
                    found_any = True
            if suffix and not found_any:
                raise TestFailure(f"no CHECK-MESSAGES/FIXES/NOTES-{suffix} line in the test")
            if self.uses("MESSAGES", suffix) and self.uses("NOTES", suffix):
                raise TestFailure("use either CHECK-MESSAGES or CHECK-NOTES, not both "
                                  f"(suffix '{suffix}')")

    def uses(self, kind: str, suffix: str) -> bool:
        prefix = "CHECK-" + kind + ("-" + suffix if suffix else "")
        return prefix in self.prefixes["CHECK-" + kind]

    def expects_diagnostics(self) -> bool:
        return any(self.prefixes.values())

    # -- running the front ends -----------------------------------------------------
    def front_ends(self):
        """(label, tool, extra compiler flags) of each front end.

        nd-tidy parses the runtime's headers from the precompiled header where the round
        trip would (it halves its time); the plugin parses them as a user's build does,
        except with --plugin-pch (the unit tests of the checks, checks/lit.local.cfg).
        The two outputs are compared byte for byte below, so each test without it (the
        corpus, the examples) also shows that the precompiled header changes nothing.
        """
        plugin_flags = self.precompiled_header() if self.args.plugin_pch else []
        ends = [("clang-tidy plugin", [self.args.clang_tidy, "--load=" + self.args.plugin],
                 plugin_flags)]
        if self.args.nd_tidy:
            ends.append(("nd-tidy", [self.args.nd_tidy], self.precompiled_header()))
        return ends

    def run_front_end(self, label: str, tool: List[str], extra_flags: List[str]):
        directory = os.path.join(self.work_dir, label.replace(" ", "-"))
        os.makedirs(directory, exist_ok=True)
        path = os.path.join(directory, self.file_name)
        write(path, CHECK_LINE.sub("//", self.source))
        command = (tool + [path, "-fix", "--checks=-*," + self.args.check_name]
                   + self.tidy_args + ["--"] + self.compiler_args + extra_flags)
        output = run(command, label)
        print(f"------------------------ {label} output ------------------------")
        print(output)
        # Paths differ only by the front end's directory; compare without it.
        return output, output.replace(directory + os.sep, ""), read(path), path

    # -- checks -------------------------------------------------------------------
    def file_check(self, input_path: str, prefixes: List[str], extra: List[str]) -> None:
        run([self.args.filecheck, "--input-file=" + input_path, self.expectations_file,
             "--check-prefixes=" + ",".join(prefixes)] + extra, "FileCheck")

    def check_results(self, output: str, fixed_path: str) -> None:
        diagnostics = [line for line in output.splitlines() if not TIDY_SUMMARY.match(line)]
        if not self.expects_diagnostics():
            if any(line.strip() for line in diagnostics):
                raise TestFailure("no diagnostics were expected (the test has no CHECK-"
                                  "MESSAGES/NOTES/FIXES lines), but got:\n"
                                  + "\n".join(diagnostics))
            return
        base = os.path.join(self.work_dir, self.file_name)
        if self.prefixes["CHECK-FIXES"]:
            self.file_check(fixed_path, self.prefixes["CHECK-FIXES"], ["--match-full-lines"])
        if self.prefixes["CHECK-MESSAGES"]:
            write(base + ".msg", output)
            self.file_check(base + ".msg", self.prefixes["CHECK-MESSAGES"],
                            ["--implicit-check-not={{warning|error}}:"])
        if self.prefixes["CHECK-NOTES"]:
            kept = [l for l in output.splitlines() if "note: FIX-IT applied" not in l]
            write(base + ".notes", "\n".join(kept) + "\n")
            self.file_check(base + ".notes", self.prefixes["CHECK-NOTES"],
                            ["--implicit-check-not={{note|warning|error}}:"])

    def round_trip(self, fixed_text: str) -> None:
        roundtrip_dir = os.path.join(self.work_dir, "roundtrip")
        os.makedirs(roundtrip_dir, exist_ok=True)
        original = os.path.join(roundtrip_dir, "original.cpp")
        fixed = os.path.join(roundtrip_dir, "fixed.cpp")
        original_text = CHECK_LINE.sub("//", self.source)
        write(original, original_text)
        write(fixed, fixed_text)
        compile_cmd = [self.args.cxx] + self.compiler_args + self.precompiled_header()
        # The flags, without the compiler and the tree's paths (the link libraries).
        # The diagnostics too: the allocation counts they state are checked below.
        key = round_trips.key(original_text, fixed_text,
                              self.compiler_args + [self.normalised_diagnostics],
                              self.args.run, self.args.runtime_include)
        if round_trips.passed_in(self.args.round_trip_reference, key):
            print("round trip: the same original and fixed programs passed in "
                  + self.args.round_trip_reference + "; not run again")
            return
        self.build_and_run(compile_cmd, original, fixed, fixed_text)
        round_trips.record(self.args.round_trip_record, key)

    def build_and_run(self, compile_cmd: List[str], original: str, fixed: str,
                      fixed_text: str) -> None:
        if not self.args.run:
            run(compile_cmd + ["-c", fixed, "-o", fixed + ".o"],
                "compiling the fixed file")
            return
        outputs = self.run_both(compile_cmd, original, fixed, "")
        self.check_allocations(outputs)
        if AXIS_REDUCTION.search(fixed_text):
            if "ND_SQUARE_INPUT" not in self.source:
                raise TestFailure("the fixed code reduces along an axis: give the test square "
                                  "inputs under '#ifdef ND_SQUARE_INPUT', so that a wrong axis "
                                  "cannot hide behind a shape error")
            self.run_both(compile_cmd + ["-DND_SQUARE_INPUT"], original, fixed, "-square")

    def precompiled_header(self) -> List[str]:
        """-include-pch of nd/nd.hpp where it changes nothing but the time.

        That is where the source's first directive includes <nd/nd.hpp> (the runtime's
        headers test no macro, so -D flags keep their meaning) and the test adds only
        -D and -I flags (other flags change the language options the header was built
        with).
        """
        if not self.args.pch or self.args.std != "c++20":
            return []
        if any(not a.startswith(("-D", "-I")) for a in self.extra_compiler_args):
            return []
        without_comments = re.sub(r"//[^\n]*|/\*.*?\*/", "", self.source, flags=re.S)
        first = re.search(r"^\s*#.*$", without_comments, re.M)
        if not first or not re.fullmatch(r"\s*#\s*include\s*<nd/nd\.hpp>\s*", first.group(0)):
            return []
        return ["-include-pch", self.args.pch]

    def run_both(self, compile_cmd: List[str], original: str, fixed: str, variant: str):
        outputs = {}
        for name, source in (("original", original), ("fixed", fixed)):
            program = os.path.join(os.path.dirname(original), name + variant)
            run(compile_cmd + [source, "-o", program] + self.args.link,
                f"building the {name}{variant} program")
            outputs[name] = run([program], f"running the {name}{variant} program",
                                timeout=RUN_TIMEOUT_SECONDS)
        shown = {name: ALLOC_PROBE.sub("", text) for name, text in outputs.items()}
        if shown["original"] != shown["fixed"]:
            raise TestFailure(f"the fixed{variant} program prints something else than the original:\n"
                              + show_diff(shown["original"], shown["fixed"], "original", "fixed"))
        print(f"------------------------ program{variant} output (both) ------------------------")
        print(outputs["original"])
        return outputs

    def check_allocations(self, outputs) -> None:
        """The allocation counts of the diagnostics against the runtime's own."""
        original = ALLOC_PROBE.findall(outputs["original"])
        fixed = ALLOC_PROBE.findall(outputs["fixed"])
        if len(original) != len(fixed):
            raise TestFailure("the original and the fixed program ran different numbers of "
                              "allocation probes")
        claims = {}
        for match in CHAINED_CLAIM.finditer(self.diagnostics):
            claims[int(match.group(1))] = (bool(match.group(2)), int(match.group(3)),
                                           int(match.group(4)) if match.group(4) else None, None)
        for match in FUSED_CLAIM.finditer(self.diagnostics):
            claims[int(match.group(1))] = (bool(match.group(2)), int(match.group(3)), None,
                                           int(match.group(4)))
        for (line, before), (_, after) in zip(original, fixed):
            line, before, after = int(line), int(before), int(after)
            claim = claims.get(line)
            if claim is None:
                if after != before:
                    raise TestFailure(f"line {line} has no diagnostic, yet the fix changed its "
                                      f"allocations from {before} to {after}")
                continue
            at_least, count, saved, fused_after = claim
            if before < count if at_least else before != count:
                raise TestFailure(f"the diagnostic on line {line} says the statement allocates "
                                  f"{'at least ' if at_least else ''}{count} arrays; the runtime "
                                  f"allocated {before}")
            if fused_after is not None:
                # The fused form may allocate what the chain did (the passes are its gain).
                if after != fused_after:
                    raise TestFailure(f"the fused fix of line {line} allocates {after} arrays; "
                                      f"the diagnostic says {fused_after}")
                print(f"line {line}: {before} allocations as the diagnostic says, {after} after "
                      "the fused fix")
                continue
            expected_after = before - saved if saved is not None else None
            if after >= before or (expected_after is not None and after != expected_after):
                raise TestFailure(f"the fix of line {line} allocates {after} arrays where the "
                                  f"original allocated {before}"
                                  + (f"; the diagnostic promised {saved} fewer" if saved else ""))
            print(f"line {line}: {before} allocations as the diagnostic says, {after} after the fix")

    def run(self) -> None:
        self.find_prefixes()
        shutil.rmtree(self.work_dir, ignore_errors=True)
        results = [(label,) + self.run_front_end(label, tool, flags)
                   for label, tool, flags in self.front_ends()]
        first_label, output, normalised, fixed_text, fixed_path = results[0]
        for label, _, other_normalised, other_fixed, _ in results[1:]:
            if other_normalised != normalised:
                raise TestFailure(f"{first_label} and {label} print different diagnostics:\n"
                                  + show_diff(normalised, other_normalised, first_label, label))
            if other_fixed != fixed_text:
                raise TestFailure(f"{first_label} and {label} fix the file differently:\n"
                                  + show_diff(fixed_text, other_fixed, first_label, label))
        print("------------------------------ fixes ------------------------------")
        print(show_diff(CHECK_LINE.sub("//", self.source), fixed_text, "original", "fixed"))
        self.diagnostics = output
        self.normalised_diagnostics = normalised
        self.check_results(output, fixed_path)
        self.round_trip(fixed_text)


def main() -> int:
    args, tidy_args, compiler_args = parse_arguments(sys.argv[1:])
    try:
        CheckTest(args, tidy_args, compiler_args).run()
    except TestFailure as failure:
        print("FAIL: " + str(failure), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
