//===- MLIRGenArith.cpp - Operators, conversions and broadcasting ---------===//
//
// Sema has already decided every operator's result dtype and shape (JAX
// promotion, NumPy broadcasting); here operands are converted and broadcast
// explicitly, since jx ops, like StableHLO's, take operands of equal shapes.
//
//===----------------------------------------------------------------------===//

#include "MLIRGenImpl.h"

#include "mlir/IR/BuiltinAttributes.h"

using namespace jx;
using mlir::RankedTensorType;
using mlir::Value;
namespace dialect = mlir::jx;

//===----------------------------------------------------------------------===//
// Constants, conversion, broadcasting
//===----------------------------------------------------------------------===//

Value MLIRGenerator::constantScalar(DType dtype, double value, SourceLoc at) {
  if (!isFloat(dtype))
    return constantScalarInt(dtype, static_cast<int64_t>(value), at);
  auto type = RankedTensorType::get({}, elementType(dtype));
  auto attr = mlir::DenseElementsAttr::get(
      type, builder.getFloatAttr(elementType(dtype), value));
  return dialect::ConstantOp::create(builder, loc(at), attr);
}

Value MLIRGenerator::constantScalarInt(DType dtype, int64_t value,
                                       SourceLoc at) {
  if (isFloat(dtype))
    return constantScalar(dtype, static_cast<double>(value), at);
  mlir::Type element = elementType(dtype);
  auto type = RankedTensorType::get({}, element);
  // Callers pass values in range; wrap rather than assert if one is not.
  llvm::APInt bits(element.getIntOrFloatBitWidth(), value,
                   /*isSigned=*/isSigned(dtype), /*implicitTrunc=*/true);
  auto attr =
      mlir::DenseElementsAttr::get(type, mlir::IntegerAttr::get(element, bits));
  return dialect::ConstantOp::create(builder, loc(at), attr);
}

Value MLIRGenerator::convert(Value v, DType to, SourceLoc at) {
  auto type = llvm::cast<RankedTensorType>(v.getType());
  mlir::Type element = elementType(to);
  if (type.getElementType() == element)
    return v;
  return dialect::ConvertOp::create(builder, loc(at), type.clone(element), v);
}

Value MLIRGenerator::splat(Value scalar, DType dtype, llvm::ArrayRef<Dim> shape,
                           SourceLoc at) {
  return broadcastTo(convert(scalar, dtype, at), {}, dtype, shape, at);
}

Value MLIRGenerator::broadcastTo(Value v, llvm::ArrayRef<Dim> fromShape,
                                 DType dtype, llvm::ArrayRef<Dim> toShape,
                                 SourceLoc at) {
  if (fromShape == toShape)
    return v;
  // NumPy aligns trailing axes.
  unsigned offset = toShape.size() - fromShape.size();
  llvm::SmallVector<int64_t> dims;
  for (unsigned i = 0; i < fromShape.size(); ++i)
    dims.push_back(offset + i);
  RankedTensorType type = tensorType(dtype, toShape);
  return dialect::BroadcastInDimOp::create(builder, loc(at), type, v, dims,
                                           dynamicDims(type, toShape, at));
}

Value MLIRGenerator::castArray(Value v, const ArrayType *from,
                               const ArrayType *to, SourceLoc at) {
  Value converted = convert(v, to->getDType(), at);
  return broadcastTo(converted, from->getShape(), to->getDType(),
                     to->getShape(), at);
}

Value MLIRGenerator::reshapeTo(Value v, DType dtype, llvm::ArrayRef<Dim> shape,
                               SourceLoc at) {
  RankedTensorType type = tensorType(dtype, shape);
  if (v.getType() == type && type.hasStaticShape())
    return v;
  return dialect::ReshapeOp::create(builder, loc(at), type, v,
                                    dynamicDims(type, shape, at));
}

//===----------------------------------------------------------------------===//
// Operators
//===----------------------------------------------------------------------===//

