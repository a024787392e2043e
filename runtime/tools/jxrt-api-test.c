/*===- jxrt-api-test.c - Checks of libjxrt's API ---------------------------===*
 *
 * Self-checking tests of status, dtype, allocation, descriptor, owned-array
 * and option handling, plus a few messages printed for FileCheck. Prints
 * "FAIL: ..." for each failed check and ends with
 * "api: N checks, M failures"; exits 1 when anything failed.
 *
 *===----------------------------------------------------------------------===*/

#include "jx/runtime.h"

#include "header-check.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int checks, failures;

#define CHECK(condition)                                                       \
  do {                                                                         \
    ++checks;                                                                  \
    if (!(condition)) {                                                        \
      ++failures;                                                              \
      printf("FAIL: %s:%d: %s\n", __FILE__, __LINE__, #condition);             \
    }                                                                          \
  } while (0)

/* Checks that `status` has `code`, prints its message for FileCheck under
 * `label`, and frees it. */
static void expect(jx_status_t status, jx_status_code_t code,
                   const char *label) {
  ++checks;
  if (jx_status_code(status) != code) {
    ++failures;
    printf(
        "FAIL: %s: expected %s, got %s: %s\n", label, jx_status_code_name(code),
        jx_status_code_name(jx_status_code(status)), jx_status_message(status));
  } else if (status) {
    printf("%s: %s: %s\n", label, jx_status_code_name(code),
           jx_status_message(status));
  }
  jx_status_free(status);
}

static void test_status(void) {
  CHECK(jx_runtime_abi_version() >= JX_RUNTIME_ABI_VERSION);
  CHECK(jx_status_make(JX_OK, "ignored %d", 1) == JX_STATUS_OK);
  CHECK(jx_status_code(NULL) == JX_OK);
  CHECK(!strcmp(jx_status_message(NULL), ""));
  jx_status_free(NULL);

  jx_status_t status = jx_status_make(JX_SHAPE_MISMATCH, "%d vs %s", 3, "4");
  CHECK(!jx_status_is_ok(status));
  CHECK(jx_status_code(status) == JX_SHAPE_MISMATCH);
  CHECK(!strcmp(jx_status_message(status), "3 vs 4"));
  status = jx_status_annotate(status, "adding '%s'", "x");
  CHECK(jx_status_code(status) == JX_SHAPE_MISMATCH);
  CHECK(!strcmp(jx_status_message(status), "adding 'x': 3 vs 4"));
  jx_status_free(status);
  CHECK(jx_status_annotate(NULL, "context") == NULL);

  static const char *names[] = {"OK",
                                "INVALID_ARGUMENT",
                                "OUT_OF_RANGE",
                                "SHAPE_MISMATCH",
                                "OUT_OF_MEMORY",
                                "IO_ERROR",
                                "UNSUPPORTED",
                                "INTERNAL"};
  for (int code = 0; code < 8; ++code)
    CHECK(!strcmp(jx_status_code_name((jx_status_code_t)code), names[code]));
  CHECK(!strcmp(jx_status_code_name((jx_status_code_t)99), "UNKNOWN"));

  /* A long message survives intact. */
  char long_text[5000];
  memset(long_text, 'a', sizeof long_text - 1);
  long_text[sizeof long_text - 1] = '\0';
  status = jx_status_make(JX_INTERNAL, "%s", long_text);
  CHECK(strlen(jx_status_message(status)) == sizeof long_text - 1);
  jx_status_free(status);
}

static void test_dtype(void) {
  static const struct {
    jx_dtype_t dtype;
    size_t size;
    const char *name, *numpy;
  } table[] = {
      {JX_DTYPE_BOOL, 1, "bool", "bool"},
      {JX_DTYPE_I32, 4, "i32", "int32"},
      {JX_DTYPE_I64, 8, "i64", "int64"},
      {JX_DTYPE_U32, 4, "u32", "uint32"},
      {JX_DTYPE_F16, 2, "f16", "float16"},
      {JX_DTYPE_BF16, 2, "bf16", "bfloat16"},
      {JX_DTYPE_F32, 4, "f32", "float32"},
      {JX_DTYPE_F64, 8, "f64", "float64"},
  };
  for (size_t i = 0; i < sizeof table / sizeof table[0]; ++i) {
    CHECK(jx_dtype_is_valid(table[i].dtype));
    CHECK(jx_dtype_size(table[i].dtype) == table[i].size);
    CHECK(!strcmp(jx_dtype_name(table[i].dtype), table[i].name));
    CHECK(!strcmp(jx_dtype_numpy_name(table[i].dtype), table[i].numpy));
    jx_dtype_t parsed = JX_DTYPE_INVALID;
    CHECK(!jx_dtype_parse(table[i].name, &parsed) && parsed == table[i].dtype);
    CHECK(!jx_dtype_parse(table[i].numpy, &parsed) && parsed == table[i].dtype);
  }
  CHECK((int)JX_DTYPE_BOOL == 1 && (int)JX_DTYPE_F64 == 8);
  CHECK(!jx_dtype_is_valid(JX_DTYPE_INVALID));
  CHECK(!jx_dtype_is_valid((jx_dtype_t)9));
  CHECK(jx_dtype_size((jx_dtype_t)-1) == 0);
  CHECK(!strcmp(jx_dtype_name((jx_dtype_t)42), "invalid"));
  jx_dtype_t dtype;
  expect(jx_dtype_parse("complex64", &dtype), JX_INVALID_ARGUMENT, "parse");
  expect(jx_dtype_parse(NULL, &dtype), JX_INVALID_ARGUMENT, "parse-null");

  /* binary16 */
  CHECK(jx_f32_to_f16(1.0f) == 0x3c00);
  CHECK(jx_f32_to_f16(-2.0f) == 0xc000);
  CHECK(jx_f32_to_f16(65504.0f) == 0x7bff);
  CHECK(jx_f32_to_f16(65519.99f) == 0x7bff);
  CHECK(jx_f32_to_f16(65520.0f) == 0x7c00); /* rounds to infinity */
  CHECK(jx_f32_to_f16(ldexpf(1, -24)) == 0x0001);
  CHECK(jx_f32_to_f16(ldexpf(1, -25)) == 0x0000);        /* tie to even: 0 */
  CHECK(jx_f32_to_f16(ldexpf(3, -26)) == 0x0001);        /* above the tie */
  CHECK(jx_f32_to_f16(ldexpf(3, -25)) == 0x0002);        /* tie to even: 2 */
  CHECK(jx_f32_to_f16(ldexpf(1023, -24)) == 0x03ff);     /* largest subnormal */
  CHECK(jx_f32_to_f16(ldexpf(2047, -25)) == 0x0400);     /* carries to normal */
  CHECK(jx_f32_to_f16(1.0f + ldexpf(1, -11)) == 0x3c00); /* tie to even */
  CHECK(jx_f32_to_f16(1.0f + ldexpf(3, -11)) == 0x3c02);
  CHECK(jx_f32_to_f16(-0.0f) == 0x8000);
  CHECK(jx_f32_to_f16(INFINITY) == 0x7c00);
  CHECK((jx_f32_to_f16(NAN) & 0x7c00) == 0x7c00 &&
        (jx_f32_to_f16(NAN) & 0x3ff) != 0);
  CHECK(jx_f16_to_f32(0x0001) == ldexpf(1, -24));
  CHECK(jx_f16_to_f32(0x7bff) == 65504.0f);
  CHECK(isinf(jx_f16_to_f32(0xfc00)) && jx_f16_to_f32(0xfc00) < 0);
  CHECK(isnan(jx_f16_to_f32(0x7e00)));
  int round_trip_failures = 0;
  for (uint32_t bits = 0; bits < 0x10000; ++bits) {
    uint16_t half = (uint16_t)bits;
    if ((half & 0x7c00) == 0x7c00 && (half & 0x3ff))
      continue; /* NaN */
    round_trip_failures += jx_f32_to_f16(jx_f16_to_f32(half)) != half;
  }
  CHECK(round_trip_failures == 0);

  /* bfloat16 */
  CHECK(jx_f32_to_bf16(1.0f) == 0x3f80);
  CHECK(jx_f32_to_bf16(1.0f + ldexpf(1, -8)) == 0x3f80); /* tie to even */
  CHECK(jx_f32_to_bf16(1.0f + ldexpf(3, -8)) == 0x3f82); /* tie to even */
  CHECK(jx_f32_to_bf16(1.0f + ldexpf(5, -9)) == 0x3f81);
  CHECK(jx_f32_to_bf16(3.4e38f) == 0x7f80); /* rounds to infinity */
  CHECK(isnan(jx_bf16_to_f32(jx_f32_to_bf16(NAN))));
  CHECK(jx_bf16_to_f32(0x4049) == 3.140625f);
}

static void test_allocation(void) {
  void *a = NULL, *b = NULL;
  CHECK(!jx_aligned_alloc(0, 0, &a) && a);
  CHECK(!jx_aligned_alloc(0, 0, &b) && b && a != b);
  CHECK(((uintptr_t)a % JX_DEFAULT_ALIGNMENT) == 0);
  jx_aligned_free(a);
  jx_aligned_free(b);
  CHECK(!jx_aligned_alloc(4096, 10, &a) && ((uintptr_t)a % 4096) == 0);
  jx_aligned_free(a);
  jx_aligned_free(NULL);
  expect(jx_aligned_alloc(3, 10, &a), JX_INVALID_ARGUMENT, "alloc-alignment");
  CHECK(a == NULL);
  expect(jx_aligned_alloc(64, SIZE_MAX - 10, &a), JX_OUT_OF_RANGE,
         "alloc-huge");
  expect(jx_aligned_alloc(64, 10, NULL), JX_INVALID_ARGUMENT, "alloc-null");
}

static void test_shapes(void) {
  int64_t count = -1;
  CHECK(!jx_shape_element_count(0, NULL, &count) && count == 1);
  int64_t shape[3] = {2, 3, 4};
  CHECK(!jx_shape_element_count(3, shape, &count) && count == 24);
  int64_t big[2] = {INT64_C(1) << 32, INT64_C(1) << 32};
  expect(jx_shape_element_count(2, big, &count), JX_OUT_OF_RANGE,
         "count-overflow");
  int64_t empty[3] = {INT64_MAX, 0, INT64_MAX};
  CHECK(!jx_shape_element_count(3, empty, &count) && count == 0);
  int64_t negative[2] = {2, -1};
  expect(jx_shape_element_count(2, negative, &count), JX_INVALID_ARGUMENT,
         "count-negative");
  expect(jx_shape_element_count(JX_ARRAY_MAX_RANK + 1, shape, &count),
         JX_OUT_OF_RANGE, "count-rank");
  expect(jx_shape_element_count(2, NULL, &count), JX_INVALID_ARGUMENT,
         "count-null");
}

static void test_descriptors(void) {
  float values[6] = {0, 1, 2, 3, 4, 5};
  int64_t shape[2] = {2, 3};
  jx_array_t array = {values, JX_DTYPE_F32, 2, shape, NULL};
  CHECK(!jx_array_validate(&array));
  CHECK(jx_array_is_contiguous(&array));
  int64_t c_strides[2] = {3, 1};
  array.strides = c_strides;
  CHECK(jx_array_is_contiguous(&array));
  int64_t transposed_shape[2] = {3, 2}, transposed_strides[2] = {1, 3};
  jx_array_t transposed = {values, JX_DTYPE_F32, 2, transposed_shape,
                           transposed_strides};
  CHECK(!jx_array_validate(&transposed));
  CHECK(!jx_array_is_contiguous(&transposed));
  int64_t row_shape[2] = {1, 3}, odd_strides[2] = {99, 1};
  jx_array_t row = {values, JX_DTYPE_F32, 2, row_shape, odd_strides};
  CHECK(jx_array_is_contiguous(&row)); /* a length-1 axis has any stride */

  expect(jx_array_validate(NULL), JX_INVALID_ARGUMENT, "validate-null");
  jx_array_t bad = array;
  bad.dtype = (jx_dtype_t)0;
  expect(jx_array_validate(&bad), JX_INVALID_ARGUMENT, "validate-dtype");
  bad = array;
  bad.data = NULL;
  expect(jx_array_validate(&bad), JX_INVALID_ARGUMENT, "validate-data");
  int64_t empty_shape[2] = {0, 3};
  bad.shape = empty_shape;
  CHECK(!jx_array_validate(&bad)); /* no elements: NULL data is fine */
  bad = array;
  bad.rank = -1;
  expect(jx_array_validate(&bad), JX_INVALID_ARGUMENT, "validate-rank");
  int64_t far_strides[2] = {INT64_MAX / 2, 1};
  bad = array;
  bad.strides = far_strides;
  expect(jx_array_validate(&bad), JX_OUT_OF_RANGE, "validate-strides");
  jx_array_t scalar = {values, JX_DTYPE_F64, 0, NULL, NULL};
  CHECK(!jx_array_validate(&scalar));
}

static void test_owned_arrays(void) {
  int64_t shape[3] = {2, 3, 4};
  jx_owned_array_t *array = NULL;
  CHECK(!jx_array_create(JX_DTYPE_I64, 3, shape, &array));
  const jx_array_t *view = jx_array_view(array);
  CHECK(view->dtype == JX_DTYPE_I64 && view->rank == 3);
  CHECK(view->shape != shape && view->shape[2] == 4);
  CHECK(view->strides[0] == 12 && view->strides[1] == 4 &&
        view->strides[2] == 1);
  CHECK(((uintptr_t)view->data % JX_DEFAULT_ALIGNMENT) == 0);
  int64_t sum = 0;
  for (int i = 0; i < 24; ++i)
    sum += ((int64_t *)view->data)[i] != 0;
  CHECK(sum == 0); /* zero-filled */
  jx_array_free(array);
  jx_array_free(NULL);
  CHECK(jx_array_view(NULL) == NULL);

  CHECK(!jx_array_create(JX_DTYPE_F16, 0, NULL, &array));
  CHECK(jx_array_view(array)->rank == 0 && jx_array_view(array)->data);
  jx_array_free(array);
  int64_t empty[2] = {3, 0};
  CHECK(!jx_array_create(JX_DTYPE_BOOL, 2, empty, &array));
  CHECK(jx_array_view(array)->data != NULL);
  jx_array_free(array);

  int64_t huge[1] = {INT64_C(1) << 62};
  expect(jx_array_create(JX_DTYPE_F64, 1, huge, &array), JX_OUT_OF_RANGE,
         "create-huge");
  CHECK(array == NULL);
  expect(jx_array_create(JX_DTYPE_INVALID, 1, shape, &array),
         JX_INVALID_ARGUMENT, "create-dtype");

  /* adopt */
  void *data;
  CHECK(!jx_aligned_alloc(0, 6 * sizeof(float), &data));
  ((float *)data)[5] = 2.5f;
  int64_t matrix[2] = {2, 3};
  CHECK(!jx_array_adopt(JX_DTYPE_F32, 2, matrix, data, &array));
  CHECK(jx_array_view(array)->data == data &&
        ((float *)jx_array_view(array)->data)[5] == 2.5f);
  jx_array_free(array); /* frees data */
  expect(jx_array_adopt(JX_DTYPE_F32, 2, matrix, NULL, &array),
         JX_INVALID_ARGUMENT, "adopt-null");

  /* copies through strided views */
  int32_t values[6] = {0, 1, 2, 3, 4, 5};
  int64_t transposed_shape[2] = {3, 2}, transposed_strides[2] = {1, 3};
  jx_array_t transposed = {values, JX_DTYPE_I32, 2, transposed_shape,
                           transposed_strides};
  CHECK(!jx_array_create_copy(&transposed, &array));
  const int32_t *copied = jx_array_view(array)->data;
  CHECK(copied[0] == 0 && copied[1] == 3 && copied[2] == 1 && copied[3] == 4 &&
        copied[4] == 2 && copied[5] == 5);
  jx_array_free(array);
  int64_t reversed_shape[1] = {6}, reversed_strides[1] = {-1};
  jx_array_t reversed = {values + 5, JX_DTYPE_I32, 1, reversed_shape,
                         reversed_strides};
  CHECK(!jx_array_create_copy(&reversed, &array));
  copied = jx_array_view(array)->data;
  CHECK(copied[0] == 5 && copied[5] == 0);
  jx_array_free(array);
  int64_t broadcast_strides[2] = {0, 1};
  int64_t broadcast_shape[2] = {4, 3};
  jx_array_t broadcast = {values, JX_DTYPE_I32, 2, broadcast_shape,
                          broadcast_strides};
  CHECK(!jx_array_create_copy(&broadcast, &array));
  copied = jx_array_view(array)->data;
  CHECK(copied[9] == 0 && copied[11] == 2);
  jx_array_free(array);

  int64_t other_shape[2] = {2, 3};
  jx_array_t other = {values, JX_DTYPE_I32, 2, other_shape, NULL};
  expect(jx_array_copy(&transposed, &other), JX_SHAPE_MISMATCH, "copy-shape");
  jx_array_t floats = {values, JX_DTYPE_F32, 2, transposed_shape, NULL};
  expect(jx_array_copy(&transposed, &floats), JX_SHAPE_MISMATCH, "copy-dtype");
}

static void test_format_options(void) {
  double values[3] = {0.5, 1.25, -3};
  int64_t shape[1] = {3};
  jx_array_t array = {values, JX_DTYPE_F64, 1, shape, NULL};
  char *text = NULL;
  CHECK(!jx_array_format(&array, NULL, &text) &&
        !strcmp(text, "[ 0.5   1.25 -3.  ]"));
  jx_string_free(text);

  jx_format_options_t options;
  jx_format_options_initialize(&options);
  CHECK(options.struct_size == sizeof options && options.line_width == 75 &&
        options.threshold == 1000 && options.edge_items == 3 &&
        options.precision == 8);
  options.style = JX_FORMAT_STYLE_REPR;
  CHECK(!jx_array_format(&array, &options, &text) &&
        !strcmp(text, "array([ 0.5 ,  1.25, -3.  ])"));
  jx_string_free(text);

  /* A caller compiled against an older, shorter struct gets defaults for
   * the fields it does not know. */
  options.suppress_small = true;
  options.struct_size = offsetof(jx_format_options_t, suppress_small);
  double tiny[2] = {1e-10, 1};
  jx_array_t small = {tiny, JX_DTYPE_F64, 1, shape, NULL};
  shape[0] = 2;
  CHECK(!jx_array_format(&small, &options, &text) &&
        !strcmp(text, "array([1.e-10, 1.e+00])"));
  jx_string_free(text);
  options.struct_size = sizeof options;
  CHECK(!jx_array_format(&small, &options, &text) &&
        !strcmp(text, "array([0., 1.])"));
  jx_string_free(text);

  jx_format_options_t zeroed;
  memset(&zeroed, 0, sizeof zeroed);
  expect(jx_array_format(&array, &zeroed, &text), JX_INVALID_ARGUMENT,
         "options-uninitialized");
  jx_format_options_initialize(&options);
  options.precision = 101;
  expect(jx_array_format(&array, &options, &text), JX_INVALID_ARGUMENT,
         "options-precision");
  jx_format_options_initialize(&options);
  options.line_width = 0;
  expect(jx_array_format(&array, &options, &text), JX_INVALID_ARGUMENT,
         "options-width");
  CHECK(text == NULL);
  expect(jx_array_format(NULL, NULL, &text), JX_INVALID_ARGUMENT,
         "format-null");

  /* jx_array_print writes the text and a newline. */
  FILE *file = tmpfile();
  CHECK(file != NULL);
  if (file) {
    shape[0] = 3;
    CHECK(!jx_array_print(file, &array, NULL));
    rewind(file);
    char line[64] = {0};
    CHECK(fgets(line, sizeof line, file) &&
          !strcmp(line, "[ 0.5   1.25 -3.  ]\n"));
    fclose(file);
  }
}

static void test_npy_api(void) {
  jx_owned_array_t *array = NULL;
  expect(jx_npy_read("/nonexistent/x.npy", &array), JX_IO_ERROR, "npy-missing");
  expect(jx_npy_read("/", &array), JX_IO_ERROR, "npy-directory");
  uint16_t halves[2] = {0x3f80, 0x4000};
  int64_t shape[1] = {2};
  jx_array_t bf16 = {halves, JX_DTYPE_BF16, 1, shape, NULL};
  expect(jx_npy_write("/nonexistent/never-created.npy", &bf16), JX_UNSUPPORTED,
         "npy-bf16");
  jx_array_t f16 = {halves, JX_DTYPE_F16, 1, shape, NULL};
  expect(jx_npy_write("/nonexistent/x.npy", &f16), JX_IO_ERROR,
         "npy-unwritable");

  /* Two arrays in a row on one stream. */
  FILE *file = tmpfile();
  CHECK(file != NULL);
  if (!file)
    return;
  int32_t numbers[3] = {7, 8, 9};
  int64_t three[1] = {3};
  jx_array_t first = {numbers, JX_DTYPE_I32, 1, three, NULL};
  CHECK(!jx_npy_write_stream(file, "tmp", &first));
  CHECK(!jx_npy_write_stream(file, "tmp", &f16));
  rewind(file);
  CHECK(!jx_npy_read_stream(file, "tmp", &array));
  CHECK(jx_array_view(array)->dtype == JX_DTYPE_I32 &&
        ((int32_t *)jx_array_view(array)->data)[2] == 9);
  jx_array_free(array);
  CHECK(!jx_npy_read_stream(file, "tmp", &array));
  CHECK(jx_array_view(array)->dtype == JX_DTYPE_F16 &&
        ((uint16_t *)jx_array_view(array)->data)[1] == 0x4000);
  jx_array_free(array);
  expect(jx_npy_read_stream(file, "tmp", &array), JX_INVALID_ARGUMENT,
         "npy-stream-end");
  fclose(file);
}

/* Formatting is reentrant: threads formatting at once agree. */
typedef struct thread_work_t {
  const jx_array_t *array;
  char *text;
} thread_work_t;

static void *format_in_thread(void *argument) {
  thread_work_t *work = argument;
  for (int i = 0; i < 50; ++i) {
    char *text = NULL;
    jx_status_t status = jx_array_format(work->array, NULL, &text);
    if (status || (work->text && strcmp(text, work->text))) {
      jx_status_free(status);
      jx_string_free(text);
      return (void *)1;
    }
    jx_string_free(work->text);
    work->text = text;
  }
  return NULL;
}

static void test_threads(void) {
  double values[64];
  for (int i = 0; i < 64; ++i)
    values[i] = i * 0.1 + (i % 7) * 1e-3;
  int64_t shape[2] = {8, 8};
  jx_array_t array = {values, JX_DTYPE_F64, 2, shape, NULL};
  pthread_t threads[4];
  thread_work_t work[4];
  for (int i = 0; i < 4; ++i) {
    work[i].array = &array;
    work[i].text = NULL;
    CHECK(!pthread_create(&threads[i], NULL, format_in_thread, &work[i]));
  }
  for (int i = 0; i < 4; ++i) {
    void *result;
    pthread_join(threads[i], &result);
    CHECK(result == NULL);
    CHECK(work[i].text && !strcmp(work[i].text, work[0].text));
  }
  for (int i = 0; i < 4; ++i)
    jx_string_free(work[i].text);
}

int main(void) {
  test_status();
  test_dtype();
  test_allocation();
  test_shapes();
  test_descriptors();
  test_owned_arrays();
  test_format_options();
  test_npy_api();
  test_threads();
  CHECK(jx_header_check_c99() == 0);
  CHECK(jx_header_check_cxx() == 0);
  printf("api: %d checks, %d failures\n", checks, failures);
  return failures ? 1 : 0;
}
