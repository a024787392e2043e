/*===- npy.c - Reading and writing NumPy .npy files -----------------------===*
 *
 * The format (numpy/lib/format.py): the magic "\x93NUMPY", a major and a
 * minor version byte, the header length (2 bytes little-endian in 1.0, 4 in
 * 2.0 and 3.0), the header, then the elements. The header is a Python dict
 * literal with exactly the keys 'descr', 'fortran_order' and 'shape', padded
 * with spaces and a newline so the data starts at a multiple of 64 bytes.
 *
 * Reading trusts nothing in the file: the header is parsed by a small
 * recursive-descent parser with a length limit, every size is computed with
 * overflow checks, and the data size is compared with the file size before
 * anything is allocated.
 *
 *===----------------------------------------------------------------------===*/

#define _POSIX_C_SOURCE 200809L

#include "internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The longest header accepted. NumPy writes a few hundred bytes for any
 * array jx can hold (and itself refuses more than 10000 by default). */
enum { MAX_HEADER_LENGTH = 1 << 20 };

static const char magic[6] = {'\x93', 'N', 'U', 'M', 'P', 'Y'};

static bool host_is_little_endian(void) {
  const uint16_t probe = 1;
  unsigned char first;
  memcpy(&first, &probe, 1);
  return first == 1;
}

/* A thread-safe strerror. */
static const char *error_text(int error, char *buffer, size_t capacity) {
#if defined(_WIN32)
  strerror_s(buffer, capacity, error);
#else
  if (strerror_r(error, buffer, capacity) != 0)
    snprintf(buffer, capacity, "error %d", error);
#endif
  return buffer;
}

/*===----------------------------------------------------------------------===*
 * Header parsing
 *===----------------------------------------------------------------------===*/

typedef struct npy_header_t {
  jx_dtype_t dtype;
  bool swap; /* the file's byte order is not the host's */
  bool fortran_order;
  int32_t rank;
  int64_t shape[JX_ARRAY_MAX_RANK];
} npy_header_t;

typedef struct parser_t {
  const char *text;
  size_t length;
  size_t position;
  const char *name; /* the file, for messages */
} parser_t;

static jx_status_t parse_error(const parser_t *parser, const char *what) {
  char context[48];
  size_t left = parser->length - parser->position;
  jx_quote_bytes(parser->text + parser->position, left < 24 ? left : 24,
                 context, sizeof context);
  return jx_status_make(JX_INVALID_ARGUMENT,
                        "%s: malformed .npy header: %s at offset %zu (near "
                        "\"%s\")",
                        parser->name, what, parser->position, context);
}

static void skip_space(parser_t *parser) {
  while (parser->position < parser->length) {
    char c = parser->text[parser->position];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
      break;
    ++parser->position;
  }
}

static bool peek(parser_t *parser, char c) {
  skip_space(parser);
  return parser->position < parser->length &&
         parser->text[parser->position] == c;
}

static bool accept(parser_t *parser, char c) {
  if (!peek(parser, c))
    return false;
  ++parser->position;
  return true;
}

static bool accept_word(parser_t *parser, const char *word) {
  skip_space(parser);
  size_t length = strlen(word);
  if (parser->length - parser->position < length ||
      memcmp(parser->text + parser->position, word, length))
    return false;
  parser->position += length;
  return true;
}

/* A Python string literal in single or double quotes, without escapes. */
static jx_status_t parse_string(parser_t *parser, const char **out_text,
                                size_t *out_length) {
  skip_space(parser);
  if (parser->position >= parser->length ||
      (parser->text[parser->position] != '\'' &&
       parser->text[parser->position] != '"'))
    return parse_error(parser, "expected a string");
  char quote = parser->text[parser->position++];
  size_t start = parser->position;
  while (parser->position < parser->length &&
         parser->text[parser->position] != quote) {
    if (parser->text[parser->position] == '\\' ||
        parser->text[parser->position] == '\n')
      return parse_error(parser, "unsupported character in a string");
    ++parser->position;
  }
  if (parser->position >= parser->length)
    return parse_error(parser, "unterminated string");
  *out_text = parser->text + start;
  *out_length = parser->position - start;
  ++parser->position;
  return JX_STATUS_OK;
}

