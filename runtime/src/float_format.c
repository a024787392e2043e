/*===- float_format.c - Floats to decimal text, as NumPy does -------------===*
 *
 * A value v = m * 2^e is printed digit by digit from the exact fraction
 * value / scale, with margins (half the gaps to the neighbouring floats of
 * the same type) scaled alongside it; digit generation stops as soon as the
 * digits printed so far identify v (Steele & White's free-format algorithm,
 * Burger & Dybvig's variant), or at a precision cutoff, after which the last
 * digit is rounded half to even on the exact remainder. The termination and
 * rounding rules are NumPy's (its Dragon4), so both print the same digits;
 * the formatting around the digits follows NumPy's format_float_positional
 * and format_float_scientific.
 *
 *===----------------------------------------------------------------------===*/

#include "float_format.h"

#include <math.h>
#include <string.h>

/*===----------------------------------------------------------------------===*
 * Unsigned big integers
 *
 * Fixed capacity, enough for any f64 with a precision of up to 100 digits
 * (the format options cap it): the largest operand is about 1,450 bits. The
 * operations never write past the capacity whatever their input.
 *===----------------------------------------------------------------------===*/

enum { BIG_BLOCKS = 96 };

typedef struct big_t {
  uint32_t length; /* blocks in use; the top one is non-zero */
  uint32_t blocks[BIG_BLOCKS];
} big_t;

static void big_set(big_t *big, uint64_t value) {
  big->blocks[0] = (uint32_t)value;
  big->blocks[1] = (uint32_t)(value >> 32);
  big->length = (value >> 32) ? 2 : value ? 1 : 0;
}

static void big_normalize(big_t *big) {
  while (big->length && !big->blocks[big->length - 1])
    --big->length;
}

static bool big_is_zero(const big_t *big) { return big->length == 0; }

static void big_shift_left(big_t *big, uint32_t bits) {
  uint32_t words = bits / 32, rest = bits % 32;
  uint32_t length = big->length;
  if (!length)
    return;
  /* Cannot happen within the caps; drop high blocks rather than overflow. */
  if (length > BIG_BLOCKS - 1)
    length = BIG_BLOCKS - 1;
  if (words > BIG_BLOCKS - 1 - length)
    words = BIG_BLOCKS - 1 - length;
  if (rest == 0) {
    for (uint32_t i = length; i-- > 0;)
      big->blocks[i + words] = big->blocks[i];
    big->length = length + words;
  } else {
    big->blocks[length + words] = big->blocks[length - 1] >> (32 - rest);
    for (uint32_t i = length - 1; i > 0; --i)
      big->blocks[i + words] =
          (big->blocks[i] << rest) | (big->blocks[i - 1] >> (32 - rest));
    big->blocks[words] = big->blocks[0] << rest;
    big->length = length + words + 1;
  }
  for (uint32_t i = 0; i < words; ++i)
    big->blocks[i] = 0;
  big_normalize(big);
}

/* target = 2 * source (the high margin from the low one). */
static void big_double(big_t *target, const big_t *source) {
  target->length = source->length;
  memcpy(target->blocks, source->blocks, source->length * sizeof(uint32_t));
  big_shift_left(target, 1);
}

static void big_pow2(big_t *big, uint32_t exponent) {
  big_set(big, 1);
  big_shift_left(big, exponent);
}

static void big_multiply_small(big_t *big, uint32_t factor) {
  uint64_t carry = 0;
  for (uint32_t i = 0; i < big->length; ++i) {
    uint64_t product = (uint64_t)big->blocks[i] * factor + carry;
    big->blocks[i] = (uint32_t)product;
    carry = product >> 32;
  }
  if (carry && big->length < BIG_BLOCKS)
    big->blocks[big->length++] = (uint32_t)carry;
}

static void big_multiply_pow10(big_t *big, uint32_t exponent) {
  static const uint32_t small_powers[] = {
      1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000};
  for (; exponent >= 9; exponent -= 9)
    big_multiply_small(big, 1000000000u);
  if (exponent)
    big_multiply_small(big, small_powers[exponent]);
}

static int big_compare(const big_t *a, const big_t *b) {
  if (a->length != b->length)
    return a->length < b->length ? -1 : 1;
  for (uint32_t i = a->length; i-- > 0;)
    if (a->blocks[i] != b->blocks[i])
      return a->blocks[i] < b->blocks[i] ? -1 : 1;
  return 0;
}

