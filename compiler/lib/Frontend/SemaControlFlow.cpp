//===- SemaControlFlow.cpp - lax-style control flow and tree_map ----------===//
//
// fori_loop, while_loop, scan, cond and switch instantiate their function
// arguments at the carry (or operand) types and check that the loop bodies
// return the carry type; tree_map instantiates its function once per leaf.
//
//===----------------------------------------------------------------------===//

#include "SemaImpl.h"

using namespace jx;

/// Instantiates `c` at `argTypes` (no argument expressions).
static FunctionInstance *instantiateAt(SemaImpl &sema, const Callable *c,
                                       llvm::ArrayRef<const Type *> argTypes,
                                       SourceLoc loc) {
  std::vector<ArgValue> args;
  for (const Type *t : argTypes) {
    ArgValue a;
    a.loc = loc;
    a.type = t;
    args.push_back(a);
  }
  return sema.instantiate(c, args, loc, sema.currentAxes());
}

static bool isIntegerScalar(const Type *t) {
  auto *a = llvm::dyn_cast_or_null<ArrayType>(t);
  return a && a->isScalar() && isInteger(a->getDType());
}

static bool isBoolScalar(const Type *t) {
  auto *a = llvm::dyn_cast_or_null<ArrayType>(t);
  return a && a->isScalar() && a->getDType() == DType::Bool;
}

/// JAX promotes a weakly typed initial carry to the dtype the loop body
/// returns (`fori_loop(0, n, fn(i, acc) => acc + x[i], 0.0)` with an f64 `x`
/// carries f64). Returns the carry with each weak leaf of `init` replaced by
/// the body's dtype where that is a valid weak conversion, or null when the
/// structures differ.
static const Type *refineCarry(SemaImpl &sema, const Type *init,
                               const Type *result) {
  if (!init || !result)
    return nullptr;
  auto *ia = llvm::dyn_cast<ArrayType>(init);
  auto *ra = llvm::dyn_cast<ArrayType>(result);
  if (ia && ra) {
    if (ia->isWeak() && ia->getShape() == ra->getShape() &&
        sema.weakConvertible(ia, ra->getDType()))
      return sema.types.getArray(ra->getDType(), ia->getShape());
    return sema.strongify(init);
  }
  auto *it = llvm::dyn_cast<TupleType>(init);
  auto *rt = llvm::dyn_cast<TupleType>(result);
  if (it && rt && it->getElements().size() == rt->getElements().size()) {
    std::vector<const Type *> els;
    for (size_t i = 0; i < it->getElements().size(); ++i) {
      els.push_back(
          refineCarry(sema, it->getElements()[i], rt->getElements()[i]));
      if (!els.back())
        return nullptr;
    }
    return sema.types.getTuple(els);
  }
  return init == result ? sema.strongify(init) : nullptr;
}

/// Reports a missing required argument of a special form.
static const ArgValue *require(SemaImpl &sema, CallExpr *e,
                               llvm::ArrayRef<ArgValue> args, size_t index,
                               llvm::StringRef keyword, llvm::StringRef fn,
                               llvm::StringRef usage) {
  if (const ArgValue *a = sema.getArg(args, index, keyword))
    return a;
  sema.diag.error(e->loc, "missing argument '" + keyword + "' in call to '" +
                              fn + "'; usage: " + usage);
  return nullptr;
}

