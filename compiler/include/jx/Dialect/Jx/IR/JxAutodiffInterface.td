//===- JxAutodiffInterface.td - Differentiation rules -------*- tablegen -*-===//
//
// The per-op rules that jx-expand-autodiff composes. Implementations are
// attached as external models by the Autodiff transform library
// (`mlir::jx::registerJxAutodiffInterfaceModels`), one file per op family.
//
//===----------------------------------------------------------------------===//

#ifndef JX_DIALECT_JX_IR_JXAUTODIFFINTERFACE_TD
#define JX_DIALECT_JX_IR_JXAUTODIFFINTERFACE_TD

include "mlir/IR/OpBase.td"

def JxDifferentiableOpInterface : OpInterface<"JxDifferentiableOpInterface"> {
  let description = [{
    Forward (JVP) and reverse (VJP) rules of one op. A null `Value` stands
    for a zero tangent/cotangent everywhere: the rules receive nulls and may
    return nulls, so that zeros are never materialized needlessly.

    The rules build their IR with the given builder (positioned after the
    op for `jvp`, in the backward sweep for `vjp`) and may use the op's
    operands and results (the primal values). A rule that cannot handle an
    instance (e.g. dynamic shapes) emits an error at the op and fails.

    Ops whose results are not floating point (integer ops, comparisons) need
    no model: the pass gives them no tangent. Ops with float results and no
    model are reported as "not supported yet".
  }];
  let cppNamespace = "::mlir::jx";
  let methods = [
    InterfaceMethod<[{
        Tangents of the results from the tangents of the operands (one per
        operand, null for zero; at least one is non-null). Returns one value
        per result, null for zero.
      }], "::mlir::FailureOr<::llvm::SmallVector<::mlir::Value>>", "jvp",
      (ins "::mlir::OpBuilder &":$builder, "::mlir::ValueRange":$tangents)>,
    InterfaceMethod<[{
        Cotangents of the operands from the cotangents of the results (one
        per result, null for zero; at least one is non-null). Returns one
        value per operand, null for none/zero.
      }], "::mlir::FailureOr<::llvm::SmallVector<::mlir::Value>>", "vjp",
      (ins "::mlir::OpBuilder &":$builder,
           "::mlir::ValueRange":$resultCotangents)>,
  ];
}

#endif // JX_DIALECT_JX_IR_JXAUTODIFFINTERFACE_TD
