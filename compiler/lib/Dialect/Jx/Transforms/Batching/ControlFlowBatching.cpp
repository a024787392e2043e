//===- ControlFlowBatching.cpp - jx control flow under vmap ---------------===//
//
// jx.if/switch/fori/scan/while are batched region by region. A per-element
// predicate or index runs every branch and selects each element's result;
// the loops of a branch run only for the elements that take it (the lane
// mask). Loops carry every value batched; a per-element while condition or
// fori bound loops until every element is done, the finished ones keeping
// their carries. jx.reduce_region keeps its combiner, the inputs batched.
//
//===----------------------------------------------------------------------===//

#include "Batcher.h"

#include "mlir/IR/IRMapping.h"

#include "llvm/ADT/ScopeExit.h"

using namespace mlir;
using namespace mlir::jx;
using namespace mlir::jx::batching;

Value Batcher::maskedBy(OpBuilder &builder, Location loc, Value taken) {
  if (!laneMask)
    return taken;
  return AndOp::create(builder, loc, taken.getType(), laneMask, taken);
}

BatchedValue Batcher::maskLoopCondition(OpBuilder &builder, Location loc,
                                        BatchedValue pred,
                                        const BatchSize &size) {
  if (!laneMask)
    return pred;
  Value p = pred.second ? moveDim(builder, loc, pred.first, *pred.second, 0)
                        : broadcastBatch(builder, loc, pred.first, size);
  return {AndOp::create(builder, loc, p.getType(), laneMask, p), 0};
}

/// `select(pred, onTrue, onFalse)` per batch element: `pred` is `i1` of
/// shape [B], the others are batched at 0.
static Value selectPerElement(OpBuilder &builder, Location loc, Value pred,
                              Value onTrue, Value onFalse) {
  auto type = cast<RankedTensorType>(onTrue.getType());
  if (type.getRank() > 1) {
    SmallVector<Value> dynamicSizes;
    for (int64_t d = 0, e = type.getRank(); d < e; ++d)
      if (type.isDynamicDim(d))
        dynamicSizes.push_back(
            DimOp::create(builder, loc, builder.getIndexType(), onTrue, d));
    pred = BroadcastInDimOp::create(
        builder, loc,
        RankedTensorType::get(type.getShape(), builder.getI1Type()), pred,
        ArrayRef<int64_t>{0}, dynamicSizes);
  }
  return SelectOp::create(builder, loc, type, pred, onTrue, onFalse);
}

LogicalResult Batcher::batchSwitch(SwitchOp op, OpBuilder &builder,
                                   llvm::DenseMap<Value, BatchedValue> &values,
                                   const BatchSize &size) {
  Location loc = op.getLoc();
  auto [index, indexDim] = values.lookup(op.getIndex());
  if (!indexDim) {
    // The same branch for every batch element: one jx.switch whose branches
    // compute on batched values.
    SmallVector<Type> resultTypes;
    for (Type type : op.getResultTypes())
      resultTypes.push_back(insertDim(type, 0, size.size));
    auto batched = SwitchOp::create(builder, loc, resultTypes, index,
                                    op.getBranches().size());
    for (auto [oldRegion, newRegion] :
         llvm::zip_equal(op.getBranches(), batched.getBranches())) {
      OpBuilder::InsertionGuard guard(builder);
      builder.createBlock(&newRegion);
      FailureOr<SmallVector<Value>> yields =
          batchBlockToFront(oldRegion.front(), builder, values, size);
      if (failed(yields))
        return failure();
      YieldOp::create(builder, oldRegion.front().getTerminator()->getLoc(),
                      *yields);
    }
    for (auto [oldResult, newResult] :
         llvm::zip_equal(op.getResults(), batched.getResults()))
      values[oldResult] = {newResult, 0};
    return success();
  }
  // A per-element index: every branch runs; branch k is taken where
  // index >= k, from the first to the last (the clamping of lax.switch). The
  // loops of each branch run only for the elements that take it (laneMask).
  Value perElement = moveDim(builder, loc, index, *indexDim, 0);
  auto indexType = cast<RankedTensorType>(perElement.getType());
  auto compareWith = [&](ComparisonDirection dir, int64_t k) -> Value {
    auto scalarType = RankedTensorType::get({}, indexType.getElementType());
    Value bound = broadcastBatch(
        builder, loc,
        ConstantOp::create(builder, loc,
                           DenseElementsAttr::get(
                               scalarType, builder.getIntegerAttr(
                                               indexType.getElementType(), k))),
        size);
    return CompareOp::create(
        builder, loc,
        RankedTensorType::get(indexType.getShape(), builder.getI1Type()),
        ComparisonDirectionAttr::get(builder.getContext(), dir), perElement,
        bound);
  };
  int64_t last = static_cast<int64_t>(op.getBranches().size()) - 1;
  Value outer = laneMask;
  llvm::scope_exit restore([&] { laneMask = outer; });
  SmallVector<SmallVector<Value>> branches;
  for (auto [k, region] : llvm::enumerate(op.getBranches())) {
    int64_t branch = static_cast<int64_t>(k);
    Value taken = branch == last ? compareWith(ComparisonDirection::GE, last)
                  : branch == 0  ? compareWith(ComparisonDirection::LT, 1)
                                 : compareWith(ComparisonDirection::EQ, branch);
    laneMask = outer;
    laneMask = maskedBy(builder, loc, taken);
    FailureOr<SmallVector<Value>> yields =
        batchBlockToFront(region.front(), builder, values, size);
    if (failed(yields))
      return failure();
    branches.push_back(*yields);
  }
  SmallVector<Value> results = branches.front();
  for (auto [k, branch] : llvm::enumerate(llvm::drop_begin(branches))) {
    Value taken =
        compareWith(ComparisonDirection::GE, static_cast<int64_t>(k) + 1);
    for (auto [result, value] : llvm::zip_equal(results, branch))
      result = selectPerElement(builder, loc, taken, value, result);
  }
  for (auto [oldResult, newResult] : llvm::zip_equal(op.getResults(), results))
    values[oldResult] = {newResult, 0};
  return success();
}

