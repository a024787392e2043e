//===- Batcher.h - Batched variants of functions ----------------*- C++ -*-===//
//
// Private to Batching/: the state of jx-expand-vmap while it batches one
// request's callee (ExpandVmap.cpp: functions, calls and ops one by one;
// ControlFlowBatching.cpp: jx.if/switch/fori/scan/while/reduce_region).
//
//===----------------------------------------------------------------------===//

#ifndef JX_LIB_DIALECT_JX_TRANSFORMS_BATCHING_BATCHER_H
#define JX_LIB_DIALECT_JX_TRANSFORMS_BATCHING_BATCHER_H

#include "BatchingUtils.h"

#include "jx/Dialect/Jx/IR/JxOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/SymbolTable.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"

namespace mlir::jx::batching {

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

} // namespace mlir::jx::batching

#endif // JX_LIB_DIALECT_JX_TRANSFORMS_BATCHING_BATCHER_H
