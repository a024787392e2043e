/* Calls one entry point of each of two jx objects linked together. */
#include <stdio.h>
#include <jx/runtime.h>
#include "two-a.h"
#include "two-b.h"

static void show(const char *name, jx_status_t st, jx_owned_array_t *out) {
  if (st) {
    printf("%s: %s\n", name, jx_status_message(st));
    jx_status_free(st);
    return;
  }
  const jx_array_t *v = jx_array_view(out);
  const float *d = (const float *)v->data;
  printf("%s: %g %g %g\n", name, d[0], d[1], d[2]);
  jx_array_free(out);
}

int main(void) {
  float data[3] = {1.0f, 2.0f, 3.0f};
  int64_t shape[1] = {3};
  jx_array_t x = {data, JX_DTYPE_F32, 1, shape, NULL};
  float two = 2.0f;
  int64_t none[1] = {0};
  jx_array_t s = {&two, JX_DTYPE_F32, 0, none, NULL};
  jx_owned_array_t *out = NULL;
  show("scale", two_a_scale(&x, &s, &out), out);
  show("shift", two_b_shift(&x, &s, &out), out);
  return 0;
}
