"""http_store.py: runs a command against a real nginx HTTP store, then stops nginx.

    http_store.py --nginx NGINX --root DIR [--answer CODE | --read-only | --down]
                  [--access-log FILE] -- COMMAND...

nginx serves DIR/data on a free port of 127.0.0.1 with WebDAV PUT (the protocol of
nd-tidy --cache-url: GET, PUT), from a configuration written in DIR, as the current
user, in the foreground; every @URL@ in COMMAND becomes http://127.0.0.1:PORT. The
files stay in DIR/data between runs, so a test can start one server per command and
keep its content. nginx is stopped when the command ends, whatever its status, and
dies with this script (a killed test leaves no server behind). Each request is one
line "METHOD URI STATUS" of the access log (default DIR/access.log, appended).

--answer CODE: every request is answered CODE (a broken server). --read-only: GET
works, PUT is refused (405). --down: no server at all, a port where nothing listens.
Exits with COMMAND's status.
"""
import argparse
import ctypes
import grp
import os
import pwd
import signal
import socket
import subprocess
import sys
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def configuration(args, root, port):
    location = "dav_methods PUT; create_full_put_path on; dav_access user:rw;"
    if args.read_only:
        location = ""
    if args.answer:
        location = "return %d;" % args.answer
    # As root, nginx would hand the requests to user nobody, who cannot write DIR.
    user = ""
    if os.geteuid() == 0:
        user = "user %s %s;" % (pwd.getpwuid(os.getuid()).pw_name, grp.getgrgid(os.getgid()).gr_name)
    temp = "".join("%s_temp_path %s;\n  " % (kind, os.path.join(root, "tmp-" + kind))
                   for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return """daemon off;
master_process off;
%(user)s
pid %(root)s/nginx.pid;
error_log %(root)s/error.log;
events { worker_connections 64; }
http {
  log_format nd '$request_method $uri $status';
  access_log %(log)s nd;
  %(temp)s
  client_max_body_size 64m;
  server {
    listen 127.0.0.1:%(port)d;
    root %(root)s/data;
    location / { %(location)s }
  }
}
""" % {"user": user, "root": root, "log": args.access_log, "temp": temp, "port": port,
       "location": location}


def die_with_parent():
    # PR_SET_PDEATHSIG: nginx gets SIGTERM when this script ends, however it ends.
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)


def listening(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


def start(args, root):
    """nginx on a free port, and the port; a port taken meanwhile is tried again."""
    for _ in range(5):
        port = free_port()
        with open(os.path.join(root, "nginx.conf"), "w") as f:
            f.write(configuration(args, root, port))
        server = subprocess.Popen([args.nginx, "-p", root, "-c", os.path.join(root, "nginx.conf")],
                                  preexec_fn=die_with_parent)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and server.poll() is None:
            if listening(port):
                return server, port
            time.sleep(0.05)
        if server.poll() is None:
            server.kill()
        server.wait()
    sys.exit("http_store.py: nginx did not start; see %s/error.log" % root)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--nginx", required=True)
    parser.add_argument("--root", required=True)
    parser.add_argument("--access-log")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--answer", type=int)
    mode.add_argument("--read-only", action="store_true")
    mode.add_argument("--down", action="store_true")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    root = os.path.abspath(args.root)
    os.makedirs(os.path.join(root, "data"), exist_ok=True)
    args.access_log = os.path.abspath(args.access_log or os.path.join(root, "access.log"))

    server = None
    if args.down:
        port = free_port()
    else:
        server, port = start(args, root)
    url = "http://127.0.0.1:%d" % port
    try:
        status = subprocess.call([a.replace("@URL@", url) for a in command])
    finally:
        if server:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    sys.exit(status)


main()
