//===- ControlFlowRules.cpp - JVP/VJP of jx structured control flow -------===//
//
// Forward mode: jx.if/jx.switch become a branch that yields the primal and
// the tangent results; jx.fori/jx.while/jx.scan carry a tangent beside each
// float carry (and stack a tangent beside each float per-step output), the
// body computing both. Reverse mode through jx.if/jx.switch: the forward
// sweep keeps the branch; the backward sweep branches again on the same
// predicate, each branch recomputing its primal values and running its own
// backward sweep, and yields the cotangents of the active values it uses
// from above, which are accumulated outside. jx.scan (which jx.fori and
// jx.while become first, LoopsAsScans.cpp) is replaced by a residual scan
// that also stacks the carries entering each step; a scan in the opposite
// direction recomputes each step and runs its backward sweep.
//
//===----------------------------------------------------------------------===//

#include "Autodiff.h"
#include "AutodiffUtils.h"

#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Transforms/RegionUtils.h"

using namespace mlir;
using namespace mlir::jx;
using namespace mlir::jx::autodiff;

namespace {

/// Runs the JVP walk over `block` and appends to its yield the tangent of
/// each float operand selected by `withTangent` (zeros where null).
LogicalResult jvpRegionBody(Block &block, DenseMap<Value, Value> &tangent,
                            SymbolTable &symbols,
                            function_ref<bool(unsigned)> withTangent,
                            unsigned tangentsAt) {
  if (failed(jvpBlock(block, tangent, symbols)))
    return failure();
  auto yield = cast<YieldOp>(block.getTerminator());
  OpBuilder b(yield);
  SmallVector<Value> tangents;
  for (auto [i, v] : llvm::enumerate(yield.getValues())) {
    if (!withTangent(i))
      continue;
    Value t = tangent.lookup(v);
    tangents.push_back(t ? t : zerosLike(b, yield.getLoc(), v));
  }
  SmallVector<Value> values(yield.getValues());
  values.insert(values.begin() + tangentsAt, tangents.begin(), tangents.end());
  YieldOp::create(b, yield.getLoc(), values);
  yield.erase();
  return success();
}

/// Records the tangents of `newOp`'s results and replaces `op`'s: `op`'s
/// result `i` is `newOp`'s `primalIndex[i]`, its tangent (when it has one)
/// `newOp`'s `tangentIndex[i]`.
void replaceWithTangents(Operation *op, Operation *newOp,
                         ArrayRef<int> primalIndex, ArrayRef<int> tangentIndex,
                         DenseMap<Value, Value> &tangent) {
  for (unsigned i = 0; i < op->getNumResults(); ++i) {
    Value primal = newOp->getResult(primalIndex[i]);
    op->getResult(i).replaceAllUsesWith(primal);
    if (tangentIndex[i] >= 0)
      tangent[primal] = newOp->getResult(tangentIndex[i]);
  }
  op->erase();
}

/// The tangents of the float values of `values` (zeros, built at `b`, where
/// null).
SmallVector<Value> tangentsOf(OpBuilder &b, Location loc, ValueRange values,
                              DenseMap<Value, Value> &tangent) {
  SmallVector<Value> out;
  for (Value v : values) {
    if (!isFloatTensor(v.getType()))
      continue;
    Value t = tangent.lookup(v);
    out.push_back(t ? t : zerosLike(b, loc, v));
  }
  return out;
}

/// Primal/tangent result indices for results laid out as
/// `(group0..., tangents of group0's floats..., group1..., ...)`.
void resultLayout(ArrayRef<Type> types, ArrayRef<unsigned> groupSizes,
                  SmallVectorImpl<int> &primalIndex,
                  SmallVectorImpl<int> &tangentIndex,
                  SmallVectorImpl<Type> &newTypes) {
  unsigned at = 0;
  for (unsigned size : groupSizes) {
    ArrayRef<Type> group = types.slice(at, size);
    at += size;
    unsigned base = newTypes.size();
    unsigned nextTangent = base + size;
    for (auto [i, type] : llvm::enumerate(group)) {
      primalIndex.push_back(base + i);
      tangentIndex.push_back(isFloatTensor(type) ? int(nextTangent++) : -1);
    }
    newTypes.append(group.begin(), group.end());
    for (Type type : group)
      if (isFloatTensor(type))
        newTypes.push_back(type);
  }
}

LogicalResult jvpOfBranch(Operation *op, DenseMap<Value, Value> &tangent,
                          SymbolTable &symbols) {
  OpBuilder b(op);
  SmallVector<int> primalIndex, tangentIndex;
  SmallVector<Type> types;
  SmallVector<Type> resultTypes(op->getResultTypes());
  resultLayout(resultTypes, {op->getNumResults()}, primalIndex, tangentIndex,
               types);
  Operation *newOp;
  if (auto ifOp = dyn_cast<IfOp>(op))
    newOp = IfOp::create(b, op->getLoc(), types, ifOp.getPred());
  else
    newOp =
        SwitchOp::create(b, op->getLoc(), types, cast<SwitchOp>(op).getIndex(),
                         op->getNumRegions());
  unsigned n = op->getNumResults();
  for (unsigned r = 0; r < op->getNumRegions(); ++r) {
    newOp->getRegion(r).takeBody(op->getRegion(r));
    if (failed(jvpRegionBody(
            newOp->getRegion(r).front(), tangent, symbols,
            [&](unsigned i) { return tangentIndex[i] >= 0; }, n)))
      return failure();
  }
  replaceWithTangents(op, newOp, primalIndex, tangentIndex, tangent);
  return success();
}

/// Inserts at `insertAt` one tangent argument per float argument among
/// `block`'s arguments `[first, first + count)`, recording it in `tangent`
/// when given.
SmallVector<BlockArgument> addTangentArgs(Block &block, unsigned first,
                                          unsigned count, unsigned insertAt,
                                          DenseMap<Value, Value> *tangent) {
  SmallVector<BlockArgument> primals;
  for (unsigned i = 0; i < count; ++i)
    primals.push_back(block.getArgument(first + i));
  SmallVector<BlockArgument> added;
  for (BlockArgument primal : primals) {
    if (!isFloatTensor(primal.getType()))
      continue;
    BlockArgument t = block.insertArgument(insertAt + added.size(),
                                           primal.getType(), primal.getLoc());
    added.push_back(t);
    if (tangent)
      (*tangent)[primal] = t;
  }
  return added;
}

LogicalResult jvpOfFori(ForiOp op, DenseMap<Value, Value> &tangent,
                        SymbolTable &symbols) {
  OpBuilder b(op);
  Location loc = op.getLoc();
  unsigned n = op.getInit().size();
  SmallVector<Value> init(op.getInit());
  llvm::append_range(init, tangentsOf(b, loc, op.getInit(), tangent));
  SmallVector<int> primalIndex, tangentIndex;
  SmallVector<Type> types;
  SmallVector<Type> resultTypes(op->getResultTypes());
  resultLayout(resultTypes, {n}, primalIndex, tangentIndex, types);
  auto newOp = ForiOp::create(b, loc, types, op.getLo(), op.getHi(), init);
  newOp.getBody().takeBody(op.getBody());
  Block &body = newOp.getBody().front();
  addTangentArgs(body, 1, n, 1 + n, &tangent);
  if (failed(jvpRegionBody(
          body, tangent, symbols,
          [&](unsigned i) { return tangentIndex[i] >= 0; }, n)))
    return failure();
  replaceWithTangents(op, newOp, primalIndex, tangentIndex, tangent);
  return success();
}

LogicalResult jvpOfWhile(WhileOp op, DenseMap<Value, Value> &tangent,
                         SymbolTable &symbols) {
  OpBuilder b(op);
  Location loc = op.getLoc();
  unsigned n = op.getInit().size();
  SmallVector<Value> init(op.getInit());
  llvm::append_range(init, tangentsOf(b, loc, op.getInit(), tangent));
  SmallVector<int> primalIndex, tangentIndex;
  SmallVector<Type> types;
  SmallVector<Type> resultTypes(op->getResultTypes());
  resultLayout(resultTypes, {n}, primalIndex, tangentIndex, types);
  auto newOp = WhileOp::create(b, loc, types, init);
  newOp.getCond().takeBody(op.getCond());
  newOp.getBody().takeBody(op.getBody());
  // The condition takes the tangents too but does not use them.
  addTangentArgs(newOp.getCond().front(), 0, n, n, nullptr);
  Block &body = newOp.getBody().front();
  addTangentArgs(body, 0, n, n, &tangent);
  if (failed(jvpRegionBody(
          body, tangent, symbols,
          [&](unsigned i) { return tangentIndex[i] >= 0; }, n)))
    return failure();
  replaceWithTangents(op, newOp, primalIndex, tangentIndex, tangent);
  return success();
}

LogicalResult jvpOfScan(ScanOp op, DenseMap<Value, Value> &tangent,
                        SymbolTable &symbols) {
  OpBuilder b(op);
  Location loc = op.getLoc();
  unsigned numCarries = op.getInit().size();
  unsigned numYs = op.getNumResults() - numCarries;
  SmallVector<Value> init(op.getInit());
  llvm::append_range(init, tangentsOf(b, loc, op.getInit(), tangent));
  // Only the xs with a tangent get a tangent slice.
  SmallVector<Value> xs(op.getXs());
  SmallVector<unsigned> xsWithTangent;
  for (auto [i, x] : llvm::enumerate(op.getXs()))
    if (Value t = tangent.lookup(x)) {
      xs.push_back(t);
      xsWithTangent.push_back(i);
    }
  SmallVector<int> primalIndex, tangentIndex;
  SmallVector<Type> types;
  SmallVector<Type> resultTypes(op->getResultTypes());
  resultLayout(resultTypes, {numCarries, numYs}, primalIndex, tangentIndex,
               types);
  auto newOp = ScanOp::create(b, loc, types, init, xs, op.getReverseAttr(),
                              op.getLengthAttr());
  newOp.getBody().takeBody(op.getBody());
  Block &body = newOp.getBody().front();
  SmallVector<BlockArgument> carryTangents =
      addTangentArgs(body, 0, numCarries, numCarries, &tangent);
  unsigned xsStart = numCarries + carryTangents.size();
  for (unsigned i : xsWithTangent) {
    BlockArgument slice = body.getArgument(xsStart + i);
    tangent[slice] = body.addArgument(slice.getType(), slice.getLoc());
  }
  // Yield layout: carries, their tangents, ys, their tangents.
  if (failed(jvpBlock(body, tangent, symbols)))
    return failure();
  auto yield = cast<YieldOp>(body.getTerminator());
  OpBuilder yb(yield);
  ValueRange values = yield.getValues();
  SmallVector<Value> newValues(values.take_front(numCarries));
  llvm::append_range(
      newValues,
      tangentsOf(yb, yield.getLoc(), values.take_front(numCarries), tangent));
  llvm::append_range(newValues, values.drop_front(numCarries));
  llvm::append_range(
      newValues,
      tangentsOf(yb, yield.getLoc(), values.drop_front(numCarries), tangent));
  YieldOp::create(yb, yield.getLoc(), newValues);
  yield.erase();
  replaceWithTangents(op, newOp, primalIndex, tangentIndex, tangent);
  return success();
}

} // namespace

