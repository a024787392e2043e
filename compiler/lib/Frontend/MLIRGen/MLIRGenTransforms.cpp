//===- MLIRGenTransforms.cpp - Transformation requests and collectives ----===//
//
// A transformation instance (`grad(f)` at some argument types) becomes a
// function whose body is one transformation request op naming `f`'s
// instance: `jx.grad @f(...)`, `jx.vmap @f(...)`. The autodiff and batching
// passes expand them later. Pytrees are flattened, so `argnums`, `in_axes`
// and `out_axes` are rewritten from parameters to flat leaves here.
//
//===----------------------------------------------------------------------===//

#include "MLIRGenImpl.h"

using namespace jx;
using mlir::Value;
using mlir::ValueRange;
namespace dialect = mlir::jx;

/// Number of flat leaves of `type`.
static unsigned leafCount(MLIRGenerator &gen, const Type *type) {
  llvm::SmallVector<mlir::Type> flat;
  gen.flattenType(type, flat);
  return flat.size();
}

/// The flat leaf indices of the parameters in `argnums`, in argnums order.
static llvm::SmallVector<int64_t>
flatArgnums(MLIRGenerator &gen, const FunctionInstance &inner,
            llvm::ArrayRef<int64_t> argnums) {
  llvm::SmallVector<unsigned> offsets;
  unsigned offset = 0;
  for (const FunctionInstance::Param &param : inner.params) {
    offsets.push_back(offset);
    offset += leafCount(gen, param.type);
  }
  llvm::SmallVector<int64_t> flat;
  for (int64_t argnum : argnums) {
    if (argnum < 0 || static_cast<size_t>(argnum) >= inner.params.size())
      continue;
    unsigned count = leafCount(gen, inner.params[argnum].type);
    for (unsigned i = 0; i < count; ++i)
      flat.push_back(offsets[argnum] + i);
  }
  return flat;
}

/// Expands a vmap axis specification (an Int, None or a Tuple prefix) over
/// the leaves of `type`.
static void expandAxes(MLIRGenerator &gen, const StaticValue &axes,
                       const Type *type, llvm::SmallVectorImpl<int64_t> &out) {
  if (axes.kind == StaticValue::Kind::Tuple) {
    llvm::SmallVector<const Type *> children;
    if (auto *tuple = llvm::dyn_cast_or_null<TupleType>(type))
      children.append(tuple->getElements().begin(),
                      tuple->getElements().end());
    else if (auto *st = llvm::dyn_cast_or_null<StructType>(type))
      for (const StructType::Field &field : st->getFields())
        children.push_back(field.type);
    for (auto [i, child] : llvm::enumerate(children)) {
      StaticValue none;
      expandAxes(gen, i < axes.elements.size() ? axes.elements[i] : none,
                 child, out);
    }
    return;
  }
  int64_t axis = axes.kind == StaticValue::Kind::Int
                     ? axes.intValue
                     : dialect::VmapOp::kNotMapped;
  out.append(leafCount(gen, type), axis);
}

