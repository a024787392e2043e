//===- SemaCollectives.cpp - Collectives and partial application ----------===//
//
// psum, pmean, pmax, pmin, all_gather, axis_index and ppermute reduce or
// exchange values across the named axis of an enclosing vmap/pmap; the axis
// environment is part of every instance's identity, so a function checked
// inside `vmap(..., axis_name="i")` may use "i". Also `partial(f, *bound)`.
//
//===----------------------------------------------------------------------===//

#include "SemaImpl.h"

#include "llvm/ADT/StringExtras.h"

#include <functional>

using namespace jx;

const Type *SemaImpl::checkCollective(CallExpr *e, llvm::StringRef name,
                                      std::vector<ArgValue> &args) {
  bool isIndex = name == "axis_index";
  bool isGather = name == "all_gather";
  bool isPermute = name == "ppermute";
  bool ok;
  if (isIndex)
    ok = checkKeywords(args, name, {"axis_name"}, 1);
  else if (isGather)
    ok = checkKeywords(args, name, {"x", "axis_name", "axis", "tiled"}, 4);
  else if (isPermute)
    ok = checkKeywords(args, name, {"x", "axis_name", "perm"}, 3);
  else
    ok = checkKeywords(args, name, {"x", "axis_name"}, 2);
  if (!ok)
    return nullptr;

  const ArgValue *x = isIndex ? nullptr : getArg(args, 0, "x");
  const ArgValue *axisArg = getArg(args, isIndex ? 0 : 1, "axis_name");
  if ((!isIndex && !x) || !axisArg) {
    diag.error(e->loc, "'" + name + "' needs " +
                           (isIndex ? "an axis name: axis_index(axis_name)"
                                    : "an operand and an axis name: " +
                                          name.str() + "(x, axis_name)"));
    return nullptr;
  }
  if (!axisArg->value || axisArg->value->kind != StaticValue::Kind::String) {
    diag.error(axisArg->loc, "the axis name of '" + name +
                                 "' must be a string known at compile time, "
                                 "got " +
                                 typeToString(axisArg->type));
    if (!axisArg->value)
      noteRunTimeValue(axisArg->expr);
    return nullptr;
  }
  std::string axisName = axisArg->value->string;
  AxisEnv axes = currentAxes();
  const AxisFrame *frame = nullptr;
  for (auto it = axes.rbegin(); it != axes.rend(); ++it)
    if (it->name == axisName) {
      frame = &*it;
      break;
    }
  if (!frame) {
    diag.error(axisArg->loc, "axis name '" + axisName +
                                 "' is not bound by an enclosing vmap or "
                                 "pmap");
    if (!axes.empty()) {
      std::vector<std::string> names;
      for (const auto &a : axes)
        names.push_back("'" + a.name + "'");
      diag.note(axisArg->loc,
                "bound axis names here: " + llvm::join(names, ", "));
    } else {
      diag.note(axisArg->loc, "bind it with vmap(f, axis_name=\"" + axisName +
                                  "\") or pmap(f, axis_name=\"" + axisName +
                                  "\")");
    }
    return nullptr;
  }

  CallInfo info;
  info.kind = CallInfo::Kind::Collective;
  info.name = name.str();
  info.axisName = axisName;
  info.axisSize = frame->size;
  for (const auto &arg : args) {
    info.builtinArgs.push_back({arg.loc, arg.keyword, arg.type, arg.value});
    info.argExprs.push_back(arg.expr);
  }

  if (isIndex) {
    program->calls[e] = std::move(info);
    return types.getScalar(DType::I32);
  }
  if (containsFunction(x->type)) {
    diag.error(x->loc, "'" + name + "' does not take a function");
    return nullptr;
  }

  int64_t gatherAxis = 0;
  bool tiled = false;
  if (isGather) {
    if (const ArgValue *a = getArg(args, 2, "axis")) {
      if (!a->value || a->value->kind != StaticValue::Kind::Int) {
        diag.error(a->loc, "'axis' of 'all_gather' must be an integer known "
                           "at compile time");
        return nullptr;
      }
      gatherAxis = a->value->intValue;
    }
    if (const ArgValue *a = getArg(args, 3, "tiled")) {
      if (!a->value || a->value->kind != StaticValue::Kind::Bool) {
        diag.error(a->loc, "'tiled' of 'all_gather' must be true or false");
        return nullptr;
      }
      tiled = a->value->boolValue;
    }
  }
  if (isPermute) {
    const ArgValue *perm = getArg(args, 2, "perm");
    bool valid =
        perm && perm->value && perm->value->kind == StaticValue::Kind::Tuple;
    if (valid)
      for (const auto &pair : perm->value->elements)
        valid &= pair.kind == StaticValue::Kind::Tuple &&
                 pair.elements.size() == 2 &&
                 pair.elements[0].kind == StaticValue::Kind::Int &&
                 pair.elements[1].kind == StaticValue::Kind::Int;
    if (!valid) {
      diag.error(perm ? perm->loc : e->loc,
                 "'perm' of 'ppermute' must be a tuple of (source, "
                 "destination) integer pairs known at compile time");
      return nullptr;
    }
  }

  bool failed = false;
  std::function<const Type *(const Type *)> leaf =
      [&](const Type *t) -> const Type * {
    if (auto *tuple = llvm::dyn_cast<TupleType>(t)) {
      std::vector<const Type *> els;
      for (const Type *el : tuple->getElements())
        els.push_back(leaf(el));
      return failed ? nullptr : types.getTuple(els);
    }
    auto *a = llvm::dyn_cast<ArrayType>(t);
    if (!a) {
      if (!failed)
        diag.error(x->loc,
                   "'" + name + "' needs arrays, got " + typeToString(t));
      failed = true;
      return nullptr;
    }
    if (name == "pmean" && !isFloat(a->getDType()))
      return types.getArray(DType::F32, a->getShape());
    if (!isGather)
      return types.getArray(a->getDType(), a->getShape());
    int64_t rank = a->getRank();
    int64_t axis =
        gatherAxis < 0 ? gatherAxis + rank + (tiled ? 0 : 1) : gatherAxis;
    if (axis < 0 || axis > rank || (tiled && axis >= rank)) {
      if (!failed)
        diag.error(x->loc, "'axis' " + std::to_string(gatherAxis) +
                               " of 'all_gather' is out of range for " +
                               typeToString(t));
      failed = true;
      return nullptr;
    }
    Shape shape(a->getShape().begin(), a->getShape().end());
    if (!tiled) {
      shape.insert(shape.begin() + axis, frame->size);
    } else {
      auto product = foldBinary(BinaryOp::Mul, StaticValue::ofSize(frame->size),
                                StaticValue::ofSize(shape[axis]));
      if (!product || !product->asDim()) {
        if (!failed)
          diag.error(x->loc, "cannot tile 'all_gather' along axis " +
                                 std::to_string(axis));
        failed = true;
        return nullptr;
      }
      shape[axis] = *product->asDim();
    }
    return types.getArray(a->getDType(), shape);
  };
  const Type *result = leaf(x->type);
  if (failed || !result)
    return nullptr;
  program->calls[e] = std::move(info);
  return result;
}

