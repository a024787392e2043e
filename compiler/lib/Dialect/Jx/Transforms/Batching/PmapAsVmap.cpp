//===- PmapAsVmap.cpp - jx.pmap as jx.vmap on a single device -------------===//
//
// pmap and vmap mean the same thing (each index of the mapped axis runs the
// function, collectives work across the axis); they differ in where the
// indices run. The CPU target has no SPMD execution yet, so the axis runs
// as one batch: jx-expand-vmap then batches it, and the results are those
// the devices would compute.
//
//===----------------------------------------------------------------------===//

#include "jx/Dialect/Jx/IR/JxOps.h"
#include "jx/Dialect/Jx/Transforms/Passes.h"

#include "mlir/IR/Builders.h"

namespace mlir::jx {
#define GEN_PASS_DEF_PMAPASVMAPPASS
#include "jx/Dialect/Jx/Transforms/Passes.h.inc"
} // namespace mlir::jx

using namespace mlir;
using namespace mlir::jx;

namespace {

struct PmapAsVmapPass : public jx::impl::PmapAsVmapPassBase<PmapAsVmapPass> {
  using PmapAsVmapPassBase::PmapAsVmapPassBase;

  void runOnOperation() override {
    SmallVector<PmapOp> requests;
    getOperation().walk([&](PmapOp op) { requests.push_back(op); });
    for (PmapOp pmap : requests) {
      // Both ops are Jx_MapOp instances: the same operands and attributes.
      OpBuilder builder(pmap);
      OperationState state(pmap.getLoc(), VmapOp::getOperationName(),
                           pmap->getOperands(), pmap->getResultTypes(),
                           pmap->getAttrs());
      Operation *vmap = builder.create(state);
      pmap->replaceAllUsesWith(vmap->getResults());
      pmap.erase();
    }
  }
};

} // namespace
