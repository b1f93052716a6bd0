# non_ascii_project.py DIR INCLUDE SOURCE: copies SOURCE to DIR/café.cpp and writes a
# compile_commands.json for it (the name is made here, so that the test's own text
# stays ASCII).
import json
import os
import shutil
import sys

directory, include, source = sys.argv[1:4]
name = os.path.join(directory, "caf\u00e9.cpp")
shutil.copy(source, name)
with open(os.path.join(directory, "compile_commands.json"), "w", encoding="utf-8") as out:
    json.dump([{"directory": directory, "file": name,
                "arguments": ["clang++", "-std=c++20", "-I", include, "-c", name]}],
              out, ensure_ascii=False)
