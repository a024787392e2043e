"""Robustness check for the lexer and parser.

For every seed program (the .jx files under the given roots, and the code
blocks of the design sketch), writes truncated copies (every 7th prefix
length; sparser once the seeds add up to more than PREFIX_BUDGET prefixes,
so the test stays fast as the suite grows) and byte-mutated copies
(deterministic seed), plus a few
pathological inputs (deep nesting, long chains, NUL and random bytes), and
parses each with `jx-parse --quiet`. Any exit code other than 0 or 1 (a
crash, an abort, a signal) or a hang is a failure.

usage: mutate.py --tool JX_PARSE --out DIR [--design LANGUAGE_MD]
                 [--mutations N] [--seed S] ROOT...
Prints `fuzz: N inputs, K crashes` and exits 1 if K > 0.
"""

import argparse
import concurrent.futures
import os
import random
import re
import subprocess
import sys
import zlib

MUTATIONS_PER_FILE = 30
PREFIX_STEP = 7
PREFIX_BUDGET = 8000
BATCH = 400
BATCH_TIMEOUT_S = 120
SINGLE_TIMEOUT_S = 20

# Fragments that stress the grammar more than random bytes do.
FRAGMENTS = [
    b"(", b")", b"[", b"]", b"{", b"}", b",", b":", b";", b".", b"...",
    b"\n", b"\"", b"'", b"#", b"=", b"=>", b"->", b"**", b"-", b"not ",
    b"def ", b"export ", b"struct ", b"import ", b"let ", b"fn(", b"if ",
    b"else ", b"none", b".at[", b".0", b"Mlp {", b"x: ", b"\x00", b"\xff",
    b"\xc3\xa9", b"0x", b"1e", b"9" * 30, b"\\",
]


def design_blocks(path):
    """The fenced code blocks of the design sketch, as one program each."""
    if not path or not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        text = f.read()
    blocks = re.findall(r"```[a-z]*\n(.*?)```", text, re.S)
    return [b.encode() for b in blocks]


def seeds(roots, design):
    found = []
    for root in roots:
        if not os.path.isdir(root):
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if d != "Output")
            for name in sorted(filenames):
                if name.endswith(".jx"):
                    path = os.path.join(dirpath, name)
                    with open(path, "rb") as f:
                        found.append((path, f.read()))
    for i, block in enumerate(design_blocks(design)):
        found.append(("design-block-%d" % i, block))
    return found


def mutate(data, rng):
    data = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        choice = rng.randrange(5)
        pos = rng.randint(0, len(data))
        if choice == 0 and data:  # replace a byte
            data[min(pos, len(data) - 1)] = rng.randrange(256)
        elif choice == 1:  # insert random bytes
            data[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 4)))
        elif choice == 2:  # delete a range
            del data[pos:pos + rng.randint(1, 16)]
        elif choice == 3:  # insert a grammar fragment
            data[pos:pos] = rng.choice(FRAGMENTS)
        else:  # duplicate a chunk (nests brackets, repeats tokens)
            chunk = data[pos:pos + rng.randint(1, 64)]
            data[pos:pos] = bytes(chunk) * rng.randint(1, 8)
    return bytes(data)


def pathological():
    yield b"def f() = " + b"(" * 100000 + b"x" + b")" * 100000
    yield b"def f() = " + b"[" * 100000
    yield b"def f() " + b"{" * 100000
    yield b"def f() = " + b"-" * 100000 + b"x"
    yield b"def f() = " + b"not " * 50000 + b"x"
    yield b"def f() = x" + b" ** x" * 50000
    yield b"def f() = x" + b" + x" * 100000
    yield b"def f() = x" + b".a" * 100000
    yield b"def f() = t" + b".0" * 100000
    yield b"def f() = x" + b"(1)" * 100000
    yield b"def f() = " + b"if c { 1 } else " * 20000 + b"{ 2 }"
    yield b"def f() = " + b"fn(x) => " * 50000 + b"x"
    yield b"def f(x: " + b"(" * 100000 + b"f32"
    yield b"def f() { let " + b"(" * 100000 + b"a"
    yield b"def f() = \"" + b"\\" * 1001
    yield b"\x00" * 4096
    yield b"\n" * 100000 + b"def"
    yield b"def f() = (" + b"\n" * 100000
    rng = random.Random(1234)
    yield bytes(rng.randrange(256) for _ in range(65536))
    yield b"def f(x) = x" + b"\n.sum()" * 20000
    nested = b"a"
    for _ in range(40):
        nested = b"(" + nested + b" + a" * 1000 + b")"
    yield b"def f() = " + nested


def run_batch(tool, paths, timeout):
    """Returns the exit code of `jx-parse --quiet paths...` (None on hang)."""
    try:
        proc = subprocess.run([tool, "--quiet"] + paths, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, timeout=timeout)
        return proc.returncode
    except subprocess.TimeoutExpired:
        return None


def check(tool, paths):
    """Returns [(path, rc)] for the inputs that crashed or hung."""
    rc = run_batch(tool, paths, BATCH_TIMEOUT_S)
    if rc in (0, 1):
        return []
    # Something failed: find which inputs by running them one at a time.
    bad = []
    for path in paths:
        rc = run_batch(tool, [path], SINGLE_TIMEOUT_S)
        if rc not in (0, 1):
            bad.append((path, "timeout" if rc is None else rc))
    return bad


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tool", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--design")
    parser.add_argument("--mutations", type=int, default=MUTATIONS_PER_FILE)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("roots", nargs="*")
    args = parser.parse_args()

    os.makedirs(args.out, exist_ok=True)
    inputs = []

    def write(name, data):
        path = os.path.join(args.out, "%05d-%s.jx" % (len(inputs), name))
        with open(path, "wb") as f:
            f.write(data)
        inputs.append(path)

    programs = seeds(args.roots, args.design)
    total = sum(len(data) for _, data in programs)
    step = max(PREFIX_STEP, -(-total // PREFIX_BUDGET))
    for name, data in programs:
        short = re.sub(r"[^A-Za-z0-9_-]", "_", os.path.basename(name))[:40]
        for length in range(0, len(data), step):
            write("%s-prefix%d" % (short, length), data[:length])
        rng = random.Random(zlib.crc32(name.encode()) + args.seed)
        for i in range(args.mutations):
            write("%s-mutant%d" % (short, i), mutate(data, rng))
    for i, data in enumerate(pathological()):
        write("pathological%d" % i, data)

    batches = [inputs[i:i + BATCH] for i in range(0, len(inputs), BATCH)]
    workers = max(1, min(4, os.cpu_count() or 1))
    bad = []
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        for result in pool.map(lambda b: check(args.tool, b), batches):
            bad.extend(result)

    for path, rc in bad:
        print("fuzz: FAILED (%s): %s" % (rc, path))
    print("fuzz: %d inputs, %d crashes" % (len(inputs), len(bad)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
