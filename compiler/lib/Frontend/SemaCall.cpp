//===- SemaCall.cpp - Checking calls --------------------------------------===//
//
// A call's callee is resolved statically: a function (instantiated at the
// argument types), a section 7 built-in (typed by ArrayBuiltins), a method
// (`x.sum(axis=0)` is `sum(x, axis=0)`), a special form (control flow,
// transformations, collectives, tree_map), or any expression whose type is a
// function value.
//
//===----------------------------------------------------------------------===//

#include "SemaImpl.h"

#include "llvm/ADT/STLExtras.h"

using namespace jx;

bool SemaImpl::isSpecialName(llvm::StringRef name) {
  static const llvm::StringRef kNames[] = {
      "grad",    "value_and_grad", "jvp",        "vjp",        "jacfwd",
      "jacrev",  "hessian",        "vmap",       "pmap",       "jit",
      "partial", "stop_gradient",  "tree_map",   "fori_loop",  "while_loop",
      "scan",    "cond",           "switch",     "psum",       "pmean",
      "pmax",    "pmin",           "all_gather", "axis_index", "ppermute"};
  return llvm::is_contained(kNames, name);
}

bool SemaImpl::checkArgs(std::vector<Argument> &args,
                         std::vector<ArgValue> &out) {
  bool ok = true;
  bool sawKeyword = false;
  std::map<std::string, SourceLoc> keywords;
  for (auto &arg : args) {
    ArgValue v;
    v.loc = arg.loc.isValid() ? arg.loc
                              : (arg.value ? arg.value->loc : SourceLoc());
    v.keyword = arg.name;
    v.type = checkExpr(arg.value.get());
    v.value = getStatic(arg.value.get());
    v.expr = arg.value.get();
    if (!v.type)
      ok = false;
    if (!arg.name.empty()) {
      sawKeyword = true;
      auto [it, inserted] = keywords.emplace(arg.name, v.loc);
      if (!inserted) {
        diag.error(v.loc, "keyword argument '" + arg.name + "' is given twice");
        ok = false;
      }
    } else if (sawKeyword) {
      diag.error(v.loc, "positional argument follows keyword argument");
      ok = false;
    }
    out.push_back(v);
  }
  return ok;
}

const ArgValue *SemaImpl::getArg(llvm::ArrayRef<ArgValue> args, size_t index,
                                 llvm::StringRef keyword) {
  size_t positional = 0;
  for (const auto &arg : args) {
    if (arg.keyword.empty()) {
      if (positional++ == index)
        return &arg;
    } else if (arg.keyword == keyword) {
      return &arg;
    }
  }
  return nullptr;
}

bool SemaImpl::checkKeywords(llvm::ArrayRef<ArgValue> args,
                             llvm::StringRef fnName,
                             llvm::ArrayRef<llvm::StringRef> allowed,
                             size_t maxPositional) {
  size_t positional = 0;
  bool ok = true;
  for (const auto &arg : args) {
    if (arg.keyword.empty()) {
      if (++positional == maxPositional + 1) {
        diag.error(arg.loc, "'" + fnName + "' takes at most " +
                                std::to_string(maxPositional) +
                                " positional argument(s)");
        ok = false;
      }
      continue;
    }
    auto it = std::find(allowed.begin(), allowed.end(), arg.keyword);
    if (it == allowed.end()) {
      diag.error(arg.loc, "unknown keyword argument '" + arg.keyword +
                              "' for '" + fnName + "'");
      std::vector<std::string> names(allowed.begin(), allowed.end());
      if (auto s = suggest(arg.keyword, names))
        diag.note(arg.loc, "did you mean '" + *s + "'?");
      ok = false;
      continue;
    }
    // A keyword that repeats a positional argument.
    size_t index = it - allowed.begin();
    if (index < positional) {
      diag.error(arg.loc, "argument '" + arg.keyword + "' of '" + fnName +
                              "' is given twice");
      ok = false;
    }
  }
  return ok;
}