std::optional<ValueTree> MLIRGenerator::genUnary(const UnaryExpr &e) {
  Value operand = genArray(*e.operand);
  if (!operand)
    return std::nullopt;
  auto *from = llvm::cast<ArrayType>(e.operand->type);
  auto *to = llvm::cast<ArrayType>(e.type);
  Value x = castArray(operand, from, to, e.loc);
  mlir::Type type = x.getType();
  switch (e.op) {
  case UnaryOp::Plus:
    return ValueTree::ofLeaf(x);
  case UnaryOp::Neg:
    return ValueTree::ofLeaf(dialect::NegOp::create(builder, loc(e.loc), type, x));
  case UnaryOp::Not:
    return ValueTree::ofLeaf(
        dialect::LogicalNotOp::create(builder, loc(e.loc), type, x));
  case UnaryOp::BitNot:
    if (to->getDType() == DType::Bool)
      return ValueTree::ofLeaf(
          dialect::LogicalNotOp::create(builder, loc(e.loc), type, x));
    return ValueTree::ofLeaf(dialect::NotOp::create(builder, loc(e.loc), type, x));
  }
  llvm_unreachable("unknown unary operator");
}

static bool isComparison(BinaryOp op) {
  switch (op) {
  case BinaryOp::Eq:
  case BinaryOp::Ne:
  case BinaryOp::Lt:
  case BinaryOp::Le:
  case BinaryOp::Gt:
  case BinaryOp::Ge:
    return true;
  default:
    return false;
  }
}

Value MLIRGenerator::binaryOp(BinaryOp op, Value lhs, Value rhs,
                              DType operandDType, SourceLoc at) {
  mlir::Location l = loc(at);
  mlir::Type type = lhs.getType();
  auto compare = [&](dialect::ComparisonDirection direction) -> Value {
    return dialect::CompareOp::create(builder, l, direction, lhs, rhs);
  };
  // On bools, `+` is logical or and `*` logical and (as in jax.numpy).
  if (operandDType == DType::Bool) {
    if (op == BinaryOp::Add)
      op = BinaryOp::Or;
    else if (op == BinaryOp::Mul)
      op = BinaryOp::And;
  }
  switch (op) {
  case BinaryOp::Add:
    return dialect::AddOp::create(builder, l, type, lhs, rhs);
  case BinaryOp::Sub:
    return dialect::SubOp::create(builder, l, type, lhs, rhs);
  case BinaryOp::Mul:
    return dialect::MulOp::create(builder, l, type, lhs, rhs);
  case BinaryOp::Div:
    return dialect::DivOp::create(builder, l, type, lhs, rhs);
  case BinaryOp::FloorDiv:
    return dialect::FloorDivOp::create(builder, l, type, lhs, rhs);
  case BinaryOp::Mod: {
    // Python's `%` takes the divisor's sign: a - floor_div(a, b) * b.
    Value q = dialect::FloorDivOp::create(builder, l, type, lhs, rhs);
    Value qb = dialect::MulOp::create(builder, l, type, q, rhs);
    return dialect::SubOp::create(builder, l, type, lhs, qb);
  }
  case BinaryOp::Pow:
    return dialect::PowOp::create(builder, l, type, lhs, rhs);
  case BinaryOp::Eq:
    return compare(dialect::ComparisonDirection::EQ);
  case BinaryOp::Ne:
    return compare(dialect::ComparisonDirection::NE);
  case BinaryOp::Lt:
    return compare(dialect::ComparisonDirection::LT);
  case BinaryOp::Le:
    return compare(dialect::ComparisonDirection::LE);
  case BinaryOp::Gt:
    return compare(dialect::ComparisonDirection::GT);
  case BinaryOp::Ge:
    return compare(dialect::ComparisonDirection::GE);
  case BinaryOp::And:
  case BinaryOp::BitAnd:
    return dialect::AndOp::create(builder, l, type, lhs, rhs);
  case BinaryOp::Or:
  case BinaryOp::BitOr:
    return dialect::OrOp::create(builder, l, type, lhs, rhs);
  case BinaryOp::BitXor:
    return dialect::XorOp::create(builder, l, type, lhs, rhs);
  case BinaryOp::Shl:
    return dialect::ShlOp::create(builder, l, type, lhs, rhs);
  case BinaryOp::Shr:
    return dialect::ShrOp::create(builder, l, type, lhs, rhs);
  case BinaryOp::MatMul:
    break;
  }
  llvm_unreachable("matmul is lowered by MLIRGenerator::matmul");
}