bool MLIRGenerator::genTransformInstanceBody(const FunctionInstance &inst,
                                             llvm::ArrayRef<ValueTree> params) {
  mlir::Location l = loc(inst.loc);
  const FunctionInstance *inner = inst.inner;
  if (!inner)
    return reportError(inst.loc, "internal error: transformation without a function");
  llvm::StringRef callee = inner->symbol;
  llvm::SmallVector<mlir::Type> resultTypes;
  flattenType(inst.resultType, resultTypes);
  llvm::SmallVector<Value> args;
  for (const ValueTree &param : params)
    param.flatten(args);

  auto finish = [&](ValueRange results) {
    mlir::func::ReturnOp::create(builder, l, llvm::to_vector(results));
    return true;
  };

  switch (inst.kind) {
  case FunctionInstance::Kind::Partial: {
    // Parameters are (user..., innerEnv..., bound...); the inner function
    // takes (bound..., user..., innerEnv...).
    // The `k` bound arguments are this instance's trailing parameters and
    // the inner function's leading ones.
    size_t k = inner->numUserParams - inst.numUserParams;
    std::vector<ValueTree> ordered;
    for (size_t i = params.size() - k; i < params.size(); ++i)
      ordered.push_back(params[i]);
    for (size_t i = 0; i + k < params.size(); ++i)
      ordered.push_back(params[i]);
    ValueTree out = genCall(*inner, ordered, inst.loc);
    llvm::SmallVector<Value> flat;
    coerce(out, inner->resultType, inst.resultType, inst.loc).flatten(flat);
    return finish(flat);
  }
  case FunctionInstance::Kind::Pullback: {
    // Parameters: (ct: R) ++ P ++ E. jx.vjp takes the primals (P ++ E) then
    // the cotangents, and gives the outputs then the primals' cotangents.
    llvm::SmallVector<Value> ct, primals;
    params.front().flatten(ct);
    for (const ValueTree &param : params.drop_front())
      param.flatten(primals);
    llvm::SmallVector<Value> operands(primals);
    operands.append(ct.begin(), ct.end());
    llvm::SmallVector<mlir::Type> types;
    for (Value v : ct)
      types.push_back(v.getType());
    for (Value v : primals)
      types.push_back(v.getType());
    auto vjp = dialect::VjpOp::create(builder, l, types, callee, operands);
    // Keep the cotangents of the user parameters P only.
    unsigned userLeaves = 0;
    for (unsigned i = 0; i < inner->numUserParams; ++i)
      userLeaves += leafCount(*this, inner->params[i].type);
    return finish(vjp.getResults().drop_front(ct.size()).take_front(userLeaves));
  }
  case FunctionInstance::Kind::Transform:
    break;
  default:
    return reportError(inst.loc, "internal error: not a transformation instance");
  }

  const TransformOptions &options = inst.options;
  switch (inst.transform) {
  case TransformKind::Grad:
    return finish(dialect::GradOp::create(
                      builder, l, resultTypes, callee, args,
                      flatArgnums(*this, *inner, options.argnums),
                      options.hasAux)
                      .getResults());
  case TransformKind::ValueAndGrad:
    return finish(dialect::ValueAndGradOp::create(
                      builder, l, resultTypes, callee, args,
                      flatArgnums(*this, *inner, options.argnums),
                      options.hasAux)
                      .getResults());
  case TransformKind::Jacfwd:
    return finish(dialect::JacFwdOp::create(
                      builder, l, resultTypes, callee, args,
                      flatArgnums(*this, *inner, options.argnums))
                      .getResults());
  case TransformKind::Jacrev:
    return finish(dialect::JacRevOp::create(
                      builder, l, resultTypes, callee, args,
                      flatArgnums(*this, *inner, options.argnums))
                      .getResults());
  case TransformKind::Hessian:
    return finish(dialect::HessianOp::create(
                      builder, l, resultTypes, callee, args,
                      flatArgnums(*this, *inner, options.argnums))
                      .getResults());
  case TransformKind::Jvp: {
    // Parameters: (primals tuple, tangents tuple) ++ E. The environment is
    // a primal too, with a zero tangent.
    if (params.size() < 2)
      return reportError(inst.loc, "internal error: jvp arity");
    llvm::SmallVector<Value> primals, tangents, env;
    params[0].flatten(primals);
    params[1].flatten(tangents);
    for (const ValueTree &param : params.drop_front(2))
      param.flatten(env);
    for (Value v : env) {
      primals.push_back(v);
      auto type = llvm::cast<mlir::RankedTensorType>(v.getType());
      Value zero = dialect::ConstantOp::create(
          builder, l,
          mlir::cast<mlir::ElementsAttr>(mlir::DenseElementsAttr::get(
              mlir::RankedTensorType::get({}, type.getElementType()),
              builder.getZeroAttr(type.getElementType()))));
      if (!type.hasStaticShape() || type.getRank() != 0) {
        llvm::SmallVector<int64_t> none;
        llvm::SmallVector<Value> dims;
        for (unsigned d = 0; d < type.getRank(); ++d)
          if (type.isDynamicDim(d))
            dims.push_back(dialect::DimOp::create(builder, l, v, d));
        zero = dialect::BroadcastInDimOp::create(builder, l, type, zero, none,
                                                 dims);
      }
      tangents.push_back(zero);
    }
    llvm::SmallVector<Value> operands(primals);
    operands.append(tangents.begin(), tangents.end());
    return finish(
        dialect::JvpOp::create(builder, l, resultTypes, callee, operands)
            .getResults());
  }
  case TransformKind::Vjp: {
    // (R, pullback) where the pullback's run-time value is (P..., E...).
    ValueTree out = genCall(*inner, params, inst.loc);
    llvm::SmallVector<Value> flat;
    out.flatten(flat);
    for (const ValueTree &param : params)
      param.flatten(flat);
    return finish(flat);
  }
  case TransformKind::Vmap:
  case TransformKind::Pmap: {
    llvm::SmallVector<int64_t> inAxes, outAxes;
    const StaticValue &in = options.inAxes;
    for (unsigned i = 0; i < inst.params.size(); ++i) {
      StaticValue none;
      const StaticValue &axes =
          i >= inst.numUserParams ? none
          : in.kind == StaticValue::Kind::Tuple
              ? (i < in.elements.size() ? in.elements[i] : none)
              : in;
      expandAxes(*this, axes, inst.params[i].type, inAxes);
    }
    expandAxes(*this, options.outAxes, inst.resultType, outAxes);
    mlir::IntegerAttr axisSize;
    if (inst.axisSize.isStatic())
      axisSize = builder.getI64IntegerAttr(inst.axisSize.size);
    mlir::StringAttr axisName;
    if (!options.axisName.empty())
      axisName = builder.getStringAttr(options.axisName);
    if (inst.transform == TransformKind::Vmap)
      return finish(dialect::VmapOp::create(builder, l, resultTypes, callee,
                                            args, inAxes, outAxes, axisSize,
                                            axisName)
                        .getResults());
    return finish(dialect::PmapOp::create(builder, l, resultTypes, callee,
                                          args, inAxes, outAxes, axisSize,
                                          axisName)
                      .getResults());
  }
  }
  llvm_unreachable("unknown transformation");
}

