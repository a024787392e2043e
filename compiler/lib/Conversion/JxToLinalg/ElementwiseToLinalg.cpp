//===- ElementwiseToLinalg.cpp - jx elementwise ops to linalg -------------===//
//
// constant, iota, the unary and binary elementwise ops, compare, select,
// convert and stop_gradient. Every elementwise op becomes an all-parallel
// linalg.generic over a tensor.empty whose body holds the scalar arith/math
// form of the op; the scalar forms follow the op descriptions (lax
// semantics): total integer division, out-of-range shifts, ordered float
// comparisons, unsigned arithmetic for `ui32`.
//
//===----------------------------------------------------------------------===//

#include "jx/Conversion/JxToLinalg/JxToLinalg.h"

#include "ConversionUtils.h"
#include "jx/Dialect/Jx/IR/JxOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/APInt.h"

#include <type_traits>

using namespace mlir;
using namespace mlir::jx;

namespace {

//===----------------------------------------------------------------------===//
// Scalar helpers
//===----------------------------------------------------------------------===//

bool isFloat(Value value) { return isa<FloatType>(value.getType()); }

/// A scalar constant of the type of `like`.
Value constantLike(OpBuilder &b, Location loc, Value like, double value) {
  return createScalarConstant(b, loc, like.getType(), value);
}

/// An integer constant of the type of `like` from an APInt of its width.
Value intConstantLike(OpBuilder &b, Location loc, Value like,
                      const llvm::APInt &value) {
  return arith::ConstantOp::create(b, loc,
                                   b.getIntegerAttr(like.getType(), value));
}

unsigned bitWidth(Value value) {
  return value.getType().getIntOrFloatBitWidth();
}

Value cmpi(OpBuilder &b, Location loc, arith::CmpIPredicate predicate,
           Value lhs, Value rhs) {
  return arith::CmpIOp::create(b, loc, predicate, lhs, rhs);
}

Value cmpf(OpBuilder &b, Location loc, arith::CmpFPredicate predicate,
           Value lhs, Value rhs) {
  return arith::CmpFOp::create(b, loc, predicate, lhs, rhs);
}

Value select(OpBuilder &b, Location loc, Value pred, Value onTrue,
             Value onFalse) {
  return arith::SelectOp::create(b, loc, pred, onTrue, onFalse);
}

/// A divisor that never traps, and whether the real one was zero. Integer
/// division is total as in XLA: `x / 0` is -1 (all ones), `x % 0` is `x`,
/// and `INT_MIN / -1` wraps to `INT_MIN` (with remainder 0); dividing by 1
/// in those cases gives exactly that, the zero case is fixed by the caller.
struct SafeDivisor {
  Value divisor;
  Value isZero;
};

SafeDivisor createSafeDivisor(OpBuilder &b, Location loc, Value lhs, Value rhs,
                              bool isUnsigned) {
  Value zero = constantLike(b, loc, rhs, 0);
  Value one = constantLike(b, loc, rhs, 1);
  Value isZero = cmpi(b, loc, arith::CmpIPredicate::eq, rhs, zero);
  Value replace = isZero;
  if (!isUnsigned) {
    Value intMin = intConstantLike(
        b, loc, lhs, llvm::APInt::getSignedMinValue(bitWidth(lhs)));
    Value minusOne = constantLike(b, loc, rhs, -1);
    Value overflow = arith::AndIOp::create(
        b, loc, cmpi(b, loc, arith::CmpIPredicate::eq, lhs, intMin),
        cmpi(b, loc, arith::CmpIPredicate::eq, rhs, minusOne));
    replace = arith::OrIOp::create(b, loc, isZero, overflow);
  }
  return {select(b, loc, replace, one, rhs), isZero};
}

/// Truncating integer division, total as described at `SafeDivisor`.
Value createIntDiv(OpBuilder &b, Location loc, Value lhs, Value rhs,
                   bool isUnsigned) {
  SafeDivisor safe = createSafeDivisor(b, loc, lhs, rhs, isUnsigned);
  Value quotient =
      isUnsigned
          ? arith::DivUIOp::create(b, loc, lhs, safe.divisor).getResult()
          : arith::DivSIOp::create(b, loc, lhs, safe.divisor).getResult();
  return select(b, loc, safe.isZero, constantLike(b, loc, lhs, -1), quotient);
}

/// Integer remainder with the dividend's sign, total as described at
/// `SafeDivisor`.
Value createIntRem(OpBuilder &b, Location loc, Value lhs, Value rhs,
                   bool isUnsigned) {
  SafeDivisor safe = createSafeDivisor(b, loc, lhs, rhs, isUnsigned);
  Value remainder =
      isUnsigned
          ? arith::RemUIOp::create(b, loc, lhs, safe.divisor).getResult()
          : arith::RemSIOp::create(b, loc, lhs, safe.divisor).getResult();
  return select(b, loc, safe.isZero, lhs, remainder);
}

/// Converts one element from jx element type `from` to jx element type `to`
/// (`value` and the result are signless), as NumPy's `astype`.
Value convertScalar(OpBuilder &b, Location loc, Value value, Type from,
                    Type to) {
  Type target = getSignlessElementType(to);
  Type source = value.getType();
  if (source == target)
    return value;
  bool fromFloat = isa<FloatType>(source);
  bool toFloat = isa<FloatType>(target);
  // To bool: `!= 0`; NaN is true, as `bool(nan)`.
  if (target.isInteger(1)) {
    Value zero = constantLike(b, loc, value, 0);
    return fromFloat ? cmpf(b, loc, arith::CmpFPredicate::UNE, value, zero)
                     : cmpi(b, loc, arith::CmpIPredicate::ne, value, zero);
  }
  if (!fromFloat && !toFloat) {
    unsigned fromWidth = source.getIntOrFloatBitWidth();
    unsigned toWidth = target.getIntOrFloatBitWidth();
    if (fromWidth > toWidth)
      return arith::TruncIOp::create(b, loc, target, value);
    if (isUnsignedJxType(from))
      return arith::ExtUIOp::create(b, loc, target, value);
    return arith::ExtSIOp::create(b, loc, target, value);
  }
  if (!fromFloat) {
    if (isUnsignedJxType(from))
      return arith::UIToFPOp::create(b, loc, target, value);
    return arith::SIToFPOp::create(b, loc, target, value);
  }
  if (!toFloat) {
    if (to.isUnsignedInteger())
      return arith::FPToUIOp::create(b, loc, target, value);
    return arith::FPToSIOp::create(b, loc, target, value);
  }
  unsigned fromWidth = source.getIntOrFloatBitWidth();
  unsigned toWidth = target.getIntOrFloatBitWidth();
  if (fromWidth < toWidth)
    return arith::ExtFOp::create(b, loc, target, value);
  if (fromWidth > toWidth)
    return arith::TruncFOp::create(b, loc, target, value);
  // f16 <-> bf16: exactly through f32.
  Value wide = arith::ExtFOp::create(b, loc, b.getF32Type(), value);
  return arith::TruncFOp::create(b, loc, target, wide);
}

arith::CmpFPredicate getFloatPredicate(ComparisonDirection direction) {
  switch (direction) {
  case ComparisonDirection::EQ:
    return arith::CmpFPredicate::OEQ;
  case ComparisonDirection::NE:
    return arith::CmpFPredicate::UNE;
  case ComparisonDirection::LT:
    return arith::CmpFPredicate::OLT;
  case ComparisonDirection::LE:
    return arith::CmpFPredicate::OLE;
  case ComparisonDirection::GT:
    return arith::CmpFPredicate::OGT;
  case ComparisonDirection::GE:
    return arith::CmpFPredicate::OGE;
  }
  llvm_unreachable("unknown comparison direction");
}

arith::CmpIPredicate getIntPredicate(ComparisonDirection direction,
                                     bool isUnsigned) {
  switch (direction) {
  case ComparisonDirection::EQ:
    return arith::CmpIPredicate::eq;
  case ComparisonDirection::NE:
    return arith::CmpIPredicate::ne;
  case ComparisonDirection::LT:
    return isUnsigned ? arith::CmpIPredicate::ult : arith::CmpIPredicate::slt;
  case ComparisonDirection::LE:
    return isUnsigned ? arith::CmpIPredicate::ule : arith::CmpIPredicate::sle;
  case ComparisonDirection::GT:
    return isUnsigned ? arith::CmpIPredicate::ugt : arith::CmpIPredicate::sgt;
  case ComparisonDirection::GE:
    return isUnsigned ? arith::CmpIPredicate::uge : arith::CmpIPredicate::sge;
  }
  llvm_unreachable("unknown comparison direction");
}

//===----------------------------------------------------------------------===//
// Scalar forms of the ops that need more than one arith/math op. Each takes
// the op (for its jx types and attributes) and the signless scalar operands.
//===----------------------------------------------------------------------===//

Value lowerScalar(NegOp, OpBuilder &b, Location loc, ValueRange args) {
  Value x = args[0];
  if (isFloat(x))
    return arith::NegFOp::create(b, loc, x);
  return arith::SubIOp::create(b, loc, constantLike(b, loc, x, 0), x);
}

Value lowerScalar(AbsOp op, OpBuilder &b, Location loc, ValueRange args) {
  Value x = args[0];
  if (isFloat(x))
    return math::AbsFOp::create(b, loc, x);
  if (isUnsignedJxType(op.getType()))
    return x;
  // max(x, -x) rather than math.absi, which convert-math-to-libm rejects;
  // abs(INT_MIN) wraps to INT_MIN either way.
  Value negated = arith::SubIOp::create(b, loc, constantLike(b, loc, x, 0), x);
  return arith::MaxSIOp::create(b, loc, x, negated);
}

/// -1, 0 or 1; a float zero or NaN is returned as is (so `sign(-0.0)` is
/// -0.0 and `sign(nan)` is NaN, as `lax.sign`).
Value lowerScalar(SignOp op, OpBuilder &b, Location loc, ValueRange args) {
  Value x = args[0];
  Value zero = constantLike(b, loc, x, 0);
  Value one = constantLike(b, loc, x, 1);
  if (isUnsignedJxType(op.getType()))
    return select(b, loc, cmpi(b, loc, arith::CmpIPredicate::ne, x, zero), one,
                  zero);
  Value minusOne = constantLike(b, loc, x, -1);
  if (isFloat(x)) {
    Value negative = select(
        b, loc, cmpf(b, loc, arith::CmpFPredicate::OLT, x, zero), minusOne, x);
    return select(b, loc, cmpf(b, loc, arith::CmpFPredicate::OGT, x, zero), one,
                  negative);
  }
  Value negative = select(
      b, loc, cmpi(b, loc, arith::CmpIPredicate::slt, x, zero), minusOne, zero);
  return select(b, loc, cmpi(b, loc, arith::CmpIPredicate::sgt, x, zero), one,
                negative);
}

Value lowerScalar(NotOp, OpBuilder &b, Location loc, ValueRange args) {
  Value x = args[0];
  return arith::XOrIOp::create(
      b, loc, x,
      intConstantLike(b, loc, x, llvm::APInt::getAllOnes(bitWidth(x))));
}

Value lowerScalar(LogicalNotOp, OpBuilder &b, Location loc, ValueRange args) {
  Value x = args[0];
  return arith::XOrIOp::create(b, loc, x, constantLike(b, loc, x, 1));
}

Value lowerScalar(ReciprocalOp, OpBuilder &b, Location loc, ValueRange args) {
  Value x = args[0];
  return arith::DivFOp::create(b, loc, constantLike(b, loc, x, 1), x);
}

Value lowerScalar(SquareOp, OpBuilder &b, Location loc, ValueRange args) {
  Value x = args[0];
  if (isFloat(x))
    return arith::MulFOp::create(b, loc, x, x);
  return arith::MulIOp::create(b, loc, x, x);
}

Value lowerScalar(IsNanOp, OpBuilder &b, Location loc, ValueRange args) {
  return cmpf(b, loc, arith::CmpFPredicate::UNO, args[0], args[0]);
}

/// `|x| != inf`, ordered, so false on NaN.
Value lowerScalar(IsFiniteOp, OpBuilder &b, Location loc, ValueRange args) {
  Value x = args[0];
  auto type = cast<FloatType>(x.getType());
  Value inf = arith::ConstantOp::create(
      b, loc,
      b.getFloatAttr(type, llvm::APFloat::getInf(type.getFloatSemantics())));
  Value abs = math::AbsFOp::create(b, loc, x);
  return cmpf(b, loc, arith::CmpFPredicate::ONE, abs, inf);
}

Value lowerScalar(AddOp, OpBuilder &b, Location loc, ValueRange args) {
  if (isFloat(args[0]))
    return arith::AddFOp::create(b, loc, args[0], args[1]);
  return arith::AddIOp::create(b, loc, args[0], args[1]);
}

Value lowerScalar(SubOp, OpBuilder &b, Location loc, ValueRange args) {
  if (isFloat(args[0]))
    return arith::SubFOp::create(b, loc, args[0], args[1]);
  return arith::SubIOp::create(b, loc, args[0], args[1]);
}

Value lowerScalar(MulOp, OpBuilder &b, Location loc, ValueRange args) {
  if (isFloat(args[0]))
    return arith::MulFOp::create(b, loc, args[0], args[1]);
  return arith::MulIOp::create(b, loc, args[0], args[1]);
}

Value lowerScalar(DivOp op, OpBuilder &b, Location loc, ValueRange args) {
  if (isFloat(args[0]))
    return arith::DivFOp::create(b, loc, args[0], args[1]);
  return createIntDiv(b, loc, args[0], args[1], isUnsignedJxType(op.getType()));
}

Value lowerScalar(RemOp op, OpBuilder &b, Location loc, ValueRange args) {
  if (isFloat(args[0]))
    return arith::RemFOp::create(b, loc, args[0], args[1]);
  return createIntRem(b, loc, args[0], args[1], isUnsignedJxType(op.getType()));
}

/// Python's `//`, as `jnp.floor_divide`. Floats: `round((a - fmod(a, b)) /
/// b)`, less one where the remainder is nonzero and its sign differs from
/// `b`'s. Signed integers: the truncating quotient, less one under the same
/// condition; `x // 0` is -1 like `x / 0`.
Value lowerScalar(FloorDivOp op, OpBuilder &b, Location loc, ValueRange args) {
  Value lhs = args[0], rhs = args[1];
  if (isFloat(lhs)) {
    Value zero = constantLike(b, loc, lhs, 0);
    Value mod = arith::RemFOp::create(b, loc, lhs, rhs);
    Value div = arith::DivFOp::create(
        b, loc, arith::SubFOp::create(b, loc, lhs, mod), rhs);
    Value signsDiffer = arith::XOrIOp::create(
        b, loc, cmpf(b, loc, arith::CmpFPredicate::OLT, rhs, zero),
        cmpf(b, loc, arith::CmpFPredicate::OLT, mod, zero));
    Value adjust = arith::AndIOp::create(
        b, loc, cmpf(b, loc, arith::CmpFPredicate::UNE, mod, zero),
        signsDiffer);
    Value minusOne =
        arith::SubFOp::create(b, loc, div, constantLike(b, loc, lhs, 1));
    return math::RoundOp::create(b, loc, select(b, loc, adjust, minusOne, div));
  }
  bool isUnsigned = isUnsignedJxType(op.getType());
  if (isUnsigned)
    return createIntDiv(b, loc, lhs, rhs, /*isUnsigned=*/true);
  SafeDivisor safe = createSafeDivisor(b, loc, lhs, rhs, /*isUnsigned=*/false);
  Value zero = constantLike(b, loc, lhs, 0);
  Value minusOne = constantLike(b, loc, lhs, -1);
  Value quotient = arith::DivSIOp::create(b, loc, lhs, safe.divisor);
  Value remainder = arith::RemSIOp::create(b, loc, lhs, safe.divisor);
  Value signsDiffer = arith::XOrIOp::create(
      b, loc, cmpi(b, loc, arith::CmpIPredicate::slt, lhs, zero),
      cmpi(b, loc, arith::CmpIPredicate::slt, rhs, zero));
  Value adjust = arith::AndIOp::create(
      b, loc, cmpi(b, loc, arith::CmpIPredicate::ne, remainder, zero),
      signsDiffer);
  Value floored =
      select(b, loc, adjust, arith::AddIOp::create(b, loc, quotient, minusOne),
             quotient);
  return select(b, loc, safe.isZero, minusOne, floored);
}

Value lowerScalar(PowOp, OpBuilder &b, Location loc, ValueRange args) {
  if (isFloat(args[0]))
    return math::PowFOp::create(b, loc, args[0], args[1]);
  return math::IPowIOp::create(b, loc, args[0], args[1]);
}

/// NaN-propagating on floats (`arith.maximumf`).
Value lowerScalar(MaxOp op, OpBuilder &b, Location loc, ValueRange args) {
  if (isFloat(args[0]))
    return arith::MaximumFOp::create(b, loc, args[0], args[1]);
  if (isUnsignedJxType(op.getType()))
    return arith::MaxUIOp::create(b, loc, args[0], args[1]);
  return arith::MaxSIOp::create(b, loc, args[0], args[1]);
}

/// NaN-propagating on floats (`arith.minimumf`).
Value lowerScalar(MinOp op, OpBuilder &b, Location loc, ValueRange args) {
  if (isFloat(args[0]))
    return arith::MinimumFOp::create(b, loc, args[0], args[1]);
  if (isUnsignedJxType(op.getType()))
    return arith::MinUIOp::create(b, loc, args[0], args[1]);
  return arith::MinSIOp::create(b, loc, args[0], args[1]);
}

/// A shift by the bit width or more (or by a negative amount, which is a
/// huge unsigned one) gives 0: LLVM's `shl` would give poison.
Value lowerScalar(ShlOp, OpBuilder &b, Location loc, ValueRange args) {
  Value lhs = args[0], rhs = args[1];
  Value width = constantLike(b, loc, rhs, bitWidth(rhs));
  Value inRange = cmpi(b, loc, arith::CmpIPredicate::ult, rhs, width);
  Value shifted = arith::ShLIOp::create(b, loc, lhs, rhs);
  return select(b, loc, inRange, shifted, constantLike(b, loc, lhs, 0));
}

/// Arithmetic on signed types (an out-of-range amount fills with the sign
/// bit), logical on `ui32` (an out-of-range amount gives 0).
Value lowerScalar(ShrOp op, OpBuilder &b, Location loc, ValueRange args) {
  Value lhs = args[0], rhs = args[1];
  Value width = constantLike(b, loc, rhs, bitWidth(rhs));
  Value inRange = cmpi(b, loc, arith::CmpIPredicate::ult, rhs, width);
  if (isUnsignedJxType(op.getType())) {
    Value shifted = arith::ShRUIOp::create(b, loc, lhs, rhs);
    return select(b, loc, inRange, shifted, constantLike(b, loc, lhs, 0));
  }
  Value amount = select(b, loc, inRange, rhs,
                        constantLike(b, loc, rhs, bitWidth(rhs) - 1));
  return arith::ShRSIOp::create(b, loc, lhs, amount);
}

/// Ordered float comparisons except `NE` (true on NaN); `ui32` and `i1`
/// compare unsigned.
Value lowerScalar(CompareOp op, OpBuilder &b, Location loc, ValueRange args) {
  ComparisonDirection direction = op.getComparisonDirection();
  if (isFloat(args[0]))
    return cmpf(b, loc, getFloatPredicate(direction), args[0], args[1]);
  return cmpi(
      b, loc,
      getIntPredicate(direction, isUnsignedJxType(op.getLhs().getType())),
      args[0], args[1]);
}

Value lowerScalar(SelectOp, OpBuilder &b, Location loc, ValueRange args) {
  return select(b, loc, args[0], args[1], args[2]);
}

Value lowerScalar(ConvertOp op, OpBuilder &b, Location loc, ValueRange args) {
  return convertScalar(b, loc, args[0],
                       getElementTypeOrSelf(op.getOperand().getType()),
                       getElementTypeOrSelf(op.getType()));
}

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

/// Replaces `op` by an elementwise linalg.generic over its (converted)
/// operands whose body `bodyBuilder` builds. The result takes its dynamic
/// sizes from operand number `shapeSource`.
LogicalResult rewriteAsGeneric(Operation *op, ValueRange operands,
                               unsigned shapeSource,
                               ConversionPatternRewriter &rewriter,
                               ScalarBodyBuilder bodyBuilder) {
  Value result = createElementwiseGeneric(
      rewriter, op->getLoc(), convertJxTensorType(op->getResult(0).getType()),
      operands, operands[shapeSource], bodyBuilder);
  rewriter.replaceOp(op, result);
  return success();
}

/// An elementwise op whose scalar form is a single `ScalarOpTy` (a float
/// math op, or a bitwise arith op) applied to the operands.
template <typename OpTy, typename ScalarOpTy>
struct SimpleElementwiseOpLowering : JxOpConversionPattern<OpTy> {
  using JxOpConversionPattern<OpTy>::JxOpConversionPattern;
  using OpAdaptor = typename OpTy::Adaptor;