/* A dimension: a non-negative decimal integer (Python 2 files may add 'L'). */
static jx_status_t parse_dimension(parser_t *parser, int64_t *out_value) {
  skip_space(parser);
  if (peek(parser, '-'))
    return parse_error(parser, "negative dimension in 'shape'");
  size_t start = parser->position;
  int64_t value = 0;
  while (parser->position < parser->length &&
         parser->text[parser->position] >= '0' &&
         parser->text[parser->position] <= '9') {
    int digit = parser->text[parser->position] - '0';
    if (!jx_mul_i64(value, 10, &value) || !jx_add_i64(value, digit, &value))
      return jx_status_make(JX_OUT_OF_RANGE,
                            "%s: a dimension in 'shape' does not fit in 64 "
                            "bits",
                            parser->name);
    ++parser->position;
  }
  if (parser->position == start)
    return parse_error(parser, "expected a dimension in 'shape'");
  if (parser->position < parser->length &&
      (parser->text[parser->position] == 'L' ||
       parser->text[parser->position] == 'l'))
    ++parser->position;
  *out_value = value;
  return JX_STATUS_OK;
}

/* A tuple of dimensions: "()", "(3,)", "(2, 3)" or "(2, 3,)". */
static jx_status_t parse_shape(parser_t *parser, npy_header_t *header) {
  if (!accept(parser, '('))
    return parse_error(parser, "'shape' is not a tuple");
  header->rank = 0;
  bool trailing_comma = false;
  while (!accept(parser, ')')) {
    if (header->rank == JX_ARRAY_MAX_RANK)
      return jx_status_make(JX_OUT_OF_RANGE,
                            "%s: the array has more than %d dimensions",
                            parser->name, JX_ARRAY_MAX_RANK);
    jx_status_t status = parse_dimension(parser, &header->shape[header->rank]);
    if (status)
      return status;
    ++header->rank;
    trailing_comma = accept(parser, ',');
    if (!trailing_comma && !peek(parser, ')'))
      return parse_error(parser, "expected ',' or ')' in 'shape'");
  }
  if (header->rank == 1 && !trailing_comma)
    return parse_error(parser, "'shape' is a number, not a tuple");
  return JX_STATUS_OK;
}

static const char *supported_dtypes = "<f2 <f4 <f8 <i4 <i8 <u4 |b1";

static jx_status_t parse_descr(parser_t *parser, npy_header_t *header) {
  if (peek(parser, '['))
    return jx_status_make(JX_UNSUPPORTED,
                          "%s: structured dtypes are not supported (jx "
                          "supports %s)",
                          parser->name, supported_dtypes);
  const char *text;
  size_t length;
  jx_status_t status = parse_string(parser, &text, &length);
  if (status)
    return status;
  jx_dtype_t dtype = JX_DTYPE_INVALID;
  char order = length == 3 ? text[0] : '\0';
  if (order == '<' || order == '>' || order == '|' || order == '=') {
    char kind = text[1], size = text[2];
    if (kind == 'b' && size == '1')
      dtype = JX_DTYPE_BOOL;
    else if (kind == 'f' && size == '2')
      dtype = JX_DTYPE_F16;
    else if (kind == 'f' && size == '4')
      dtype = JX_DTYPE_F32;
    else if (kind == 'f' && size == '8')
      dtype = JX_DTYPE_F64;
    else if (kind == 'i' && size == '4')
      dtype = JX_DTYPE_I32;
    else if (kind == 'i' && size == '8')
      dtype = JX_DTYPE_I64;
    else if (kind == 'u' && size == '4')
      dtype = JX_DTYPE_U32;
  }
  if (dtype == JX_DTYPE_INVALID) {
    char quoted[48];
    jx_quote_bytes(text, length, quoted, sizeof quoted);
    return jx_status_make(JX_UNSUPPORTED,
                          "%s: dtype '%s' is not supported (jx supports %s)",
                          parser->name, quoted, supported_dtypes);
  }
  header->dtype = dtype;
  bool big = order == '>';
  header->swap = jx_dtype_size(dtype) > 1 && (order == '<' || order == '>') &&
                 big == host_is_little_endian();
  return JX_STATUS_OK;
}

