"""Prints the serverInfo of an LSP server's initialize result as "name: ..." and
"version: ...", then shuts the server down.

    server_info.py SERVER [ARGS...]
"""
import json
import subprocess
import sys


def send(process, message):
    body = json.dumps(message).encode()
    process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    process.stdin.flush()


def receive(process):
    length = None
    while True:
        line = process.stdout.readline()
        if not line:
            sys.exit("server_info.py: the server closed its output")
        line = line.strip()
        if not line:
            break
        name, _, value = line.partition(b":")
        if name.lower() == b"content-length":
            length = int(value)
    return json.loads(process.stdout.read(length))


def main():
    process = subprocess.Popen(sys.argv[1:], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL)
    send(process, {"jsonrpc": "2.0", "id": 1, "method": "initialize",
                   "params": {"processId": None, "rootUri": None, "capabilities": {}}})
    while True:
        message = receive(process)
        if message.get("id") == 1:
            break
    info = message["result"].get("serverInfo", {})
    print("name: %s" % info.get("name"))
    print("version: %s" % info.get("version"))
    send(process, {"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    send(process, {"jsonrpc": "2.0", "method": "exit"})
    process.wait(timeout=30)


main()
