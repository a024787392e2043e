"""Round-trips .npy files between NumPy and jxrt-npy-tool.

Usage: npy_roundtrip.py JXRT_NPY_TOOL WORKDIR

For every dtype jx shares with NumPy and many shapes (0-d, empty, 1-d to
6-d), in C and Fortran order, .npy versions 1.0, 2.0 and 3.0 and both byte
orders, NumPy writes a file and the tool

  - copies it: NumPy must read back an equal array of the native dtype, and
    for C-order native files the bytes must be exactly numpy.save's;
  - writes its transpose and its reversal (strided and negative-stride
    views): NumPy must read a.T and a[::-1, ...];
  - prints it: the text must be NumPy's str() and repr().

Prints each failure and finally "npy: N files, M failures".
"""

import io
import os
import subprocess
import sys

import numpy as np

DTYPES = ["<f2", "<f4", "<f8", "<i4", "<i8", "<u4", "|b1"]
SHAPES = [(), (0,), (1,), (5,), (2, 3), (3, 0), (2, 0, 3), (1, 1, 1),
          (4, 5, 6), (2, 3, 1, 2), (2,) * 6, (1100,), (3, 500)]


def values(rng, dtype, shape):
    if dtype.kind == "b":
        return rng.random(shape) < 0.5
    if dtype.kind == "f":
        a = rng.standard_normal(shape) * 10.0 ** rng.integers(-3, 4)
        a = np.asarray(a)
        if a.size > 3:
            flat = a.reshape(-1)
            flat[0], flat[1], flat[2] = np.nan, -np.inf, -0.0
        return a.astype(dtype)
    info = np.iinfo(dtype)
    return rng.integers(info.min, info.max, shape, endpoint=True,
                        dtype=np.int64 if dtype.kind == "i" else np.uint64
                        ).astype(dtype)


def save(path, a, version=None, fortran=False):
    if fortran:
        a = np.array(a, order="F")  # asfortranarray would make 0-d 1-d
    with open(path, "wb") as f:
        np.lib.format.write_array(f, a, version=version)


def same(a, b):
    if a.dtype != b.dtype or a.shape != b.shape:
        return False
    if a.dtype.kind == "f":
        return np.array_equal(a, b, equal_nan=True) and \
            np.array_equal(np.signbit(a), np.signbit(b))
    return np.array_equal(a, b)


def main():
    tool, workdir = sys.argv[1], sys.argv[2]
    os.makedirs(workdir, exist_ok=True)
    rng = np.random.default_rng(7)
    files = []
    for descr in DTYPES:
        dtype = np.dtype(descr)
        for index, shape in enumerate(SHAPES):
            a = np.array(values(rng, dtype, shape))
            base = os.path.join(workdir, "%s-%d" % (dtype.name, index))
            files.append((base + "-c.npy", a, None, False))
            files.append((base + "-f.npy", a, None, True))
            if index % 3 == 0:
                files.append((base + "-v2.npy", a, (2, 0), False))
                files.append((base + "-v3.npy", a, (3, 0), True))
            if dtype.itemsize > 1 and index % 2 == 0:
                big = a.astype(dtype.newbyteorder(">"))
                files.append((base + "-be.npy", big, None, index % 4 == 0))

    failures = 0

    def fail(path, what):
        nonlocal failures
        failures += 1
        print("FAIL %s: %s" % (os.path.basename(path), what))

    def run(*args):
        return subprocess.run([tool] + list(args), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)

    for path, a, version, fortran in files:
        save(path, a, version, fortran)
        native = a.astype(a.dtype.newbyteorder("="))

        out = path + ".copy"
        result = run("copy", path, out)
        if result.returncode != 0:
            fail(path, "copy: " + result.stderr.decode())
            continue
        back = np.load(out)
        if not same(back, native):
            fail(path, "copy differs")
        expected_bytes = io.BytesIO()
        np.save(expected_bytes, np.array(native, order="C"))
        with open(out, "rb") as f:
            if f.read() != expected_bytes.getvalue():
                fail(path, "copy is not byte-identical to numpy.save")

        for command, view in (("transpose", native.T),
                              ("flip", native[(slice(None, None, -1),) *
                                              native.ndim])):
            result = run(command, path, out)
            if result.returncode != 0:
                fail(path, command + ": " + result.stderr.decode())
            elif not same(np.load(out), view):
                fail(path, command + " differs")

        for style, want in (("str", str(native)), ("repr", repr(native))):
            result = run("print", "style=" + style, path)
            got = result.stdout.decode()
            if result.returncode != 0 or got != want + "\n":
                fail(path, "print %s:\n%s\nwanted:\n%s" % (style, got, want))

    print("npy: %d files, %d failures" % (len(files), failures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
