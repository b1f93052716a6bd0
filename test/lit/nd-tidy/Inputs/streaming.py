# streaming.py GATE TEXT command...: runs the command and requires that it prints a
# line containing TEXT while its last translation unit cannot finish yet: that unit
# includes GATE, a named pipe, and its compiler blocks reading it until this script
# opens the pipe, which it does only after seeing TEXT. An nd-tidy that prints nothing
# before every unit is done never shows TEXT, and the script fails after a timeout.
# The command's output is passed on; the exit status is the command's.
import os
import queue
import subprocess
import sys
import threading

gate, text = sys.argv[1], sys.argv[2]
process = subprocess.Popen(sys.argv[3:], stdout=subprocess.PIPE, text=True)
lines = queue.Queue()


def read():
    for line in process.stdout:
        lines.put(line)
    lines.put(None)


threading.Thread(target=read, daemon=True).start()
seen = []
while True:
    try:
        line = lines.get(timeout=120)
    except queue.Empty:
        process.kill()
        sys.exit("streaming.py: no line with %r before the gated unit finished" % text)
    if line is None:
        sys.exit("streaming.py: the command ended without printing %r" % text)
    seen.append(line)
    if text in line:
        break
with open(gate, "w"):
    pass  # opening the pipe lets the gated unit read it, empty
while True:
    line = lines.get()
    if line is None:
        break
    seen.append(line)
sys.stdout.write("".join(seen))
sys.exit(process.wait())
