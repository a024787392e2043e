/*===- header-check-c99.c - The runtime headers compile as strict C99 -----===*
 *
 * Built with -std=c99 -pedantic-errors -Werror: a C99 program can use the
 * whole API.
 *
 *===----------------------------------------------------------------------===*/

#include "jx/runtime.h"

#include "header-check.h"

/* C99 has no _Static_assert: a negative array size fails instead. */
typedef char array_descriptor_is_32_bytes
    [sizeof(jx_array_t) == 3 * sizeof(void *) + 8 ? 1 : -1];
typedef char dtype_is_32_bits[sizeof(jx_dtype_t) == 4 ? 1 : -1];

int jx_header_check_c99(void) {
  int64_t shape[2] = {2, 3};
  jx_owned_array_t *array = NULL;
  jx_status_t status = jx_array_create(JX_DTYPE_F32, 2, shape, &array);
  if (!jx_status_is_ok(status)) {
    jx_status_free(status);
    return 1;
  }
  const jx_array_t *view = jx_array_view(array);
  int failures = view->rank != 2 || view->dtype != JX_DTYPE_F32;
  jx_format_options_t options;
  jx_format_options_initialize(&options);
  char *text = NULL;
  status = jx_array_format(view, &options, &text);
  failures += status != JX_STATUS_OK;
  jx_string_free(text);
  jx_status_free(status);
  jx_array_free(array);
  return failures;
}
