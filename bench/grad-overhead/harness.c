/* Timing harness for bench/grad-overhead: forward vs value_and_grad.
 * Each benchmark runs in a forked child so that its peak RSS (getrusage
 * ru_maxrss) is its own. Usage: harness [reps] [runs]. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <jx/runtime.h>
#include "mlp.h"
#include "scan.h"
#include "loop.h"

#define B 256
static int REPS = 20, RUNS = 5;

static void check(jx_status_t st, const char *what) {
  if (st) {
    fprintf(stderr, "%s failed: %s\n", what, jx_status_message(st));
    jx_status_free(st);
    exit(1);
  }
}

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static float frand(void) { /* uniform [-1, 1) */
  rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17;
  return (float)((rng >> 40) * (1.0 / (1 << 24))) * 2.0f - 1.0f;
}

typedef struct { float *data; int64_t shape[2]; jx_array_t a; } arr_t;
static void arr_init(arr_t *r, int rank, int64_t d0, int64_t d1, float scale) {
  int64_t n = rank == 0 ? 1 : rank == 1 ? d0 : d0 * d1;
  r->data = malloc(sizeof(float) * (size_t)n);
  for (int64_t i = 0; i < n; i++) r->data[i] = frand() * scale;
  r->shape[0] = d0; r->shape[1] = d1;
  r->a.data = r->data; r->a.dtype = JX_DTYPE_F32; r->a.rank = rank;
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

/* inputs */
static arr_t w1, b1, w2, b2, x, y, sw, sxs;
static mlp_Mlp P;

static void setup(void) {
  arr_init(&w1, 2, 784, 512, 0.05f); arr_init(&b1, 1, 512, 0, 0.01f);
  arr_init(&w2, 2, 512, 10, 0.05f);  arr_init(&b2, 1, 10, 0, 0.01f);
  arr_init(&x, 2, B, 784, 1.0f);
  /* y: one-hot labels */
  arr_init(&y, 2, B, 10, 0.0f);
  for (int i = 0; i < B; i++) {
    frand();
    y.data[i * 10 + (int)(rng % 10)] = 1.0f;
  }
  P.w1 = w1.a; P.b1 = b1.a; P.w2 = w2.a; P.b2 = b2.a;
  arr_init(&sw, 1, 64, 0, 0.5f);
  arr_init(&sxs, 2, 1000, 64, 1.0f);
}

static float scalar(jx_owned_array_t *o) { return *(float *)jx_array_view(o)->data; }

static float call(int which) {
  float v = 0;
  jx_owned_array_t *o = NULL;
  switch (which) {
  case 0: check(mlp_loss(&P, &x.a, &y.a, &o), "mlp_loss"); v = scalar(o); jx_array_free(o); break;
  case 1: { mlp_loss_and_grad_result r;
    check(mlp_loss_and_grad(&P, &x.a, &y.a, &r), "mlp_loss_and_grad");
    v = scalar(r._0); mlp_loss_and_grad_result_free(&r); break; }
  case 2: check(scan_rnn(&sw.a, &sxs.a, &o), "scan_rnn"); v = scalar(o); jx_array_free(o); break;
  case 3: { scan_rnn_and_grad_result r;
    check(scan_rnn_and_grad(&sw.a, &sxs.a, &r), "scan_rnn_and_grad");
    v = scalar(r._0); scan_rnn_and_grad_result_free(&r); break; }
  case 4: check(loop_rnn_while(&sw.a, &sxs.a, &o), "loop_rnn_while"); v = scalar(o); jx_array_free(o); break;
  case 5: { loop_rnn_while_and_grad_result r;
    check(loop_rnn_while_and_grad(&sw.a, &sxs.a, &r), "loop_rnn_while_and_grad");
    v = scalar(r._0); loop_rnn_while_and_grad_result_free(&r); break; }
  }
  return v;
}

/* child: median over RUNS of the mean ms per call over REPS calls */
static void bench(int which, double out[3]) {
  setup();
  volatile float sink = 0;
  for (int i = 0; i < 3; i++) sink += call(which); /* warm-up */
  double t[64];
  for (int r = 0; r < RUNS; r++) {
    double t0 = now_ms();
    for (int i = 0; i < REPS; i++) sink += call(which);
    t[r] = (now_ms() - t0) / REPS;
  }
  qsort(t, (size_t)RUNS, sizeof t[0], cmpd);
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  out[0] = t[RUNS / 2];
  out[1] = ru.ru_maxrss / 1024.0; /* KiB -> MiB */
  out[2] = call(which);
  (void)sink;
}

static void run_forked(int which, double out[3]) {
  int fd[2];
  if (pipe(fd)) { perror("pipe"); exit(1); }
  pid_t pid = fork();
  if (pid == 0) {
    close(fd[0]);
    bench(which, out);
    if (write(fd[1], out, sizeof(double) * 3) != sizeof(double) * 3) _exit(1);
    _exit(0);
  }
  close(fd[1]);
  if (read(fd[0], out, sizeof(double) * 3) != sizeof(double) * 3) {
    fprintf(stderr, "benchmark %d failed\n", which);
    exit(1);
  }
  close(fd[0]);
  int st;
  waitpid(pid, &st, 0);
}

int main(int argc, char **argv) {
  if (argc > 1) REPS = atoi(argv[1]);
  if (argc > 2) RUNS = atoi(argv[2]);
  if (REPS < 1) REPS = 1;
  if (RUNS < 1 || RUNS > 64) RUNS = 5;
  static const char *names[3] = {"mlp 256x784-512-10", "scan 1000x64 tanh",
                                 "while 1000x64 tanh"};
  double r[6][3];
  for (int i = 0; i < 6; i++) run_forked(i, r[i]);
  printf("reps=%d runs=%d (median of runs, ms per call)\n", REPS, RUNS);
  printf("%-20s %10s %10s %14s %8s %10s %12s\n", "benchmark", "value", "fwd ms",
         "val+grad ms", "ratio", "fwd RSS", "v+g RSS");
  for (int k = 0; k < 3; k++)
    printf("%-20s %10.5f %10.3f %14.3f %7.2fx %7.1f MiB %8.1f MiB\n", names[k],
           r[2 * k][2], r[2 * k][0], r[2 * k + 1][0], r[2 * k + 1][0] / r[2 * k][0],
           r[2 * k][1], r[2 * k + 1][1]);
  return 0;
}
