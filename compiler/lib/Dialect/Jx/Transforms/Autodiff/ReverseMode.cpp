//===- ReverseMode.cpp - VJP/grad of a function -------------------------===//
//
// The function's own body is the forward sweep (it keeps every primal
// value); the backward sweep is appended before the return: ops are visited
// in reverse and each op's VJP rule turns the cotangents of its results
// into cotangents of its operands, accumulated with jx.add. A null
// cotangent is zero; only floating-point values carry cotangents.
// jx.if/jx.switch get a backward branch on the same predicate
// (ControlFlowRules.cpp).
//
//===----------------------------------------------------------------------===//

#include "Autodiff.h"
#include "AutodiffUtils.h"

using namespace mlir;
using namespace mlir::jx;
using namespace mlir::jx::autodiff;

void autodiff::accumulate(OpBuilder &b, Location loc,
                          DenseMap<Value, Value> &adjoint, Value v, Value ct) {
  if (!ct || !isFloatTensor(v.getType()))
    return;
  adjoint[v] = addT(b, loc, adjoint.lookup(v), ct);
}

LogicalResult autodiff::reverseSweep(ArrayRef<Operation *> ops, OpBuilder &b,
                                     Location loc,
                                     DenseMap<Value, Value> &adjoint,
                                     DenseSet<Value> &active,
                                     SymbolTable &symbols) {
  for (Operation *op : llvm::reverse(ops)) {
    SmallVector<Value> cts;
    bool any = false;
    for (Value result : op->getResults()) {
      cts.push_back(adjoint.lookup(result));
      any |= static_cast<bool>(cts.back());
    }
    if (!any)
      continue;
    if (isa<IfOp, SwitchOp>(op)) {
      if (failed(vjpOfBranches(op, cts, b, adjoint, active, symbols)))
        return failure();
      continue;
    }
    if (auto scan = dyn_cast<ScanOp>(op)) {
      if (llvm::any_of(scan->getResults(),
                       [&](Value v) { return active.contains(v); }) &&
          failed(vjpOfScan(scan, cts, b, adjoint, active, symbols)))
        return failure();
      continue;
    }
    if (llvm::none_of(op->getOperandTypes(), isFloatTensor))
      continue;
    // Inactive control flow (e.g. a loop over constants) needs no rule.
    if (op->getNumRegions() != 0 &&
        llvm::none_of(op->getResults(),
                      [&](Value v) { return active.contains(v); }))
      continue;
    Rule operandCts = failure();
    if (auto vmap = dyn_cast<VmapOp>(op)) {
      operandCts = vjpOfVmap(b, vmap, cts, symbols);
    } else {
      auto iface = dyn_cast<JxDifferentiableOpInterface>(op);
      if (!iface || op->getNumRegions() != 0)
        return notSupported(op,
                            op->getNumRegions() != 0 ? "in reverse mode" : "");
      operandCts = iface.vjp(b, cts);
    }
    if (failed(operandCts))
      return failure();
    for (auto [operand, ct] : llvm::zip(op->getOperands(), *operandCts))
      accumulate(b, loc, adjoint, operand, ct);
  }
  return success();
}

/// The float values of `body` that depend on its float arguments `inputs`
/// (all of them when empty), nested regions included.
static DenseSet<Value> activeValues(Block &body, ArrayRef<int64_t> inputs) {
  DenseSet<Value> active;
  for (BlockArgument arg : body.getArguments())
    if (isFloatTensor(arg.getType()) &&
        (inputs.empty() || llvm::is_contained(inputs, arg.getArgNumber())))
      active.insert(arg);
  SmallVector<Operation *> ops;
  for (Operation &op : body)
    ops.push_back(&op);
  markActive(ops, active);
  return active;
}

LogicalResult autodiff::buildReverse(func::FuncOp fn, ReverseKind kind,
                                     ArrayRef<int64_t> argnums, bool hasAux,
                                     SymbolTable &symbols) {
  Block &body = fn.getBody().front();
  // Activity: values that depend on a differentiable argument (through
  // nested regions too). Active jx.fori/jx.while loops become scans, which
  // have a reverse rule like jx.if and jx.switch; the sweep reports other
  // ops with regions that a cotangent reaches.
  // A grad differentiates with respect to `argnums` only: cotangents of the
  // other arguments would be dead, but inside a loop they would still be
  // carried (and accumulated) step by step.
  ArrayRef<int64_t> inputs =
      kind == ReverseKind::Vjp ? ArrayRef<int64_t>() : argnums;
  DenseSet<Value> active = activeValues(body, inputs);
  // (A loop whose active results are unused, such as the counting copy of
  // a while in an already differentiated function, needs no rewrite.)
  rewriteLoopsAsScans(body, [&](Operation *loop) {
    return llvm::any_of(loop->getResults(), [&](Value v) {
      return active.contains(v) && !v.use_empty();
    });
  });
  active = activeValues(body, inputs);
  auto ret = cast<func::ReturnOp>(body.getTerminator());
  SmallVector<Value> outputs(ret.getOperands());
  unsigned numPrimals = body.getNumArguments();
  OpBuilder b(ret);
  Location loc = ret.getLoc();

  // Seeds.
  DenseMap<Value, Value> adjoint;
  if (kind == ReverseKind::Vjp) {
    for (Value output : outputs) {
      BlockArgument ct = body.addArgument(output.getType(), loc);
      accumulate(b, loc, adjoint, output, ct);
    }
  } else {
    if (outputs.empty() ||
        cast<RankedTensorType>(outputs[0].getType()).getRank() != 0 ||
        !isFloatTensor(outputs[0].getType()))
      return fn.emitError("grad requires a function whose (first) output is "
                          "a rank-0 float tensor");
    if (!hasAux && outputs.size() != 1)
      return fn.emitError("grad without has_aux requires a single output");
    accumulate(b, loc, adjoint, outputs[0], splatLike(b, loc, outputs[0], 1.0));
  }

  // Backward sweep.
  SmallVector<Operation *> ops;
  for (Operation &op : body.without_terminator())
    ops.push_back(&op);
  if (failed(reverseSweep(ops, b, loc, adjoint, active, symbols)))
    return failure();
  // The sweep may have replaced primal values (a scan by its residual scan).
  outputs.assign(ret.getOperands().begin(), ret.getOperands().end());

  auto cotangentOf = [&](unsigned argIndex) -> Value {
    Value arg = body.getArgument(argIndex);
    Value ct = adjoint.lookup(arg);
    return ct ? ct : zerosLike(b, loc, arg);
  };
  SmallVector<Value> results;
  switch (kind) {
  case ReverseKind::Vjp:
    results.append(outputs);
    for (unsigned i = 0; i < numPrimals; ++i)
      results.push_back(cotangentOf(i));
    break;
  case ReverseKind::Grad:
    for (int64_t a : argnums)
      results.push_back(cotangentOf(a));
    results.append(outputs.begin() + 1, outputs.end());
    break;
  case ReverseKind::ValueAndGrad:
    results.append(outputs);
    for (int64_t a : argnums)
      results.push_back(cotangentOf(a));
    break;
  }
  func::ReturnOp::create(b, loc, results);
  ret.erase();
  fn.setFunctionType(FunctionType::get(fn.getContext(), body.getArgumentTypes(),
                                       ValueRange(results).getTypes()));
  return success();
}
