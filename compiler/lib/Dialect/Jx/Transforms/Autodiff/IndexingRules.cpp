//===- IndexingRules.cpp - JVP/VJP of the indexing and scan jx ops
//---------===//
//
// dynamic_slice <-> dynamic_update_slice into zeros, gather <-> scatter add
// (the dimension numbers map one to one, as in JAX), scatter add/set, and
// cumulative sum (its transpose is the cumulative sum in the other
// direction). Index operands get no cotangent.
//
//===----------------------------------------------------------------------===//

#include "AutodiffUtils.h"

#include "mlir/IR/BuiltinTypes.h"

using namespace mlir;
using namespace mlir::jx;
using namespace mlir::jx::autodiff;

namespace {

struct DynamicSliceModel
    : JxDifferentiableOpInterface::ExternalModel<DynamicSliceModel,
                                                 DynamicSliceOp> {
  Rule jvp(Operation *op, OpBuilder &b, ValueRange t) const {
    auto slice = cast<DynamicSliceOp>(op);
    if (!t[0])
      return SmallVector<Value>{Value()};
    return SmallVector<Value>{DynamicSliceOp::create(
        b, op->getLoc(), slice.getType(), t[0], slice.getStartIndices(),
        slice.getSliceSizesAttr(), slice.getDynamicSizes())};
  }
  Rule vjp(Operation *op, OpBuilder &b, ValueRange ct) const {
    auto slice = cast<DynamicSliceOp>(op);
    Location loc = op->getLoc();
    Value zero = zerosLike(b, loc, slice.getOperand());
    return SmallVector<Value>{DynamicUpdateSliceOp::create(
        b, loc, zero.getType(), zero, ct[0], slice.getStartIndices())};
  }
};

struct DynamicUpdateSliceModel
    : JxDifferentiableOpInterface::ExternalModel<DynamicUpdateSliceModel,
                                                 DynamicUpdateSliceOp> {
  Rule jvp(Operation *op, OpBuilder &b, ValueRange t) const {
    auto dus = cast<DynamicUpdateSliceOp>(op);
    Location loc = op->getLoc();
    Value operand = t[0] ? t[0] : zerosLike(b, loc, dus.getOperand());
    Value update = t[1] ? t[1] : zerosLike(b, loc, dus.getUpdate());
    return SmallVector<Value>{DynamicUpdateSliceOp::create(
        b, loc, dus.getType(), operand, update, dus.getStartIndices())};
  }
  Rule vjp(Operation *op, OpBuilder &b, ValueRange ct) const {
    auto dus = cast<DynamicUpdateSliceOp>(op);
    Location loc = op->getLoc();
    auto updateType = cast<RankedTensorType>(dus.getUpdate().getType());
    if (!updateType.hasStaticShape())
      return notSupported(op, "with a dynamic update shape");
    Value operandCt = DynamicUpdateSliceOp::create(
        b, loc, dus.getType(), ct[0], zerosLike(b, loc, dus.getUpdate()),
        dus.getStartIndices());
    Value updateCt =
        DynamicSliceOp::create(b, loc, updateType, ct[0], dus.getStartIndices(),
                               updateType.getShape(), ValueRange{});
    return SmallVector<Value>{operandCt, updateCt};
  }
};

ScatterDimensionNumbersAttr toScatter(GatherDimensionNumbersAttr g) {
  return ScatterDimensionNumbersAttr::get(
      g.getContext(), g.getOffsetDims(), g.getCollapsedSliceDims(),
      g.getStartIndexMap(), g.getIndexVectorDim());
}

/// gather(ct) reading the windows that `scatter` wrote.
FailureOr<Value> gatherWindows(OpBuilder &b, ScatterOp scatter, Value ct) {
  ScatterDimensionNumbersAttr s = scatter.getDimensionNumbers();
  auto updatesType = cast<RankedTensorType>(scatter.getUpdates().getType());
  auto operandType = cast<RankedTensorType>(scatter.getOperand().getType());
  if (!updatesType.hasStaticShape())
    return failure();
  auto g = GatherDimensionNumbersAttr::get(
      s.getContext(), s.getUpdateWindowDims(), s.getInsertedWindowDims(),
      s.getScatterDimsToOperandDims(), s.getIndexVectorDim());
  SmallVector<int64_t> sliceSizes;
  unsigned window = 0;
  for (int64_t d = 0; d < operandType.getRank(); ++d) {
    if (llvm::is_contained(s.getInsertedWindowDims(), d)) {
      sliceSizes.push_back(1);
      continue;
    }
    sliceSizes.push_back(
        updatesType.getDimSize(s.getUpdateWindowDims()[window++]));
  }
  return Value(GatherOp::create(b, scatter.getLoc(), updatesType, ct,
                                scatter.getScatterIndices(), g, sliceSizes));
}

struct GatherModel
    : JxDifferentiableOpInterface::ExternalModel<GatherModel, GatherOp> {
  Rule jvp(Operation *op, OpBuilder &b, ValueRange t) const {
    auto gather = cast<GatherOp>(op);
    if (!t[0])
      return SmallVector<Value>{Value()};
    return SmallVector<Value>{GatherOp::create(
        b, op->getLoc(), gather.getType(), t[0], gather.getStartIndices(),
        gather.getDimensionNumbers(), gather.getSliceSizesAttr())};
  }
  Rule vjp(Operation *op, OpBuilder &b, ValueRange ct) const {
    auto gather = cast<GatherOp>(op);
    Location loc = op->getLoc();
    Value zero = zerosLike(b, loc, gather.getOperand());
    return SmallVector<Value>{
        ScatterOp::create(b, loc, zero.getType(), ScatterKind::Add, zero,
                          gather.getStartIndices(), ct[0],
                          toScatter(gather.getDimensionNumbers()))};
  }
};

struct ScatterModel
    : JxDifferentiableOpInterface::ExternalModel<ScatterModel, ScatterOp> {
  Rule jvp(Operation *op, OpBuilder &b, ValueRange t) const {
    auto scatter = cast<ScatterOp>(op);
    ScatterKind kind = scatter.getKind();
    if (kind != ScatterKind::Add && kind != ScatterKind::Set)
      return notSupported(
          op, ("of kind '" + stringifyScatterKind(kind) + "'").str());
    Location loc = op->getLoc();
    Value operand = t[0] ? t[0] : zerosLike(b, loc, scatter.getOperand());
    Value updates = t[2] ? t[2] : zerosLike(b, loc, scatter.getUpdates());
    return SmallVector<Value>{ScatterOp::create(
        b, loc, scatter.getType(), kind, operand, scatter.getScatterIndices(),
        updates, scatter.getDimensionNumbers())};
  }
  Rule vjp(Operation *op, OpBuilder &b, ValueRange ct) const {
    auto scatter = cast<ScatterOp>(op);
    ScatterKind kind = scatter.getKind();
    if (kind != ScatterKind::Add && kind != ScatterKind::Set)
      return notSupported(
          op, ("of kind '" + stringifyScatterKind(kind) + "'").str());
    Location loc = op->getLoc();
    FailureOr<Value> updatesCt = gatherWindows(b, scatter, ct[0]);
    if (failed(updatesCt))
      return notSupported(op, "with dynamic update shapes");
    Value operandCt = ct[0];
    if (kind == ScatterKind::Set)
      // Overwritten positions do not reach the result.
      operandCt = ScatterOp::create(b, loc, scatter.getType(), ScatterKind::Set,
                                    ct[0], scatter.getScatterIndices(),
                                    zerosLike(b, loc, scatter.getUpdates()),
                                    scatter.getDimensionNumbers());
    return SmallVector<Value>{operandCt, Value(), *updatesCt};
  }
};

struct CumulativeModel
    : JxDifferentiableOpInterface::ExternalModel<CumulativeModel,
                                                 CumulativeOp> {
  Rule make(Operation *op, OpBuilder &b, Value v, bool flip) const {
    auto cum = cast<CumulativeOp>(op);
    if (cum.getKind() != CumulativeKind::Sum)
      return notSupported(
          op,
          ("of kind '" + stringifyCumulativeKind(cum.getKind()) + "'").str());
    return SmallVector<Value>{CumulativeOp::create(
        b, op->getLoc(), cum.getType(), CumulativeKind::Sum, v, cum.getAxis(),
        cum.getReverse() != flip)};
  }
  Rule jvp(Operation *op, OpBuilder &b, ValueRange t) const {
    return make(op, b, t[0], false);
  }
  Rule vjp(Operation *op, OpBuilder &b, ValueRange ct) const {
    return make(op, b, ct[0], true);
  }
};

} // namespace

void autodiff::registerIndexingRules(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, JxDialect *) {
    DynamicSliceOp::attachInterface<DynamicSliceModel>(*ctx);
    DynamicUpdateSliceOp::attachInterface<DynamicUpdateSliceModel>(*ctx);
    GatherOp::attachInterface<GatherModel>(*ctx);
    ScatterOp::attachInterface<ScatterModel>(*ctx);
    CumulativeOp::attachInterface<CumulativeModel>(*ctx);
  });
}
