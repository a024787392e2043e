//===- TypePromotionTest.cpp - JAX's dtype promotion table ---------------===//
//
// The expected values are jax.numpy.promote_types for the jx dtypes (with
// 64-bit types enabled), and JAX's weak-type rules for literals: `i*` is a
// Python int, `f*` a Python float.
//
//===----------------------------------------------------------------------===//

#include "jx/Frontend/ArrayBuiltins.h"

#include <gtest/gtest.h>

using namespace jx;

namespace {

constexpr DType kAll[] = {DType::Bool, DType::I32,  DType::I64, DType::U32,
                          DType::F16,  DType::BF16, DType::F32, DType::F64};

std::string name(DType d) { return dtypeName(d).str(); }

TEST(TypePromotion, StrongTableMatchesJax) {
  // Rows and columns in kAll's order.
  const char *table[8][8] = {
      // bool    i32    i64    u32    f16    bf16   f32    f64
      {"bool", "i32", "i64", "u32", "f16", "bf16", "f32", "f64"},    // bool
      {"i32", "i32", "i64", "i64", "f16", "bf16", "f32", "f64"},     // i32
      {"i64", "i64", "i64", "i64", "f16", "bf16", "f32", "f64"},     // i64
      {"u32", "i64", "i64", "u32", "f16", "bf16", "f32", "f64"},     // u32
      {"f16", "f16", "f16", "f16", "f16", "f32", "f32", "f64"},      // f16
      {"bf16", "bf16", "bf16", "bf16", "f32", "bf16", "f32", "f64"}, // bf16
      {"f32", "f32", "f32", "f32", "f32", "f32", "f32", "f64"},      // f32
      {"f64", "f64", "f64", "f64", "f64", "f64", "f64", "f64"},      // f64
  };
  for (int i = 0; i < 8; ++i)
    for (int j = 0; j < 8; ++j) {
      Promotion p = promoteDTypes(kAll[i], false, kAll[j], false);
      EXPECT_EQ(name(p.dtype), table[i][j])
          << name(kAll[i]) << " with " << name(kAll[j]);
      EXPECT_FALSE(p.weak);
    }
}

TEST(TypePromotion, IsSymmetric) {
  for (DType a : kAll)
    for (DType b : kAll)
      for (bool wa : {false, true})
        for (bool wb : {false, true}) {
          Promotion p = promoteDTypes(a, wa, b, wb);
          Promotion q = promoteDTypes(b, wb, a, wa);
          EXPECT_EQ(p.dtype, q.dtype);
          EXPECT_EQ(p.weak, q.weak);
        }
}

TEST(TypePromotion, WeakIntNeverWidens) {
  // `x * 2` keeps x's dtype.
  for (DType d : kAll) {
    if (d == DType::Bool)
      continue;
    Promotion p = promoteDTypes(d, false, DType::I32, true);
    EXPECT_EQ(p.dtype, d) << name(d);
    EXPECT_FALSE(p.weak) << name(d);
  }
  // bool with a weak int gives a weak int.
  Promotion p = promoteDTypes(DType::Bool, false, DType::I32, true);
  EXPECT_EQ(p.dtype, DType::I32);
  EXPECT_TRUE(p.weak);
}

TEST(TypePromotion, WeakFloatWithIntegersIsWeakF32) {
  // `2.0 * i` with an integer `i` is a (weak) f32.
  for (DType d : {DType::Bool, DType::I32, DType::I64, DType::U32}) {
    Promotion p = promoteDTypes(DType::F32, true, d, false);
    EXPECT_EQ(p.dtype, DType::F32) << name(d);
    EXPECT_TRUE(p.weak) << name(d);
  }
  // ... and never widens a float.
  for (DType d : {DType::F16, DType::BF16, DType::F32, DType::F64}) {
    Promotion p = promoteDTypes(DType::F32, true, d, false);
    EXPECT_EQ(p.dtype, d) << name(d);
    EXPECT_FALSE(p.weak) << name(d);
  }
}

TEST(TypePromotion, WeakWithWeak) {
  Promotion ii = promoteDTypes(DType::I32, true, DType::I32, true);
  EXPECT_EQ(ii.dtype, DType::I32);
  EXPECT_TRUE(ii.weak);
  Promotion iF = promoteDTypes(DType::I32, true, DType::F32, true);
  EXPECT_EQ(iF.dtype, DType::F32);
  EXPECT_TRUE(iF.weak);
  Promotion ff = promoteDTypes(DType::F32, true, DType::F32, true);
  EXPECT_EQ(ff.dtype, DType::F32);
  EXPECT_TRUE(ff.weak);
  // A weak i64 (`x.shape[0]`) with a weak float literal.
  Promotion sf = promoteDTypes(DType::I64, true, DType::F32, true);
  EXPECT_EQ(sf.dtype, DType::F32);
  EXPECT_TRUE(sf.weak);
}

TEST(TypePromotion, SameDTypeStrongWins) {
  Promotion p = promoteDTypes(DType::F32, true, DType::F32, false);
  EXPECT_EQ(p.dtype, DType::F32);
  EXPECT_FALSE(p.weak);
}

TEST(TypePromotion, BoolIsNeverWeak) {
  Promotion p = promoteDTypes(DType::Bool, true, DType::Bool, true);
  EXPECT_EQ(p.dtype, DType::Bool);
  EXPECT_FALSE(p.weak);
}

} // namespace
