"""Compares libjxrt's array formatter with NumPy's str() and repr().

Usage: format_corpus.py JXRT_FORMAT_TOOL [--seed N]

Builds a corpus of arrays (every dtype NumPy shares with jx, many shapes,
magnitudes, special values, print options and strided layouts, plus every
float16 value), sends them all to one run of jxrt-format-tool, and compares
each answer with what NumPy prints under the same print options. Prints one
line per group, the first mismatches in full, and finally

    format: N cases, M mismatches
"""

import subprocess
import sys

import numpy as np

FLOAT_DTYPES = [np.float16, np.float32, np.float64]
INT_DTYPES = [np.int32, np.int64, np.uint32]
DEFAULTS = dict(linewidth=75, threshold=1000, edgeitems=3, precision=8,
                floatmode="maxprec", suppress=False)


class Case:
    def __init__(self, group, array, style, options=None, layout="c"):
        self.group = group
        self.array = np.asarray(array)
        self.style = style
        self.options = dict(options or {})
        self.layout = layout

    def request(self):
        a = self.array
        fields = [self.style, a.dtype.name, str(a.ndim)]
        fields += [str(d) for d in a.shape]
        fields += ["%s=%s" % (k, int(v) if isinstance(v, bool) else v)
                   for k, v in sorted(self.options.items())]
        fields.append("layout=" + self.layout)
        if self.layout == "transpose":
            data = np.ascontiguousarray(a.T)
        elif self.layout == "flip":
            data = np.ascontiguousarray(a[tuple(slice(None, None, -1)
                                                for _ in range(a.ndim))])
        else:
            data = np.ascontiguousarray(a)
        return (" ".join(fields) + "\n").encode() + data.tobytes()

    def expected(self):
        options = dict(DEFAULTS)
        options.update(self.options)
        with np.printoptions(**options):
            return str(self.array) if self.style == "str" else repr(self.array)


def run_tool(tool, cases):
    request = b"".join(case.request() for case in cases)
    result = subprocess.run([tool], input=request, stdout=subprocess.PIPE,
                            check=True)
    out = result.stdout
    answers = []
    position = 0
    for _ in cases:
        newline = out.index(b"\n", position)
        length = int(out[position:newline])
        start = newline + 1
        answers.append(out[start:start + length].decode())
        position = start + length + 1
    return answers


# --------------------------------------------------------------------------
# The corpus
# --------------------------------------------------------------------------

SHAPES = [(), (1,), (5,), (0,), (2, 3), (2, 0), (0, 3), (3, 1, 2),
          (2, 2, 2, 2), (1, 1), (7, 3), (4, 1, 5)]
LARGE_SHAPES = [(1001,), (2000,), (40, 40), (11, 11, 11), (3, 400),
                (1, 1, 1001), (2, 3, 4, 5, 6, 7)]
MAGNITUDES = [1e-300, 1e-30, 1e-10, 1e-5, 1e-4, 1e-3, 0.1, 1, 7, 1e3, 1e4,
              1e7, 1e8, 1e10, 1e20, 1e300]


def float_values(rng, dtype, shape):
    """A few kinds of float data of `shape`."""
    n = int(np.prod(shape)) if shape else 1
    finfo = np.finfo(dtype)
    kinds = []
    for scale in MAGNITUDES:
        if scale > float(finfo.max) / 10 or scale < float(finfo.tiny):
            continue
        kinds.append(rng.standard_normal(n) * scale)
    kinds.append(rng.integers(-1000, 1000, n).astype(float))
    kinds.append(np.round(rng.standard_normal(n) * 100, rng.integers(0, 6)))
    kinds.append(rng.choice([0.1, 0.2, 0.3, 1 / 3, 2 / 3, 0.5, 0.25, -0.0,
                             0.0, 1e-8, 123456.789], n))
    special = rng.standard_normal(n)
    special[rng.random(n) < 0.3] = np.nan
    special[rng.random(n) < 0.2] = np.inf
    special[rng.random(n) < 0.2] = -np.inf
    kinds.append(special)
    kinds.append(np.full(n, np.nan))
    kinds.append(np.where(rng.random(n) < 0.5, np.inf, np.nan))
    kinds.append(np.where(rng.random(n) < 0.5, -np.inf, 0.0))
    kinds.append(rng.standard_normal(n) * 10.0 ** rng.integers(-12, 12, n))
    kinds.append(np.exp(rng.uniform(np.log(float(finfo.tiny)),
                                    np.log(float(finfo.max)), n)))
    with np.errstate(over="ignore"):
        return [np.asarray(k, dtype=dtype).reshape(shape) for k in kinds]


