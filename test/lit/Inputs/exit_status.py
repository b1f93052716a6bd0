"""Runs a command and fails unless it exits with the expected status.

    exit_status.py STATUS COMMAND [ARG...]

The command's standard output and error are passed through (so that FileCheck can read
them); the exit status is this script's own: 0 when the command exited with STATUS, 1
otherwise (with a message on standard error)."""
import subprocess
import sys

if len(sys.argv) < 3:
    sys.exit("usage: exit_status.py STATUS COMMAND [ARG...]")
expected = int(sys.argv[1])
status = subprocess.call(sys.argv[2:])
if status != expected:
    sys.stderr.write("exit_status.py: %s exited with %d, expected %d\n"
                     % (sys.argv[2], status, expected))
    sys.exit(1)
