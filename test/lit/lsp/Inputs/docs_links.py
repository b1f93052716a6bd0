#!/usr/bin/env python3
"""Prints the documentation links nd-clangd gives its diagnostics, as an editor sees them.

Opens --input in a fresh project whose .clangd enables nd-gather-downsampling and
modernize-use-nullptr, waits for both diagnostics and prints, for each, its code and
codeDescription.href, and for a file:// link whether the page it names exists. Then
asks for the nd diagnostic's code actions and prints the links of the diagnostics they
repeat. Exits 0 if the session went through (the links are for the test to check).
"""

import argparse
import os
import sys
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from lsp_fix_roundtrip import (LanguageServer, clean_environment, open_document,  # noqa: E402
                               run_session, set_up_project)

CHECKS = ["modernize-use-nullptr", "nd-gather-downsampling"]


def describe(href):
    """The link, and for a file:// link whether its page exists."""
    parsed = urllib.parse.urlparse(href)
    if parsed.scheme != "file":
        return href
    page = urllib.parse.unquote(parsed.path)
    return "%s (%s)" % (href, "page exists" if os.path.isfile(page) else "no such page")


def link(diagnostic):
    return diagnostic.get("codeDescription", {}).get("href", "no link")


def session(server, uri, text, timeout):
    open_document(server, os.path.dirname(uri[len("file://"):]), uri, text,
                  {"textDocument": {"codeAction": {"codeActionLiteralSupport": {
                      "codeActionKind": {"valueSet": ["quickfix"]}}}}})

    def has_both(message):
        return (message.get("method") == "textDocument/publishDiagnostics"
                and message["params"]["uri"] == uri
                and set(CHECKS) <= {d.get("code") for d in message["params"]["diagnostics"]})

    published = server.wait_for(has_both, timeout, "the diagnostics of %s" % CHECKS)
    diagnostics = {d["code"]: d for d in published["params"]["diagnostics"] if "code" in d}
    for check in CHECKS:
        print("%s: %s" % (check, describe(link(diagnostics[check]))))
    nd = diagnostics["nd-gather-downsampling"]
    actions = server.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": nd["range"],
        "context": {"diagnostics": [nd], "only": ["quickfix"]}}, timeout=60)
    for action in actions or []:
        for repeated in action.get("diagnostics", []):
            print("code action %s: %s" % (repeated.get("code"), link(repeated)))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clangd", required=True)
    parser.add_argument("--runtime-include", required=True)
    parser.add_argument("--input", required=True)
    parser.add_argument("--work-dir", required=True)
    parser.add_argument("--env", action="append", default=[], help="NAME=VALUE for nd-clangd")
    parser.add_argument("--arg", action="append", default=[], help="an argument of nd-clangd")
    parser.add_argument("--timeout", type=float, default=180)
    args = parser.parse_args()
    args.work_dir = os.path.abspath(args.work_dir)
    path = set_up_project(args.work_dir, args.input, args.runtime_include, CHECKS)
    with open(path, encoding="utf-8") as f:
        text = f.read()

    env = clean_environment(args.work_dir)
    env.update(entry.split("=", 1) for entry in args.env)
    server = LanguageServer([args.clangd, "--background-index=false", "--pch-storage=memory"]
                            + args.arg, os.path.join(args.work_dir, "clangd.log"), env)
    return run_session(server, lambda: session(server, "file://" + path, text, args.timeout))

if __name__ == "__main__":
    sys.exit(main())