static jx_status_t parse_header(parser_t *parser, npy_header_t *header) {
  bool seen_descr = false, seen_order = false, seen_shape = false;
  if (!accept(parser, '{'))
    return parse_error(parser, "expected '{'");
  while (!accept(parser, '}')) {
    const char *key;
    size_t key_length;
    jx_status_t status = parse_string(parser, &key, &key_length);
    if (status)
      return status;
    if (!accept(parser, ':'))
      return parse_error(parser, "expected ':'");
    bool *seen;
    if (key_length == 5 && !memcmp(key, "descr", 5)) {
      seen = &seen_descr;
      if (!*seen)
        status = parse_descr(parser, header);
    } else if (key_length == 13 && !memcmp(key, "fortran_order", 13)) {
      seen = &seen_order;
      if (accept_word(parser, "True"))
        header->fortran_order = true;
      else if (accept_word(parser, "False"))
        header->fortran_order = false;
      else
        status = parse_error(parser, "'fortran_order' is not True or False");
    } else if (key_length == 5 && !memcmp(key, "shape", 5)) {
      seen = &seen_shape;
      if (!*seen)
        status = parse_shape(parser, header);
    } else {
      char quoted[48];
      jx_quote_bytes(key, key_length, quoted, sizeof quoted);
      return jx_status_make(JX_INVALID_ARGUMENT,
                            "%s: malformed .npy header: unexpected key '%s'",
                            parser->name, quoted);
    }
    if (status)
      return status;
    if (*seen)
      return jx_status_make(JX_INVALID_ARGUMENT,
                            "%s: malformed .npy header: duplicate key '%.*s'",
                            parser->name, (int)key_length, key);
    *seen = true;
    if (!accept(parser, ',') && !peek(parser, '}'))
      return parse_error(parser, "expected ',' or '}'");
  }
  skip_space(parser);
  if (parser->position != parser->length)
    return parse_error(parser, "unexpected text after the header dict");
  const char *missing = !seen_descr   ? "descr"
                        : !seen_order ? "fortran_order"
                        : !seen_shape ? "shape"
                                      : NULL;
  if (missing)
    return jx_status_make(JX_INVALID_ARGUMENT,
                          "%s: malformed .npy header: no '%s' key",
                          parser->name, missing);
  return JX_STATUS_OK;
}

/*===----------------------------------------------------------------------===*
 * Reading
 *===----------------------------------------------------------------------===*/

/* Reads exactly `size` bytes; a short read is a truncated file. */
static jx_status_t read_exact(FILE *stream, const char *name, void *buffer,
                              size_t size, const char *what) {
  size_t got = size ? fread(buffer, 1, size, stream) : 0;
  if (got == size)
    return JX_STATUS_OK;
  if (ferror(stream)) {
    char text[128];
    return jx_status_make(JX_IO_ERROR, "%s: cannot read %s: %s", name, what,
                          error_text(errno, text, sizeof text));
  }
  return jx_status_make(JX_IO_ERROR,
                        "%s: truncated .npy file: %s needs %zu bytes but "
                        "only %zu remain",
                        name, what, size, got);
}

static void swap_bytes(void *data, size_t count, size_t size) {
  unsigned char *bytes = data;
  for (size_t i = 0; i < count; ++i, bytes += size)
    for (size_t j = 0; j < size / 2; ++j) {
      unsigned char t = bytes[j];
      bytes[j] = bytes[size - 1 - j];
      bytes[size - 1 - j] = t;
    }
}

/* Reads the elements into `array` (C order), transposing Fortran order. */
static jx_status_t read_data(FILE *stream, const char *name,
                             const npy_header_t *header, size_t bytes,
                             int64_t count, jx_owned_array_t *array) {
  const jx_array_t *view = jx_array_view(array);
  size_t size = jx_dtype_size(header->dtype);
  bool transpose = header->fortran_order && header->rank > 1;
  void *target = view->data;
  if (transpose) {
    jx_status_t status = jx_aligned_alloc(0, bytes, &target);
    if (status)
      return jx_status_annotate(status, "%s", name);
  }
  jx_status_t status = read_exact(stream, name, target, bytes, "the data");
  if (!status) {
    if (header->swap)
      swap_bytes(target, (size_t)count, size);
    if (header->dtype == JX_DTYPE_BOOL) {
      unsigned char *flags = target;
      for (size_t i = 0; i < bytes; ++i)
        flags[i] = flags[i] != 0;
    }
  }
  if (transpose) {
    if (!status) {
      /* Fortran order: the first axis varies fastest. */
      int64_t strides[JX_ARRAY_MAX_RANK];
      int64_t stride = 1;
      for (int32_t axis = 0; axis < header->rank; ++axis) {
        strides[axis] = stride;
        stride *= header->shape[axis];
      }
      jx_array_t source = {target, header->dtype, header->rank, header->shape,
                           strides};
      status = jx_array_copy(&source, view);
    }
    jx_aligned_free(target);
  }
  return status;
}

