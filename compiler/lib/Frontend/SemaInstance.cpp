//===- SemaInstance.cpp - Instantiating functions and lambdas -------------===//
//
// A generic function is checked once per distinct tuple of parameter types
// (after matching its annotations) and static argument values, like JAX
// traces a function per input signature and Python values: its declaration
// is cloned and the clone is annotated. A direct call passes the values of
// arguments known at compile time (ints, bools, sizes, shapes, dtypes,
// strings, none) as static parameters; everything else is a run-time
// value. Exported functions are instantiated from their annotations, with
// symbolic sizes. Lambdas are lambda-lifted the same way, their captures
// becoming trailing parameters. Recursion is detected on the stack of active
// instantiations.
//
//===----------------------------------------------------------------------===//

#include "SemaImpl.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/bit.h"

#include <functional>

using namespace jx;

static std::string ptrKey(const void *p) {
  return llvm::utohexstr(reinterpret_cast<uintptr_t>(p));
}

/// An unambiguous spelling of a static value for instance keys: unlike
/// StaticValue::str, it tells apart size variables of the same name.
static std::string staticKey(const StaticValue &v) {
  switch (v.kind) {
  case StaticValue::Kind::Int:
    return "i" + std::to_string(v.intValue);
  case StaticValue::Kind::Float:
    return "f" + llvm::utohexstr(llvm::bit_cast<uint64_t>(v.floatValue));
  case StaticValue::Kind::Bool:
    return v.boolValue ? "T" : "F";
  case StaticValue::Kind::Size:
    return v.size.isStatic() ? "i" + std::to_string(v.size.size)
                             : "s" + ptrKey(v.size.var);
  case StaticValue::Kind::Tuple: {
    std::string s = "(";
    for (const auto &e : v.elements)
      s += staticKey(e) + ",";
    return s + ")";
  }
  case StaticValue::Kind::DType:
    return "d" + dtypeName(v.dtype).str();
  case StaticValue::Kind::String:
    return "S" + std::to_string(v.string.size()) + ":" + v.string;
  case StaticValue::Kind::None:
    return "N";
  }
  return "?";
}

std::string SemaImpl::instanceKey(llvm::StringRef prefix, const void *origin,
                                  llvm::ArrayRef<ArgValue> args,
                                  const AxisEnv &axes) {
  std::string key = prefix.str() + ":" + ptrKey(origin) + "(";
  for (const auto &arg : args) {
    key += ptrKey(arg.type);
    if (arg.value)
      key += "=" + staticKey(*arg.value);
    key += ",";
  }
  key += ")";
  for (const auto &axis : axes)
    key += "|" + axis.name + "=" + std::to_string(axis.size.size) + "/" +
           ptrKey(axis.size.var);
  return key;
}

std::string SemaImpl::uniqueSymbol(const std::string &base) {
  auto used = [&](const std::string &s) {
    return symbolCounts.count(s) || reservedSymbols.count(s);
  };
  std::string candidate = base;
  for (unsigned n = 1; used(candidate); ++n)
    candidate = base + "_" + std::to_string(n);
  symbolCounts[candidate] = 1;
  return candidate;
}

FunctionInstance *SemaImpl::newInstance(FunctionInstance::Kind kind,
                                        const std::string &symbolBase) {
  auto inst = std::make_unique<FunctionInstance>();
  inst->kind = kind;
  inst->symbol = uniqueSymbol(symbolBase);
  program->instances.push_back(std::move(inst));
  return program->instances.back().get();
}

const Callable *SemaImpl::intern(std::unique_ptr<Callable> c,
                                 const std::string &key) {
  auto it = callables.find(key);
  if (it != callables.end())
    return it->second;
  const Callable *owned = types.own(std::move(c));
  callables[key] = owned;
  return owned;
}

const Callable *SemaImpl::functionCallable(const FunctionDecl *decl,
                                           const ModuleInfo *module,
                                           SourceLoc loc) {
  auto c = std::make_unique<Callable>();
  c->kind = Callable::Kind::Function;
  c->decl = decl;
  c->module = module;
  c->loc = decl->loc;
  (void)loc;
  return intern(std::move(c), "F:" + ptrKey(decl));
}