/* result = a + b; `result` must not alias either operand. */
static void big_add(big_t *result, const big_t *a, const big_t *b) {
  const big_t *longer = a->length >= b->length ? a : b;
  const big_t *shorter = longer == a ? b : a;
  uint64_t carry = 0;
  uint32_t i = 0;
  for (; i < shorter->length; ++i) {
    uint64_t sum = (uint64_t)longer->blocks[i] + shorter->blocks[i] + carry;
    result->blocks[i] = (uint32_t)sum;
    carry = sum >> 32;
  }
  for (; i < longer->length; ++i) {
    uint64_t sum = (uint64_t)longer->blocks[i] + carry;
    result->blocks[i] = (uint32_t)sum;
    carry = sum >> 32;
  }
  result->length = longer->length;
  if (carry && result->length < BIG_BLOCKS)
    result->blocks[result->length++] = (uint32_t)carry;
}

/* a -= b, where a >= b. */
static void big_subtract(big_t *a, const big_t *b) {
  int64_t borrow = 0;
  for (uint32_t i = 0; i < a->length; ++i) {
    int64_t difference = (int64_t)a->blocks[i] - borrow -
                         (i < b->length ? (int64_t)b->blocks[i] : 0);
    borrow = difference < 0;
    a->blocks[i] = (uint32_t)(difference + (borrow << 32));
  }
  big_normalize(a);
}

/* Replaces `value` by value mod scale and returns value / scale, which the
 * algorithm keeps below 10. */
static uint32_t big_divide_digit(big_t *value, const big_t *scale) {
  uint32_t quotient = 0;
  while (quotient < 9 && big_compare(value, scale) >= 0) {
    big_subtract(value, scale);
    ++quotient;
  }
  return quotient;
}

/*===----------------------------------------------------------------------===*
 * Digit generation
 *===----------------------------------------------------------------------===*/

enum { DIGIT_CAPACITY = 512 };

/* Writes the decimal digits of v (no point, no sign) and the decimal exponent
 * of the first one. `cutoff_max` limits and `cutoff_min` forces digits,
 * counted in total (`total_length`) or after the point; -1 for none. */
