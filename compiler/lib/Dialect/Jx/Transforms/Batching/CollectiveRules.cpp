//===- CollectiveRules.cpp - Collectives under vmap -----------------------===//
//
// psum, pmean, pmax, pmin, all_gather, axis_index and ppermute inside a
// vmap. A collective over the axis the vmap binds (`bindCollective`) works
// across the batch dimension: reductions reduce over it and broadcast the
// result back along it, all_gather gives every lane the whole batched value,
// axis_index is an iota, ppermute moves lanes. A collective over another
// axis (an outer vmap's, or a pmap's) is batched transparently by its
// `JxBatchableOpInterface` model: it stays, and works elementwise on the
// batched value, so the expansion of the outer vmap resolves it later.
// `checkNoUnboundCollectives` reports collectives that no expansion bound.
// jx.batch_max is a max over every vmap's batch, whatever its axis name: it
// reduces the batch dimension away.
//
//===----------------------------------------------------------------------===//

#include "BatchingUtils.h"

#include "jx/Dialect/Jx/IR/JxOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/SymbolTable.h"

#include "llvm/ADT/DenseSet.h"

using namespace mlir;
using namespace mlir::jx;
using namespace mlir::jx::batching;

std::optional<StringRef> batching::getCollectiveAxis(Operation *op) {
  if (!isa<PsumOp, PmeanOp, PmaxOp, PminOp, AllGatherOp, AxisIndexOp,
           PpermuteOp>(op))
    return std::nullopt;
  return op->getAttrOfType<StringAttr>("axis_name").getValue();
}

