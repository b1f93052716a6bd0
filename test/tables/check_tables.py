"""Checks that nd's function tables agree with the headers and the docs.

functions: every public free function of runtime/include/nd/*.hpp (found in Clang's AST
           dump) is a row of ufuncs.def or functions.def, every row names a function,
           and functions.def's `out` column says whether an overload has an `out`
           parameter.
docs:      the function table of docs/api/elementwise.md is the one generated from
           ufuncs.def (--update rewrites it).
porting:   docs/api/porting.md names every public function of both tables.
model:     the few lists of the checks' model (checks/model/NdFunctions.cpp) that the
           tables do not give agree with the runtime's headers: the operators that
           reuse a temporary operand, the reductions with axis forms, the methods of
           nd::array that copy or reshape."""

import argparse
import glob
import os
import re
import subprocess
import sys
import tempfile

import nd_tables

FUNCTION_KINDS = ("FunctionDecl ", "FunctionTemplateDecl ")


def declared_name(line):
    """The name of the function an AST dump line declares (the last word before its
    type), or None for other declarations."""
    line = line[2:] if line[:2] in ("|-", "`-") else line
    if not line.startswith(FUNCTION_KINDS):
        return None
    words = re.sub(r" '.*$", "", line).split()
    return words[-1] if words else None


def public_functions(compiler):
    """{qualified name after nd::: has an `out` parameter} for the public headers."""
    headers = sorted(glob.glob(os.path.join(nd_tables.INCLUDE, "*.hpp")))
    with tempfile.NamedTemporaryFile("w", suffix=".cpp", delete=False) as tu:
        tu.write("".join(f'#include "nd/{os.path.basename(h)}"\n' for h in headers))
    try:
        dump = subprocess.run([compiler, "-std=c++20", "-fsyntax-only", "-I", os.path.dirname(nd_tables.INCLUDE),
                               "-Xclang", "-ast-dump", "-Xclang", "-ast-dump-filter", "-Xclang", "nd::", tu.name],
                              check=True, capture_output=True, text=True).stdout
    finally:
        os.unlink(tu.name)
    found = {}
    blocks = re.split(r"^Dumping (\S+):\n", dump, flags=re.M)
    for qualified, body in zip(blocks[1::2], blocks[2::2]):
        parts = qualified.split("::")
        lines = body.splitlines()
        if len(parts) == 3 and parts[1].endswith("_t") and parts[2] == "operator()" and "detail" not in parts:
            # A callable object (nd::all, of type all_t, is the slice tag and the reduction).
            name = parts[1][:-2]
            found[name] = found.get(name, False) or any(re.search(r"ParmVarDecl .* out '", l) for l in lines)
            continue
        if "detail" in parts or any(p.startswith("operator") for p in parts):
            continue
        if lines and declared_name(lines[0]) and len(parts) == 2:
            has_out = any(re.search(r"ParmVarDecl .* out '", l) for l in lines)
            found[parts[1]] = found.get(parts[1], False) or has_out
        elif lines and lines[0].startswith("NamespaceDecl") and len(parts) == 2:
            for l in lines[1:]:  # the namespace's own functions (nd::linalg::solve)
                name = declared_name(l) if l[:2] in ("|-", "`-") else None
                if name:
                    found.setdefault(f"{parts[1]}::{name}", False)
    return found


def check_functions(compiler):
    found = public_functions(compiler)
    ufuncs = {r["name"] for r in nd_tables.ufuncs() if r["api"] != "internal"}
    rows = {r["name"]: r for r in nd_tables.functions()}
    errors = []
    for name in sorted(found):
        if name not in ufuncs and name not in rows:
            errors.append(f"nd::{name} is public but in neither ufuncs.def nor functions.def")
    for name in sorted(ufuncs | set(rows)):
        if name not in found:
            errors.append(f"nd::{name} is a row of the tables but no public function of the headers")
    for name, row in rows.items():
        if name in found and "::" not in name and (row["out"] == "1") != found[name]:
            errors.append(f"nd::{name}: functions.def says out={row['out']}, the headers "
                          f"{'have' if found[name] else 'have no'} overload with an `out` parameter")
    return errors


BEGIN, END = "<!-- begin: generated from runtime/include/nd/ufuncs.def -->", "<!-- end: generated -->"
RESULT = {"same": "operands' type", "same_int": "operands' type (bool: int32)", "to_float": "float (ints: double)",
          "to_bool": "bool"}
ACCEPTS = {"any": "all", "integral": "bool, integers", "numeric": "integers, floats"}


def ulp(n):
    return "exact" if n == 0 else str(n)


