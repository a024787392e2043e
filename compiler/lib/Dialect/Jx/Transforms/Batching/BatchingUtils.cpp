//===- BatchingUtils.cpp - Helpers shared by the batching rules -----------===//
//
// Also holds the interface definitions and the registration of all batching
// models.
//
//===----------------------------------------------------------------------===//

#include "BatchingUtils.h"

#include "jx/Dialect/Jx/IR/JxOps.h"

using namespace mlir;
using namespace mlir::jx;
using namespace mlir::jx::batching;

#include "jx/Dialect/Jx/IR/JxBatchingInterface.cpp.inc"

BatchSize batching::getBatchSize(OpBuilder &builder, Location loc, Value value,
                                 int64_t dim) {
  auto type = cast<RankedTensorType>(value.getType());
  BatchSize size;
  size.size = type.getDimSize(dim);
  if (size.isDynamic())
    size.dynamic =
        DimOp::create(builder, loc, builder.getIndexType(), value, dim);
  return size;
}

BatchSize batching::findBatchSize(OpBuilder &builder, Location loc,
                                  ArrayRef<Value> operands,
                                  ArrayRef<std::optional<int64_t>> batchDims) {
  for (auto [value, dim] : llvm::zip_equal(operands, batchDims))
    if (dim)
      return getBatchSize(builder, loc, value, *dim);
  llvm_unreachable("batching rule called without a batched operand");
}

RankedTensorType batching::insertDim(Type type, int64_t pos, int64_t size) {
  auto tensor = cast<RankedTensorType>(type);
  SmallVector<int64_t> shape(tensor.getShape());
  shape.insert(shape.begin() + pos, size);
  return RankedTensorType::get(shape, tensor.getElementType());
}

Value batching::moveDim(OpBuilder &builder, Location loc, Value value,
                        int64_t from, int64_t to) {
  if (from == to)
    return value;
  auto type = cast<RankedTensorType>(value.getType());
  SmallVector<int64_t> perm;
  for (int64_t d = 0, e = type.getRank(); d < e; ++d)
    if (d != from)
      perm.push_back(d);
  perm.insert(perm.begin() + to, from);
  SmallVector<int64_t> shape;
  for (int64_t d : perm)
    shape.push_back(type.getDimSize(d));
  auto resultType = RankedTensorType::get(shape, type.getElementType());
  return TransposeOp::create(builder, loc, resultType, value, perm);
}

Value batching::broadcastBatch(OpBuilder &builder, Location loc, Value value,
                               const BatchSize &size) {
  auto type = cast<RankedTensorType>(value.getType());
  SmallVector<Value> dynamicSizes;
  if (size.isDynamic())
    dynamicSizes.push_back(size.dynamic);
  SmallVector<int64_t> dims;
  for (int64_t d = 0, e = type.getRank(); d < e; ++d) {
    dims.push_back(d + 1);
    if (type.isDynamicDim(d))
      dynamicSizes.push_back(
          DimOp::create(builder, loc, builder.getIndexType(), value, d));
  }
  return BroadcastInDimOp::create(builder, loc, insertDim(type, 0, size.size),
                                  value, dims, dynamicSizes);
}

Value batching::toFront(OpBuilder &builder, Location loc, Value value,
                        std::optional<int64_t> batchDim,
                        const BatchSize &size) {
  if (batchDim)
    return moveDim(builder, loc, value, *batchDim, 0);
  return broadcastBatch(builder, loc, value, size);
}

SmallVector<int64_t> batching::shifted(ArrayRef<int64_t> dims) {
  SmallVector<int64_t> result;
  for (int64_t d : dims)
    result.push_back(d + 1);
  return result;
}

SmallVector<int64_t> batching::prepended(int64_t first,
                                         ArrayRef<int64_t> dims) {
  SmallVector<int64_t> result{first};
  llvm::append_range(result, shifted(dims));
  return result;
}

Value batching::i64Constant(OpBuilder &builder, Location loc, int64_t value) {
  auto type = RankedTensorType::get({}, builder.getI64Type());
  return ConstantOp::create(builder, loc, DenseElementsAttr::get(type, value));
}

SmallVector<Value> batching::dynamicSizesOf(OpBuilder &builder, Location loc,
                                            Value value) {
  auto type = cast<RankedTensorType>(value.getType());
  SmallVector<Value> sizes;
  for (int64_t d = 0, e = type.getRank(); d < e; ++d)
    if (type.isDynamicDim(d))
      sizes.push_back(
          DimOp::create(builder, loc, builder.getIndexType(), value, d));
  return sizes;
}

void mlir::jx::registerJxBatchingInterfaceModels(DialectRegistry &registry) {
  registerJxElementwiseBatchingModels(registry);
  registerJxShapeBatchingModels(registry);
  registerJxIndexingBatchingModels(registry);
  registerJxIndexArithBatchingModels(registry);
  registerJxCollectiveBatchingModels(registry);
}
