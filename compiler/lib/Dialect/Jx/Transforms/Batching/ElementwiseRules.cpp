//===- ElementwiseRules.cpp - Batching rules of elementwise ops -----------===//
//
// Unary, binary, compare, select, convert, predicates and stop_gradient: all
// operands get their batch dimension at 0 (an unbatched operand is broadcast
// along it), and the op is rebuilt on the batched shapes.
//
//===----------------------------------------------------------------------===//

#include "BatchingUtils.h"

#include "jx/Dialect/Jx/IR/JxOps.h"

using namespace mlir;
using namespace mlir::jx;
using namespace mlir::jx::batching;

namespace {

template <typename OpTy>
struct ElementwiseBatchingModel : public JxBatchableOpInterface::ExternalModel<
                                      ElementwiseBatchingModel<OpTy>, OpTy> {
  FailureOr<SmallVector<BatchedValue>>
  batch(Operation *op, OpBuilder &builder, ArrayRef<Value> operands,
        ArrayRef<std::optional<int64_t>> batchDims) const {
    Location loc = op->getLoc();
    BatchSize size = findBatchSize(builder, loc, operands, batchDims);
    SmallVector<Value> newOperands;
    for (auto [value, dim] : llvm::zip_equal(operands, batchDims)) {
      // A rank-0 select predicate picks whole operands; unbatched it still
      // does, batched it becomes a per-element predicate.
      if (isa<SelectOp>(op) && newOperands.empty() && !dim &&
          cast<RankedTensorType>(value.getType()).getRank() == 0) {
        newOperands.push_back(value);
        continue;
      }
      newOperands.push_back(toFront(builder, loc, value, dim, size));
    }
    if (auto select = dyn_cast<SelectOp>(op)) {
      auto predType = cast<RankedTensorType>(select.getPred().getType());
      auto resultType = cast<RankedTensorType>(select.getType());
      if (predType.getRank() == 0 && resultType.getRank() > 0 && batchDims[0]) {
        // Per-batch-element choice: broadcast the predicate to the shape.
        Value onTrue = newOperands[1];
        SmallVector<Value> dynamicSizes;
        auto batchedType = cast<RankedTensorType>(onTrue.getType());
        for (int64_t d = 0, e = batchedType.getRank(); d < e; ++d)
          if (batchedType.isDynamicDim(d))
            dynamicSizes.push_back(
                DimOp::create(builder, loc, builder.getIndexType(), onTrue, d));
        auto predBatchedType = RankedTensorType::get(batchedType.getShape(),
                                                     predType.getElementType());
        newOperands[0] = BroadcastInDimOp::create(
            builder, loc, predBatchedType, newOperands[0], ArrayRef<int64_t>{0},
            dynamicSizes);
      }
    }
    OperationState state(loc, op->getName());
    state.addOperands(newOperands);
    state.addAttributes(op->getAttrs());
    for (Type type : op->getResultTypes())
      state.addTypes(insertDim(type, 0, size.size));
    Operation *batched = builder.create(state);
    SmallVector<BatchedValue> results;
    for (Value result : batched->getResults())
      results.push_back({result, 0});
    return results;
  }
};

template <typename... OpTys> void attachElementwise(MLIRContext *ctx) {
  (OpTys::template attachInterface<ElementwiseBatchingModel<OpTys>>(*ctx), ...);
}

} // namespace

void mlir::jx::registerJxElementwiseBatchingModels(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, JxDialect *) {
    attachElementwise<
        // Unary.
        NegOp, AbsOp, SignOp, ExpOp, Exp2Op, LogOp, Log1pOp, Log2Op, Expm1Op,
        SqrtOp, RsqrtOp, SinOp, CosOp, TanOp, AsinOp, AcosOp, AtanOp, SinhOp,
        CoshOp, TanhOp, FloorOp, CeilOp, RoundOp, ErfOp, NotOp, LogicalNotOp,
        ReciprocalOp, SquareOp, IsNanOp, IsFiniteOp, ConvertOp, StopGradientOp,
        // Binary, compare, select.
        AddOp, SubOp, MulOp, DivOp, FloorDivOp, RemOp, PowOp, MaxOp, MinOp,
        Atan2Op, AndOp, OrOp, XorOp, ShlOp, ShrOp, CompareOp, SelectOp>(ctx);
  });
}
