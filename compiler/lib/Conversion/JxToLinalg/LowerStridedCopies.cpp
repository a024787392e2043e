//===- LowerStridedCopies.cpp - memref.copy without the MLIR runtime ------===//
//
// The jx-lower-strided-copies pass: `memref.copy` between buffers that are
// not both contiguous becomes `linalg.copy` (and then loops), so that the
// LLVM lowering never calls MLIR's `memrefCopy` runtime function, which
// neither `jxc run` nor compiled objects link.
//
//===----------------------------------------------------------------------===//

#include "jx/Conversion/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/MemRef/Utils/MemRefUtils.h"

namespace mlir {
namespace jx {
#define GEN_PASS_DEF_LOWERSTRIDEDCOPIESPASS
#include "jx/Conversion/Passes.h.inc"
} // namespace jx
} // namespace mlir

using namespace mlir;

namespace {

/// Whether the LLVM lowering of `memref.copy` copies a buffer of this type
/// with `llvm.memcpy` (the condition MemRefToLLVM applies to both operands).
bool isCopiedByMemcpy(Type type) {
  auto memrefType = dyn_cast<MemRefType>(type);
  return memrefType &&
         (memrefType.getLayout().isIdentity() ||
          (memrefType.hasStaticShape() &&
           memref::isStaticShapeAndContiguousRowMajor(memrefType)));
}

struct LowerStridedCopiesPass
    : public jx::impl::LowerStridedCopiesPassBase<LowerStridedCopiesPass> {
  void runOnOperation() override {
    SmallVector<memref::CopyOp> copies;
    getOperation().walk([&](memref::CopyOp copy) {
      Type source = copy.getSource().getType();
      Type target = copy.getTarget().getType();
      // linalg.copy needs ranked operands; jx creates no unranked buffers.
      if (!isa<MemRefType>(source) || !isa<MemRefType>(target))
        return;
      if (!isCopiedByMemcpy(source) || !isCopiedByMemcpy(target))
        copies.push_back(copy);
    });
    for (memref::CopyOp copy : copies) {
      OpBuilder builder(copy);
      linalg::CopyOp::create(builder, copy.getLoc(), copy.getSource(),
                             copy.getTarget());
      copy.erase();
    }
  }
};

} // namespace
