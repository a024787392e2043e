//===- SemaTransforms.cpp - Typing grad, vmap and friends -----------------===//
//
// The transformations of language.md section 6 are typed here, although they
// are carried out by later passes: `grad(f)` is a function value (a
// Transform callable); applying it instantiates `f` at the argument types
// (per-example types for vmap/pmap) and a Transform instance on top. jvp and
// vjp are applied directly; vjp's pullback is itself a function value that
// closes over the primals. Collectives check that their axis name is bound
// by an enclosing vmap/pmap.
//
//===----------------------------------------------------------------------===//

#include "SemaImpl.h"

#include <functional>

using namespace jx;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// True when every leaf of `t` is a floating-point array.
static bool allFloatLeaves(const Type *t) {
  if (auto *a = llvm::dyn_cast<ArrayType>(t))
    return isFloat(a->getDType());
  if (auto *tuple = llvm::dyn_cast<TupleType>(t)) {
    for (const Type *el : tuple->getElements())
      if (!allFloatLeaves(el))
        return false;
    return true;
  }
  if (auto *st = llvm::dyn_cast<StructType>(t)) {
    for (const auto &f : st->getFields())
      if (!allFloatLeaves(f.type))
        return false;
    return true;
  }
  return false;
}

/// Parses `argnums`: an integer or a non-empty tuple of distinct integers.
static bool parseArgnums(const StaticValue &v, TransformOptions &opts) {
  if (v.kind == StaticValue::Kind::Int) {
    opts.argnums = {v.intValue};
    opts.argnumsIsTuple = false;
    return true;
  }
  if (v.kind != StaticValue::Kind::Tuple || v.elements.empty())
    return false;
  opts.argnums.clear();
  for (const auto &el : v.elements) {
    if (el.kind != StaticValue::Kind::Int)
      return false;
    opts.argnums.push_back(el.intValue);
  }
  opts.argnumsIsTuple = true;
  return true;
}

/// An in_axes/out_axes spec: an Int, a None, or a tuple of specs.
static bool isAxisSpec(const StaticValue &v) {
  if (v.kind == StaticValue::Kind::Int || v.kind == StaticValue::Kind::None)
    return true;
  if (v.kind != StaticValue::Kind::Tuple)
    return false;
  for (const auto &el : v.elements)
    if (!isAxisSpec(el))
      return false;
  return true;
}

//===----------------------------------------------------------------------===//
// grad(f), vmap(f), ...: function values
//===----------------------------------------------------------------------===//

