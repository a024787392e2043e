//===- ExpandVmap.cpp - jx-expand-vmap ------------------------------------===//
//
// Replaces each `jx.vmap` by a call to a batched copy of its callee. The copy
// moves mapped arguments' batch dimensions to 0, rewrites the body op by op
// with `JxBatchableOpInterface` (ops none of whose operands are batched are
// cloned as they are), batches called functions into variants of their own,
// batches jx.if/switch/fori/scan/while region by region and jx.reduce_region
// around its combiner (ControlFlowBatching.cpp), and moves each result's
// batch dimension to `out_axes`. Collectives over the request's `axis_name`
// work across the batch dimension (CollectiveRules.cpp); once no request is
// left, a collective the program still reaches is reported. Requests whose
// callee (or a function it calls) still holds a transformation request wait
// until that one is expanded: the pass iterates to a fixpoint, so nested
// vmaps expand innermost first, and requests waiting for another pass (a
// `jx.grad` before jx-expand-autodiff, a `jx.pmap` before jx-pmap-as-vmap)
// stay.
//
//===----------------------------------------------------------------------===//

#include "Batcher.h"

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
