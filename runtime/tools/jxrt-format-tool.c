/*===- jxrt-format-tool.c - Format arrays given on stdin ------------------===*
 *
 * A test tool for libjxrt's formatter, fed by a script that compares it with
 * NumPy. Reads cases from stdin until it ends, each one a text line
 *
 *   STYLE DTYPE RANK DIM... [KEY=VALUE...]
 *
 * (STYLE str or repr, DTYPE a jx or NumPy dtype name, options as in
 * tool-options.h plus layout=c|transpose|flip) followed by the elements'
 * raw bytes in C order. layout=transpose means the bytes are those of the
 * array's transpose, which the tool views with reversed strides; layout=flip
 * means the bytes are those of the array with every axis reversed, viewed
 * through negative strides. Either way the formatted array is the intended
 * one, reached through a strided descriptor.
 *
 * Writes for each case the length of the text, a newline, the text and a
 * newline; a failed case gives the text "error: CODE: message".
 *
 *===----------------------------------------------------------------------===*/

#include "jx/runtime.h"
#include "tool-options.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int die(const char *message) {
  fprintf(stderr, "jxrt-format-tool: %s\n", message);
  return 2;
}

static void emit(const char *text) { printf("%zu\n%s\n", strlen(text), text); }

static void emit_status(jx_status_t status) {
  char text[1024];
  snprintf(text, sizeof text, "error: %s: %s",
           jx_status_code_name(jx_status_code(status)),
           jx_status_message(status));
  jx_status_free(status);
  emit(text);
}

int main(void) {
  static char line[8192];
  while (fgets(line, sizeof line, stdin)) {
    char *tokens[JX_ARRAY_MAX_RANK + 32];
    int count = 0;
    for (char *token = strtok(line, " \n"); token && count < 96;
         token = strtok(NULL, " \n"))
      tokens[count++] = token;
    if (count < 3)
      return die("malformed case line");

    jx_format_options_t options;
    jx_format_options_initialize(&options);
    if (strcmp(tokens[0], "str") && strcmp(tokens[0], "repr"))
      return die("bad style");
    options.style =
        !strcmp(tokens[0], "repr") ? JX_FORMAT_STYLE_REPR : JX_FORMAT_STYLE_STR;
    jx_dtype_t dtype;
    jx_status_t status = jx_dtype_parse(tokens[1], &dtype);
    if (status) {
      jx_status_free(status);
      return die("bad dtype");
    }
    int rank = atoi(tokens[2]);
    if (rank < 0 || rank > JX_ARRAY_MAX_RANK || count < 3 + rank)
      return die("bad rank");
    int64_t shape[JX_ARRAY_MAX_RANK];
    for (int axis = 0; axis < rank; ++axis)
      shape[axis] = atoll(tokens[3 + axis]);
    const char *layout = "c";
    for (int i = 3 + rank; i < count; ++i) {
      if (!strncmp(tokens[i], "layout=", 7))
        layout = tokens[i] + 7;
      else if (!jx_tool_apply_option(&options, tokens[i]))
        return die("bad option");
    }

    int64_t elements;
    status = jx_shape_element_count(rank, shape, &elements);
    if (status) {
      jx_status_free(status);
      return die("bad shape");
    }
    size_t size = jx_dtype_size(dtype);
    size_t bytes = (size_t)elements * size;
    char *data = malloc(bytes ? bytes : 1);
    if (!data || fread(data, 1, bytes, stdin) != bytes)
      return die("cannot read the elements");

    int64_t stored_shape[JX_ARRAY_MAX_RANK], strides[JX_ARRAY_MAX_RANK];
    jx_array_t view = {data, dtype, rank, shape, NULL};
    if (!strcmp(layout, "transpose")) {
      /* The bytes hold the transpose in C order. */
      for (int axis = 0; axis < rank; ++axis)
        stored_shape[axis] = shape[rank - 1 - axis];
      int64_t stride = 1;
      for (int axis = rank - 1; axis >= 0; --axis) {
        strides[rank - 1 - axis] = stride;
        stride *= stored_shape[axis] ? stored_shape[axis] : 1;
      }
      view.strides = strides;
    } else if (!strcmp(layout, "flip")) {
      int64_t stride = 1;
      char *last = data;
      for (int axis = rank - 1; axis >= 0; --axis) {
        strides[axis] = -stride;
        if (elements)
          last += (shape[axis] - 1) * stride * (int64_t)size;
        stride *= shape[axis] ? shape[axis] : 1;
      }
      view.data = last;
      view.strides = strides;
    } else if (strcmp(layout, "c")) {
      return die("bad layout");
    }

    char *text;
    status = jx_array_format(&view, &options, &text);
    if (status) {
      emit_status(status);
    } else {
      emit(text);
      jx_string_free(text);
    }
    free(data);
  }
  return 0;
}
