# check_sarif.py FILE PROJECT DOCS_URL: asserts the content of nd-tidy's --sarif output
# for project-sarif.test (a.cpp and b.cpp of Inputs/project, with
# nd-gather-downsampling and modernize-use-trailing-return-type).
import json
import sys

path, project, docs_url = sys.argv[1:4]
log = json.load(open(path))


def check(condition, what):
    if not condition:
        sys.exit("check_sarif.py: %s\n%s" % (what, json.dumps(log, indent=1)[:4000]))


check(log["version"] == "2.1.0", "version is 2.1.0")
check(len(log["runs"]) == 1, "one run")
run = log["runs"][0]
driver = run["tool"]["driver"]
check(driver["name"] == "nd-tidy", "tool.driver.name")
rules = {r["id"]: r for r in driver["rules"]}
check(sorted(rules) == ["modernize-use-trailing-return-type", "nd-gather-downsampling"],
      "one rule per reported check: %s" % sorted(rules))
check(rules["nd-gather-downsampling"]["helpUri"] == docs_url + "nd-gather-downsampling.md",
      "nd helpUri under ND_DOCS_URL")
check(rules["modernize-use-trailing-return-type"]["helpUri"] ==
      "https://clang.llvm.org/extra/clang-tidy/checks/modernize/use-trailing-return-type.html",
      "standard check helpUri")
for rule in rules.values():
    check(rule["shortDescription"]["text"], "shortDescription of " + rule["id"])

found = []
for result in run["results"]:
    check(driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"], "ruleIndex")
    check(result["level"] == "warning", "level")
    check(result["message"]["text"], "message")
    location, = result["locations"]
    physical = location["physicalLocation"]
    uri = physical["artifactLocation"]["uri"]
    check(uri.startswith("file://" + project + "/"), "absolute file URI: " + uri)
    region = physical["region"]
    found.append((uri.rsplit("/", 1)[1], region["startLine"], region["startColumn"],
                  result["ruleId"]))
    if result["ruleId"] == "nd-gather-downsampling":
        fix, = result["fixes"]
        change, = fix["artifactChanges"]
        check(change["artifactLocation"]["uri"] == uri, "fix in the same file")
        replacement, = change["replacements"]
        check(replacement["insertedContent"]["text"] == "nd::slice(0, nd::none, 2)",
              "inserted text")
        deleted = replacement["deletedRegion"]
        check(deleted["startLine"] == region["startLine"] and
              deleted["startColumn"] == region["startColumn"] + 2 and
              deleted["charLength"] == len("nd::arange(0, x.shape(0), 2)"),
              "deleted region: the arange call")

check(sorted(found) == [
    ("a.cpp", 3, 8, "modernize-use-trailing-return-type"),
    ("a.cpp", 5, 16, "nd-gather-downsampling"),
    ("b.cpp", 3, 5, "modernize-use-trailing-return-type"),
    ("common.hpp", 4, 15, "modernize-use-trailing-return-type"),
    ("common.hpp", 6, 14, "nd-gather-downsampling"),
], "results (the header's once): %s" % sorted(found))
