#!/usr/bin/env python3
"""Drives nd-clangd over the Language Server Protocol as an editor does.

Opens --input in a fresh project directory whose .clangd enables --check, waits for a
diagnostic of that check, asks for the code actions at that diagnostic, applies the
quick fix's WorkspaceEdit to the text and compares the result with --expected.
Exits 0 only if every step happens and the text matches.
"""

import argparse
import difflib
import json
import os
import queue
import shutil
import subprocess
import sys
import threading
import time


class LspFailure(Exception):
    """The server did not behave as an editor needs; the message says how."""


class LanguageServer:
    """A JSON-RPC 2.0 connection to a server over its stdin and stdout."""

    def __init__(self, command, log_path, env):
        self.log = open(log_path, "w", encoding="utf-8")
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=self.log, env=env)
        self.next_id = 1
        self.incoming = queue.Queue()
        self.reader = threading.Thread(target=self._read_messages, daemon=True)
        self.reader.start()

    def _read_messages(self):
        stream = self.process.stdout
        while True:
            headers = {}
            while True:
                line = stream.readline()
                if not line:
                    self.incoming.put(None)  # the server closed its output
                    return
                line = line.decode("ascii").strip()
                if not line:
                    break
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            body = stream.read(int(headers["content-length"]))
            self.incoming.put(json.loads(body))

    def send(self, message):
        message["jsonrpc"] = "2.0"
        body = json.dumps(message).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method, params):
        self.send({"method": method, "params": params})

    def request(self, method, params, timeout):
        request_id = self.next_id
        self.next_id += 1
        self.send({"id": request_id, "method": method, "params": params})
        reply = self.wait_for(lambda m: m.get("id") == request_id and "method" not in m,
                              timeout, f"the reply to {method}")
        if "error" in reply:
            raise LspFailure(f"{method} failed: {reply['error']}")
        return reply["result"]

    def wait_for(self, wanted, timeout, what):
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise LspFailure(f"no {what} within {timeout} s")
            try:
                message = self.incoming.get(timeout=remaining)
            except queue.Empty:
                continue
            if message is None:
                raise LspFailure(f"the server exited while waiting for {what}")
            if "method" in message and "id" in message:
                # A request from the server (e.g. window/workDoneProgress/create).
                self.send({"id": message["id"], "result": None})
                continue
            if wanted(message):
                return message

    def shut_down(self):
        """Ends the session as an editor does. How fast the server then exits is not
        under test (it may still be finishing a build of the file), so a server that
        is slow to exit is killed rather than failing the test."""
        try:
            self.request("shutdown", None, timeout=60)
            self.notify("exit", None)
            self.process.stdin.close()
            self.process.wait(timeout=60)
        except (LspFailure, OSError, subprocess.TimeoutExpired) as problem:
            print(f"note: the server did not shut down cleanly ({problem}); killed it",
                  file=sys.stderr)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            self.log.close()


def offset_of(text, position):
    """Offset in `text` of an LSP position (line, UTF-16 column; the inputs are ASCII)."""
    lines = text.splitlines(keepends=True)
    return sum(len(line) for line in lines[:position["line"]]) + position["character"]


def apply_edits(text, edits):
    for edit in sorted(edits, key=lambda e: (e["range"]["start"]["line"],
                                             e["range"]["start"]["character"]),
                       reverse=True):
        start = offset_of(text, edit["range"]["start"])
        end = offset_of(text, edit["range"]["end"])
        text = text[:start] + edit["newText"] + text[end:]
    return text


def edits_for(action, uri):
    edit = action.get("edit", {})
    if "documentChanges" in edit:
        return [e for change in edit["documentChanges"]
                if change["textDocument"]["uri"] == uri for e in change["edits"]]
    return edit.get("changes", {}).get(uri, [])


def same_diagnostic(a, b):
    # A code action repeats its diagnostic without the optional fields (tags, links).
    return all(a.get(key) == b.get(key) for key in ("code", "range", "message"))


def set_up_project(work_dir, source, runtime_include, checks):
    """work_dir holding a copy of `source`, a compilation database and a .clangd that
    enables `checks`; returns the copy's path."""
    os.makedirs(work_dir, exist_ok=True)
    path = os.path.join(work_dir, os.path.basename(source))
    shutil.copyfile(source, path)
    with open(os.path.join(work_dir, "compile_commands.json"), "w") as f:
        json.dump([{"directory": work_dir, "file": path,
                    "arguments": ["clang++", "-std=c++20", "-I", runtime_include,
                                  "-c", path]}], f)
    with open(os.path.join(work_dir, ".clangd"), "w") as f:
        # FastCheckFilter: None, or clangd 19 runs only checks it knows to be fast.
        f.write("Diagnostics:\n  ClangTidy:\n    Add: [%s]\n    FastCheckFilter: None\n"
                % ", ".join(checks))
    return path