namespace {

/// A scalar constant of `elementType` broadcast to the shape of `like`.
Value fullLike(OpBuilder &builder, Location loc, Value like, double value) {
  auto type = cast<RankedTensorType>(like.getType());
  Type elementType = type.getElementType();
  auto scalarType = RankedTensorType::get({}, elementType);
  Attribute scalar;
  if (isa<FloatType>(elementType))
    scalar = builder.getFloatAttr(elementType, value);
  else
    scalar = builder.getIntegerAttr(elementType, static_cast<int64_t>(value));
  Value constant = ConstantOp::create(
      builder, loc, DenseElementsAttr::get(scalarType, scalar));
  SmallVector<Value> dynamicSizes;
  for (int64_t d = 0, e = type.getRank(); d < e; ++d)
    if (type.isDynamicDim(d))
      dynamicSizes.push_back(
          DimOp::create(builder, loc, builder.getIndexType(), like, d));
  return BroadcastInDimOp::create(builder, loc, type, constant,
                                  ArrayRef<int64_t>{}, dynamicSizes);
}

/// `value` as `type`, a shape that differs only where one of them is
/// dynamic (a `jx.reshape` that moves no element).
Value castTo(OpBuilder &builder, Location loc, Value value, Type type) {
  if (value.getType() == type)
    return value;
  auto target = cast<RankedTensorType>(type);
  SmallVector<Value> dynamicSizes;
  for (int64_t d = 0, e = target.getRank(); d < e; ++d)
    if (target.isDynamicDim(d))
      dynamicSizes.push_back(
          DimOp::create(builder, loc, builder.getIndexType(), value, d));
  return ReshapeOp::create(builder, loc, target, value, dynamicSizes);
}

/// psum/pmean/pmax/pmin over the batch dimension (at 0 in `x`).
Value allReduce(Operation *op, OpBuilder &builder, Value x,
                const BatchSize &size) {
  Location loc = op->getLoc();
  auto type = cast<RankedTensorType>(x.getType());
  auto laneType = RankedTensorType::get(type.getShape().drop_front(),
                                        type.getElementType());
  ReduceKind kind = ReduceKind::Sum;
  if (isa<PmaxOp>(op))
    kind = ReduceKind::Max;
  else if (isa<PminOp>(op))
    kind = ReduceKind::Min;
  auto reduce = [&](Value v) -> Value {
    return ReduceOp::create(builder, loc, laneType,
                            ReduceKindAttr::get(builder.getContext(), kind), v,
                            builder.getDenseI64ArrayAttr({0}));
  };
  Value lane = reduce(x);
  if (isa<PmeanOp>(op)) {
    // The lane count in the element type: a sum of ones (the batch size may
    // be known only at run time).
    Value count = reduce(fullLike(builder, loc, x, 1.0));
    lane = DivOp::create(builder, loc, laneType, lane, count);
  }
  return broadcastBatch(builder, loc, lane, size);
}

/// ppermute over the batch dimension (at 0 in `x`, static size): lane `t`
/// gets lane `s` for each pair `(s, t)`, zeros where no pair targets it.
FailureOr<Value> permuteLanes(PpermuteOp op, OpBuilder &builder, Value x,
                              const BatchSize &size) {
  Location loc = op.getLoc();
  if (size.isDynamic())
    return op.emitError("batching of 'jx.ppermute' over a vmap axis whose "
                        "size is known only at run time is not supported yet");
  SmallVector<int64_t> sourceOf(size.size, -1);
  SmallVector<int64_t> pairs(op.getSourceTargetPairs().getValues<int64_t>());
  for (size_t i = 0; i + 1 < pairs.size(); i += 2) {
    int64_t source = pairs[i], target = pairs[i + 1];
    if (source < 0 || source >= size.size || target < 0 || target >= size.size)
      return op.emitError("ppermute pair (")
             << source << ", " << target << ") is out of range for axis '"
             << op.getAxisName() << "' of size " << size.size;
    sourceOf[target] = source;
  }
  auto type = cast<RankedTensorType>(x.getType());
  if (!type.hasStaticShape())
    return op.emitError("batching of 'jx.ppermute' on a value of dynamic "
                        "shape is not supported yet");
  SmallVector<int64_t> laneShape(type.getShape());
  laneShape[0] = 1;
  auto laneType = RankedTensorType::get(laneShape, type.getElementType());
  int64_t rank = type.getRank();
  Value zeros;
  SmallVector<Value> lanes;
  for (int64_t source : sourceOf) {
    if (source < 0) {
      if (!zeros)
        zeros = ConstantOp::create(
            builder, loc,
            DenseElementsAttr::get(laneType,
                                   builder.getZeroAttr(type.getElementType())));
      lanes.push_back(zeros);
      continue;
    }
    SmallVector<int64_t> start(rank, 0), limit(type.getShape()),
        stride(rank, 1);
    start[0] = source;
    limit[0] = source + 1;
    lanes.push_back(
        SliceOp::create(builder, loc, laneType, x, start, limit, stride));
  }
  return ConcatenateOp::create(builder, loc, type, lanes, 0).getResult();
}

/// Transparent batching of a collective over another axis: it stays, with
/// the batch dimension at 0 of its operand and result.
struct OtherAxisBatchingModel
    : public JxBatchableOpInterface::FallbackModel<OtherAxisBatchingModel> {
  FailureOr<SmallVector<BatchedValue>>
  batch(Operation *op, OpBuilder &builder, ArrayRef<Value> operands,
        ArrayRef<std::optional<int64_t>> batchDims) const {
    Location loc = op->getLoc();
    BatchSize size = findBatchSize(builder, loc, operands, batchDims);
    Value x = toFront(builder, loc, operands[0], batchDims[0], size);
    Operation *batched = builder.clone(*op);
    batched->setOperand(0, x);
    batched->getResult(0).setType(
        insertDim(op->getResult(0).getType(), 0, size.size));
    if (auto gather = dyn_cast<AllGatherOp>(batched))
      gather.setAxis(gather.getAxis() + 1);
    return SmallVector<BatchedValue>{{batched->getResult(0), 0}};
  }
};

template <typename... OpTys> void attachOtherAxis(MLIRContext *ctx) {
  (OpTys::template attachInterface<OtherAxisBatchingModel>(*ctx), ...);
}

} // namespace

