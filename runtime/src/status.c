/*===- status.c - jx_status_t ---------------------------------------------===*
 *
 * A status is one allocation: the code followed by the message. When even
 * that allocation fails, a static JX_OUT_OF_MEMORY status stands in, so
 * making a status never fails and never returns NULL for an error.
 *
 *===----------------------------------------------------------------------===*/

#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct jx_status_impl_t {
  jx_status_code_t code;
  const char *message; /* points into `storage`, or to a literal */
  char storage[];
};

/* Immutable, so sharing it between threads is fine. */
static const struct jx_status_impl_t out_of_memory_status = {
    JX_OUT_OF_MEMORY, "out of memory (while reporting an error)"};

static jx_status_t static_out_of_memory(void) {
  return (jx_status_t)(uintptr_t)&out_of_memory_status;
}

static jx_status_t make_from_strings(jx_status_code_t code, const char *prefix,
                                     const char *separator,
                                     const char *message) {
  size_t prefix_length = strlen(prefix);
  size_t separator_length = strlen(separator);
  size_t message_length = strlen(message);
  size_t total = sizeof(struct jx_status_impl_t);
  if (!jx_add_size(total, prefix_length, &total) ||
      !jx_add_size(total, separator_length, &total) ||
      !jx_add_size(total, message_length, &total) ||
      !jx_add_size(total, 1, &total))
    return static_out_of_memory();
  struct jx_status_impl_t *status = malloc(total);
  if (!status)
    return static_out_of_memory();
  status->code = code;
  char *cursor = status->storage;
  memcpy(cursor, prefix, prefix_length);
  cursor += prefix_length;
  memcpy(cursor, separator, separator_length);
  cursor += separator_length;
  memcpy(cursor, message, message_length);
  cursor[message_length] = '\0';
  status->message = status->storage;
  return status;
}

/* Formats into a heap string; NULL when memory is short. */
static char *format_message(const char *format, va_list args) {
  va_list copy;
  va_copy(copy, args);
  int length = vsnprintf(NULL, 0, format, copy);
  va_end(copy);
  if (length < 0)
    return NULL;
  char *text = malloc((size_t)length + 1);
  if (!text)
    return NULL;
  vsnprintf(text, (size_t)length + 1, format, args);
  return text;
}

jx_status_t jx_status_make_v(jx_status_code_t code, const char *format,
                             va_list args) {
  if (code == JX_OK)
    return JX_STATUS_OK;
  char *message = format_message(format ? format : "", args);
  if (!message)
    return static_out_of_memory();
  jx_status_t status = make_from_strings(code, "", "", message);
  free(message);
  return status;
}

jx_status_t jx_status_make(jx_status_code_t code, const char *format, ...) {
  va_list args;
  va_start(args, format);
  jx_status_t status = jx_status_make_v(code, format, args);
  va_end(args);
  return status;
}

jx_status_t jx_status_annotate(jx_status_t status, const char *format, ...) {
  if (!status)
    return status;
  va_list args;
  va_start(args, format);
  char *context = format_message(format ? format : "", args);
  va_end(args);
  if (!context)
    return status; /* keep the original error rather than lose it */
  jx_status_t annotated =
      make_from_strings(status->code, context, ": ", status->message);
  free(context);
  if (annotated == static_out_of_memory())
    return status;
  jx_status_free(status);
  return annotated;
}

jx_status_code_t jx_status_code(jx_status_t status) {
  return status ? status->code : JX_OK;
}

const char *jx_status_message(jx_status_t status) {
  return status ? status->message : "";
}

const char *jx_status_code_name(jx_status_code_t code) {
  switch (code) {
  case JX_OK:
    return "OK";
  case JX_INVALID_ARGUMENT:
    return "INVALID_ARGUMENT";
  case JX_OUT_OF_RANGE:
    return "OUT_OF_RANGE";
  case JX_SHAPE_MISMATCH:
    return "SHAPE_MISMATCH";
  case JX_OUT_OF_MEMORY:
    return "OUT_OF_MEMORY";
  case JX_IO_ERROR:
    return "IO_ERROR";
  case JX_UNSUPPORTED:
    return "UNSUPPORTED";
  case JX_INTERNAL:
    return "INTERNAL";
  default:
    return "UNKNOWN";
  }
}

void jx_status_free(jx_status_t status) {
  if (status && status != static_out_of_memory())
    free(status);
}

uint32_t jx_runtime_abi_version(void) { return JX_RUNTIME_ABI_VERSION; }

void jx_string_free(char *string) { free(string); }