def clean_environment(work_dir):
    """The environment for clangd: no user or system clangd configuration may take part."""
    return dict(os.environ, HOME=work_dir, XDG_CONFIG_HOME=work_dir)


def open_document(server, root, uri, text, capabilities):
    """initialize (with the client's capabilities), initialized, and didOpen of uri."""
    server.request("initialize", {"processId": os.getpid(), "rootUri": "file://" + root,
                                  "capabilities": capabilities}, timeout=60)
    server.notify("initialized", {})
    server.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "cpp", "version": 1, "text": text}})


def run_session(server, session):
    """Runs session(); on an LspFailure prints it with the server log's path, kills the
    server and returns 1; otherwise shuts the server down and returns 0."""
    try:
        session()
    except LspFailure as failure:
        print(f"FAIL: {failure}\n(server log: {server.log.name})", file=sys.stderr)
        server.process.kill()
        server.process.wait()
        return 1
    finally:
        if server.process.poll() is None:
            server.shut_down()
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clangd", required=True)
    parser.add_argument("--check", required=True, help="the clang-tidy check to enable")
    parser.add_argument("--runtime-include", required=True)
    parser.add_argument("--input", required=True)
    parser.add_argument("--expected", required=True)
    parser.add_argument("--work-dir", required=True)
    parser.add_argument("--timeout", type=float, default=180)
    args = parser.parse_args()
    args.work_dir = os.path.abspath(args.work_dir)

    shutil.rmtree(args.work_dir, ignore_errors=True)
    path = set_up_project(args.work_dir, args.input, args.runtime_include, [args.check])
    uri = "file://" + path
    with open(path, encoding="utf-8") as f:
        text = f.read()
    with open(args.expected, encoding="utf-8") as f:
        expected = f.read()

    server = LanguageServer([args.clangd, "--log=verbose", "--background-index=false",
                             "--pch-storage=memory"],
                            os.path.join(args.work_dir, "clangd.log"),
                            clean_environment(args.work_dir))
    return run_session(server, lambda: fix_roundtrip(server, args, uri, text, expected))


def fix_roundtrip(server, args, uri, text, expected):
    """Opens the file, waits for the check's diagnostic, applies its quick fix and
    compares the text with the expected file."""
    open_document(server, args.work_dir, uri, text, {
        "textDocument": {
            "publishDiagnostics": {"relatedInformation": True},
            "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {
                "valueSet": ["quickfix", "refactor", "source"]}}},
        },
        "workspace": {"workspaceEdit": {"documentChanges": True}},
    })

    def has_check_diagnostic(message):
        return (message.get("method") == "textDocument/publishDiagnostics"
                and message["params"]["uri"] == uri
                and any(d.get("code") == args.check
                        for d in message["params"]["diagnostics"]))

    published = server.wait_for(has_check_diagnostic, args.timeout,
                                f"{args.check} diagnostic")
    diagnostic = next(d for d in published["params"]["diagnostics"]
                      if d.get("code") == args.check)
    print(f"diagnostic: {json.dumps(diagnostic)}")

    actions = server.request("textDocument/codeAction", {
        "textDocument": {"uri": uri},
        "range": diagnostic["range"],
        "context": {"diagnostics": [diagnostic], "only": ["quickfix"]},
    }, timeout=60)
    fixes = [a for a in actions or [] if a.get("kind") == "quickfix"
             and any(same_diagnostic(diagnostic, d) for d in a.get("diagnostics", []))
             and edits_for(a, uri)]
    if not fixes:
        raise LspFailure(f"no quick fix for the diagnostic; code actions: {actions}")
    print(f"applying: {fixes[0]['title']}")
    fixed = apply_edits(text, edits_for(fixes[0], uri))
    if fixed != expected:
        raise LspFailure("the fixed text differs from the expected file:\n" + "".join(
            difflib.unified_diff(expected.splitlines(True), fixed.splitlines(True),
                                 "expected", "fixed")))
    print("the fixed text matches the expected file")


if __name__ == "__main__":
    sys.exit(main())
