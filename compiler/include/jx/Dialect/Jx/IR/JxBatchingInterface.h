//===- JxBatchingInterface.h - vmap rules per op ----------------*- C++ -*-===//
//
// `JxBatchableOpInterface` (see JxBatchingInterface.td) and the registration
// of its external models, which the JxTransforms library defines.
//
//===----------------------------------------------------------------------===//

#ifndef JX_DIALECT_JX_IR_JXBATCHINGINTERFACE_H
#define JX_DIALECT_JX_IR_JXBATCHINGINTERFACE_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/OpDefinition.h"

#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <utility>

namespace mlir::jx {
/// A value computed under vmap and its batch dimension (`std::nullopt`: the
/// value is the same for every batch element and has no batch dimension).
using BatchedValue = std::pair<Value, std::optional<int64_t>>;
} // namespace mlir::jx

#include "jx/Dialect/Jx/IR/JxBatchingInterface.h.inc"

namespace mlir::jx {
/// Attaches the batching rules (JxTransforms, Batching/) to the jx ops.
void registerJxBatchingInterfaceModels(DialectRegistry &registry);
} // namespace mlir::jx

#endif // JX_DIALECT_JX_IR_JXBATCHINGINTERFACE_H
