//===- Jacobians.cpp - jacfwd and jacrev as vmapped jvp / vjp
//--------------===//
//
// jacfwd(f, argnums)(x) = for each a in argnums: vmap over the one-hot basis
// of x[a] of the tangent outputs of jvp(f, x, e_k) (zero tangents for the
// other arguments); jacrev(f, argnums)(x) = for each output o: vmap over the
// one-hot basis of o of the cotangents of vjp(f, x, e_k). The jvp/vjp
// requests land in generated helper functions (expanded by the next rounds
// of jx-expand-autodiff) and the jx.vmap requests are left to
// jx-expand-vmap. Results are reshaped to JAX's layout shape(o) ++ shape(a).
//
//===----------------------------------------------------------------------===//

#include "Autodiff.h"
#include "AutodiffUtils.h"

#include "mlir/IR/SymbolTable.h"

using namespace mlir;
using namespace mlir::jx;
using namespace mlir::jx::autodiff;

namespace {

/// A `[n] ++ shape` tensor whose slice k is the k-th one-hot basis tensor.
Value oneHotBasis(OpBuilder &b, Location loc, RankedTensorType type) {
  int64_t n = type.getNumElements();
  SmallVector<int64_t> shape{n};
  llvm::append_range(shape, type.getShape());
  auto basisType = RankedTensorType::get(shape, type.getElementType());
  const llvm::fltSemantics &sem =
      cast<FloatType>(type.getElementType()).getFloatSemantics();
  SmallVector<APFloat> values(n * n, APFloat::getZero(sem));
  for (int64_t k = 0; k < n; ++k)
    values[k * n + k] = APFloat(sem, 1);
  return ConstantOp::create(b, loc, DenseElementsAttr::get(basisType, values));
}

func::FuncOp makeHelper(OpBuilder &moduleBuilder, SymbolTable &symbols,
                        Location loc, StringRef name, TypeRange inputs,
                        TypeRange results) {
  auto fn = func::FuncOp::create(
      moduleBuilder, loc, name, moduleBuilder.getFunctionType(inputs, results));
  fn.setPrivate();
  symbols.insert(fn);
  fn.addEntryBlock();
  return fn;
}

bool allStatic(TypeRange types) {
  return llvm::all_of(
      types, [](Type t) { return cast<RankedTensorType>(t).hasStaticShape(); });
}

} // namespace

