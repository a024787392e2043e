//===- ExpandAutodiff.cpp - jx-expand-autodiff
//------------------------------===//
//
// Replaces each jx.grad / jx.value_and_grad / jx.jvp / jx.vjp by a call to a
// generated private function. The generated function starts as a copy of the
// callee with its own `func.call`s inlined (so it is one straight-line
// block); ForwardMode.cpp / ReverseMode.cpp then add the derivative code.
// A request whose callee (transitively) still contains a request waits until
// that one is expanded, so `grad(grad(f))` expands innermost first. The
// generated functions are simplified with canonicalize and CSE.
//
//===----------------------------------------------------------------------===//

#include "Autodiff.h"
#include "AutodiffUtils.h"

#include "jx/Dialect/Jx/Transforms/Passes.h"

#include "mlir/IR/IRMapping.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/ADT/TypeSwitch.h"

namespace mlir::jx {
#define GEN_PASS_DEF_EXPANDAUTODIFFPASS
#include "jx/Dialect/Jx/Transforms/Passes.h.inc"
} // namespace mlir::jx

using namespace mlir;
using namespace mlir::jx;
using namespace mlir::jx::autodiff;

namespace {

bool isAutodiffRequest(Operation *op) {
  return isa<GradOp, ValueAndGradOp, JvpOp, VjpOp, JacFwdOp, JacRevOp,
             HessianOp>(op);
}

/// Any transformation request (autodiff, vmap, pmap): a callee containing
/// one must wait for it to be expanded.
bool isRequest(Operation *op) {
  return isAutodiffRequest(op) || isa<VmapOp, PmapOp>(op);
}

enum class Outcome { Expanded, Deferred, Failed };

/// Inlines every func.call in `fn` (recursively). Fails on calls to
/// functions without a single-block body.
LogicalResult inlineCalls(func::FuncOp fn, SymbolTable &symbols) {
  for (unsigned depth = 0; depth < 1000; ++depth) {
    SmallVector<func::CallOp> calls;
    fn.walk([&](func::CallOp call) { calls.push_back(call); });
    if (calls.empty())
      return success();
    for (func::CallOp call : calls) {
      auto callee = symbols.lookup<func::FuncOp>(call.getCallee());
      if (!callee || callee.isExternal() ||
          !llvm::hasSingleElement(callee.getBody()))
        return call.emitError("differentiation through a call to '")
               << call.getCallee()
               << "' (not a single-block function) is not supported yet";
      Block &body = callee.getBody().front();
      IRMapping mapping;
      mapping.map(body.getArguments(), call.getOperands());
      OpBuilder b(call);
      for (Operation &op : body.without_terminator())
        b.clone(op, mapping);
      for (auto [result, returned] :
           llvm::zip(call.getResults(), body.getTerminator()->getOperands()))
        result.replaceAllUsesWith(mapping.lookupOrDefault(returned));
      call.erase();
    }
  }
  return fn.emitError("differentiation through recursive calls");
}

struct ExpandAutodiffPass
    : mlir::jx::impl::ExpandAutodiffPassBase<ExpandAutodiffPass> {
  using Base::Base;

  Outcome expand(Operation *request, SymbolTable &symbols,
                 SmallVectorImpl<func::FuncOp> &generated) {
    auto calleeName =
        request->getAttrOfType<FlatSymbolRefAttr>("callee").getValue();

    auto callee = symbols.lookup<func::FuncOp>(calleeName);
    if (!callee || callee.isExternal()) {
      request->emitError("cannot differentiate '")
          << calleeName << "': no body";
      return Outcome::Failed;
    }
    if (!llvm::hasSingleElement(callee.getBody())) {
      callee.emitError("differentiation of a multi-block function is not "
                       "supported yet");
      return Outcome::Failed;
    }

    StringRef suffix =
        llvm::TypeSwitch<Operation *, StringRef>(request)
            .Case([](GradOp) { return "grad"; })
            .Case([](ValueAndGradOp) { return "value_and_grad"; })
            .Case([](JvpOp) { return "jvp"; })
            .Default([](Operation *) { return "vjp"; });
    if (auto argnums = request->getAttrOfType<DenseI64ArrayAttr>("argnums")) {
      for (int64_t a : argnums.asArrayRef())
        if (a < 0 || a >= callee.getNumArguments() ||
            !isFloatTensor(callee.getArgumentTypes()[a])) {
          request->emitError("grad with respect to argument ")
              << a << ", which is not a floating-point tensor";
          return Outcome::Failed;
        }
    }
    if (auto hessian = dyn_cast<HessianOp>(request)) {
      // hessian(f) = jacfwd(jacrev(f)): a helper holds the jacrev.
      SmallVector<Type> jacTypes;
      for (Type o : callee.getResultTypes())
        for (int64_t a : hessian.getArgnums()) {
          auto ot = cast<RankedTensorType>(o);
          SmallVector<int64_t> shape(ot.getShape());
          llvm::append_range(
              shape,
              cast<RankedTensorType>(callee.getArgumentTypes()[a]).getShape());
          jacTypes.push_back(RankedTensorType::get(shape, ot.getElementType()));
        }
      OpBuilder mb(callee);
      auto helper = func::FuncOp::create(
          mb, request->getLoc(), (calleeName + ".jacrev").str(),
          mb.getFunctionType(callee.getArgumentTypes(), jacTypes));
      helper.setPrivate();
      symbols.insert(helper);
      OpBuilder hb = OpBuilder::atBlockEnd(helper.addEntryBlock());
      auto jacrev = JacRevOp::create(
          hb, request->getLoc(), jacTypes, hessian.getCalleeAttr(),
          helper.getArguments(), hessian.getArgnumsAttr());
      func::ReturnOp::create(hb, request->getLoc(), jacrev.getResults());
      OpBuilder b(request);
      auto jacfwd =
          JacFwdOp::create(b, request->getLoc(), request->getResultTypes(),
                           FlatSymbolRefAttr::get(helper.getSymNameAttr()),
                           request->getOperands(), hessian.getArgnumsAttr());
      request->replaceAllUsesWith(jacfwd.getResults());
      request->erase();
      return Outcome::Expanded;
    }
    if (isa<JacFwdOp, JacRevOp>(request)) {
      if (failed(expandJacobian(request, callee, symbols)))
        return Outcome::Failed;
      return Outcome::Expanded;
    }
    auto fn = cast<func::FuncOp>(callee->clone());
    fn.setName((calleeName + "." + suffix + ".ad").str());
    fn.setPrivate();
    fn->removeAttr("jx.main");
    symbols.insert(fn);

    auto fail = [&](Outcome outcome) {
      symbols.erase(fn);
      return outcome;
    };
    if (failed(inlineCalls(fn, symbols)))
      return fail(Outcome::Failed);
    // jx.vmap has JVP/VJP rules (VmapRules.cpp); other requests must be
    // expanded first.
    bool nested = false;
    fn.walk([&](Operation *op) {
      if (isRequest(op) && !isa<VmapOp>(op))
        nested = true;
    });
    if (nested)
      return fail(Outcome::Deferred);

    LogicalResult built = failure();
    SmallVector<int64_t> argnums;
    bool hasAux = false;
    if (auto grad = dyn_cast<GradOp>(request)) {
      argnums.assign(grad.getArgnums().begin(), grad.getArgnums().end());
      hasAux = grad.getHasAux();
      built = buildReverse(fn, ReverseKind::Grad, argnums, hasAux, symbols);
    } else if (auto vg = dyn_cast<ValueAndGradOp>(request)) {
      argnums.assign(vg.getArgnums().begin(), vg.getArgnums().end());
      hasAux = vg.getHasAux();
      built =
          buildReverse(fn, ReverseKind::ValueAndGrad, argnums, hasAux, symbols);
    } else if (isa<VjpOp>(request)) {
      built = buildReverse(fn, ReverseKind::Vjp, {}, false, symbols);
    } else {
      built = buildJvp(fn, symbols);
    }
    if (failed(built))
      return fail(Outcome::Failed);

    if (!llvm::equal(fn.getFunctionType().getResults(),
                     request->getResultTypes()) ||
        !llvm::equal(fn.getFunctionType().getInputs(),
                     request->getOperandTypes())) {
      request->emitError("the generated derivative function has type ")
          << fn.getFunctionType() << ", which does not match the request";
      return fail(Outcome::Failed);
    }
    OpBuilder b(request);
    auto call =
        func::CallOp::create(b, request->getLoc(), fn, request->getOperands());
    request->replaceAllUsesWith(call.getResults());
    request->erase();
    generated.push_back(fn);
    return Outcome::Expanded;
  }

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    SmallVector<func::FuncOp> generated;
    while (true) {
      SmallVector<Operation *> requests;
      module.walk([&](Operation *op) {
        if (isAutodiffRequest(op))
          requests.push_back(op);
      });
      if (requests.empty())
        break;
      bool progress = false;
      for (Operation *request : requests) {
        Outcome outcome = expand(request, symbols, generated);
        if (outcome == Outcome::Failed)
          return signalPassFailure();
        progress |= outcome == Outcome::Expanded;
      }
      if (!progress) {
        // Every remaining request waits on one this pass does not expand
        // (jx.pmap inside the differentiated function).
        for (Operation *request : requests)
          request->emitError("differentiation of a function that contains a "
                             "jx.pmap request is not supported yet");
        return signalPassFailure();
      }
    }

    OpPassManager simplify(func::FuncOp::getOperationName());
    simplify.addPass(createCanonicalizerPass());
    simplify.addPass(createCSEPass());
    for (func::FuncOp fn : generated) {
      if (failed(runPipeline(simplify, fn)))
        return signalPassFailure();
      // jx.vmap requests are not Pure; a primal one whose results the
      // derivative does not need is dead (jx programs have no effects).
      SmallVector<VmapOp> dead;
      fn.walk([&](VmapOp vmap) {
        if (vmap->use_empty())
          dead.push_back(vmap);
      });
      for (VmapOp vmap : dead)
        vmap->erase();
      if (!dead.empty() && failed(runPipeline(simplify, fn)))
        return signalPassFailure();
    }
  }
};

} // namespace
