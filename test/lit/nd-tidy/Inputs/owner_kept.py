# owner_kept.py FILE -- COMMAND...: gives FILE another owner and group (uid and gid
# 65534, "nobody"; needs root, as CI runs), runs COMMAND, which must exit 0, and checks
# that FILE still has that owner and group. Not root: FILE keeps our own owner and its
# group is set to one of our other groups if we have one, else only the command runs
# and the owner is checked unchanged.
import os
import subprocess
import sys

path = sys.argv[1]
command = sys.argv[sys.argv.index("--") + 1:]
if os.geteuid() == 0:
    owner = (65534, 65534)
else:
    groups = [g for g in os.getgroups() if g != os.getegid()]
    owner = (os.geteuid(), groups[0] if groups else os.getegid())
os.chown(path, *owner)
status = subprocess.call(command)
if status != 0:
    sys.exit("owner_kept.py: the command exited with status %d" % status)
found = os.stat(path)
if (found.st_uid, found.st_gid) != owner:
    sys.exit("owner_kept.py: %s is owned by %d:%d after the command, not %d:%d"
             % (path, found.st_uid, found.st_gid, owner[0], owner[1]))