const Callable *SemaImpl::expectFunction(const ArgValue &arg,
                                         llvm::StringRef fnName) {
  if (!arg.type)
    return nullptr;
  if (auto *ft = llvm::dyn_cast<FunctionType>(arg.type))
    return ft->getCallable();
  diag.error(arg.loc, "'" + fnName + "' expects a function, got " +
                          typeToString(arg.type));
  return nullptr;
}

FunctionRef SemaImpl::makeFunctionRef(const FunctionInstance *inst,
                                      const ArgValue &fnArg) {
  FunctionRef ref;
  ref.instance = inst;
  auto *ft = llvm::dyn_cast_or_null<FunctionType>(fnArg.type);
  if (ft && !ft->getCallable()->hasEmptyEnv())
    ref.env = fnArg.expr;
  return ref;
}

bool SemaImpl::orderArgs(llvm::ArrayRef<std::string> paramNames,
                         std::vector<ArgValue> &args, llvm::StringRef fnName,
                         SourceLoc loc) {
  std::vector<std::optional<ArgValue>> slots(paramNames.size());
  size_t positional = 0;
  bool ok = true;
  for (const auto &arg : args) {
    if (arg.keyword.empty()) {
      if (positional < slots.size())
        slots[positional] = arg;
      ++positional;
      continue;
    }
    auto it = std::find(paramNames.begin(), paramNames.end(), arg.keyword);
    if (it == paramNames.end()) {
      diag.error(arg.loc, "'" + fnName + "' has no parameter named '" +
                              arg.keyword + "'");
      if (auto s = suggest(arg.keyword, paramNames))
        diag.note(arg.loc, "did you mean '" + *s + "'?");
      ok = false;
      continue;
    }
    auto &slot = slots[it - paramNames.begin()];
    if (slot) {
      diag.error(arg.loc, "argument '" + arg.keyword + "' of '" + fnName +
                              "' is given twice");
      ok = false;
      continue;
    }
    slot = arg;
  }
  if (positional > paramNames.size()) {
    diag.error(loc, "'" + fnName + "' takes " +
                        std::to_string(paramNames.size()) +
                        " argument(s), got " + std::to_string(positional));
    return false;
  }
  if (!ok)
    return false; // a misspelled keyword explains the missing argument
  for (size_t i = 0; i < slots.size(); ++i)
    if (!slots[i]) {
      diag.error(loc, "missing argument '" + paramNames[i] + "' in call to '" +
                          fnName + "'");
      ok = false;
    }
  if (!ok)
    return false;
  args.clear();
  for (auto &slot : slots)
    args.push_back(*slot);
  return true;
}

const Type *SemaImpl::checkBuiltinCall(CallExpr *e, llvm::StringRef name,
                                       const Expr *receiver,
                                       std::vector<ArgValue> args) {
  if (receiver) {
    ArgValue r;
    r.loc = receiver->loc;
    r.type = receiver->type;
    r.value = getStatic(receiver);
    r.expr = receiver;
    args.insert(args.begin(), r);
  }
  CallInfo info;
  info.kind = CallInfo::Kind::Builtin;
  info.name = name.str();
  for (const auto &arg : args) {
    if (!arg.type)
      return nullptr;
    if (containsFunction(arg.type)) {
      diag.error(arg.loc, "'" + name + "' does not take a function argument");
      return nullptr;
    }
    info.builtinArgs.push_back({arg.loc, arg.keyword, arg.type, arg.value});
    info.argExprs.push_back(arg.expr);
  }
  unsigned errorsBefore = diag.getNumErrors();
  const Type *t = builtins.checkCall(name, e->loc, info.builtinArgs);
  if (t) {
    program->calls[e] = std::move(info);
    return t;
  }
  // `zeros((n, 2))` with a run-time `n`: say where `n` comes from.
  std::vector<SourceLoc> runTimeLocs;
  std::vector<const Expr *> runTimeExprs;
  for (size_t i = 0; i < args.size(); ++i)
    if (!args[i].value && args[i].expr) {
      runTimeLocs.push_back(args[i].loc);
      runTimeExprs.push_back(args[i].expr);
    }
  if (diag.getNumErrors() == errorsBefore || runTimeLocs.empty())
    return nullptr;
  std::vector<bool> needed = staticValueErrors(
      [&](ArrayBuiltins &probe) {
        probe.checkCall(name, e->loc, info.builtinArgs);
      },
      runTimeLocs);
  for (size_t i = 0; i < needed.size(); ++i)
    if (needed[i]) {
      noteRunTimeValue(runTimeExprs[i]);
      break;
    }
  return nullptr;
}

