//===- ExpandVmap.cpp - jx-expand-vmap ------------------------------------===//
//
// Replaces each `jx.vmap` by a call to a batched copy of its callee. The copy
// moves mapped arguments' batch dimensions to 0, rewrites the body op by op
// with `JxBatchableOpInterface` (ops none of whose operands are batched are
// cloned as they are), batches called functions into variants of their own,
// batches jx.if/switch/fori/scan/while region by region (batchIf,
// batchSwitch, batchLoop) and jx.reduce_region around its combiner
// (batchReduceRegion), and moves each result's batch dimension to
// `out_axes`. Collectives over the request's `axis_name` work across the
// batch dimension (CollectiveRules.cpp); once no request is left, a
// collective the program still reaches is reported. Requests whose callee
// (or a function it calls) still holds a transformation request wait until
// that one is expanded: the pass iterates to a fixpoint, so nested vmaps
// expand innermost first, and requests waiting for another pass (a
// `jx.grad` before jx-expand-autodiff, a `jx.pmap`) stay.
//
//===----------------------------------------------------------------------===//

#include "BatchingUtils.h"

#include "jx/Dialect/Jx/IR/JxOps.h"
#include "jx/Dialect/Jx/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/SymbolTable.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/raw_ostream.h"

#include <functional>

namespace mlir::jx {
#define GEN_PASS_DEF_EXPANDVMAPPASS
#include "jx/Dialect/Jx/Transforms/Passes.h.inc"
} // namespace mlir::jx

using namespace mlir;
using namespace mlir::jx;
using namespace mlir::jx::batching;

namespace {

constexpr int64_t kNotMapped = VmapOp::kNotMapped;

bool isTransformRequest(Operation *op) {
  return isa<GradOp, ValueAndGradOp, JvpOp, VjpOp, JacFwdOp, JacRevOp,
             HessianOp, VmapOp, PmapOp>(op);
}

/// Builds (and caches) batched variants of functions.
class Batcher {
public:
  Batcher(ModuleOp module, SymbolTable &symbols)
      : module(module), symbols(symbols) {}

  /// The function computing `callee` mapped over `inAxes`, with its results'
  /// batch dimensions at `outAxes`, of type `argTypes -> resultTypes`.
  /// `axisSize` is used when no argument is mapped.
  FailureOr<func::FuncOp> getBatched(func::FuncOp callee,
                                     ArrayRef<int64_t> inAxes,
                                     ArrayRef<int64_t> outAxes,
                                     TypeRange argTypes, TypeRange resultTypes,
                                     std::optional<int64_t> axisSize,
                                     Location requestLoc);

  /// The axis the vmap being expanded binds (null: none); collectives over
  /// it work across the batch dimension.
  void setAxisName(StringAttr name) {
    if (name != axisName)
      usesAxisCache.clear();
    axisName = name;
  }

private:
  /// Whether `op`, the ops nested in it or the functions they call hold a
  /// collective over `axisName`: such an op is batched even when none of its
  /// operands is.
  bool usesAxis(Operation *op);

  LogicalResult buildBody(func::FuncOp callee, func::FuncOp batched,
                          ArrayRef<int64_t> inAxes, ArrayRef<int64_t> outAxes,
                          std::optional<int64_t> axisSize);
  LogicalResult batchOp(Operation *op, OpBuilder &builder,
                        llvm::DenseMap<Value, BatchedValue> &values,
                        const BatchSize &size);
  LogicalResult batchIf(IfOp op, OpBuilder &builder,
                        llvm::DenseMap<Value, BatchedValue> &values,
                        const BatchSize &size);
  LogicalResult batchSwitch(SwitchOp op, OpBuilder &builder,
                            llvm::DenseMap<Value, BatchedValue> &values,
                            const BatchSize &size);
  LogicalResult batchLoop(Operation *op, OpBuilder &builder,
                          llvm::DenseMap<Value, BatchedValue> &values,
                          const BatchSize &size);
  LogicalResult batchForiAsWhile(ForiOp op, OpBuilder &builder,
                                 llvm::DenseMap<Value, BatchedValue> &values,
                                 const BatchSize &size);
  LogicalResult batchReduceRegion(ReduceRegionOp op, OpBuilder &builder,
                                  llvm::DenseMap<Value, BatchedValue> &values,
                                  const BatchSize &size);
  /// Creates a block in `region` with `argTypes`, binds `oldBlock`'s
  /// arguments to its arguments (with `argDims`) and batches `oldBlock` into
  /// it; returns the terminator's operands with their batch dimension at 0.
  FailureOr<SmallVector<Value>>
  batchIntoRegion(Block &oldBlock, Region &region, TypeRange argTypes,
                  ArrayRef<std::optional<int64_t>> argDims, OpBuilder &builder,
                  llvm::DenseMap<Value, BatchedValue> &values,
                  const BatchSize &size);
  /// Batches the ops of `block` (whose values from above are in `values`)
  /// and returns its terminator's operands with their batch dimension at 0.
  FailureOr<SmallVector<Value>>
  batchBlockToFront(Block &block, OpBuilder &builder,
                    llvm::DenseMap<Value, BatchedValue> &values,
                    const BatchSize &size);