const Type *SemaImpl::checkControlFlow(CallExpr *e, ControlFlowKind kind,
                                       std::vector<ArgValue> &args) {
  CallInfo info;
  info.kind = CallInfo::Kind::ControlFlow;
  info.controlFlow = kind;
  SourceLoc loc = e->loc;

  // The carry of a loop: the initial value's type without weak types.
  auto carryOf = [&](const ArgValue &init, llvm::StringRef fn) -> const Type * {
    if (containsFunction(init.type)) {
      diag.error(init.loc, "cannot resolve function value statically: the "
                           "carry of '" +
                               fn + "' is a run-time value");
      return nullptr;
    }
    return strongify(init.type);
  };
  auto checkCarry = [&](const Type *result, const Type *carry,
                        const ArgValue &fnArg, const ArgValue &init,
                        llvm::StringRef what) {
    if (!result)
      return false;
    if (assignable(result, carry))
      return true;
    diag.error(fnArg.loc, what + " must return the carry type " +
                              typeToString(carry) + ", got " +
                              typeToString(result));
    diag.note(init.loc, "the carry type is the type of the initial value");
    return false;
  };

  switch (kind) {
  case ControlFlowKind::ForiLoop: {
    const char *usage = "fori_loop(lower, upper, body_fun, init_val)";
    if (!checkKeywords(args, "fori_loop",
                       {"lower", "upper", "body_fun", "init_val"}, 4))
      return nullptr;
    auto *lo = require(*this, e, args, 0, "lower", "fori_loop", usage);
    auto *hi = require(*this, e, args, 1, "upper", "fori_loop", usage);
    auto *body = require(*this, e, args, 2, "body_fun", "fori_loop", usage);
    auto *init = require(*this, e, args, 3, "init_val", "fori_loop", usage);
    if (!lo || !hi || !body || !init)
      return nullptr;
    bool ok = true;
    for (const ArgValue *bound : {lo, hi})
      if (!isIntegerScalar(bound->type)) {
        diag.error(bound->loc, "the bounds of 'fori_loop' must be integer "
                               "scalars, got " +
                                   typeToString(bound->type));
        ok = false;
      }
    const Callable *c = expectFunction(*body, "fori_loop");
    const Type *carry = carryOf(*init, "fori_loop");
    if (!ok || !c || !carry)
      return nullptr;
    auto *l = llvm::cast<ArrayType>(lo->type);
    auto *h = llvm::cast<ArrayType>(hi->type);
    DType idx =
        promoteDTypes(l->getDType(), l->isWeak(), h->getDType(), h->isWeak())
            .dtype;
    const Type *index = types.getScalar(idx);
    FunctionInstance *inst = instantiateAt(*this, c, {index, carry}, body->loc);
    if (inst && inst->resultType && !assignable(inst->resultType, carry))
      if (const Type *r = refineCarry(*this, init->type, inst->resultType);
          r && r != carry) {
        carry = r;
        inst = instantiateAt(*this, c, {index, carry}, body->loc);
      }
    if (!inst || !checkCarry(inst->resultType, carry, *body, *init,
                             "the body of 'fori_loop'"))
      return nullptr;
    info.fns.push_back(makeFunctionRef(inst, *body));
    info.operands = {lo->expr, hi->expr, init->expr};
    info.carryType = carry;
    program->calls[e] = std::move(info);
    return carry;
  }

  case ControlFlowKind::WhileLoop: {
    const char *usage = "while_loop(cond_fun, body_fun, init_val)";
    if (!checkKeywords(args, "while_loop", {"cond_fun", "body_fun", "init_val"},
                       3))
      return nullptr;
    auto *condArg = require(*this, e, args, 0, "cond_fun", "while_loop", usage);
    auto *body = require(*this, e, args, 1, "body_fun", "while_loop", usage);
    auto *init = require(*this, e, args, 2, "init_val", "while_loop", usage);
    if (!condArg || !body || !init)
      return nullptr;
    const Callable *cc = expectFunction(*condArg, "while_loop");
    const Callable *bc = expectFunction(*body, "while_loop");
    const Type *carry = carryOf(*init, "while_loop");
    if (!cc || !bc || !carry)
      return nullptr;
    FunctionInstance *bodyInst = instantiateAt(*this, bc, {carry}, body->loc);
    if (bodyInst && bodyInst->resultType &&
        !assignable(bodyInst->resultType, carry))
      if (const Type *r = refineCarry(*this, init->type, bodyInst->resultType);
          r && r != carry) {
        carry = r;
        bodyInst = instantiateAt(*this, bc, {carry}, body->loc);
      }
    FunctionInstance *condInst =
        instantiateAt(*this, cc, {carry}, condArg->loc);
    if (!condInst || !bodyInst || !condInst->resultType)
      return nullptr;
    if (!isBoolScalar(condInst->resultType)) {
      diag.error(condArg->loc, "the condition of 'while_loop' must return a "
                               "scalar bool, got " +
                                   typeToString(condInst->resultType));
      return nullptr;
    }
    if (!checkCarry(bodyInst->resultType, carry, *body, *init,
                    "the body of 'while_loop'"))
      return nullptr;
    info.fns = {makeFunctionRef(condInst, *condArg),
                makeFunctionRef(bodyInst, *body)};
    info.operands = {init->expr};
    info.carryType = carry;
    program->calls[e] = std::move(info);
    return carry;
  }

  case ControlFlowKind::Scan: {
    const char *usage = "scan(f, init, xs, length=none, reverse=false)";
    if (!checkKeywords(args, "scan",
                       {"f", "init", "xs", "length", "reverse", "unroll"}, 3))
      return nullptr;
    auto *fArg = require(*this, e, args, 0, "f", "scan", usage);
    auto *init = require(*this, e, args, 1, "init", "scan", usage);
    if (!fArg || !init)
      return nullptr;
    const ArgValue *xs = getArg(args, 2, "xs");
    const ArgValue *length = getArg(args, 3, "length");
    const ArgValue *reverse = getArg(args, 4, "reverse");
    const Callable *c = expectFunction(*fArg, "scan");
    const Type *carry = carryOf(*init, "scan");
    if (!c || !carry)
      return nullptr;
    if (reverse) {
      if (!reverse->value || reverse->value->kind != StaticValue::Kind::Bool) {
        diag.error(reverse->loc, "'reverse' of 'scan' must be true or false");
        return nullptr;
      }
      info.reverse = reverse->value->boolValue;
    }
    std::optional<Dim> n;
    if (length && length->type->getKind() != Type::Kind::None) {
      if (!length->value || !length->value->asDim()) {
        diag.error(length->loc, "'length' of 'scan' must be an integer "
                                "known at compile time");
        if (!length->value)
          noteRunTimeValue(length->expr);
        return nullptr;
      }
      n = *length->value->asDim();
    }
    // Slice the leading axis off every leaf of `xs`.
    const Type *x = types.getNone();
    if (xs && xs->type->getKind() != Type::Kind::None) {
      bool ok = true;
      std::function<const Type *(const Type *)> slice =
          [&](const Type *t) -> const Type * {
        if (auto *tuple = llvm::dyn_cast<TupleType>(t)) {
          std::vector<const Type *> els;
          for (const Type *el : tuple->getElements())
            els.push_back(slice(el));
          return ok ? types.getTuple(els) : nullptr;
        }
        auto *a = llvm::dyn_cast<ArrayType>(t);
        if (!a || a->isScalar()) {
          if (ok)
            diag.error(xs->loc, "every leaf of the 'xs' of 'scan' must be "
                                "an array with a leading axis, got " +
                                    typeToString(t));
          ok = false;
          return nullptr;
        }
        Dim lead = a->getShape()[0];
        if (n && *n != lead) {
          if (ok)
            diag.error(xs->loc, "the leaves of the 'xs' of 'scan' have "
                                "different leading sizes: " +
                                    n->str() + " and " + lead.str() + " (in " +
                                    typeToString(xs->type) + ")");
          ok = false;
          return nullptr;
        }
        n = lead;
        return types.getArray(a->getDType(), a->getShape().drop_front(),
                              a->isWeak());
      };
      x = slice(xs->type);
      if (!ok)
        return nullptr;
    }
    if (!n) {
      diag.error(e->loc, "'scan' needs 'xs' or a 'length'");
      return nullptr;
    }
    FunctionInstance *inst = instantiateAt(*this, c, {carry, x}, fArg->loc);
    if (inst && inst->resultType)
      if (auto *p = llvm::dyn_cast<TupleType>(inst->resultType);
          p && p->getElements().size() == 2 &&
          !assignable(p->getElements()[0], carry))
        if (const Type *r = refineCarry(*this, init->type, p->getElements()[0]);
            r && r != carry) {
          carry = r;
          inst = instantiateAt(*this, c, {carry, x}, fArg->loc);
        }
    if (!inst || !inst->resultType)
      return nullptr;
    auto *pair = llvm::dyn_cast<TupleType>(inst->resultType);
    if (!pair || pair->getElements().size() != 2) {
      diag.error(fArg->loc, "the function of 'scan' must return a pair "
                            "(carry, y), got " +
                                typeToString(inst->resultType));
      return nullptr;
    }
    if (!checkCarry(pair->getElements()[0], carry, *fArg, *init,
                    "the function of 'scan'"))
      return nullptr;
    std::function<const Type *(const Type *)> stack =
        [&](const Type *t) -> const Type * {
      if (auto *tuple = llvm::dyn_cast<TupleType>(t)) {
        std::vector<const Type *> els;
        for (const Type *el : tuple->getElements())
          els.push_back(stack(el));
        return types.getTuple(els);
      }
      if (auto *a = llvm::dyn_cast<ArrayType>(t)) {
        Shape shape{*n};
        shape.append(a->getShape().begin(), a->getShape().end());
        return types.getArray(a->getDType(), shape);
      }
      return t;
    };
    const Type *y = pair->getElements()[1];
    if (containsFunction(y)) {
      diag.error(fArg->loc, "cannot resolve function value statically: "
                            "'scan' outputs are run-time values");
      return nullptr;
    }
    info.fns.push_back(makeFunctionRef(inst, *fArg));
    info.operands = {init->expr, xs && xs->type->getKind() != Type::Kind::None
                                     ? xs->expr
                                     : nullptr};
    info.length = *n;
    info.carryType = carry;
    program->calls[e] = std::move(info);
    return types.getTuple({carry, stack(y)});
  }

  case ControlFlowKind::Cond:
  case ControlFlowKind::Switch: {
    bool isCond = kind == ControlFlowKind::Cond;
    llvm::StringRef fn = isCond ? "cond" : "switch";
    for (const auto &arg : args)
      if (!arg.keyword.empty()) {
        diag.error(arg.loc, "'" + fn + "' takes no keyword arguments");
        return nullptr;
      }
    size_t numFns = isCond ? 2 : 1;
    if (args.size() < 1 + numFns) {
      diag.error(loc, isCond ? "'cond' needs at least 3 arguments: "
                               "cond(pred, true_fun, false_fun, *operands)"
                             : "'switch' needs at least 2 arguments: "
                               "switch(index, branches, *operands)");
      return nullptr;
    }
    const ArgValue &sel = args[0];
    if (isCond ? !isBoolScalar(sel.type) && !isIntegerScalar(sel.type)
               : !isIntegerScalar(sel.type)) {
      diag.error(sel.loc, isCond ? "the predicate of 'cond' must be a scalar "
                                   "bool, got " +
                                       typeToString(sel.type)
                                 : "the index of 'switch' must be an integer "
                                   "scalar, got " +
                                       typeToString(sel.type));
      return nullptr;
    }
    std::vector<const Type *> operandTypes;
    info.operands.push_back(sel.expr);
    for (size_t i = 1 + numFns; i < args.size(); ++i) {
      operandTypes.push_back(args[i].type);
      info.operands.push_back(args[i].expr);
    }
    // The branch functions, with where their environments come from.
    struct Branch {
      const Callable *callable;
      FunctionRef ref;
      SourceLoc loc;
    };
    std::vector<Branch> branches;
    if (isCond) {
      for (size_t i = 1; i <= 2; ++i) {
        const Callable *c = expectFunction(args[i], "cond");
        if (!c)
          return nullptr;
        FunctionRef ref;
        if (!c->hasEmptyEnv())
          ref.env = args[i].expr;
        branches.push_back({c, ref, args[i].loc});
      }
    } else {
      const ArgValue &fs = args[1];
      auto *tuple = llvm::dyn_cast<TupleType>(fs.type);
      if (!tuple || tuple->getElements().empty()) {
        diag.error(fs.loc, "'switch' expects a non-empty tuple of functions, "
                           "got " +
                               typeToString(fs.type));
        return nullptr;
      }
      auto *literal = llvm::dyn_cast_or_null<TupleExpr>(fs.expr);
      for (size_t j = 0; j < tuple->getElements().size(); ++j) {
        auto *ft = llvm::dyn_cast<FunctionType>(tuple->getElements()[j]);
        if (!ft) {
          diag.error(fs.loc, "branch " + std::to_string(j) +
                                 " of 'switch' is not a function: " +
                                 typeToString(tuple->getElements()[j]));
          return nullptr;
        }
        FunctionRef ref;
        SourceLoc bl = fs.loc;
        if (literal && j < literal->elements.size())
          bl = literal->elements[j]->loc;
        if (!ft->getCallable()->hasEmptyEnv()) {
          if (literal) {
            ref.env = literal->elements[j].get();
          } else {
            ref.env = fs.expr;
            ref.envElement = j;
          }
        }
        branches.push_back({ft->getCallable(), ref, bl});
      }
    }
    const Type *result = nullptr;
    bool ok = true;
    for (size_t j = 0; j < branches.size(); ++j) {
      FunctionInstance *inst = instantiateAt(*this, branches[j].callable,
                                             operandTypes, branches[j].loc);
      if (!inst || !inst->resultType) {
        ok = false;
        continue;
      }
      branches[j].ref.instance = inst;
      info.fns.push_back(branches[j].ref);
      if (containsFunction(inst->resultType)) {
        diag.error(branches[j].loc,
                   "cannot resolve function value statically: the branches "
                   "of '" +
                       fn + "' are chosen at run time");
        return nullptr;
      }
      if (!result) {
        result = inst->resultType;
        continue;
      }
      const Type *joined = joinTypes(result, inst->resultType);
      if (!joined) {
        diag.error(branches[j].loc,
                   "the branches of '" + fn +
                       "' have different types: " + typeToString(result) +
                       " and " + typeToString(inst->resultType));
        ok = false;
        continue;
      }
      result = joined;
    }
    if (!ok)
      return nullptr;
    program->calls[e] = std::move(info);
    return result;
  }
  }
  return nullptr;
}

