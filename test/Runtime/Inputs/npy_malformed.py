"""Writes malformed (and a few unusual but valid) .npy files into WORKDIR.

Usage: npy_malformed.py WORKDIR

The files are numbered so that a shell glob lists them in the order the
CHECK lines of npy-malformed.test expect.
"""

import os
import struct
import sys


def npy(header, version=(1, 0), data=b"", length=None):
    """A .npy file with `header` (text or bytes) taken literally."""
    if isinstance(header, str):
        header = header.encode("latin1")
    if length is None:
        length = len(header)
    size = "<H" if version == (1, 0) else "<I"
    return (b"\x93NUMPY" + bytes(version) + struct.pack(size, length) +
            header + data)


def good(descr, shape, fortran=False):
    return "{'descr': '%s', 'fortran_order': %s, 'shape': %s, }" % (
        descr, fortran, shape)


FILES = [
    ("valid", npy(good("<f4", "(2,)"), data=b"\0\0\x80\x3f\0\0\0\x40")),
    ("empty", b""),
    ("text", b"hello, this is not numpy"),
    ("magic-partial", b"\x93NUM"),
    ("magic-only", b"\x93NUMPY"),
    ("no-header-length", b"\x93NUMPY\x01\x00\x10"),
    ("version-4", npy(good("<f4", "()"), version=(4, 0))),
    ("version-1-5", b"\x93NUMPY\x01\x05\x10\x00" + b" " * 16),
    ("header-truncated", npy(good("<f4", "(2,)"))[:30]),
    ("header-huge", npy("{}", version=(2, 0), length=0xFFFFFFFF)),
    ("not-a-dict", npy("[1, 2, 3]")),
    ("missing-shape", npy("{'descr': '<f4', 'fortran_order': False}")),
    ("extra-key", npy(good("<f4", "()")[:-1] + "'extra': 1}")),
    ("duplicate-key", npy("{'descr': '<f4', 'descr': '<f8', "
                          "'fortran_order': False, 'shape': ()}")),
    ("descr-complex", npy(good("<c8", "()"))),
    ("descr-object", npy(good("|O", "()"))),
    ("descr-unicode", npy(good("<U10", "()"))),
    ("descr-structured", npy("{'descr': [('a', '<f4')], "
                             "'fortran_order': False, 'shape': ()}")),
    ("descr-int16", npy(good("<i2", "()"))),
    ("descr-binary", npy(good("\x01\x02\xff", "()"))),
    ("fortran-not-bool", npy("{'descr': '<f4', 'fortran_order': 1, "
                             "'shape': ()}")),
    ("shape-negative", npy(good("<f4", "(-1,)"))),
    ("shape-not-tuple", npy(good("<f4", "3"))),
    ("shape-parenthesized-int", npy(good("<f4", "(3)"))),
    ("shape-dimension-overflow", npy(good("<f4", "(99999999999999999999,)"))),
    ("shape-count-overflow", npy(good("<f4", "(4294967296, 4294967296)"))),
    ("shape-bytes-overflow", npy(good("<f8", "(4611686018427387904,)"))),
    ("shape-rank-65", npy(good("<f4", "(" + "1, " * 65 + ")"))),
    ("shape-unterminated", npy(good("<f4", "(3, 4"))),
    ("shape-double-comma", npy(good("<f4", "(3,,)"))),
    ("data-truncated", npy(good("<f8", "(100,)"), data=b"\0" * 80)),
    ("data-huge-claim", npy(good("<f8", "(1000000000000,)"), data=b"\0" * 8)),
    ("string-escape", npy(good("<f\\x34", "()"))),
    ("string-unterminated", npy("{'descr: '<f4'")),
    ("trailing-text", npy(good("<f4", "()") + " xyz")),
    ("nul-in-header", npy("{'descr': '<f4',\0 'fortran_order': False, "
                          "'shape': ()}")),
    ("missing-colon", npy("{'descr' '<f4', 'fortran_order': False, "
                          "'shape': ()}")),
    # Unusual but valid: Python 2 long suffixes, double quotes, no padding,
    # bool bytes other than 0 and 1, trailing bytes after the data.
    ("valid-python2", npy("{'descr': '<i8', 'fortran_order': False, "
                          "'shape': (2L,), }", data=b"\x05" + b"\0" * 15)),
    ("valid-double-quotes", npy('{"shape": (1,), "fortran_order": False, '
                                '"descr": "|b1"}', data=b"\x07")),
    ("valid-trailing-bytes", npy(good("<u4", "()"), data=b"\x01\0\0\0junk")),
]


def main():
    workdir = sys.argv[1]
    os.makedirs(workdir, exist_ok=True)
    for index, (name, content) in enumerate(FILES):
        with open(os.path.join(workdir, "%02d-%s.npy" % (index, name)),
                  "wb") as f:
            f.write(content)
    return 0


if __name__ == "__main__":
    sys.exit(main())
