//===- SemaAccess.cpp - Fields, indexing and struct literals --------------===//
//
// `p.w1`, `x.T`, `nn.relu` (module members), `t.0`, `x[i, 1:n]` and
// `x.shape[0]`, `x.at[i].set(v)`, and `Mlp { ... }` literals, whose size
// parameters are inferred from the field values.
//
//===----------------------------------------------------------------------===//

#include "SemaImpl.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MathExtras.h"

#include <set>

using namespace jx;

const Type *SemaImpl::checkField(FieldExpr *e) {
  if (auto *base = llvm::dyn_cast<NameExpr>(e->base.get()))
    if (const ModuleInfo *m = lookupModuleAlias(base->name)) {
      base->type = types.getModule();
      NameRef ref;
      ref.kind = NameRef::Kind::Module;
      ref.module = m;
      program->names[base] = ref;
      auto it = m->decls.find(e->field);
      if (it == m->decls.end()) {
        diag.error(e->loc, "module '" + base->name + "' has no member '" +
                               e->field + "'");
        std::vector<std::string> names;
        for (const auto &[n, d] : m->decls)
          names.push_back(n);
        if (auto s = suggest(e->field, names))
          diag.note(e->loc, "did you mean '" + *s + "'?");
        return nullptr;
      }
      auto *fn = llvm::dyn_cast<FunctionDecl>(it->second);
      if (!fn) {
        diag.error(e->loc, "'" + base->name + "." + e->field +
                               "' is a struct type, not a value");
        return nullptr;
      }
      FieldRef fr;
      fr.kind = FieldRef::Kind::Member;
      fr.name = e->field;
      fr.module = m;
      fr.callable = functionCallable(fn, m, e->loc);
      program->fields[e] = fr;
      return types.getFunction(fr.callable);
    }

  const Type *t = checkExpr(e->base.get());
  if (!t)
    return nullptr;
  if (auto *st = llvm::dyn_cast<StructType>(t)) {
    int index = st->getFieldIndex(e->field);
    if (index < 0) {
      diag.error(e->loc, "struct '" + st->getName() + "' has no field '" +
                             e->field + "'");
      std::vector<std::string> names;
      for (const auto &f : st->getFields())
        names.push_back(f.name);
      if (auto s = suggest(e->field, names))
        diag.note(e->loc, "did you mean '" + *s + "'?");
      return nullptr;
    }
    FieldRef fr;
    fr.kind = FieldRef::Kind::StructField;
    fr.index = index;
    fr.name = e->field;
    program->fields[e] = fr;
    return st->getFields()[index].type;
  }
  if (auto *a = llvm::dyn_cast<ArrayType>(t)) {
    unsigned before = diag.getNumErrors();
    const Type *r = builtins.checkAttribute(e->loc, t, e->field);
    if (r) {
      FieldRef fr;
      fr.kind = FieldRef::Kind::Attribute;
      fr.name = e->field;
      program->fields[e] = fr;
      // `x.size` of an `f32[n, 3]` is the size `3*n`, the same derived size
      // variable that reshapes and `zeros(x.shape).size` use.
      if (auto v = builtins.attributeValue(a, e->field))
        setStatic(e, *v);
      return r;
    }
    if (diag.getNumErrors() != before)
      return nullptr;
    if (ArrayBuiltins::isMethod(e->field))
      diag.error(e->loc, "'" + e->field + "' is a method; call it: '." +
                             e->field + "(...)'");
    else
      diag.error(e->loc, "type " + typeToString(t) + " has no attribute '" +
                             e->field + "'");
    return nullptr;
  }
  if (llvm::isa<TupleType>(t)) {
    diag.error(e->loc, "a tuple has no field '" + e->field +
                           "'; use '.0', '.1', ... to access its elements");
    return nullptr;
  }
  diag.error(e->loc,
             "type " + typeToString(t) + " has no field '" + e->field + "'");
  return nullptr;
}

const Type *SemaImpl::checkTupleField(TupleFieldExpr *e) {
  const Type *t = checkExpr(e->base.get());
  if (!t)
    return nullptr;
  auto *tuple = llvm::dyn_cast<TupleType>(t);
  if (!tuple) {
    diag.error(e->loc, "cannot take element '." + std::to_string(e->index) +
                           "' of a value of type " + typeToString(t) +
                           ": not a tuple");
    return nullptr;
  }
  if (e->index >= tuple->getElements().size()) {
    diag.error(e->loc, "tuple index " + std::to_string(e->index) +
                           " is out of range for a tuple of " +
                           std::to_string(tuple->getElements().size()) +
                           " element(s) (type " + typeToString(t) + ")");
    return nullptr;
  }
  if (auto sv = getStatic(e->base.get()))
    if (sv->kind == StaticValue::Kind::Tuple && e->index < sv->elements.size())
      setStatic(e, sv->elements[e->index]);
  return tuple->getElements()[e->index];
}

