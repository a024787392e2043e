/*===- jx/runtime/status.h - Errors as values: code and message ---*- C -*-===*
 *
 * Part of the jx runtime (libjxrt). Every runtime call that can fail returns
 * a jx_status_t: NULL means success; anything else is a heap object carrying
 * a code and a message, which the caller owns and frees with jx_status_free.
 *
 * Thread-safety: a status is immutable once made. Any number of threads may
 * read the same status; it must be freed exactly once, after all readers are
 * done.
 *
 *===----------------------------------------------------------------------===*/

#ifndef JX_RUNTIME_STATUS_H
#define JX_RUNTIME_STATUS_H

#include "jx/runtime/base.h"

#include <stdarg.h>

JX_EXTERN_C_BEGIN

/// What went wrong. The values are part of the ABI and never change; new codes
/// may be added, so treat an unknown code like JX_INTERNAL.
typedef enum jx_status_code_e {
  /// Success. Only ever reported by jx_status_code(NULL).
  JX_OK = 0,
  /// A caller passed something invalid: a NULL pointer, a bad dtype, a
  /// negative dimension, or a file whose contents are not a valid .npy file.
  JX_INVALID_ARGUMENT = 1,
  /// A value is valid in kind but too large to represent: an element count
  /// or a byte size that overflows, a rank above JX_ARRAY_MAX_RANK.
  JX_OUT_OF_RANGE = 2,
  /// Two arrays that must agree in shape (or dtype) do not.
  JX_SHAPE_MISMATCH = 3,
  /// An allocation failed.
  JX_OUT_OF_MEMORY = 4,
  /// The operating system failed to open, read or write a file, or a file
  /// ended before its header said it would (truncated).
  JX_IO_ERROR = 5,
  /// Valid input that this runtime does not handle (yet): a .npy dtype jx
  /// has no equivalent for, bf16 in a .npy file, a newer .npy version.
  JX_UNSUPPORTED = 6,
  /// A bug in the runtime.
  JX_INTERNAL = 7,
  JX_STATUS_CODE_MAX_ENUM_ = 0x7fffffff /* keeps the enum 32 bits wide */
} jx_status_code_t;

/// An error, or NULL for success. Opaque; owned by whoever receives it.
typedef struct jx_status_impl_t *jx_status_t;

/// The success value, for readability: `return JX_STATUS_OK;`.
#define JX_STATUS_OK ((jx_status_t)0)

/// True when `status` is success. Does not consume the status.
static inline bool jx_status_is_ok(jx_status_t status) { return !status; }

/// Makes a status with `code` and a printf-formatted message. JX_OK gives
/// NULL. Never fails: when memory is short it returns a shared, statically
/// allocated JX_OUT_OF_MEMORY status (which jx_status_free accepts as well).
JX_RUNTIME_API jx_status_t jx_status_make(jx_status_code_t code,
                                          const char *format, ...)
    JX_PRINTF_LIKE(2, 3);

/// jx_status_make with a va_list.
JX_RUNTIME_API jx_status_t jx_status_make_v(jx_status_code_t code,
                                            const char *format, va_list args)
    JX_PRINTF_LIKE(2, 0);

/// Adds context in front of the message of `status` ("reading 'x.npy': " +
/// old message), keeping its code. Takes ownership of `status` and returns the
/// new one; NULL (success) is passed through unchanged.
JX_RUNTIME_API jx_status_t jx_status_annotate(jx_status_t status,
                                              const char *format, ...)
    JX_PRINTF_LIKE(2, 3);

/// The code of `status`; JX_OK for NULL.
JX_RUNTIME_API jx_status_code_t jx_status_code(jx_status_t status);

/// The message of `status` (without the code); "" for NULL. The string lives
/// as long as the status.
JX_RUNTIME_API const char *jx_status_message(jx_status_t status);

/// The name of a code: "OK", "INVALID_ARGUMENT", ... ("UNKNOWN" for values
/// this version does not know). The string is static.
JX_RUNTIME_API const char *jx_status_code_name(jx_status_code_t code);

/// Frees `status`. NULL is allowed and does nothing.
JX_RUNTIME_API void jx_status_free(jx_status_t status);

JX_EXTERN_C_END

#endif /* JX_RUNTIME_STATUS_H */