const Type *SemaImpl::checkTransformCtor(CallExpr *e, llvm::StringRef name,
                                         std::vector<ArgValue> &args) {
  const ArgValue *fnArg = getArg(args, 0, "fun");
  if (!fnArg) {
    diag.error(e->loc, "'" + name +
                           "' expects a function as its first "
                           "argument");
    return nullptr;
  }
  const Callable *f = expectFunction(*fnArg, name);
  if (!f)
    return nullptr;

  CallInfo info;
  info.kind = CallInfo::Kind::Closure;
  info.envParts.push_back(fnArg->expr);

  if (name == "jit") {
    if (!checkKeywords(args, "jit", {"fun"}, 1))
      return nullptr;
    info.callable = f;
    program->calls[e] = std::move(info);
    return types.getFunction(f);
  }

  TransformOptions opts;
  TransformKind kind;
  bool isMap = name == "vmap" || name == "pmap";
  if (name == "grad")
    kind = TransformKind::Grad;
  else if (name == "value_and_grad")
    kind = TransformKind::ValueAndGrad;
  else if (name == "jacfwd")
    kind = TransformKind::Jacfwd;
  else if (name == "jacrev")
    kind = TransformKind::Jacrev;
  else if (name == "hessian")
    kind = TransformKind::Hessian;
  else if (name == "vmap")
    kind = TransformKind::Vmap;
  else
    kind = TransformKind::Pmap;

  const ArgValue *inAxes = nullptr, *outAxes = nullptr, *axisName = nullptr;
  if (!isMap) {
    if (!checkKeywords(args, name, {"fun", "argnums", "has_aux"}, 3))
      return nullptr;
    if (const ArgValue *a = getArg(args, 1, "argnums")) {
      if (!a->value || !parseArgnums(*a->value, opts)) {
        diag.error(a->loc, "'argnums' of '" + name +
                               "' must be an integer or a tuple of integers "
                               "known at compile time");
        if (!a->value)
          noteRunTimeValue(a->expr);
        return nullptr;
      }
      for (size_t i = 0; i < opts.argnums.size(); ++i)
        for (size_t j = 0; j < i; ++j)
          if (opts.argnums[i] == opts.argnums[j]) {
            diag.error(a->loc, "'argnums' of '" + name + "' repeats " +
                                   std::to_string(opts.argnums[i]));
            return nullptr;
          }
    }
    if (const ArgValue *a = getArg(args, 2, "has_aux")) {
      if (!a->value || a->value->kind != StaticValue::Kind::Bool) {
        diag.error(a->loc, "'has_aux' of '" + name + "' must be true or false");
        return nullptr;
      }
      opts.hasAux = a->value->boolValue;
    }
  } else if (kind == TransformKind::Vmap) {
    if (!checkKeywords(args, name, {"fun", "in_axes", "out_axes", "axis_name"},
                       3))
      return nullptr;
    inAxes = getArg(args, 1, "in_axes");
    outAxes = getArg(args, 2, "out_axes");
    axisName = getArg(args, 99, "axis_name");
  } else {
    if (!checkKeywords(args, name, {"fun", "axis_name", "in_axes", "out_axes"},
                       2))
      return nullptr;
    axisName = getArg(args, 1, "axis_name");
    inAxes = getArg(args, 99, "in_axes");
    outAxes = getArg(args, 99, "out_axes");
  }
  for (auto [arg, slot, what] :
       {std::make_tuple(inAxes, &opts.inAxes, "in_axes"),
        std::make_tuple(outAxes, &opts.outAxes, "out_axes")}) {
    if (!arg)
      continue;
    if (!arg->value || !isAxisSpec(*arg->value)) {
      diag.error(arg->loc, "'" + llvm::Twine(what) + "' of '" + name +
                               "' must be an integer, none, or a tuple of "
                               "those, known at compile time");
      if (!arg->value)
        noteRunTimeValue(arg->expr);
      return nullptr;
    }
    *slot = *arg->value;
  }
  if (axisName && axisName->value &&
      axisName->value->kind == StaticValue::Kind::String) {
    opts.axisName = axisName->value->string;
  } else if (axisName && !(axisName->value &&
                           axisName->value->kind == StaticValue::Kind::None)) {
    diag.error(axisName->loc,
               "'axis_name' of '" + name + "' must be a string or none");
    return nullptr;
  }

  auto c = std::make_unique<Callable>();
  c->kind = Callable::Kind::Transform;
  c->loc = e->loc;
  c->transform = kind;
  c->options = opts;
  c->inner = f;
  std::string key = "T:" + name.str() + ":" +
                    std::to_string(reinterpret_cast<uintptr_t>(f)) + ":" +
                    opts.str(kind);
  info.callable = intern(std::move(c), key);
  program->calls[e] = std::move(info);
  return types.getFunction(info.callable);
}

/// Copies the inner instance's environment parameters onto `inst`.
static void appendEnvParams(FunctionInstance *inst,
                            const FunctionInstance *inner) {
  for (size_t i = inner->numUserParams; i < inner->params.size(); ++i)
    inst->params.push_back(inner->params[i]);
}

