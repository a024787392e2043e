/*===- format.c - Printing arrays as NumPy 1.24 does ----------------------===*
 *
 * Follows numpy/core/arrayprint.py (array_str, array_repr, _formatArray,
 * FloatingFormat, IntegerFormat, BoolFormat) step by step, so the output is
 * NumPy's character for character with the same print options:
 *
 *  1. Choose the elements that will be shown: all of them, or the corners
 *     (`edge_items` at each end of every axis) when there are more than
 *     `threshold`.
 *  2. From those, pick one element format for the whole array: the common
 *     width of integers; for floats positional or scientific notation, the
 *     digits left and right of the point, found by formatting every shown
 *     value once.
 *  3. Lay the elements out axis by axis with brackets, separators, line
 *     wrapping at `line_width` and "..." where elements were skipped.
 *
 *===----------------------------------------------------------------------===*/

#include "float_format.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

void jx_format_options_initialize(jx_format_options_t *out_options) {
  if (!out_options)
    return;
  memset(out_options, 0, sizeof *out_options);
  out_options->struct_size = sizeof *out_options;
  out_options->style = JX_FORMAT_STYLE_STR;
  out_options->line_width = 75;
  out_options->threshold = 1000;
  out_options->edge_items = 3;
  out_options->precision = 8;
  out_options->float_mode = JX_FLOAT_MODE_MAXPREC;
  out_options->suppress_small = false;
}

/* The largest precision accepted; it bounds the big integers of the float
 * formatter. */
enum { MAX_PRECISION = 100 };

static jx_status_t resolve_options(const jx_format_options_t *given,
                                   jx_format_options_t *out) {
  jx_format_options_initialize(out);
  if (!given)
    return JX_STATUS_OK;
  size_t minimum = offsetof(jx_format_options_t, style) + sizeof(given->style);
  if (given->struct_size < minimum)
    return jx_status_make(JX_INVALID_ARGUMENT,
                          "format options have struct_size %zu; call "
                          "jx_format_options_initialize first",
                          given->struct_size);
  /* Fields a caller built against an older header does not know about keep
   * their defaults. */
  size_t known =
      given->struct_size < sizeof *out ? given->struct_size : sizeof *out;
  memcpy(out, given, known);
  out->struct_size = sizeof *out;
  if (out->style != JX_FORMAT_STYLE_STR && out->style != JX_FORMAT_STYLE_REPR)
    return jx_status_make(JX_INVALID_ARGUMENT, "unknown format style %d",
                          (int)out->style);
  if (out->line_width < 1)
    return jx_status_make(JX_INVALID_ARGUMENT,
                          "line_width must be at least 1, got %d",
                          out->line_width);
  if (out->threshold < 0)
    return jx_status_make(JX_INVALID_ARGUMENT,
                          "threshold must be non-negative, got %lld",
                          (long long)out->threshold);
  if (out->edge_items < 0)
    return jx_status_make(JX_INVALID_ARGUMENT,
                          "edge_items must be non-negative, got %d",
                          out->edge_items);
  if (out->precision < 0 || out->precision > MAX_PRECISION)
    return jx_status_make(JX_INVALID_ARGUMENT,
                          "precision must be between 0 and %d, got %d",
                          MAX_PRECISION, out->precision);
  if (out->float_mode < JX_FLOAT_MODE_MAXPREC ||
      out->float_mode > JX_FLOAT_MODE_FIXED)
    return jx_status_make(JX_INVALID_ARGUMENT, "unknown float mode %d",
                          (int)out->float_mode);
  return JX_STATUS_OK;
}

/*===----------------------------------------------------------------------===*
 * Walking the shown elements
 *===----------------------------------------------------------------------===*/

typedef struct format_context_t {
  const jx_array_t *array;
  jx_format_options_t options;
  size_t element_size;
  int64_t byte_strides[JX_ARRAY_MAX_RANK];
  bool summarize; /* more elements than the threshold */
  const char *separator;

  /* The element format (step 2). */
  bool is_float;
  jx_float_format_t float_format;
  int32_t nonfinite_width;
  int32_t int_width;
  const char *true_text;
} format_context_t;

/* Whether `axis` of length `length` is shown as head ... tail. */
static bool elides(const format_context_t *context, int64_t length) {
  return context->summarize &&
         2 * (int64_t)context->options.edge_items < length;
}

typedef void (*visit_fn)(void *state, const char *element);

