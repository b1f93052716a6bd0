# lit configuration of the nd test suite (test/lit). The build's tools come from
# lit.site.cfg.py, which CMake generates in the build directory; run the suite there:
#   lit.py -sv <build>/test/lit      (or: ninja check-lit, or: ctest -R lit)
import os
import shlex
import shutil
import subprocess

import lit.formats
import lit.util

config.name = "nd"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".cpp", ".test"]
config.excludes = ["Inputs", "CMakeLists.txt", "check_nd_tidy.py", "round_trips.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = config.nd_lit_binary_dir


def quote(path):
    return shlex.quote(path)


runner = [config.nd_python, os.path.join(config.test_source_root, "check_nd_tidy.py"),
          "--clang-tidy=" + config.nd_clang_tidy,
          "--plugin=" + config.nd_plugin,
          "--nd-tidy=" + config.nd_tidy,
          "--filecheck=" + config.nd_filecheck,
          "--cxx=" + config.nd_clangxx,
          "--runtime-include=" + config.nd_runtime_include]
runner += ["--link=" + lib for lib in config.nd_runtime_link if lib]
# Round trips that passed are recorded; a tree configured with ND_LIT_ROUND_TRIP_REFERENCE
# (another tree's lit build directory) does not repeat those of the other tree
# (round_trips.py).
runner.append("--round-trip-record=" + os.path.join(config.nd_lit_binary_dir, "round-trips"))
if config.nd_lit_round_trip_reference:
    runner.append("--round-trip-reference="
                  + os.path.join(config.nd_lit_round_trip_reference, "round-trips"))


def build_precompiled_runtime_header():
    """nd/nd.hpp precompiled once per lit run, for the round-trip compilations.

    Parsing the runtime's headers is most of the time of building a test's original and
    fixed programs; each test builds two to four. The runner uses the header only for
    sources whose first directive includes <nd/nd.hpp>, where it means the same thing.
    A header that does not build leaves the tests to compile without it (and say why).
    """
    directory = os.path.join(config.nd_lit_binary_dir, "pch")
    os.makedirs(directory, exist_ok=True)
    source = os.path.join(directory, "nd-all.hpp")
    # Written once: a newer file would invalidate the header another lit run is using.
    if not os.path.exists(source):
        with open(source, "w", encoding="utf-8") as f:
            f.write("#include <nd/nd.hpp>\n")
    target = os.path.join(directory, "nd-all-c++20.pch")
    # Built under a name of this run's own, so that two lit runs never write one file.
    building = "%s.%d.tmp" % (target, os.getpid())
    command = [config.nd_clangxx, "-std=c++20", "-I", config.nd_runtime_include,
               "-x", "c++-header", source, "-o", building]
    if subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode:
        if os.path.exists(building):
            os.remove(building)
        return ""
    os.replace(building, target)
    return target


precompiled = ""
if os.environ.get("ND_LIT_NO_PCH") != "1":
    precompiled = build_precompiled_runtime_header()
    if precompiled:
        runner.append("--pch-c++20=" + precompiled)
# The same header for convergence/converge.py's nd-tidy runs ("--pch=" when none).
config.substitutions.append(("%nd_pch", quote(precompiled)))

# The LLVM major version of this build's checks and tools: a test whose expectation
# differs between versions says so with `REQUIRES: llvm-22` or `%llvm_version`.
config.available_features.add("llvm-" + config.nd_llvm_version)
# ND_LIT_VERSION_SENSITIVE_ONLY: a second tree, beside one that runs everything, leaves
# out the tests marked `UNSUPPORTED: version-sensitive-only`. Those test nd-tidy's own
# logic (the cache, sharding, --diff, fix application, signals), the same code over
# llvm::sys and the same inputs whatever clang-tidy is built in; their outcome does not
# depend on the LLVM version. Every check, plugin, nd-clangd and output test runs in both.
if lit.util.pythonize_bool(config.nd_lit_version_sensitive_only):
    config.available_features.add("version-sensitive-only")
config.substitutions.append(("%llvm_version", config.nd_llvm_version))
config.substitutions.append(("%check_nd_tidy", " ".join(quote(a) for a in runner)))
config.substitutions.append(("%python", quote(config.nd_python)))
config.substitutions.append(("%nd_plugin", quote(config.nd_plugin)))
config.substitutions.append(("%nd_clang_tidy", quote(config.nd_clang_tidy)))
config.substitutions.append(("%clang_apply_replacements",
                             quote(config.nd_clang_apply_replacements)))
config.substitutions.append(("%nd_runtime_include", quote(config.nd_runtime_include)))
config.substitutions.append(("%FileCheck", quote(config.nd_filecheck)))
# The inputs every group of tests shares (Inputs/): the mini-project that
# `%nd_project DIR FILE... [--config NAME] [--db NAME]` lays out for a test
# (Inputs/make_project.py), `%exit_status N COMMAND...` (succeeds only when COMMAND exits
# with N) and `%sarif_summary FILE.sarif DIR` (a SARIF log, checked and printed a line
# per rule, result and fix, for FileCheck).
lit_inputs = os.path.join(config.test_source_root, "Inputs")
config.substitutions.append(("%lit_inputs", quote(lit_inputs)))
config.substitutions.append(("%nd_project", " ".join(quote(a) for a in [
    config.nd_python, os.path.join(lit_inputs, "make_project.py"), "--include",
    config.nd_runtime_include])))
config.substitutions.append(("%exit_status", " ".join(
    quote(a) for a in [config.nd_python, os.path.join(lit_inputs, "exit_status.py")])))
config.substitutions.append(("%sarif_summary", " ".join(
    quote(a) for a in [config.nd_python, os.path.join(lit_inputs, "sarif_summary.py")])))
# The base URI of the check pages that nd-tidy --sarif gives as the rules' helpUri:
# the configured ND_DOCS_URL, or by default ../share/doc/nd/checks/ from nd-tidy.
docs_url = config.nd_docs_url
if not docs_url and config.nd_tidy:
    docs_url = "file://" + os.path.normpath(os.path.join(
        os.path.dirname(config.nd_tidy), "..", "share", "doc", "nd", "checks")) + "/"
config.substitutions.append(("%nd_docs_url", docs_url))
if config.nd_tidy:
    config.substitutions.append(("%nd_tidy", quote(config.nd_tidy)))
    config.available_features.add("nd-tidy")
if config.nd_clangd:
    config.substitutions.append(("%nd_clangd", quote(config.nd_clangd)))
    config.available_features.add("nd-clangd")
if config.nd_nvim:
    config.substitutions.append(("%nvim", quote(config.nd_nvim)))
    config.available_features.add("neovim")
if config.nd_node:
    # validate.js lives in the sources, its npm packages in the build (npm ci).
    config.substitutions.append(("%sarif_validate", " ".join(
        ["env", quote("NODE_PATH=" + config.nd_sarif_node_modules),
         quote(config.nd_node), quote(config.nd_sarif_validate_js)])))
    config.available_features.add("sarif-validator")
# nginx (Debian's nginx-light, which scripts/install-deps.sh installs): the HTTP store
# of nd-tidy --cache-url's tests. Absent on a developer's machine, they are skipped;
# in CI (CI=true) its absence is an error, so that they never silently do not run.
nginx = shutil.which("nginx", path=os.environ.get("PATH", "") + os.pathsep + "/usr/sbin")
if nginx:
    config.substitutions.append(("%http_store", " ".join(quote(a) for a in [
        config.nd_python, os.path.join(config.test_source_root, "nd-tidy", "Inputs",
                                       "http_store.py"), "--nginx", nginx])))
    config.available_features.add("nginx")
elif os.environ.get("CI") == "true":
    lit_config.fatal("nginx is missing (apt-get install nginx-light; scripts/install-deps.sh)")

# The clang-tidy of the other supported LLVM version, in which this tree's plugin must
# refuse to run (tool/plugin/HostVersionGuard.cpp). CI installs both versions.
other_version = "22" if config.nd_llvm_version == "19" else "19"
other_clang_tidy = shutil.which("clang-tidy-" + other_version, path=os.environ.get("PATH", "")
                                + os.pathsep + "/usr/lib/llvm-%s/bin" % other_version)
if other_clang_tidy:
    config.substitutions.append(("%other_clang_tidy", quote(other_clang_tidy)))
    config.substitutions.append(("%other_llvm_version", other_version))
    config.available_features.add("other-clang-tidy")
elif os.environ.get("CI") == "true":
    lit_config.fatal("clang-tidy-%s is missing (scripts/install-deps.sh 19 22)" % other_version)

# lit's internal shell runs `not`, and FileCheck by full path through %FileCheck; keep
# the environment minimal but let tools find their shared libraries and locale.
for name in ("HOME", "TMPDIR", "LANG", "LC_ALL"):
    if name in os.environ:
        config.environment[name] = os.environ[name]
