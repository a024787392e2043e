//===- IndexingRules.cpp - Batching rules of indexing ops -----------------===//
//
// gather, scatter, dynamic_slice and dynamic_update_slice, with any of their
// operands batched. Two formulations cover every case:
//
// - Unbatched indices (or start indices): the batch dimension goes to 0 of
//   the operand and is one more slice or window dimension taken whole, from
//   start 0, so the indices stay as they are.
// - Batched indices: each index vector gets a leading component that is its
//   batch position (an iota, as JAX's batching rules add), and the batch
//   dimension of the operand becomes a collapsed (gather) or inserted
//   (scatter) dimension of size 1 that this component selects. An unbatched
//   operand of a gather needs no such component: every batch element reads
//   the same operand.
//
// dynamic_slice and dynamic_update_slice with batched starts become a gather
// and a scatter of one window per batch element; dynamic_update_slice clamps
// its starts first, since scatter drops an out-of-range window where
// dynamic_update_slice moves it in range.
//
//===----------------------------------------------------------------------===//

#include "BatchingUtils.h"

#include "jx/Dialect/Jx/IR/JxOps.h"

using namespace mlir;
using namespace mlir::jx;
using namespace mlir::jx::batching;

namespace {

/// `0, 1, ..., n - 1` shifted by `offset`.
SmallVector<int64_t> range(int64_t offset, int64_t n) {
  SmallVector<int64_t> result;
  for (int64_t i = 0; i < n; ++i)
    result.push_back(offset + i);
  return result;
}

/// `indices`, batched at 0 with its index vectors along `indexVectorDim`
/// (equal to its rank when each index is a scalar), with a leading component
/// in every index vector that is the vector's batch position. Returns the
/// new indices and their index vector dimension.
std::pair<Value, int64_t> prependBatchPosition(OpBuilder &builder, Location loc,
                                               Value indices,
                                               int64_t indexVectorDim) {
  auto type = cast<RankedTensorType>(indices.getType());
  Type elementType = type.getElementType();
  if (indexVectorDim == type.getRank()) {
    // Scalar indices: make the index vectors (of one component) explicit.
    SmallVector<int64_t> shape(type.getShape());
    shape.push_back(1);
    indices = ReshapeOp::create(builder, loc,
                                RankedTensorType::get(shape, elementType),
                                indices, dynamicSizesOf(builder, loc, indices));
    type = cast<RankedTensorType>(indices.getType());
  }
  SmallVector<int64_t> positionShape(type.getShape());
  positionShape[indexVectorDim] = 1;
  SmallVector<Value> positionSizes;
  for (int64_t d = 0, e = type.getRank(); d < e; ++d)
    if (d != indexVectorDim && type.isDynamicDim(d))
      positionSizes.push_back(
          DimOp::create(builder, loc, builder.getIndexType(), indices, d));
  Value positions = IotaOp::create(
      builder, loc, RankedTensorType::get(positionShape, elementType),
      /*iota_dimension=*/uint64_t{0}, positionSizes);
  SmallVector<int64_t> shape(type.getShape());
  if (!type.isDynamicDim(indexVectorDim))
    ++shape[indexVectorDim];
  Value result = ConcatenateOp::create(
      builder, loc, RankedTensorType::get(shape, elementType),
      ValueRange{positions, indices}, indexVectorDim);
  return {result, indexVectorDim};
}

/// The rank-0 start indices of a dynamic_slice or dynamic_update_slice as
/// one index vector per batch element: `i64` of shape [B, n].
Value stackStarts(OpBuilder &builder, Location loc, ArrayRef<Value> starts,
                  ArrayRef<std::optional<int64_t>> startDims,
                  const BatchSize &size) {
  Type i64 = builder.getI64Type();
  auto columnType = RankedTensorType::get({size.size, 1}, i64);
  SmallVector<Value> columns;
  for (auto [original, dim] : llvm::zip_equal(starts, startDims)) {
    Value start = original;
    auto type = cast<RankedTensorType>(start.getType());
    if (type.getElementType() != i64)
      start = ConvertOp::create(
          builder, loc, RankedTensorType::get(type.getShape(), i64), start);
    // Batched rank-0 starts have their batch dimension at 0 already.
    if (!dim)
      start = broadcastBatch(builder, loc, start, size);
    columns.push_back(ReshapeOp::create(builder, loc, columnType, start,
                                        withBatchSize(size, {})));
  }
  if (columns.size() == 1)
    return columns.front();
  auto type = RankedTensorType::get(
      {size.size, static_cast<int64_t>(starts.size())}, i64);
  return ConcatenateOp::create(builder, loc, type, columns, /*dimension=*/1);
}

bool anyBatched(ArrayRef<std::optional<int64_t>> dims) {
  return llvm::any_of(dims,
                      [](std::optional<int64_t> d) { return d.has_value(); });
}

JX_BATCHING_MODEL(GatherBatching, GatherOp) {
  GatherDimensionNumbersAttr dims = op.getDimensionNumbers();
  MLIRContext *ctx = op.getContext();
  BatchSize size = findBatchSize(builder, loc, operands, batchDims);
  Type resultType = insertDim(op.getType(), 0, size.size);
  if (batchDims[0] && !batchDims[1] && !size.isDynamic()) {
    // The batch dimension is the first offset dimension, sliced whole.
    Value operand = moveDim(builder, loc, operands[0], *batchDims[0], 0);
    SmallVector<int64_t> sliceSizes{size.size};
    llvm::append_range(sliceSizes, op.getSliceSizes());
    auto newDims = GatherDimensionNumbersAttr::get(
        ctx, prepended(0, dims.getOffsetDims()),
        shifted(dims.getCollapsedSliceDims()), shifted(dims.getStartIndexMap()),
        dims.getIndexVectorDim());
    return atFront(GatherOp::create(builder, loc, resultType, operand,
                                    operands[1], newDims, sliceSizes));
  }
  // Batched indices: their batch dimension is the first batch dimension of
  // the result (the offset dimensions shift past it).
  Value indices = toFront(builder, loc, operands[1], batchDims[1], size);
  int64_t indexVectorDim = dims.getIndexVectorDim() + 1;
  if (!batchDims[0]) {
    auto newDims = GatherDimensionNumbersAttr::get(
        ctx, shifted(dims.getOffsetDims()), dims.getCollapsedSliceDims(),
        dims.getStartIndexMap(), indexVectorDim);
    return atFront(GatherOp::create(builder, loc, resultType, operands[0],
                                    indices, newDims, op.getSliceSizes()));
  }
  // Both batched (or a batched operand of run-time batch size, whose slice
  // sizes cannot hold it): each batch element reads its own operand.
  Value operand = moveDim(builder, loc, operands[0], *batchDims[0], 0);
  std::tie(indices, indexVectorDim) =
      prependBatchPosition(builder, loc, indices, indexVectorDim);
  SmallVector<int64_t> sliceSizes{1};
  llvm::append_range(sliceSizes, op.getSliceSizes());
  auto newDims = GatherDimensionNumbersAttr::get(
      ctx, shifted(dims.getOffsetDims()),
      prepended(0, dims.getCollapsedSliceDims()),
      prepended(0, dims.getStartIndexMap()), indexVectorDim);
  return atFront(GatherOp::create(builder, loc, resultType, operand, indices,
                                  newDims, sliceSizes));
}

JX_BATCHING_MODEL(ScatterBatching, ScatterOp) {
  ScatterDimensionNumbersAttr dims = op.getDimensionNumbers();
  MLIRContext *ctx = op.getContext();
  BatchSize size = findBatchSize(builder, loc, operands, batchDims);
  // Every batch element writes into its own copy of the operand.
  Value operand = toFront(builder, loc, operands[0], batchDims[0], size);
  Value updates = toFront(builder, loc, operands[2], batchDims[2], size);
  ScatterDimensionNumbersAttr newDims;
  Value indices = operands[1];
  if (!batchDims[1]) {
    // The batch dimension is the first window dimension, written whole:
    // dimension 0 of the updates covers dimension 0 of the operand.
    newDims = ScatterDimensionNumbersAttr::get(
        ctx, prepended(0, dims.getUpdateWindowDims()),
        shifted(dims.getInsertedWindowDims()),
        shifted(dims.getScatterDimsToOperandDims()), dims.getIndexVectorDim());
  } else {
    // Batched indices: dimension 0 of the updates is their first scatter
    // dimension, matching the indices' batch dimension, and the batch
    // position picks dimension 0 of the operand.
    indices = moveDim(builder, loc, indices, *batchDims[1], 0);
    int64_t indexVectorDim;
    std::tie(indices, indexVectorDim) = prependBatchPosition(
        builder, loc, indices, dims.getIndexVectorDim() + 1);
    newDims = ScatterDimensionNumbersAttr::get(
        ctx, shifted(dims.getUpdateWindowDims()),
        prepended(0, dims.getInsertedWindowDims()),
        prepended(0, dims.getScatterDimsToOperandDims()), indexVectorDim);
  }
  return atFront(ScatterOp::create(builder, loc, operand.getType(),
                                   op.getKindAttr(), operand, indices, updates,
                                   newDims));
}

JX_BATCHING_MODEL(DynamicSliceBatching, DynamicSliceOp) {
  size_t numStarts = op.getStartIndices().size();
  ArrayRef<Value> starts = operands.slice(1, numStarts);
  ArrayRef<std::optional<int64_t>> startDims = batchDims.slice(1, numStarts);
  BatchSize size = findBatchSize(builder, loc, operands, batchDims);
  Type resultType = insertDim(op.getType(), 0, size.size);
  if (!anyBatched(startDims)) {
    // One slice, of the whole batch dimension.
    Value operand = moveDim(builder, loc, operands[0], *batchDims[0], 0);
    SmallVector<Value> newStarts{i64Constant(builder, loc, 0)};
    llvm::append_range(newStarts, starts);
    SmallVector<int64_t> sizes{size.isDynamic() ? -1 : size.size};
    llvm::append_range(sizes, op.getSliceSizes());
    return atFront(DynamicSliceOp::create(
        builder, loc, resultType, operand, newStarts, sizes,
        withBatchSize(size, operands.drop_front(1 + numStarts))));
  }
  // A slice per batch element: a gather (which clamps its starts the same
  // way) of one index vector per element.
  if (llvm::is_contained(op.getSliceSizes(), -1))
    return op.emitError("batching of 'jx.dynamic_slice' with batched start "
                        "indices and run-time slice sizes is not supported");
  MLIRContext *ctx = op.getContext();
  auto rank = static_cast<int64_t>(numStarts);
  Value indices = stackStarts(builder, loc, starts, startDims, size);
  if (!batchDims[0]) {
    auto dims = GatherDimensionNumbersAttr::get(
        ctx, /*offset_dims=*/range(1, rank), /*collapsed_slice_dims=*/{},
        /*start_index_map=*/range(0, rank), /*index_vector_dim=*/1);
    return atFront(GatherOp::create(builder, loc, resultType, operands[0],
                                    indices, dims, op.getSliceSizes()));
  }
  Value operand = moveDim(builder, loc, operands[0], *batchDims[0], 0);
  indices = prependBatchPosition(builder, loc, indices, 1).first;
  SmallVector<int64_t> sliceSizes{1};
  llvm::append_range(sliceSizes, op.getSliceSizes());
  auto dims = GatherDimensionNumbersAttr::get(
      ctx, /*offset_dims=*/range(1, rank), /*collapsed_slice_dims=*/{0},
      /*start_index_map=*/range(0, rank + 1), /*index_vector_dim=*/1);
  return atFront(GatherOp::create(builder, loc, resultType, operand, indices,
                                  dims, sliceSizes));
}

/// Dimension `dim` of `value` as a rank-0 `i64`.
Value dimAsI64(OpBuilder &builder, Location loc, Value value, int64_t dim) {
  auto type = cast<RankedTensorType>(value.getType());
  if (!type.isDynamicDim(dim))
    return i64Constant(builder, loc, type.getDimSize(dim));
  return FromIndexOp::create(
      builder, loc, RankedTensorType::get({}, builder.getI64Type()),
      DimOp::create(builder, loc, builder.getIndexType(), value, dim));
}

JX_BATCHING_MODEL(DynamicUpdateSliceBatching, DynamicUpdateSliceOp) {
  ArrayRef<Value> starts = operands.drop_front(2);
  ArrayRef<std::optional<int64_t>> startDims = batchDims.drop_front(2);
  BatchSize size = findBatchSize(builder, loc, operands, batchDims);
  Value operand = toFront(builder, loc, operands[0], batchDims[0], size);
  Value update = toFront(builder, loc, operands[1], batchDims[1], size);
  if (!anyBatched(startDims)) {
    // One update, over the whole batch dimension.
    SmallVector<Value> newStarts{i64Constant(builder, loc, 0)};
    llvm::append_range(newStarts, starts);
    return atFront(DynamicUpdateSliceOp::create(builder, loc, operand.getType(),
                                                operand, update, newStarts));
  }
  // An update per batch element: a `set` scatter of one window each, at
  // starts clamped into [0, operand size - update size] first (scatter would
  // drop a window that does not fit).
  Type i64 = builder.getI64Type();
  auto scalarType = RankedTensorType::get({}, i64);
  SmallVector<Value> clamped;
  for (auto [d, original, dim] : llvm::enumerate(starts, startDims)) {
    Value start = original;
    auto type = cast<RankedTensorType>(start.getType());
    if (type.getElementType() != i64)
      start = ConvertOp::create(
          builder, loc, RankedTensorType::get(type.getShape(), i64), start);
    auto d1 = static_cast<int64_t>(d) + 1;
    auto operandType = cast<RankedTensorType>(operand.getType());
    auto updateType = cast<RankedTensorType>(update.getType());
    Value limit = operandType.isDynamicDim(d1) || updateType.isDynamicDim(d1)
                      ? SubOp::create(builder, loc, scalarType,
                                      dimAsI64(builder, loc, operand, d1),
                                      dimAsI64(builder, loc, update, d1))
                      : i64Constant(builder, loc,
                                    operandType.getDimSize(d1) -
                                        updateType.getDimSize(d1));
    Value zero = i64Constant(builder, loc, 0);
    if (dim) {
      limit = broadcastBatch(builder, loc, limit, size);
      zero = broadcastBatch(builder, loc, zero, size);
    }
    start = MinOp::create(builder, loc, start.getType(), start, limit);
    clamped.push_back(
        MaxOp::create(builder, loc, start.getType(), start, zero));
  }
  auto rank = static_cast<int64_t>(starts.size());
  Value indices = stackStarts(builder, loc, clamped, startDims, size);
  indices = prependBatchPosition(builder, loc, indices, 1).first;
  auto dims = ScatterDimensionNumbersAttr::get(
      op.getContext(), /*update_window_dims=*/range(1, rank),
      /*inserted_window_dims=*/{0},
      /*scatter_dims_to_operand_dims=*/range(0, rank + 1),
      /*index_vector_dim=*/1);
  return atFront(ScatterOp::create(builder, loc, operand.getType(),
                                   ScatterKind::Set, operand, indices, update,
                                   dims));
}

} // namespace

void mlir::jx::registerJxIndexingBatchingModels(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, JxDialect *) {
    GatherOp::attachInterface<GatherBatching>(*ctx);
    ScatterOp::attachInterface<ScatterBatching>(*ctx);
    DynamicSliceOp::attachInterface<DynamicSliceBatching>(*ctx);
    DynamicUpdateSliceOp::attachInterface<DynamicUpdateSliceBatching>(*ctx);
  });
}
