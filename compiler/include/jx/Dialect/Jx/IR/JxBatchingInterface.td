//===- JxBatchingInterface.td - vmap rules per op -----------*- tablegen -*-===//
//
// `JxBatchableOpInterface`: how an op computes on operands that carry an extra
// batch dimension (the rule behind `jx.vmap`). The models are external: they
// live in the JxTransforms library (Batching/) and are attached with
// `registerJxBatchingInterfaceModels`.
//
//===----------------------------------------------------------------------===//

#ifndef JX_DIALECT_JX_IR_JXBATCHINGINTERFACE_TD
#define JX_DIALECT_JX_IR_JXBATCHINGINTERFACE_TD

include "mlir/IR/OpBase.td"

def JxBatchableOpInterface : OpInterface<"JxBatchableOpInterface"> {
  let cppNamespace = "::mlir::jx";
  let description = [{
    The batching rule of an op. `operands` are the batched values of the op's
    operands, in order; `batchDims[i]` is the batch dimension of
    `operands[i]`, or `std::nullopt` when that operand is the same for every
    batch element (then it is the original operand). At least one operand is
    batched. The rule builds ops at the builder's insertion point (moving batch
    dimensions where it needs them, usually to 0, and broadcasting unbatched
    operands) and returns one (value, batch dimension) pair per result of the
    op. On failure it has emitted an error at the op.
  }];
  let methods = [
    InterfaceMethod<
      "Builds the batched computation of this op.",
      "::mlir::FailureOr<::llvm::SmallVector<::mlir::jx::BatchedValue>>",
      "batch",
      (ins "::mlir::OpBuilder &":$builder,
           "::mlir::ArrayRef<::mlir::Value>":$operands,
           "::mlir::ArrayRef<std::optional<int64_t>>":$batchDims)>
  ];
}

#endif // JX_DIALECT_JX_IR_JXBATCHINGINTERFACE_TD