const Callable *SemaImpl::builtinCallable(llvm::StringRef name, SourceLoc loc) {
  auto c = std::make_unique<Callable>();
  c->kind = Callable::Kind::Builtin;
  c->builtinName = name.str();
  c->loc = loc;
  return intern(std::move(c), "B:" + name.str());
}

bool SemaImpl::enterActive(const void *origin, llvm::StringRef name,
                           SourceLoc callLoc) {
  if (isRecursive(origin, name, callLoc))
    return false;
  if (active.size() > 200) {
    diag.error(callLoc, "function instantiation is nested too deeply");
    return false;
  }
  active.push_back({origin, name.str(), callLoc});
  return true;
}

bool SemaImpl::isRecursive(const void *origin, llvm::StringRef name,
                           SourceLoc callLoc) {
  for (size_t k = 0; k < active.size(); ++k) {
    if (active[k].origin != origin)
      continue;
    ++recursionErrors;
    diag.error(callLoc, "recursive call to '" + name +
                            "' is not supported; use fori_loop, while_loop "
                            "or scan");
    // The cycle, from where it was entered.
    for (size_t j = k; j < active.size(); ++j)
      if (j > 0)
        diag.note(active[j].callLoc, "'" + active[j - 1].name + "' calls '" +
                                         active[j].name + "' here");
    return true;
  }
  return false;
}

FunctionInstance *SemaImpl::instantiate(const Callable *c,
                                        llvm::ArrayRef<ArgValue> args,
                                        SourceLoc callLoc, const AxisEnv &axes,
                                        bool specialize) {
  if (!c)
    return nullptr;
  for (const auto &arg : args)
    if (!arg.type)
      return nullptr;
  // Only functions and lambdas called directly see their arguments' values:
  // a transformation, pullback or partial application passes run-time
  // values on (as JAX traces them), and its own instance key has types only.
  std::vector<ArgValue> runTime(args.begin(), args.end());
  for (auto &arg : runTime)
    arg.value.reset();
  switch (c->kind) {
  case Callable::Kind::Function:
    return instantiateFunction(c, args, callLoc, axes, specialize);
  case Callable::Kind::Lambda:
    return instantiateLambda(c, args, callLoc, axes, specialize);
  case Callable::Kind::Builtin:
    return instantiateBuiltin(c, runTime, callLoc);
  case Callable::Kind::Transform:
    return instantiateTransform(c, runTime, callLoc, axes);
  case Callable::Kind::Pullback:
    return instantiatePullback(c, runTime, callLoc, axes);
  case Callable::Kind::Partial:
    return instantiatePartial(c, runTime, callLoc, axes);
  }
  return nullptr;
}

/// True when a parameter of type `t` may be specialized on `v`: the kinds
/// JAX keeps static when a Python value is passed to a traced function (an
/// int, a bool, a size, a dtype, a string, none, and tuples of those such as
/// shapes), where the value agrees with the parameter's type. Floats stay
/// run-time values, so that `f(0.5)` and `f(0.25)` share an instance (and
/// remain differentiable). An integer must fit the parameter's dtype (`-1`
/// passed to a `u32` parameter is converted at run time instead).
static bool isSpecializable(const StaticValue &v, const Type *t) {
  auto *a = llvm::dyn_cast_or_null<ArrayType>(t);
  bool scalar = a && a->isScalar();
  switch (v.kind) {
  case StaticValue::Kind::Int:
    if (!scalar || !isInteger(a->getDType()))
      return false;
    if (a->getDType() == DType::I32)
      return v.intValue >= INT32_MIN && v.intValue <= INT32_MAX;
    if (a->getDType() == DType::U32)
      return v.intValue >= 0 && v.intValue <= UINT32_MAX;
    return a->getDType() == DType::I64;
  case StaticValue::Kind::Size:
    return scalar && isInteger(a->getDType());
  case StaticValue::Kind::Bool:
    return scalar && a->getDType() == DType::Bool;
  case StaticValue::Kind::DType:
    return t && t->getKind() == Type::Kind::DTypeVal;
  case StaticValue::Kind::String:
    return t && t->getKind() == Type::Kind::String;
  case StaticValue::Kind::None:
    return t && t->getKind() == Type::Kind::None;
  case StaticValue::Kind::Tuple: {
    auto *tuple = llvm::dyn_cast_or_null<TupleType>(t);
    if (!tuple || tuple->getElements().size() != v.elements.size())
      return false;
    for (size_t i = 0; i < v.elements.size(); ++i)
      if (!isSpecializable(v.elements[i], tuple->getElements()[i]))
        return false;
    return true;
  }
  case StaticValue::Kind::Float:
    return false;
  }
  return false;
}