/* Calls `visit` on every shown element (NumPy's _leading_trailing). */
static void visit_shown(const format_context_t *context, int32_t axis,
                        const char *element, visit_fn visit, void *state) {
  if (axis == context->array->rank) {
    visit(state, element);
    return;
  }
  int64_t length = context->array->shape[axis];
  int64_t stride = context->byte_strides[axis];
  /* With edge_items == 0 NumPy keeps a[:0] and a[-0:], i.e. everything. */
  if (elides(context, length) && context->options.edge_items > 0) {
    int64_t edge = context->options.edge_items;
    for (int64_t i = 0; i < edge; ++i)
      visit_shown(context, axis + 1, element + i * stride, visit, state);
    for (int64_t i = length - edge; i < length; ++i)
      visit_shown(context, axis + 1, element + i * stride, visit, state);
  } else {
    for (int64_t i = 0; i < length; ++i)
      visit_shown(context, axis + 1, element + i * stride, visit, state);
  }
}

/*===----------------------------------------------------------------------===*
 * Integers and bools
 *===----------------------------------------------------------------------===*/

/* Decimal text of an integer element; returns its length. */
static int integer_text(jx_dtype_t dtype, const char *element, char *text,
                        size_t capacity) {
  switch (dtype) {
  case JX_DTYPE_I32: {
    int32_t value;
    memcpy(&value, element, 4);
    return snprintf(text, capacity, "%" PRId32, value);
  }
  case JX_DTYPE_I64: {
    int64_t value;
    memcpy(&value, element, 8);
    return snprintf(text, capacity, "%" PRId64, value);
  }
  case JX_DTYPE_U32: {
    uint32_t value;
    memcpy(&value, element, 4);
    return snprintf(text, capacity, "%" PRIu32, value);
  }
  default:
    text[0] = '\0';
    return 0;
  }
}

typedef struct integer_stats_t {
  jx_dtype_t dtype;
  int32_t width;
} integer_stats_t;

/* NumPy pads to the longer of str(max) and str(min); the widest element has
 * the same length as one of them. */
static void visit_integer(void *state, const char *element) {
  integer_stats_t *stats = state;
  char text[32];
  int length = integer_text(stats->dtype, element, text, sizeof text);
  if (length > stats->width)
    stats->width = length;
}

/*===----------------------------------------------------------------------===*
 * Floats (NumPy's FloatingFormat.fillFormat)
 *===----------------------------------------------------------------------===*/

typedef struct float_stats_t {
  jx_dtype_t dtype;
  bool any_finite, any_nonfinite, any_negative_inf, any_nonzero;
  double max_abs, min_abs; /* over non-zero finite values */
} float_stats_t;

static void visit_float_range(void *state, const char *element) {
  float_stats_t *stats = state;
  jx_float_parts_t parts;
  jx_float_decompose(stats->dtype, element, &parts);
  if (parts.kind != JX_FLOAT_FINITE) {
    stats->any_nonfinite = true;
    stats->any_negative_inf |= parts.kind == JX_FLOAT_INF && parts.negative;
    return;
  }
  stats->any_finite = true;
  if (parts.mantissa == 0)
    return;
  double value = jx_float_to_double(stats->dtype, element);
  double magnitude = value < 0 ? -value : value;
  if (!stats->any_nonzero || magnitude > stats->max_abs)
    stats->max_abs = magnitude;
  if (!stats->any_nonzero || magnitude < stats->min_abs)
    stats->min_abs = magnitude;
  stats->any_nonzero = true;
}

/* max / min computed in the array's own type, as NumPy's scalar division
 * does (f16 and bf16 through float, rounded back). */
static double ratio_in_dtype(jx_dtype_t dtype, double max, double min) {
  switch (dtype) {
  case JX_DTYPE_F32:
    return (float)max / (float)min;
  case JX_DTYPE_F16:
    return jx_f16_to_f32(jx_f32_to_f16((float)max / (float)min));
  case JX_DTYPE_BF16:
    return jx_bf16_to_f32(jx_f32_to_bf16((float)max / (float)min));
  default:
    return max / min;
  }
}

typedef struct float_widths_t {
  jx_dtype_t dtype;
  jx_float_format_t format; /* the first, measuring pass */
  jx_strbuf_t scratch;
  int32_t int_length, fraction_length, exponent_length;
} float_widths_t;

