#!/bin/sh
# Builds and runs the grad-overhead benchmark (see bench/README.md).
# Usage: bench/grad-overhead/run.sh [reps] [runs]   (from anywhere)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
JXC=${JXC:-$root/build/bin/jxc}
CC=${CC:-/usr/lib/llvm-22/bin/clang}
PY=${PY:-/usr/bin/python3}
out=${OUT_DIR:-$root/build/bench/grad-overhead}
mkdir -p "$out"
for m in mlp scan loop; do
  "$JXC" "$here/$m.jx" -c -o "$out/$m.o" --emit-header "$out/$m.h"
done
"$CC" -O3 -std=c11 -I"$root/runtime/include" -I"$out" "$here/harness.c" \
  "$out/mlp.o" "$out/scan.o" "$out/loop.o" "$root/build/lib/libjxrt.a" -lm -o "$out/harness"
echo "== jx (jxc, single-threaded) =="
"$out/harness" "$@"
echo "== NumPy peer (MLP forward, with the BLAS numpy links; default threads, then OPENBLAS_NUM_THREADS=1) =="
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$PY" "$here/numpy_peer.py" "$@"
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 \
  "$PY" "$here/numpy_peer.py" "$@"