bool SemaImpl::checkIndexItems(std::vector<IndexItem> &items,
                               std::vector<IndexArg> &out) {
  bool ok = true;
  auto checkBound = [&](Expr *bound, std::optional<StaticValue> &slot,
                        IndexArg &arg) {
    if (!bound)
      return;
    const Type *t = checkExpr(bound);
    if (!t) {
      ok = false;
      return;
    }
    if (t->getKind() == Type::Kind::None)
      return; // `x[none:3]` is an omitted bound
    auto *a = llvm::dyn_cast<ArrayType>(t);
    if (!a || !a->isScalar() || !isInteger(a->getDType())) {
      diag.error(bound->loc, "a slice bound must be an integer scalar, got " +
                                 typeToString(t));
      ok = false;
      return;
    }
    slot = getStatic(bound);
    if (!slot || !slot->asDim()) {
      slot.reset();
      arg.dynamicBounds = true;
    }
  };
  for (auto &item : items) {
    IndexArg arg;
    arg.loc = item.loc;
    switch (item.kind) {
    case IndexItem::Kind::Expr: {
      const Type *t = checkExpr(item.value.get());
      if (!t) {
        ok = false;
        break;
      }
      arg.type = t;
      auto *a = llvm::dyn_cast<ArrayType>(t);
      if (t->getKind() == Type::Kind::None) {
        arg.kind = IndexArg::Kind::NewAxis;
      } else if (!a) {
        diag.error(item.value->loc,
                   "an index must be an integer or an array, got " +
                       typeToString(t));
        ok = false;
      } else {
        arg.kind =
            a->isScalar() ? IndexArg::Kind::Scalar : IndexArg::Kind::Array;
        arg.value = getStatic(item.value.get());
      }
      break;
    }
    case IndexItem::Kind::Slice:
      arg.kind = IndexArg::Kind::Slice;
      checkBound(item.lo.get(), arg.lo, arg);
      checkBound(item.hi.get(), arg.hi, arg);
      checkBound(item.step.get(), arg.step, arg);
      break;
    case IndexItem::Kind::Ellipsis:
      arg.kind = IndexArg::Kind::Ellipsis;
      break;
    case IndexItem::Kind::NewAxis:
      arg.kind = IndexArg::Kind::NewAxis;
      break;
    }
    out.push_back(arg);
  }
  return ok;
}

const Type *SemaImpl::checkIndex(IndexExpr *e) {
  const Type *t = checkExpr(e->base.get());
  if (t && llvm::isa<TupleType>(t)) {
    // `x.shape[0]`: a static index into a tuple.
    auto *tuple = llvm::cast<TupleType>(t);
    int64_t n = tuple->getElements().size();
    if (e->items.size() == 1 && e->items[0].kind == IndexItem::Kind::Expr) {
      checkExpr(e->items[0].value.get());
      auto sv = getStatic(e->items[0].value.get());
      if (sv && sv->kind == StaticValue::Kind::Int) {
        int64_t i = sv->intValue < 0 ? sv->intValue + n : sv->intValue;
        if (i < 0 || i >= n) {
          diag.error(e->loc, "tuple index " + std::to_string(sv->intValue) +
                                 " is out of range for a tuple of " +
                                 std::to_string(n) + " element(s) (type " +
                                 typeToString(t) + ")");
          return nullptr;
        }
        program->tupleIndices[e] = i;
        if (auto bv = getStatic(e->base.get()))
          if (bv->kind == StaticValue::Kind::Tuple &&
              i < (int64_t)bv->elements.size())
            setStatic(e, bv->elements[i]);
        return tuple->getElements()[i];
      }
    }
    diag.error(e->loc, "a tuple can only be indexed by an integer known at "
                       "compile time");
    return nullptr;
  }
  std::vector<IndexArg> args;
  bool ok = checkIndexItems(e->items, args);
  if (!t || !ok)
    return nullptr;
  if (!llvm::isa<ArrayType>(t)) {
    diag.error(e->loc, "cannot index a value of type " + typeToString(t));
    return nullptr;
  }
  program->indexArgs[e] = args;
  unsigned errorsBefore = diag.getNumErrors();
  const Type *r = builtins.checkIndex(e->loc, t, args);
  if (!r && diag.getNumErrors() > errorsBefore)
    noteRunTimeSlice(e->items, [&](ArrayBuiltins &probe) {
      probe.checkIndex(e->loc, t, args);
    });
  return r;
}