//===----------------------------------------------------------------------===//
// partial(f, *bound)
//===----------------------------------------------------------------------===//

const Type *SemaImpl::checkPartial(CallExpr *e, std::vector<ArgValue> &args) {
  for (const auto &arg : args)
    if (!arg.keyword.empty()) {
      diag.error(arg.loc, "'partial' binds positional arguments only");
      return nullptr;
    }
  if (args.empty()) {
    diag.error(e->loc, "'partial' needs a function: partial(f, *args)");
    return nullptr;
  }
  const Callable *f = expectFunction(args[0], "partial");
  if (!f)
    return nullptr;
  auto c = std::make_unique<Callable>();
  c->kind = Callable::Kind::Partial;
  c->loc = e->loc;
  c->inner = f;
  std::string key = "Pa:" + std::to_string(reinterpret_cast<uintptr_t>(f));
  CallInfo info;
  info.kind = CallInfo::Kind::Closure;
  info.envParts.push_back(args[0].expr);
  for (size_t i = 1; i < args.size(); ++i) {
    c->boundTypes.push_back(args[i].type);
    key += ":" + std::to_string(reinterpret_cast<uintptr_t>(args[i].type));
    info.envParts.push_back(args[i].expr);
  }
  info.callable = intern(std::move(c), key);
  program->calls[e] = std::move(info);
  return types.getFunction(info.callable);
}

FunctionInstance *SemaImpl::instantiatePartial(const Callable *c,
                                               llvm::ArrayRef<ArgValue> args,
                                               SourceLoc callLoc,
                                               const AxisEnv &axes) {
  std::string key = instanceKey("Pa", c, args, axes);
  if (auto it = instanceMemo.find(key); it != instanceMemo.end())
    return it->second;
  std::vector<ArgValue> all;
  for (const Type *t : c->boundTypes) {
    ArgValue a;
    a.loc = c->loc;
    a.type = t;
    all.push_back(a);
  }
  all.insert(all.end(), args.begin(), args.end());
  FunctionInstance *inner = instantiate(c->inner, all, callLoc, axes);
  if (!inner)
    return nullptr;
  FunctionInstance *inst =
      newInstance(FunctionInstance::Kind::Partial, inner->symbol + ".partial");
  instanceMemo[key] = inst;
  inst->callable = c;
  inst->module = inner->module;
  inst->loc = c->loc;
  inst->inner = inner;
  size_t nb = c->boundTypes.size();
  for (size_t i = 0; i < args.size(); ++i) {
    const auto &p = inner->params[nb + i];
    inst->params.push_back({p.name, args[i].type, p.loc});
  }
  inst->numUserParams = args.size();
  for (size_t i = inner->numUserParams; i < inner->params.size(); ++i)
    inst->params.push_back(inner->params[i]);
  for (size_t i = 0; i < nb; ++i)
    inst->params.push_back({inner->params[i].name, c->boundTypes[i], c->loc});
  inst->resultType = inner->resultType;
  computeSizeSources(inst);
  return inst;
}