/// Jacobian type of `out` with respect to `ins` (JAX pytree convention:
/// the output's structure, each leaf replaced by the input's structure with
/// leaves of shape out.shape + in.shape; a tuple over `ins` when `isTuple`).
static const Type *jacobianType(TypeContext &types, const Type *out,
                                llvm::ArrayRef<const Type *> ins,
                                bool isTuple) {
  std::function<const Type *(const ArrayType *, const Type *)> wrt =
      [&](const ArrayType *o, const Type *in) -> const Type * {
    if (auto *tuple = llvm::dyn_cast<TupleType>(in)) {
      std::vector<const Type *> els;
      for (const Type *el : tuple->getElements()) {
        els.push_back(wrt(o, el));
        if (!els.back())
          return nullptr;
      }
      return types.getTuple(els);
    }
    auto *a = llvm::dyn_cast<ArrayType>(in);
    if (!a)
      return nullptr;
    Shape shape(o->getShape().begin(), o->getShape().end());
    shape.append(a->getShape().begin(), a->getShape().end());
    return types.getArray(o->getDType(), shape);
  };
  std::function<const Type *(const Type *)> overOut =
      [&](const Type *t) -> const Type * {
    if (auto *tuple = llvm::dyn_cast<TupleType>(t)) {
      std::vector<const Type *> els;
      for (const Type *el : tuple->getElements()) {
        els.push_back(overOut(el));
        if (!els.back())
          return nullptr;
      }
      return types.getTuple(els);
    }
    auto *o = llvm::dyn_cast<ArrayType>(t);
    if (!o)
      return nullptr;
    if (!isTuple)
      return wrt(o, ins[0]);
    std::vector<const Type *> els;
    for (const Type *in : ins) {
      els.push_back(wrt(o, in));
      if (!els.back())
        return nullptr;
    }
    return types.getTuple(els);
  };
  return overOut(out);
}

//===----------------------------------------------------------------------===//
// Applying a transformation
//===----------------------------------------------------------------------===//

