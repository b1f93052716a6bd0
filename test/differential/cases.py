"""The case format shared by the generator, the comparer and (in C++) the driver.

A case is one line of `cases.txt`:

    <id> <op> key=value key=value ...

Keys (values never contain spaces):
  bases=f8,i4     dtypes of the base arrays, stored as <id>_b<k>.npy
  x0=, x1=, x2=   operands (see "operand specs" below)
  out=            the `out` argument, an operand spec naming a writeable view
  axis=           reductions: `none`, an integer, or a tuple `t0,2` (t-prefixed)
  keepdims=, ddof=, shape=, axes=, num=, start=, stop=, step=, endpoint=, dtype=
  idx=            indexing: entries separated by `;` (see "index entries")

Operand specs:
  i:<int> | f:<float> | t:<0|1>   a Python int, float or bool (NEP 50 weak scalars)
  b<k>[/<view>...]                base array k, then views applied left to right:
     S<e>,<e>,...   a basic index; each e is `start:stop:step` (parts may be empty),
                    an integer, `n` (newaxis) or `e` (ellipsis)
     T              a.T;   T<a>,<b>,...   np.transpose(a, axes)
     B<d>,<d>,...   np.broadcast_to(a, shape) (zero strides, read-only)

Index entries (op getitem): `s<start:stop:step>`, `i<int>`, `n`, `e`,
`A<k>` (operand x<k> used as an index array), `X<k>,<l>` (np.ix_(x<k>, x<l>)).
"""

import numpy as np

DTYPES = {"b1": np.dtype(np.bool_), "i4": np.dtype(np.int32), "i8": np.dtype(np.int64),
          "f4": np.dtype(np.float32), "f8": np.dtype(np.float64)}
CODES = {v: k for k, v in DTYPES.items()}


class Case:
    def __init__(self, cid, op, params=None):
        self.id = cid
        self.op = op
        self.params = dict(params or {})

    def line(self):
        return " ".join([str(self.id), self.op] + [f"{k}={v}" for k, v in self.params.items()])

    def __getitem__(self, key):
        return self.params[key]

    def get(self, key, default=None):
        return self.params.get(key, default)

    def base_dtypes(self):
        b = self.params.get("bases", "")
        return [DTYPES[c] for c in b.split(",")] if b else []


def parse_line(line):
    parts = line.split()
    params = {}
    for p in parts[2:]:
        k, _, v = p.partition("=")
        params[k] = v
    return Case(int(parts[0]), parts[1], params)


def read_cases(path):
    with open(path) as f:
        return [parse_line(l) for l in f if l.strip() and not l.startswith("#")]


def base_path(directory, cid, k, suffix=""):
    return f"{directory}/{cid}_b{k}{suffix}.npy"


def load_bases(directory, case, suffix=""):
    return [np.load(base_path(directory, case.id, k, suffix)) for k in range(len(case.base_dtypes()))]


def _opt_int(s):
    return int(s) if s != "" else None


def parse_slice(text):
    parts = text.split(":")
    if len(parts) == 2:
        parts.append("")
    return slice(*(_opt_int(p) for p in parts))


def parse_basic_entry(text):
    if text == "n":
        return None
    if text == "e":
        return Ellipsis
    if ":" in text:
        return parse_slice(text)
    return int(text)


def ints(text):
    return tuple(int(v) for v in text.split(",")) if text else ()


def build_operand(spec, bases):
    """The NumPy value an operand spec denotes (views share the bases' memory)."""
    if spec.startswith("i:"):
        return int(spec[2:])
    if spec.startswith("f:"):
        return float(spec[2:])
    if spec.startswith("t:"):
        return bool(int(spec[2:]))
    steps = spec.split("/")
    a = bases[int(steps[0][1:])]
    for s in steps[1:]:
        kind, arg = s[0], s[1:]
        if kind == "S":
            a = a[tuple(parse_basic_entry(e) for e in arg.split(","))]
        elif kind == "T":
            a = a.T if arg == "" else np.transpose(a, ints(arg))
        elif kind == "B":
            a = np.broadcast_to(a, ints(arg))
        else:
            raise ValueError(f"bad view step {s!r} in {spec!r}")
    return a


def parse_axis(text):
    if text == "none":
        return None
    if text.startswith("t"):
        return ints(text[1:])
    return int(text)


def build_index(case, operands):
    entries = []
    for e in case["idx"].split(";"):
        if e == "n":
            entries.append(None)
        elif e == "e":
            entries.append(Ellipsis)
        elif e[0] == "s":
            entries.append(parse_slice(e[1:]))
        elif e[0] == "i":
            entries.append(int(e[1:]))
        elif e[0] == "A":
            entries.append(operands[int(e[1:])])
        elif e[0] == "X":
            k, l = ints(e[1:])
            entries.extend(np.ix_(operands[k], operands[l]))
        else:
            raise ValueError(f"bad index entry {e!r}")
    return tuple(entries)


def element_index(case, bases):
    """Whether the case's index is one integer per axis of x0: an element, which nd
    writes through the reference a(i, j) returns."""
    entries = case["idx"].split(";")
    return all(e[0] == "i" for e in entries) and len(entries) == np.ndim(build_operand(case["x0"], bases))