LogicalResult Batcher::batchIf(IfOp op, OpBuilder &builder,
                               llvm::DenseMap<Value, BatchedValue> &values,
                               const BatchSize &size) {
  Location loc = op.getLoc();
  auto [pred, predDim] = values.lookup(op.getPred());
  if (!predDim) {
    // The same branch for every batch element: one jx.if whose branches
    // compute on batched values.
    SmallVector<Type> resultTypes;
    for (Type type : op.getResultTypes())
      resultTypes.push_back(insertDim(type, 0, size.size));
    auto batched = IfOp::create(builder, loc, resultTypes, pred);
    for (auto [oldRegion, newRegion] :
         llvm::zip_equal(op->getRegions(), batched->getRegions())) {
      OpBuilder::InsertionGuard guard(builder);
      Block *block = builder.createBlock(&newRegion);
      FailureOr<SmallVector<Value>> yields =
          batchBlockToFront(oldRegion.front(), builder, values, size);
      if (failed(yields))
        return failure();
      YieldOp::create(builder, oldRegion.front().getTerminator()->getLoc(),
                      *yields);
      (void)block;
    }
    for (auto [oldResult, newResult] :
         llvm::zip_equal(op.getResults(), batched.getResults()))
      values[oldResult] = {newResult, 0};
    return success();
  }
  // A per-element predicate: both branches run, then a select (lax.cond
  // under vmap); the loops of each branch run only for the elements that
  // take it (laneMask).
  pred = moveDim(builder, loc, pred, *predDim, 0);
  auto predType = cast<RankedTensorType>(pred.getType());
  Value outer = laneMask;
  llvm::scope_exit restore([&] { laneMask = outer; });
  laneMask = maskedBy(builder, loc, pred);
  FailureOr<SmallVector<Value>> onTrue =
      batchBlockToFront(op.getThenRegion().front(), builder, values, size);
  if (failed(onTrue))
    return failure();
  laneMask = outer;
  laneMask = maskedBy(builder, loc,
                      LogicalNotOp::create(builder, loc, predType, pred));
  FailureOr<SmallVector<Value>> onFalse =
      batchBlockToFront(op.getElseRegion().front(), builder, values, size);
  if (failed(onFalse))
    return failure();
  for (auto [oldResult, t, f] :
       llvm::zip_equal(op.getResults(), *onTrue, *onFalse))
    values[oldResult] = {selectPerElement(builder, loc, pred, t, f), 0};
  return success();
}