static int32_t generate_digits(const jx_float_parts_t *v, bool unique,
                               bool total_length, int32_t cutoff_max,
                               int32_t cutoff_min, char *digits,
                               int32_t capacity, int32_t *out_exponent) {
  if (v->mantissa == 0) {
    digits[0] = '0';
    *out_exponent = 0;
    return 1;
  }

  /* value / scale is v; margin_low / scale and margin_high / scale are the
   * distances to the midpoints with the neighbouring floats. Everything is
   * doubled (quadrupled with unequal margins) to keep it integral. */
  big_t value, scale, margin_low, margin_high_storage, high_value;
  big_t *margin_high = &margin_low;
  bool is_even = (v->mantissa & 1) == 0;
  int32_t e = v->exponent;
  big_set(&value, v->mantissa);
  if (v->unequal_margins) {
    margin_high = &margin_high_storage;
    if (e > 0) {
      big_shift_left(&value, (uint32_t)e + 2);
      big_set(&scale, 4);
      big_pow2(&margin_low, (uint32_t)e);
      big_pow2(margin_high, (uint32_t)e + 1);
    } else {
      big_shift_left(&value, 2);
      big_pow2(&scale, (uint32_t)(-e) + 2);
      big_set(&margin_low, 1);
      big_set(margin_high, 2);
    }
  } else {
    if (e > 0) {
      big_shift_left(&value, (uint32_t)e + 1);
      big_set(&scale, 2);
      big_pow2(&margin_low, (uint32_t)e);
    } else {
      big_shift_left(&value, 1);
      big_pow2(&scale, (uint32_t)(-e) + 1);
      big_set(&margin_low, 1);
    }
  }

  /* An estimate of floor(log10(v)) + 1 that is exact or one too small (the
   * 0.69 makes "one too small" the common case, as in NumPy). */
  const double log10_2 = 0.30102999566398119521373889472449;
  int32_t digit_exponent =
      (int32_t)ceil((double)((int32_t)v->mantissa_bit + e) * log10_2 - 0.69);
  /* Digits below a fractional cutoff are never printed: start at it. */
  if (cutoff_max >= 0 && !total_length && digit_exponent <= -cutoff_max)
    digit_exponent = -cutoff_max + 1;

  if (digit_exponent > 0) {
    big_multiply_pow10(&scale, (uint32_t)digit_exponent);
  } else if (digit_exponent < 0) {
    big_multiply_pow10(&value, (uint32_t)(-digit_exponent));
    big_multiply_pow10(&margin_low, (uint32_t)(-digit_exponent));
    if (margin_high != &margin_low) {
      big_double(margin_high, &margin_low);
    }
  }
  if (big_compare(&value, &scale) >= 0) {
    ++digit_exponent; /* the estimate was one too small */
  } else {
    big_multiply_small(&value, 10);
    big_multiply_small(&margin_low, 10);
    if (margin_high != &margin_low) {
      big_double(margin_high, &margin_low);
    }
  }

  int32_t cutoff_max_exponent = digit_exponent - capacity;
  if (cutoff_max >= 0) {
    int32_t desired = total_length ? digit_exponent - cutoff_max : -cutoff_max;
    if (desired > cutoff_max_exponent)
      cutoff_max_exponent = desired;
  }
  int32_t cutoff_min_exponent = digit_exponent;
  if (cutoff_min >= 0) {
    int32_t desired = total_length ? digit_exponent - cutoff_min : -cutoff_min;
    if (desired < cutoff_min_exponent)
      cutoff_min_exponent = desired;
  }
  *out_exponent = digit_exponent - 1;

  int32_t count = 0;
  uint32_t digit;
  bool low = false, high = false;
  if (unique) {
    for (;;) {
      --digit_exponent;
      digit = big_divide_digit(&value, &scale);
      big_add(&high_value, &value, margin_high);
      /* Could we stop here, rounding down (low) or up (high)? Ties are
       * allowed when the mantissa is even (the float rounds back to it). */
      int c = big_compare(&value, &margin_low);
      low = is_even ? c <= 0 : c < 0;
      c = big_compare(&high_value, &scale);
      high = is_even ? c >= 0 : c > 0;
      if (((low || high) && digit_exponent <= cutoff_min_exponent) ||
          digit_exponent == cutoff_max_exponent)
        break;
      digits[count++] = (char)('0' + digit);
      big_multiply_small(&value, 10);
      big_multiply_small(&margin_low, 10);
      if (margin_high != &margin_low) {
        big_double(margin_high, &margin_low);
      }
    }
  } else {
    for (;;) {
      --digit_exponent;
      digit = big_divide_digit(&value, &scale);
      if (big_is_zero(&value) || digit_exponent == cutoff_max_exponent)
        break;
      digits[count++] = (char)('0' + digit);
      big_multiply_small(&value, 10);
    }
  }

  /* Round the last digit: down when only that keeps the value identified,
   * else to the nearer of the two, ties to an even digit. */
  bool round_down = low;
  if (low == high) {
    big_shift_left(&value, 1);
    int c = big_compare(&value, &scale);
    round_down = c < 0 || (c == 0 && (digit & 1) == 0);
  }
  if (round_down) {
    digits[count++] = (char)('0' + digit);
  } else if (digit < 9) {
    digits[count++] = (char)('0' + digit + 1);
  } else {
    /* Carry through the nines; all nines become 1 at the next exponent. */
    for (;;) {
      if (count == 0) {
        digits[count++] = '1';
        ++*out_exponent;
        break;
      }
      --count;
      if (digits[count] != '9') {
        ++digits[count];
        ++count;
        break;
      }
    }
  }
  return count;
}

/*===----------------------------------------------------------------------===*
 * Layout
 *===----------------------------------------------------------------------===*/

/* Drops the trailing zeros of the number at the end of `out` (which has a
 * point and `fraction` digits after it), as NumPy does after rounding;
 * returns the new fraction length. */
static int32_t trim_trailing_zeros(jx_strbuf_t *out, int32_t fraction,
                                   jx_trim_t trim, bool drop_point) {
  while (out->length && out->data[out->length - 1] == '0') {
    jx_strbuf_truncate(out, out->length - 1);
    --fraction;
  }
  if (out->length && out->data[out->length - 1] == '.') {
    if (trim == JX_TRIM_LEAVE_ONE_ZERO) {
      jx_strbuf_append_char(out, '0', 1);
      ++fraction;
    } else if (trim == JX_TRIM_DOT_ZEROS && drop_point) {
      jx_strbuf_truncate(out, out->length - 1);
    }
  }
  return fraction;
}

