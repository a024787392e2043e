/*===- util.c - String buffer and small helpers ---------------------------===*/

#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void jx_strbuf_init(jx_strbuf_t *buffer) {
  buffer->data = NULL;
  buffer->length = 0;
  buffer->capacity = 0;
  buffer->failed = false;
}

void jx_strbuf_dispose(jx_strbuf_t *buffer) {
  free(buffer->data);
  jx_strbuf_init(buffer);
}

bool jx_strbuf_reserve(jx_strbuf_t *buffer, size_t extra) {
  if (buffer->failed)
    return false;
  size_t needed;
  if (!jx_add_size(buffer->length, extra, &needed) ||
      !jx_add_size(needed, 1, &needed)) {
    buffer->failed = true;
    return false;
  }
  if (needed <= buffer->capacity)
    return true;
  size_t capacity = buffer->capacity ? buffer->capacity : 64;
  while (capacity < needed) {
    if (capacity > SIZE_MAX / 2) {
      capacity = needed;
      break;
    }
    capacity *= 2;
  }
  char *data = realloc(buffer->data, capacity);
  if (!data) {
    buffer->failed = true;
    return false;
  }
  buffer->data = data;
  buffer->capacity = capacity;
  return true;
}

void jx_strbuf_append(jx_strbuf_t *buffer, const char *text, size_t length) {
  if (!jx_strbuf_reserve(buffer, length))
    return;
  if (length)
    memcpy(buffer->data + buffer->length, text, length);
  buffer->length += length;
  buffer->data[buffer->length] = '\0';
}

void jx_strbuf_append_cstr(jx_strbuf_t *buffer, const char *text) {
  jx_strbuf_append(buffer, text, strlen(text));
}

void jx_strbuf_append_char(jx_strbuf_t *buffer, char c, size_t count) {
  if (!jx_strbuf_reserve(buffer, count))
    return;
  memset(buffer->data + buffer->length, c, count);
  buffer->length += count;
  buffer->data[buffer->length] = '\0';
}

void jx_strbuf_appendf(jx_strbuf_t *buffer, const char *format, ...) {
  va_list args;
  va_start(args, format);
  va_list copy;
  va_copy(copy, args);
  int length = vsnprintf(NULL, 0, format, copy);
  va_end(copy);
  if (length < 0) {
    buffer->failed = true;
  } else if (jx_strbuf_reserve(buffer, (size_t)length)) {
    vsnprintf(buffer->data + buffer->length, (size_t)length + 1, format, args);
    buffer->length += (size_t)length;
  }
  va_end(args);
}

void jx_strbuf_rstrip(jx_strbuf_t *buffer, size_t from) {
  while (buffer->length > from) {
    char c = buffer->data[buffer->length - 1];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
      break;
    buffer->length--;
  }
  if (buffer->data)
    buffer->data[buffer->length] = '\0';
}

void jx_strbuf_truncate(jx_strbuf_t *buffer, size_t length) {
  if (length < buffer->length) {
    buffer->length = length;
    buffer->data[length] = '\0';
  }
}

char *jx_strbuf_release(jx_strbuf_t *buffer) {
  char *data = buffer->data;
  if (!data)
    data = calloc(1, 1);
  jx_strbuf_init(buffer);
  return data;
}

void jx_row_major_strides(int32_t rank, const int64_t *shape,
                          int64_t *strides) {
  int64_t stride = 1;
  for (int32_t axis = rank - 1; axis >= 0; --axis) {
    strides[axis] = stride;
    /* With a zero dimension the product may not be representable; the
     * strides of an empty array are never used to address memory. */
    if (!jx_mul_i64(stride, shape[axis] > 0 ? shape[axis] : 1, &stride))
      stride = 0;
  }
}

int64_t jx_array_stride(const jx_array_t *array, int32_t axis) {
  if (array->strides)
    return array->strides[axis];
  int64_t stride = 1;
  for (int32_t later = array->rank - 1; later > axis; --later)
    stride *= array->shape[later];
  return stride;
}

void jx_quote_bytes(const char *text, size_t length, char *out,
                    size_t capacity) {
  static const char hex[] = "0123456789abcdef";
  size_t used = 0;
  if (capacity == 0)
    return;
  for (size_t i = 0; i < length; ++i) {
    unsigned char c = (unsigned char)text[i];
    size_t need = (c >= 0x20 && c < 0x7f && c != '\\') ? 1 : 4;
    if (used + need + 4 > capacity) { /* room for "..." and the NUL */
      if (used + 4 <= capacity) {
        memcpy(out + used, "...", 3);
        used += 3;
      }
      break;
    }
    if (need == 1) {
      out[used++] = (char)c;
    } else {
      out[used++] = '\\';
      out[used++] = 'x';
      out[used++] = hex[c >> 4];
      out[used++] = hex[c & 15];
    }
  }
  out[used] = '\0';
}

void jx_shape_text(int32_t rank, const int64_t *shape, char *out,
                   size_t capacity) {
  jx_strbuf_t text;
  jx_strbuf_init(&text);
  jx_strbuf_append_char(&text, '(', 1);
  for (int32_t axis = 0; axis < rank; ++axis)
    jx_strbuf_appendf(&text, "%s%lld", axis ? ", " : "",
                      (long long)shape[axis]);
  jx_strbuf_append_cstr(&text, rank == 1 ? ",)" : ")");
  if (capacity == 0)
    return;
  if (text.failed) {
    snprintf(out, capacity, "(...)");
  } else if (text.length < capacity) {
    memcpy(out, text.data, text.length + 1);
  } else {
    snprintf(out, capacity, "%.*s...)", (int)(capacity > 5 ? capacity - 5 : 0),
             text.data);
  }
  jx_strbuf_dispose(&text);
}