FunctionInstance *SemaImpl::instantiateTransform(const Callable *c,
                                                 llvm::ArrayRef<ArgValue> args,
                                                 SourceLoc callLoc,
                                                 const AxisEnv &axes) {
  std::string key = instanceKey("T", c, args, axes);
  if (auto it = instanceMemo.find(key); it != instanceMemo.end())
    return it->second;
  TransformKind kind = c->transform;
  std::string name = transformName(kind).str();
  TransformOptions opts = c->options;
  size_t n = args.size();
  bool isMap = kind == TransformKind::Vmap || kind == TransformKind::Pmap;

  if (!isMap) {
    // Differentiation: grad, value_and_grad, jacfwd, jacrev, hessian.
    for (auto &a : opts.argnums) {
      int64_t k = a < 0 ? a + static_cast<int64_t>(n) : a;
      if (k < 0 || k >= static_cast<int64_t>(n)) {
        diag.error(callLoc, "argnums " + std::to_string(a) + " of '" + name +
                                "' is out of range for a function called "
                                "with " +
                                std::to_string(n) + " argument(s)");
        return nullptr;
      }
      a = k;
    }
    FunctionInstance *inner = instantiate(c->inner, args, callLoc, axes);
    if (!inner || !inner->resultType)
      return nullptr;
    std::vector<const Type *> wrt;
    for (int64_t k : opts.argnums) {
      const Type *t = inner->params[k].type;
      if (!allFloatLeaves(t)) {
        diag.error(args[k].loc.isValid() ? args[k].loc : callLoc,
                   "cannot differentiate with respect to argument " +
                       std::to_string(k) + " of type " + typeToString(t) +
                       ": '" + name + "' needs floating-point arguments");
        return nullptr;
      }
      wrt.push_back(strongify(t));
    }
    const Type *out = inner->resultType;
    const Type *aux = nullptr;
    if (opts.hasAux) {
      auto *pair = llvm::dyn_cast<TupleType>(out);
      if (!pair || pair->getElements().size() != 2) {
        diag.error(callLoc, "'" + name +
                                "' with has_aux=true requires the "
                                "function to return a pair "
                                "(output, aux), got " +
                                typeToString(out));
        return nullptr;
      }
      out = pair->getElements()[0];
      aux = pair->getElements()[1];
    }
    const Type *result = nullptr;
    if (kind == TransformKind::Grad || kind == TransformKind::ValueAndGrad) {
      auto *o = llvm::dyn_cast<ArrayType>(out);
      if (!o || !o->isScalar()) {
        diag.error(callLoc, name + " requires a scalar output, got " +
                                typeToString(out));
        return nullptr;
      }
      if (!isFloat(o->getDType())) {
        diag.error(callLoc, name + " requires a floating-point output, got " +
                                typeToString(out));
        return nullptr;
      }
      const Type *grads = opts.argnumsIsTuple ? types.getTuple(wrt) : wrt[0];
      if (kind == TransformKind::Grad) {
        result = aux ? types.getTuple({grads, aux}) : grads;
      } else {
        const Type *value = strongify(out);
        if (aux)
          value = types.getTuple({value, aux});
        result = types.getTuple({value, grads});
      }
    } else {
      if (!allFloatLeaves(out) || containsFunction(out)) {
        diag.error(callLoc, name +
                                " requires floating-point array outputs, "
                                "got " +
                                typeToString(out));
        return nullptr;
      }
      const Type *jac = jacobianType(types, out, wrt, opts.argnumsIsTuple);
      if (jac && kind == TransformKind::Hessian)
        jac = jacobianType(types, jac, wrt, opts.argnumsIsTuple);
      if (!jac) {
        diag.error(callLoc, name +
                                " supports arrays and tuples of arrays, "
                                "got " +
                                typeToString(out) + " with respect to " +
                                typeToString(types.getTuple(wrt)));
        return nullptr;
      }
      result = aux ? types.getTuple({jac, aux}) : jac;
    }
    FunctionInstance *inst = newInstance(FunctionInstance::Kind::Transform,
                                         inner->symbol + "." + name);
    instanceMemo[key] = inst;
    inst->callable = c;
    inst->module = inner->module;
    inst->loc = callLoc;
    inst->inner = inner;
    inst->transform = kind;
    inst->options = opts;
    for (size_t i = 0; i < inner->numUserParams; ++i)
      inst->params.push_back(inner->params[i]);
    inst->numUserParams = inner->numUserParams;
    appendEnvParams(inst, inner);
    inst->resultType = result;
    computeSizeSources(inst);
    return inst;
  }

  // vmap / pmap.
  std::vector<StaticValue> specs;
  if (opts.inAxes.kind == StaticValue::Kind::Tuple) {
    if (opts.inAxes.elements.size() != n) {
      diag.error(callLoc, "'" + name + "' in_axes has " +
                              std::to_string(opts.inAxes.elements.size()) +
                              " entries but the function is called with " +
                              std::to_string(n) + " argument(s)");
      return nullptr;
    }
    specs = opts.inAxes.elements;
  } else {
    specs.assign(n, opts.inAxes);
  }

  struct Mapped {
    Dim size;
    size_t arg;
    const Type *type;
  };
  std::optional<Mapped> first;
  bool ok = true;
  size_t argIndex = 0;
  std::function<const Type *(const StaticValue &, const Type *, StaticValue &)>
      unbatch = [&](const StaticValue &spec, const Type *t,
                    StaticValue &norm) -> const Type * {
    SourceLoc loc = args[argIndex].loc.isValid() ? args[argIndex].loc : callLoc;
    if (spec.kind == StaticValue::Kind::None) {
      norm = spec;
      return t;
    }
    if (auto *tuple = llvm::dyn_cast<TupleType>(t)) {
      if (spec.kind == StaticValue::Kind::Tuple &&
          spec.elements.size() != tuple->getElements().size()) {
        diag.error(loc, "'" + name + "' in_axes entry " + spec.str() +
                            " does not match argument " +
                            std::to_string(argIndex) + " of type " +
                            typeToString(t));
        ok = false;
        return nullptr;
      }
      norm = StaticValue();
      norm.kind = StaticValue::Kind::Tuple;
      std::vector<const Type *> els;
      for (size_t j = 0; j < tuple->getElements().size(); ++j) {
        StaticValue sub;
        const StaticValue &s =
            spec.kind == StaticValue::Kind::Tuple ? spec.elements[j] : spec;
        els.push_back(unbatch(s, tuple->getElements()[j], sub));
        if (!ok)
          return nullptr;
        norm.elements.push_back(sub);
      }
      return types.getTuple(els);
    }
    if (spec.kind == StaticValue::Kind::Tuple) {
      diag.error(loc, "'" + name + "' in_axes entry " + spec.str() +
                          " is a tuple but argument " +
                          std::to_string(argIndex) + " has type " +
                          typeToString(t));
      ok = false;
      return nullptr;
    }
    if (auto *st = llvm::dyn_cast<StructType>(t)) {
      norm = StaticValue();
      norm.kind = StaticValue::Kind::Tuple;
      std::vector<std::pair<std::string, const Type *>> values;
      std::vector<SourceLoc> locs;
      for (const auto &f : st->getFields()) {
        StaticValue sub;
        values.push_back({f.name, unbatch(spec, f.type, sub)});
        locs.push_back(loc);
        if (!ok)
          return nullptr;
        norm.elements.push_back(sub);
      }
      const ModuleInfo *module = nullptr;
      for (const auto &m : program->modules)
        for (const auto &d : m->ast->decls)
          if (d.get() == st->getDecl())
            module = m.get();
      const Type *r = inferStructType(st->getDecl(), module, values, locs, loc);
      if (!r)
        ok = false;
      return r;
    }
    auto *a = llvm::dyn_cast<ArrayType>(t);
    if (!a) {
      diag.error(loc, "'" + name + "' cannot map over argument " +
                          std::to_string(argIndex) + " of type " +
                          typeToString(t) + "; use in_axes=none for it");
      ok = false;
      return nullptr;
    }
    int64_t k = spec.intValue;
    int64_t rank = a->getRank();
    int64_t axis = k < 0 ? k + rank : k;
    if (axis < 0 || axis >= rank) {
      diag.error(loc, "'" + name + "' in_axes " + std::to_string(k) +
                          " is out of range for argument " +
                          std::to_string(argIndex) + " of type " +
                          typeToString(t) + " (rank " + std::to_string(rank) +
                          ")");
      ok = false;
      return nullptr;
    }
    Dim size = a->getShape()[axis];
    if (!first) {
      first = Mapped{size, argIndex, t};
    } else if (first->size != size) {
      diag.error(loc, "'" + name +
                          "' got inconsistent sizes for the mapped "
                          "axis: " +
                          first->size.str() + " in argument " +
                          std::to_string(first->arg) + " (" +
                          typeToString(first->type) + ") but " + size.str() +
                          " in argument " + std::to_string(argIndex) + " (" +
                          typeToString(t) + ")");
      ok = false;
      return nullptr;
    }
    norm = StaticValue::ofInt(axis);
    Shape shape(a->getShape().begin(), a->getShape().end());
    shape.erase(shape.begin() + axis);
    return types.getArray(a->getDType(), shape, a->isWeak());
  };

  std::vector<ArgValue> perExample;
  StaticValue normIn;
  normIn.kind = StaticValue::Kind::Tuple;
  for (argIndex = 0; argIndex < n; ++argIndex) {
    StaticValue norm;
    ArgValue a = args[argIndex];
    a.type = unbatch(specs[argIndex], args[argIndex].type, norm);
    if (!ok)
      return nullptr;
    perExample.push_back(a);
    normIn.elements.push_back(norm);
  }
  if (!first) {
    diag.error(callLoc, "'" + name +
                            "' needs at least one argument with a "
                            "mapped axis, but in_axes maps none");
    return nullptr;
  }
  Dim size = first->size;

  AxisEnv inner_axes = axes;
  if (!opts.axisName.empty())
    inner_axes.push_back({opts.axisName, size});
  FunctionInstance *inner =
      instantiate(c->inner, perExample, callLoc, inner_axes);
  if (!inner || !inner->resultType)
    return nullptr;

  std::function<const Type *(const StaticValue &, const Type *, StaticValue &)>
      batch = [&](const StaticValue &spec, const Type *t,
                  StaticValue &norm) -> const Type * {
    if (spec.kind == StaticValue::Kind::None) {
      norm = spec;
      if (containsFunction(t)) {
        diag.error(callLoc, "'" + name + "' cannot return a function value");
        ok = false;
      }
      return t;
    }
    if (auto *tuple = llvm::dyn_cast<TupleType>(t)) {
      if (spec.kind == StaticValue::Kind::Tuple &&
          spec.elements.size() != tuple->getElements().size()) {
        diag.error(callLoc, "'" + name + "' out_axes " + spec.str() +
                                " does not match the result type " +
                                typeToString(t));
        ok = false;
        return nullptr;
      }
      norm = StaticValue();
      norm.kind = StaticValue::Kind::Tuple;
      std::vector<const Type *> els;
      for (size_t j = 0; j < tuple->getElements().size(); ++j) {
        StaticValue sub;
        const StaticValue &s =
            spec.kind == StaticValue::Kind::Tuple ? spec.elements[j] : spec;
        els.push_back(batch(s, tuple->getElements()[j], sub));
        if (!ok)
          return nullptr;
        norm.elements.push_back(sub);
      }
      return types.getTuple(els);
    }
    auto *a = llvm::dyn_cast<ArrayType>(t);
    if (!a || spec.kind != StaticValue::Kind::Int) {
      diag.error(callLoc, "'" + name + "' cannot batch a result of type " +
                              typeToString(t) + " with out_axes " + spec.str());
      ok = false;
      return nullptr;
    }
    int64_t rank = a->getRank() + 1;
    int64_t axis = spec.intValue < 0 ? spec.intValue + rank : spec.intValue;
    if (axis < 0 || axis >= rank) {
      diag.error(callLoc, "'" + name + "' out_axes " +
                              std::to_string(spec.intValue) +
                              " is out of range for a result of type " +
                              typeToString(t));
      ok = false;
      return nullptr;
    }
    norm = StaticValue::ofInt(axis);
    Shape shape(a->getShape().begin(), a->getShape().end());
    shape.insert(shape.begin() + axis, size);
    return types.getArray(a->getDType(), shape);
  };
  StaticValue normOut;
  const Type *result = batch(opts.outAxes, inner->resultType, normOut);
  if (!ok || !result)
    return nullptr;

  FunctionInstance *inst = newInstance(FunctionInstance::Kind::Transform,
                                       inner->symbol + "." + name);
  instanceMemo[key] = inst;
  inst->callable = c;
  inst->module = inner->module;
  inst->loc = callLoc;
  inst->inner = inner;
  inst->transform = kind;
  opts.inAxes = normIn;
  opts.outAxes = normOut;
  inst->options = opts;
  inst->axisSize = size;
  for (size_t i = 0; i < n; ++i)
    inst->params.push_back(
        {inner->params[i].name, args[i].type, inner->params[i].loc});
  inst->numUserParams = n;
  appendEnvParams(inst, inner);
  inst->resultType = result;
  computeSizeSources(inst);
  return inst;
}

