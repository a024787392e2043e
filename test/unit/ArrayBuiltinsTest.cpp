//===- ArrayBuiltinsTest.cpp - Operators, broadcasting, indexing ---------===//

#include "BuiltinsTestUtil.h"

using namespace jx;
using namespace jx::test;

namespace {

class OperatorsTest : public BuiltinsTest {
protected:
  std::string bin(BinaryOp op, const Type *l, const Type *r) {
    return str(builtins.checkBinary(op, at(3, 7), l, r));
  }
  std::string un(UnaryOp op, const Type *t) {
    return str(builtins.checkUnary(op, at(3, 7), t));
  }
};

TEST_F(OperatorsTest, BroadcastingWithSizeVariables) {
  EXPECT_EQ(bin(BinaryOp::Add, f32({d(n), d(3)}), f32({d(3)})), "f32[n, 3]");
  EXPECT_EQ(bin(BinaryOp::Add, f32({d(n), d(1)}), f32({d(1), d(m)})),
            "f32[n, m]");
  EXPECT_EQ(bin(BinaryOp::Add, f32({d(n)}), f32({d(n)})), "f32[n]");
  EXPECT_EQ(bin(BinaryOp::Add, f32({d(1)}), f32({d(n)})), "f32[n]");
  EXPECT_EQ(bin(BinaryOp::Add, f32({}), f32({d(2), d(n)})), "f32[2, n]");
  EXPECT_EQ(output, "");
}

TEST_F(OperatorsTest, BroadcastingErrorNamesBothTypes) {
  EXPECT_EQ(bin(BinaryOp::Add, f32({d(n), d(3)}), f32({d(4)})), "error");
  EXPECT_TRUE(hasError("t.jx:3:7: error: incompatible shapes for "
                       "broadcasting: f32[n, 3] and f32[4]"))
      << output;
  output.clear();
  // Different size variables are not provably equal.
  EXPECT_EQ(bin(BinaryOp::Mul, f32({d(n)}), f32({d(m)})), "error");
  EXPECT_TRUE(hasError("f32[n] and f32[m]")) << output;
}

TEST_F(OperatorsTest, BroadcastShapesEntryPoint) {
  auto s = builtins.broadcastShapes(at(1, 1), f32({d(3), d(1)}), i32({d(4)}));
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(shapeToString(*s), "[3, 4]");
}

TEST_F(OperatorsTest, WeakLiteralsKeepTheArrayDType) {
  const Type *x16 = arr(DType::F16, {d(n)});
  EXPECT_EQ(bin(BinaryOp::Mul, x16, weakInt()), "f16[n]");
  EXPECT_EQ(bin(BinaryOp::Mul, x16, weakFloat()), "f16[n]");
  EXPECT_EQ(bin(BinaryOp::Mul, i32({d(3)}), weakInt()), "i32[3]");
  // 2.0 * i is f32.
  EXPECT_EQ(bin(BinaryOp::Mul, weakFloat(), i32({d(3)})), "f32[3]");
  auto *r = llvm::cast<ArrayType>(
      builtins.checkBinary(BinaryOp::Mul, at(1, 1), weakFloat(), i32()));
  EXPECT_TRUE(r->isWeak());
  auto *lit = llvm::cast<ArrayType>(
      builtins.checkBinary(BinaryOp::Add, at(1, 1), weakInt(), weakFloat()));
  EXPECT_TRUE(lit->isWeak());
  EXPECT_EQ(str(lit), "f32");
}

TEST_F(OperatorsTest, MixedStrongDTypes) {
  EXPECT_EQ(bin(BinaryOp::Add, i32({d(2)}), arr(DType::U32, {d(2)})), "i64[2]");
  EXPECT_EQ(bin(BinaryOp::Add, arr(DType::I64), arr(DType::U32)), "i64");
  EXPECT_EQ(bin(BinaryOp::Add, arr(DType::F16), arr(DType::BF16)), "f32");
  EXPECT_EQ(bin(BinaryOp::Add, arr(DType::Bool), i32()), "i32");
  EXPECT_EQ(bin(BinaryOp::Add, i32(), f32()), "f32");
}

TEST_F(OperatorsTest, DivisionAndFriends) {
  EXPECT_EQ(bin(BinaryOp::Div, i32({d(3)}), i32({d(3)})), "f32[3]");
  EXPECT_EQ(bin(BinaryOp::Div, i32(), weakInt()), "f32");
  EXPECT_EQ(bin(BinaryOp::Div, arr(DType::I64), arr(DType::I64)), "f64");
  EXPECT_EQ(bin(BinaryOp::FloorDiv, i32(), weakInt()), "i32");
  EXPECT_EQ(bin(BinaryOp::Mod, arr(DType::U32), weakInt()), "u32");
  EXPECT_EQ(bin(BinaryOp::FloorDiv, f32(), weakInt()), "f32");
  EXPECT_EQ(bin(BinaryOp::Pow, i32(), weakInt()), "i32");
  EXPECT_EQ(bin(BinaryOp::Pow, i32(), weakFloat()), "f32");
  EXPECT_EQ(bin(BinaryOp::Pow, arr(DType::Bool), arr(DType::Bool)), "i32");
  EXPECT_EQ(bin(BinaryOp::Add, arr(DType::Bool), arr(DType::Bool)), "bool");
  EXPECT_EQ(bin(BinaryOp::Sub, arr(DType::Bool), arr(DType::Bool)), "error");
  EXPECT_TRUE(hasError("operator '-' requires numeric operands")) << output;
}

TEST_F(OperatorsTest, ComparisonsAndLogic) {
  EXPECT_EQ(bin(BinaryOp::Lt, f32({d(n)}), weakFloat()), "bool[n]");
  EXPECT_EQ(bin(BinaryOp::Eq, i32({d(2)}), f32({d(2)})), "bool[2]");
  const Type *b = arr(DType::Bool, {d(n)});
  EXPECT_EQ(bin(BinaryOp::And, b, arr(DType::Bool)), "bool[n]");
  EXPECT_EQ(un(UnaryOp::Not, b), "bool[n]");
  EXPECT_EQ(bin(BinaryOp::Or, b, i32()), "error");
  EXPECT_TRUE(hasError("operator 'or' requires bool operands, got bool[n] "
                       "and i32"))
      << output;
  output.clear();
  EXPECT_EQ(un(UnaryOp::Not, f32()), "error");
  EXPECT_TRUE(hasError("operator 'not' requires a bool operand, got f32"));
}

TEST_F(OperatorsTest, BitwiseOperators) {
  EXPECT_EQ(bin(BinaryOp::BitAnd, i32({d(3)}), weakInt()), "i32[3]");
  EXPECT_EQ(bin(BinaryOp::BitXor, arr(DType::Bool), arr(DType::Bool)), "bool");
  EXPECT_EQ(bin(BinaryOp::Shl, arr(DType::U32), weakInt()), "u32");
  EXPECT_EQ(un(UnaryOp::BitNot, arr(DType::Bool)), "bool");
  EXPECT_EQ(un(UnaryOp::BitNot, i32()), "i32");
  EXPECT_EQ(bin(BinaryOp::BitOr, f32(), i32()), "error");
  EXPECT_TRUE(hasError("operator '|' requires integer or bool operands"))
      << output;
  EXPECT_EQ(un(UnaryOp::BitNot, f32()), "error");
  EXPECT_EQ(un(UnaryOp::Neg, arr(DType::Bool)), "error");
  EXPECT_EQ(un(UnaryOp::Neg, arr(DType::U32, {d(2)})), "u32[2]");
}

TEST_F(OperatorsTest, MatmulShapes) {
  EXPECT_EQ(bin(BinaryOp::MatMul, f32({d(n)}), f32({d(n)})), "f32");
  EXPECT_EQ(bin(BinaryOp::MatMul, f32({d(n), d(3)}), f32({d(3), d(m)})),
            "f32[n, m]");
  EXPECT_EQ(bin(BinaryOp::MatMul, f32({d(3)}), f32({d(3), d(m)})), "f32[m]");
  EXPECT_EQ(bin(BinaryOp::MatMul, f32({d(2), d(3)}), f32({d(3)})), "f32[2]");
  EXPECT_EQ(bin(BinaryOp::MatMul, f32({d(7), d(1), d(2), d(3)}),
                f32({d(5), d(3), d(4)})),
            "f32[7, 5, 2, 4]");
  EXPECT_EQ(bin(BinaryOp::MatMul, f32({d(3)}), f32({d(n), d(3), d(4)})),
            "f32[n, 4]");
  EXPECT_EQ(bin(BinaryOp::MatMul, i32({d(2), d(2)}), f32({d(2), d(2)})),
            "f32[2, 2]");
  EXPECT_EQ(output, "");
}

TEST_F(OperatorsTest, MatmulErrors) {
  EXPECT_EQ(bin(BinaryOp::MatMul, f32({d(n), d(3)}), f32({d(4), d(5)})),
            "error");
  EXPECT_TRUE(hasError("t.jx:3:7: error: contracting dimensions of '@' do "
                       "not match: f32[n, 3] has 3 and f32[4, 5] has 4"))
      << output;
  output.clear();
  EXPECT_EQ(
      bin(BinaryOp::MatMul, f32({d(2), d(3), d(4)}), f32({d(5), d(4), d(6)})),
      "error");
  EXPECT_TRUE(hasError("incompatible batch dimensions for '@'")) << output;
  output.clear();
  EXPECT_EQ(bin(BinaryOp::MatMul, f32(), f32({d(3)})), "error");
  EXPECT_TRUE(hasError("must have at least 1 dimension")) << output;
}

TEST_F(OperatorsTest, NonArrayOperands) {
  const Type *t = types.getTuple({f32(), f32()});
  EXPECT_EQ(bin(BinaryOp::Add, t, f32()), "error");
  EXPECT_TRUE(hasError("unsupported operand types for '+': (f32, f32) and "
                       "f32"))
      << output;
}

//===----------------------------------------------------------------------===//
// Attributes, literals, sizes
//===----------------------------------------------------------------------===//

TEST_F(BuiltinsTest, Attributes) {
  const ArrayType *x = f32({d(n), d(3), d(4)});
  EXPECT_EQ(str(builtins.checkAttribute(at(1, 1), x, "T")), "f32[4, 3, n]");
  EXPECT_EQ(str(builtins.checkAttribute(at(1, 1), x, "mT")), "f32[n, 4, 3]");
  EXPECT_EQ(str(builtins.checkAttribute(at(1, 1), x, "shape")),
            "(i64, i64, i64)");
  EXPECT_EQ(str(builtins.checkAttribute(at(1, 1), x, "ndim")), "i64");
  EXPECT_EQ(str(builtins.checkAttribute(at(1, 1), x, "size")), "i64");
  EXPECT_EQ(str(builtins.checkAttribute(at(1, 1), x, "dtype")), "dtype<f32>");
  EXPECT_EQ(builtins.checkAttribute(at(1, 1), x, "nope"), nullptr);
  EXPECT_EQ(output, "");
  EXPECT_EQ(builtins.checkAttribute(at(2, 3), f32({d(3)}), "mT"), nullptr);
  EXPECT_TRUE(hasError("t.jx:2:3: error: 'mT' requires an array of at least "
                       "2 dimensions, got f32[3]"))
      << output;

  EXPECT_EQ(ArrayBuiltins::shapeValue(x).str(), "(n, 3, 4)");
  EXPECT_EQ(builtins.attributeValue(x, "ndim")->str(), "3");
  EXPECT_EQ(builtins.attributeValue(x, "size")->str(), "12*n");
  EXPECT_EQ(builtins.attributeValue(f32({d(2), d(3)}), "size")->str(), "6");
}

TEST_F(BuiltinsTest, ArrayLiterals) {
  EXPECT_EQ(str(builtins.checkArrayLiteral(at(1, 1),
                                           {a(weakFloat()), a(weakFloat())})),
            "f32[2]");
  EXPECT_EQ(
      str(builtins.checkArrayLiteral(at(1, 1), {a(weakInt()), a(weakFloat())})),
      "f32[2]");
  EXPECT_EQ(str(builtins.checkArrayLiteral(
                at(1, 1), {a(i32({d(2)})), a(i32({d(2)})), a(i32({d(2)}))})),
            "i32[3, 2]");
  EXPECT_EQ(str(builtins.checkArrayLiteral(at(1, 1), {})), "f32[0]");
  auto *lit = llvm::cast<ArrayType>(
      builtins.checkArrayLiteral(at(1, 1), {a(weakInt()), a(weakInt())}));
  EXPECT_FALSE(lit->isWeak());
  EXPECT_EQ(
      builtins.checkArrayLiteral(at(1, 1), {a(i32({d(2)})), a(i32({d(3)}))}),
      nullptr);
  EXPECT_TRUE(hasError("array literal elements must have the same shape"));
}

TEST_F(BuiltinsTest, SizeArithmeticIsCanonical) {
  Dim np1 = *builtins.sizeArithmetic(BinaryOp::Add, {}, d(n), d(1));
  Dim np1b = *builtins.sizeArithmetic(BinaryOp::Add, {}, d(1), d(n));
  EXPECT_EQ(np1, np1b);
  EXPECT_EQ(np1.str(), "n+1");
  Dim back = *builtins.sizeArithmetic(BinaryOp::Sub, {}, np1, d(1));
  EXPECT_EQ(back, d(n));
  EXPECT_EQ(builtins.sizeArithmetic(BinaryOp::Mul, {}, d(2), d(n))->str(),
            "2*n");
  EXPECT_EQ(*builtins.sizeArithmetic(BinaryOp::Mul, {}, d(3), d(4)), d(12));
  EXPECT_FALSE(builtins.sizeArithmetic(BinaryOp::Sub, {}, d(3), d(4)));
}

} // namespace