FailureOr<SmallVector<BatchedValue>> batching::bindCollective(
    Operation *op, OpBuilder &builder, ArrayRef<Value> operands,
    ArrayRef<std::optional<int64_t>> batchDims, const BatchSize &size) {
  Location loc = op->getLoc();
  auto atFront = [](Value v) { return SmallVector<BatchedValue>{{v, 0}}; };
  if (isa<AxisIndexOp>(op)) {
    auto type = cast<RankedTensorType>(op->getResult(0).getType());
    SmallVector<Value> dynamicSizes;
    if (size.isDynamic())
      dynamicSizes.push_back(size.dynamic);
    return atFront(IotaOp::create(builder, loc, insertDim(type, 0, size.size),
                                  0, dynamicSizes));
  }
  Value x = toFront(builder, loc, operands[0], batchDims[0], size);
  if (isa<PsumOp, PmeanOp, PmaxOp, PminOp>(op))
    return atFront(allReduce(op, builder, x, size));
  if (auto ppermute = dyn_cast<PpermuteOp>(op)) {
    FailureOr<Value> permuted = permuteLanes(ppermute, builder, x, size);
    if (failed(permuted))
      return failure();
    return atFront(*permuted);
  }
  auto gather = cast<AllGatherOp>(op);
  // Every lane sees the whole batched value, its batch dimension at `axis`.
  int64_t axis = gather.getAxis();
  Value lane = moveDim(builder, loc, x, 0, axis);
  if (gather.getTiled()) {
    auto type = cast<RankedTensorType>(lane.getType());
    if (!type.hasStaticShape())
      return gather.emitError("batching of tiled 'jx.all_gather' on a value "
                              "of dynamic shape is not supported yet");
    SmallVector<int64_t> shape(type.getShape());
    shape[axis] *= shape[axis + 1];
    shape.erase(shape.begin() + axis + 1);
    lane = ReshapeOp::create(
        builder, loc, RankedTensorType::get(shape, type.getElementType()), lane,
        ValueRange{});
  }
  lane = castTo(builder, loc, lane, gather.getType());
  return atFront(broadcastBatch(builder, loc, lane, size));
}

LogicalResult batching::checkNoUnboundCollectives(ModuleOp module) {
  // Only functions the program can still reach count: the callees of
  // expanded vmaps keep their collectives until symbol-dce drops them.
  SmallVector<Operation *> worklist;
  llvm::DenseSet<Operation *> live;
  for (auto fn : module.getOps<func::FuncOp>())
    if (!fn.isPrivate() && live.insert(fn).second)
      worklist.push_back(fn);
  while (!worklist.empty()) {
    Operation *fn = worklist.pop_back_val();
    std::optional<SymbolTable::UseRange> uses =
        SymbolTable::getSymbolUses(&fn->getRegion(0));
    if (!uses)
      continue;
    for (const SymbolTable::SymbolUse &use : *uses)
      if (Operation *callee = SymbolTable::lookupNearestSymbolFrom(
              module, use.getSymbolRef().getRootReference()))
        if (isa<func::FuncOp>(callee) && live.insert(callee).second)
          worklist.push_back(callee);
  }
  bool failedCheck = false;
  for (auto fn : module.getOps<func::FuncOp>()) {
    if (!live.contains(fn))
      continue;
    fn.walk([&](Operation *op) {
      if (std::optional<StringRef> axis = getCollectiveAxis(op)) {
        op->emitError("'") << op->getName().getStringRef().drop_front(3)
                           << "' over axis '" << *axis
                           << "' is not inside a vmap or pmap that binds it";
        failedCheck = true;
      }
    });
  }
  return failure(failedCheck);
}

namespace {

/// jx.batch_max: the maximum over the batch, no longer batched.
JX_BATCHING_MODEL(BatchMaxBatching, BatchMaxOp) {
  Value batched = moveDim(builder, loc, operands[0], *batchDims[0], 0);
  Value max = ReduceOp::create(
      builder, loc, op.getType(),
      ReduceKindAttr::get(builder.getContext(), ReduceKind::Max), batched,
      builder.getDenseI64ArrayAttr({0}));
  return SmallVector<BatchedValue>{{max, std::nullopt}};
}

} // namespace

void mlir::jx::registerJxCollectiveBatchingModels(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, JxDialect *) {
    BatchMaxOp::attachInterface<BatchMaxBatching>(*ctx);
    attachOtherAxis<PsumOp, PmeanOp, PmaxOp, PminOp, AllGatherOp, PpermuteOp>(
        ctx);
  });
}
