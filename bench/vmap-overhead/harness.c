/* Timing harness for bench/vmap-overhead: vmap(f) against f written by hand
 * over the batch, both compiled by jxc from per_example.jx. Checks that the
 * two agree, then reports the median ms per call of each and their ratio.
 * Usage: harness [reps] [runs] (reps: calls per run, by default enough for
 * about 200 ms). */
#define _GNU_SOURCE
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <jx/runtime.h>
#include "per_example.h"

#define B 256
static int RUNS = 9;

static void check(jx_status_t st, const char *what) {
  if (st) {
    fprintf(stderr, "%s failed: %s\n", what, jx_status_message(st));
    jx_status_free(st);
    exit(1);
  }
}

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint64_t next(void) {
  rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17;
  return rng;
}
static float frand(void) { /* uniform [-1, 1) */
  return (float)((next() >> 40) * (1.0 / (1 << 24))) * 2.0f - 1.0f;
}

typedef struct { void *data; int64_t shape[2]; jx_array_t a; } arr_t;
static void arr_f32(arr_t *r, int rank, int64_t d0, int64_t d1, float scale) {
  int64_t n = rank == 1 ? d0 : d0 * d1;
  float *p = malloc(sizeof(float) * (size_t)n);
  for (int64_t i = 0; i < n; i++) p[i] = frand() * scale;
  r->data = p; r->shape[0] = d0; r->shape[1] = d1;
  r->a.data = p; r->a.dtype = JX_DTYPE_F32; r->a.rank = rank;
  r->a.shape = r->shape; r->a.strides = NULL;
}
static void arr_buckets(arr_t *r, int64_t d0, int64_t d1, int buckets) {
  int32_t *p = malloc(sizeof(int32_t) * (size_t)(d0 * d1));
  for (int64_t i = 0; i < d0 * d1; i++) p[i] = (int32_t)(next() % buckets);
  r->data = p; r->shape[0] = d0; r->shape[1] = d1;
  r->a.data = p; r->a.dtype = JX_DTYPE_I32; r->a.rank = 2;
  r->a.shape = r->shape; r->a.strides = NULL;
}

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}
static int cmpd(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static arr_t w, b, xs, c, ds, idx;

/* Benchmark k (0..2), vmap (hand = 0) or by hand (hand = 1). */
static jx_owned_array_t *call(int k, int hand) {
  jx_owned_array_t *o = NULL;
  switch (2 * k + hand) {
  case 0: check(per_example_layer_vmap(&w.a, &b.a, &xs.a, &o), "layer_vmap"); break;
  case 1: check(per_example_layer_hand(&w.a, &b.a, &xs.a, &o), "layer_hand"); break;
  case 2: check(per_example_dist_vmap(&c.a, &ds.a, &o), "dist_vmap"); break;
  case 3: check(per_example_dist_hand(&c.a, &ds.a, &o), "dist_hand"); break;
  case 4: check(per_example_hist_vmap(&idx.a, &o), "hist_vmap"); break;
  case 5: check(per_example_hist_hand(&idx.a, &o), "hist_hand"); break;
  }
  return o;
}

/* The largest absolute difference between the two results. */
static double max_diff(int k) {
  jx_owned_array_t *p = call(k, 0), *q = call(k, 1);
  const jx_array_t *u = jx_array_view(p), *v = jx_array_view(q);
  int64_t n = 1;
  for (int d = 0; d < u->rank; d++) n *= u->shape[d];
  double m = 0;
  for (int64_t i = 0; i < n; i++) {
    double e = fabs((double)((const float *)u->data)[i] - ((const float *)v->data)[i]);
    if (e > m) m = e;
  }
  jx_array_free(p);
  jx_array_free(q);
  return m;
}

/* Mean ms per call over `reps` calls. */
static double timed(int k, int hand, int reps) {
  double t0 = now_ms();
  for (int i = 0; i < reps; i++) jx_array_free(call(k, hand));
  return (now_ms() - t0) / reps;
}

/* RUNS runs, each timing vmap then the hand-batched version (alternating
 * which goes first) over `reps` calls: the medians of each, and the median
 * of the per-run ratios, which cancels load that drifts between runs. */
static void bench(int k, int reps, double out[3]) {
  for (int i = 0; i < 3; i++) { /* warm-up */
    jx_array_free(call(k, 0));
    jx_array_free(call(k, 1));
  }
  double tv[64], th[64], ratio[64];
  for (int r = 0; r < RUNS; r++) {
    if (r % 2) {
      th[r] = timed(k, 1, reps);
      tv[r] = timed(k, 0, reps);
    } else {
      tv[r] = timed(k, 0, reps);
      th[r] = timed(k, 1, reps);
    }
    ratio[r] = tv[r] / th[r];
  }
  qsort(tv, (size_t)RUNS, sizeof tv[0], cmpd);
  qsort(th, (size_t)RUNS, sizeof th[0], cmpd);
  qsort(ratio, (size_t)RUNS, sizeof ratio[0], cmpd);
  out[0] = tv[RUNS / 2];
  out[1] = th[RUNS / 2];
  out[2] = ratio[RUNS / 2];
}

int main(int argc, char **argv) {
  int fixedReps = argc > 1 ? atoi(argv[1]) : 0;
  if (argc > 2) RUNS = atoi(argv[2]);
  if (RUNS < 1 || RUNS > 64) RUNS = 9;
  arr_f32(&w, 2, 784, 512, 0.05f); arr_f32(&b, 1, 512, 0, 0.01f);
  arr_f32(&xs, 2, B, 784, 1.0f);
  arr_f32(&c, 2, 128, 64, 1.0f); arr_f32(&ds, 2, B, 64, 1.0f);
  arr_buckets(&idx, B, 64, 16);
  static const char *names[3] = {"layer 256x784->512", "dist 256x(128x64)",
                                 "hist 256x64->16"};
  printf("runs=%d (median of runs, ms per call; ratio: median of per-run "
         "vmap/hand)\n",
         RUNS);
  printf("%-20s %6s %10s %10s %8s %10s\n", "benchmark", "reps", "vmap ms",
         "hand ms", "ratio", "max diff");
  for (int k = 0; k < 3; k++) {
    double diff = max_diff(k);
    /* Without a count, enough calls for about 200 ms a run. */
    int reps = fixedReps;
    if (reps < 1) {
      double once = timed(k, 1, 1);
      reps = once >= 200 ? 1 : (int)(200 / (once > 1e-3 ? once : 1e-3));
    }
    double r[3];
    bench(k, reps, r);
    printf("%-20s %6d %10.4f %10.4f %7.3fx %10.2g\n", names[k], reps, r[0],
           r[1], r[2], diff);
  }
  return 0;
}