/// Keeps the compile-time values of `params` that their instance is
/// specialized on (all of them cleared unless `specialize`).
static void selectStaticParams(std::vector<ArgValue> &params, bool specialize) {
  for (auto &p : params)
    if (!specialize || !p.value || !isSpecializable(*p.value, p.type))
      p.value.reset();
}

/// Matches the arguments against the (optionally annotated) parameters.
/// Fills `paramTypes`; false after reporting a mismatch.
static bool matchParams(SemaImpl &sema, llvm::ArrayRef<Param> params,
                        llvm::ArrayRef<ArgValue> args, SigState &st,
                        llvm::StringRef fnName, const ModuleInfo *module,
                        SourceLoc callLoc, std::vector<ArgValue> &paramTypes) {
  bool ok = true;
  for (size_t i = 0; i < params.size(); ++i) {
    ArgValue pv = args[i];
    if (params[i].type) {
      MatchCtx ctx{"argument '" + params[i].name + "' of '" + fnName.str() +
                       "'",
                   args[i].loc.isValid() ? args[i].loc : callLoc, module};
      pv.type = sema.matchType(*params[i].type, args[i].type, st, ctx);
      if (!pv.type)
        ok = false;
    }
    paramTypes.push_back(pv);
  }
  return ok;
}

/// After an instance body reported errors, says which call instantiated it
/// and with which argument types (a backtrace, as for C++ templates).
static void noteInstantiation(DiagnosticEngine &diag, unsigned errorsBefore,
                              unsigned ownErrors, llvm::StringRef name,
                              llvm::ArrayRef<FunctionInstance::Param> params,
                              unsigned numUserParams, SourceLoc callLoc) {
  // `ownErrors` (recursion errors) already explain their call chain.
  if (diag.getNumErrors() - errorsBefore <= ownErrors || !callLoc.isValid())
    return;
  std::string types, statics;
  for (unsigned i = 0; i < numUserParams; ++i) {
    types += (i ? ", " : "") + typeToString(params[i].type);
    if (params[i].value)
      statics += (statics.empty() ? "" : ", ") + params[i].name + " = " +
                 params[i].value->str();
  }
  diag.note(callLoc, "in instantiation of '" + name +
                         "' with argument types (" + types + ")" +
                         (statics.empty() ? "" : " and " + statics) + " here");
}

FunctionInstance *SemaImpl::instantiateFunction(const Callable *c,
                                                llvm::ArrayRef<ArgValue> args,
                                                SourceLoc callLoc,
                                                const AxisEnv &axes,
                                                bool specialize) {
  const FunctionDecl *decl = c->decl;
  if (args.size() != decl->params.size()) {
    diag.error(callLoc, "'" + decl->name + "' takes " +
                            std::to_string(decl->params.size()) +
                            " argument(s), got " + std::to_string(args.size()));
    return nullptr;
  }
  SigState st;
  std::vector<ArgValue> params;
  if (!matchParams(*this, decl->params, args, st, decl->name, c->module,
                   callLoc, params))
    return nullptr;
  // An `export def` called from jx code behaves like a jitted function: its
  // parameters stay run-time values (and the call reuses the entry point's
  // instance when the types agree).
  selectStaticParams(params, specialize && !decl->isExport);

  if (isRecursive(decl, decl->name, callLoc))
    return nullptr;
  std::string key = instanceKey("F", decl, params, axes);
  if (auto it = instanceMemo.find(key); it != instanceMemo.end())
    return it->second;
  if (!enterActive(decl, decl->name, callLoc))
    return nullptr;

  FunctionInstance *inst = newInstance(FunctionInstance::Kind::Function,
                                       c->module->name + "." + decl->name);
  instanceMemo[key] = inst;
  inst->module = c->module;
  inst->callable = c;
  inst->loc = decl->loc;
  for (size_t i = 0; i < params.size(); ++i)
    inst->params.push_back({decl->params[i].name, params[i].type,
                            decl->params[i].loc, params[i].value});
  inst->numUserParams = params.size();
  inst->body = decl->clone();
  unsigned errorsBefore = diag.getNumErrors();
  unsigned recursionBefore = recursionErrors;
  checkBody(inst, c->module, st, axes, decl->resultType.get(), decl->name);
  active.pop_back();
  noteInstantiation(diag, errorsBefore, recursionErrors - recursionBefore,
                    decl->name, inst->params, inst->numUserParams, callLoc);
  return inst;
}

