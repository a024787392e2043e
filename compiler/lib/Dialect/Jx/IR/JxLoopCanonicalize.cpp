//===- JxLoopCanonicalize.cpp - Dropping what loops compute for nothing ---===//
//
// A carry of a jx.while is dead when its result is unused, the condition
// does not read it and no live carry's next value depends on it: the loop
// computes it for nothing. Reverse mode through a while runs a copy of the
// loop only to count its steps (LoopsAsScans.cpp); when the condition reads
// a step counter alone, this drops every other carry from that copy.
// A jx.scan drops the xs its body does not read and the stacked outputs
// nobody uses (reverse mode's backward scans receive the loop indices of a
// fori or while, which their bodies often ignore).
//
//===----------------------------------------------------------------------===//

#include "jx/Dialect/Jx/IR/JxOps.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/RegionUtils.h"

#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/SetVector.h"

using namespace mlir;
using namespace mlir::jx;

namespace {

/// Which carries of `op` are live: those whose result is used or that the
/// condition reads, and those the next value of a live carry depends on.
llvm::BitVector liveCarries(WhileOp op) {
  Block &cond = op.getCond().front(), &body = op.getBody().front();
  auto yield = cast<YieldOp>(body.getTerminator());
  unsigned n = op.getInit().size();
  llvm::BitVector live(n);
  SmallVector<unsigned> worklist;
  auto markLive = [&](unsigned i) {
    if (!live.test(i)) {
      live.set(i);
      worklist.push_back(i);
    }
  };
  for (unsigned i = 0; i < n; ++i)
    if (!op.getResult(i).use_empty() || !cond.getArgument(i).use_empty())
      markLive(i);
  while (!worklist.empty()) {
    // The body's arguments that the next value of carry `i` depends on,
    // through the ops of the body (and the values their regions use).
    SmallVector<Value> values{yield.getValues()[worklist.pop_back_val()]};
    DenseSet<Value> seen;
    while (!values.empty()) {
      Value v = values.pop_back_val();
      if (!seen.insert(v).second)
        continue;
      auto arg = dyn_cast<BlockArgument>(v);
      if (arg && arg.getOwner() == &body) {
        markLive(arg.getArgNumber());
        continue;
      }
      Operation *def = arg ? arg.getOwner()->getParentOp() : v.getDefiningOp();
      Operation *top = def ? body.findAncestorOpInBlock(*def) : nullptr;
      if (!top)
        continue; // Defined outside the loop.
      llvm::append_range(values, top->getOperands());
      llvm::SetVector<Value> above;
      for (Region &region : top->getRegions())
        getUsedValuesDefinedAbove(region, above);
      llvm::append_range(values, above);
    }
  }
  return live;
}

/// Rebuilds the loop with its live carries only. The dead carries' uses in
/// the body (by ops that only feed dead carries, which canonicalization then
/// erases) read the initial value instead.
struct DropDeadWhileCarries : public OpRewritePattern<WhileOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(WhileOp op,
                                PatternRewriter &rewriter) const override {
    llvm::BitVector live = liveCarries(op);
    if (live.all())
      return failure();
    Block &cond = op.getCond().front(), &body = op.getBody().front();
    auto yield = cast<YieldOp>(body.getTerminator());
    SmallVector<Value> init, yields;
    SmallVector<Type> types;
    for (unsigned i = 0; i < live.size(); ++i) {
      if (!live.test(i)) {
        rewriter.replaceAllUsesWith(body.getArgument(i), op.getInit()[i]);
        continue;
      }
      init.push_back(op.getInit()[i]);
      types.push_back(op.getResult(i).getType());
      yields.push_back(yield.getValues()[i]);
    }
    rewriter.setInsertionPoint(yield);
    rewriter.replaceOpWithNewOp<YieldOp>(yield, yields);
    llvm::BitVector dead = live;
    dead.flip();
    rewriter.modifyOpInPlace(op, [&] {
      cond.eraseArguments(dead);
      body.eraseArguments(dead);
    });

    rewriter.setInsertionPoint(op);
    auto loop = WhileOp::create(rewriter, op.getLoc(), types, init);
    rewriter.inlineRegionBefore(op.getCond(), loop.getCond(),
                                loop.getCond().end());
    rewriter.inlineRegionBefore(op.getBody(), loop.getBody(),
                                loop.getBody().end());
    unsigned next = 0;
    for (unsigned i = 0; i < live.size(); ++i)
      if (live.test(i))
        rewriter.replaceAllUsesWith(op.getResult(i), loop.getResult(next++));
    rewriter.eraseOp(op);
    return success();
  }
};

