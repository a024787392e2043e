//===- AutodiffUtils.cpp - Helpers shared by the autodiff rules -----------===//

#include "AutodiffUtils.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Transforms/RegionUtils.h"
#include "llvm/ADT/SetVector.h"

#include "jx/Dialect/Jx/IR/JxAutodiffInterface.cpp.inc"

using namespace mlir;
using namespace mlir::jx;

bool autodiff::isFloatTensor(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  return tensor && isa<FloatType>(tensor.getElementType());
}

Value autodiff::splatLike(OpBuilder &b, Location loc, Value like,
                          double value) {
  auto type = cast<RankedTensorType>(like.getType());
  Type elementType = type.getElementType();
  Attribute element = isa<FloatType>(elementType)
                          ? Attribute(b.getFloatAttr(elementType, value))
                          : Attribute(b.getIntegerAttr(
                                elementType, static_cast<int64_t>(value)));
  if (type.hasStaticShape())
    return ConstantOp::create(b, loc, DenseElementsAttr::get(type, element));
  auto scalarType = RankedTensorType::get({}, elementType);
  Value scalar =
      ConstantOp::create(b, loc, DenseElementsAttr::get(scalarType, element));
  SmallVector<Value> sizes;
  for (int64_t i = 0; i < type.getRank(); ++i)
    if (type.isDynamicDim(i))
      sizes.push_back(DimOp::create(b, loc, like, i));
  return BroadcastInDimOp::create(b, loc, type, scalar, ArrayRef<int64_t>{},
                                  sizes);
}

Value autodiff::add(OpBuilder &b, Location loc, Value a, Value c) {
  return AddOp::create(b, loc, a.getType(), a, c);
}
Value autodiff::sub(OpBuilder &b, Location loc, Value a, Value c) {
  return SubOp::create(b, loc, a.getType(), a, c);
}
/// Whether `v` is a splat constant (possibly broadcast) equal to `value`.
static bool isSplat(Value v, double value) {
  if (auto bc = v.getDefiningOp<BroadcastInDimOp>())
    v = bc.getOperand();
  auto constant = v.getDefiningOp<ConstantOp>();
  if (!constant)
    return false;
  auto dense = dyn_cast<DenseFPElementsAttr>(constant.getValue());
  return dense && dense.isSplat() &&
         dense.getSplatValue<APFloat>().convertToDouble() == value;
}

Value autodiff::mul(OpBuilder &b, Location loc, Value a, Value c) {
  // Seeds and unit partials: keep `x * 1` out of the generated code.
  if (isSplat(c, 1.0) && a.getType() == c.getType())
    return a;
  if (isSplat(a, 1.0) && a.getType() == c.getType())
    return c;
  return MulOp::create(b, loc, a.getType(), a, c);
}
Value autodiff::div(OpBuilder &b, Location loc, Value a, Value c) {
  return DivOp::create(b, loc, a.getType(), a, c);
}
Value autodiff::neg(OpBuilder &b, Location loc, Value a) {
  return NegOp::create(b, loc, a.getType(), a);
}
Value autodiff::scale(OpBuilder &b, Location loc, Value a, double value) {
  return mul(b, loc, a, splatLike(b, loc, a, value));
}

Value autodiff::addT(OpBuilder &b, Location loc, Value a, Value c) {
  if (!a)
    return c;
  if (!c)
    return a;
  return add(b, loc, a, c);
}
Value autodiff::subT(OpBuilder &b, Location loc, Value a, Value c) {
  if (!c)
    return a;
  if (!a)
    return neg(b, loc, c);
  return sub(b, loc, a, c);
}
Value autodiff::negT(OpBuilder &b, Location loc, Value a) {
  return a ? neg(b, loc, a) : Value();
}
Value autodiff::mulT(OpBuilder &b, Location loc, Value a, Value c) {
  if (!a || !c)
    return Value();
  return mul(b, loc, a, c);
}

Value autodiff::indicator(OpBuilder &b, Location loc, ComparisonDirection dir,
                          Value lhs, Value rhs) {
  Value pred = CompareOp::create(b, loc, dir, lhs, rhs);
  return ConvertOp::create(b, loc, lhs.getType(), pred);
}

LogicalResult autodiff::notSupported(Operation *op, StringRef why) {
  InFlightDiagnostic diag = op->emitError("differentiation of '")
                            << op->getName() << "'";
  if (!why.empty())
    diag << " " << why;
  diag << " is not supported yet";
  return diag;
}

SmallVector<Value> autodiff::inputsOf(Operation *op) {
  llvm::SetVector<Value> inputs(op->operand_begin(), op->operand_end());
  for (Region &region : op->getRegions())
    getUsedValuesDefinedAbove(region, inputs);
  return SmallVector<Value>(inputs.begin(), inputs.end());
}

bool autodiff::hasStaticShapes(Operation *op) {
  auto isStatic = [](Type type) {
    auto tensor = dyn_cast<RankedTensorType>(type);
    return !tensor || tensor.hasStaticShape();
  };
  return llvm::all_of(op->getOperandTypes(), isStatic) &&
         llvm::all_of(op->getResultTypes(), isStatic);
}

void mlir::jx::registerJxAutodiffInterfaceModels(DialectRegistry &registry) {
  autodiff::registerElementwiseRules(registry);
  autodiff::registerShapeRules(registry);
  autodiff::registerIndexingRules(registry);
  autodiff::registerCollectiveRules(registry);
}
