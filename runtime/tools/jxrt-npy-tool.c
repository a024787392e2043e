/*===- jxrt-npy-tool.c - Read, print and write .npy files -----------------===*
 *
 * A test tool for libjxrt's .npy reader and writer and its formatter:
 *
 *   jxrt-npy-tool print [KEY=VALUE...] FILE...   print each array (str style
 *                                               unless style=repr); FILE "-"
 *                                               reads arrays from stdin
 *                                               until it ends
 *   jxrt-npy-tool info FILE...                  dtype and shape
 *   jxrt-npy-tool check FILE...                 "ok" or the error, always
 *                                               exits 0 (for malformed input)
 *   jxrt-npy-tool copy IN OUT                   read and write back
 *   jxrt-npy-tool transpose IN OUT              write the axes reversed (a
 *                                               strided view)
 *   jxrt-npy-tool flip IN OUT                   write every axis reversed
 *                                               (negative strides)
 *
 * OUT "-" writes to stdout. Errors print "jxrt-npy-tool: error: CODE: message"
 * and exit 1.
 *
 *===----------------------------------------------------------------------===*/

#include "jx/runtime.h"
#include "tool-options.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(jx_status_t status) {
  fprintf(stderr, "jxrt-npy-tool: error: %s: %s\n",
          jx_status_code_name(jx_status_code(status)),
          jx_status_message(status));
  jx_status_free(status);
  return 1;
}

static int usage(void) {
  fprintf(stderr, "usage: jxrt-npy-tool print|info|check|copy|transpose|flip "
                  "...\n");
  return 2;
}

static void print_shape(const jx_array_t *view) {
  printf("(");
  for (int32_t axis = 0; axis < view->rank; ++axis)
    printf("%s%lld", axis ? ", " : "", (long long)view->shape[axis]);
  printf(view->rank == 1 ? ",)" : ")");
}

static int print_command(int argc, char **argv) {
  jx_format_options_t options;
  jx_format_options_initialize(&options);
  int first = 0;
  while (first < argc && strchr(argv[first], '=')) {
    if (!jx_tool_apply_option(&options, argv[first])) {
      fprintf(stderr, "jxrt-npy-tool: bad option '%s'\n", argv[first]);
      return 2;
    }
    ++first;
  }
  if (first == argc)
    return usage();
  for (int i = first; i < argc; ++i) {
    if (!strcmp(argv[i], "-")) {
      /* Consecutive arrays on stdin. */
      for (;;) {
        int c = fgetc(stdin);
        if (c == EOF)
          break;
        ungetc(c, stdin);
        jx_owned_array_t *array;
        jx_status_t status = jx_npy_read_stream(stdin, "<stdin>", &array);
        if (status)
          return fail(status);
        status = jx_array_print(stdout, jx_array_view(array), &options);
        jx_array_free(array);
        if (status)
          return fail(status);
      }
      continue;
    }
    jx_owned_array_t *array;
    jx_status_t status = jx_npy_read(argv[i], &array);
    if (status)
      return fail(status);
    status = jx_array_print(stdout, jx_array_view(array), &options);
    jx_array_free(array);
    if (status)
      return fail(status);
  }
  return 0;
}

static int info_command(int argc, char **argv, bool keep_going) {
  if (argc == 0)
    return usage();
  for (int i = 0; i < argc; ++i) {
    jx_owned_array_t *array;
    jx_status_t status = jx_npy_read(argv[i], &array);
    if (status) {
      if (!keep_going)
        return fail(status);
      printf("%s: %s: %s\n", argv[i],
             jx_status_code_name(jx_status_code(status)),
             jx_status_message(status));
      jx_status_free(status);
      continue;
    }
    const jx_array_t *view = jx_array_view(array);
    printf("%s: ok dtype=%s shape=", argv[i], jx_dtype_name(view->dtype));
    print_shape(view);
    printf("\n");
    jx_array_free(array);
  }
  return 0;
}

static jx_status_t write_to(const char *path, const jx_array_t *array) {
  if (!strcmp(path, "-"))
    return jx_npy_write_stream(stdout, "<stdout>", array);
  return jx_npy_write(path, array);
}

typedef enum { COPY, TRANSPOSE, FLIP } rewrite_t;

static int rewrite_command(int argc, char **argv, rewrite_t how) {
  if (argc != 2)
    return usage();
  jx_owned_array_t *array;
  jx_status_t status = jx_npy_read(argv[0], &array);
  if (status)
    return fail(status);
  const jx_array_t *view = jx_array_view(array);
  jx_array_t changed = *view;
  int64_t shape[JX_ARRAY_MAX_RANK], strides[JX_ARRAY_MAX_RANK];
  int32_t rank = view->rank;
  size_t size = jx_dtype_size(view->dtype);
  if (how == TRANSPOSE) {
    for (int32_t axis = 0; axis < rank; ++axis) {
      shape[axis] = view->shape[rank - 1 - axis];
      strides[axis] = view->strides[rank - 1 - axis];
    }
    changed.shape = shape;
    changed.strides = strides;
  } else if (how == FLIP) {
    char *data = view->data;
    bool empty = false;
    for (int32_t axis = 0; axis < rank; ++axis)
      empty |= view->shape[axis] == 0;
    for (int32_t axis = 0; axis < rank; ++axis) {
      strides[axis] = -view->strides[axis];
      if (!empty)
        data += (view->shape[axis] - 1) * view->strides[axis] * (int64_t)size;
    }
    changed.data = data;
    changed.strides = rank ? strides : NULL;
  }
  status = write_to(argv[1], &changed);
  jx_array_free(array);
  return status ? fail(status) : 0;
}

int main(int argc, char **argv) {
  if (argc < 2)
    return usage();
  const char *command = argv[1];
  if (!strcmp(command, "print"))
    return print_command(argc - 2, argv + 2);
  if (!strcmp(command, "info"))
    return info_command(argc - 2, argv + 2, false);
  if (!strcmp(command, "check"))
    return info_command(argc - 2, argv + 2, true);
  if (!strcmp(command, "copy"))
    return rewrite_command(argc - 2, argv + 2, COPY);
  if (!strcmp(command, "transpose"))
    return rewrite_command(argc - 2, argv + 2, TRANSPOSE);
  if (!strcmp(command, "flip"))
    return rewrite_command(argc - 2, argv + 2, FLIP);
  return usage();
}
