"""Feeds mutated .npy files to jxrt-npy-tool: every one must give a clean
answer (a value or an error status), never a crash or a sanitizer report.

Usage: npy_fuzz.py JXRT_NPY_TOOL WORKDIR [--count N]

Mutations of valid files: every truncation of a small file, random byte
changes in the header and the header length, and headers assembled from
random pieces of the dict grammar. The tool's `check` command reads them in
batches. Prints "fuzz: N files, M crashes".
"""

import io
import os
import random
import struct
import subprocess
import sys

import numpy as np

PIECES = ["{", "}", "(", ")", ",", ":", " ", "\n", "'descr'", "'shape'",
          "'fortran_order'", "True", "False", "'<f4'", "'<f8'", "'|b1'",
          "'<i8'", "0", "1", "7", "-1", "L", "'", '"', "99999999999999999999",
          "4294967296", "[", "]", "\\", "\x00", "\xff"]


def valid_files():
    arrays = [np.arange(6, dtype=np.float32).reshape(2, 3),
              np.array(2.5), np.zeros((0, 4), np.int32),
              np.array([True, False, True]),
              np.arange(24, dtype=np.uint32).reshape(2, 3, 4),
              np.linspace(0, 1, 7).astype(np.float16)]
    files = []
    for index, a in enumerate(arrays):
        for version in ((1, 0), (2, 0)):
            out = io.BytesIO()
            np.lib.format.write_array(out, np.asfortranarray(a)
                                      if index % 2 and a.ndim else a,
                                      version=version)
            files.append(out.getvalue())
    return files


def random_header(rng):
    text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 40)))
    if rng.random() < 0.5:
        text = "{'descr': '<f4', 'fortran_order': False, 'shape': " + text
    header = text.encode("latin1")
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header + \
        b"\0" * rng.randint(0, 64)


def mutations(rng, count):
    bases = valid_files()
    yield from (bases[0][:n] for n in range(len(bases[0])))
    for _ in range(count):
        kind = rng.random()
        data = bytearray(rng.choice(bases))
        if kind < 0.4:
            for _ in range(rng.randint(1, 4)):
                position = rng.randrange(min(len(data), 128))
                data[position] = rng.randrange(256)
        elif kind < 0.55:
            data[8:10] = struct.pack("<H", rng.randrange(1 << 16))
        elif kind < 0.7:
            data = data[:rng.randrange(len(data))]
        elif kind < 0.8:
            position = rng.randrange(10, min(len(data), 120))
            data[position:position] = bytes(rng.randrange(256)
                                            for _ in range(rng.randint(1, 8)))
        else:
            data = bytearray(random_header(rng))
        yield bytes(data)


def main():
    tool, workdir = sys.argv[1], sys.argv[2]
    count = int(sys.argv[sys.argv.index("--count") + 1]) \
        if "--count" in sys.argv else 3000
    os.makedirs(workdir, exist_ok=True)
    rng = random.Random(42)
    paths = []
    for index, data in enumerate(mutations(rng, count)):
        path = os.path.join(workdir, "fuzz-%05d.npy" % index)
        with open(path, "wb") as f:
            f.write(data)
        paths.append(path)

    crashes = 0
    outcomes = {}
    for start in range(0, len(paths), 400):
        batch = paths[start:start + 400]
        result = subprocess.run([tool, "check"] + batch,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        lines = result.stdout.decode("utf-8", "replace").splitlines()
        if result.returncode != 0 or result.stderr or len(lines) != len(batch):
            crashes += 1
            print("CRASH in batch starting at %s (exit %d):\n%s" %
                  (batch[0], result.returncode,
                   result.stderr.decode("utf-8", "replace")[-3000:]))
            continue
        for line in lines:
            outcome = line.split(": ")[1].split(" ")[0]
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
    for outcome in sorted(outcomes):
        print("%s: %d" % (outcome, outcomes[outcome]))
    print("fuzz: %d files, %d crashes" % (len(paths), crashes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
