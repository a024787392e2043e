/*===- dtype.c - Element types and 16-bit float conversions ---------------===*/

#include "internal.h"

#include <string.h>

static const struct {
  const char *name;
  const char *numpy_name;
  size_t size;
} dtype_info[] = {
    [JX_DTYPE_INVALID] = {"invalid", "invalid", 0},
    [JX_DTYPE_BOOL] = {"bool", "bool", 1},
    [JX_DTYPE_I32] = {"i32", "int32", 4},
    [JX_DTYPE_I64] = {"i64", "int64", 8},
    [JX_DTYPE_U32] = {"u32", "uint32", 4},
    [JX_DTYPE_F16] = {"f16", "float16", 2},
    [JX_DTYPE_BF16] = {"bf16", "bfloat16", 2},
    [JX_DTYPE_F32] = {"f32", "float32", 4},
    [JX_DTYPE_F64] = {"f64", "float64", 8},
};

_Static_assert(sizeof(jx_dtype_t) == 4, "jx_dtype_t must be 32 bits");
/* The descriptor layout is ABI: pointer, two 32-bit fields, two pointers. */
_Static_assert(offsetof(jx_array_t, dtype) == sizeof(void *) &&
                   offsetof(jx_array_t, rank) == sizeof(void *) + 4 &&
                   offsetof(jx_array_t, shape) == sizeof(void *) + 8 &&
                   sizeof(jx_array_t) == 3 * sizeof(void *) + 8,
               "jx_array_t layout changed");

bool jx_dtype_is_valid(jx_dtype_t dtype) {
  return dtype >= JX_DTYPE_BOOL && dtype <= JX_DTYPE_F64;
}

size_t jx_dtype_size(jx_dtype_t dtype) {
  return jx_dtype_is_valid(dtype) ? dtype_info[dtype].size : 0;
}

const char *jx_dtype_name(jx_dtype_t dtype) {
  return dtype_info[jx_dtype_is_valid(dtype) ? dtype : JX_DTYPE_INVALID].name;
}

const char *jx_dtype_numpy_name(jx_dtype_t dtype) {
  return dtype_info[jx_dtype_is_valid(dtype) ? dtype : JX_DTYPE_INVALID]
      .numpy_name;
}

jx_status_t jx_dtype_parse(const char *name, jx_dtype_t *out_dtype) {
  if (!out_dtype)
    return jx_status_make(JX_INVALID_ARGUMENT, "out_dtype is NULL");
  *out_dtype = JX_DTYPE_INVALID;
  if (!name)
    return jx_status_make(JX_INVALID_ARGUMENT, "dtype name is NULL");
  for (int dtype = JX_DTYPE_BOOL; dtype <= JX_DTYPE_F64; ++dtype) {
    if (!strcmp(name, dtype_info[dtype].name) ||
        !strcmp(name, dtype_info[dtype].numpy_name)) {
      *out_dtype = (jx_dtype_t)dtype;
      return JX_STATUS_OK;
    }
  }
  char quoted[64];
  jx_quote_bytes(name, strlen(name), quoted, sizeof quoted);
  return jx_status_make(JX_INVALID_ARGUMENT, "unknown dtype '%s'", quoted);
}

static float bits_to_float(uint32_t bits) {
  float value;
  memcpy(&value, &bits, sizeof value);
  return value;
}

static uint32_t float_to_bits(float value) {
  uint32_t bits;
  memcpy(&bits, &value, sizeof bits);
  return bits;
}

float jx_f16_to_f32(uint16_t half) {
  uint32_t sign = (uint32_t)(half & 0x8000u) << 16;
  uint32_t exponent = (half >> 10) & 0x1fu;
  uint32_t mantissa = half & 0x3ffu;
  if (exponent == 0x1f) /* inf or NaN, payload kept */
    return bits_to_float(sign | 0x7f800000u | (mantissa << 13));
  if (exponent == 0) {
    if (mantissa == 0)
      return bits_to_float(sign);
    /* subnormal: normalize */
    int32_t e = -14;
    while (!(mantissa & 0x400u)) {
      mantissa <<= 1;
      --e;
    }
    mantissa &= 0x3ffu;
    return bits_to_float(sign | ((uint32_t)(e + 127) << 23) | (mantissa << 13));
  }
  return bits_to_float(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
}

uint16_t jx_f32_to_f16(float value) {
  uint32_t bits = float_to_bits(value);
  uint16_t sign = (uint16_t)((bits >> 16) & 0x8000u);
  uint32_t exponent = (bits >> 23) & 0xffu;
  uint32_t mantissa = bits & 0x7fffffu;
  if (exponent == 0xff) {
    if (mantissa) /* quiet NaN, keeping the top of the payload */
      return (uint16_t)(sign | 0x7e00u | (mantissa >> 13));
    return (uint16_t)(sign | 0x7c00u);
  }
  if (exponent == 0) /* zero or a binary32 subnormal: far below binary16 */
    return sign;
  int32_t e = (int32_t)exponent - 127;
  uint32_t significand = mantissa | 0x800000u; /* 24 bits */
  uint32_t shift = 13;
  if (e < -14)
    shift += (uint32_t)(-14 - e);
  if (shift > 25)
    return sign; /* below half the smallest subnormal */
  uint32_t rounded = significand >> shift;
  uint32_t remainder = significand & ((1u << shift) - 1);
  uint32_t half = 1u << (shift - 1);
  if (remainder > half || (remainder == half && (rounded & 1)))
    ++rounded;
  uint32_t result;
  if (e < -14)
    result = rounded; /* subnormal; a carry makes it the smallest normal */
  else
    result = ((uint32_t)(e + 14) << 10) + rounded; /* a carry bumps e */
  if (result >= 0x7c00u)
    result = 0x7c00u;
  return (uint16_t)(sign | result);
}

float jx_bf16_to_f32(uint16_t bits) {
  return bits_to_float((uint32_t)bits << 16);
}

uint16_t jx_f32_to_bf16(float value) {
  uint32_t bits = float_to_bits(value);
  if ((bits & 0x7f800000u) == 0x7f800000u && (bits & 0x7fffffu))
    return (uint16_t)((bits >> 16) | 0x40u); /* quiet NaN */
  bits += 0x7fffu + ((bits >> 16) & 1u);
  return (uint16_t)(bits >> 16);
}
