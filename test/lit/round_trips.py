"""The record of the round trips that passed, shared between build trees.

A round trip (check_nd_tidy.py) builds and runs a test's original and fixed programs
against the runtime. Its outcome is decided by the two sources, the compiler flags and
the runtime; not by the LLVM version of the checks that wrote the fix. A tree for a
second LLVM version (scripts/run-tests.sh's LLVM 22 tree) therefore need not build and
run a pair of programs that the first tree's round trip already passed: same original,
same fixed text, same flags and runtime headers. Where its fix differs in any byte, it
runs the round trip itself.

Each passed round trip leaves an empty file named by its key in the tree's record
directory (<lit build dir>/round-trips). The record only ever spares the other tree:
a tree always runs its own round trips.
"""

import hashlib
import os
from typing import List


def _runtime_headers_digest(include_dir: str) -> str:
    digest = hashlib.sha256()
    for root, dirs, files in os.walk(include_dir):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            digest.update(os.path.relpath(path, include_dir).encode() + b"\0")
            with open(path, "rb") as f:
                digest.update(f.read())
    return digest.hexdigest()


def key(original: str, fixed: str, flags: List[str], runs: bool, include_dir: str) -> str:
    """What decides the round trip's outcome; the compiler and the tree's own paths aside."""
    digest = hashlib.sha256()
    for part in (original, fixed, "\0".join(flags), "run" if runs else "compile",
                 _runtime_headers_digest(include_dir)):
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0\0")
    return digest.hexdigest()


def record(directory: str, round_trip_key: str) -> None:
    if not directory:
        return
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, round_trip_key), "w", encoding="utf-8"):
        pass


def passed_in(directory: str, round_trip_key: str) -> bool:
    return bool(directory) and os.path.exists(os.path.join(directory, round_trip_key))
