//===- JxControlFlowOps.cpp - if, switch, while, fori, scan --------------===//
//
// Region verifiers: block arguments and `jx.yield` operands must match what
// each op passes in and gives back.
//
//===----------------------------------------------------------------------===//

#include "jx/Dialect/Jx/IR/JxOps.h"

#include "JxOpsCommon.h"

#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace mlir::jx;
using namespace mlir::jx::util;

/// Prints `(t0, t1)`.
static std::string formatTypes(TypeRange types) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << '(';
  llvm::interleaveComma(types, os);
  os << ')';
  return s;
}

/// Checks that the entry block of `region` takes arguments of `expected`.
static LogicalResult verifyBlockArgs(Operation *op, Region &region,
                                     TypeRange expected, StringRef name) {
  TypeRange actual = region.front().getArgumentTypes();
  if (actual != expected)
    return op->emitOpError()
           << name << " region takes arguments " << formatTypes(actual)
           << " but expects " << formatTypes(expected);
  return success();
}

/// Checks that `region` ends in a `jx.yield` of `expected` types.
static LogicalResult verifyYield(Operation *op, Region &region,
                                 TypeRange expected, StringRef name) {
  auto yield = dyn_cast<YieldOp>(region.front().getTerminator());
  if (!yield)
    return op->emitOpError() << name << " region must end in 'jx.yield'";
  TypeRange actual = yield.getValues().getTypes();
  if (actual != expected)
    return op->emitOpError() << name << " region yields " << formatTypes(actual)
                             << " but expects " << formatTypes(expected);
  return success();
}

/// The type of one slice along dimension 0 of `type`.
static RankedTensorType dropLeadingDim(Type type) {
  auto tensor = cast<RankedTensorType>(type);
  return RankedTensorType::get(tensor.getShape().drop_front(),
                               tensor.getElementType());
}

//===----------------------------------------------------------------------===//
// IfOp, SwitchOp
//===----------------------------------------------------------------------===//

LogicalResult IfOp::verifyRegions() {
  if (failed(verifyYield(*this, getThenRegion(), getResultTypes(), "then")))
    return failure();
  return verifyYield(*this, getElseRegion(), getResultTypes(), "else");
}

LogicalResult SwitchOp::verifyRegions() {
  if (getBranches().empty())
    return emitOpError() << "needs at least one branch";
  for (auto [i, branch] : llvm::enumerate(getBranches()))
    if (failed(verifyYield(*this, branch, getResultTypes(),
                           "branch #" + std::to_string(i))))
      return failure();
  return success();
}

//===----------------------------------------------------------------------===//
// WhileOp
//===----------------------------------------------------------------------===//

LogicalResult WhileOp::inferReturnTypes(MLIRContext *, std::optional<Location>,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &inferred) {
  llvm::append_range(inferred, adaptor.getInit().getTypes());
  return success();
}

LogicalResult WhileOp::verifyRegions() {
  TypeRange carries = getInit().getTypes();
  if (failed(verifyBlockArgs(*this, getCond(), carries, "cond")) ||
      failed(verifyBlockArgs(*this, getBody(), carries, "body")))
    return failure();
  Type pred = RankedTensorType::get({}, IntegerType::get(getContext(), 1));
  if (failed(verifyYield(*this, getCond(), pred, "cond")))
    return failure();
  return verifyYield(*this, getBody(), carries, "body");
}

//===----------------------------------------------------------------------===//
// ForiOp
//===----------------------------------------------------------------------===//

LogicalResult ForiOp::inferReturnTypes(MLIRContext *, std::optional<Location>,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &inferred) {
  llvm::append_range(inferred, adaptor.getInit().getTypes());
  return success();
}

LogicalResult ForiOp::verifyRegions() {
  SmallVector<Type> args{getLo().getType()};
  llvm::append_range(args, getInit().getTypes());
  if (failed(verifyBlockArgs(*this, getBody(), args, "body")))
    return failure();
  return verifyYield(*this, getBody(), getInit().getTypes(), "body");
}

//===----------------------------------------------------------------------===//
// ScanOp
//===----------------------------------------------------------------------===//

