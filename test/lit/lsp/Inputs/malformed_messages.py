"""Sends an LSP server malformed messages between valid ones and prints, for each,
what came back: "error <code> id <id>" for a JSON-RPC error, "result id <id>" for a
result; then shuts the server down and prints its exit status.

    malformed_messages.py SERVER [ARGS...]
"""
import json
import subprocess
import sys


def send_raw(process, body):
    process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    process.stdin.flush()


def send(process, message):
    send_raw(process, json.dumps(message).encode())


def receive(process):
    length = None
    while True:
        line = process.stdout.readline()
        if not line:
            print("the server closed its output")
            sys.exit(0)
        line = line.strip()
        if not line:
            break
        name, _, value = line.partition(b":")
        if name.lower() == b"content-length":
            length = int(value)
    return json.loads(process.stdout.read(length))


def answer(process):
    """The next response (server requests and notifications are skipped)."""
    while True:
        message = receive(process)
        if "method" in message:
            continue
        if "error" in message:
            return "error %d id %s" % (message["error"]["code"], json.dumps(message.get("id")))
        return "result id %s" % json.dumps(message.get("id"))


def main():
    process = subprocess.Popen(sys.argv[1:], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL)
    send(process, {"jsonrpc": "2.0", "id": 1, "method": "initialize",
                   "params": {"processId": None, "rootUri": None, "capabilities": {}}})
    print(answer(process))
    send(process, {"jsonrpc": "2.0", "method": "initialized", "params": {}})
    for body in [b"[1,2]", b"{}", b"not json", b'{"id": 7, "method": "shutdown"}',
                 b'{"jsonrpc": "2.0", "params": {}}', b"42"]:
        send_raw(process, body)
        print(answer(process))
    # Still up: a request is answered.
    send(process, {"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    print(answer(process))
    send(process, {"jsonrpc": "2.0", "method": "exit"})
    print("exit status %d" % process.wait(timeout=30))


main()