static void visit_float_widths(void *state, const char *element) {
  float_widths_t *widths = state;
  jx_float_parts_t parts;
  jx_float_decompose(widths->dtype, element, &parts);
  if (parts.kind != JX_FLOAT_FINITE)
    return;
  jx_strbuf_truncate(&widths->scratch, 0);
  jx_float_format(&widths->scratch, &parts, &widths->format);
  if (widths->scratch.failed)
    return;
  const char *text = widths->scratch.data;
  const char *point = strchr(text, '.');
  const char *e = strchr(text, 'e');
  const char *end = e ? e : text + widths->scratch.length;
  int32_t int_length = (int32_t)((point ? point : end) - text);
  int32_t fraction_length = point ? (int32_t)(end - point - 1) : 0;
  int32_t exponent_length = e ? (int32_t)strlen(e + 1) : 0;
  if (int_length > widths->int_length)
    widths->int_length = int_length;
  if (fraction_length > widths->fraction_length)
    widths->fraction_length = fraction_length;
  if (exponent_length > widths->exponent_length)
    widths->exponent_length = exponent_length;
}

static jx_status_t choose_float_format(format_context_t *context) {
  const jx_array_t *array = context->array;
  const jx_format_options_t *options = &context->options;
  float_stats_t stats = {array->dtype, false, false, false, false, 0, 0};
  visit_shown(context, 0, array->data, visit_float_range, &stats);

  bool scientific = false;
  if (stats.any_nonzero) {
    double ratio = ratio_in_dtype(array->dtype, stats.max_abs, stats.min_abs);
    scientific =
        stats.max_abs >= 1.e8 ||
        (!options->suppress_small && (stats.min_abs < 0.0001 || ratio > 1000.));
  }
  bool fixed = options->float_mode == JX_FLOAT_MODE_FIXED;
  int32_t precision =
      options->float_mode == JX_FLOAT_MODE_UNIQUE ? -1 : options->precision;

  jx_float_format_t *format = &context->float_format;
  int32_t pad_left, pad_right;
  if (!stats.any_finite) {
    *format = (jx_float_format_t){.unique = true,
                                  .fractional = true,
                                  .precision = precision,
                                  .min_digits = -1,
                                  .trim = JX_TRIM_ZEROS,
                                  .exp_digits = -1};
    pad_left = pad_right = 0;
  } else {
    float_widths_t widths;
    widths.dtype = array->dtype;
    /* NumPy's first pass: "fixed" keeps all digits, the others trim. */
    widths.format =
        (jx_float_format_t){.scientific = scientific,
                            .unique = !fixed,
                            .fractional = true,
                            .precision = precision,
                            .min_digits = -1,
                            .trim = fixed ? JX_TRIM_KEEP : JX_TRIM_ZEROS,
                            .pad_left = -1,
                            .pad_right = -1,
                            .exp_digits = -1};
    jx_strbuf_init(&widths.scratch);
    widths.int_length = widths.fraction_length = widths.exponent_length = 0;
    visit_shown(context, 0, array->data, visit_float_widths, &widths);
    bool failed = widths.scratch.failed;
    jx_strbuf_dispose(&widths.scratch);
    if (failed)
      return jx_status_make(JX_OUT_OF_MEMORY, "out of memory formatting");

    if (scientific) {
      int32_t exp_size = widths.exponent_length - 1;
      int32_t digits = widths.fraction_length;
      pad_left = widths.int_length;
      pad_right = exp_size + 2 + digits;
      /* Every element gets the longest element's digits. */
      *format = (jx_float_format_t){.scientific = true,
                                    .unique = !fixed,
                                    .fractional = true,
                                    .precision = digits,
                                    .min_digits = digits,
                                    .trim = JX_TRIM_KEEP,
                                    .pad_left = pad_left,
                                    .pad_right = -1,
                                    .exp_digits = exp_size};
    } else {
      pad_left = widths.int_length;
      pad_right = widths.fraction_length;
      bool equal = fixed || options->float_mode == JX_FLOAT_MODE_MAXPREC_EQUAL;
      /* min_digits 0 still prints every digit left of the point. */
      *format =
          (jx_float_format_t){.scientific = false,
                              .unique = !fixed,
                              .fractional = true,
                              .precision = equal ? pad_right : precision,
                              .min_digits = equal ? pad_right : 0,
                              .trim = equal ? JX_TRIM_KEEP : JX_TRIM_ZEROS,
                              .pad_left = pad_left,
                              .pad_right = pad_right,
                              .exp_digits = -1};
    }
  }
  /* Make room for "nan", "inf" and "-inf" right-aligned in the column. */
  if (stats.any_nonfinite) {
    int32_t offset = pad_right + 1;
    int32_t inf_length = 3 + (stats.any_negative_inf ? 1 : 0);
    if (3 - offset > pad_left)
      pad_left = 3 - offset;
    if (inf_length - offset > pad_left)
      pad_left = inf_length - offset;
    format->pad_left = pad_left;
  }
  context->nonfinite_width = pad_left + pad_right + 1;
  return JX_STATUS_OK;
}