  /// The batch elements that take the branch being batched (`i1` of shape
  /// [B]; null: all of them). Both branches of a per-element `jx.if` run, so
  /// a loop in a branch must not run for the elements that do not take it:
  /// it could run forever on their values.
  Value laneMask;
  /// `laneMask and taken` (`taken` alone when there is no mask).
  Value maskedBy(OpBuilder &builder, Location loc, Value taken);
  /// `pred and laneMask` for a loop condition (`pred` batched at 0, or
  /// unbatched and then broadcast), or `pred` when there is no mask.
  BatchedValue maskLoopCondition(OpBuilder &builder, Location loc,
                                 BatchedValue pred, const BatchSize &size);
  /// Whether `op` holds a loop whose trip count may depend on values (a
  /// jx.while, or a jx.fori), here or in a function it calls.
  bool holdsLoop(Operation *op);

  ModuleOp module;
  SymbolTable &symbols;
  llvm::StringMap<func::FuncOp> cache;
  llvm::DenseMap<Operation *, func::FuncOp> lastVariant;
  StringAttr axisName;
  llvm::DenseMap<Operation *, bool> usesAxisCache;
};

} // namespace

FailureOr<func::FuncOp>
Batcher::getBatched(func::FuncOp callee, ArrayRef<int64_t> inAxes,
                    ArrayRef<int64_t> outAxes, TypeRange argTypes,
                    TypeRange resultTypes, std::optional<int64_t> axisSize,
                    Location requestLoc) {
  std::string key;
  {
    llvm::raw_string_ostream os(key);
    os << callee.getSymName() << "|";
    llvm::interleaveComma(inAxes, os);
    os << "|";
    llvm::interleaveComma(outAxes, os);
    os << "|" << (axisSize ? *axisSize : -1) << "|"
       << (axisName ? axisName.getValue() : "") << "|";
    for (Type type : argTypes)
      os << type << ",";
    os << "|";
    for (Type type : resultTypes)
      os << type << ",";
  }
  if (auto it = cache.find(key); it != cache.end())
    return it->second;

  if (callee.isExternal())
    return emitError(requestLoc)
           << "cannot batch '" << callee.getSymName() << "': it has no body";
  if (!callee.getBody().hasOneBlock())
    return emitError(requestLoc)
           << "batching of '" << callee.getSymName()
           << "' with more than one block is not supported yet";

  // Variants follow their callee, in the order they are made.
  OpBuilder builder(module.getContext());
  func::FuncOp &last = lastVariant[callee];
  builder.setInsertionPointAfter(last ? last : callee);
  auto batched = func::FuncOp::create(
      builder, callee.getLoc(), (callee.getSymName() + ".vmap").str(),
      builder.getFunctionType(argTypes, resultTypes));
  batched.setPrivate();
  symbols.insert(batched); // Uniques the name (`@f.vmap_0`, ...).
  cache[key] = batched;
  func::FuncOp previous = last;
  last = batched;
  if (failed(buildBody(callee, batched, inAxes, outAxes, axisSize))) {
    cache.erase(key);
    lastVariant[callee] = previous;
    symbols.erase(batched);
    return failure();
  }
  return batched;
}