/// Rebuilds a scan without the xs its body does not read and without the
/// stacked outputs that have no use. The scan keeps one xs (or gets its
/// `length` attribute) so that its length stays known.
struct DropUnusedScanOperands : public OpRewritePattern<ScanOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ScanOp op,
                                PatternRewriter &rewriter) const override {
    Block &body = op.getBody().front();
    unsigned numCarries = op.getInit().size();
    unsigned numXs = op.getXs().size();
    auto yield = cast<YieldOp>(body.getTerminator());
    llvm::BitVector keepX(numXs), keepY(op.getNumResults() - numCarries);
    for (unsigned j = 0; j < numXs; ++j)
      keepX[j] = !body.getArgument(numCarries + j).use_empty();
    for (unsigned k = 0; k < keepY.size(); ++k)
      keepY[k] = !op.getResult(numCarries + k).use_empty();
    if (keepX.all() && keepY.all())
      return failure();
    IntegerAttr length = op.getLengthAttr();
    if (!length && numXs != 0 && keepX.none()) {
      int64_t size =
          cast<RankedTensorType>(op.getXs()[0].getType()).getDimSize(0);
      if (ShapedType::isDynamic(size))
        keepX.set(0); // The length is only known from an xs.
      else
        length = rewriter.getI64IntegerAttr(size);
    }
    if (keepX.all() && keepY.all())
      return failure();

    SmallVector<Value> xs, yields(yield.getValues().take_front(numCarries));
    SmallVector<Type> types(op.getInit().getTypes());
    for (unsigned j = 0; j < numXs; ++j)
      if (keepX.test(j))
        xs.push_back(op.getXs()[j]);
    for (unsigned k = 0; k < keepY.size(); ++k)
      if (keepY.test(k)) {
        yields.push_back(yield.getValues()[numCarries + k]);
        types.push_back(op.getResult(numCarries + k).getType());
      }
    rewriter.setInsertionPoint(yield);
    rewriter.replaceOpWithNewOp<YieldOp>(yield, yields);
    llvm::BitVector dropArgs(body.getNumArguments());
    for (unsigned j = 0; j < numXs; ++j)
      dropArgs[numCarries + j] = !keepX.test(j);
    rewriter.modifyOpInPlace(op, [&] { body.eraseArguments(dropArgs); });

    rewriter.setInsertionPoint(op);
    auto scan = ScanOp::create(rewriter, op.getLoc(), types, op.getInit(), xs,
                               op.getReverseAttr(), length);
    rewriter.inlineRegionBefore(op.getBody(), scan.getBody(),
                                scan.getBody().end());
    for (unsigned i = 0; i < numCarries; ++i)
      rewriter.replaceAllUsesWith(op.getResult(i), scan.getResult(i));
    unsigned next = numCarries;
    for (unsigned k = 0; k < keepY.size(); ++k)
      if (keepY.test(k))
        rewriter.replaceAllUsesWith(op.getResult(numCarries + k),
                                    scan.getResult(next++));
    rewriter.eraseOp(op);
    return success();
  }
};

} // namespace

void ScanOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                         MLIRContext *context) {
  results.add<DropUnusedScanOperands>(context);
}

void WhileOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                          MLIRContext *context) {
  results.add<DropDeadWhileCarries>(context);
}