FailureOr<SmallVector<Value>> Batcher::batchIntoRegion(
    Block &oldBlock, Region &region, TypeRange argTypes,
    ArrayRef<std::optional<int64_t>> argDims, OpBuilder &builder,
    llvm::DenseMap<Value, BatchedValue> &values, const BatchSize &size) {
  SmallVector<Location> locs;
  for (BlockArgument arg : oldBlock.getArguments())
    locs.push_back(arg.getLoc());
  Block *block = builder.createBlock(&region, {}, argTypes, locs);
  for (auto [oldArg, newArg, dim] :
       llvm::zip_equal(oldBlock.getArguments(), block->getArguments(), argDims))
    values[oldArg] = {newArg, dim};
  return batchBlockToFront(oldBlock, builder, values, size);
}

/// Loops carry every value batched (at 0); unbatched initial values are
/// broadcast. A jx.fori with batched bounds becomes a jx.while
/// (batchForiAsWhile). jx.scan slices its `xs` along dimension 0, so a
/// batched `xs` has its batch dimension at 1 (and so do the stacked
/// outputs). A jx.while whose condition is batched runs while any batch
/// element's condition holds, and keeps the carries of the elements whose
/// condition is false (lax.while_loop under vmap).
LogicalResult Batcher::batchLoop(Operation *op, OpBuilder &builder,
                                 llvm::DenseMap<Value, BatchedValue> &values,
                                 const BatchSize &size) {
  Location loc = op->getLoc();
  auto lookup = [&](Value v) { return values.lookup(v); };
  auto batchedInits = [&](ValueRange inits) {
    SmallVector<Value> result;
    for (Value init : inits) {
      auto [value, dim] = lookup(init);
      result.push_back(toFront(builder, loc, value, dim, size));
    }
    return result;
  };
  auto typesOf = [](ArrayRef<Value> vs) {
    SmallVector<Type> types;
    for (Value v : vs)
      types.push_back(v.getType());
    return types;
  };
  auto yieldAndMap = [&](Operation *newOp, ArrayRef<int64_t> resultDims) {
    for (auto [oldResult, newResult, dim] :
         llvm::zip_equal(op->getResults(), newOp->getResults(), resultDims))
      values[oldResult] = {newResult, dim};
  };

  if (auto fori = dyn_cast<ForiOp>(op)) {
    auto [lo, loDim] = lookup(fori.getLo());
    auto [hi, hiDim] = lookup(fori.getHi());
    if (loDim || hiDim)
      return batchForiAsWhile(fori, builder, values, size);
    SmallVector<Value> inits = batchedInits(fori.getInit());
    SmallVector<Type> carryTypes = typesOf(inits);
    auto batched = ForiOp::create(builder, loc, carryTypes, lo, hi, inits);
    SmallVector<Type> argTypes{lo.getType()};
    llvm::append_range(argTypes, carryTypes);
    SmallVector<std::optional<int64_t>> argDims{std::nullopt};
    argDims.append(carryTypes.size(), 0);
    OpBuilder::InsertionGuard guard(builder);
    FailureOr<SmallVector<Value>> yields =
        batchIntoRegion(fori.getBody().front(), batched.getBody(), argTypes,
                        argDims, builder, values, size);
    if (failed(yields))
      return failure();
    YieldOp::create(builder, loc, *yields);
    yieldAndMap(batched, SmallVector<int64_t>(carryTypes.size(), 0));
    return success();
  }

  if (auto scan = dyn_cast<ScanOp>(op)) {
    SmallVector<Value> inits = batchedInits(scan.getInit());
    SmallVector<Value> xs;
    SmallVector<std::optional<int64_t>> argDims(inits.size(), 0);
    SmallVector<Type> argTypes = typesOf(inits);
    for (Value x : scan.getXs()) {
      auto [value, dim] = lookup(x);
      if (dim) {
        // The scanned dimension is 0 of the original; the batch goes to 1.
        int64_t from = *dim;
        value = moveDim(builder, loc, value, from, 1);
      }
      xs.push_back(value);
      auto type = cast<RankedTensorType>(value.getType());
      argTypes.push_back(RankedTensorType::get(type.getShape().drop_front(),
                                               type.getElementType()));
      argDims.push_back(dim ? std::optional<int64_t>(0) : std::nullopt);
    }
    SmallVector<Type> resultTypes = typesOf(inits);
    SmallVector<int64_t> resultDims(inits.size(), 0);
    for (Value ys : scan.getStackedResults()) {
      resultTypes.push_back(insertDim(ys.getType(), 1, size.size));
      resultDims.push_back(1);
    }
    auto batched = ScanOp::create(builder, loc, resultTypes, inits, xs,
                                  scan.getReverseAttr(), scan.getLengthAttr());
    OpBuilder::InsertionGuard guard(builder);
    FailureOr<SmallVector<Value>> yields =
        batchIntoRegion(scan.getBody().front(), batched.getBody(), argTypes,
                        argDims, builder, values, size);
    if (failed(yields))
      return failure();
    YieldOp::create(builder, loc, *yields);
    yieldAndMap(batched, resultDims);
    return success();
  }

  auto whileOp = cast<WhileOp>(op);
  SmallVector<Value> inits = batchedInits(whileOp.getInit());
  SmallVector<Type> carryTypes = typesOf(inits);
  SmallVector<std::optional<int64_t>> argDims(carryTypes.size(), 0);
  auto batched = WhileOp::create(builder, loc, carryTypes, inits);
  Block &oldCond = whileOp.getCond().front();
  Block &oldBody = whileOp.getBody().front();
  SmallVector<Location> locs(carryTypes.size(), loc);
  // The condition on the carries of `block` (masked by laneMask), batched
  // into `block`: the cond region yields it, the body keeps the carries of
  // the elements for which it is false.
  auto condition = [&](Block *block) -> FailureOr<BatchedValue> {
    for (auto [oldArg, newArg] :
         llvm::zip_equal(oldCond.getArguments(), block->getArguments()))
      values[oldArg] = {newArg, 0};
    for (Operation &nested : oldCond.without_terminator())
      if (failed(batchOp(&nested, builder, values, size)))
        return failure();
    return maskLoopCondition(
        builder, loc, lookup(oldCond.getTerminator()->getOperand(0)), size);
  };
  {
    // cond: the batched predicate, reduced with `or` when it is batched.
    OpBuilder::InsertionGuard guard(builder);
    Block *block =
        builder.createBlock(&batched.getCond(), {}, carryTypes, locs);
    FailureOr<BatchedValue> pred = condition(block);
    if (failed(pred))
      return failure();
    auto [value, dim] = *pred;
    if (dim)
      value = ReduceOp::create(
          builder, loc, RankedTensorType::get({}, builder.getI1Type()),
          ReduceKindAttr::get(builder.getContext(), ReduceKind::Or), value,
          builder.getDenseI64ArrayAttr({*dim}));
    YieldOp::create(builder, loc, value);
  }
  {
    // body: the batched step; where the condition is batched, elements
    // whose condition is false keep their carries.
    OpBuilder::InsertionGuard guard(builder);
    Block *block =
        builder.createBlock(&batched.getBody(), {}, carryTypes, locs);
    FailureOr<BatchedValue> pred = condition(block);
    if (failed(pred))
      return failure();
    for (auto [oldArg, newArg] :
         llvm::zip_equal(oldBody.getArguments(), block->getArguments()))
      values[oldArg] = {newArg, 0};
    FailureOr<SmallVector<Value>> next =
        batchBlockToFront(oldBody, builder, values, size);
    if (failed(next))
      return failure();
    SmallVector<Value> yields(*next);
    if (auto [value, dim] = *pred; dim) {
      Value live = moveDim(builder, loc, value, *dim, 0);
      for (auto [next, carry] : llvm::zip_equal(yields, block->getArguments()))
        next = selectPerElement(builder, loc, live, next, carry);
    }
    YieldOp::create(builder, loc, yields);
  }
  yieldAndMap(batched, SmallVector<int64_t>(carryTypes.size(), 0));
  return success();
}

