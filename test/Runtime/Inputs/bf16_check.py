"""Checks how libjxrt prints every bfloat16 value (NumPy has no bfloat16 to
compare with).

Usage: bf16_check.py JXRT_FORMAT_TOOL

Each of the 65536 bit patterns is printed as a 0-d array (str style) and the
text must
  - read back, rounded to nearest-even bfloat16, as the same value (exact
    rational arithmetic), and
  - have no more significant digits than the shortest decimal that does.
NaN must print "nan", infinities "inf" and "-inf". Prints
"bf16: N values, M failures".
"""

import struct
import subprocess
import sys
from fractions import Fraction


def value_of(magnitude_bits):
    """The exact value of a non-negative bfloat16 (the next power of two
    stands in for infinity, where rounding overflows)."""
    if magnitude_bits >= 0x7f80:
        return Fraction(2) ** 128
    return Fraction(struct.unpack("<f", struct.pack("<I",
                                                    magnitude_bits << 16))[0])


def rounds_to(x, magnitude_bits):
    """Whether |x| rounds to the bfloat16 with these magnitude bits."""
    x = abs(x)
    v = value_of(magnitude_bits)
    if magnitude_bits == 0:
        return x * 2 < value_of(1) or (x * 2 == value_of(1))
    below = value_of(magnitude_bits - 1)
    above = value_of(magnitude_bits + 1)
    low, high = (below + v) / 2, (v + above) / 2
    even = magnitude_bits % 2 == 0
    return (low < x < high) or (even and (x == low or x == high))


def significant_digits(text):
    mantissa = text.lstrip("-").split("e")[0].replace(".", "")
    return len(mantissa.strip("0")) or 1


def shortest_digits(magnitude_bits):
    v = value_of(magnitude_bits)
    if v == 0:
        return 1
    for k in range(1, 12):
        digits, exponent = ("%.*e" % (k - 1, float(v))).split("e")
        unit = Fraction(10) ** (int(exponent) - (k - 1))
        center = Fraction(digits.replace(".", "")) * unit
        for candidate in (center - unit, center, center + unit):
            if candidate > 0 and rounds_to(candidate, magnitude_bits):
                return k
    return 99


def main():
    tool = sys.argv[1]
    request = b"".join(b"str bf16 0\n" + struct.pack("<H", bits)
                       for bits in range(1 << 16))
    out = subprocess.run([tool], input=request, stdout=subprocess.PIPE,
                         check=True).stdout.decode().split("\n")
    texts = out[1::2]
    failures = 0
    for bits in range(1 << 16):
        text = texts[bits]
        magnitude = bits & 0x7fff
        negative = bits >> 15
        if magnitude > 0x7f80:
            ok = text == "nan"
        elif magnitude == 0x7f80:
            ok = text == ("-inf" if negative else "inf")
        else:
            ok = (text.startswith("-") == bool(negative) and
                  rounds_to(Fraction(text), magnitude) and
                  significant_digits(text) <= shortest_digits(magnitude))
        if not ok:
            failures += 1
            if failures <= 10:
                print("FAIL 0x%04x printed as %r" % (bits, text))
    print("bf16: %d values, %d failures" % (1 << 16, failures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
