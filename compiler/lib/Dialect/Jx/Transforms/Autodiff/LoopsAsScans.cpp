//===- LoopsAsScans.cpp - jx.fori/jx.while as jx.scan for reverse mode ----===//
//
// Reverse mode has one loop rule, the one of jx.scan (ControlFlowRules.cpp),
// which stacks the carries entering each step and replays the steps
// backwards. A jx.fori becomes a scan over its indices `lo + iota(n)` with
// `n = max(hi - lo, 0)` (a dynamic length when the bounds are run-time
// values). A jx.while's trip count is known only once it has run: a copy of
// the loop that also counts its steps runs first, then a scan of that many
// steps (over `iota(n)`) computes the results again, so that the residuals
// take memory proportional to the steps actually run. The price is one more
// run of the primal loop, or of the part of it that the condition needs
// (the canonicalization of jx.while drops the other carries of the copy).
//
//===----------------------------------------------------------------------===//

#include "Autodiff.h"
#include "AutodiffUtils.h"

#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;
using namespace mlir::jx;
using namespace mlir::jx::autodiff;

namespace {

/// A rank-0 integer constant of `type`.
Value intConstant(OpBuilder &b, Location loc, RankedTensorType type,
                  int64_t value) {
  return ConstantOp::create(
      b, loc,
      DenseElementsAttr::get(type,
                             b.getIntegerAttr(type.getElementType(), value)));
}

/// `lo + iota(n)` (`iota(n)` when `lo` is 0) as a rank-1 tensor of `lo`'s
/// element type, `n` a rank-0 integer tensor of the same type (static when
/// `n` is a constant).
Value indicesFrom(OpBuilder &b, Location loc, Value lo, Value n) {
  auto scalar = cast<RankedTensorType>(lo.getType());
  Type element = scalar.getElementType();
  DenseIntElementsAttr constant;
  SmallVector<Value> sizes;
  int64_t length = ShapedType::kDynamic;
  if (matchPattern(n, m_Constant(&constant)))
    length = (*constant.getValues<APInt>().begin()).getSExtValue();
  else
    sizes.push_back(ToIndexOp::create(b, loc, n));
  auto type = RankedTensorType::get({length}, element);
  Value iota = IotaOp::create(b, loc, type, /*iota_dimension=*/0, sizes);
  if (matchPattern(lo, m_Zero()))
    return iota;
  Value base =
      BroadcastInDimOp::create(b, loc, type, lo, ArrayRef<int64_t>{}, sizes);
  return AddOp::create(b, loc, type, base, iota);
}

/// Moves `from`'s operations into `to`, whose arguments replace `from`'s in
/// order.
void spliceBody(Block &from, Block &to, ArrayRef<Value> args) {
  to.getOperations().splice(to.end(), from.getOperations());
  for (auto [old, arg] : llvm::zip(from.getArguments(), args))
    old.replaceAllUsesWith(arg);
}

/// Builds, before `loop`, a scan over the indices `lo + iota(count)` that
/// runs `loop`'s `body` (moved in; its arguments are the carries and, when
/// `indexFirst`, the index before them) with `loop`'s `init`, and replaces
/// `loop` by it. A run-time `count` gets two no-ops that let the gradient be
/// batched (`vmap(grad(f))`, where each element has its own count): the
/// length is the count's jx.batch_max and each step runs the body only
/// while `index < lo + count`, so that the scan runs as many steps as the
/// longest element and the others keep their carries.
void replaceByScan(Operation *loop, ValueRange init, Block &body,
                   bool indexFirst, Value lo, Value count) {
  OpBuilder b(loop);
  Location loc = loop->getLoc();
  auto countType = cast<RankedTensorType>(count.getType());
  bool guarded = !matchPattern(count, m_Constant());
  Value length = count, end;
  if (guarded) {
    // (An empty batch's maximum is the lowest value: clamp it.)
    length = MaxOp::create(b, loc, countType,
                           BatchMaxOp::create(b, loc, countType, count),
                           intConstant(b, loc, countType, 0));
    end = matchPattern(lo, m_Zero())
              ? count
              : AddOp::create(b, loc, countType, lo, count).getResult();
  }
  Value xs = indicesFrom(b, loc, lo, length);
  auto scan = ScanOp::create(b, loc, loop->getResultTypes(), init,
                             ValueRange{xs}, /*reverse=*/false, IntegerAttr());
  Block *block = &scan.getBody().emplaceBlock();
  SmallVector<Value> carries;
  for (Value v : init)
    carries.push_back(block->addArgument(v.getType(), loc));
  Value index = block->addArgument(countType, loc);
  SmallVector<Value> args(carries);
  if (indexFirst)
    args.insert(args.begin(), index);
  if (!guarded) {
    spliceBody(body, *block, args);
  } else {
    OpBuilder bb = OpBuilder::atBlockEnd(block);
    Value live =
        CompareOp::create(bb, loc, ComparisonDirection::LT, index, end);
    auto guard = IfOp::create(bb, loc, loop->getResultTypes(), live);
    spliceBody(body, guard.getThenRegion().emplaceBlock(), args);
    OpBuilder eb = OpBuilder::atBlockEnd(&guard.getElseRegion().emplaceBlock());
    YieldOp::create(eb, loc, carries);
    YieldOp::create(bb, loc, guard.getResults());
  }
  loop->replaceAllUsesWith(scan.getResults());
  loop->erase();
}

/// Replaces `fori` by a scan over its indices.
void rewriteFori(ForiOp fori) {
  OpBuilder b(fori);
  Location loc = fori.getLoc();
  auto boundType = cast<RankedTensorType>(fori.getLo().getType());
  // The trip count, a constant when the bounds are.
  Value count;
  DenseIntElementsAttr lo, hi;
  if (matchPattern(fori.getLo(), m_Constant(&lo)) &&
      matchPattern(fori.getHi(), m_Constant(&hi))) {
    int64_t first = (*lo.getValues<APInt>().begin()).getSExtValue();
    int64_t last = (*hi.getValues<APInt>().begin()).getSExtValue();
    count = intConstant(b, loc, boundType, std::max<int64_t>(last - first, 0));
  } else {
    count = SubOp::create(b, loc, boundType, fori.getHi(), fori.getLo());
    count = MaxOp::create(b, loc, boundType, count,
                          intConstant(b, loc, boundType, 0));
  }
  replaceByScan(fori, fori.getInit(), fori.getBody().front(),
                /*indexFirst=*/true, fori.getLo(), count);
}

/// The number of steps `whileOp` runs, from a copy of it that counts them
/// (a rank-0 i64 tensor).
Value countSteps(OpBuilder &b, WhileOp whileOp) {
  Location loc = whileOp.getLoc();
  auto counterType = RankedTensorType::get({}, b.getI64Type());
  SmallVector<Value> init(whileOp.getInit());
  init.push_back(intConstant(b, loc, counterType, 0));
  SmallVector<Type> types(whileOp->getResultTypes());
  types.push_back(counterType);
  auto counting = WhileOp::create(b, loc, types, init);
  IRMapping mapping;
  whileOp.getCond().cloneInto(&counting.getCond(), mapping);
  whileOp.getBody().cloneInto(&counting.getBody(), mapping);
  counting.getCond().front().addArgument(counterType, loc);
  Block &body = counting.getBody().front();
  BlockArgument counter = body.addArgument(counterType, loc);
  auto yield = cast<YieldOp>(body.getTerminator());
  OpBuilder yb(yield);
  SmallVector<Value> values(yield.getValues());
  values.push_back(AddOp::create(yb, loc, counterType, counter,
                                 intConstant(yb, loc, counterType, 1)));
  YieldOp::create(yb, loc, values);
  yield.erase();
  return counting.getResults().back();
}

/// Replaces `whileOp` by a counting copy and a scan of that many steps.
void rewriteWhile(WhileOp whileOp) {
  OpBuilder b(whileOp);
  Value steps = countSteps(b, whileOp);
  Value zero = intConstant(b, whileOp.getLoc(),
                           cast<RankedTensorType>(steps.getType()), 0);
  replaceByScan(whileOp, whileOp.getInit(), whileOp.getBody().front(),
                /*indexFirst=*/false, zero, steps);
}

} // namespace

void autodiff::rewriteLoopsAsScans(Block &body,
                                   function_ref<bool(Operation *)> filter) {
  // Inner loops first, so that a while's counting copy holds scans already.
  SmallVector<Operation *> loops;
  body.walk<WalkOrder::PostOrder>([&](Operation *op) {
    if (isa<ForiOp, WhileOp>(op) && filter(op))
      loops.push_back(op);
  });
  for (Operation *loop : loops) {
    if (auto fori = dyn_cast<ForiOp>(loop))
      rewriteFori(fori);
    else
      rewriteWhile(cast<WhileOp>(loop));
  }
}
