//===- JxOps.cpp - jx op definitions and shared verifier helpers ---------===//
//
// Instantiates the generated op classes; the hand-written parts of each op
// family live in Jx<Family>Ops.cpp.
//
//===----------------------------------------------------------------------===//

#include "jx/Dialect/Jx/IR/JxOps.h"

#include "JxOpsCommon.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallSet.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::jx;

//===----------------------------------------------------------------------===//
// Shared helpers
//===----------------------------------------------------------------------===//

std::string util::formatList(ArrayRef<int64_t> values) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << '[';
  llvm::interleaveComma(values, os);
  os << ']';
  return s;
}

std::string util::formatShape(ArrayRef<int64_t> shape) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << '[';
  llvm::interleaveComma(shape, os, [&](int64_t d) {
    if (ShapedType::isDynamic(d))
      os << '?';
    else
      os << d;
  });
  os << ']';
  return s;
}

bool util::shapesCompatible(ArrayRef<int64_t> a, ArrayRef<int64_t> b) {
  if (a.size() != b.size())
    return false;
  for (auto [x, y] : llvm::zip_equal(a, b))
    if (!dimsCompatible(x, y))
      return false;
  return true;
}

bool util::typesCompatible(Type a, Type b) {
  auto ta = dyn_cast<RankedTensorType>(a);
  auto tb = dyn_cast<RankedTensorType>(b);
  if (!ta || !tb)
    return a == b;
  return ta.getElementType() == tb.getElementType() &&
         shapesCompatible(ta.getShape(), tb.getShape());
}

LogicalResult util::verifyDimList(Operation *op, ArrayRef<int64_t> dims,
                                  int64_t rank, StringRef what) {
  llvm::SmallSet<int64_t, 8> seen;
  for (int64_t d : dims) {
    if (d < 0 || d >= rank)
      return op->emitOpError()
             << what << " " << formatList(dims) << " has dimension " << d
             << " out of range for rank " << rank;
    if (!seen.insert(d).second)
      return op->emitOpError()
             << what << " " << formatList(dims) << " repeats dimension " << d;
  }
  return success();
}

LogicalResult util::verifySortedDimList(Operation *op, ArrayRef<int64_t> dims,
                                        int64_t rank, StringRef what) {
  if (failed(verifyDimList(op, dims, rank, what)))
    return failure();
  if (!llvm::is_sorted(dims))
    return op->emitOpError()
           << what << " " << formatList(dims) << " is not sorted";
  return success();
}

LogicalResult util::verifyDynamicDimCount(Operation *op, ShapedType type,
                                          ValueRange dims, StringRef what) {
  int64_t expected = type.getNumDynamicDims();
  if (static_cast<int64_t>(dims.size()) != expected)
    return op->emitOpError() << "expects " << expected << " '" << what
                             << "' operand(s), one per dynamic dimension of "
                             << type << ", but got " << dims.size();
  return success();
}

LogicalResult util::verifySameElementType(Operation *op, ShapedType operand,
                                          ShapedType result) {
  if (operand.getElementType() != result.getElementType())
    return op->emitOpError()
           << "result element type " << result.getElementType()
           << " does not match operand element type "
           << operand.getElementType();
  return success();
}

LogicalResult util::verifyResultShape(Operation *op, ArrayRef<int64_t> expected,
                                      ShapedType actual) {
  if (!shapesCompatible(expected, actual.getShape()))
    return op->emitOpError()
           << "result shape " << formatShape(actual.getShape())
           << " does not match the expected shape " << formatShape(expected);
  return success();
}

//===----------------------------------------------------------------------===//
// Generated op definitions
//===----------------------------------------------------------------------===//

#define GET_OP_CLASSES
#include "jx/Dialect/Jx/IR/JxOps.cpp.inc"
