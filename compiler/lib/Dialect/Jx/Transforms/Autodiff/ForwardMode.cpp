//===- ForwardMode.cpp - JVP of a function
//---------------------------------===//
//
// One forward walk: after each op whose operands carry a tangent, the op's
// JVP rule computes the tangents of its results. Tangents are only tracked
// for floating-point values; a null tangent is zero. Control flow is
// handled by ControlFlowRules.cpp, which recurses into the regions.
//
//===----------------------------------------------------------------------===//

#include "Autodiff.h"
#include "AutodiffUtils.h"

using namespace mlir;
using namespace mlir::jx;
using namespace mlir::jx::autodiff;

LogicalResult autodiff::jvpBlock(Block &block, DenseMap<Value, Value> &tangent,
                                 SymbolTable &symbols) {
  OpBuilder b(block.getParentOp()->getContext());
  SmallVector<Operation *> ops;
  for (Operation &op : block.without_terminator())
    ops.push_back(&op);
  for (Operation *op : ops) {
    // Ops with regions (control flow) may capture values with tangents.
    if (op->getNumRegions() != 0) {
      if (llvm::none_of(op->getResultTypes(), isFloatTensor) ||
          llvm::none_of(inputsOf(op),
                        [&](Value v) { return tangent.count(v) != 0; }))
        continue;
      if (isa<IfOp, SwitchOp, ForiOp, WhileOp, ScanOp>(op)) {
        if (failed(jvpOfControlFlow(op, tangent, symbols)))
          return failure();
        continue;
      }
      return notSupported(op);
    }
    SmallVector<Value> tangents;
    bool any = false;
    for (Value operand : op->getOperands()) {
      tangents.push_back(tangent.lookup(operand));
      any |= static_cast<bool>(tangents.back());
    }
    if (!any || llvm::none_of(op->getResultTypes(), isFloatTensor))
      continue;
    b.setInsertionPointAfter(op);
    Rule results = failure();
    if (auto vmap = dyn_cast<VmapOp>(op)) {
      results = jvpOfVmap(b, vmap, tangents, symbols);
    } else {
      auto iface = dyn_cast<JxDifferentiableOpInterface>(op);
      if (!iface)
        return notSupported(op);
      results = iface.jvp(b, tangents);
    }
    if (failed(results))
      return failure();
    if (isa<VmapOp>(op)) {
      // jvpOfVmap replaced the op by one vmap giving (primals, tangents).
      if (op->getNumResults() != 0) {
        Operation *batched = (*results)[0].getDefiningOp();
        for (auto [i, t] : llvm::enumerate(*results))
          if (isFloatTensor(t.getType()))
            tangent[batched->getResult(i)] = t;
      }
      op->erase();
      continue;
    }
    for (auto [result, t] : llvm::zip(op->getResults(), *results))
      if (t && isFloatTensor(result.getType()))
        tangent[result] = t;
  }
  return success();
}

LogicalResult autodiff::buildJvp(func::FuncOp fn, SymbolTable &symbols) {
  Block &body = fn.getBody().front();
  auto ret = cast<func::ReturnOp>(body.getTerminator());
  DenseMap<Value, Value> tangent;
  unsigned numPrimals = body.getNumArguments();
  for (unsigned i = 0; i < numPrimals; ++i) {
    BlockArgument primal = body.getArgument(i);
    BlockArgument t = body.addArgument(primal.getType(), primal.getLoc());
    if (isFloatTensor(primal.getType()))
      tangent[primal] = t;
  }
  if (failed(jvpBlock(body, tangent, symbols)))
    return failure();

  OpBuilder b(ret);
  SmallVector<Value> outputs(ret.getOperands());
  for (Value output : ret.getOperands()) {
    Value t = tangent.lookup(output);
    outputs.push_back(t ? t : zerosLike(b, ret.getLoc(), output));
  }
  func::ReturnOp::create(b, ret.getLoc(), outputs);
  ret.erase();
  fn.setFunctionType(FunctionType::get(fn.getContext(), body.getArgumentTypes(),
                                       ValueRange(outputs).getTypes()));
  return success();
}
