//===- JxOps.h - jx op declarations -----------------------------*- C++ -*-===//
//
// The generated jx op classes (`mlir::jx::AddOp`, ...).
//
//===----------------------------------------------------------------------===//

#ifndef JX_DIALECT_JX_IR_JXOPS_H
#define JX_DIALECT_JX_IR_JXOPS_H

#include "jx/Dialect/Jx/IR/JxDialect.h"

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#define GET_OP_CLASSES
#include "jx/Dialect/Jx/IR/JxOps.h.inc"

#endif // JX_DIALECT_JX_IR_JXOPS_H