def int_values(rng, dtype, shape):
    n = int(np.prod(shape)) if shape else 1
    info = np.iinfo(dtype)
    kinds = [rng.integers(0, 10, n), rng.integers(-50, 50, n),
             rng.integers(max(info.min, -10**6), 10**6, n),
             rng.integers(info.min, info.max, n, dtype=np.int64
                          if dtype != np.uint32 else np.uint64,
                          endpoint=True),
             np.full(n, info.max), np.full(n, info.min)]
    return [np.asarray(k).astype(dtype).reshape(shape) for k in kinds]


def basic_cases(rng):
    cases = []
    for shape in SHAPES:
        for dtype in FLOAT_DTYPES:
            for a in float_values(rng, dtype, shape):
                for style in ("str", "repr"):
                    cases.append(Case("floats", a, style))
        for dtype in INT_DTYPES:
            for a in int_values(rng, dtype, shape):
                for style in ("str", "repr"):
                    cases.append(Case("integers", a, style))
        for p in (0.0, 0.5, 1.0):
            a = (rng.random(shape) < p) if shape else np.array(p > 0.4)
            for style in ("str", "repr"):
                cases.append(Case("bools", a, style))
    return cases


def edge_cases(rng):
    """Values at the boundaries of NumPy's notation choice."""
    groups = {
        np.float64: [[1e8 - 1, 1], [1e8, 1], [0.0001, 0.0002], [9.99e-5, 1],
                     [1, 1000], [1, 1000.0000001], [3, 3000.0000001],
                     [0.5, 1e-4], [1e16, 1], [1e-300, 1e300], [5e-324, 1],
                     [1.7976931348623157e308], [-0.0], [0.0, -0.0],
                     [1.5, np.nan], [np.inf], [-np.inf, 1e-5], [123456789.0],
                     [0.1 + 0.2], [1 / 3, 2 / 3], [2.0 ** 52 + 1],
                     [9007199254740993.0], [1e15, 1e-15]],
        np.float32: [[1.0000001, 1000.00012207], [3, 3000.0002], [1e-5, 1.2345678e-5],
                     [0.0001, 1], [67108872.0, 1], [16777217.0],
                     [3.4028235e38], [1.4e-45, 1], [0.1, 0.2, 0.3],
                     [99999990.0, 1], [1e8, 1], [np.nan, -np.inf, 1]],
        np.float16: [[65504.0, 1], [6e-8, 1], [0.0001, 0.0002], [1, 1000.5],
                     [0.1, 0.2, 0.3], [2049.0, 1], [np.nan], [1e-4, 1e-3]],
    }
    cases = []
    for dtype, lists in groups.items():
        for values in lists:
            a = np.array(values, dtype=dtype)
            for style in ("str", "repr"):
                cases.append(Case("edges", a, style))
                cases.append(Case("edges", a.reshape(-1)[:1].reshape(()),
                                  style))
    return cases


def option_cases(rng):
    cases = []
    option_sets = [dict(linewidth=10), dict(linewidth=40), dict(linewidth=200),
                   dict(threshold=5), dict(threshold=10, edgeitems=1),
                   dict(threshold=0, edgeitems=0), dict(edgeitems=5),
                   dict(precision=0), dict(precision=3), dict(precision=12),
                   dict(floatmode="fixed"), dict(floatmode="unique"),
                   dict(floatmode="maxprec_equal"),
                   dict(floatmode="fixed", precision=2),
                   dict(suppress=True), dict(suppress=True, precision=3),
                   dict(linewidth=1), dict(linewidth=30, threshold=20)]
    shapes = [(5,), (3, 4), (2, 3, 4), (30,), (12, 12), ()]
    for options in option_sets:
        for shape in shapes:
            for dtype in FLOAT_DTYPES:
                for a in float_values(rng, dtype, shape)[::3]:
                    for style in ("str", "repr"):
                        cases.append(Case("options", a, style, options))
            for dtype in INT_DTYPES:
                a = int_values(rng, dtype, shape)[2]
                cases.append(Case("options", a, "repr", options))
            a = rng.random(shape) < 0.5
            cases.append(Case("options", a, "str", options))
    return cases