/// A jx.fori whose bounds differ per batch element runs as a jx.while that
/// carries a counter per element, runs while any element's counter is below
/// its bound, and keeps the carries of the elements that are done (JAX's
/// fori_loop is a while_loop when its bounds are traced).
LogicalResult
Batcher::batchForiAsWhile(ForiOp op, OpBuilder &builder,
                          llvm::DenseMap<Value, BatchedValue> &values,
                          const BatchSize &size) {
  Location loc = op.getLoc();
  auto toFrontOf = [&](Value v) {
    auto [value, dim] = values.lookup(v);
    return toFront(builder, loc, value, dim, size);
  };
  Value lo = toFrontOf(op.getLo());
  Value hi = toFrontOf(op.getHi());
  SmallVector<Value> inits{lo};
  for (Value init : op.getInit())
    inits.push_back(toFrontOf(init));
  SmallVector<Type> carryTypes;
  for (Value init : inits)
    carryTypes.push_back(init.getType());
  auto counterType = cast<RankedTensorType>(lo.getType());
  auto below = [&](Value counter) {
    return maskedBy(
        builder, loc,
        CompareOp::create(
            builder, loc,
            RankedTensorType::get(counterType.getShape(), builder.getI1Type()),
            ComparisonDirectionAttr::get(builder.getContext(),
                                         ComparisonDirection::LT),
            counter, hi));
  };
  auto loop = WhileOp::create(builder, loc, carryTypes, inits);
  SmallVector<Location> locs(carryTypes.size(), loc);
  {
    OpBuilder::InsertionGuard guard(builder);
    Block *cond = builder.createBlock(&loop.getCond(), {}, carryTypes, locs);
    Value any = ReduceOp::create(
        builder, loc, RankedTensorType::get({}, builder.getI1Type()),
        ReduceKindAttr::get(builder.getContext(), ReduceKind::Or),
        below(cond->getArgument(0)), builder.getDenseI64ArrayAttr({0}));
    YieldOp::create(builder, loc, any);
  }
  OpBuilder::InsertionGuard guard(builder);
  Block *body = builder.createBlock(&loop.getBody(), {}, carryTypes, locs);
  Block &oldBody = op.getBody().front();
  for (auto [oldArg, newArg] :
       llvm::zip_equal(oldBody.getArguments(), body->getArguments()))
    values[oldArg] = {newArg, 0};
  FailureOr<SmallVector<Value>> next =
      batchBlockToFront(oldBody, builder, values, size);
  if (failed(next))
    return failure();
  Value counter = body->getArgument(0);
  Value active = below(counter);
  auto scalarType = RankedTensorType::get({}, counterType.getElementType());
  Value one = broadcastBatch(
      builder, loc,
      ConstantOp::create(builder, loc,
                         DenseElementsAttr::get(
                             scalarType, builder.getIntegerAttr(
                                             counterType.getElementType(), 1))),
      size);
  SmallVector<Value> yields{
      AddOp::create(builder, loc, counterType, counter, one)};
  for (auto [value, carry] :
       llvm::zip_equal(*next, body->getArguments().drop_front()))
    yields.push_back(selectPerElement(builder, loc, active, value, carry));
  YieldOp::create(builder, loc, yields);
  for (auto [oldResult, newResult] :
       llvm::zip_equal(op.getResults(), loop.getResults().drop_front()))
    values[oldResult] = {newResult, 0};
  return success();
}