jx_status_t jx_npy_read_stream(FILE *stream, const char *name,
                               jx_owned_array_t **out_array) {
  if (!out_array)
    return jx_status_make(JX_INVALID_ARGUMENT, "out_array is NULL");
  *out_array = NULL;
  if (!name)
    name = "<stream>";
  if (!stream)
    return jx_status_make(JX_INVALID_ARGUMENT, "%s: stream is NULL", name);

  unsigned char prefix[10];
  size_t got = fread(prefix, 1, 8, stream);
  if (got < 8 && ferror(stream)) {
    char text[128];
    return jx_status_make(JX_IO_ERROR, "%s: cannot read: %s", name,
                          error_text(errno, text, sizeof text));
  }
  if (got < 6 || memcmp(prefix, magic, 6)) {
    if (got == 0)
      return jx_status_make(JX_INVALID_ARGUMENT,
                            "%s: not a .npy file: the file is empty", name);
    if (got < 6 && !memcmp(prefix, magic, got))
      return jx_status_make(JX_IO_ERROR,
                            "%s: truncated .npy file: it ends inside the magic "
                            "string",
                            name);
    return jx_status_make(JX_INVALID_ARGUMENT,
                          "%s: not a .npy file: it does not start with "
                          "\"\\x93NUMPY\"",
                          name);
  }
  if (got < 8)
    return jx_status_make(JX_IO_ERROR,
                          "%s: truncated .npy file: it ends before the version",
                          name);
  unsigned major = prefix[6], minor = prefix[7];
  size_t length_size;
  if (major == 1 && minor == 0)
    length_size = 2;
  else if ((major == 2 || major == 3) && minor == 0)
    length_size = 4;
  else
    return jx_status_make(JX_UNSUPPORTED,
                          "%s: unsupported .npy format version %u.%u (jx reads "
                          "1.0, 2.0 and 3.0)",
                          name, major, minor);
  jx_status_t status =
      read_exact(stream, name, prefix, length_size, "the header length");
  if (status)
    return status;
  uint32_t header_length = (uint32_t)prefix[0] | (uint32_t)prefix[1] << 8;
  if (length_size == 4)
    header_length |= (uint32_t)prefix[2] << 16 | (uint32_t)prefix[3] << 24;
  if (header_length > MAX_HEADER_LENGTH)
    return jx_status_make(JX_INVALID_ARGUMENT,
                          "%s: malformed .npy file: header length %u exceeds "
                          "the limit of %d bytes",
                          name, header_length, MAX_HEADER_LENGTH);

  char *text = malloc(header_length + 1);
  if (!text)
    return jx_status_make(JX_OUT_OF_MEMORY, "%s: cannot allocate the header",
                          name);
  status = read_exact(stream, name, text, header_length, "the header");
  npy_header_t header;
  memset(&header, 0, sizeof header);
  if (!status) {
    parser_t parser = {text, header_length, 0, name};
    status = parse_header(&parser, &header);
  }
  free(text);
  if (status)
    return status;

  int64_t count;
  status = jx_shape_element_count(header.rank, header.shape, &count);
  if (status)
    return jx_status_annotate(status, "%s: invalid 'shape'", name);
  size_t size = jx_dtype_size(header.dtype);
  size_t bytes;
  if ((uint64_t)count > (uint64_t)PTRDIFF_MAX ||
      !jx_mul_size((size_t)count, size, &bytes) || bytes > (size_t)PTRDIFF_MAX)
    return jx_status_make(JX_OUT_OF_RANGE,
                          "%s: the array's %lld elements take more bytes than "
                          "can be addressed",
                          name, (long long)count);

  /* Compare with the file size before allocating anything. */
  struct stat info;
  long position = ftell(stream);
  if (position >= 0 && fstat(fileno(stream), &info) == 0 &&
      S_ISREG(info.st_mode) && (uint64_t)info.st_size >= (uint64_t)position &&
      (uint64_t)(info.st_size - position) < (uint64_t)bytes)
    return jx_status_make(JX_IO_ERROR,
                          "%s: truncated .npy file: the header describes %zu "
                          "bytes of data but only %lld follow",
                          name, bytes, (long long)(info.st_size - position));

  jx_owned_array_t *array;
  status = jx_array_create(header.dtype, header.rank, header.shape, &array);
  if (status)
    return jx_status_annotate(status, "%s", name);
  status = read_data(stream, name, &header, bytes, count, array);
  if (status) {
    jx_array_free(array);
    return status;
  }
  *out_array = array;
  return JX_STATUS_OK;
}

