"""Checks that the C++ sources of runtime/, checks/ and tool/ are formatted as their
folder's .clang-format says, with the clang-format this project pins (19: other
versions break lines differently). Prints each file that differs, with the command that
formats it, and exits 1 if there is one; exits 2 when that clang-format is missing."""

import argparse
import os
import shutil
import subprocess
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
FOLDERS = ("runtime", "checks", "tool")
SUFFIXES = (".hpp", ".cpp", ".h")
VERSION = "19"


def sources():
    for folder in FOLDERS:
        for directory, _, names in os.walk(os.path.join(ROOT, folder)):
            for name in sorted(names):
                if name.endswith(SUFFIXES):
                    yield os.path.join(directory, name)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--clang-format", default=f"clang-format-{VERSION}")
    ap.add_argument("--fix", action="store_true", help="format the files that differ, in place")
    args = ap.parse_args()
    tool = shutil.which(args.clang_format)
    if not tool:
        print(f"{args.clang_format} not found: run scripts/install-deps.sh", file=sys.stderr)
        return 2
    version = subprocess.run([tool, "--version"], capture_output=True, text=True).stdout
    if f"version {VERSION}." not in version:
        print(f"{tool} is not clang-format {VERSION}: {version.strip()}", file=sys.stderr)
        return 2
    files = list(sources())
    differ = []
    for path in files:
        with open(path, "rb") as f:
            text = f.read()
        formatted = subprocess.run([tool, "--style=file", f"--assume-filename={path}"], input=text,
                                   capture_output=True, check=True).stdout
        if formatted != text:
            differ.append(os.path.relpath(path, ROOT))
            if args.fix:
                with open(path, "wb") as f:
                    f.write(formatted)
    for rel in differ:
        print(f"{rel}: not formatted ({'formatted now' if args.fix else 'clang-format-' + VERSION + ' -i ' + rel})")
    print(f"{len(files)} files checked, {len(differ)} not formatted")
    return 1 if differ and not args.fix else 0


if __name__ == "__main__":
    sys.exit(main())