FunctionInstance *SemaImpl::instantiateExport(const FunctionDecl *decl,
                                              const ModuleInfo *module,
                                              bool exported) {
  bool ok = true;
  if (exported) {
    for (const auto &p : decl->params)
      if (!p.type) {
        diag.error(p.loc, "parameter '" + p.name + "' of exported function '" +
                              decl->name + "' needs a type annotation");
        ok = false;
      }
    if (!decl->resultType) {
      diag.error(decl->loc, "exported function '" + decl->name +
                                "' needs a result type annotation");
      ok = false;
    }
  }
  if (!ok)
    return nullptr;

  SigState st;
  std::vector<ArgValue> params;
  for (const auto &p : decl->params) {
    ArgValue pv;
    pv.loc = p.loc;
    MatchCtx ctx{"parameter '" + p.name + "' of '" + decl->name + "'", p.loc,
                 module};
    pv.type = p.type ? matchType(*p.type, nullptr, st, ctx) : nullptr;
    if (!pv.type)
      ok = false;
    params.push_back(pv);
  }
  if (!ok)
    return nullptr;

  const Callable *c = functionCallable(decl, module, decl->loc);
  std::string key = instanceKey("F", decl, params, {});
  if (auto it = instanceMemo.find(key); it != instanceMemo.end())
    return it->second;
  if (!enterActive(decl, decl->name, decl->loc))
    return nullptr;

  std::string base = module->name + "." + decl->name;
  FunctionInstance *inst;
  if (reservedSymbols.count(base) && !symbolCounts.count(base)) {
    auto owned = std::make_unique<FunctionInstance>();
    owned->kind = FunctionInstance::Kind::Function;
    owned->symbol = base;
    symbolCounts[base] = 1;
    program->instances.push_back(std::move(owned));
    inst = program->instances.back().get();
  } else {
    inst = newInstance(FunctionInstance::Kind::Function, base);
  }
  instanceMemo[key] = inst;
  inst->module = module;
  inst->callable = c;
  inst->loc = decl->loc;
  for (size_t i = 0; i < params.size(); ++i)
    inst->params.push_back(
        {decl->params[i].name, params[i].type, decl->params[i].loc});
  inst->numUserParams = params.size();
  inst->body = decl->clone();
  checkBody(inst, module, st, {}, decl->resultType.get(), decl->name);
  active.pop_back();

  bool isEntry = exported || (decl->name == "main" && decl->params.empty());
  if (isEntry && containsFunction(inst->resultType)) {
    diag.error(decl->loc, "the result of '" + decl->name +
                              "' cannot be a function value: entry points "
                              "return arrays");
    inst->resultType = nullptr;
  }
  return inst;
}