def large_cases(rng):
    cases = []
    for shape in LARGE_SHAPES:
        for dtype in (np.float64, np.float32, np.int64, np.int32, np.uint32):
            if np.dtype(dtype).kind == "f":
                a = (rng.standard_normal(shape) * 100).astype(dtype)
            else:
                a = rng.integers(-10**5, 10**5, shape).astype(dtype)
            for style in ("str", "repr"):
                cases.append(Case("summarized", a, style))
        a = rng.random(shape) < 0.5
        cases.append(Case("summarized", a, "str"))
    # wrapping of long rows without summarization
    for n in (20, 50, 100, 300):
        for dtype in (np.float64, np.float32, np.int64):
            a = (rng.standard_normal(n) * 1e3).astype(dtype)
            for style in ("str", "repr"):
                cases.append(Case("wrapping", a, style))
                cases.append(Case("wrapping", a.reshape(2, -1), style))
    return cases


def layout_cases(rng):
    cases = []
    for shape in [(2, 3), (3, 1, 4), (5,), (2, 2, 3, 2), (0, 3), (40, 30)]:
        for dtype in (np.float64, np.float16, np.int32, np.bool_):
            if dtype == np.bool_:
                a = rng.random(shape) < 0.5
            elif np.dtype(dtype).kind == "f":
                a = rng.standard_normal(shape).astype(dtype)
            else:
                a = rng.integers(-99, 99, shape).astype(dtype)
            for layout in ("transpose", "flip"):
                for style in ("str", "repr"):
                    cases.append(Case("layouts", a, style, layout=layout))
    return cases


def extreme_cases():
    """The largest precision with the most digits: subnormals, huge values,
    positional printing of tiny values (suppress)."""
    cases = []
    values = [[1e-300, 1e300], [5e-324, 1], [1.7976931348623157e308, 5e-324],
              [1e-300], [0.1, 1e-310], [123456.7, 1e-7], [1.5e-323, 1e-320]]
    option_sets = [dict(precision=100), dict(precision=100, floatmode="fixed"),
                   dict(precision=100, floatmode="maxprec_equal"),
                   dict(precision=100, suppress=True),
                   dict(precision=100, suppress=True, floatmode="fixed"),
                   dict(floatmode="unique", suppress=True)]
    for v in values:
        for dtype in FLOAT_DTYPES:
            with np.errstate(over="ignore", under="ignore"):
                a = np.array(v, dtype=dtype)
            for options in option_sets:
                for style in ("str", "repr"):
                    cases.append(Case("extremes", a, style, options))
    return cases


def float16_exhaustive():
    """Every float16 as a 0-d str, and in arrays of 8 as repr."""
    values = np.arange(1 << 16, dtype=np.uint16).view(np.float16)
    cases = [Case("float16-all-scalars", values[i], "str")
             for i in range(values.size)]
    cases += [Case("float16-all-arrays", values[i:i + 8], "repr")
              for i in range(0, values.size, 8)]
    return cases


def random_bits(rng):
    """Random bit patterns: 0-d str (shortest round-trip digits) and repr."""
    cases = []
    bits32 = rng.integers(0, 1 << 32, 20000, dtype=np.uint64).astype(np.uint32)
    bits64 = rng.integers(0, 1 << 63, 20000, dtype=np.uint64) * 2 + \
        rng.integers(0, 2, 20000, dtype=np.uint64)
    for values, name in ((bits32.view(np.float32), "float32-bits"),
                         (bits64.view(np.float64), "float64-bits")):
        for i in range(values.size):
            cases.append(Case(name, values[i], "str" if i % 2 else "repr"))
        for i in range(0, values.size, 5):
            cases.append(Case(name, values[i:i + 5], "str"))
    return cases


def main():
    tool = sys.argv[1]
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) \
        if "--seed" in sys.argv else 1234
    rng = np.random.default_rng(seed)
    cases = (basic_cases(rng) + edge_cases(rng) + option_cases(rng) +
             large_cases(rng) + layout_cases(rng) + extreme_cases() +
             float16_exhaustive() +
             random_bits(rng))
    answers = run_tool(tool, cases)
    groups = {}
    shown = 0
    mismatches = 0
    for case, got in zip(cases, answers):
        want = case.expected()
        total, bad = groups.get(case.group, (0, 0))
        if got != want:
            bad += 1
            mismatches += 1
            if shown < 10:
                shown += 1
                print("MISMATCH %s %s %s %s layout=%s" %
                      (case.group, case.style, case.array.dtype,
                       case.array.shape, case.layout))
                print("  options: %r" % (case.options,))
                print("  values: %r" % (case.array.ravel()[:10].tolist(),))
                print("  numpy:\n%s\n  jxrt:\n%s" % (want, got))
        groups[case.group] = (total + 1, bad)
    for group, (total, bad) in groups.items():
        print("%s: %d cases, %d mismatches" % (group, total, bad))
    print("format: %d cases, %d mismatches" % (len(cases), mismatches))
    return 0


if __name__ == "__main__":
    sys.exit(main())