bool Batcher::usesAxis(Operation *op) {
  if (!axisName)
    return false;
  bool result = false;
  op->walk([&](Operation *nested) {
    if (getCollectiveAxis(nested) == axisName.getValue()) {
      result = true;
      return WalkResult::interrupt();
    }
    auto call = dyn_cast<func::CallOp>(nested);
    if (!call)
      return WalkResult::advance();
    auto callee = module.lookupSymbol<func::FuncOp>(call.getCallee());
    if (!callee)
      return WalkResult::advance();
    auto it = usesAxisCache.find(callee);
    if (it == usesAxisCache.end()) {
      usesAxisCache[callee] = false; // Recursion is not expected.
      bool calleeUses = usesAxis(callee);
      it = usesAxisCache.insert_or_assign(callee, calleeUses).first;
    }
    if (it->second) {
      result = true;
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return result;
}

LogicalResult Batcher::buildBody(func::FuncOp callee, func::FuncOp batched,
                                 ArrayRef<int64_t> inAxes,
                                 ArrayRef<int64_t> outAxes,
                                 std::optional<int64_t> axisSize) {
  Block *entry = batched.addEntryBlock();
  OpBuilder builder = OpBuilder::atBlockBegin(entry);
  Location loc = callee.getLoc();

  // The batch size: from the first mapped argument, else `axis_size`.
  BatchSize size;
  bool haveSize = false;
  for (auto [arg, axis] : llvm::zip_equal(entry->getArguments(), inAxes))
    if (axis != kNotMapped) {
      size = getBatchSize(builder, loc, arg, axis);
      haveSize = true;
      break;
    }
  if (!haveSize) {
    if (!axisSize)
      return emitError(loc) << "vmap of '" << callee.getSymName()
                            << "' maps no argument and has no axis_size";
    size.size = *axisSize;
  }

  llvm::DenseMap<Value, BatchedValue> values;
  Block &body = callee.getBody().front();
  for (auto [oldArg, newArg, axis] :
       llvm::zip_equal(body.getArguments(), entry->getArguments(), inAxes)) {
    if (axis == kNotMapped)
      values[oldArg] = {newArg, std::nullopt};
    else
      values[oldArg] = {moveDim(builder, loc, newArg, axis, 0), 0};
  }

  for (Operation &op : body.without_terminator())
    if (failed(batchOp(&op, builder, values, size)))
      return failure();

  auto ret = cast<func::ReturnOp>(body.getTerminator());
  SmallVector<Value> results;
  for (auto [index, operand] : llvm::enumerate(ret.getOperands())) {
    auto [value, dim] = values.lookup(operand);
    int64_t outAxis = outAxes[index];
    Type expected = batched.getFunctionType().getResult(index);
    if (outAxis == kNotMapped) {
      if (dim)
        return ret.emitError("vmap result ")
               << index
               << " depends on the mapped arguments but its out_axes is none";
    } else {
      if (!dim)
        value = broadcastBatch(builder, ret.getLoc(), value, size);
      value = moveDim(builder, ret.getLoc(), value, dim.value_or(0), outAxis);
    }
    if (value.getType() != expected)
      return ret.emitError("batched result ")
             << index << " has type " << value.getType() << " but vmap expects "
             << expected;
    results.push_back(value);
  }
  func::ReturnOp::create(builder, ret.getLoc(), results);
  return success();
}

LogicalResult Batcher::batchOp(Operation *op, OpBuilder &builder,
                               llvm::DenseMap<Value, BatchedValue> &values,
                               const BatchSize &size) {
  SmallVector<Value> operands;
  SmallVector<std::optional<int64_t>> batchDims;
  bool anyBatched = false;
  for (Value operand : op->getOperands()) {
    auto [value, dim] = values.lookup(operand);
    operands.push_back(value);
    batchDims.push_back(dim);
    anyBatched |= dim.has_value();
  }
  // Values used inside regions but defined above them count too.
  bool regionUsesBatched = false;
  op->walk([&](Operation *nested) {
    if (nested == op)
      return;
    for (Value operand : nested->getOperands()) {
      auto it = values.find(operand);
      if (it != values.end() && it->second.second)
        regionUsesBatched = true;
    }
  });

  // A collective over the bound axis works across the batch dimension.
  if (axisName && getCollectiveAxis(op) == axisName.getValue()) {
    FailureOr<SmallVector<BatchedValue>> results =
        bindCollective(op, builder, operands, batchDims, size);
    if (failed(results))
      return failure();
    for (auto [oldResult, newResult] :
         llvm::zip_equal(op->getResults(), *results))
      values[oldResult] = newResult;
    return success();
  }

  // (A loop in a masked branch is batched, so that it stops for the
  // elements that do not take the branch.)
  bool masked = laneMask && holdsLoop(op);
  if (!anyBatched && !regionUsesBatched && !usesAxis(op) && !masked) {
    IRMapping mapping;
    for (auto [oldValue, newValue] :
         llvm::zip_equal(op->getOperands(), operands))
      mapping.map(oldValue, newValue);
    op->walk([&](Operation *nested) {
      for (Value operand : nested->getOperands())
        if (!mapping.contains(operand))
          if (auto it = values.find(operand); it != values.end())
            mapping.map(operand, it->second.first);
    });
    Operation *clone = builder.clone(*op, mapping);
    for (auto [oldResult, newResult] :
         llvm::zip_equal(op->getResults(), clone->getResults()))
      values[oldResult] = {newResult, std::nullopt};
    return success();
  }

  // A batched `index` is an `i64` tensor (IndexArithRules.cpp) that only
  // index arithmetic and jx.from_index take; as a size it would make a shape
  // that differs per batch element.
  bool takesIndices =
      isa<FromIndexOp>(op) || isa<arith::ArithDialect>(op->getDialect());
  for (auto [operand, dim] : llvm::zip_equal(op->getOperands(), batchDims))
    if (dim && operand.getType().isIndex() && !takesIndices)
      return op->emitError("batching of '")
             << op->getName()
             << "' with a size that depends on the mapped arguments is not "
                "supported";

  if (auto call = dyn_cast<func::CallOp>(op)) {
    auto callee = module.lookupSymbol<func::FuncOp>(call.getCallee());
    if (!callee)
      return call.emitError("batching a call to an unknown function");
    if (masked) {
      // The loops of a callee called in a masked branch see the mask: its
      // body is batched here, in place of the call.
      Block &body = callee.getBody().front();
      for (auto [arg, value, dim] :
           llvm::zip_equal(body.getArguments(), operands, batchDims))
        values[arg] = {value, dim};
      FailureOr<SmallVector<Value>> results =
          batchBlockToFront(body, builder, values, size);
      if (failed(results))
        return failure();
      for (auto [oldResult, newResult] :
           llvm::zip_equal(call.getResults(), *results))
        values[oldResult] = {newResult, 0};
      return success();
    }
    SmallVector<int64_t> inAxes;
    SmallVector<Type> argTypes, resultTypes;
    for (auto [value, dim] : llvm::zip_equal(operands, batchDims)) {
      inAxes.push_back(dim ? *dim : kNotMapped);
      argTypes.push_back(value.getType());
    }
    SmallVector<int64_t> outAxes(call.getNumResults(), 0);
    for (Type type : call.getResultTypes())
      resultTypes.push_back(insertDim(type, 0, size.size));
    FailureOr<func::FuncOp> batched = getBatched(
        callee, inAxes, outAxes, argTypes, resultTypes,
        size.isDynamic() ? std::nullopt : std::optional<int64_t>(size.size),
        call.getLoc());
    if (failed(batched))
      return failure();
    auto newCall =
        func::CallOp::create(builder, call.getLoc(), *batched, operands);
    for (auto [oldResult, newResult] :
         llvm::zip_equal(call.getResults(), newCall.getResults()))
      values[oldResult] = {newResult, 0};
    return success();
  }

  if (auto ifOp = dyn_cast<IfOp>(op))
    return batchIf(ifOp, builder, values, size);
  if (auto switchOp = dyn_cast<SwitchOp>(op))
    return batchSwitch(switchOp, builder, values, size);
  if (isa<ForiOp, ScanOp, WhileOp>(op))
    return batchLoop(op, builder, values, size);
  if (auto reduce = dyn_cast<ReduceRegionOp>(op)) {
    if (regionUsesBatched)
      return reduce.emitError("batching of 'jx.reduce_region' whose combiner "
                              "uses a batched value is not supported yet");
    return batchReduceRegion(reduce, builder, values, size);
  }

  auto batchable = dyn_cast<JxBatchableOpInterface>(op);
  if (!batchable || regionUsesBatched)
    return op->emitError("batching of '")
           << op->getName() << "' is not supported yet";
  FailureOr<SmallVector<BatchedValue>> results =
      batchable.batch(builder, operands, batchDims);
  if (failed(results))
    return failure();
  assert(results->size() == op->getNumResults() &&
         "batching rule must return one value per result");
  for (auto [oldResult, newResult] :
       llvm::zip_equal(op->getResults(), *results))
    values[oldResult] = newResult;
  return success();
}

FailureOr<SmallVector<Value>>
Batcher::batchBlockToFront(Block &block, OpBuilder &builder,
                           llvm::DenseMap<Value, BatchedValue> &values,
                           const BatchSize &size) {
  for (Operation &op : block.without_terminator())
    if (failed(batchOp(&op, builder, values, size)))
      return failure();
  SmallVector<Value> results;
  Operation *terminator = block.getTerminator();
  for (Value operand : terminator->getOperands()) {
    auto [value, dim] = values.lookup(operand);
    results.push_back(toFront(builder, terminator->getLoc(), value, dim, size));
  }
  return results;
}

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

bool Batcher::holdsLoop(Operation *op) {
  bool found = false;
  llvm::SmallPtrSet<Operation *, 8> visited;
  std::function<void(Operation *)> visit = [&](Operation *root) {
    root->walk([&](Operation *nested) {
      if (found || !visited.insert(nested).second)
        return;
      if (isa<WhileOp, ForiOp>(nested)) {
        found = true;
        return;
      }
      if (auto call = dyn_cast<func::CallOp>(nested))
        if (auto callee = module.lookupSymbol<func::FuncOp>(call.getCallee()))
          visit(callee);
    });
  };
  visit(op);
  return found;
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
  index = moveDim(builder, loc, index, *indexDim, 0);
  auto indexType = cast<RankedTensorType>(index.getType());
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
        ComparisonDirectionAttr::get(builder.getContext(), dir), index, bound);
  };
  int64_t last = static_cast<int64_t>(op.getBranches().size()) - 1;
  Value outer = laneMask;
  auto restore = llvm::make_scope_exit([&] { laneMask = outer; });
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
  auto restore = llvm::make_scope_exit([&] { laneMask = outer; });
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
       llvm::zip_equal(op.getResults(), *onTrue, *onFalse)) {
    auto type = cast<RankedTensorType>(t.getType());
    Value p = pred;
    if (type.getRank() > 1) {
      SmallVector<Value> dynamicSizes;
      for (int64_t d = 0, e = type.getRank(); d < e; ++d)
        if (type.isDynamicDim(d))
          dynamicSizes.push_back(
              DimOp::create(builder, loc, builder.getIndexType(), t, d));
      p = BroadcastInDimOp::create(
          builder, loc,
          RankedTensorType::get(type.getShape(), predType.getElementType()),
          pred, ArrayRef<int64_t>{0}, dynamicSizes);
    }
    values[oldResult] = {SelectOp::create(builder, loc, type, p, t, f), 0};
  }
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
  {
    // cond: the batched predicate, reduced with `or` when it is batched.
    OpBuilder::InsertionGuard guard(builder);
    SmallVector<Location> locs(carryTypes.size(), loc);
    Block *block =
        builder.createBlock(&batched.getCond(), {}, carryTypes, locs);
    for (auto [oldArg, newArg] :
         llvm::zip_equal(oldCond.getArguments(), block->getArguments()))
      values[oldArg] = {newArg, 0};
    for (Operation &nested : oldCond.without_terminator())
      if (failed(batchOp(&nested, builder, values, size)))
        return failure();
    auto [pred, predDim] = maskLoopCondition(
        builder, loc, lookup(oldCond.getTerminator()->getOperand(0)), size);
    if (predDim)
      pred = ReduceOp::create(
          builder, loc, RankedTensorType::get({}, builder.getI1Type()),
          ReduceKindAttr::get(builder.getContext(), ReduceKind::Or), pred,
          builder.getDenseI64ArrayAttr({*predDim}));
    YieldOp::create(builder, loc, pred);
  }
  {
    // body: the batched step; where the condition is batched, elements
    // whose condition is false keep their carries.
    OpBuilder::InsertionGuard guard(builder);
    SmallVector<Location> locs(carryTypes.size(), loc);
    Block *block =
        builder.createBlock(&batched.getBody(), {}, carryTypes, locs);
    for (auto [oldArg, newArg] :
         llvm::zip_equal(oldCond.getArguments(), block->getArguments()))
      values[oldArg] = {newArg, 0};
    for (Operation &nested : oldCond.without_terminator())
      if (failed(batchOp(&nested, builder, values, size)))
        return failure();
    auto [pred, predDim] = maskLoopCondition(
        builder, loc, lookup(oldCond.getTerminator()->getOperand(0)), size);
    for (auto [oldArg, newArg] :
         llvm::zip_equal(oldBody.getArguments(), block->getArguments()))
      values[oldArg] = {newArg, 0};
    FailureOr<SmallVector<Value>> next =
        batchBlockToFront(oldBody, builder, values, size);
    if (failed(next))
      return failure();
    SmallVector<Value> yields;
    for (auto [value, carry] : llvm::zip_equal(*next, block->getArguments())) {
      if (!predDim) {
        yields.push_back(value);
        continue;
      }
      Value p = moveDim(builder, loc, pred, *predDim, 0);
      auto type = cast<RankedTensorType>(value.getType());
      if (type.getRank() > 1) {
        SmallVector<Value> dynamicSizes;
        for (int64_t d = 0, e = type.getRank(); d < e; ++d)
          if (type.isDynamicDim(d))
            dynamicSizes.push_back(
                DimOp::create(builder, loc, builder.getIndexType(), value, d));
        p = BroadcastInDimOp::create(
            builder, loc,
            RankedTensorType::get(type.getShape(), builder.getI1Type()), p,
            ArrayRef<int64_t>{0}, dynamicSizes);
      }
      yields.push_back(SelectOp::create(builder, loc, type, p, value, carry));
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

namespace {

struct ExpandVmapPass : public jx::impl::ExpandVmapPassBase<ExpandVmapPass> {
  using ExpandVmapPassBase::ExpandVmapPassBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    Batcher batcher(module, symbols);

    // Whether `func` (and every function it calls) is free of requests.
    llvm::DenseMap<Operation *, bool> ready;
    std::function<bool(func::FuncOp)> isReady = [&](func::FuncOp func) {
      if (auto it = ready.find(func); it != ready.end())
        return it->second;
      ready[func] = true; // Recursion is not expected; assume ready.
      bool result = true;
      func.walk([&](Operation *op) {
        if (isTransformRequest(op)) {
          result = false;
          return WalkResult::interrupt();
        }
        if (auto call = dyn_cast<func::CallOp>(op))
          if (auto callee = symbols.lookup<func::FuncOp>(call.getCallee()))
            if (!isReady(callee)) {
              result = false;
              return WalkResult::interrupt();
            }
        return WalkResult::advance();
      });
      return ready[func] = result;
    };

    bool changed = true;
    while (changed) {
      changed = false;
      ready.clear();
      SmallVector<VmapOp> requests;
      module.walk([&](VmapOp op) { requests.push_back(op); });
      for (VmapOp request : requests) {
        auto callee = symbols.lookup<func::FuncOp>(request.getCallee());
        if (!callee) {
          request.emitError("vmap of unknown function '")
              << request.getCallee() << "'";
          return signalPassFailure();
        }
        if (!isReady(callee))
          continue;
        batcher.setAxisName(request.getAxisNameAttr());
        FailureOr<func::FuncOp> batched = batcher.getBatched(
            callee, request.getInAxes(), request.getOutAxes(),
            request.getArgs().getTypes(), request.getResultTypes(),
            request.getAxisSize(), request.getLoc());
        if (failed(batched))
          return signalPassFailure();
        OpBuilder builder(request);
        auto call = func::CallOp::create(builder, request.getLoc(), *batched,
                                         request.getArgs());
        request.replaceAllUsesWith(call.getResults());
        request.erase();
        changed = true;
        ready.clear(); // The caller of the request may be ready now.
      }
    }

    // Once every request is expanded, a collective the program still
    // reaches has no vmap (or pmap) binding its axis.
    bool requestsLeft = module
                            .walk([](Operation *op) {
                              return isTransformRequest(op)
                                         ? WalkResult::interrupt()
                                         : WalkResult::advance();
                            })
                            .wasInterrupted();
    if (!requestsLeft && failed(checkNoUnboundCollectives(module)))
      signalPassFailure();
  }
};

} // namespace