FunctionInstance *SemaImpl::instantiateLambda(const Callable *c,
                                              llvm::ArrayRef<ArgValue> args,
                                              SourceLoc callLoc,
                                              const AxisEnv &axes,
                                              bool specialize) {
  const LambdaExpr *lambda = c->lambda;
  if (args.size() != lambda->params.size()) {
    diag.error(callLoc, "lambda takes " +
                            std::to_string(lambda->params.size()) +
                            " argument(s), got " + std::to_string(args.size()));
    diag.note(lambda->loc, "lambda defined here");
    return nullptr;
  }
  // Captured size variables constrain the lambda's annotations.
  SigState st;
  for (const auto &cap : c->captures) {
    if (!cap.value || !cap.value->asDim() ||
        cap.value->kind != StaticValue::Kind::Size)
      continue;
    SizeBinding b;
    b.dim = *cap.value->asDim();
    b.what = "the enclosing function";
    b.fromCapture = true;
    st.vars[cap.name] = b;
  }
  std::vector<ArgValue> params;
  if (!matchParams(*this, lambda->params, args, st, "lambda", c->module,
                   callLoc, params))
    return nullptr;
  selectStaticParams(params, specialize);

  if (isRecursive(lambda, "lambda", callLoc))
    return nullptr;
  std::string key = instanceKey("L", c, params, axes);
  if (auto it = instanceMemo.find(key); it != instanceMemo.end())
    return it->second;
  if (!enterActive(lambda, "lambda", callLoc))
    return nullptr;

  FunctionInstance *inst = newInstance(FunctionInstance::Kind::Lambda,
                                       c->enclosingSymbol + ".lambda");
  instanceMemo[key] = inst;
  inst->module = c->module;
  inst->callable = c;
  inst->loc = lambda->loc;
  for (size_t i = 0; i < params.size(); ++i)
    inst->params.push_back({lambda->params[i].name, params[i].type,
                            lambda->params[i].loc, params[i].value});
  inst->numUserParams = params.size();
  for (const auto &cap : c->captures)
    inst->params.push_back({cap.name, cap.type, lambda->loc});

  auto fd = std::make_unique<FunctionDecl>(lambda->loc);
  fd->name = "lambda";
  for (const auto &p : lambda->params)
    fd->params.push_back(p.clone());
  for (const auto &cap : c->captures) {
    Param p;
    p.loc = lambda->loc;
    p.name = cap.name;
    fd->params.push_back(std::move(p));
  }
  if (lambda->resultType)
    fd->resultType = lambda->resultType->clone();
  if (lambda->body)
    fd->body = lambda->body->clone();
  inst->body = std::move(fd);
  unsigned errorsBefore = diag.getNumErrors();
  unsigned recursionBefore = recursionErrors;
  checkBody(inst, c->module, st, axes, inst->body->resultType.get(), "lambda");
  active.pop_back();
  noteInstantiation(diag, errorsBefore, recursionErrors - recursionBefore,
                    "lambda", inst->params, inst->numUserParams, callLoc);
  return inst;
}

FunctionInstance *SemaImpl::instantiateBuiltin(const Callable *c,
                                               llvm::ArrayRef<ArgValue> args,
                                               SourceLoc callLoc) {
  std::string key = instanceKey("B:" + c->builtinName, nullptr, args, {});
  if (auto it = instanceMemo.find(key); it != instanceMemo.end())
    return it->second;
  std::vector<BuiltinArg> bargs;
  for (const auto &arg : args) {
    BuiltinArg b;
    b.loc = arg.loc.isValid() ? arg.loc : callLoc;
    b.type = arg.type;
    bargs.push_back(b);
  }
  const Type *result = builtins.checkCall(c->builtinName, callLoc, bargs);
  if (!result)
    return nullptr;
  FunctionInstance *inst =
      newInstance(FunctionInstance::Kind::Builtin, "builtin." + c->builtinName);
  instanceMemo[key] = inst;
  inst->callable = c;
  inst->builtin = c->builtinName;
  inst->loc = callLoc;
  for (size_t i = 0; i < args.size(); ++i)
    inst->params.push_back({"x" + std::to_string(i), args[i].type, callLoc});
  inst->numUserParams = args.size();
  inst->resultType = result;
  computeSizeSources(inst);
  return inst;
}

