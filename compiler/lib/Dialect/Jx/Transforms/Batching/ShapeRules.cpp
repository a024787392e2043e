//===- ShapeRules.cpp - Batching rules of shape and reduction ops ---------===//
//
// broadcast_in_dim, reshape, transpose, slice, concatenate, pad, reverse,
// reduce, cumulative, dot_general and dim (indexing ops are in
// IndexingRules.cpp). The batched operand's batch dimension goes to 0 and
// the op's dimension numbers shift past it, except dot_general, which keeps
// one unbatched side as it is (the batch dimension is then a free dimension)
// and otherwise adds a batching dimension: batched matmul is one
// dot_general. iota and constant have no tensor operands, so they are never
// batched.
//
//===----------------------------------------------------------------------===//

#include "BatchingUtils.h"

#include "jx/Dialect/Jx/IR/JxOps.h"

using namespace mlir;
using namespace mlir::jx;
using namespace mlir::jx::batching;

namespace {

JX_BATCHING_MODEL(BroadcastInDimBatching, BroadcastInDimOp) {
  BatchSize size = getBatchSize(builder, loc, operands[0], *batchDims[0]);
  Value operand = moveDim(builder, loc, operands[0], *batchDims[0], 0);
  SmallVector<int64_t> dims{0};
  llvm::append_range(dims, shifted(op.getBroadcastDimensions()));
  return atFront(BroadcastInDimOp::create(
      builder, loc, insertDim(op.getType(), 0, size.size), operand, dims,
      withBatchSize(size, operands.drop_front())));
}

JX_BATCHING_MODEL(ReshapeBatching, ReshapeOp) {
  BatchSize size = getBatchSize(builder, loc, operands[0], *batchDims[0]);
  Value operand = moveDim(builder, loc, operands[0], *batchDims[0], 0);
  return atFront(
      ReshapeOp::create(builder, loc, insertDim(op.getType(), 0, size.size),
                        operand, withBatchSize(size, operands.drop_front())));
}

JX_BATCHING_MODEL(TransposeBatching, TransposeOp) {
  // Keep the batch dimension where it is: map the permutation around it.
  int64_t batchDim = *batchDims[0];
  auto type = cast<RankedTensorType>(operands[0].getType());
  SmallVector<int64_t> perm{batchDim};
  for (int64_t p : op.getPermutation())
    perm.push_back(p >= batchDim ? p + 1 : p);
  SmallVector<int64_t> shape;
  for (int64_t d : perm)
    shape.push_back(type.getDimSize(d));
  return atFront(TransposeOp::create(
      builder, loc, RankedTensorType::get(shape, type.getElementType()),
      operands[0], perm));
}

JX_BATCHING_MODEL(SliceBatching, SliceOp) {
  BatchSize size = getBatchSize(builder, loc, operands[0], *batchDims[0]);
  Value operand = moveDim(builder, loc, operands[0], *batchDims[0], 0);
  if (size.isDynamic()) {
    // A static slice cannot span a run-time batch size: a dynamic_slice
    // (starts in bounds, so not clamped) takes the window, then each
    // strided dimension keeps every s-th element by padding it to a
    // multiple of s, splitting it into [n, s] and taking index 0 of s.
    SmallVector<Value> starts{i64Constant(builder, loc, 0)};
    SmallVector<int64_t> sizes{ShapedType::kDynamic};
    for (auto [start, limit] :
         llvm::zip_equal(op.getStartIndices(), op.getLimitIndices())) {
      starts.push_back(i64Constant(builder, loc, start));
      sizes.push_back(limit - start);
    }
    auto elementType = op.getType().getElementType();
    auto typeOf = [&](ArrayRef<int64_t> shape) {
      return RankedTensorType::get(shape, elementType);
    };
    auto sliceFrom = [&](Value v, ArrayRef<int64_t> shape) -> Value {
      SmallVector<Value> zeros(shape.size(), i64Constant(builder, loc, 0));
      SmallVector<int64_t> sliceSizes(shape);
      sliceSizes[0] = -1; // -1: from sizes(...)
      return DynamicSliceOp::create(builder, loc, typeOf(shape), v, zeros,
                                    sliceSizes, ValueRange{size.dynamic});
    };
    SmallVector<int64_t> windowSizes(sizes);
    windowSizes[0] = -1;
    Value result =
        DynamicSliceOp::create(builder, loc, typeOf(sizes), operand, starts,
                               windowSizes, ValueRange{size.dynamic});
    Value zero = ConstantOp::create(
        builder, loc,
        DenseElementsAttr::get(typeOf({}), builder.getZeroAttr(elementType)));
    for (auto [d, stride] : llvm::enumerate(op.getStrides())) {
      if (stride == 1)
        continue;
      int64_t dim = d + 1, n = op.getType().getDimSize(d);
      SmallVector<int64_t> shape(sizes);
      if (n * stride != shape[dim]) {
        SmallVector<int64_t> low(shape.size(), 0), high(low), interior(low);
        high[dim] = n * stride - shape[dim];
        shape[dim] = n * stride;
        result = PadOp::create(builder, loc, typeOf(shape), result, zero, low,
                               high, interior);
      }
      SmallVector<int64_t> split(shape);
      split[dim] = stride;
      split.insert(split.begin() + dim, n);
      result = ReshapeOp::create(builder, loc, typeOf(split), result,
                                 ValueRange{size.dynamic});
      split[dim + 1] = 1;
      result = sliceFrom(result, split);
      sizes[dim] = n;
      result = ReshapeOp::create(builder, loc, typeOf(sizes), result,
                                 ValueRange{size.dynamic});
    }
    return atFront(result);
  }
  SmallVector<int64_t> start{0}, limit{size.size}, stride{1};
  llvm::append_range(start, op.getStartIndices());
  llvm::append_range(limit, op.getLimitIndices());
  llvm::append_range(stride, op.getStrides());
  return atFront(SliceOp::create(builder, loc,
                                 insertDim(op.getType(), 0, size.size), operand,
                                 start, limit, stride));
}

JX_BATCHING_MODEL(ConcatenateBatching, ConcatenateOp) {
  BatchSize size = findBatchSize(builder, loc, operands, batchDims);
  SmallVector<Value> inputs;
  for (auto [value, dim] : llvm::zip_equal(operands, batchDims))
    inputs.push_back(toFront(builder, loc, value, dim, size));
  return atFront(ConcatenateOp::create(builder, loc,
                                       insertDim(op.getType(), 0, size.size),
                                       inputs, op.getDimension() + 1));
}

JX_BATCHING_MODEL(PadBatching, PadOp) {
  BatchSize size = findBatchSize(builder, loc, operands, batchDims);
  Value operand = toFront(builder, loc, operands[0], batchDims[0], size);
  SmallVector<int64_t> low{0}, high{0}, interior{0};
  llvm::append_range(low, op.getEdgePaddingLow());
  llvm::append_range(high, op.getEdgePaddingHigh());
  llvm::append_range(interior, op.getInteriorPadding());
  RankedTensorType resultType = insertDim(op.getType(), 0, size.size);
  if (!batchDims[1])
    return atFront(PadOp::create(builder, loc, resultType, operand, operands[1],
                                 low, high, interior));
  // A padding value per batch element: pad with zero, then select each
  // element's value where a padded mask (true inside, false outside) says
  // the result is padding.
  auto elementType = resultType.getElementType();
  auto scalar = [&](Type type, Attribute value) -> Value {
    return ConstantOp::create(
        builder, loc,
        DenseElementsAttr::get(RankedTensorType::get({}, type), value));
  };
  Value padded =
      PadOp::create(builder, loc, resultType, operand,
                    scalar(elementType, builder.getZeroAttr(elementType)), low,
                    high, interior);
  Type i1 = builder.getI1Type();
  auto operandType = cast<RankedTensorType>(operand.getType());
  Value inside = BroadcastInDimOp::create(
      builder, loc, RankedTensorType::get(operandType.getShape(), i1),
      scalar(i1, builder.getBoolAttr(true)), ArrayRef<int64_t>{},
      dynamicSizesOf(builder, loc, operand));
  Value mask = PadOp::create(
      builder, loc, RankedTensorType::get(resultType.getShape(), i1), inside,
      scalar(i1, builder.getBoolAttr(false)), low, high, interior);
  Value fill = BroadcastInDimOp::create(builder, loc, resultType, operands[1],
                                        ArrayRef<int64_t>{0},
                                        dynamicSizesOf(builder, loc, padded));
  return atFront(
      SelectOp::create(builder, loc, resultType, mask, padded, fill));
}

JX_BATCHING_MODEL(ReverseBatching, ReverseOp) {
  Value operand = moveDim(builder, loc, operands[0], *batchDims[0], 0);
  return atFront(ReverseOp::create(builder, loc, operand.getType(), operand,
                                   shifted(op.getDimensions())));
}

JX_BATCHING_MODEL(ReduceBatching, ReduceOp) {
  BatchSize size = getBatchSize(builder, loc, operands[0], *batchDims[0]);
  Value operand = moveDim(builder, loc, operands[0], *batchDims[0], 0);
  return atFront(ReduceOp::create(
      builder, loc, insertDim(op.getType(), 0, size.size), op.getKindAttr(),
      operand, builder.getDenseI64ArrayAttr(shifted(op.getDimensions()))));
}

JX_BATCHING_MODEL(CumulativeBatching, CumulativeOp) {
  Value operand = moveDim(builder, loc, operands[0], *batchDims[0], 0);
  auto result = CumulativeOp::create(
      builder, loc, operand.getType(), op.getKindAttr(), operand,
      builder.getI64IntegerAttr(op.getAxis() + 1), op.getReverseAttr());
  return atFront(result);
}

JX_BATCHING_MODEL(DotGeneralBatching, DotGeneralOp) {
  SmallVector<int64_t> lhsBatch(op.getLhsBatchingDimensions());
  SmallVector<int64_t> rhsBatch(op.getRhsBatchingDimensions());
  SmallVector<int64_t> lhsContract(op.getLhsContractingDimensions());
  SmallVector<int64_t> rhsContract(op.getRhsContractingDimensions());
  Value lhs = operands[0], rhs = operands[1];
  auto lhsType = cast<RankedTensorType>(lhs.getType());
  int64_t lhsFree = lhsType.getRank() -
                    static_cast<int64_t>(lhsBatch.size() + lhsContract.size());
  BatchSize size = findBatchSize(builder, loc, operands, batchDims);
  Type resultType;
  int64_t resultDim;
  if (batchDims[0] && batchDims[1]) {
    // Both batched: one more batching dimension, the first of the result.
    lhs = moveDim(builder, loc, lhs, *batchDims[0], 0);
    rhs = moveDim(builder, loc, rhs, *batchDims[1], 0);
    lhsBatch = shifted(lhsBatch);
    lhsBatch.insert(lhsBatch.begin(), 0);
    rhsBatch = shifted(rhsBatch);
    rhsBatch.insert(rhsBatch.begin(), 0);
    lhsContract = shifted(lhsContract);
    rhsContract = shifted(rhsContract);
    resultDim = 0;
  } else if (batchDims[0]) {
    // Only lhs batched: its batch dimension is its first free dimension, so
    // it follows the batching dimensions in the result.
    lhs = moveDim(builder, loc, lhs, *batchDims[0], 0);
    lhsBatch = shifted(lhsBatch);
    lhsContract = shifted(lhsContract);
    resultDim = static_cast<int64_t>(lhsBatch.size());
  } else {
    // Only rhs batched: the first free rhs dimension, after lhs's.
    rhs = moveDim(builder, loc, rhs, *batchDims[1], 0);
    rhsBatch = shifted(rhsBatch);
    rhsContract = shifted(rhsContract);
    resultDim = static_cast<int64_t>(lhsBatch.size()) + lhsFree;
  }
  resultType = insertDim(op.getType(), resultDim, size.size);
  Value result =
      DotGeneralOp::create(builder, loc, resultType, lhs, rhs, lhsBatch,
                           rhsBatch, lhsContract, rhsContract);
  return SmallVector<BatchedValue>{{result, resultDim}};
}

JX_BATCHING_MODEL(DimBatching, DimOp) {
  // Sizes are the same for every batch element: the result is unbatched.
  int64_t batchDim = *batchDims[0];
  int64_t index = static_cast<int64_t>(op.getIndex());
  Value result =
      DimOp::create(builder, loc, builder.getIndexType(), operands[0],
                    index >= batchDim ? index + 1 : index);
  return SmallVector<BatchedValue>{{result, std::nullopt}};
}

#undef JX_BATCHING_MODEL

} // namespace

void mlir::jx::registerJxShapeBatchingModels(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, JxDialect *) {
    BroadcastInDimOp::attachInterface<BroadcastInDimBatching>(*ctx);
    ReshapeOp::attachInterface<ReshapeBatching>(*ctx);
    TransposeOp::attachInterface<TransposeBatching>(*ctx);
    SliceOp::attachInterface<SliceBatching>(*ctx);
    ConcatenateOp::attachInterface<ConcatenateBatching>(*ctx);
    PadOp::attachInterface<PadBatching>(*ctx);
    ReverseOp::attachInterface<ReverseBatching>(*ctx);
    ReduceOp::attachInterface<ReduceBatching>(*ctx);
    CumulativeOp::attachInterface<CumulativeBatching>(*ctx);
    DotGeneralOp::attachInterface<DotGeneralBatching>(*ctx);
    DimOp::attachInterface<DimBatching>(*ctx);
  });
}