jx_status_t jx_npy_read(const char *path, jx_owned_array_t **out_array) {
  if (!out_array)
    return jx_status_make(JX_INVALID_ARGUMENT, "out_array is NULL");
  *out_array = NULL;
  if (!path)
    return jx_status_make(JX_INVALID_ARGUMENT, "path is NULL");
  FILE *stream = fopen(path, "rb");
  if (!stream) {
    char text[128];
    return jx_status_make(JX_IO_ERROR, "%s: cannot open: %s", path,
                          error_text(errno, text, sizeof text));
  }
  struct stat info;
  jx_status_t status = JX_STATUS_OK;
  if (fstat(fileno(stream), &info) == 0 && S_ISDIR(info.st_mode))
    status =
        jx_status_make(JX_IO_ERROR, "%s: cannot read: is a directory", path);
  if (!status)
    status = jx_npy_read_stream(stream, path, out_array);
  fclose(stream);
  return status;
}

/*===----------------------------------------------------------------------===*
 * Writing
 *===----------------------------------------------------------------------===*/

static const char *descr_of(jx_dtype_t dtype) {
  bool little = host_is_little_endian();
  switch (dtype) {
  case JX_DTYPE_BOOL:
    return "|b1";
  case JX_DTYPE_I32:
    return little ? "<i4" : ">i4";
  case JX_DTYPE_I64:
    return little ? "<i8" : ">i8";
  case JX_DTYPE_U32:
    return little ? "<u4" : ">u4";
  case JX_DTYPE_F16:
    return little ? "<f2" : ">f2";
  case JX_DTYPE_F32:
    return little ? "<f4" : ">f4";
  case JX_DTYPE_F64:
    return little ? "<f8" : ">f8";
  default:
    return NULL;
  }
}

/* Builds the whole prefix (magic, version, length, padded header) exactly as
 * numpy.lib.format does. */
static void build_prefix(const jx_array_t *array, jx_strbuf_t *out) {
  jx_strbuf_t dict;
  jx_strbuf_init(&dict);
  jx_strbuf_appendf(&dict, "{'descr': '%s', 'fortran_order': False, 'shape': (",
                    descr_of(array->dtype));
  for (int32_t axis = 0; axis < array->rank; ++axis)
    jx_strbuf_appendf(&dict, "%s%lld", axis ? ", " : "",
                      (long long)array->shape[axis]);
  jx_strbuf_append_cstr(&dict, array->rank == 1 ? ",), }" : "), }");
  /* Room to grow the first dimension in place (GROWTH_AXIS_MAX_DIGITS). */
  if (array->rank > 0) {
    char digits[24];
    int length =
        snprintf(digits, sizeof digits, "%lld", (long long)array->shape[0]);
    jx_strbuf_append_char(&dict, ' ', (size_t)(21 - length));
  }
  size_t header_length = dict.length + 1; /* the final newline */
  size_t length_size = 2;
  size_t padding = 64 - ((8 + length_size + header_length) % 64);
  if (header_length + padding > 0xffff) {
    length_size = 4;
    padding = 64 - ((8 + length_size + header_length) % 64);
  }
  uint32_t total = (uint32_t)(header_length + padding);
  jx_strbuf_append(out, magic, sizeof magic);
  jx_strbuf_append_char(out, length_size == 2 ? 1 : 2, 1);
  jx_strbuf_append_char(out, 0, 1);
  for (size_t i = 0; i < length_size; ++i)
    jx_strbuf_append_char(out, (char)((total >> (8 * i)) & 0xff), 1);
  jx_strbuf_append(out, dict.data ? dict.data : "", dict.length);
  jx_strbuf_append_char(out, ' ', padding);
  jx_strbuf_append_char(out, '\n', 1);
  out->failed |= dict.failed;
  jx_strbuf_dispose(&dict);
}

typedef struct writer_t {
  FILE *stream;
  const jx_array_t *array;
  size_t element_size;
  int64_t byte_strides[JX_ARRAY_MAX_RANK];
  unsigned char buffer[1 << 16];
  size_t used;
  bool failed;
} writer_t;

