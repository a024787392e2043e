//===- JxElementwiseOps.cpp - constant, iota and elementwise ops ---------===//
//
// Folders, verifiers and result-type inference of the elementwise family.
//
//===----------------------------------------------------------------------===//

#include "jx/Dialect/Jx/IR/JxOps.h"

#include "JxOpsCommon.h"

using namespace mlir;
using namespace mlir::jx;
using namespace mlir::jx::util;

/// The `i1` tensor with the shape of `type`, for predicates and comparisons.
static LogicalResult inferBoolResult(MLIRContext *context,
                                     std::optional<Location> location,
                                     Type operandType,
                                     SmallVectorImpl<Type> &inferred) {
  auto tensor = dyn_cast<RankedTensorType>(operandType);
  if (!tensor)
    return emitOptionalError(location, "expected a ranked tensor operand");
  inferred.push_back(tensor.clone(IntegerType::get(context, 1)));
  return success();
}

//===----------------------------------------------------------------------===//
// ConstantOp
//===----------------------------------------------------------------------===//

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

//===----------------------------------------------------------------------===//
// IotaOp
//===----------------------------------------------------------------------===//

LogicalResult IotaOp::verify() {
  auto type = getType();
  int64_t dim = getIotaDimension();
  if (dim < 0 || dim >= type.getRank())
    return emitOpError() << "iota_dimension " << dim
                         << " is out of range for rank " << type.getRank();
  return verifyDynamicDimCount(*this, type, getDynamicDims());
}

//===----------------------------------------------------------------------===//
// IsNanOp, IsFiniteOp, CompareOp
//===----------------------------------------------------------------------===//

LogicalResult IsNanOp::inferReturnTypes(MLIRContext *context,
                                        std::optional<Location> location,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &inferred) {
  return inferBoolResult(context, location, adaptor.getOperand().getType(),
                         inferred);
}

LogicalResult IsFiniteOp::inferReturnTypes(MLIRContext *context,
                                           std::optional<Location> location,
                                           Adaptor adaptor,
                                           SmallVectorImpl<Type> &inferred) {
  return inferBoolResult(context, location, adaptor.getOperand().getType(),
                         inferred);
}

LogicalResult CompareOp::inferReturnTypes(MLIRContext *context,
                                          std::optional<Location> location,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &inferred) {
  return inferBoolResult(context, location, adaptor.getLhs().getType(),
                         inferred);
}

//===----------------------------------------------------------------------===//
// SelectOp
//===----------------------------------------------------------------------===//

LogicalResult SelectOp::verify() {
  auto pred = getPred().getType();
  auto result = getType();
  if (pred.getRank() != 0 &&
      !shapesCompatible(pred.getShape(), result.getShape()))
    return emitOpError() << "predicate shape " << formatShape(pred.getShape())
                         << " is neither rank 0 nor the result shape "
                         << formatShape(result.getShape());
  return success();
}

//===----------------------------------------------------------------------===//
// ConvertOp
//===----------------------------------------------------------------------===//

OpFoldResult ConvertOp::fold(FoldAdaptor) {
  if (getOperand().getType() == getType())
    return getOperand();
  return {};
}