  LogicalResult
  matchAndRewrite(OpTy op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    return rewriteAsGeneric(
        op, adaptor.getOperands(), 0, rewriter,
        [](OpBuilder &b, Location loc, ValueRange args) {
          return ScalarOpTy::create(b, loc, args)->getResult(0);
        });
  }
};

/// An elementwise op (unary, binary, predicate, compare, select) whose
/// scalar form is built by the `lowerScalar` overload for `OpTy`. The
/// result's dynamic sizes come from the first operand (for `select`, the
/// first value operand: the predicate may be rank 0).
template <typename OpTy>
struct ElementwiseOpLowering : JxOpConversionPattern<OpTy> {
  using JxOpConversionPattern<OpTy>::JxOpConversionPattern;
  using OpAdaptor = typename OpTy::Adaptor;

  LogicalResult
  matchAndRewrite(OpTy op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    unsigned shapeSource = std::is_same_v<OpTy, SelectOp> ? 1 : 0;
    return rewriteAsGeneric(op, adaptor.getOperands(), shapeSource, rewriter,
                            [&](OpBuilder &b, Location loc, ValueRange args) {
                              return lowerScalar(op, b, loc, args);
                            });
  }
};

/// `jx.convert` between types that lower to the same signless type (`i32`
/// and `ui32`, or a type to itself) is the operand; other conversions are
/// elementwise.
struct ConvertOpLowering : JxOpConversionPattern<ConvertOp> {
  using JxOpConversionPattern::JxOpConversionPattern;

