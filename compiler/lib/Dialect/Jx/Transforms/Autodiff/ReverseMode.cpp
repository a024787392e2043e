//===- ReverseMode.cpp - VJP/grad of a straight-line function
//--------------===//
//
// The function's own body is the forward sweep (it keeps every primal
// value); the backward sweep is appended before the return: ops are visited
// in reverse and each op's VJP rule turns the cotangents of its results
// into cotangents of its operands, accumulated with jx.add. A null
// cotangent is zero; only floating-point values carry cotangents.
//
//===----------------------------------------------------------------------===//

#include "Autodiff.h"
#include "AutodiffUtils.h"

using namespace mlir;
using namespace mlir::jx;
using namespace mlir::jx::autodiff;

LogicalResult autodiff::buildReverse(func::FuncOp fn, ReverseKind kind,
                                     ArrayRef<int64_t> argnums, bool hasAux,
                                     SymbolTable &symbols) {
  Block &body = fn.getBody().front();
  auto ret = cast<func::ReturnOp>(body.getTerminator());
  SmallVector<Value> outputs(ret.getOperands());
  unsigned numPrimals = body.getNumArguments();
  OpBuilder b(ret);
  Location loc = ret.getLoc();

  // Seeds.
  DenseMap<Value, Value> adjoint;
  auto accumulate = [&](Value v, Value ct) {
    if (!ct || !isFloatTensor(v.getType()))
      return;
    adjoint[v] = addT(b, loc, adjoint.lookup(v), ct);
  };
  if (kind == ReverseKind::Vjp) {
    for (Value output : outputs) {
      BlockArgument ct = body.addArgument(output.getType(), loc);
      accumulate(output, ct);
    }
  } else {
    if (outputs.empty() ||
        cast<RankedTensorType>(outputs[0].getType()).getRank() != 0 ||
        !isFloatTensor(outputs[0].getType()))
      return fn.emitError("grad requires a function whose (first) output is "
                          "a rank-0 float tensor");
    if (!hasAux && outputs.size() != 1)
      return fn.emitError("grad without has_aux requires a single output");
    accumulate(outputs[0], splatLike(b, loc, outputs[0], 1.0));
  }

  // Backward sweep.
  SmallVector<Operation *> ops;
  for (Operation &op : body.without_terminator())
    ops.push_back(&op);
  // Activity: values that depend on a differentiable argument. Ops with
  // regions (control flow) have no rules yet: they may not be active.
  DenseSet<Value> active;
  for (BlockArgument arg : body.getArguments())
    if (isFloatTensor(arg.getType()))
      active.insert(arg);
  for (Operation *op : ops) {
    if (llvm::none_of(inputsOf(op),
                      [&](Value v) { return active.contains(v); }))
      continue;
    if (op->getNumRegions() != 0 &&
        llvm::any_of(op->getResultTypes(), isFloatTensor))
      return notSupported(op);
    for (Value result : op->getResults())
      if (isFloatTensor(result.getType()))
        active.insert(result);
  }

  for (Operation *op : llvm::reverse(ops)) {
    SmallVector<Value> cts;
    bool any = false;
    for (Value result : op->getResults()) {
      cts.push_back(adjoint.lookup(result));
      any |= static_cast<bool>(cts.back());
    }
    if (!any || llvm::none_of(op->getOperandTypes(), isFloatTensor))
      continue;
    Rule operandCts = failure();
    if (auto vmap = dyn_cast<VmapOp>(op)) {
      operandCts = vjpOfVmap(b, vmap, cts, symbols);
    } else {
      auto iface = dyn_cast<JxDifferentiableOpInterface>(op);
      if (!iface || op->getNumRegions() != 0)
        return notSupported(op);
      operandCts = iface.vjp(b, cts);
    }
    if (failed(operandCts))
      return failure();
    for (auto [operand, ct] : llvm::zip(op->getOperands(), *operandCts))
      accumulate(operand, ct);
  }

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