//===----------------------------------------------------------------------===//
// jvp, vjp and the pullback
//===----------------------------------------------------------------------===//

const Type *SemaImpl::checkJvp(CallExpr *e, std::vector<ArgValue> &args) {
  if (!checkKeywords(args, "jvp", {"fun", "primals", "tangents"}, 3))
    return nullptr;
  const ArgValue *fnArg = getArg(args, 0, "fun");
  const ArgValue *primals = getArg(args, 1, "primals");
  const ArgValue *tangents = getArg(args, 2, "tangents");
  if (!fnArg || !primals || !tangents) {
    diag.error(e->loc, "'jvp' needs 3 arguments: jvp(fun, primals, "
                       "tangents)");
    return nullptr;
  }
  const Callable *f = expectFunction(*fnArg, "jvp");
  if (!f)
    return nullptr;
  auto *p = llvm::dyn_cast<TupleType>(primals->type);
  auto *t = llvm::dyn_cast<TupleType>(tangents->type);
  if (!p) {
    diag.error(primals->loc, "the primals of 'jvp' must be a tuple, got " +
                                 typeToString(primals->type));
    return nullptr;
  }
  if (!t) {
    diag.error(tangents->loc, "the tangents of 'jvp' must be a tuple, got " +
                                  typeToString(tangents->type));
    return nullptr;
  }
  if (p->getElements().size() != t->getElements().size()) {
    diag.error(tangents->loc,
               "'jvp' got " + std::to_string(p->getElements().size()) +
                   " primal(s) but " + std::to_string(t->getElements().size()) +
                   " tangent(s)");
    return nullptr;
  }
  std::vector<ArgValue> primalArgs;
  for (size_t i = 0; i < p->getElements().size(); ++i) {
    const Type *pt = p->getElements()[i];
    const Type *tt = t->getElements()[i];
    if (!allFloatLeaves(pt)) {
      diag.error(primals->loc, "cannot differentiate with respect to primal " +
                                   std::to_string(i) + " of type " +
                                   typeToString(pt) +
                                   ": 'jvp' needs floating-point arguments");
      return nullptr;
    }
    if (strongify(pt) != strongify(tt) && !assignable(tt, strongify(pt))) {
      diag.error(tangents->loc, "tangent " + std::to_string(i) +
                                    " of 'jvp' has type " + typeToString(tt) +
                                    " but primal " + std::to_string(i) +
                                    " has type " + typeToString(pt));
      return nullptr;
    }
    ArgValue a;
    a.loc = primals->loc;
    a.type = pt;
    primalArgs.push_back(a);
  }

  AxisEnv axes = currentAxes();
  std::string key = instanceKey("Jvp", f, primalArgs, axes);
  FunctionInstance *inst = nullptr;
  if (auto it = instanceMemo.find(key); it != instanceMemo.end()) {
    inst = it->second;
  } else {
    FunctionInstance *inner = instantiate(f, primalArgs, e->loc, axes);
    if (!inner || !inner->resultType)
      return nullptr;
    if (!allFloatLeaves(inner->resultType)) {
      diag.error(e->loc, "'jvp' requires floating-point outputs, got " +
                             typeToString(inner->resultType));
      return nullptr;
    }
    inst =
        newInstance(FunctionInstance::Kind::Transform, inner->symbol + ".jvp");
    instanceMemo[key] = inst;
    inst->callable = f;
    inst->module = inner->module;
    inst->loc = e->loc;
    inst->inner = inner;
    inst->transform = TransformKind::Jvp;
    std::vector<const Type *> userTypes;
    for (size_t i = 0; i < inner->numUserParams; ++i)
      userTypes.push_back(strongify(inner->params[i].type));
    const Type *tuple = types.getTuple(userTypes);
    inst->params.push_back({"primals", tuple, e->loc});
    inst->params.push_back({"tangents", tuple, e->loc});
    inst->numUserParams = 2;
    appendEnvParams(inst, inner);
    inst->resultType =
        types.getTuple({inner->resultType, strongify(inner->resultType)});
    computeSizeSources(inst);
  }
  CallInfo info;
  info.kind = CallInfo::Kind::Instance;
  info.instance = inst;
  info.args = {primals->expr, tangents->expr};
  if (!f->hasEmptyEnv())
    info.env = fnArg->expr;
  program->calls[e] = std::move(info);
  return inst->resultType;
}

