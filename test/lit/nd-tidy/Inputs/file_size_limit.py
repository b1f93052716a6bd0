# file_size_limit.py BYTES command...: runs the command with the file-size limit
# (ulimit -f) set to BYTES, so that a write past it fails. Its exit status is the
# command's (negative: killed by that signal, e.g. SIGXFSZ).
import resource
import subprocess
import sys

limit = int(sys.argv[1])


def set_limit():
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


sys.exit(subprocess.call(sys.argv[2:], preexec_fn=set_limit))