void SemaImpl::noteRunTimeSlice(
    const std::vector<IndexItem> &items,
    llvm::function_ref<void(ArrayBuiltins &)> recheck) {
  std::vector<SourceLoc> locs;
  std::vector<const Expr *> bounds;
  for (const auto &item : items) {
    if (item.kind != IndexItem::Kind::Slice)
      continue;
    for (const Expr *b : {item.lo.get(), item.hi.get(), item.step.get()})
      if (b && b->type && !getStatic(b)) {
        locs.push_back(item.loc);
        bounds.push_back(b);
        break;
      }
  }
  if (locs.empty())
    return;
  std::vector<bool> needed = staticValueErrors(recheck, locs);
  for (size_t i = 0; i < needed.size(); ++i)
    if (needed[i]) {
      noteRunTimeValue(bounds[i]);
      return;
    }
}

const Type *SemaImpl::checkAtUpdate(AtUpdateExpr *e) {
  const Type *t = checkExpr(e->base.get());
  std::vector<IndexArg> items;
  bool ok = checkIndexItems(e->items, items);
  std::vector<ArgValue> args;
  ok &= checkArgs(e->args, args);
  if (!t || !ok)
    return nullptr;
  if (!llvm::isa<ArrayType>(t)) {
    diag.error(e->loc, "'.at[...]' needs an array, got " + typeToString(t));
    return nullptr;
  }
  std::vector<BuiltinArg> bargs;
  for (const auto &a : args)
    bargs.push_back({a.loc, a.keyword, a.type, a.value});
  program->indexArgs[e] = items;
  unsigned errorsBefore = diag.getNumErrors();
  const Type *r = builtins.checkAtUpdate(e->loc, t, items, e->method, bargs);
  if (!r && diag.getNumErrors() > errorsBefore)
    noteRunTimeSlice(e->items, [&](ArrayBuiltins &probe) {
      probe.checkAtUpdate(e->loc, t, items, e->method, bargs);
    });
  return r;
}

const Type *SemaImpl::checkStructLit(StructLitExpr *e) {
  const ModuleInfo *declModule = nullptr;
  const StructDecl *decl =
      lookupStruct(scope().module, e->qualifier, e->name, e->loc, &declModule);
  std::vector<std::pair<std::string, const Type *>> values;
  std::vector<SourceLoc> locs;
  std::map<std::string, SourceLoc> given;
  bool ok = decl != nullptr;
  for (auto &f : e->fields) {
    const Type *t = checkExpr(f.value.get());
    if (!decl)
      continue;
    if (!t)
      ok = false;
    auto [it, inserted] = given.emplace(f.name, f.loc);
    if (!inserted) {
      diag.error(f.loc, "field '" + f.name + "' is given twice");
      diag.note(it->second, "first given here");
      ok = false;
      continue;
    }
    bool known = false;
    for (const auto &df : decl->fields)
      known |= df.name == f.name;
    if (!known) {
      diag.error(f.loc,
                 "struct '" + decl->name + "' has no field '" + f.name + "'");
      std::vector<std::string> names;
      for (const auto &df : decl->fields)
        names.push_back(df.name);
      if (auto s = suggest(f.name, names))
        diag.note(f.loc, "did you mean '" + *s + "'?");
      ok = false;
      continue;
    }
    if (containsFunction(t)) {
      diag.error(f.loc, "a struct field cannot hold a function value");
      ok = false;
      continue;
    }
    values.push_back({f.name, t});
    locs.push_back(f.value ? f.value->loc : f.loc);
  }
  if (!decl)
    return nullptr;
  for (const auto &df : decl->fields)
    if (!given.count(df.name)) {
      diag.error(e->loc, "missing field '" + df.name + "' in '" + decl->name +
                             "' literal");
      ok = false;
    }
  if (!ok)
    return nullptr;
  return inferStructType(decl, declModule, values, locs, e->loc);
}
