/*===- float_format.h - Floats to decimal text, as NumPy does -------*- C
 *-*-===*
 *
 * Not installed. Exact decimal conversion of binary floats (f16, bf16, f32,
 * f64) with the options of NumPy's format_float_positional and
 * format_float_scientific: shortest digits that identify the value in its
 * own type ("unique"), a precision cutoff, a minimum digit count, trimming
 * and padding. The algorithm is Steele & White's free-format printing with
 * Burger & Dybvig's refinements (exact big-integer arithmetic), terminating
 * and rounding as NumPy's Dragon4 does, so the output matches NumPy's digit
 * for digit.
 *
 *===----------------------------------------------------------------------===*/

#ifndef JX_RUNTIME_SRC_FLOAT_FORMAT_H
#define JX_RUNTIME_SRC_FLOAT_FORMAT_H

#include "internal.h"

/* NumPy's `trim` argument. */
typedef enum jx_trim_t {
  JX_TRIM_KEEP,           /* 'k': keep trailing zeros and the point */
  JX_TRIM_ZEROS,          /* '.': drop trailing zeros, keep the point */
  JX_TRIM_LEAVE_ONE_ZERO, /* '0': drop trailing zeros but keep one: "1.0" */
  JX_TRIM_DOT_ZEROS,      /* '-': drop trailing zeros and the point */
} jx_trim_t;

typedef struct jx_float_format_t {
  bool scientific;    /* d.ddde+XX rather than positional */
  bool unique;        /* stop at the shortest digits identifying the value */
  bool fractional;    /* positional: precision counts digits after the point
                         (else all significant digits) */
  int32_t precision;  /* at most this many digits; -1: no limit */
  int32_t min_digits; /* at least this many (unique mode); -1: none */
  jx_trim_t trim;
  int32_t pad_left;   /* pad with spaces to this many characters left of the
                         point; -1: none */
  int32_t pad_right;  /* positional: ... right of the point; -1: none */
  int32_t exp_digits; /* scientific: at least this many exponent digits;
                         -1: 2 */
} jx_float_format_t;

typedef enum jx_float_kind_t {
  JX_FLOAT_FINITE,
  JX_FLOAT_INF,
  JX_FLOAT_NAN,
} jx_float_kind_t;

/* A float taken apart: value = mantissa * 2^exponent. */
typedef struct jx_float_parts_t {
  jx_float_kind_t kind;
  bool negative;     /* the sign bit (also for zero and NaN) */
  uint64_t mantissa; /* with the implicit bit; 0 for zero */
  int32_t exponent;
  uint32_t mantissa_bit; /* index of the highest set bit of mantissa */
  bool unequal_margins;  /* a power of two: the gap below is half the gap
                            above */
} jx_float_parts_t;

/* Decomposes one element of a floating-point dtype. */
void jx_float_decompose(jx_dtype_t dtype, const void *element,
                        jx_float_parts_t *out_parts);

/* The element as a double (exact for every float dtype). */
double jx_float_to_double(jx_dtype_t dtype, const void *element);

/* Appends the formatted value. NaN prints as "nan", infinities as "inf" and
 * "-inf" (never padded: the caller pads them). */
void jx_float_format(jx_strbuf_t *out, const jx_float_parts_t *value,
                     const jx_float_format_t *options);

#endif /* JX_RUNTIME_SRC_FLOAT_FORMAT_H */
