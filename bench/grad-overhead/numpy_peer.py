"""NumPy peer of mlp.jx `loss` (forward only): same shapes, f32, same timing
method as harness.c (median over runs of the mean ms per call)."""
import sys, time
import numpy as np

reps = int(sys.argv[1]) if len(sys.argv) > 1 else 20
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
rng = np.random.default_rng(0)
u = lambda *s: rng.uniform(-1, 1, s).astype(np.float32)
w1, b1, w2, b2 = u(784, 512) * .05, u(512) * .01, u(512, 10) * .05, u(10) * .01
x = u(256, 784)
y = np.eye(10, dtype=np.float32)[rng.integers(0, 10, 256)]

def loss(w1, b1, w2, b2, x, y):
    h = np.maximum(x @ w1 + b1, 0)
    z = h @ w2 + b2
    m = z.max(-1, keepdims=True)
    ls = z - m - np.log(np.exp(z - m).sum(-1, keepdims=True))
    return -np.mean((y * ls).sum(-1))

for _ in range(3):
    loss(w1, b1, w2, b2, x, y)
ts = []
for _ in range(runs):
    t0 = time.perf_counter()
    for _ in range(reps):
        v = loss(w1, b1, w2, b2, x, y)
    ts.append((time.perf_counter() - t0) / reps * 1e3)
ts.sort()
import resource
import os
print(f"numpy {np.__version__} (OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'default')}) mlp forward: {ts[len(ts)//2]:.3f} ms (value {v:.5f}), "
      f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024:.1f} MiB")
