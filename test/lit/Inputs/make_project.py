"""Lays out the lit suite's mini-project (Inputs/project/) for one test: the shared
set-up of the nd-tidy, SARIF and editor tests (lit.cfg.py's %nd_project).

    make_project.py --include DIR PROJECT [FILE...] [--config NAME] [--db NAME]

Creates PROJECT, copies each FILE of Inputs/project/ into it, copies --config NAME (a
file of Inputs/project/) to PROJECT/.clang-tidy, and writes PROJECT/compile_commands.json
from --db NAME (default compile_commands.json.in) with @DIR@ replaced by PROJECT's
absolute path and @INCLUDE@ by the runtime's include directory (--include)."""
import argparse
import os
import shutil
import sys

INPUTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "project")


def source(name):
    path = os.path.join(INPUTS, name)
    if not os.path.isfile(path):
        sys.exit(f"make_project.py: Inputs/project has no file '{name}'")
    return path


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--include", required=True, help="the runtime's include directory")
    ap.add_argument("--config", help="a file of Inputs/project/ to copy to PROJECT/.clang-tidy")
    ap.add_argument("--db", default="compile_commands.json.in",
                    help="the compilation database template of Inputs/project/")
    ap.add_argument("project")
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    project = os.path.abspath(args.project)
    os.makedirs(project, exist_ok=True)
    for name in args.files:
        shutil.copyfile(source(name), os.path.join(project, os.path.basename(name)))
    if args.config:
        shutil.copyfile(source(args.config), os.path.join(project, ".clang-tidy"))
    with open(source(args.db)) as f:
        db = f.read()
    db = db.replace("@DIR@", project.replace(os.sep, "/")).replace("@INCLUDE@", args.include)
    with open(os.path.join(project, "compile_commands.json"), "w") as f:
        f.write(db)
    return 0


if __name__ == "__main__":
    sys.exit(main())