/// The combiner of a jx.reduce_region works on rank-0 elements, the same for
/// every batch element: the inputs get their batch dimension at 0 (broadcast
/// when unbatched), the reduced dimensions shift past it and the combiner is
/// copied as it is. The initial values are the combiner's identity, so they
/// stay unbatched; batched ones are not supported (nor are they in JAX).
LogicalResult
Batcher::batchReduceRegion(ReduceRegionOp op, OpBuilder &builder,
                           llvm::DenseMap<Value, BatchedValue> &values,
                           const BatchSize &size) {
  Location loc = op.getLoc();
  SmallVector<Value> inputs, inits;
  for (Value input : op.getInputs()) {
    auto [value, dim] = values.lookup(input);
    inputs.push_back(toFront(builder, loc, value, dim, size));
  }
  for (Value init : op.getInitValues()) {
    auto [value, dim] = values.lookup(init);
    if (dim)
      return op.emitError("batching of 'jx.reduce_region' with batched "
                          "initial values is not supported yet");
    inits.push_back(value);
  }
  SmallVector<Type> resultTypes;
  for (Type type : op.getResultTypes())
    resultTypes.push_back(insertDim(type, 0, size.size));
  auto batched = ReduceRegionOp::create(builder, loc, resultTypes, inputs,
                                        inits, shifted(op.getDimensions()));
  // The combiner may capture (unbatched) values from above.
  IRMapping mapping;
  op.getBody().walk([&](Operation *nested) {
    for (Value operand : nested->getOperands())
      if (auto it = values.find(operand); it != values.end())
        mapping.map(operand, it->second.first);
  });
  op.getBody().cloneInto(&batched.getBody(), mapping);
  for (auto [oldResult, newResult] :
       llvm::zip_equal(op.getResults(), batched.getResults()))
    values[oldResult] = {newResult, 0};
  return success();
}
