//===- IndexArithRules.cpp - Batching rules of run-time index arithmetic --===//
//
// The frontend computes run-time scalar indices (`x[i]`, `x.at[i]` with `i`
// an argument) on `index` values: `jx.to_index`, then `arith` ops (negative
// indices wrap: `cmpi`, `addi`, `select`; strides: `muli`, `floordivsi`,
// `maxsi`, `minsi`), then `jx.from_index` back to a tensor. Under vmap such
// an index differs per batch element, and an `index` cannot hold that: a
// batched `index` is an `i64` tensor of shape [B] (a batched `i1` from
// `cmpi` an `i1` tensor [B]), and the arith ops on it become the jx
// elementwise ops that compute the same. An unbatched `index` operand is
// converted with `jx.from_index` and broadcast. A batched `index` used as a
// size of a shape is rejected by the pass (ExpandVmap.cpp): such a shape
// would differ per batch element.
//
//===----------------------------------------------------------------------===//

#include "BatchingUtils.h"

#include "jx/Dialect/Jx/IR/JxOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

using namespace mlir;
using namespace mlir::jx;
using namespace mlir::jx::batching;

namespace {

/// `value` as a batched index: an `i64` tensor of shape [B] (converting and
/// broadcasting an unbatched `index`).
Value asBatchedIndex(OpBuilder &builder, Location loc, Value value,
                     std::optional<int64_t> dim, const BatchSize &size) {
  if (dim)
    return value; // Batched rank-0 values have their batch dimension at 0.
  value = FromIndexOp::create(
      builder, loc, RankedTensorType::get({}, builder.getI64Type()), value);
  return broadcastBatch(builder, loc, value, size);
}

LogicalResult checkIndexTyped(Operation *op) {
  if (llvm::all_of(op->getOperandTypes(),
                   [](Type type) { return type.isIndex(); }))
    return success();
  return op->emitError("batching of '")
         << op->getName() << "' on values other than 'index' is not supported";
}

/// addi, subi, muli, floordivsi, maxsi, minsi: the jx op `JxOpTy`, which
/// computes the same on `i64`.
template <typename ArithOpTy, typename JxOpTy>
struct IndexBinaryBatching
    : public JxBatchableOpInterface::ExternalModel<
          IndexBinaryBatching<ArithOpTy, JxOpTy>, ArithOpTy> {
  FailureOr<SmallVector<BatchedValue>>
  batch(Operation *op, OpBuilder &builder, ArrayRef<Value> operands,
        ArrayRef<std::optional<int64_t>> batchDims) const {
    if (failed(checkIndexTyped(op)))
      return failure();
    Location loc = op->getLoc();
    BatchSize size = findBatchSize(builder, loc, operands, batchDims);
    Value lhs = asBatchedIndex(builder, loc, operands[0], batchDims[0], size);
    Value rhs = asBatchedIndex(builder, loc, operands[1], batchDims[1], size);
    return atFront(JxOpTy::create(builder, loc, lhs.getType(), lhs, rhs));
  }
};

struct CmpIBatching
    : public JxBatchableOpInterface::ExternalModel<CmpIBatching,
                                                   arith::CmpIOp> {
  FailureOr<SmallVector<BatchedValue>>
  batch(Operation *rawOp, OpBuilder &builder, ArrayRef<Value> operands,
        ArrayRef<std::optional<int64_t>> batchDims) const {
    auto op = cast<arith::CmpIOp>(rawOp);
    if (failed(checkIndexTyped(op)))
      return failure();
    std::optional<ComparisonDirection> direction;
    switch (op.getPredicate()) {
    case arith::CmpIPredicate::eq:
      direction = ComparisonDirection::EQ;
      break;
    case arith::CmpIPredicate::ne:
      direction = ComparisonDirection::NE;
      break;
    case arith::CmpIPredicate::slt:
      direction = ComparisonDirection::LT;
      break;
    case arith::CmpIPredicate::sle:
      direction = ComparisonDirection::LE;
      break;
    case arith::CmpIPredicate::sgt:
      direction = ComparisonDirection::GT;
      break;
    case arith::CmpIPredicate::sge:
      direction = ComparisonDirection::GE;
      break;
    default:
      // Unsigned comparisons of an index are not produced by the frontend.
      return op.emitError("batching of an unsigned 'arith.cmpi' is not "
                          "supported");
    }
    Location loc = op.getLoc();
    BatchSize size = findBatchSize(builder, loc, operands, batchDims);
    Value lhs = asBatchedIndex(builder, loc, operands[0], batchDims[0], size);
    Value rhs = asBatchedIndex(builder, loc, operands[1], batchDims[1], size);
    return atFront(CompareOp::create(builder, loc, *direction, lhs, rhs));
  }
};

struct SelectBatching
    : public JxBatchableOpInterface::ExternalModel<SelectBatching,
                                                   arith::SelectOp> {
  FailureOr<SmallVector<BatchedValue>>
  batch(Operation *op, OpBuilder &builder, ArrayRef<Value> operands,
        ArrayRef<std::optional<int64_t>> batchDims) const {
    if (!op->getResult(0).getType().isIndex())
      return op->emitError("batching of 'arith.select' on values other than "
                           "'index' is not supported");
    Location loc = op->getLoc();
    BatchSize size = findBatchSize(builder, loc, operands, batchDims);
    Value onTrue =
        asBatchedIndex(builder, loc, operands[1], batchDims[1], size);
    Value onFalse =
        asBatchedIndex(builder, loc, operands[2], batchDims[2], size);
    Value pred = operands[0];
    if (!batchDims[0]) {
      // One `i1` for every batch element: a rank-0 `i1` tensor (through
      // `index`, which jx.from_index converts) that picks whole operands.
      Value asIndex = arith::IndexCastOp::create(
          builder, loc, builder.getIndexType(),
          arith::ExtUIOp::create(builder, loc, builder.getI64Type(), pred));
      auto scalarType = RankedTensorType::get({}, builder.getI64Type());
      pred = CompareOp::create(
          builder, loc, ComparisonDirection::NE,
          FromIndexOp::create(builder, loc, scalarType, asIndex),
          i64Constant(builder, loc, 0));
    }
    return atFront(SelectOp::create(builder, loc, onTrue.getType(), pred,
                                    onTrue, onFalse));
  }
};

JX_BATCHING_MODEL(ToIndexBatching, ToIndexOp) {
  // A batched index is `i64`; `jx.convert` extends `ui32` as unsigned, as
  // `jx.to_index` does.
  Value operand = operands[0];
  auto type = cast<RankedTensorType>(operand.getType());
  Type i64 = builder.getI64Type();
  if (type.getElementType() != i64)
    operand = ConvertOp::create(
        builder, loc, RankedTensorType::get(type.getShape(), i64), operand);
  return atFront(operand);
}

JX_BATCHING_MODEL(FromIndexBatching, FromIndexOp) {
  auto type = cast<RankedTensorType>(operands[0].getType());
  auto resultType =
      RankedTensorType::get(type.getShape(), op.getType().getElementType());
  if (resultType == type)
    return atFront(operands[0]);
  return atFront(ConvertOp::create(builder, loc, resultType, operands[0]));
}

} // namespace

