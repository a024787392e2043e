//===- JxDialect.h - jx dialect declaration ---------------------*- C++ -*-===//
//
// The jx dialect class, its enums and attributes.
//
//===----------------------------------------------------------------------===//

#ifndef JX_DIALECT_JX_IR_JXDIALECT_H
#define JX_DIALECT_JX_IR_JXDIALECT_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/DialectImplementation.h"

#include "llvm/ADT/SmallVector.h"

#include "jx/Dialect/Jx/IR/JxDialect.h.inc"
#include "jx/Dialect/Jx/IR/JxEnums.h.inc"

namespace mlir::jx {
/// Parses a dimension list `[0, 2]` (possibly empty).
FailureOr<llvm::SmallVector<int64_t>> parseDimList(AsmParser &parser);
/// Prints a dimension list as `[0, 2]`.
void printDimList(AsmPrinter &printer, llvm::ArrayRef<int64_t> dims);
} // namespace mlir::jx

#define GET_ATTRDEF_CLASSES
#include "jx/Dialect/Jx/IR/JxAttrs.h.inc"

#endif // JX_DIALECT_JX_IR_JXDIALECT_H