  LogicalResult
  matchAndRewrite(ConvertOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value operand = adaptor.getOperand();
    if (operand.getType() == convertJxType(op.getType())) {
      rewriter.replaceOp(op, operand);
      return success();
    }
    return rewriteAsGeneric(op, operand, 0, rewriter,
                            [&](OpBuilder &b, Location loc, ValueRange args) {
                              return lowerScalar(op, b, loc, args);
                            });
  }
};

/// `jx.constant` becomes `arith.constant`; `ui32` data is reinterpreted as
/// `i32` bit for bit.
struct ConstantOpLowering : JxOpConversionPattern<ConstantOp> {
  using JxOpConversionPattern::JxOpConversionPattern;

  LogicalResult
  matchAndRewrite(ConstantOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto value = cast<TypedAttr>(op.getValue());
    auto resultType = convertJxTensorType(op.getType());
    if (value.getType() != resultType) {
      auto dense = dyn_cast<DenseElementsAttr>(op.getValue());
      if (!dense)
        return rewriter.notifyMatchFailure(
            op, "only dense 'ui32' constants can be converted");
      value = dense.bitcast(resultType.getElementType());
    }
    rewriter.replaceOp(op, arith::ConstantOp::create(rewriter, op.getLoc(),
                                                     resultType, value));
    return success();
  }
};

/// `jx.iota` becomes a linalg.generic writing `linalg.index` of the iota
/// dimension, cast to the element type.
struct IotaOpLowering : JxOpConversionPattern<IotaOp> {
  using JxOpConversionPattern::JxOpConversionPattern;