LogicalResult autodiff::jvpOfControlFlow(Operation *op,
                                         DenseMap<Value, Value> &tangent,
                                         SymbolTable &symbols) {
  if (isa<IfOp, SwitchOp>(op))
    return jvpOfBranch(op, tangent, symbols);
  if (auto fori = dyn_cast<ForiOp>(op))
    return jvpOfFori(fori, tangent, symbols);
  if (auto whileOp = dyn_cast<WhileOp>(op))
    return jvpOfWhile(whileOp, tangent, symbols);
  if (auto scan = dyn_cast<ScanOp>(op))
    return jvpOfScan(scan, tangent, symbols);
  return notSupported(op);
}

LogicalResult autodiff::vjpOfBranches(Operation *op, ValueRange resultCts,
                                      OpBuilder &b,
                                      DenseMap<Value, Value> &adjoint,
                                      DenseSet<Value> &active,
                                      SymbolTable &symbols) {
  Location loc = op->getLoc();
  SmallVector<Value> captured;
  for (Value v : inputsOf(op))
    if (isFloatTensor(v.getType()) && active.contains(v))
      captured.push_back(v);
  if (captured.empty())
    return success();
  SmallVector<Type> types(ValueRange(captured).getTypes());
  Operation *backward;
  if (auto ifOp = dyn_cast<IfOp>(op))
    backward = IfOp::create(b, loc, types, ifOp.getPred());
  else
    backward = SwitchOp::create(b, loc, types, cast<SwitchOp>(op).getIndex(),
                                op->getNumRegions());
  for (unsigned r = 0; r < op->getNumRegions(); ++r) {
    Block &primal = op->getRegion(r).front();
    Block *block = &backward->getRegion(r).emplaceBlock();
    OpBuilder bb = OpBuilder::atBlockEnd(block);
    // Recompute the branch's primal values.
    IRMapping mapping;
    SmallVector<Operation *> ops;
    for (Operation &inner : primal.without_terminator())
      ops.push_back(bb.clone(inner, mapping));
    primal.walk([&](Operation *inner) {
      for (Value result : inner->getResults())
        if (active.contains(result))
          active.insert(mapping.lookupOrDefault(result));
      for (Region &region : inner->getRegions())
        for (Block &nested : region)
          for (BlockArgument arg : nested.getArguments())
            if (active.contains(arg))
              active.insert(mapping.lookupOrDefault(arg));
    });
    DenseMap<Value, Value> local;
    auto yield = cast<YieldOp>(primal.getTerminator());
    for (auto [v, ct] : llvm::zip(yield.getValues(), resultCts))
      accumulate(bb, loc, local, mapping.lookupOrDefault(v), ct);
    if (failed(reverseSweep(ops, bb, loc, local, active, symbols)))
      return failure();
    SmallVector<Value> cts;
    for (Value v : captured) {
      Value ct = local.lookup(v);
      cts.push_back(ct ? ct : zerosLike(bb, loc, v));
    }
    YieldOp::create(bb, loc, cts);
  }
  for (auto [v, ct] : llvm::zip(captured, backward->getResults()))
    accumulate(b, loc, adjoint, v, ct);
  return success();
}

