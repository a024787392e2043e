/*===- jx/runtime/base.h - Export macros, ABI version, strings ----*- C -*-===*
 *
 * Part of the jx runtime (libjxrt). Everything the other runtime headers
 * share: the export macro, the ABI version, and the printf-format attribute.
 *
 * The runtime's C ABI is described in docs/abi.md. This header is valid C99
 * and C++ and has no C++ in it.
 *
 *===----------------------------------------------------------------------===*/

#ifndef JX_RUNTIME_BASE_H
#define JX_RUNTIME_BASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* JX_RUNTIME_API marks the functions exported from libjxrt. The library is
 * compiled with -fvisibility=hidden, so anything without it stays private. On
 * Windows, define JX_RUNTIME_SHARED when linking against the DLL. */
#if defined(_WIN32)
#if defined(JX_RUNTIME_BUILDING) && defined(JX_RUNTIME_SHARED)
#define JX_RUNTIME_API __declspec(dllexport)
#elif defined(JX_RUNTIME_SHARED)
#define JX_RUNTIME_API __declspec(dllimport)
#else
#define JX_RUNTIME_API
#endif
#elif defined(__GNUC__) || defined(__clang__)
#define JX_RUNTIME_API __attribute__((visibility("default")))
#else
#define JX_RUNTIME_API
#endif

/* Lets the compiler check printf-style format strings. */
#if defined(__GNUC__) || defined(__clang__)
#define JX_PRINTF_LIKE(format_index, first_arg)                                \
  __attribute__((format(printf, format_index, first_arg)))
#else
#define JX_PRINTF_LIKE(format_index, first_arg)
#endif

/* Warns when the result of a call (usually a status) is ignored. */
#if defined(__GNUC__) || defined(__clang__)
#define JX_MUST_USE_RESULT __attribute__((warn_unused_result))
#else
#define JX_MUST_USE_RESULT
#endif

#ifdef __cplusplus
#define JX_EXTERN_C_BEGIN extern "C" {
#define JX_EXTERN_C_END }
#else
#define JX_EXTERN_C_BEGIN
#define JX_EXTERN_C_END
#endif

/* The version of the binary interface: the layout of the public structs, the
 * values of the enums and the signatures of the exported functions. It only
 * grows when something is added in a compatible way (a new function, a new
 * enum value, a new field at the end of an options struct); an incompatible
 * change would be a new major version of the library (libjxrt.so.N). */
#define JX_RUNTIME_ABI_VERSION 1

JX_EXTERN_C_BEGIN

/// Returns JX_RUNTIME_ABI_VERSION as the library was built, so a program (or
/// compiled jx code) can check that the library it loaded is recent enough:
/// `jx_runtime_abi_version() >= JX_RUNTIME_ABI_VERSION`. Thread-safe.
JX_RUNTIME_API uint32_t jx_runtime_abi_version(void);

/// Frees a string the runtime returned (for example from jx_array_format).
/// NULL is allowed and does nothing. Thread-safe.
JX_RUNTIME_API void jx_string_free(char *string);

JX_EXTERN_C_END

#endif /* JX_RUNTIME_BASE_H */
