/*===- jx/runtime/format.h - Printing arrays as NumPy does ----------*- C
 *-*-===*
 *
 * Part of the jx runtime (libjxrt). Formats arrays as NumPy 1.24 prints them
 * with its default print options: `str(a)` (what `print(a)` shows) or
 * `repr(a)` (`array([...], dtype=float32)`). See docs/abi.md for the few
 * intentional differences.
 *
 * Thread-safety: reentrant, no global state; NumPy's global print options
 * are an explicit options struct here. Independent of the C locale.
 *
 *===----------------------------------------------------------------------===*/

#ifndef JX_RUNTIME_FORMAT_H
#define JX_RUNTIME_FORMAT_H

#include "jx/runtime/array.h"

#include <stdio.h>

JX_EXTERN_C_BEGIN

/// Which of NumPy's two representations to produce.
typedef enum jx_format_style_e {
  /// `str(a)`: `[0.   0.25 0.5 ]`; a 0-d array prints like its scalar (`0.1`).
  JX_FORMAT_STYLE_STR = 0,
  /// `repr(a)`: `array([0.  , 0.25, 0.5 ], dtype=float32)`; the dtype is
  /// omitted for bool, i64 and f64 (NumPy's defaults on Linux).
  JX_FORMAT_STYLE_REPR = 1,
  JX_FORMAT_STYLE_MAX_ENUM_ = 0x7fffffff
} jx_format_style_t;

/// NumPy's `floatmode` print option.
typedef enum jx_float_mode_e {
  /// At most `precision` fractional digits, fewer when fewer identify each
  /// value (NumPy's default, 'maxprec').
  JX_FLOAT_MODE_MAXPREC = 0,
  /// As MAXPREC, but all elements get as many digits as the longest one.
  JX_FLOAT_MODE_MAXPREC_EQUAL = 1,
  /// As many digits as identify each value; `precision` is ignored.
  JX_FLOAT_MODE_UNIQUE = 2,
  /// Exactly `precision` fractional digits.
  JX_FLOAT_MODE_FIXED = 3,
  JX_FLOAT_MODE_MAX_ENUM_ = 0x7fffffff
} jx_float_mode_t;

/// Options of jx_array_format, NumPy's print options. Always fill it with
/// jx_format_options_initialize first, then change fields: `struct_size` lets
/// later versions add fields at the end without breaking callers compiled
/// against this header.
typedef struct jx_format_options_t {
  size_t struct_size;         ///< set by jx_format_options_initialize
  jx_format_style_t style;    ///< JX_FORMAT_STYLE_STR
  int32_t line_width;         ///< 75, at least 1
  int64_t threshold;          ///< 1000: summarize above this many elements
  int32_t edge_items;         ///< 3: items kept at each end when summarized
  int32_t precision;          ///< 8, from 0 to 100
  jx_float_mode_t float_mode; ///< JX_FLOAT_MODE_MAXPREC
  bool suppress_small;        ///< false: true never uses scientific notation
                              ///< for small values (NumPy's `suppress`)
} jx_format_options_t;

/// Fills `out_options` with NumPy's defaults (listed above).
JX_RUNTIME_API void
jx_format_options_initialize(jx_format_options_t *out_options);

/// Formats `array` into a new NUL-terminated string (no trailing newline),
/// freed with jx_string_free. `options` may be NULL for the defaults.
/// JX_INVALID_ARGUMENT for an invalid descriptor or option.
JX_RUNTIME_API jx_status_t jx_array_format(const jx_array_t *array,
                                           const jx_format_options_t *options,
                                           char **out_string);

/// Formats `array` and writes it to `file` followed by a newline, as Python's
/// `print` does. JX_IO_ERROR when writing fails.
JX_RUNTIME_API jx_status_t jx_array_print(FILE *file, const jx_array_t *array,
                                          const jx_format_options_t *options);

JX_EXTERN_C_END

#endif /* JX_RUNTIME_FORMAT_H */
