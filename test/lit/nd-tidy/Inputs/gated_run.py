# gated_run.py: runs nd-tidy commands that stop half-way, so that a test can change a
# source at a known point of a run. Each command is given `-include GATE` (GATE a named
# pipe, --extra-arg in project mode, a compiler flag in plain mode): clang opens the
# pipe after it has read the translation unit's source, and waits there until this
# script has done what the test asks and closed its end.
#
#   gated_run.py edit FILE GATE ERR -- COMMAND...
#       Runs COMMAND; once it has read FILE, adds a line at the top of FILE, then lets
#       it go on. Prints COMMAND's status; its stderr goes to ERR.
#   gated_run.py two GATE_A ERR_A GATE_B ERR_B -- COMMAND_A... --and-- COMMAND_B...
#       Runs both until each has read its sources, then lets A finish, then B.
#       Prints "A: <status>" and "B: <status>".
import errno
import os
import subprocess
import sys
import time

TIMEOUT_SECONDS = 300


def start(command, err_path):
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=open(err_path, "w"))


def hold(gate, process):
    """Opens GATE for writing once the command has opened it for reading (it has read
    its sources by then); the descriptor, which releases the command when closed."""
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while True:
        try:
            return os.open(gate, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as error:
            if error.errno != errno.ENXIO:
                raise
        if process.poll() is not None:
            sys.exit("gated_run.py: the command ended (status %d) before it read %s"
                     % (process.returncode, gate))
        if time.monotonic() > deadline:
            process.kill()
            sys.exit("gated_run.py: the command did not read %s" % gate)
        time.sleep(0.01)


def make_gate(path):
    if os.path.exists(path):
        os.unlink(path)
    os.mkfifo(path)


def main():
    mode, args = sys.argv[1], sys.argv[2:]
    split = args.index("--")
    if mode == "edit":
        file, gate, err = args[:split]
        make_gate(gate)
        process = start(args[split + 1:], err)
        fd = hold(gate, process)
        with open(file) as f:
            text = f.read()
        with open(file, "w") as f:
            f.write("// edited while nd-tidy ran\n" + text)
        os.close(fd)
        print(process.wait())
    elif mode == "two":
        gate_a, err_a, gate_b, err_b = args[:split]
        rest = args[split + 1:]
        second = rest.index("--and--")
        make_gate(gate_a)
        make_gate(gate_b)
        a = start(rest[:second], err_a)
        b = start(rest[second + 1:], err_b)
        fd_a, fd_b = hold(gate_a, a), hold(gate_b, b)
        os.close(fd_a)
        print("A: %d" % a.wait())
        os.close(fd_b)
        print("B: %d" % b.wait())
    else:
        sys.exit("gated_run.py: unknown mode " + mode)


main()