def docs_table():
    lines = [BEGIN, "",
             "| nd | NumPy | inputs | dtypes | result | ULP float32 | ULP float64 | operator | replaces |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in nd_tables.ufuncs():
        if r["api"] == "internal":
            continue
        op = f"`{r['op']}`" if r["op"] else ""
        names = ", ".join(f"`{n}`" for n in r["c_names"].split())
        lines.append(f"| `nd::{r['name']}` | `np.{r['numpy']}` | {r['arity']} | {ACCEPTS[r['accepts']]} | "
                     f"{RESULT[r['result']]} | {ulp(r['ulp32'])} | {ulp(r['ulp64'])} | {op} | {names} |")
    lines += ["", END]
    return "\n".join(lines)


def check_docs(path, update):
    text = open(path).read()
    if BEGIN not in text or END not in text:
        return [f"{os.path.relpath(path, nd_tables.ROOT)} has no generated table ({BEGIN} ... {END})"]
    start, stop = text.index(BEGIN), text.index(END) + len(END)
    want = docs_table()
    if text[start:stop] == want:
        return []
    if update:
        open(path, "w").write(text[:start] + want + text[stop:])
        return []
    rel = os.path.relpath(path, nd_tables.ROOT)
    return [f"{rel}: the function table differs from ufuncs.def; run test/tables/check_tables.py docs --update"]


def check_porting(path):
    """Every public function of the tables appears on the porting page as `nd::name`."""
    text = open(path).read()
    names = [r["name"] for r in nd_tables.functions()]
    names += [r["name"] for r in nd_tables.ufuncs() if r["api"] != "internal"]
    rel = os.path.relpath(path, nd_tables.ROOT)
    return [f"{rel} does not list nd::{n}" for n in names if f"`nd::{n}`" not in text]


MODEL = os.path.join(nd_tables.ROOT, "checks", "model", "NdFunctions.cpp")


def model_list(text, name):
    """The strings of `name[] = {...}` in the model's source."""
    m = re.search(rf"\b{name}\[\]\s*=\s*\{{([^}}]*)\}}", text)
    return set(re.findall(r'"([^"]+)"', m.group(1))) if m else None


def model_call_list(text, function):
    """The strings of the is_contained({...}, Name) list in the body of `function`."""
    m = re.search(rf"\bbool {function}\(llvm::StringRef Name\) \{{\s*return llvm::is_contained\(\{{([^}}]*)\}}",
                  text)
    return set(re.findall(r'"([^"]+)"', m.group(1))) if m else None


def read_header(name):
    with open(os.path.join(nd_tables.INCLUDE, name)) as f:
        return f.read()


def check_model():
    text = open(MODEL).read()
    rel = os.path.relpath(MODEL, nd_tables.ROOT)
    errors = []
    operators = read_header("operators.hpp")
    reduce = read_header("reduce.hpp")
    array = read_header("array.hpp")
    lazy = read_header("lazy.hpp")
    runtime = {
        # The operators on expressions: the binary rows and the unary - and !.
        "LazyOperatorUfuncs": (set(re.findall(r"^ND_LAZY_OPERATOR\([^,]+, (\w+)\)", lazy, re.M))
                               | set(re.findall(r"auto operator[-!]\(const lazy_expr<T>& a\) \{\s*return (\w+)\(a\);",
                                                lazy))),
        "TemporaryReusingUfuncs": set(re.findall(r"^ND_ARITHMETIC_OPERATOR\([^,]+, (\w+),", operators, re.M)),
        "AxisReductions": ({"all" if n == "reduce_all" else n
                            for n in re.findall(r"^ND_(?:SPREAD_)?REDUCTION\((\w+),", reduce, re.M)}
                           | {m.group(1) for line in reduce.splitlines() if not line.endswith("\\")
                              for m in [re.search(r"\b(\w+)\(const array<T>& a, int axis\)", line)] if m}),
    }
    for name, want in runtime.items():
        have = model_list(text, name)
        if have is None:
            errors.append(f"{rel} has no list {name}")
        elif have != want:
            errors.append(f"{rel}: {name} is {sorted(have)}, the runtime's headers have {sorted(want)}")
    for function in ("isCopyingArrayMethod", "isReshapingArrayMethod"):
        names = model_call_list(text, function)
        if names is None:
            errors.append(f"{rel} has no list in {function}")
            continue
        for n in sorted(names):
            if not re.search(rf"^\s+array(<U>)? {n}\(", array, re.M):
                errors.append(f"{rel}: {function} names {n}, which nd::array (nd/array.hpp) has no method of")
    return errors


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=("functions", "docs", "porting", "model"))
    ap.add_argument("--compiler", default="clang++-19", help="a Clang, for the AST dump")
    ap.add_argument("--docs", default=os.path.join(nd_tables.ROOT, "docs", "api", "elementwise.md"))
    ap.add_argument("--update", action="store_true", help="rewrite the docs' table")
    args = ap.parse_args()
    if args.what == "functions":
        errors = check_functions(args.compiler)
    elif args.what == "model":
        errors = check_model()
    elif args.what == "porting":
        errors = check_porting(os.path.join(nd_tables.ROOT, "docs", "api", "porting.md"))
    else:
        errors = check_docs(args.docs, args.update)
    for e in errors:
        print(e, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
