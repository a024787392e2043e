//===- JxAutodiffInterface.h - Differentiation rules ------------*- C++ -*-===//
//
// `JxDifferentiableOpInterface`: per-op JVP/VJP rules used by
// jx-expand-autodiff. The models live in the Autodiff transform library.
//
//===----------------------------------------------------------------------===//

#ifndef JX_DIALECT_JX_IR_JXAUTODIFFINTERFACE_H
#define JX_DIALECT_JX_IR_JXAUTODIFFINTERFACE_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/SmallVector.h"

#include "jx/Dialect/Jx/IR/JxAutodiffInterface.h.inc"

namespace mlir {
class DialectRegistry;
namespace jx {
/// Attaches the JVP/VJP rules of the jx ops (defined in
/// lib/Dialect/Jx/Transforms/Autodiff) as external models.
void registerJxAutodiffInterfaceModels(DialectRegistry &registry);
} // namespace jx
} // namespace mlir

#endif // JX_DIALECT_JX_IR_JXAUTODIFFINTERFACE_H