LogicalResult ScanOp::verify() {
  size_t numCarries = getInit().size();
  if (getNumResults() < numCarries)
    return emitOpError() << "has " << getNumResults()
                         << " results but needs at least one per carry ("
                         << numCarries << ")";
  for (auto [i, init, result] :
       llvm::enumerate(getInit().getTypes(), getCarryResults().getTypes()))
    if (init != result)
      return emitOpError() << "carry result #" << i << " has type " << result
                           << " but its init has type " << init;
  // Every xs and every stacked ys has the scan length as leading dimension.
  int64_t length = ShapedType::kDynamic;
  bool known = false;
  if (std::optional<uint64_t> attr = getLength()) {
    length = static_cast<int64_t>(*attr);
    known = true;
  } else if (getXs().empty()) {
    return emitOpError() << "needs a 'length' attribute when there are no xs";
  }
  auto checkLeading = [&](Type type, StringRef what,
                          size_t i) -> LogicalResult {
    auto tensor = cast<RankedTensorType>(type);
    if (tensor.getRank() == 0)
      return emitOpError() << what << " #" << i
                           << " must have a leading scan dimension, got "
                           << type;
    int64_t size = tensor.getDimSize(0);
    if (!dimsCompatible(size, length))
      return emitOpError() << what << " #" << i << " has leading dimension "
                           << size << " but the scan length is " << length;
    if (!known && !ShapedType::isDynamic(size)) {
      length = size;
      known = true;
    }
    return success();
  };
  for (auto [i, type] : llvm::enumerate(getXs().getTypes()))
    if (failed(checkLeading(type, "xs", i)))
      return failure();
  for (auto [i, type] : llvm::enumerate(getStackedResults().getTypes()))
    if (failed(checkLeading(type, "stacked result", i)))
      return failure();
  return success();
}

LogicalResult ScanOp::verifyRegions() {
  SmallVector<Type> args(getInit().getTypes());
  for (Type type : getXs().getTypes())
    args.push_back(dropLeadingDim(type));
  if (failed(verifyBlockArgs(*this, getBody(), args, "body")))
    return failure();
  SmallVector<Type> yields(getInit().getTypes());
  for (Type type : getStackedResults().getTypes())
    yields.push_back(dropLeadingDim(type));
  return verifyYield(*this, getBody(), yields, "body");
}

//===----------------------------------------------------------------------===//
// ReduceRegionOp
//===----------------------------------------------------------------------===//

LogicalResult ReduceRegionOp::verify() {
  size_t n = getInputs().size();
  if (n == 0)
    return emitOpError() << "needs at least one input";
  if (getInitValues().size() != n || getNumResults() != n)
    return emitOpError() << "needs one init value and one result per input ("
                         << n << "), got " << getInitValues().size() << " and "
                         << getNumResults();
  auto first = cast<RankedTensorType>(getInputs().front().getType());
  if (failed(
          verifyDimList(*this, getDimensions(), first.getRank(), "dimensions")))
    return failure();
  SmallVector<int64_t> expected;
  for (int64_t d = 0; d < first.getRank(); ++d)
    if (!llvm::is_contained(getDimensions(), d))
      expected.push_back(first.getDimSize(d));
  for (size_t i = 0; i < n; ++i) {
    auto input = cast<RankedTensorType>(getInputs()[i].getType());
    auto init = cast<RankedTensorType>(getInitValues()[i].getType());
    auto result = cast<RankedTensorType>(getResult(i).getType());
    if (!shapesCompatible(input.getShape(), first.getShape()))
      return emitOpError() << "input #" << i << " has shape "
                           << formatShape(input.getShape())
                           << " but input #0 has shape "
                           << formatShape(first.getShape());
    if (init.getRank() != 0 || init.getElementType() != input.getElementType())
      return emitOpError() << "init value #" << i << " must be a rank-0 tensor"
                           << " of " << input.getElementType() << ", got "
                           << init;
    if (result.getElementType() != input.getElementType() ||
        !shapesCompatible(result.getShape(), expected))
      return emitOpError() << "result #" << i << " has type " << result
                           << " but expects shape " << formatShape(expected)
                           << " of " << input.getElementType();
  }
  return success();
}

LogicalResult ReduceRegionOp::verifyRegions() {
  SmallVector<Type> args(getInitValues().getTypes());
  llvm::append_range(args, getInitValues().getTypes());
  if (failed(verifyBlockArgs(*this, getBody(), args, "body")))
    return failure();
  return verifyYield(*this, getBody(), getInitValues().getTypes(), "body");
}