/*===----------------------------------------------------------------------===*
 * Elements
 *===----------------------------------------------------------------------===*/

static void append_element(const format_context_t *context, jx_strbuf_t *out,
                           const char *element) {
  jx_dtype_t dtype = context->array->dtype;
  if (context->is_float) {
    jx_float_parts_t parts;
    jx_float_decompose(dtype, element, &parts);
    if (parts.kind == JX_FLOAT_FINITE) {
      jx_float_format(out, &parts, &context->float_format);
    } else {
      const char *text = parts.kind == JX_FLOAT_NAN ? "nan"
                         : parts.negative           ? "-inf"
                                                    : "inf";
      int32_t length = (int32_t)strlen(text);
      if (context->nonfinite_width > length)
        jx_strbuf_append_char(out, ' ',
                              (size_t)(context->nonfinite_width - length));
      jx_strbuf_append_cstr(out, text);
    }
  } else if (dtype == JX_DTYPE_BOOL) {
    jx_strbuf_append_cstr(out, *element ? context->true_text : "False");
  } else {
    char text[32];
    int length = integer_text(dtype, element, text, sizeof text);
    if (context->int_width > length)
      jx_strbuf_append_char(out, ' ', (size_t)(context->int_width - length));
    jx_strbuf_append(out, text, (size_t)length);
  }
}

/* str() of a 0-d array: the scalar's str, which prints floats with all the
 * digits that identify them, positional between 1e-4 and 1e16. */
static void append_scalar_str(jx_strbuf_t *out, jx_dtype_t dtype,
                              const char *element) {
  if (dtype == JX_DTYPE_BOOL) {
    jx_strbuf_append_cstr(out, *element ? "True" : "False");
    return;
  }
  if (dtype == JX_DTYPE_I32 || dtype == JX_DTYPE_I64 || dtype == JX_DTYPE_U32) {
    char text[32];
    int length = integer_text(dtype, element, text, sizeof text);
    jx_strbuf_append(out, text, (size_t)length);
    return;
  }
  jx_float_parts_t parts;
  jx_float_decompose(dtype, element, &parts);
  bool positional;
  if (dtype == JX_DTYPE_F16) { /* NumPy compares the half as a float */
    double magnitude = (float)jx_float_to_double(dtype, element);
    if (magnitude < 0)
      magnitude = -magnitude;
    positional = magnitude == 0 || (magnitude < 1.e16 && magnitude >= 1.e-4);
  } else { /* and the others as long double */
    long double magnitude = jx_float_to_double(dtype, element);
    if (magnitude < 0)
      magnitude = -magnitude;
    positional = parts.kind == JX_FLOAT_NAN || magnitude == 0 ||
                 (magnitude < 1.e16L && magnitude >= 1.e-4L);
  }
  jx_float_format_t format = {.scientific = !positional,
                              .unique = true,
                              .fractional = true,
                              .precision = -1,
                              .min_digits = -1,
                              .trim = positional ? JX_TRIM_LEAVE_ONE_ZERO
                                                 : JX_TRIM_DOT_ZEROS,
                              .pad_left = -1,
                              .pad_right = -1,
                              .exp_digits = -1};
  jx_float_format(out, &parts, &format);
}

/*===----------------------------------------------------------------------===*
 * Layout (NumPy's _formatArray)
 *===----------------------------------------------------------------------===*/

/* Appends `word` to the current `line`, first moving to a new line (flushed
 * into `text`) when it would pass `width`, unless the line is still empty. */
static void extend_line(jx_strbuf_t *text, jx_strbuf_t *line, const char *word,
                        size_t word_length, int64_t width, size_t indent) {
  bool wrap = (int64_t)(line->length + word_length) > width;
  if (line->length <= indent)
    wrap = false;
  if (wrap) {
    jx_strbuf_rstrip(line, 0);
    jx_strbuf_append(text, line->data, line->length);
    jx_strbuf_append_char(text, '\n', 1);
    jx_strbuf_truncate(line, 0);
    jx_strbuf_append_char(line, ' ', indent);
  }
  jx_strbuf_append(line, word, word_length);
}

