"""Prints the parts of nd-tidy's SARIF output that the lit tests check, one per line.

    sarif_summary.py [--absolute-uris] FILE.sarif PROJECT_DIR

Checks what a line-based FileCheck cannot (and exits 1 with a message if it fails):
one run; each result's ruleIndex names the rule with its ruleId; every rule is used by a
result; every rule has a non-empty shortDescription; each fix's artifactChanges have
replacements; with --absolute-uris, every artifact URI is an absolute file URI inside
PROJECT_DIR. Then prints, with file URIs shown relative to PROJECT_DIR:

    log <version> <tool name>
    rule <id> <helpUri>
    result <ruleId> <level> <file>:<line>:<column> <message>
    fix <file>:<line>:<column>-<endLine>:<endColumn> "<insertedContent>"
"""
import json
import os
import sys
import urllib.parse


def fail(message):
    sys.exit("sarif_summary.py: " + message)


ABSOLUTE_URIS = "--absolute-uris" in sys.argv[1:2]


def relative(uri, project):
    parsed = urllib.parse.urlparse(uri)
    if parsed.scheme not in ("", "file"):
        fail("artifact URI %r is neither a file URI nor a relative reference" % uri)
    path = urllib.parse.unquote(parsed.path)
    if ABSOLUTE_URIS and (parsed.scheme != "file" or not os.path.isabs(path) or
                          os.path.relpath(os.path.realpath(path), os.path.realpath(project)).startswith("..")):
        fail("artifact URI %r is not an absolute file URI inside %s" % (uri, project))
    if os.path.isabs(path):
        path = os.path.relpath(os.path.realpath(path), os.path.realpath(project))
    return path


def main():
    args = sys.argv[2:] if ABSOLUTE_URIS else sys.argv[1:]
    if len(args) != 2:
        sys.exit("usage: sarif_summary.py [--absolute-uris] FILE.sarif PROJECT_DIR")
    with open(args[0], encoding="utf-8") as f:
        log = json.load(f)
    project = args[1]

    runs = log["runs"]
    if len(runs) != 1:
        fail("expected one run, got %d" % len(runs))
    run = runs[0]
    print("log %s %s" % (log.get("version"), run["tool"]["driver"].get("name")))
    rules = run["tool"]["driver"].get("rules", [])
    results = run.get("results", [])

    used = set()
    for result in results:
        index = result.get("ruleIndex")
        if index is not None:
            if not 0 <= index < len(rules) or rules[index]["id"] != result["ruleId"]:
                fail("result %r: ruleIndex %r does not name its rule" % (result["ruleId"], index))
        used.add(result["ruleId"])
    for rule in rules:
        if rule["id"] not in used:
            fail("rule %r is not used by any result" % rule["id"])
        if not rule.get("shortDescription", {}).get("text"):
            fail("rule %r has no shortDescription text" % rule["id"])
        print("rule %s %s" % (rule["id"], rule.get("helpUri", "(no helpUri)")))

    def position(region):
        return "%d:%d" % (region["startLine"], region["startColumn"])

    def where(result):
        physical = result["locations"][0]["physicalLocation"]
        return (relative(physical["artifactLocation"]["uri"], project),
                physical["region"]["startLine"], physical["region"]["startColumn"])

    for result in sorted(results, key=where):
        path, line, column = where(result)
        print("result %s %s %s:%d:%d %s" % (result["ruleId"], result.get("level", "warning"),
                                            path, line, column, result["message"]["text"]))
        for fix in result.get("fixes", []):
            for change in fix["artifactChanges"]:
                if not change["replacements"]:
                    fail("result %r: a fix without replacements" % result["ruleId"])
                fixed = relative(change["artifactLocation"]["uri"], project)
                for replacement in change["replacements"]:
                    region = replacement["deletedRegion"]
                    print("fix %s:%s-%d:%d %s" % (
                        fixed, position(region), region["endLine"], region["endColumn"],
                        json.dumps(replacement.get("insertedContent", {}).get("text", ""))))


main()
