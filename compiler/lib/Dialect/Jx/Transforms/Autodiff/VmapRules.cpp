//===- VmapRules.cpp - Differentiating through jx.vmap requests
//------------===//
//
// jvp(vmap(h)) = vmap(jvp(h)) with the tangents batched like their primals;
// vjp(vmap(h)) = vmap(vjp(h)) with the cotangents batched like the results
// and the cotangents of unmapped arguments summed over the batch. The inner
// jx.jvp/jx.vjp requests go into generated helper functions (expanded by
// the next rounds of jx-expand-autodiff); the jx.vmap requests are left to
// jx-expand-vmap. This is what makes hessian (jacfwd of jacrev) and grad of
// a vmapped function work.
//
//===----------------------------------------------------------------------===//

#include "Autodiff.h"
#include "AutodiffUtils.h"

using namespace mlir;
using namespace mlir::jx;
using namespace mlir::jx::autodiff;

namespace {

func::FuncOp makeHelper(Operation *near, SymbolTable &symbols, StringRef name,
                        TypeRange inputs, TypeRange results) {
  auto module = near->getParentOfType<ModuleOp>();
  OpBuilder mb = OpBuilder::atBlockEnd(module.getBody());
  auto fn = func::FuncOp::create(mb, near->getLoc(), name,
                                 mb.getFunctionType(inputs, results));
  fn.setPrivate();
  symbols.insert(fn);
  fn.addEntryBlock();
  return fn;
}

} // namespace

Rule autodiff::jvpOfVmap(OpBuilder &b, VmapOp vmap, ValueRange tangents,
                         SymbolTable &symbols) {
  auto callee = symbols.lookup<func::FuncOp>(vmap.getCallee());
  if (!callee)
    return notSupported(vmap, "of an unknown function");
  Location loc = vmap.getLoc();
  unsigned n = callee.getNumArguments(), m = callee.getNumResults();
  SmallVector<Type> inputs(callee.getArgumentTypes());
  llvm::append_range(inputs, callee.getArgumentTypes());
  SmallVector<Type> results(callee.getResultTypes());
  llvm::append_range(results, callee.getResultTypes());
  func::FuncOp helper =
      makeHelper(vmap, symbols, (vmap.getCallee() + ".jvp_in_vmap").str(),
                 inputs, results);
  OpBuilder hb = OpBuilder::atBlockEnd(&helper.getBody().front());
  auto jvp = JvpOp::create(hb, loc, results, vmap.getCalleeAttr(),
                           helper.getBody().front().getArguments());
  func::ReturnOp::create(hb, loc, jvp.getResults());

  SmallVector<Value> args(vmap.getArgs());
  for (auto [arg, t] : llvm::zip(vmap.getArgs(), tangents))
    args.push_back(t ? t : zerosLike(b, loc, arg));
  SmallVector<int64_t> inAxes(vmap.getInAxes());
  llvm::append_range(inAxes, vmap.getInAxes());
  SmallVector<int64_t> outAxes(vmap.getOutAxes());
  llvm::append_range(outAxes, vmap.getOutAxes());
  SmallVector<Type> types(vmap.getResultTypes());
  llvm::append_range(types, vmap.getResultTypes());
  auto batched =
      VmapOp::create(b, loc, types, helper.getSymName(), args, inAxes, outAxes,
                     vmap.getAxisSizeAttr(), vmap.getAxisNameAttr());
  (void)n;
  // The batched jvp computes the primal outputs too: use those.
  vmap->replaceAllUsesWith(batched.getResults().take_front(m));
  return SmallVector<Value>(batched.getResults().drop_front(m));
}

Rule autodiff::vjpOfVmap(OpBuilder &b, VmapOp vmap, ValueRange cotangents,
                         SymbolTable &symbols) {
  auto callee = symbols.lookup<func::FuncOp>(vmap.getCallee());
  if (!callee)
    return notSupported(vmap, "of an unknown function");
  Location loc = vmap.getLoc();
  unsigned n = callee.getNumArguments(), m = callee.getNumResults();
  ArrayRef<int64_t> inAxes = vmap.getInAxes(), outAxes = vmap.getOutAxes();

  // The batch size, for the cotangents of unmapped arguments.
  int64_t batch = ShapedType::kDynamic;
  if (auto size = vmap.getAxisSize())
    batch = *size;
  for (auto [arg, axis] : llvm::zip(vmap.getArgs(), inAxes))
    if (axis != VmapOp::kNotMapped)
      batch = cast<RankedTensorType>(arg.getType()).getDimSize(axis);
  if (ShapedType::isDynamic(batch))
    return notSupported(vmap, "with a dynamic batch size");

  SmallVector<Type> inputs(callee.getArgumentTypes());
  llvm::append_range(inputs, callee.getResultTypes());
  SmallVector<Type> vjpTypes(callee.getResultTypes());
  llvm::append_range(vjpTypes, callee.getArgumentTypes());
  func::FuncOp helper =
      makeHelper(vmap, symbols, (vmap.getCallee() + ".vjp_in_vmap").str(),
                 inputs, callee.getArgumentTypes());
  OpBuilder hb = OpBuilder::atBlockEnd(&helper.getBody().front());
  auto vjp = VjpOp::create(hb, loc, vjpTypes, vmap.getCalleeAttr(),
                           helper.getBody().front().getArguments());
  func::ReturnOp::create(hb, loc, vjp.getResults().drop_front(m));

  SmallVector<Value> args(vmap.getArgs());
  for (auto [result, ct] : llvm::zip(vmap.getResults(), cotangents))
    args.push_back(ct ? ct : zerosLike(b, loc, result));
  SmallVector<int64_t> vIn(inAxes);
  llvm::append_range(vIn, outAxes);
  SmallVector<int64_t> vOut;
  SmallVector<Type> types;
  for (unsigned i = 0; i < n; ++i) {
    if (inAxes[i] != VmapOp::kNotMapped) {
      vOut.push_back(inAxes[i]);
      types.push_back(vmap.getArgs()[i].getType());
      continue;
    }
    auto type = cast<RankedTensorType>(callee.getArgumentTypes()[i]);
    SmallVector<int64_t> shape{batch};
    llvm::append_range(shape, type.getShape());
    vOut.push_back(0);
    types.push_back(RankedTensorType::get(shape, type.getElementType()));
  }
  auto batched =
      VmapOp::create(b, loc, types, helper.getSymName(), args, vIn, vOut,
                     vmap.getAxisSizeAttr(), vmap.getAxisNameAttr());
  SmallVector<Value> result;
  for (unsigned i = 0; i < n; ++i) {
    Value ct = batched.getResult(i);
    if (!isFloatTensor(ct.getType())) {
      result.push_back(Value());
      continue;
    }
    if (inAxes[i] == VmapOp::kNotMapped)
      ct = ReduceOp::create(b, loc, callee.getArgumentTypes()[i],
                            ReduceKind::Sum, ct, ArrayRef<int64_t>{0});
    result.push_back(ct);
  }
  return result;
}