static void format_positional(jx_strbuf_t *out, const jx_float_parts_t *v,
                              const jx_float_format_t *options) {
  char digits[DIGIT_CAPACITY];
  int32_t exponent;
  int32_t count = generate_digits(v, options->unique, !options->fractional,
                                  options->precision, options->min_digits,
                                  digits, DIGIT_CAPACITY, &exponent);
  size_t start = out->length;
  int32_t has_sign = v->negative ? 1 : 0;
  if (has_sign)
    jx_strbuf_append_char(out, '-', 1);

  int32_t whole, fraction;
  if (exponent >= 0) {
    whole = exponent + 1;
    if (count <= whole) {
      jx_strbuf_append(out, digits, (size_t)count);
      jx_strbuf_append_char(out, '0', (size_t)(whole - count));
      fraction = 0;
    } else {
      jx_strbuf_append(out, digits, (size_t)whole);
      jx_strbuf_append_char(out, '.', 1);
      jx_strbuf_append(out, digits + whole, (size_t)(count - whole));
      fraction = count - whole;
    }
  } else {
    int32_t zeros = -(exponent + 1);
    jx_strbuf_append(out, "0.", 2);
    jx_strbuf_append_char(out, '0', (size_t)zeros);
    jx_strbuf_append(out, digits, (size_t)count);
    whole = 1;
    fraction = zeros + count;
  }

  if (options->trim != JX_TRIM_DOT_ZEROS && fraction == 0)
    jx_strbuf_append_char(out, '.', 1);

  int32_t wanted = options->unique ? options->min_digits : options->precision;
  int32_t desired = wanted < 0 ? 0 : wanted;
  if (!options->fractional)
    desired = wanted - whole;
  if (options->trim == JX_TRIM_LEAVE_ONE_ZERO) {
    if (fraction == 0) {
      jx_strbuf_append_char(out, '0', 1);
      ++fraction;
    }
  } else if (options->trim == JX_TRIM_KEEP && desired > fraction) {
    jx_strbuf_append_char(out, '0', (size_t)(desired - fraction));
    fraction = desired;
  }
  if (options->trim != JX_TRIM_KEEP && fraction > 0)
    fraction = trim_trailing_zeros(out, fraction, options->trim, true);

  if (options->pad_right >= fraction) {
    if (options->trim == JX_TRIM_DOT_ZEROS && fraction == 0)
      jx_strbuf_append_char(out, ' ', 1); /* stands for the dropped point */
    jx_strbuf_append_char(out, ' ', (size_t)(options->pad_right - fraction));
  }
  if (options->pad_left > whole + has_sign && !out->failed) {
    size_t shift = (size_t)(options->pad_left - whole - has_sign);
    size_t length = out->length - start;
    if (jx_strbuf_reserve(out, shift)) {
      memmove(out->data + start + shift, out->data + start, length);
      memset(out->data + start, ' ', shift);
      out->length += shift;
      out->data[out->length] = '\0';
    }
  }
}

