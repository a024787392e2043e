//===- JxCollectiveOps.cpp - collectives over named axes -----------------===//
//
// Verifiers of all_gather and ppermute.
//
//===----------------------------------------------------------------------===//

#include "jx/Dialect/Jx/IR/JxOps.h"

#include "JxOpsCommon.h"

#include "llvm/ADT/SmallSet.h"

using namespace mlir;
using namespace mlir::jx;
using namespace mlir::jx::util;

LogicalResult AllGatherOp::verify() {
  auto operand = getOperand().getType();
  auto result = getType();
  int64_t axis = getAxis();
  int64_t rank = operand.getRank();
  SmallVector<int64_t> expected(operand.getShape());
  if (getTiled()) {
    if (axis < 0 || axis >= rank)
      return emitOpError() << "axis " << axis << " is out of range for rank "
                           << rank;
    expected[axis] = ShapedType::kDynamic;
  } else {
    if (axis < 0 || axis > rank)
      return emitOpError() << "axis " << axis << " is out of range for rank "
                           << rank + 1;
    expected.insert(expected.begin() + axis, ShapedType::kDynamic);
  }
  return verifyResultShape(*this, expected, result);
}

LogicalResult PpermuteOp::verify() {
  auto pairs = getSourceTargetPairs();
  auto type = cast<ShapedType>(pairs.getType());
  if (type.getRank() != 2 || type.getDimSize(1) != 2)
    return emitOpError() << "source_target_pairs must have shape [n, 2], got "
                         << formatShape(type.getShape());
  SmallVector<int64_t> values(pairs.getValues<int64_t>());
  llvm::SmallSet<int64_t, 8> sources, targets;
  for (size_t i = 0; i < values.size(); i += 2) {
    int64_t source = values[i], target = values[i + 1];
    if (source < 0 || target < 0)
      return emitOpError() << "pair (" << source << ", " << target
                           << ") has a negative index";
    if (!sources.insert(source).second)
      return emitOpError() << "source " << source << " appears twice";
    if (!targets.insert(target).second)
      return emitOpError() << "target " << target << " appears twice";
  }
  return success();
}
