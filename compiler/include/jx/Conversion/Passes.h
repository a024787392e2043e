//===- Passes.h - jx conversion passes --------------------------*- C++ -*-===//
//
// Every conversion pass out of the jx dialect, and their registration with
// the pass registry (for jx-opt and the pipeline builders).
//
//===----------------------------------------------------------------------===//

#ifndef JX_CONVERSION_PASSES_H
#define JX_CONVERSION_PASSES_H

#include "jx/Conversion/JxToLinalg/JxToLinalg.h"

namespace mlir {
namespace jx {

/// Declares `createLowerStridedCopiesPass()`.
#define GEN_PASS_DECL_LOWERSTRIDEDCOPIESPASS
#include "jx/Conversion/Passes.h.inc"

/// Declares `createInterchangeContractionsPass()`.
#define GEN_PASS_DECL_INTERCHANGECONTRACTIONSPASS
#include "jx/Conversion/Passes.h.inc"

/// Generates `registerJxConversionPasses()` and one `register<Pass>()` per
/// pass.
#define GEN_PASS_REGISTRATION
#include "jx/Conversion/Passes.h.inc"

} // namespace jx
} // namespace mlir

#endif // JX_CONVERSION_PASSES_H