  LogicalResult
  matchAndRewrite(IotaOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = convertJxTensorType(op.getType());
    bool isUnsigned = isUnsignedJxType(op.getType());
    int64_t rank = resultType.getRank();
    int64_t dim = op.getIotaDimension();
    Value init =
        createEmptyTensor(rewriter, loc, resultType, adaptor.getDynamicDims());
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{resultType}, ValueRange{}, ValueRange{init},
        {rewriter.getMultiDimIdentityMap(rank)}, iterators,
        [&](OpBuilder &b, Location nestedLoc, ValueRange args) {
          Type elementType = resultType.getElementType();
          Value index = linalg::IndexOp::create(b, nestedLoc, dim);
          Type intType =
              isa<FloatType>(elementType) ? b.getI64Type() : elementType;
          Value value =
              isUnsigned
                  ? arith::IndexCastUIOp::create(b, nestedLoc, intType, index)
                        .getResult()
                  : arith::IndexCastOp::create(b, nestedLoc, intType, index)
                        .getResult();
          if (isa<FloatType>(elementType))
            value = arith::SIToFPOp::create(b, nestedLoc, elementType, value);
          linalg::YieldOp::create(b, nestedLoc, value);
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

/// `jx.stop_gradient` only matters to differentiation, which has run: it is
/// its operand.
struct StopGradientOpLowering : JxOpConversionPattern<StopGradientOp> {
  using JxOpConversionPattern::JxOpConversionPattern;

  LogicalResult
  matchAndRewrite(StopGradientOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, adaptor.getOperand());
    return success();
  }
};

} // namespace

void mlir::jx::populateJxElementwiseToLinalgPatterns(
    RewritePatternSet &patterns) {
  MLIRContext *context = patterns.getContext();
  patterns.add<ConstantOpLowering, IotaOpLowering, ConvertOpLowering,
               StopGradientOpLowering>(context);
  patterns.add<SimpleElementwiseOpLowering<ExpOp, math::ExpOp>,
               SimpleElementwiseOpLowering<Exp2Op, math::Exp2Op>,
               SimpleElementwiseOpLowering<LogOp, math::LogOp>,
               SimpleElementwiseOpLowering<Log1pOp, math::Log1pOp>,
               SimpleElementwiseOpLowering<Log2Op, math::Log2Op>,
               SimpleElementwiseOpLowering<Expm1Op, math::ExpM1Op>,
               SimpleElementwiseOpLowering<SqrtOp, math::SqrtOp>,
               SimpleElementwiseOpLowering<RsqrtOp, math::RsqrtOp>,
               SimpleElementwiseOpLowering<SinOp, math::SinOp>,
               SimpleElementwiseOpLowering<CosOp, math::CosOp>,
               SimpleElementwiseOpLowering<TanOp, math::TanOp>,
               SimpleElementwiseOpLowering<AsinOp, math::AsinOp>,
               SimpleElementwiseOpLowering<AcosOp, math::AcosOp>,
               SimpleElementwiseOpLowering<AtanOp, math::AtanOp>,
               SimpleElementwiseOpLowering<SinhOp, math::SinhOp>,
               SimpleElementwiseOpLowering<CoshOp, math::CoshOp>,
               SimpleElementwiseOpLowering<TanhOp, math::TanhOp>,
               SimpleElementwiseOpLowering<FloorOp, math::FloorOp>,
               SimpleElementwiseOpLowering<CeilOp, math::CeilOp>,
               SimpleElementwiseOpLowering<RoundOp, math::RoundEvenOp>,
               SimpleElementwiseOpLowering<ErfOp, math::ErfOp>,
               SimpleElementwiseOpLowering<Atan2Op, math::Atan2Op>,
               SimpleElementwiseOpLowering<AndOp, arith::AndIOp>,
               SimpleElementwiseOpLowering<OrOp, arith::OrIOp>,
               SimpleElementwiseOpLowering<XorOp, arith::XOrIOp>>(context);
  patterns
      .add<ElementwiseOpLowering<NegOp>, ElementwiseOpLowering<AbsOp>,
           ElementwiseOpLowering<SignOp>, ElementwiseOpLowering<NotOp>,
           ElementwiseOpLowering<LogicalNotOp>,
           ElementwiseOpLowering<ReciprocalOp>, ElementwiseOpLowering<SquareOp>,
           ElementwiseOpLowering<IsNanOp>, ElementwiseOpLowering<IsFiniteOp>,
           ElementwiseOpLowering<AddOp>, ElementwiseOpLowering<SubOp>,
           ElementwiseOpLowering<MulOp>, ElementwiseOpLowering<DivOp>,
           ElementwiseOpLowering<FloorDivOp>, ElementwiseOpLowering<RemOp>,
           ElementwiseOpLowering<PowOp>, ElementwiseOpLowering<MaxOp>,
           ElementwiseOpLowering<MinOp>, ElementwiseOpLowering<ShlOp>,
           ElementwiseOpLowering<ShrOp>, ElementwiseOpLowering<CompareOp>,
           ElementwiseOpLowering<SelectOp>>(context);
}