/* Appends the text of the sub-array at `element` from `axis` on. `indent`
 * is the hanging indent (spaces) of its continuation lines and `width` the
 * room it has. */
static void format_axis(const format_context_t *context, int32_t axis,
                        const char *element, size_t indent, int64_t width,
                        jx_strbuf_t *out) {
  const jx_array_t *array = context->array;
  if (axis == array->rank) {
    append_element(context, out, element);
    return;
  }
  int32_t axes_left = array->rank - axis;
  int64_t length = array->shape[axis];
  int64_t stride = context->byte_strides[axis];
  bool summary = elides(context, length);
  int64_t leading = summary ? context->options.edge_items : 0;
  /* The last element is always shown, even with edge_items == 0. */
  int64_t trailing = summary ? context->options.edge_items : length;
  if (trailing < 1)
    trailing = 1;
  const char *separator = context->separator;
  size_t separator_length = strlen(separator);
  /* Both separators, " " and ", ", leave one character before the ']'. */
  int64_t inner_width = width - 1;

  jx_strbuf_t text;
  jx_strbuf_init(&text);
  if (axes_left == 1) {
    int64_t element_width = width - 1;
    jx_strbuf_t line, word;
    jx_strbuf_init(&line);
    jx_strbuf_init(&word);
    jx_strbuf_append_char(&line, ' ', indent);
    for (int64_t i = 0; i < leading; ++i) {
      jx_strbuf_truncate(&word, 0);
      append_element(context, &word, element + i * stride);
      extend_line(&text, &line, word.data, word.length, element_width, indent);
      jx_strbuf_append(&line, separator, separator_length);
    }
    if (summary) {
      extend_line(&text, &line, "...", 3, element_width, indent);
      jx_strbuf_append(&line, separator, separator_length);
    }
    for (int64_t i = trailing; i >= 1; --i) {
      jx_strbuf_truncate(&word, 0);
      append_element(context, &word, element + (length - i) * stride);
      extend_line(&text, &line, word.data ? word.data : "", word.length,
                  element_width, indent);
      if (i > 1)
        jx_strbuf_append(&line, separator, separator_length);
    }
    jx_strbuf_append(&text, line.data ? line.data : "", line.length);
    text.failed |= line.failed || word.failed;
    jx_strbuf_dispose(&line);
    jx_strbuf_dispose(&word);
  } else {
    /* Rows end in the separator without its space, then one newline per
     * remaining axis (a blank line between matrices). */
    size_t row_end_length = separator_length;
    while (row_end_length && separator[row_end_length - 1] == ' ')
      --row_end_length;
    for (int64_t i = 0; i < leading + (summary ? 1 : 0) + trailing; ++i) {
      bool is_ellipsis = summary && i == leading;
      int64_t index =
          i < leading   ? i
          : is_ellipsis ? -1
                        : length - (leading + (summary ? 1 : 0) + trailing - i);
      jx_strbuf_append_char(&text, ' ', indent);
      if (is_ellipsis)
        jx_strbuf_append(&text, "...", 3);
      else
        format_axis(context, axis + 1, element + index * stride, indent + 1,
                    inner_width, &text);
      if (i + 1 < leading + (summary ? 1 : 0) + trailing) {
        jx_strbuf_append(&text, separator, row_end_length);
        jx_strbuf_append_char(&text, '\n', (size_t)(axes_left - 1));
      }
    }
  }
  /* The first line's indent is replaced by the opening bracket. */
  jx_strbuf_append_char(out, '[', 1);
  if (text.length >= indent)
    jx_strbuf_append(out, text.data + indent, text.length - indent);
  jx_strbuf_append_char(out, ']', 1);
  out->failed |= text.failed;
  jx_strbuf_dispose(&text);
}

/* NumPy's array2string: "[]" for an empty array, else the layout. */
static jx_status_t array_to_string(format_context_t *context,
                                   int64_t element_count, const char *prefix,
                                   int64_t width, jx_strbuf_t *out) {
  if (element_count == 0) {
    jx_strbuf_append(out, "[]", 2);
    return JX_STATUS_OK;
  }
  const jx_array_t *array = context->array;
  context->summarize = element_count > context->options.threshold;
  context->is_float =
      array->dtype == JX_DTYPE_F16 || array->dtype == JX_DTYPE_BF16 ||
      array->dtype == JX_DTYPE_F32 || array->dtype == JX_DTYPE_F64;
  context->true_text = array->rank == 0 ? "True" : " True";
  context->int_width = 0;
  if (context->is_float) {
    jx_status_t status = choose_float_format(context);
    if (status)
      return status;
  } else if (array->dtype != JX_DTYPE_BOOL) {
    integer_stats_t stats = {array->dtype, 0};
    visit_shown(context, 0, array->data, visit_integer, &stats);
    context->int_width = stats.width;
  }
  format_axis(context, 0, array->data, strlen(prefix) + 1, width, out);
  return JX_STATUS_OK;
}

