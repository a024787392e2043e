"""NumPy reference for examples/mlp.jx's train_step (one SGD step).

`inputs DIR B` writes deterministic parameters and a batch of B examples;
`check DIR B` compares jxc's result.<field>.npy files with the reference.
"""
import sys

import numpy as np


def make(batch):
    rng = np.random.default_rng(1234 + batch)
    f32 = np.float32
    p = {
        "w1": rng.normal(size=(3, 4)).astype(f32),
        "b1": rng.normal(size=4).astype(f32) * f32(0.1),
        "w2": rng.normal(size=(4, 2)).astype(f32),
        "b2": rng.normal(size=2).astype(f32) * f32(0.1),
    }
    x = rng.normal(size=(batch, 3)).astype(f32)
    y = np.eye(2, dtype=f32)[rng.integers(0, 2, size=batch)]
    return p, x, y


def step(p, x, y, lr):
    p = {k: v.astype(np.float64) for k, v in p.items()}
    pre = x @ p["w1"] + p["b1"]
    h = np.maximum(pre, 0.0)
    logits = h @ p["w2"] + p["b2"]
    z = logits - logits.max(axis=-1, keepdims=True)
    soft = np.exp(z) / np.exp(z).sum(axis=-1, keepdims=True)
    dlogits = (soft - y) / x.shape[0]
    dh = dlogits @ p["w2"].T * (pre > 0)
    grads = {"w2": h.T @ dlogits, "b2": dlogits.sum(0),
             "w1": x.T @ dh, "b1": dh.sum(0)}
    return {k: p[k] - lr * grads[k] for k in p}


def main():
    mode, directory, batch = sys.argv[1], sys.argv[2], int(sys.argv[3])
    p, x, y = make(batch)
    if mode == "inputs":
        for name, value in list(p.items()) + [("x", x), ("y", y)]:
            np.save(f"{directory}/{name}.npy", value)
        return
    expected = step(p, x, y, 0.1)
    for name in ["w1", "b1", "w2", "b2"]:
        got = np.load(f"{directory}/result.{name}.npy")
        ok = got.dtype == np.float32 and np.allclose(got, expected[name],
                                                    rtol=1e-5, atol=1e-6)
        print(name, "ok" if ok else f"MISMATCH got {got} expected {expected[name]}")


if __name__ == "__main__":
    main()