static void flush(writer_t *writer) {
  if (!writer->failed && writer->used &&
      fwrite(writer->buffer, 1, writer->used, writer->stream) != writer->used)
    writer->failed = true;
  writer->used = 0;
}

static void write_axis(writer_t *writer, int32_t axis, const char *element) {
  const jx_array_t *array = writer->array;
  if (axis == array->rank) {
    if (writer->used + writer->element_size > sizeof writer->buffer)
      flush(writer);
    unsigned char *slot = writer->buffer + writer->used;
    memcpy(slot, element, writer->element_size);
    if (array->dtype == JX_DTYPE_BOOL)
      *slot = *slot != 0;
    writer->used += writer->element_size;
    return;
  }
  for (int64_t i = 0; i < array->shape[axis] && !writer->failed; ++i)
    write_axis(writer, axis + 1, element + i * writer->byte_strides[axis]);
}

/* Whether `array` can be written at all (checked before opening a file). */
static jx_status_t check_writable(const char *name, const jx_array_t *array) {
  jx_status_t status = jx_array_validate(array);
  if (status)
    return jx_status_annotate(status, "%s: cannot write the array", name);
  if (array->dtype == JX_DTYPE_BF16)
    return jx_status_make(JX_UNSUPPORTED,
                          "%s: bf16 arrays cannot be written as .npy (NumPy "
                          "has no bfloat16 dtype); convert to f32 first",
                          name);
  return JX_STATUS_OK;
}

jx_status_t jx_npy_write_stream(FILE *stream, const char *name,
                                const jx_array_t *array) {
  if (!name)
    name = "<stream>";
  if (!stream)
    return jx_status_make(JX_INVALID_ARGUMENT, "%s: stream is NULL", name);
  jx_status_t status = check_writable(name, array);
  if (status)
    return status;
  int64_t count;
  status = jx_shape_element_count(array->rank, array->shape, &count);
  if (status)
    return status;

  jx_strbuf_t prefix;
  jx_strbuf_init(&prefix);
  build_prefix(array, &prefix);
  if (prefix.failed) {
    jx_strbuf_dispose(&prefix);
    return jx_status_make(JX_OUT_OF_MEMORY, "%s: out of memory", name);
  }
  bool ok = fwrite(prefix.data, 1, prefix.length, stream) == prefix.length;
  jx_strbuf_dispose(&prefix);

  size_t size = jx_dtype_size(array->dtype);
  if (ok && count > 0) {
    if (jx_array_is_contiguous(array) && array->dtype != JX_DTYPE_BOOL) {
      ok = fwrite(array->data, size, (size_t)count, stream) == (size_t)count;
    } else {
      writer_t *writer = malloc(sizeof *writer);
      if (!writer)
        return jx_status_make(JX_OUT_OF_MEMORY, "%s: out of memory", name);
      writer->stream = stream;
      writer->array = array;
      writer->element_size = size;
      writer->used = 0;
      writer->failed = false;
      for (int32_t axis = 0; axis < array->rank; ++axis)
        writer->byte_strides[axis] =
            array->shape[axis] > 1
                ? jx_array_stride(array, axis) * (int64_t)size
                : 0;
      write_axis(writer, 0, array->data);
      flush(writer);
      ok = !writer->failed;
      free(writer);
    }
  }
  if (ok)
    ok = fflush(stream) == 0;
  if (!ok) {
    char text[128];
    return jx_status_make(JX_IO_ERROR, "%s: cannot write: %s", name,
                          error_text(errno, text, sizeof text));
  }
  return JX_STATUS_OK;
}

jx_status_t jx_npy_write(const char *path, const jx_array_t *array) {
  if (!path)
    return jx_status_make(JX_INVALID_ARGUMENT, "path is NULL");
  /* Check before creating (or truncating) the file. */
  jx_status_t status = check_writable(path, array);
  if (status)
    return status;
  FILE *stream = fopen(path, "wb");
  if (!stream) {
    char text[128];
    return jx_status_make(JX_IO_ERROR, "%s: cannot open for writing: %s", path,
                          error_text(errno, text, sizeof text));
  }
  status = jx_npy_write_stream(stream, path, array);
  if (fclose(stream) != 0 && !status) {
    char text[128];
    status = jx_status_make(JX_IO_ERROR, "%s: cannot write: %s", path,
                            error_text(errno, text, sizeof text));
  }
  return status;
}
