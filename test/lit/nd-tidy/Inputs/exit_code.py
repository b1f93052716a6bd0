# exit_code.py N command...: runs the command (its output passes through) and succeeds
# only if it exits with status N, so that a test can tell exit status 1 from 2.
import subprocess
import sys

expected = int(sys.argv[1])
status = subprocess.call(sys.argv[2:])
if status != expected:
    sys.stderr.write("exit_code.py: expected exit status %d, got %d: %s\n"
                     % (expected, status, " ".join(sys.argv[2:])))
    sys.exit(1)
