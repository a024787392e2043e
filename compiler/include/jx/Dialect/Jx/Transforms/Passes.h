//===- Passes.h - Transformations on the jx dialect -------------*- C++ -*-===//

#ifndef JX_DIALECT_JX_TRANSFORMS_PASSES_H
#define JX_DIALECT_JX_TRANSFORMS_PASSES_H

#include "jx/Dialect/Jx/IR/JxDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir {
namespace jx {

#define GEN_PASS_DECL
#include "jx/Dialect/Jx/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "jx/Dialect/Jx/Transforms/Passes.h.inc"

} // namespace jx
} // namespace mlir

#endif // JX_DIALECT_JX_TRANSFORMS_PASSES_H