const Type *SemaImpl::checkVjp(CallExpr *e, std::vector<ArgValue> &args) {
  for (const auto &arg : args)
    if (!arg.keyword.empty()) {
      diag.error(arg.loc, "'vjp' takes no keyword arguments");
      return nullptr;
    }
  if (args.size() < 2) {
    diag.error(e->loc, "'vjp' needs a function and at least one primal: "
                       "vjp(fun, *primals)");
    return nullptr;
  }
  const Callable *f = expectFunction(args[0], "vjp");
  if (!f)
    return nullptr;
  std::vector<ArgValue> primals(args.begin() + 1, args.end());
  for (size_t i = 0; i < primals.size(); ++i)
    if (!allFloatLeaves(primals[i].type)) {
      diag.error(primals[i].loc, "cannot differentiate with respect to "
                                 "primal " +
                                     std::to_string(i) + " of type " +
                                     typeToString(primals[i].type) +
                                     ": 'vjp' needs floating-point "
                                     "arguments");
      return nullptr;
    }
  AxisEnv axes = currentAxes();
  std::string key = instanceKey("Vjp", f, primals, axes);
  FunctionInstance *inst = nullptr;
  if (auto it = instanceMemo.find(key); it != instanceMemo.end()) {
    inst = it->second;
  } else {
    FunctionInstance *inner = instantiate(f, primals, e->loc, axes);
    if (!inner || !inner->resultType)
      return nullptr;
    if (!allFloatLeaves(inner->resultType)) {
      diag.error(e->loc, "'vjp' requires floating-point outputs, got " +
                             typeToString(inner->resultType));
      return nullptr;
    }
    auto pb = std::make_unique<Callable>();
    pb->kind = Callable::Kind::Pullback;
    pb->loc = e->loc;
    pb->primal = inner;
    pb->inner = f;
    const Callable *pullback =
        intern(std::move(pb),
               "P:" + std::to_string(reinterpret_cast<uintptr_t>(inner)));
    inst =
        newInstance(FunctionInstance::Kind::Transform, inner->symbol + ".vjp");
    instanceMemo[key] = inst;
    inst->callable = f;
    inst->module = inner->module;
    inst->loc = e->loc;
    inst->inner = inner;
    inst->transform = TransformKind::Vjp;
    for (size_t i = 0; i < inner->numUserParams; ++i)
      inst->params.push_back(inner->params[i]);
    inst->numUserParams = inner->numUserParams;
    appendEnvParams(inst, inner);
    inst->resultType =
        types.getTuple({inner->resultType, types.getFunction(pullback)});
    computeSizeSources(inst);
  }
  CallInfo info;
  info.kind = CallInfo::Kind::Instance;
  info.instance = inst;
  for (const auto &p : primals)
    info.args.push_back(p.expr);
  if (!f->hasEmptyEnv())
    info.env = args[0].expr;
  program->calls[e] = std::move(info);
  return inst->resultType;
}

