"""A NumPy model of stdlib/random.jx, step for step, in f32 arithmetic.

It documents and cross-checks the expected values of random-vectors.jx
until `jxc run` can execute that program: it reproduces the Threefry-2x32
known-answer vectors of the Random123 distribution and the values JAX's
documentation prints for `jax.random.split(PRNGKey(0))` and
`jax.random.normal` on its second key. Values it prints beyond those come
from this model, not from JAX. Run by model.test.
"""
import numpy as np

MASK = 0xFFFFFFFF
ROTATIONS = ([13, 15, 26, 6], [17, 29, 16, 24])


def threefry2x32(key, x0, x1):
    k0, k1 = key
    ks = [k0, k1, k0 ^ k1 ^ 0x1BD11BDA]
    x = [(x0 + ks[0]) & MASK, (x1 + ks[1]) & MASK]
    for group in range(5):
        for r in ROTATIONS[group % 2]:
            x[0] = (x[0] + x[1]) & MASK
            x[1] = x[0] ^ (((x[1] << r) | (x[1] >> (32 - r))) & MASK)
        x[0] = (x[0] + ks[(group + 1) % 3]) & MASK
        x[1] = (x[1] + ks[(group + 2) % 3] + group + 1) & MASK
    return x


def counter_bits(key, n):
    """JAX's threefry_2x32(key, iota(n)) (classic, not partitionable)."""
    counts = list(range(n)) + [0] * (n % 2)
    h = len(counts) // 2
    pairs = [threefry2x32(key, counts[j], counts[h + j]) for j in range(h)]
    return ([p[0] for p in pairs] + [p[1] for p in pairs])[:n]


def key(seed):
    return [0, seed & MASK]  # a 32-bit seed


def split(key, n):
    words = counter_bits(key, 2 * n)
    return [words[2 * i:2 * i + 2] for i in range(n)]


def fold_in(key, data):
    return threefry2x32(key, 0, data & MASK)


def uniform(key, n, lo=0.0, hi=1.0):
    words = np.array(counter_bits(key, n), dtype=np.uint32)
    floats = (words >> np.uint32(9)).astype(np.float32) * np.float32(2.0**-23)
    lo, hi = np.float32(lo), np.float32(hi)
    return np.maximum(lo, floats * (hi - lo) + lo)


GILES_LT5 = [2.81022636e-08, 3.43273939e-07, -3.5233877e-06, -4.39150654e-06,
             0.00021858087, -0.00125372503, -0.00417768164, 0.246640727,
             1.50140941]
GILES_GE5 = [-0.000200214257, 0.000100950558, 0.00134934322, -0.00367342844,
             0.00573950773, -0.0076224613, 0.00943887047, 1.00167406,
             2.83297682]


def erfinv(x):
    x = np.asarray(x, np.float32)
    w = -np.log1p(-x * x)
    a, b = w - np.float32(2.5), np.sqrt(w) - np.float32(3.0)
    pa, pb = np.float32(GILES_LT5[0]), np.float32(GILES_GE5[0])
    for ca, cb in zip(GILES_LT5[1:], GILES_GE5[1:]):
        pa = np.float32(ca) + pa * a
        pb = np.float32(cb) + pb * b
    return np.where(w < np.float32(5.0), pa, pb) * x


def normal(key, n):
    lo = np.nextafter(np.float32(-1.0), np.float32(0.0))
    return np.float32(np.sqrt(2.0)) * erfinv(uniform(key, n, lo, 1.0))


def main():
    np.set_printoptions(precision=8)
    print("kat0", [hex(v) for v in threefry2x32([0, 0], 0, 0)])
    print("kat1", [hex(v) for v in threefry2x32([MASK, MASK], MASK, MASK)])
    print("kat2", [hex(v) for v in threefry2x32([0x13198A2E, 0x03707344],
                                                0x243F6A88, 0x85A308D3)])
    k0 = key(0)
    keys = split(k0, 2)
    print("split", keys)
    print("normal", [float(v) for v in normal(keys[1], 1)])
    print("fold_in", fold_in(k0, 1))
    print("bits", counter_bits(k0, 5))
    print("uniform", [float(v) for v in uniform(k0, 3)])
    print("normal3", [float(v) for v in normal(k0, 3)])


if __name__ == "__main__":
    main()
