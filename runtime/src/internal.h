/*===- internal.h - Helpers shared by the runtime's sources ---------*- C
 *-*-===*
 *
 * Not installed. A growable string buffer, overflow-checked arithmetic and a
 * few helpers for walking strided arrays.
 *
 *===----------------------------------------------------------------------===*/

#ifndef JX_RUNTIME_SRC_INTERNAL_H
#define JX_RUNTIME_SRC_INTERNAL_H

#include "jx/runtime.h"

#include <stdarg.h>

/* A NUL-terminated, growable string. Appending never fails loudly: on an
 * allocation failure `failed` is set and later appends do nothing, so a
 * sequence of appends is checked once at the end. */
typedef struct jx_strbuf_t {
  char *data;
  size_t length;
  size_t capacity;
  bool failed;
} jx_strbuf_t;

void jx_strbuf_init(jx_strbuf_t *buffer);
void jx_strbuf_dispose(jx_strbuf_t *buffer);
bool jx_strbuf_reserve(jx_strbuf_t *buffer, size_t extra);
void jx_strbuf_append(jx_strbuf_t *buffer, const char *text, size_t length);
void jx_strbuf_append_cstr(jx_strbuf_t *buffer, const char *text);
void jx_strbuf_append_char(jx_strbuf_t *buffer, char c, size_t count);
void jx_strbuf_appendf(jx_strbuf_t *buffer, const char *format, ...)
    JX_PRINTF_LIKE(2, 3);
/* Drops trailing spaces, tabs and newlines from [from, length). */
void jx_strbuf_rstrip(jx_strbuf_t *buffer, size_t from);
void jx_strbuf_truncate(jx_strbuf_t *buffer, size_t length);
/* Hands the string to the caller (free with free()); the buffer is reset. */
char *jx_strbuf_release(jx_strbuf_t *buffer);

/* Overflow-checked arithmetic: false on overflow. */
static inline bool jx_mul_i64(int64_t a, int64_t b, int64_t *out) {
  return !__builtin_mul_overflow(a, b, out);
}
static inline bool jx_add_i64(int64_t a, int64_t b, int64_t *out) {
  return !__builtin_add_overflow(a, b, out);
}
static inline bool jx_mul_size(size_t a, size_t b, size_t *out) {
  return !__builtin_mul_overflow(a, b, out);
}
static inline bool jx_add_size(size_t a, size_t b, size_t *out) {
  return !__builtin_add_overflow(a, b, out);
}

/* Fills `strides` with the row-major strides (in elements) of `shape`. The
 * shape must have a representable element count. */
void jx_row_major_strides(int32_t rank, const int64_t *shape, int64_t *strides);

/* The stride of `axis` of a valid descriptor (row-major when NULL). */
int64_t jx_array_stride(const jx_array_t *array, int32_t axis);

/* Writes "(2, 3)" (Python's tuple notation) into `out`, truncating with
 * "..." when `capacity` is too small. */
void jx_shape_text(int32_t rank, const int64_t *shape, char *out,
                   size_t capacity);

/* Writes a NUL-terminated, printable rendering of `length` bytes of `text`
 * into `out` (at most `capacity` bytes): non-printable bytes become \xNN and
 * long texts end in "...". Used to quote file contents in messages. */
void jx_quote_bytes(const char *text, size_t length, char *out,
                    size_t capacity);

#endif /* JX_RUNTIME_SRC_INTERNAL_H */
