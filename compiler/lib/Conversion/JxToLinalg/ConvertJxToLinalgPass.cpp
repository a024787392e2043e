//===- ConvertJxToLinalgPass.cpp - the convert-jx-to-linalg pass ----------===//
//
// Applies every jx-to-linalg pattern family with a target on which the jx
// dialect is illegal, except the transformation requests and collectives
// (expanded by earlier passes). `ui32` becomes `i32`: function signatures,
// calls, returns and scf ops are converted structurally here, the jx
// patterns pick unsigned arith ops from the jx types.
//
//===----------------------------------------------------------------------===//

#include "jx/Conversion/JxToLinalg/JxToLinalg.h"

#include "ConversionUtils.h"
#include "jx/Dialect/Jx/IR/JxOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Func/Transforms/FuncConversions.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/Patterns.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Transforms/DialectConversion.h"

#include "llvm/ADT/DenseSet.h"

namespace mlir {
namespace jx {
#define GEN_PASS_DEF_CONVERTJXTOLINALGPASS
#include "jx/Conversion/Passes.h.inc"
} // namespace jx
} // namespace mlir

using namespace mlir;
using namespace mlir::jx;

namespace {

struct ConvertJxToLinalgPass
    : public jx::impl::ConvertJxToLinalgPassBase<ConvertJxToLinalgPass> {
  void runOnOperation() override {
    MLIRContext *context = &getContext();
    JxTypeConverter typeConverter;

    ConversionTarget target(*context);
    target.addLegalDialect<arith::ArithDialect, linalg::LinalgDialect,
                           math::MathDialect, scf::SCFDialect,
                           tensor::TensorDialect>();
    target.addLegalOp<UnrealizedConversionCastOp>();
    target.addIllegalDialect<JxDialect>();
    target.addLegalOp<GradOp, ValueAndGradOp, JvpOp, VjpOp, JacFwdOp, JacRevOp,
                      HessianOp, VmapOp, PmapOp>();
    target.addLegalOp<PsumOp, PmeanOp, PmaxOp, PminOp, AllGatherOp, AxisIndexOp,
                      PpermuteOp>();
    // A function that a remaining request refers to keeps its signature (the
    // request's verifier checks it against the callee), and so do its
    // returns and the calls to it.
    DenseSet<StringAttr> keptSignatures;
    getOperation()->walk([&](Operation *op) {
      if (!target.isLegal(op) || !isa<JxDialect>(op->getDialect()))
        return;
      if (std::optional<SymbolTable::UseRange> uses =
              SymbolTable::getSymbolUses(op))
        for (SymbolTable::SymbolUse use : *uses)
          keptSignatures.insert(use.getSymbolRef().getRootReference());
    });
    target.addDynamicallyLegalOp<func::FuncOp>([&](func::FuncOp op) {
      return keptSignatures.contains(op.getSymNameAttr()) ||
             (typeConverter.isSignatureLegal(op.getFunctionType()) &&
              typeConverter.isLegal(&op.getBody()));
    });
    target.addDynamicallyLegalOp<func::CallOp>([&](func::CallOp op) {
      return keptSignatures.contains(op.getCalleeAttr().getAttr()) ||
             typeConverter.isLegal(op);
    });
    target.addDynamicallyLegalOp<func::ReturnOp>([&](func::ReturnOp op) {
      auto func = op->getParentOfType<func::FuncOp>();
      return (func && keptSignatures.contains(func.getSymNameAttr())) ||
             typeConverter.isLegal(op);
    });

    RewritePatternSet patterns(context);
    populateJxElementwiseToLinalgPatterns(patterns);
    populateJxShapeToLinalgPatterns(patterns);
    populateJxReductionToLinalgPatterns(patterns);
    populateJxControlFlowToSCFPatterns(patterns);
    populateFunctionOpInterfaceTypeConversionPattern<func::FuncOp>(
        patterns, typeConverter);
    populateCallOpTypeConversionPattern(patterns, typeConverter);
    populateReturnOpTypeConversionPattern(patterns, typeConverter);
    scf::populateSCFStructuralTypeConversionsAndLegality(typeConverter,
                                                         patterns, target);

    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