void SemaImpl::checkBody(FunctionInstance *inst, const ModuleInfo *module,
                         SigState &st, const AxisEnv &axes,
                         const TypeExpr *resultAnn,
                         llvm::StringRef displayName) {
  FnScope fs;
  fs.inst = inst;
  fs.module = module;
  fs.axes = axes;
  // Size variables first, so that parameters of the same name shadow them.
  for (const auto &name : st.order) {
    const SizeBinding &b = st.vars[name];
    if (b.fromCapture)
      continue;
    Binding binding;
    binding.name = name;
    binding.ref.kind = NameRef::Kind::SizeVar;
    binding.ref.size = b.dim;
    binding.type = i64Type();
    binding.value = StaticValue::ofSize(b.dim);
    binding.loc = b.loc;
    fs.bindings.push_back(binding);
  }
  for (size_t i = 0; i < inst->params.size(); ++i) {
    const auto &p = inst->params[i];
    if (p.name.empty() || p.name == "_")
      continue;
    Binding binding;
    binding.name = p.name;
    binding.ref.kind = NameRef::Kind::Param;
    binding.ref.param = i;
    binding.type = p.type;
    binding.loc = p.loc;
    binding.value = p.value;
    if (inst->kind == FunctionInstance::Kind::Lambda &&
        i >= inst->numUserParams) {
      const Capture &cap = inst->callable->captures[i - inst->numUserParams];
      binding.value = cap.value;
    }
    fs.bindings.push_back(binding);
  }
  computeSizeSources(inst);

  fnStack.push_back(&fs);
  Expr *body = inst->body ? inst->body->body.get() : nullptr;
  const Type *t = body ? checkExpr(body) : nullptr;
  if (resultAnn && t) {
    SourceLoc loc = body->loc;
    if (auto *block = llvm::dyn_cast<BlockExpr>(body))
      if (block->result)
        loc = block->result->loc;
    MatchCtx ctx{"the result of '" + displayName.str() + "'", loc, module};
    st.lookupScope = false;
    inst->resultType = matchType(*resultAnn, t, st, ctx);
  } else {
    inst->resultType = resultAnn ? nullptr : t;
  }
  fnStack.pop_back();
}

void SemaImpl::computeSizeSources(FunctionInstance *inst) {
  inst->sizeSources.clear();
  std::vector<unsigned> path;
  std::function<void(const Type *, unsigned)> walk = [&](const Type *t,
                                                         unsigned param) {
    if (!t)
      return;
    if (auto *a = llvm::dyn_cast<ArrayType>(t)) {
      for (unsigned axis = 0; axis < a->getRank(); ++axis) {
        const Dim &d = a->getShape()[axis];
        if (!d.isStatic() && d.var && !inst->sizeSources.count(d.var))
          inst->sizeSources[d.var] = {param, path, static_cast<int>(axis)};
      }
      return;
    }
    std::vector<const Type *> children;
    if (auto *tuple = llvm::dyn_cast<TupleType>(t))
      children.assign(tuple->getElements().begin(), tuple->getElements().end());
    else if (auto *st = llvm::dyn_cast<StructType>(t))
      for (const auto &f : st->getFields())
        children.push_back(f.type);
    else if (auto *ft = llvm::dyn_cast<FunctionType>(t))
      children = ft->getCallable()->getEnvTypes();
    for (unsigned j = 0; j < children.size(); ++j) {
      path.push_back(j);
      walk(children[j], param);
      path.pop_back();
    }
  };
  for (unsigned i = 0; i < inst->params.size(); ++i)
    walk(inst->params[i].type, i);

  // Size variables inside compile-time values (a static parameter `(n, 3)`,
  // a captured `n`) that no array parameter carries: read from the integer
  // scalar leaf that holds the size at run time.
  std::function<void(const StaticValue &, const Type *, unsigned)> walkValue =
      [&](const StaticValue &v, const Type *t, unsigned param) {
        if (v.kind == StaticValue::Kind::Size) {
          auto *a = llvm::dyn_cast_or_null<ArrayType>(t);
          if (!v.size.isStatic() && v.size.var && a && a->isScalar() &&
              isInteger(a->getDType()) && !inst->sizeSources.count(v.size.var))
            inst->sizeSources[v.size.var] = {param, path, -1};
          return;
        }
        auto *tuple = llvm::dyn_cast_or_null<TupleType>(t);
        if (v.kind != StaticValue::Kind::Tuple || !tuple ||
            tuple->getElements().size() != v.elements.size())
          return;
        for (unsigned j = 0; j < v.elements.size(); ++j) {
          path.push_back(j);
          walkValue(v.elements[j], tuple->getElements()[j], param);
          path.pop_back();
        }
      };
  for (unsigned i = 0; i < inst->params.size(); ++i) {
    const std::optional<StaticValue> *value = &inst->params[i].value;
    if (inst->kind == FunctionInstance::Kind::Lambda && inst->callable &&
        i >= inst->numUserParams &&
        i - inst->numUserParams < inst->callable->captures.size())
      value = &inst->callable->captures[i - inst->numUserParams].value;
    if (*value)
      walkValue(**value, inst->params[i].type, i);
  }
}
