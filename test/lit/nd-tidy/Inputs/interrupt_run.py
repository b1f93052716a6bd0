# interrupt_run.py SIGNAL GATE TMP -- COMMAND...: runs COMMAND (nd-tidy in project mode
# with `--extra-arg=-include GATE`, GATE a named pipe) with TMPDIR=TMP, waits until a
# worker is running (it has opened GATE), sends SIGNAL (TERM or INT) to COMMAND, and
# reports how COMMAND ended, how many of its workers are still running a second later,
# and what is left in TMP.
import errno
import os
import signal
import subprocess
import sys
import time

name, gate, tmp = sys.argv[1:4]
command = sys.argv[sys.argv.index("--") + 1:]
os.makedirs(tmp, exist_ok=True)
if os.path.exists(gate):
    os.unlink(gate)
os.mkfifo(gate)
process = subprocess.Popen(command, env=dict(os.environ, TMPDIR=tmp),
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
deadline = time.monotonic() + 300
while True:
    try:
        fd = os.open(gate, os.O_WRONLY | os.O_NONBLOCK)
        break
    except OSError as error:
        if error.errno != errno.ENXIO:
            raise
    if process.poll() is not None or time.monotonic() > deadline:
        process.kill()
        sys.exit("interrupt_run.py: no worker opened %s" % gate)
    time.sleep(0.01)


def workers():
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or int(pid) in (os.getpid(), process.pid):
            continue
        try:
            with open("/proc/%s/cmdline" % pid, "rb") as f:
                if gate.encode() in f.read():
                    found.append(pid)
        except (OSError, ValueError):
            pass
    return found


before = len(workers())
process.send_signal(getattr(signal, "SIG" + name))
status = process.wait(timeout=120)
time.sleep(1)
os.close(fd)
print("workers running before: %s" % ("some" if before else "none"))
print("nd-tidy ended by: %s" % (signal.Signals(-status).name if status < 0 else "exit %d" % status))
print("workers left: %d" % len(workers()))
print("left in TMPDIR: %s" % sorted(n for n in os.listdir(tmp) if n != os.path.basename(gate)))
