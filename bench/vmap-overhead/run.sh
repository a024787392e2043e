#!/bin/sh
# Builds and runs the vmap-overhead benchmark (see bench/README.md).
# Usage: bench/vmap-overhead/run.sh [reps] [runs]   (from anywhere)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
BUILD=${BUILD:-$root/build}
JXC=${JXC:-$BUILD/bin/jxc}
CC=${CC:-/usr/lib/llvm-22/bin/clang}
out=${OUT_DIR:-$BUILD/bench/vmap-overhead}
mkdir -p "$out"
"$JXC" "$here/per_example.jx" -c -o "$out/per_example.o" \
  --emit-header "$out/per_example.h"
"$CC" -O3 -std=c11 -I"$root/runtime/include" -I"$out" "$here/harness.c" \
  "$out/per_example.o" "$BUILD/lib/libjxrt.a" -lm -o "$out/harness"
echo "== jx (jxc, single-threaded): vmap(f) vs f by hand over the batch =="
"$out/harness" "$@"
