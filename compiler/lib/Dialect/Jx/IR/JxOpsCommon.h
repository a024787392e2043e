//===- JxOpsCommon.h - helpers shared by the jx op verifiers ----*- C++ -*-===//
//
// Internal to lib/Dialect/Jx/IR: small shape and list checks used by
// several op families, so every verifier words its errors the same way.
//
//===----------------------------------------------------------------------===//

#ifndef JX_LIB_DIALECT_JX_IR_JXOPSCOMMON_H
#define JX_LIB_DIALECT_JX_IR_JXOPSCOMMON_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Operation.h"

#include <string>

namespace mlir::jx::util {

/// Formats `[1, 2]`.
std::string formatList(llvm::ArrayRef<int64_t> values);

/// Formats a shape as `[2, ?]`.
std::string formatShape(llvm::ArrayRef<int64_t> shape);

/// True when two dimension sizes can be equal at run time.
inline bool dimsCompatible(int64_t a, int64_t b) {
  return ShapedType::isDynamic(a) || ShapedType::isDynamic(b) || a == b;
}

/// True when two shapes have the same rank and compatible dimensions.
bool shapesCompatible(llvm::ArrayRef<int64_t> a, llvm::ArrayRef<int64_t> b);

/// True when two ranked tensor types have the same element type and
/// compatible shapes.
bool typesCompatible(Type a, Type b);

/// Checks that `dims` has no repeats and lies in `[0, rank)`; `what` names the
/// attribute in the message.
LogicalResult verifyDimList(Operation *op, llvm::ArrayRef<int64_t> dims,
                            int64_t rank, llvm::StringRef what);

/// Like verifyDimList, and also sorted.
LogicalResult verifySortedDimList(Operation *op, llvm::ArrayRef<int64_t> dims,
                                  int64_t rank, llvm::StringRef what);

/// Checks one `index` operand per dynamic dimension of `type`.
LogicalResult verifyDynamicDimCount(Operation *op, ShapedType type,
                                    ValueRange dims,
                                    llvm::StringRef what = "sizes");

/// Checks that `result` has the element type of `operand`.
LogicalResult verifySameElementType(Operation *op, ShapedType operand,
                                    ShapedType result);

/// Checks that `actual` is compatible with the computed `expected` shape.
LogicalResult verifyResultShape(Operation *op, llvm::ArrayRef<int64_t> expected,
                                ShapedType actual);

} // namespace mlir::jx::util

#endif // JX_LIB_DIALECT_JX_IR_JXOPSCOMMON_H
