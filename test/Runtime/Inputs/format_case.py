"""Writes one jxrt-format-tool case (needs no NumPy).

Usage: format_case.py STYLE DTYPE SHAPE VALUES [KEY=VALUE...]

SHAPE is "2,3" ("" for 0-d); VALUES are comma-separated Python numbers
(nan, inf and -inf allowed), or "range" for 0, 1, 2, ...; bools are 0/1.
The elements are written in C order; bf16 is rounded from float32.
"""

import math
import struct
import sys

FORMATS = {"f64": "d", "f32": "f", "f16": "e", "i32": "i", "i64": "q",
           "u32": "I", "bool": "?"}


def bf16(value):
    bits = struct.unpack("<I", struct.pack("<f", value))[0]
    if math.isnan(value):
        return struct.pack("<H", (bits >> 16) | 0x40)
    bits += 0x7FFF + ((bits >> 16) & 1)
    return struct.pack("<H", bits >> 16)


def main():
    style, dtype, shape_text, values_text = sys.argv[1:5]
    options = sys.argv[5:]
    shape = [int(d) for d in shape_text.split(",") if d]
    count = 1
    for d in shape:
        count *= d
    if values_text == "range":
        values = list(range(count))
    else:
        values = [float(v) if dtype.startswith(("f", "bf")) else int(v)
                  for v in values_text.split(",") if v]
    assert len(values) == count, "%d values for %d elements" % (len(values),
                                                                count)
    if dtype == "bf16":
        data = b"".join(bf16(float(v)) for v in values)
    else:
        data = b"".join(struct.pack("<" + FORMATS[dtype], v) for v in values)
    line = " ".join([style, dtype, str(len(shape))] + [str(d) for d in shape] +
                    options)
    sys.stdout.buffer.write(line.encode() + b"\n" + data)


if __name__ == "__main__":
    sys.exit(main())