/// The module that declares a struct.
static const ModuleInfo *moduleOf(const Program &program,
                                  const StructDecl *decl) {
  for (const auto &m : program.modules)
    for (const auto &d : m->ast->decls)
      if (d.get() == decl)
        return m.get();
  return nullptr;
}

const Type *SemaImpl::checkTreeMap(CallExpr *e, std::vector<ArgValue> &args) {
  for (const auto &arg : args)
    if (!arg.keyword.empty()) {
      diag.error(arg.loc, "'tree_map' takes no keyword arguments");
      return nullptr;
    }
  if (args.size() < 2) {
    diag.error(e->loc, "'tree_map' needs a function and at least one tree: "
                       "tree_map(f, tree, *rest)");
    return nullptr;
  }
  const Callable *c = expectFunction(args[0], "tree_map");
  if (!c)
    return nullptr;
  CallInfo info;
  info.kind = CallInfo::Kind::TreeMap;
  info.fns.push_back(makeFunctionRef(nullptr, args[0]));
  for (size_t i = 1; i < args.size(); ++i)
    info.operands.push_back(args[i].expr);

  bool ok = true;
  std::vector<unsigned> path;
  std::function<const Type *(std::vector<const Type *>)> map =
      [&](std::vector<const Type *> nodes) -> const Type * {
    const Type *first = nodes[0];
    for (size_t i = 1; i < nodes.size(); ++i) {
      const Type *t = nodes[i];
      bool same = t->getKind() == first->getKind();
      if (auto *a = llvm::dyn_cast<TupleType>(first))
        same = same && llvm::cast<TupleType>(t)->getElements().size() ==
                           a->getElements().size();
      if (auto *s = llvm::dyn_cast<StructType>(first))
        same = same && llvm::cast<StructType>(t)->getDecl() == s->getDecl();
      if (!same) {
        diag.error(args[i + 1].loc, "tree " + std::to_string(i) +
                                        " of 'tree_map' has a "
                                        "different structure: " +
                                        typeToString(t) + " where tree 0 has " +
                                        typeToString(first));
        ok = false;
        return nullptr;
      }
    }
    if (auto *tuple = llvm::dyn_cast<TupleType>(first)) {
      std::vector<const Type *> els;
      for (unsigned j = 0; j < tuple->getElements().size(); ++j) {
        std::vector<const Type *> children;
        for (const Type *t : nodes)
          children.push_back(llvm::cast<TupleType>(t)->getElements()[j]);
        path.push_back(j);
        els.push_back(map(children));
        path.pop_back();
        if (!ok)
          return nullptr;
      }
      return types.getTuple(els);
    }
    if (auto *st = llvm::dyn_cast<StructType>(first)) {
      std::vector<std::pair<std::string, const Type *>> values;
      std::vector<SourceLoc> locs;
      bool unchanged = true;
      for (unsigned j = 0; j < st->getFields().size(); ++j) {
        std::vector<const Type *> children;
        for (const Type *t : nodes)
          children.push_back(llvm::cast<StructType>(t)->getFields()[j].type);
        path.push_back(j);
        const Type *r = map(children);
        path.pop_back();
        if (!ok)
          return nullptr;
        unchanged &= r == st->getFields()[j].type;
        values.push_back({st->getFields()[j].name, r});
        locs.push_back(e->loc);
      }
      if (unchanged)
        return st;
      const Type *r =
          inferStructType(st->getDecl(), moduleOf(*program, st->getDecl()),
                          values, locs, e->loc);
      if (!r)
        ok = false;
      return r;
    }
    if (first->getKind() == Type::Kind::None)
      return first;
    FunctionInstance *inst = instantiateAt(*this, c, nodes, e->loc);
    if (!inst || !inst->resultType) {
      ok = false;
      return nullptr;
    }
    info.leaves.push_back({path, inst});
    return inst->resultType;
  };
  std::vector<const Type *> roots;
  for (size_t i = 1; i < args.size(); ++i)
    roots.push_back(args[i].type);
  const Type *result = map(roots);
  if (!ok || !result)
    return nullptr;
  program->calls[e] = std::move(info);
  return result;
}

const Type *SemaImpl::checkStopGradient(CallExpr *e,
                                        std::vector<ArgValue> &args) {
  if (args.size() != 1 || !args[0].keyword.empty()) {
    diag.error(e->loc, "'stop_gradient' takes exactly one argument");
    return nullptr;
  }
  if (containsFunction(args[0].type)) {
    diag.error(args[0].loc, "'stop_gradient' does not take a function");
    return nullptr;
  }
  CallInfo info;
  info.kind = CallInfo::Kind::Builtin;
  info.name = "stop_gradient";
  info.builtinArgs.push_back({args[0].loc, "", args[0].type, args[0].value});
  info.argExprs.push_back(args[0].expr);
  program->calls[e] = std::move(info);
  return args[0].type;
}