static void format_scientific(jx_strbuf_t *out, const jx_float_parts_t *v,
                              const jx_float_format_t *options) {
  int32_t sign_chars = v->negative ? 1 : 0;
  if (options->pad_left > 1 + sign_chars)
    jx_strbuf_append_char(out, ' ',
                          (size_t)(options->pad_left - 1 - sign_chars));
  if (v->negative)
    jx_strbuf_append_char(out, '-', 1);

  char digits[DIGIT_CAPACITY];
  int32_t exponent;
  int32_t count =
      generate_digits(v, options->unique, true,
                      options->precision < 0 ? -1 : options->precision + 1,
                      options->min_digits < 0 ? -1 : options->min_digits + 1,
                      digits, DIGIT_CAPACITY, &exponent);

  jx_strbuf_append(out, digits, 1);
  int32_t fraction = count - 1;
  if (fraction > 0) {
    jx_strbuf_append_char(out, '.', 1);
    jx_strbuf_append(out, digits + 1, (size_t)fraction);
  }
  if (options->trim != JX_TRIM_DOT_ZEROS && fraction == 0)
    jx_strbuf_append_char(out, '.', 1);

  int32_t wanted = options->unique ? options->min_digits : options->precision;
  if (wanted < 0)
    wanted = 0;
  if (options->trim == JX_TRIM_LEAVE_ONE_ZERO) {
    if (fraction == 0) {
      jx_strbuf_append_char(out, '0', 1);
      ++fraction;
    }
  } else if (options->trim == JX_TRIM_KEEP && wanted > fraction) {
    jx_strbuf_append_char(out, '0', (size_t)(wanted - fraction));
    fraction = wanted;
  }
  /* NumPy keeps the point here even when trimming with '-'. */
  if (options->trim != JX_TRIM_KEEP && fraction > 0)
    fraction = trim_trailing_zeros(out, fraction, options->trim, false);

  int32_t exp_digits = options->exp_digits;
  if (exp_digits > 5)
    exp_digits = 5;
  if (exp_digits < 0)
    exp_digits = 2;
  char sign = exponent < 0 ? '-' : '+';
  int32_t magnitude = exponent < 0 ? -exponent : exponent;
  char text[16];
  int32_t length = 0;
  do {
    text[length++] = (char)('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude);
  while (length < exp_digits)
    text[length++] = '0';
  jx_strbuf_append_char(out, 'e', 1);
  jx_strbuf_append_char(out, sign, 1);
  while (length > 0)
    jx_strbuf_append_char(out, text[--length], 1);
}

void jx_float_format(jx_strbuf_t *out, const jx_float_parts_t *value,
                     const jx_float_format_t *options) {
  if (value->kind == JX_FLOAT_NAN) {
    jx_strbuf_append_cstr(out, "nan");
  } else if (value->kind == JX_FLOAT_INF) {
    jx_strbuf_append_cstr(out, value->negative ? "-inf" : "inf");
  } else if (options->scientific) {
    format_scientific(out, value, options);
  } else {
    format_positional(out, value, options);
  }
}

/*===----------------------------------------------------------------------===*
 * Decomposition
 *===----------------------------------------------------------------------===*/

static uint32_t log2_u64(uint64_t value) {
  return 63u - (uint32_t)__builtin_clzll(value);
}

static void decompose_bits(uint64_t bits, uint32_t mantissa_bits,
                           uint32_t exponent_bits, int32_t bias,
                           jx_float_parts_t *out) {
  uint64_t mantissa = bits & ((UINT64_C(1) << mantissa_bits) - 1);
  uint32_t exponent =
      (uint32_t)(bits >> mantissa_bits) & ((1u << exponent_bits) - 1);
  memset(out, 0, sizeof *out);
  out->negative = (bits >> (mantissa_bits + exponent_bits)) & 1;
  if (exponent == (1u << exponent_bits) - 1) {
    out->kind = mantissa ? JX_FLOAT_NAN : JX_FLOAT_INF;
    return;
  }
  out->kind = JX_FLOAT_FINITE;
  if (exponent != 0) {
    out->mantissa = mantissa | (UINT64_C(1) << mantissa_bits);
    out->exponent = (int32_t)exponent - bias - (int32_t)mantissa_bits;
    out->mantissa_bit = mantissa_bits;
    out->unequal_margins = exponent != 1 && mantissa == 0;
  } else {
    out->mantissa = mantissa;
    out->exponent = 1 - bias - (int32_t)mantissa_bits;
    out->mantissa_bit = mantissa ? log2_u64(mantissa) : 0;
    out->unequal_margins = false;
  }
}

void jx_float_decompose(jx_dtype_t dtype, const void *element,
                        jx_float_parts_t *out_parts) {
  switch (dtype) {
  case JX_DTYPE_F64: {
    uint64_t bits;
    memcpy(&bits, element, 8);
    decompose_bits(bits, 52, 11, 1023, out_parts);
    return;
  }
  case JX_DTYPE_F32: {
    uint32_t bits;
    memcpy(&bits, element, 4);
    decompose_bits(bits, 23, 8, 127, out_parts);
    return;
  }
  case JX_DTYPE_F16: {
    uint16_t bits;
    memcpy(&bits, element, 2);
    decompose_bits(bits, 10, 5, 15, out_parts);
    return;
  }
  case JX_DTYPE_BF16: {
    uint16_t bits;
    memcpy(&bits, element, 2);
    decompose_bits(bits, 7, 8, 127, out_parts);
    return;
  }
  default:
    memset(out_parts, 0, sizeof *out_parts);
    return;
  }
}

double jx_float_to_double(jx_dtype_t dtype, const void *element) {
  switch (dtype) {
  case JX_DTYPE_F64: {
    double value;
    memcpy(&value, element, 8);
    return value;
  }
  case JX_DTYPE_F32: {
    float value;
    memcpy(&value, element, 4);
    return value;
  }
  case JX_DTYPE_F16: {
    uint16_t bits;
    memcpy(&bits, element, 2);
    return jx_f16_to_f32(bits);
  }
  case JX_DTYPE_BF16: {
    uint16_t bits;
    memcpy(&bits, element, 2);
    return jx_bf16_to_f32(bits);
  }
  default:
    return 0.0;
  }
}