void mlir::jx::registerJxIndexArithBatchingModels(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, JxDialect *) {
    ToIndexOp::attachInterface<ToIndexBatching>(*ctx);
    FromIndexOp::attachInterface<FromIndexBatching>(*ctx);
  });
  registry.addExtension(+[](MLIRContext *ctx, arith::ArithDialect *) {
    arith::AddIOp::attachInterface<IndexBinaryBatching<arith::AddIOp, AddOp>>(
        *ctx);
    arith::SubIOp::attachInterface<IndexBinaryBatching<arith::SubIOp, SubOp>>(
        *ctx);
    arith::MulIOp::attachInterface<IndexBinaryBatching<arith::MulIOp, MulOp>>(
        *ctx);
    arith::FloorDivSIOp::attachInterface<
        IndexBinaryBatching<arith::FloorDivSIOp, FloorDivOp>>(*ctx);
    arith::MaxSIOp::attachInterface<IndexBinaryBatching<arith::MaxSIOp, MaxOp>>(
        *ctx);
    arith::MinSIOp::attachInterface<IndexBinaryBatching<arith::MinSIOp, MinOp>>(
        *ctx);
    arith::CmpIOp::attachInterface<CmpIBatching>(*ctx);
    arith::SelectOp::attachInterface<SelectBatching>(*ctx);
  });
}