const Type *SemaImpl::callCallable(CallExpr *e, const Callable *c,
                                   std::vector<ArgValue> args,
                                   const Expr *env) {
  if (c->kind == Callable::Kind::Builtin)
    return checkBuiltinCall(e, c->builtinName, nullptr, std::move(args));

  std::vector<std::string> names;
  std::string display = c->str();
  if (c->kind == Callable::Kind::Function) {
    for (const auto &p : c->decl->params)
      names.push_back(p.name);
    display = c->decl->name;
  } else if (c->kind == Callable::Kind::Lambda) {
    for (const auto &p : c->lambda->params)
      names.push_back(p.name);
    display = "lambda";
  } else {
    for (const auto &arg : args)
      if (!arg.keyword.empty()) {
        diag.error(arg.loc, "keyword arguments are not supported when "
                            "calling '" +
                                display + "'");
        return nullptr;
      }
  }
  if (!names.empty() || c->kind == Callable::Kind::Function ||
      c->kind == Callable::Kind::Lambda)
    if (!orderArgs(names, args, display, e->loc))
      return nullptr;

  // A direct call: like a Python value passed to a function JAX traces, an
  // argument known at compile time (`mk(3)`, `reshape_to(x, (2, 3))`) is
  // static inside the instance.
  FunctionInstance *inst =
      instantiate(c, args, e->loc, currentAxes(), /*specialize=*/true);
  if (!inst)
    return nullptr;
  CallInfo info;
  info.kind = CallInfo::Kind::Instance;
  info.instance = inst;
  for (const auto &arg : args)
    info.args.push_back(arg.expr);
  if (!c->hasEmptyEnv())
    info.env = env;
  program->calls[e] = std::move(info);
  return inst->resultType;
}

