# non_utf8_project.py DIR INCLUDE SOURCE HEADER: copies SOURCE to DIR/caf\xe9.cpp (a
# Latin-1 name, not UTF-8) and HEADER beside it, and writes a compile_commands.json
# naming it by those bytes (the name is made here, so that the test stays ASCII).
import os
import shutil
import sys

directory, include, source, header = (os.fsencode(a) for a in sys.argv[1:5])
name = os.path.join(directory, b"caf\xe9.cpp")
shutil.copy(source, name)
shutil.copy(header, directory)
entry = (b'[{"directory": "%s", "file": "%s", "arguments": ["clang++", "-std=c++20", '
         b'"-I", "%s", "-c", "%s"]}]\n' % (directory, name, include, name))
with open(os.path.join(directory, b"compile_commands.json"), "wb") as out:
    out.write(entry)
