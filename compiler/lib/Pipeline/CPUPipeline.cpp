//===- CPUPipeline.cpp - jx → linalg → LLVM for the host CPU ---------------===//

#include "jx/Pipeline/Pipeline.h"

#include "jx/Conversion/Passes.h"
#include "jx/Dialect/Jx/IR/JxAutodiffInterface.h"
#include "jx/Dialect/Jx/IR/JxBatchingInterface.h"
#include "jx/Dialect/Jx/IR/JxDialect.h"
#include "jx/Dialect/Jx/Transforms/Passes.h"

#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"

using namespace jx;

std::string jx::getJxToLinalgPipeline(const CPUPipelineOptions &options) {
  // Calls are inlined first so that fusion sees whole programs; functions
  // still named by transformation requests stay (symbol-dce keeps them).
  std::string simplify = options.optLevel > 0 ? "canonicalize,cse," : "";
  // Named ops (broadcast, reduce, matmul) become linalg.generic so that
  // elementwise producers fuse into them: `sum(x + 2*y + z*z)` is one loop.
  std::string fuse = options.optLevel > 0
                         ? "func.func(linalg-generalize-named-ops),"
                           "func.func(linalg-fuse-elementwise-ops),"
                           "canonicalize,cse,"
                           "func.func(jx-interchange-contractions)"
                         : "canonicalize";
  // Transformation requests are expanded first. jx-expand-vmap leaves a vmap
  // whose callee holds another request, so vmap runs before autodiff (grad of
  // a function that calls vmap is then differentiated on batched code, which
  // handles run-time batch sizes, as in examples/mlp.jx) and after it (vmap
  // of a grad, as in examples/hello.jx, and the vmaps that jacfwd/jacrev
  // generate). pmap runs as a vmap on this target (one device).
  return "jx-pmap-as-vmap,jx-expand-vmap,jx-expand-autodiff,jx-expand-vmap,"
         "inline,symbol-dce," +
         simplify + "convert-jx-to-linalg," + fuse;
}

std::string jx::getLinalgToLLVMPipeline(const CPUPipelineOptions &options) {
  // Loop bodies may yield fresh tensors (the scf loops with tensor iter_args
  // that jx.while/fori/scan become), hence allow-return-allocs-from-loops.
  // Math functions become libm calls (exact to glibc); rsqrt has no libm
  // entry and is expanded first; math.ipowi becomes a generated function.
  // Copies out of strided slices become loops (jx-lower-strided-copies)
  // rather than calls to MLIR's memrefCopy runtime function.
  return "one-shot-bufferize{bufferize-function-boundaries=1 "
         "allow-return-allocs-from-loops=1 "
         "function-boundary-type-conversion=identity-layout-map},"
         "func.func(jx-lower-strided-copies,convert-linalg-to-loops),"
         "buffer-deallocation-pipeline,"
         "convert-bufferization-to-memref,"
         "func.func(math-expand-ops{ops=rsqrt}),"
         "convert-math-to-funcs,convert-math-to-libm,"
         "expand-strided-metadata,lower-affine,convert-scf-to-cf,"
         "convert-math-to-llvm,finalize-memref-to-llvm,convert-to-llvm,"
         "reconcile-unrealized-casts";
}

mlir::LogicalResult jx::addPipeline(mlir::OpPassManager &pm,
                                    llvm::StringRef pipeline) {
  std::string error;
  llvm::raw_string_ostream os(error);
  if (mlir::succeeded(mlir::parsePassPipeline(pipeline, pm, os)))
    return mlir::success();
  llvm::errs() << "jxc: internal error: bad pass pipeline '" << pipeline
               << "': " << error << "\n";
  return mlir::failure();
}

void jx::registerPipelineDialects(mlir::DialectRegistry &registry) {
  registry.insert<mlir::jx::JxDialect>();
  mlir::jx::registerJxAutodiffInterfaceModels(registry);
  mlir::jx::registerJxBatchingInterfaceModels(registry);
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  mlir::registerAllToLLVMIRTranslations(registry);
}

void jx::registerJxPipelines() {
  static bool registered = false;
  if (registered)
    return;
  registered = true;
  mlir::registerAllPasses();
  mlir::jx::registerJxConversionPasses();
  mlir::jx::registerExpandAutodiffPass();
  mlir::jx::registerExpandVmapPass();
  mlir::jx::registerPmapAsVmapPass();
  static mlir::PassPipelineRegistration<> toLinalg(
      "jx-to-linalg", "Lower jx IR to linalg on tensors (jxc --emit=linalg)",
      [](mlir::OpPassManager &pm) {
        (void)addPipeline(pm, getJxToLinalgPipeline({}));
      });
  static mlir::PassPipelineRegistration<> linalgToLLVM(
      "jx-linalg-to-llvm",
      "Lower linalg on tensors (the output of -jx-to-linalg) to the LLVM "
      "dialect",
      [](mlir::OpPassManager &pm) {
        (void)addPipeline(pm, getLinalgToLLVMPipeline({}));
      });
  static mlir::PassPipelineRegistration<> toLLVM(
      "jx-lower-to-llvm",
      "Lower jx IR all the way to the LLVM dialect (jxc --emit=llvm)",
      [](mlir::OpPassManager &pm) {
        (void)addPipeline(pm, getJxToLinalgPipeline({}));
        (void)addPipeline(pm, getLinalgToLLVMPipeline({}));
      });
}
