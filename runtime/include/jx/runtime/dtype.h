/*===- jx/runtime/dtype.h - Element types ---------------------------*- C
 *-*-===*
 *
 * Part of the jx runtime (libjxrt). The element types of jx arrays, with
 * their sizes and names, and conversions for the two 16-bit float formats
 * that C has no portable type for.
 *
 * Thread-safety: every function here is pure and thread-safe.
 *
 *===----------------------------------------------------------------------===*/

#ifndef JX_RUNTIME_DTYPE_H
#define JX_RUNTIME_DTYPE_H

#include "jx/runtime/status.h"

JX_EXTERN_C_BEGIN

/// An element type. The values are part of the ABI (compiled code stores them
/// in jx_array_t::dtype) and never change; 0 is deliberately invalid so that a
/// zero-initialized descriptor is rejected. Stored as 32 bits.
typedef enum jx_dtype_e {
  JX_DTYPE_INVALID = 0,
  JX_DTYPE_BOOL = 1, ///< one byte, 0 or 1
  JX_DTYPE_I32 = 2,
  JX_DTYPE_I64 = 3,
  JX_DTYPE_U32 = 4,
  JX_DTYPE_F16 = 5,  ///< IEEE 754 binary16
  JX_DTYPE_BF16 = 6, ///< bfloat16: the top half of an IEEE binary32
  JX_DTYPE_F32 = 7,
  JX_DTYPE_F64 = 8,
  JX_DTYPE_MAX_ENUM_ = 0x7fffffff /* keeps the enum 32 bits wide */
} jx_dtype_t;

/// True for the eight dtypes above (not JX_DTYPE_INVALID).
JX_RUNTIME_API bool jx_dtype_is_valid(jx_dtype_t dtype);

/// The size of one element in bytes; 0 for an invalid dtype.
JX_RUNTIME_API size_t jx_dtype_size(jx_dtype_t dtype);

/// The jx name: "bool", "i32", "i64", "u32", "f16", "bf16", "f32", "f64";
/// "invalid" for anything else. The string is static.
JX_RUNTIME_API const char *jx_dtype_name(jx_dtype_t dtype);

/// The NumPy name: "bool", "int32", "int64", "uint32", "float16", "bfloat16"
/// (as ml_dtypes and JAX spell it), "float32", "float64"; "invalid" for
/// anything else. The string is static.
JX_RUNTIME_API const char *jx_dtype_numpy_name(jx_dtype_t dtype);

/// Parses a jx or a NumPy name (as returned by the two functions above).
/// JX_INVALID_ARGUMENT for anything else.
JX_RUNTIME_API jx_status_t jx_dtype_parse(const char *name,
                                          jx_dtype_t *out_dtype);

/// binary16 bits to float (exact).
JX_RUNTIME_API float jx_f16_to_f32(uint16_t bits);
/// float to binary16 bits, rounding to nearest even; NaN stays NaN.
JX_RUNTIME_API uint16_t jx_f32_to_f16(float value);
/// bfloat16 bits to float (exact).
JX_RUNTIME_API float jx_bf16_to_f32(uint16_t bits);
/// float to bfloat16 bits, rounding to nearest even; NaN stays NaN.
JX_RUNTIME_API uint16_t jx_f32_to_bf16(float value);

JX_EXTERN_C_END

#endif /* JX_RUNTIME_DTYPE_H */
