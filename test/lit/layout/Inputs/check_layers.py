"""Checks the layers of checks/ (DEVELOPERS.md, "How the checks are laid out").

utils/ includes nothing of model/ or of a check; model/ includes only model/ and
utils/; a check's folder includes its own files, model/ and utils/, never another
check's folder. model/ alone may include the runtime's macro tables (nd/ufuncs.def,
nd/functions.def), no other file of the runtime. Includes are written from checks/ ("model/NdCalls.h"); a bare name
("LoopNest.h") is a file of the including file's own folder, or checks/ClangCompat.h.
Prints each violation and exits 1 if there is one.
"""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
ROOT_FILES = {"ClangCompat.h"}
RUNTIME_TABLES = {"nd/ufuncs.def", "nd/functions.def"}


def main(checks):
    folders = sorted(d for d in os.listdir(checks) if os.path.isdir(os.path.join(checks, d)))
    check_folders = [f for f in folders if f not in ("utils", "model")]
    allowed = {"utils": {"utils"}, "model": {"model", "utils"}}
    for f in check_folders:
        allowed[f] = {f, "model", "utils"}
    problems = []
    for folder in folders:
        directory = os.path.join(checks, folder)
        for name in sorted(os.listdir(directory)):
            if not name.endswith((".h", ".cpp", ".def")):
                continue
            path = os.path.join(directory, name)
            with open(path, encoding="utf-8") as source:
                text = source.read()
            for included in INCLUDE.findall(text):
                if included.startswith(("clang/", "clang-tidy/", "llvm/")):
                    continue
                if included in RUNTIME_TABLES and folder == "model":
                    continue
                top = included.split("/")[0] if "/" in included else None
                if top is None:
                    if included in ROOT_FILES and folder != "utils":
                        continue
                    if os.path.exists(os.path.join(directory, included)):
                        continue
                    problems.append(f"{folder}/{name}: '{included}' is not a file of {folder}/")
                elif top not in allowed[folder]:
                    problems.append(f"{folder}/{name} includes '{included}': {folder}/ may include only "
                                    + ", ".join(sorted(allowed[folder])))
    for p in problems:
        print(p)
    print(f"{len(folders)} folders checked, {len(problems)} layering problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