FunctionInstance *SemaImpl::instantiatePullback(const Callable *c,
                                                llvm::ArrayRef<ArgValue> args,
                                                SourceLoc callLoc,
                                                const AxisEnv &axes) {
  const FunctionInstance *primal = c->primal;
  const Type *ctType = strongify(primal->resultType);
  if (args.size() != 1) {
    diag.error(callLoc, "the pullback of 'vjp' takes 1 argument (the "
                        "cotangent), got " +
                            std::to_string(args.size()));
    return nullptr;
  }
  if (!assignable(args[0].type, ctType)) {
    diag.error(args[0].loc.isValid() ? args[0].loc : callLoc,
               "the pullback of 'vjp' expects a cotangent of type " +
                   typeToString(ctType) + ", got " +
                   typeToString(args[0].type));
    return nullptr;
  }
  std::string key = instanceKey("PB", c, {}, axes);
  if (auto it = instanceMemo.find(key); it != instanceMemo.end())
    return it->second;
  FunctionInstance *inst = newInstance(FunctionInstance::Kind::Pullback,
                                       primal->symbol + ".pullback");
  instanceMemo[key] = inst;
  inst->callable = c;
  inst->module = primal->module;
  inst->loc = c->loc;
  inst->inner = primal;
  inst->transform = TransformKind::Vjp;
  inst->params.push_back({"ct", ctType, c->loc});
  inst->numUserParams = 1;
  std::vector<const Type *> cotangents;
  for (size_t i = 0; i < primal->params.size(); ++i) {
    inst->params.push_back(primal->params[i]);
    if (i < primal->numUserParams)
      cotangents.push_back(strongify(primal->params[i].type));
  }
  inst->resultType = types.getTuple(cotangents);
  computeSizeSources(inst);
  return inst;
}