/* repr() omits the dtype NumPy would infer from the printed values. */
static bool dtype_is_implied(jx_dtype_t dtype) {
  return dtype == JX_DTYPE_BOOL || dtype == JX_DTYPE_I64 ||
         dtype == JX_DTYPE_F64;
}

jx_status_t jx_array_format(const jx_array_t *array,
                            const jx_format_options_t *options,
                            char **out_string) {
  if (!out_string)
    return jx_status_make(JX_INVALID_ARGUMENT, "out_string is NULL");
  *out_string = NULL;
  format_context_t context;
  memset(&context, 0, sizeof context);
  jx_status_t status = resolve_options(options, &context.options);
  if (status)
    return status;
  status = jx_array_validate(array);
  if (status)
    return status;
  int64_t count;
  status = jx_shape_element_count(array->rank, array->shape, &count);
  if (status)
    return status;

  context.array = array;
  context.element_size = jx_dtype_size(array->dtype);
  for (int32_t axis = 0; axis < array->rank; ++axis)
    context.byte_strides[axis] =
        array->shape[axis] > 1
            ? jx_array_stride(array, axis) * (int64_t)context.element_size
            : 0;

  jx_strbuf_t out;
  jx_strbuf_init(&out);
  int64_t line_width = context.options.line_width;
  if (context.options.style == JX_FORMAT_STYLE_STR) {
    context.separator = " ";
    if (array->rank == 0)
      append_scalar_str(&out, array->dtype, array->data);
    else
      status = array_to_string(&context, count, "", line_width, &out);
  } else {
    context.separator = ", ";
    bool skip_dtype = dtype_is_implied(array->dtype) && count > 0;
    const char *suffix = skip_dtype ? ")" : ",";
    jx_strbuf_append_cstr(&out, "array(");
    if (count > 0 || (array->rank == 1 && array->shape[0] == 0)) {
      status = array_to_string(&context, count, "array(",
                               line_width - (int64_t)strlen(suffix), &out);
    } else {
      jx_strbuf_append_cstr(&out, "[], shape=(");
      for (int32_t axis = 0; axis < array->rank; ++axis)
        jx_strbuf_appendf(&out, "%s%" PRId64, axis ? ", " : "",
                          array->shape[axis]);
      jx_strbuf_append_cstr(&out, array->rank == 1 ? ",)" : ")");
    }
    jx_strbuf_append_cstr(&out, suffix);
    if (!skip_dtype && !out.failed) {
      const char *last_newline = strrchr(out.data, '\n');
      size_t last_line =
          last_newline ? out.length - (size_t)(last_newline + 1 - out.data)
                       : out.length;
      const char *name = jx_dtype_numpy_name(array->dtype);
      size_t dtype_length = strlen("dtype=)") + strlen(name);
      if ((int64_t)(last_line + dtype_length + 1) > line_width)
        jx_strbuf_append_cstr(&out, "\n      ");
      else
        jx_strbuf_append_char(&out, ' ', 1);
      jx_strbuf_appendf(&out, "dtype=%s)", name);
    }
  }
  if (!status && out.failed)
    status =
        jx_status_make(JX_OUT_OF_MEMORY, "out of memory formatting an array");
  if (status) {
    jx_strbuf_dispose(&out);
    return status;
  }
  *out_string = jx_strbuf_release(&out);
  return *out_string ? JX_STATUS_OK
                     : jx_status_make(JX_OUT_OF_MEMORY,
                                      "out of memory formatting an array");
}

jx_status_t jx_array_print(FILE *file, const jx_array_t *array,
                           const jx_format_options_t *options) {
  if (!file)
    return jx_status_make(JX_INVALID_ARGUMENT, "file is NULL");
  char *text;
  jx_status_t status = jx_array_format(array, options, &text);
  if (status)
    return status;
  bool ok = fputs(text, file) >= 0 && fputc('\n', file) != EOF;
  jx_string_free(text);
  if (!ok)
    return jx_status_make(JX_IO_ERROR, "cannot write the formatted array");
  return JX_STATUS_OK;
}
