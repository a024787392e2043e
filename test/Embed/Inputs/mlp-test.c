/* Calls the entry points of Inputs/mlp.jx from strict C99: one compiled
 * function for every batch size, results checked by value, and every kind of
 * bad input reported through the status (see embed-c.test). */
#include "mlp.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { D = 4, H = 5, K = 2 };

static int failures = 0;

/* Prints a status as `CODE: message` (or `OK`) and frees it. */
static void report(const char *what, jx_status_t status) {
  printf("%s: %s%s%s\n", what, jx_status_code_name(jx_status_code(status)),
         status ? ": " : "", jx_status_message(status));
  jx_status_free(status);
}

static jx_array_t view(jx_dtype_t dtype, void *data, int32_t rank,
                       const int64_t *shape, const int64_t *strides) {
  jx_array_t a;
  a.data = data;
  a.dtype = dtype;
  a.rank = rank;
  a.shape = shape;
  a.strides = strides;
  return a;
}

static void expect_close(const char *what, float got, float want) {
  if (fabsf(got - want) > 1e-4f * (1.0f + fabsf(want))) {
    printf("MISMATCH %s: got %g, want %g\n", what, (double)got, (double)want);
    ++failures;
  }
}

int main(void) {
  static float w1[D * H], b1[H], w2[H * K], b2[K];
  static const int64_t w1_shape[2] = {D, H}, b1_shape[1] = {H},
                       w2_shape[2] = {H, K}, b2_shape[1] = {K};
  mlp_Mlp p;
  int i, j, r, c, batch_index;
  static const int64_t batches[3] = {1, 3, 7};

  for (i = 0; i < D * H; ++i)
    w1[i] = (float)((i * 7) % 11) / 10.0f - 0.4f;
  for (i = 0; i < H; ++i)
    b1[i] = 0.1f * (float)i - 0.2f;
  for (i = 0; i < H * K; ++i)
    w2[i] = (float)((i * 3) % 5) / 4.0f - 0.3f;
  for (i = 0; i < K; ++i)
    b2[i] = 0.5f * (float)i;
  p.w1 = view(JX_DTYPE_F32, w1, 2, w1_shape, NULL);
  p.b1 = view(JX_DTYPE_F32, b1, 1, b1_shape, NULL);
  p.w2 = view(JX_DTYPE_F32, w2, 2, w2_shape, NULL);
  p.b2 = view(JX_DTYPE_F32, b2, 1, b2_shape, NULL);

  /* One compiled function, batch sizes 1, 3 and 7. */
  for (batch_index = 0; batch_index < 3; ++batch_index) {
    int64_t b = batches[batch_index];
    int64_t x_shape[2];
    float *x = (float *)malloc(sizeof(float) * (size_t)(b * D));
    jx_array_t xa;
    jx_owned_array_t *y = NULL;
    jx_status_t status;
    x_shape[0] = b;
    x_shape[1] = D;
    for (i = 0; i < b * D; ++i)
      x[i] = (float)(i % 9) / 3.0f - 1.0f;
    xa = view(JX_DTYPE_F32, x, 2, x_shape, NULL);
    status = mlp_predict(&p, &xa, &y);
    if (status) {
      report("predict", status);
      return 1;
    }
    {
      const jx_array_t *v = jx_array_view(y);
      const float *out = (const float *)v->data;
      printf("predict batch %lld: shape (%lld, %lld)\n", (long long)b,
             (long long)v->shape[0], (long long)v->shape[1]);
      for (r = 0; r < b; ++r) {
        float hidden[H];
        for (j = 0; j < H; ++j) {
          float acc = b1[j];
          for (i = 0; i < D; ++i)
            acc += x[r * D + i] * w1[i * H + j];
          hidden[j] = acc > 0.0f ? acc : 0.0f;
        }
        for (c = 0; c < K; ++c) {
          float acc = b2[c];
          for (j = 0; j < H; ++j)
            acc += hidden[j] * w2[j * K + c];
          expect_close("predict", out[r * K + c], acc);
        }
      }
      if (b == 3)
        jx_array_print(stdout, v, NULL);
    }
    jx_array_free(y);
    free(x);
  }

  /* A strided (transposed) input gives the same result as a copy. */
  {
    float xt[D * 3]; /* x^T stored as D x 3, read as 3 x D */
    float x[3 * D];
    int64_t shape[2] = {3, D}, strides[2] = {1, 3};
    jx_array_t strided, contiguous;
    jx_owned_array_t *y1 = NULL, *y2 = NULL;
    for (r = 0; r < 3; ++r)
      for (i = 0; i < D; ++i) {
        x[r * D + i] = (float)(r - i) * 0.5f;
        xt[i * 3 + r] = x[r * D + i];
      }
    strided = view(JX_DTYPE_F32, xt, 2, shape, strides);
    contiguous = view(JX_DTYPE_F32, x, 2, shape, NULL);
    report("predict strided", mlp_predict(&p, &strided, &y1));
    report("predict contiguous", mlp_predict(&p, &contiguous, &y2));
    for (i = 0; i < 3 * K; ++i)
      expect_close("strided", ((const float *)jx_array_view(y1)->data)[i],
                   ((const float *)jx_array_view(y2)->data)[i]);
    jx_array_free(y1);
    jx_array_free(y2);
  }

  /* Bad inputs: every one is a status, and the result stays NULL. */
  {
    float x[2 * D] = {0};
    double xd[2 * D] = {0};
    int64_t shape[2] = {2, D}, bad_shape[2] = {2, 3}, flat[1] = {2 * D};
    jx_array_t xa = view(JX_DTYPE_F32, x, 2, shape, NULL);
    jx_array_t x64 = view(JX_DTYPE_F64, xd, 2, shape, NULL);
    jx_array_t x1d = view(JX_DTYPE_F32, x, 1, flat, NULL);
    jx_array_t xbad = view(JX_DTYPE_F32, x, 2, bad_shape, NULL);
    jx_array_t xnull = view(JX_DTYPE_F32, NULL, 2, shape, NULL);
    mlp_Mlp q = p;
    jx_owned_array_t *y = (jx_owned_array_t *)&q; /* must be reset */
    report("null p", mlp_predict(NULL, &xa, &y));
    printf("result after error: %s\n", y ? "set" : "NULL");
    report("null x", mlp_predict(&p, NULL, &y));
    report("null out", mlp_predict(&p, &xa, NULL));
    report("null data", mlp_predict(&p, &xnull, &y));
    report("dtype", mlp_predict(&p, &x64, &y));
    report("rank", mlp_predict(&p, &x1d, &y));
    report("size variable", mlp_predict(&p, &xbad, &y));
    q.b1 = view(JX_DTYPE_F32, b1, 1, b2_shape, NULL);
    report("struct field", mlp_predict(&q, &xa, &y));
    printf("result after errors: %s\n", y ? "set" : "NULL");
  }

  /* Static sizes. */
  {
    float w[6] = {1, 2, 3, 4, 5, 6}, x[6] = {1, 0, 0, 0, 1, 1};
    int64_t w_shape[2] = {3, 2}, w_bad[2] = {2, 3}, x_shape[2] = {2, 3};
    jx_array_t wa = view(JX_DTYPE_F32, w, 2, w_shape, NULL);
    jx_array_t wb = view(JX_DTYPE_F32, w, 2, w_bad, NULL);
    jx_array_t xa = view(JX_DTYPE_F32, x, 2, x_shape, NULL);
    jx_owned_array_t *y = NULL;
    report("static dim", mlp_affine(&wb, &xa, &y));
    report("affine", mlp_affine(&wa, &xa, &y));
    jx_array_print(stdout, jx_array_view(y), NULL);
    jx_array_free(y);
  }

  /* Scalar argument, tuple result. */
  {
    float a = 2.0f, x[3] = {1, 2, 3}, y[3] = {10, 20, 30};
    int64_t n[1] = {3}, m[1] = {2};
    jx_array_t aa = view(JX_DTYPE_F32, &a, 0, NULL, NULL);
    jx_array_t xa = view(JX_DTYPE_F32, x, 1, n, NULL);
    jx_array_t ya = view(JX_DTYPE_F32, y, 1, n, NULL);
    jx_array_t ym = view(JX_DTYPE_F32, y, 1, m, NULL);
    mlp_axpy_result out;
    report("axpy mismatch", mlp_axpy(&aa, &xa, &ym, &out));
    printf("tuple after error: %s %s\n", out._0 ? "set" : "NULL",
           out._1 ? "set" : "NULL");
    report("axpy", mlp_axpy(&aa, &xa, &ya, &out));
    jx_array_print(stdout, jx_array_view(out._0), NULL);
    jx_array_print(stdout, jx_array_view(out._1), NULL);
    mlp_axpy_result_free(&out);
    printf("after free: %s\n", out._0 ? "set" : "NULL");
  }

  /* The same buffer twice, an argument returned as is. */
  {
    int32_t x[4] = {1, 2, 3, 4};
    int64_t n[1] = {4};
    jx_array_t xa = view(JX_DTYPE_I32, x, 1, n, NULL);
    mlp_twice_result out;
    report("twice", mlp_twice(&xa, &out));
    ((int32_t *)jx_array_view(out._0)->data)[0] = 100;
    jx_array_print(stdout, jx_array_view(out._0), NULL);
    jx_array_print(stdout, jx_array_view(out._1), NULL);
    jx_array_print(stdout, jx_array_view(out._2), NULL);
    printf("input untouched: %d\n", (int)x[0]);
    mlp_twice_result_free(&out);
  }

  /* A struct result. */
  {
    float lr = 0.5f;
    jx_array_t la = view(JX_DTYPE_F32, &lr, 0, NULL, NULL);
    mlp_Mlp_result out;
    report("shrink", mlp_shrink(&p, &la, &out));
    expect_close("shrink", ((const float *)jx_array_view(out.w1)->data)[1],
                 w1[1] * 0.5f);
    jx_array_print(stdout, jx_array_view(out.b2), NULL);
    mlp_Mlp_result_free(&out);
  }

  printf("failures: %d\n", failures);
  return failures != 0;
}