std::optional<ValueTree> MLIRGenerator::genBinary(const BinaryExpr &e) {
  Value lhs = genArray(*e.lhs);
  Value rhs = genArray(*e.rhs);
  if (!lhs || !rhs)
    return std::nullopt;
  auto *lt = llvm::cast<ArrayType>(e.lhs->type);
  auto *rt = llvm::cast<ArrayType>(e.rhs->type);
  auto *result = llvm::cast<ArrayType>(e.type);
  if (e.op == BinaryOp::MatMul)
    return ValueTree::ofLeaf(matmul(lhs, lt, rhs, rt, result, e.loc));

  // Comparisons compute in the promoted operand dtype and give bool; the
  // other operators compute in the result dtype (`/` on integers in f32).
  DType operandDType = result->getDType();
  if (isComparison(e.op))
    operandDType = promoteDTypes(lt->getDType(), lt->isWeak(), rt->getDType(),
                                 rt->isWeak())
                       .dtype;
  llvm::ArrayRef<Dim> shape = result->getShape();
  Value a = broadcastTo(convert(lhs, operandDType, e.lhs->loc), lt->getShape(),
                        operandDType, shape, e.loc);
  Value b = broadcastTo(convert(rhs, operandDType, e.rhs->loc), rt->getShape(),
                        operandDType, shape, e.loc);
  return ValueTree::ofLeaf(binaryOp(e.op, a, b, operandDType, e.loc));
}

//===----------------------------------------------------------------------===//
// Matrix products (NumPy `matmul` semantics)
//===----------------------------------------------------------------------===//

Value MLIRGenerator::matmul(Value lhs, const ArrayType *lt, Value rhs,
                            const ArrayType *rt, const ArrayType *result,
                            SourceLoc at) {
  // Bool products count in i32, then compare with zero (NumPy's `any` of
  // the pairwise ands).
  bool isBool = result->getDType() == DType::Bool;
  DType dtype = isBool ? DType::I32 : result->getDType();
  lhs = convert(lhs, dtype, at);
  rhs = convert(rhs, dtype, at);
  unsigned lr = lt->getRank(), rr = rt->getRank();
  RankedTensorType type = tensorType(dtype, result->getShape());
  auto dot = [&](Value a, Value b, llvm::ArrayRef<int64_t> batch,
                 int64_t lc, int64_t rc) -> Value {
    Value product = dialect::DotGeneralOp::create(
        builder, loc(at), type, a, b, batch, batch,
        llvm::ArrayRef<int64_t>{lc}, llvm::ArrayRef<int64_t>{rc});
    if (!isBool)
      return product;
    Value zero = splat(constantScalarInt(DType::I32, 0, at), DType::I32,
                       result->getShape(), at);
    return dialect::CompareOp::create(builder, loc(at),
                                      dialect::ComparisonDirection::NE,
                                      product, zero);
  };
  if (lr == 1 || rr == 1) {
    // A vector contracts with the other operand's last (lhs) or
    // second-to-last (rhs) axis; no batch axes are needed.
    int64_t lc = lr - 1;
    int64_t rc = rr == 1 ? 0 : rr - 2;
    return dot(lhs, rhs, {}, lc, rc);
  }
  // Both at least matrices: broadcast the batch axes to the result's, then
  // contract with them as batching dimensions.
  llvm::ArrayRef<Dim> outShape = result->getShape();
  llvm::ArrayRef<Dim> batchShape = outShape.drop_back(2);
  unsigned nb = batchShape.size();
  auto withBatch = [&](Value v, const ArrayType *t) -> Value {
    Shape target(batchShape.begin(), batchShape.end());
    target.append(t->getShape().end() - 2, t->getShape().end());
    return broadcastTo(v, t->getShape(), dtype, target, at);
  };
  lhs = withBatch(lhs, lt);
  rhs = withBatch(rhs, rt);
  llvm::SmallVector<int64_t> batch;
  for (unsigned i = 0; i < nb; ++i)
    batch.push_back(i);
  return dot(lhs, rhs, batch, nb + 1, nb);
}