void autodiff::markActive(ArrayRef<Operation *> ops, DenseSet<Value> &active) {
  for (Operation *top : ops)
    top->walk<WalkOrder::PreOrder>([&](Operation *op) {
      if (llvm::none_of(inputsOf(op),
                        [&](Value v) { return active.contains(v); }))
        return;
      for (Value result : op->getResults())
        if (isFloatTensor(result.getType()))
          active.insert(result);
      for (Region &region : op->getRegions())
        for (Block &block : region)
          for (BlockArgument arg : block.getArguments())
            if (isFloatTensor(arg.getType()))
              active.insert(arg);
    });
}

LogicalResult autodiff::vjpOfScan(ScanOp op, ValueRange resultCts, OpBuilder &b,
                                  DenseMap<Value, Value> &adjoint,
                                  DenseSet<Value> &active,
                                  SymbolTable &symbols) {
  Location loc = op.getLoc();
  unsigned numCarries = op.getInit().size();
  unsigned numXs = op.getXs().size();
  unsigned numYs = op.getNumResults() - numCarries;
  Block &body = op.getBody().front();
  auto yield = cast<YieldOp>(body.getTerminator());

  // The length of the scan (the leading size of the stacked values; dynamic
  // when the xs's is).
  int64_t length = ShapedType::kDynamic;
  if (auto attr = op.getLengthAttr())
    length = attr.getInt();
  else
    length = cast<RankedTensorType>(op.getXs()[0].getType()).getDimSize(0);
  auto stacked = [&](Type type) -> Type {
    auto tensor = cast<RankedTensorType>(type);
    SmallVector<int64_t> shape{length};
    llvm::append_range(shape, tensor.getShape());
    return RankedTensorType::get(shape, tensor.getElementType());
  };

  llvm::SetVector<Value> usedAbove;
  getUsedValuesDefinedAbove(op.getBody(), usedAbove);
  SmallVector<Value> captured;
  for (Value v : usedAbove)
    if (isFloatTensor(v.getType()) && active.contains(v))
      captured.push_back(v);

  // Residual scan: the primal scan again, also stacking the carries that
  // enter each step. It takes the primal scan's place in the forward sweep
  // (which leaves that one dead) so that the primal steps run once there.
  SmallVector<Type> residualTypes(op->getResultTypes());
  for (Value init : op.getInit())
    residualTypes.push_back(stacked(init.getType()));
  OpBuilder fb(op);
  fb.setInsertionPointAfter(op);
  auto residual =
      ScanOp::create(fb, loc, residualTypes, op.getInit(), op.getXs(),
                     op.getReverseAttr(), op.getLengthAttr());
  IRMapping residualMap;
  op.getBody().cloneInto(&residual.getBody(), residualMap);
  {
    Block &rbody = residual.getBody().front();
    auto ryield = cast<YieldOp>(rbody.getTerminator());
    SmallVector<Value> values(ryield.getValues());
    llvm::append_range(values, rbody.getArguments().take_front(numCarries));
    OpBuilder yb(ryield);
    YieldOp::create(yb, ryield.getLoc(), values);
    ryield.erase();
  }
  ValueRange primalResults =
      residual.getResults().take_front(op->getNumResults());
  for (auto [old, now] : llvm::zip(op->getResults(), primalResults)) {
    old.replaceAllUsesWith(now);
    if (active.contains(old))
      active.insert(now);
  }
  ValueRange carriesIn = residual.getResults().drop_front(numCarries + numYs);

  // Backward scan, in the opposite direction: carries the cotangents of the
  // float carries and of the captured values; per step it takes the carries
  // that entered the step, the xs slices and the cotangents of the ys
  // slices, and stacks the cotangents of the active xs slices.
  SmallVector<Value> init, xs;
  SmallVector<unsigned> floatCarries, floatXs, floatYs;
  for (unsigned i = 0; i < numCarries; ++i)
    if (isFloatTensor(op.getInit()[i].getType())) {
      floatCarries.push_back(i);
      Value ct = resultCts[i];
      init.push_back(ct ? ct : zerosLike(b, loc, primalResults[i]));
    }
  for (Value v : captured)
    init.push_back(zerosLike(b, loc, v));
  llvm::append_range(xs, carriesIn);
  llvm::append_range(xs, op.getXs());
  for (unsigned k = 0; k < numYs; ++k) {
    Value y = primalResults[numCarries + k];
    if (!isFloatTensor(y.getType()))
      continue;
    floatYs.push_back(k);
    Value ct = resultCts[numCarries + k];
    xs.push_back(ct ? ct : zerosLike(b, loc, y));
  }
  SmallVector<Type> types(ValueRange(init).getTypes());
  for (unsigned j = 0; j < numXs; ++j)
    if (isFloatTensor(op.getXs()[j].getType()) &&
        active.contains(op.getXs()[j])) {
      floatXs.push_back(j);
      types.push_back(op.getXs()[j].getType());
    }
  auto backward = ScanOp::create(b, loc, types, init, xs, !op.getReverse(),
                                 op.getLengthAttr());
  Block *block = &backward.getBody().emplaceBlock();
  SmallVector<BlockArgument> carryCts, capturedAcc, cIn, xIn, yCts;
  for (Value v : init)
    (carryCts.size() < floatCarries.size() ? carryCts : capturedAcc)
        .push_back(block->addArgument(v.getType(), loc));
  for (BlockArgument arg : body.getArguments().take_front(numCarries))
    cIn.push_back(block->addArgument(arg.getType(), loc));
  for (BlockArgument arg : body.getArguments().drop_front(numCarries))
    xIn.push_back(block->addArgument(arg.getType(), loc));
  for (unsigned k : floatYs)
    yCts.push_back(
        block->addArgument(yield.getValues()[numCarries + k].getType(), loc));

  OpBuilder bb = OpBuilder::atBlockEnd(block);
  IRMapping mapping;
  mapping.map(body.getArguments().take_front(numCarries), cIn);
  mapping.map(body.getArguments().drop_front(numCarries), xIn);
  SmallVector<Operation *> ops;
  for (Operation &inner : body.without_terminator())
    ops.push_back(bb.clone(inner, mapping));
  for (BlockArgument arg : block->getArguments())
    if (isFloatTensor(arg.getType()))
      active.insert(arg);
  markActive(ops, active);

  DenseMap<Value, Value> local;
  for (auto [n, i] : llvm::enumerate(floatCarries))
    accumulate(bb, loc, local, mapping.lookupOrDefault(yield.getValues()[i]),
               carryCts[n]);
  for (auto [n, k] : llvm::enumerate(floatYs))
    accumulate(bb, loc, local,
               mapping.lookupOrDefault(yield.getValues()[numCarries + k]),
               yCts[n]);
  if (failed(reverseSweep(ops, bb, loc, local, active, symbols)))
    return failure();
  auto ctOf = [&](Value v) {
    Value ct = local.lookup(v);
    return ct ? ct : zerosLike(bb, loc, v);
  };
  SmallVector<Value> values;
  for (unsigned i : floatCarries)
    values.push_back(ctOf(cIn[i]));
  for (auto [n, v] : llvm::enumerate(captured))
    values.push_back(addT(bb, loc, capturedAcc[n], local.lookup(v)));
  for (unsigned j : floatXs)
    values.push_back(ctOf(xIn[j]));
  YieldOp::create(bb, loc, values);

  unsigned at = 0;
  for (unsigned i : floatCarries)
    accumulate(b, loc, adjoint, op.getInit()[i], backward.getResult(at++));
  for (Value v : captured)
    accumulate(b, loc, adjoint, v, backward.getResult(at++));
  for (unsigned j : floatXs)
    accumulate(b, loc, adjoint, op.getXs()[j], backward.getResult(at++));
  return success();
}