LogicalResult autodiff::expandJacobian(Operation *request, func::FuncOp callee,
                                       SymbolTable &symbols) {
  bool forward = isa<JacFwdOp>(request);
  ArrayRef<int64_t> argnums =
      request->getAttrOfType<DenseI64ArrayAttr>("argnums").asArrayRef();
  Location loc = request->getLoc();
  ValueRange args = request->getOperands();
  TypeRange argTypes = callee.getArgumentTypes();
  TypeRange outTypes = callee.getResultTypes();
  unsigned n = argTypes.size(), m = outTypes.size();
  if (!allStatic(argTypes) || !allStatic(outTypes))
    return request->emitError("'")
           << request->getName()
           << "' of a function with dynamic shapes is not supported yet";
  for (Type t : outTypes)
    if (!isFloatTensor(t))
      return request->emitError("'")
             << request->getName() << "' requires floating-point outputs";
  for (int64_t a : argnums)
    if (a < 0 || a >= n || !isFloatTensor(argTypes[a]) ||
        cast<RankedTensorType>(argTypes[a]).getNumElements() == 0)
      return request->emitError("'")
             << request->getName() << "' with respect to argument " << a
             << ", which is not a non-empty floating-point tensor";

  OpBuilder moduleBuilder(callee);
  moduleBuilder.setInsertionPointAfter(callee);
  OpBuilder b(request);
  // jac[o][i]: the Jacobian of output o with respect to argnums[i].
  SmallVector<SmallVector<Value>> jac(m, SmallVector<Value>(argnums.size()));
  auto calleeRef = FlatSymbolRefAttr::get(callee.getSymNameAttr());

  auto reshapeTo = [&](Value v, Type outType, Type argType) -> Value {
    auto o = cast<RankedTensorType>(outType);
    auto a = cast<RankedTensorType>(argType);
    SmallVector<int64_t> shape(o.getShape());
    llvm::append_range(shape, a.getShape());
    auto type = RankedTensorType::get(shape, o.getElementType());
    if (v.getType() == type)
      return v;
    return ReshapeOp::create(b, loc, type, v, ValueRange{});
  };

  if (forward) {
    for (auto [i, a] : llvm::enumerate(argnums)) {
      // helper(x..., t) = tangent outputs of jvp(f, x, (0.., t, ..0)).
      SmallVector<Type> inputs(argTypes);
      inputs.push_back(argTypes[a]);
      func::FuncOp helper = makeHelper(
          moduleBuilder, symbols, loc,
          (callee.getSymName() + ".jacfwd_col").str(), inputs, outTypes);
      OpBuilder hb = OpBuilder::atBlockEnd(&helper.getBody().front());
      Block &body = helper.getBody().front();
      SmallVector<Value> operands(body.getArguments().take_front(n));
      for (unsigned k = 0; k < n; ++k)
        operands.push_back(k == a ? body.getArgument(n)
                                  : zerosLike(hb, loc, body.getArgument(k)));
      SmallVector<Type> jvpTypes(outTypes);
      llvm::append_range(jvpTypes, outTypes);
      auto jvp = JvpOp::create(hb, loc, jvpTypes, calleeRef, operands);
      func::ReturnOp::create(hb, loc, jvp.getResults().drop_front(m));

      // vmap over the basis; the batch axis goes last in each output.
      auto argType = cast<RankedTensorType>(argTypes[a]);
      Value basis = oneHotBasis(b, loc, argType);
      SmallVector<Value> vargs(args.take_front(n));
      vargs.push_back(basis);
      SmallVector<int64_t> inAxes(n, VmapOp::kNotMapped);
      inAxes.push_back(0);
      SmallVector<int64_t> outAxes;
      SmallVector<Type> vTypes;
      for (Type t : outTypes) {
        auto o = cast<RankedTensorType>(t);
        outAxes.push_back(o.getRank());
        SmallVector<int64_t> shape(o.getShape());
        shape.push_back(argType.getNumElements());
        vTypes.push_back(RankedTensorType::get(shape, o.getElementType()));
      }
      auto vmap = VmapOp::create(b, loc, vTypes, helper.getSymName(), vargs,
                                 inAxes, outAxes, IntegerAttr(), StringAttr());
      for (unsigned o = 0; o < m; ++o)
        jac[o][i] = reshapeTo(vmap.getResult(o), outTypes[o], argTypes[a]);
    }
  } else {
    for (unsigned o = 0; o < m; ++o) {
      // helper(x..., ct) = cotangents at argnums of vjp(f, x)(0.., ct, ..0).
      SmallVector<Type> inputs(argTypes);
      inputs.push_back(outTypes[o]);
      SmallVector<Type> results;
      for (int64_t a : argnums)
        results.push_back(argTypes[a]);
      func::FuncOp helper = makeHelper(
          moduleBuilder, symbols, loc,
          (callee.getSymName() + ".jacrev_row").str(), inputs, results);
      OpBuilder hb = OpBuilder::atBlockEnd(&helper.getBody().front());
      Block &body = helper.getBody().front();
      SmallVector<Value> operands(body.getArguments().take_front(n));
      for (unsigned k = 0; k < m; ++k) {
        if (k == o) {
          operands.push_back(body.getArgument(n));
          continue;
        }
        auto type = cast<RankedTensorType>(outTypes[k]);
        operands.push_back(ConstantOp::create(
            hb, loc,
            DenseElementsAttr::get(
                type, hb.getFloatAttr(type.getElementType(), 0.0))));
      }
      SmallVector<Type> vjpTypes(outTypes);
      llvm::append_range(vjpTypes, argTypes);
      auto vjp = VjpOp::create(hb, loc, vjpTypes, calleeRef, operands);
      SmallVector<Value> cts;
      for (int64_t a : argnums)
        cts.push_back(vjp.getResult(m + a));
      func::ReturnOp::create(hb, loc, cts);

      auto outType = cast<RankedTensorType>(outTypes[o]);
      Value basis = oneHotBasis(b, loc, outType);
      SmallVector<Value> vargs(args.take_front(n));
      vargs.push_back(basis);
      SmallVector<int64_t> inAxes(n, VmapOp::kNotMapped);
      inAxes.push_back(0);
      SmallVector<int64_t> outAxes(argnums.size(), 0);
      SmallVector<Type> vTypes;
      for (int64_t a : argnums) {
        auto at = cast<RankedTensorType>(argTypes[a]);
        SmallVector<int64_t> shape{outType.getNumElements()};
        llvm::append_range(shape, at.getShape());
        vTypes.push_back(RankedTensorType::get(shape, at.getElementType()));
      }
      auto vmap = VmapOp::create(b, loc, vTypes, helper.getSymName(), vargs,
                                 inAxes, outAxes, IntegerAttr(), StringAttr());
      for (auto [i, a] : llvm::enumerate(argnums))
        jac[o][i] = reshapeTo(vmap.getResult(i), outTypes[o], argTypes[a]);
    }
  }

  SmallVector<Value> results;
  for (auto &row : jac)
    llvm::append_range(results, row);
  if (!llvm::equal(ValueRange(results).getTypes(), request->getResultTypes()))
    return request->emitError("the Jacobian types do not match the request");
  request->replaceAllUsesWith(results);
  request->erase();
  return success();
}
