//===- Pipeline.h - Pass pipelines from jx IR to LLVM -----------*- C++ -*-===//
//
// The compiler's pipelines as functions (IREE style), shared by `jxc` and
// `jx-opt` (which registers them as `-jx-to-linalg` and `-jx-lower-to-llvm`).
// Each stage is a textual pipeline of upstream passes plus ours, so it can be
// read, printed (`jxc --emit=...`) and replayed in `jx-opt` unchanged.
//
//===----------------------------------------------------------------------===//

#ifndef JX_PIPELINE_PIPELINE_H
#define JX_PIPELINE_PIPELINE_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"

#include <string>

namespace jx {

struct CPUPipelineOptions {
  /// 0 disables fusion and canonicalization between stages.
  unsigned optLevel = 2;
};

/// jx dialect → linalg/tensor/arith/math/scf on tensors: inline the calls,
/// simplify, convert every jx op, then fuse elementwise producers.
std::string getJxToLinalgPipeline(const CPUPipelineOptions &options);
/// linalg on tensors → LLVM dialect: one-shot bufferization across function
/// boundaries, ownership-based deallocation, loops, then LLVM.
std::string getLinalgToLLVMPipeline(const CPUPipelineOptions &options);

/// Adds a textual pass list (module-level, as returned above) to `pm`;
/// reports and fails if the text is not a valid pipeline.
mlir::LogicalResult addPipeline(mlir::OpPassManager &pm,
                                llvm::StringRef pipeline);

/// Registers every dialect, interface and translation the pipelines need
/// (all of upstream MLIR's, which libMLIR.so provides) plus jx's.
void registerPipelineDialects(mlir::DialectRegistry &registry);

/// Registers upstream's and jx's passes and the two pipelines (as
/// `-jx-to-linalg` and `-jx-lower-to-llvm`); idempotent.
void registerJxPipelines();

} // namespace jx

#endif // JX_PIPELINE_PIPELINE_H