const Type *SemaImpl::checkCall(CallExpr *e) {
  Expr *callee = e->callee.get();
  if (!callee)
    return nullptr;

  // Built-ins and special forms by name (unless a local or a declaration of
  // this module shadows them).
  if (auto *name = llvm::dyn_cast<NameExpr>(callee)) {
    const ModuleInfo *module = scope().module;
    if (!lookupLocal(name->name) && !module->decls.count(name->name) &&
        !module->imports.count(name->name)) {
      if (isSpecialName(name->name))
        return checkSpecialCall(e, name->name);
      if (ArrayBuiltins::isBuiltin(name->name) && !parseDType(name->name)) {
        std::vector<ArgValue> args;
        bool ok = checkArgs(e->args, args);
        NameRef ref;
        ref.kind = NameRef::Kind::Function;
        ref.callable = builtinCallable(name->name, name->loc);
        program->names[name] = ref;
        name->type = types.getFunction(ref.callable);
        if (!ok)
          return nullptr;
        return checkBuiltinCall(e, name->name, nullptr, std::move(args));
      }
    }
  }

  // Methods: `x.sum(axis=0)`, `x.astype(f64)`.
  const Type *calleeType = nullptr;
  bool calleeChecked = false;
  if (auto *field = llvm::dyn_cast<FieldExpr>(callee)) {
    auto *baseName = llvm::dyn_cast<NameExpr>(field->base.get());
    if (!baseName || !lookupModuleAlias(baseName->name)) {
      const Type *bt = checkExpr(field->base.get());
      if (bt && llvm::isa<ArrayType>(bt) &&
          ArrayBuiltins::isMethod(field->field)) {
        FieldRef fr;
        fr.kind = FieldRef::Kind::Method;
        fr.name = field->field;
        program->fields[field] = fr;
        std::vector<ArgValue> args;
        if (!checkArgs(e->args, args))
          return nullptr;
        return checkBuiltinCall(e, field->field, field->base.get(),
                                std::move(args));
      }
      if (!bt) {
        std::vector<ArgValue> args;
        checkArgs(e->args, args);
        return nullptr;
      }
      // Not a method: a field whose value is called (reported below).
      field->base->type = bt;
      calleeChecked = true;
      unsigned before = diag.getNumErrors();
      if (auto *st = llvm::dyn_cast<StructType>(bt)) {
        int index = st->getFieldIndex(field->field);
        if (index >= 0)
          calleeType = st->getFields()[index].type;
      }
      if (!calleeType && diag.getNumErrors() == before) {
        if (llvm::isa<ArrayType>(bt))
          diag.error(field->loc, "type " + typeToString(bt) +
                                     " has no method '" + field->field + "'");
        else
          diag.error(field->loc, "type " + typeToString(bt) +
                                     " has no method or field '" +
                                     field->field + "'");
        std::vector<ArgValue> args;
        checkArgs(e->args, args);
        return nullptr;
      }
      field->type = calleeType;
    }
  }

  if (!calleeChecked)
    calleeType = checkExpr(callee);
  std::vector<ArgValue> args;
  bool ok = checkArgs(e->args, args);
  if (!calleeType || !ok)
    return nullptr;

  if (auto *ft = llvm::dyn_cast<FunctionType>(calleeType))
    return callCallable(e, ft->getCallable(), std::move(args), callee);

  // `f32(x)` converts like `x.astype(f32)`.
  if (llvm::isa<DTypeValType>(calleeType) && args.size() == 1 &&
      args[0].keyword.empty()) {
    ArgValue dtypeArg;
    dtypeArg.loc = callee->loc;
    dtypeArg.type = calleeType;
    dtypeArg.value = getStatic(callee);
    dtypeArg.expr = callee;
    args.push_back(dtypeArg);
    return checkBuiltinCall(e, "astype", nullptr, std::move(args));
  }

  diag.error(callee->loc,
             "cannot call a value of type " + typeToString(calleeType));
  return nullptr;
}

const Type *SemaImpl::checkSpecialCall(CallExpr *e, llvm::StringRef name) {
  std::vector<ArgValue> args;
  if (!checkArgs(e->args, args))
    return nullptr;
  if (name == "grad" || name == "value_and_grad" || name == "jacfwd" ||
      name == "jacrev" || name == "hessian" || name == "vmap" ||
      name == "pmap" || name == "jit")
    return checkTransformCtor(e, name, args);
  if (name == "jvp")
    return checkJvp(e, args);
  if (name == "vjp")
    return checkVjp(e, args);
  if (name == "partial")
    return checkPartial(e, args);
  if (name == "fori_loop")
    return checkControlFlow(e, ControlFlowKind::ForiLoop, args);
  if (name == "while_loop")
    return checkControlFlow(e, ControlFlowKind::WhileLoop, args);
  if (name == "scan")
    return checkControlFlow(e, ControlFlowKind::Scan, args);
  if (name == "cond")
    return checkControlFlow(e, ControlFlowKind::Cond, args);
  if (name == "switch")
    return checkControlFlow(e, ControlFlowKind::Switch, args);
  if (name == "tree_map")
    return checkTreeMap(e, args);
  if (name == "stop_gradient")
    return checkStopGradient(e, args);
  return checkCollective(e, name, args);
}