std::optional<ValueTree> MLIRGenerator::genCollective(const CallExpr &call,
                                                      const CallInfo &info) {
  mlir::Location l = loc(call.loc);
  auto axisName = builder.getStringAttr(info.axisName);
  if (info.name == "axis_index")
    return ValueTree::ofLeaf(dialect::AxisIndexOp::create(
        builder, l, mlir::RankedTensorType::get({}, builder.getI32Type()),
        axisName));
  if (info.argExprs.empty() || !info.argExprs[0])
    return fail(call.loc, "internal error: collective without an operand");

  std::optional<ValueTree> operand = genExpr(*info.argExprs[0]);
  if (!operand)
    return std::nullopt;
  const BuiltinArg *axisArg = nullptr, *tiledArg = nullptr, *permArg = nullptr;
  for (const BuiltinArg &arg : info.builtinArgs) {
    if (arg.keyword == "axis")
      axisArg = &arg;
    else if (arg.keyword == "tiled")
      tiledArg = &arg;
    else if (arg.keyword == "perm")
      permArg = &arg;
  }
  if (!permArg && info.name == "ppermute" && info.builtinArgs.size() > 2)
    permArg = &info.builtinArgs[2];

  // Collectives apply leaf by leaf over a pytree operand.
  llvm::SmallVector<Value> leaves, results;
  operand->flatten(leaves);
  llvm::SmallVector<mlir::Type> resultTypes;
  flattenType(call.type, resultTypes);
  if (resultTypes.size() != leaves.size())
    return fail(call.loc, "internal error: collective result arity");
  for (auto [leaf, type] : llvm::zip(leaves, resultTypes)) {
    Value v = leaf;
    auto tensor = llvm::cast<mlir::RankedTensorType>(type);
    if (llvm::cast<mlir::RankedTensorType>(v.getType()).getElementType() !=
        tensor.getElementType())
      v = dialect::ConvertOp::create(
          builder, l,
          llvm::cast<mlir::RankedTensorType>(v.getType())
              .clone(tensor.getElementType()),
          v);
    Value r;
    if (info.name == "psum")
      r = dialect::PsumOp::create(builder, l, type, v, axisName);
    else if (info.name == "pmean")
      r = dialect::PmeanOp::create(builder, l, type, v, axisName);
    else if (info.name == "pmax")
      r = dialect::PmaxOp::create(builder, l, type, v, axisName);
    else if (info.name == "pmin")
      r = dialect::PminOp::create(builder, l, type, v, axisName);
    else if (info.name == "all_gather") {
      int64_t axis = 0;
      if (axisArg && axisArg->value &&
          axisArg->value->kind == StaticValue::Kind::Int)
        axis = axisArg->value->intValue;
      bool tiled = tiledArg && tiledArg->value &&
                   tiledArg->value->kind == StaticValue::Kind::Bool &&
                   tiledArg->value->boolValue;
      r = dialect::AllGatherOp::create(
          builder, l, type, v, axisName, builder.getI64IntegerAttr(axis),
          tiled ? builder.getUnitAttr() : nullptr);
    } else if (info.name == "ppermute") {
      llvm::SmallVector<int64_t> pairs;
      if (permArg && permArg->value)
        for (const StaticValue &pair : permArg->value->elements)
          for (const StaticValue &index : pair.elements)
            pairs.push_back(index.intValue);
      auto pairType = mlir::RankedTensorType::get(
          {static_cast<int64_t>(pairs.size() / 2), 2}, builder.getI64Type());
      r = dialect::PpermuteOp::create(
          builder, l, type, v, axisName,
          mlir::DenseIntElementsAttr::get(pairType, pairs));
    } else {
      return fail(call.loc, "internal error: unknown collective '" +
                                info.name + "'");
    }
    results.push_back(r);
  }
  unsigned pos = 0;
  return unflatten(call.type, results, pos);
}
