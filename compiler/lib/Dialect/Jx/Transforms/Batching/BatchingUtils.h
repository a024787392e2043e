//===- BatchingUtils.h - Helpers shared by the batching rules ---*- C++ -*-===//
//
// Private to Batching/: batch sizes, moving a batch dimension, broadcasting
// an unbatched value along a new batch dimension, and the macro that declares
// a batching model.
//
//===----------------------------------------------------------------------===//

#ifndef JX_LIB_DIALECT_JX_TRANSFORMS_BATCHING_BATCHINGUTILS_H
#define JX_LIB_DIALECT_JX_TRANSFORMS_BATCHING_BATCHINGUTILS_H

#include "jx/Dialect/Jx/IR/JxBatchingInterface.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/BuiltinTypes.h"

namespace mlir::jx::batching {

/// The size of the batch dimension: `size`, or `ShapedType::kDynamic` with
/// the `index` value `dynamic` that holds it.
struct BatchSize {
  int64_t size = ShapedType::kDynamic;
  Value dynamic;
  bool isDynamic() const { return ShapedType::isDynamic(size); }
};

/// The size of dimension `dim` of `value` (reads it with `jx.dim` when it is
/// dynamic).
BatchSize getBatchSize(OpBuilder &builder, Location loc, Value value,
                       int64_t dim);

/// The batch size, read from the first batched operand.
BatchSize findBatchSize(OpBuilder &builder, Location loc,
                        ArrayRef<Value> operands,
                        ArrayRef<std::optional<int64_t>> batchDims);

/// `type` with a new dimension of `size` at `pos`.
RankedTensorType insertDim(Type type, int64_t pos, int64_t size);

/// Moves dimension `from` of `value` to `to` (a `jx.transpose`, none when
/// `from == to`).
Value moveDim(OpBuilder &builder, Location loc, Value value, int64_t from,
              int64_t to);

/// `value` with a new leading dimension of `size` (a `jx.broadcast_in_dim`).
Value broadcastBatch(OpBuilder &builder, Location loc, Value value,
                     const BatchSize &size);

/// `value` with its batch dimension at 0: moved there, or broadcast when
/// `batchDim` is `std::nullopt`.
Value toFront(OpBuilder &builder, Location loc, Value value,
              std::optional<int64_t> batchDim, const BatchSize &size);

/// Shifts each dimension number by one (for a new leading batch dimension).
SmallVector<int64_t> shifted(ArrayRef<int64_t> dims);

/// `dims` shifted by one after a leading `first` (a new dimension 0 that
/// comes first in the list).
SmallVector<int64_t> prepended(int64_t first, ArrayRef<int64_t> dims);

/// A rank-0 `i64` constant (a start index).
Value i64Constant(OpBuilder &builder, Location loc, int64_t value);

/// One `jx.dim` per dynamic dimension of `value`, in order: the `sizes(...)`
/// of an op that creates a value of its shape.
SmallVector<Value> dynamicSizesOf(OpBuilder &builder, Location loc,
                                  Value value);

/// A leading `sizes(...)` operand for a dynamic batch size, then `own`.
inline SmallVector<Value> withBatchSize(const BatchSize &size,
                                        ArrayRef<Value> own) {
  SmallVector<Value> sizes;
  if (size.isDynamic())
    sizes.push_back(size.dynamic);
  sizes.append(own.begin(), own.end());
  return sizes;
}

/// The single result, batched at 0.
inline FailureOr<SmallVector<BatchedValue>> atFront(Value value) {
  return SmallVector<BatchedValue>{{value, 0}};
}

/// Declares a `JxBatchableOpInterface` model `Name` for `OpTy` whose `batch`
/// body follows the macro; in the body, `op` is the typed op and `loc` its
/// location. Keeps each rule down to the lines that say what it does.
#define JX_BATCHING_MODEL(Name, OpTy)                                          \
  struct Name : public JxBatchableOpInterface::ExternalModel<Name, OpTy> {     \
    FailureOr<SmallVector<BatchedValue>>                                       \
    batch(Operation *rawOp, OpBuilder &builder, ArrayRef<Value> operands,      \
          ArrayRef<std::optional<int64_t>> batchDims) const {                  \
      return batchImpl(cast<OpTy>(rawOp), rawOp->getLoc(), builder, operands,  \
                       batchDims);                                             \
    }                                                                          \
    FailureOr<SmallVector<BatchedValue>>                                       \
    batchImpl(OpTy op, Location loc, OpBuilder &builder,                       \
              ArrayRef<Value> operands,                                        \
              ArrayRef<std::optional<int64_t>> batchDims) const;               \
  };                                                                           \
  FailureOr<SmallVector<BatchedValue>> Name::batchImpl(                        \
      OpTy op, Location loc, OpBuilder &builder, ArrayRef<Value> operands,     \
      ArrayRef<std::optional<int64_t>> batchDims) const

/// The axis name of a collective op, `std::nullopt` for other ops.
std::optional<StringRef> getCollectiveAxis(Operation *op);

/// The batching of a collective over the axis the vmap binds: it works
/// across the batch dimension of size `size` (CollectiveRules.cpp).
FailureOr<SmallVector<BatchedValue>>
bindCollective(Operation *op, OpBuilder &builder, ArrayRef<Value> operands,
               ArrayRef<std::optional<int64_t>> batchDims,
               const BatchSize &size);

/// Reports each collective left in a function the module can reach (public
/// functions and what they reference): no vmap bound its axis.
LogicalResult checkNoUnboundCollectives(ModuleOp module);

} // namespace mlir::jx::batching

namespace mlir::jx {
void registerJxElementwiseBatchingModels(DialectRegistry &registry);
void registerJxShapeBatchingModels(DialectRegistry &registry);
void registerJxIndexingBatchingModels(DialectRegistry &registry);
void registerJxIndexArithBatchingModels(DialectRegistry &registry);
void registerJxCollectiveBatchingModels(DialectRegistry &registry);
} // namespace mlir::jx

#endif // JX_LIB_DIALECT_JX_TRANSFORMS_BATCHING_BATCHINGUTILS_H
