//===- SemaTypes.cpp - Annotations, signatures and structs ----------------===//
//
// Matching a written annotation (`f32[n, 4]`, `(f32[n], i32)`, `Mlp`,
// `Mlp[784, h, k]`) against a value's type binds size variables; a variable
// bound twice to different sizes is the signature-unification error. Without
// a value (exported signatures) the same code resolves the annotation,
// creating fresh size variables. Also: struct instances, and the relations
// between types that JAX weak types need (join, assignability).
//
//===----------------------------------------------------------------------===//

#include "SemaImpl.h"

#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringExtras.h"

#include <functional>

using namespace jx;

std::string SemaImpl::typeExprToString(const TypeExpr &te) {
  if (te.kind == TypeExpr::Kind::Tuple) {
    std::string s = "(";
    for (size_t i = 0; i < te.elements.size(); ++i) {
      if (i)
        s += ", ";
      s += te.elements[i] ? typeExprToString(*te.elements[i]) : "?";
    }
    if (te.elements.size() == 1)
      s += ",";
    return s + ")";
  }
  std::string s = te.qualifier.empty() ? te.name : te.qualifier + "." + te.name;
  if (te.hasDims) {
    s += "[";
    for (size_t i = 0; i < te.dims.size(); ++i) {
      if (i)
        s += ", ";
      s += te.dims[i].value ? std::to_string(*te.dims[i].value)
                            : te.dims[i].name;
    }
    s += "]";
  }
  return s;
}

bool SemaImpl::weakConvertible(const ArrayType *from, DType to) {
  if (!from->isWeak())
    return from->getDType() == to;
  DType d = from->getDType();
  if (d == to)
    return true;
  if (isInteger(d))
    return isInteger(to) || isFloat(to);
  if (isFloat(d))
    return isFloat(to);
  return false;
}

std::optional<Dim> SemaImpl::matchDim(const DimExpr &de,
                                      std::optional<Dim> actual, SigState &st,
                                      const MatchCtx &ctx,
                                      const Type *actualType, bool &ok) {
  if (de.value) {
    if (*de.value < 0) {
      diag.error(de.loc, "negative size " + std::to_string(*de.value) +
                             " in a type annotation");
      ok = false;
      return std::nullopt;
    }
    if (actual && *actual != Dim::of(*de.value))
      ok = false; // The caller reports the whole-type mismatch.
    return Dim::of(*de.value);
  }

  auto it = st.vars.find(de.name);
  std::optional<Dim> bound;
  const SizeBinding *binding = nullptr;
  if (it != st.vars.end()) {
    bound = it->second.dim;
    binding = &it->second;
  } else if (st.lookupScope && inFunction()) {
    if (const Binding *b = lookupLocal(de.name))
      if (b->value && b->value->asDim())
        bound = *b->value->asDim();
  }

  if (bound) {
    if (actual && *actual != *bound) {
      std::string found =
          actualType ? " (" + typeToString(actualType) + ")" : std::string();
      if (binding) {
        std::string prev = binding->type
                               ? " (" + typeToString(binding->type) + ")"
                               : std::string();
        diag.error(ctx.loc, "size variable '" + de.name + "' is " +
                                actual->str() + " in " + ctx.what + found +
                                " but " + bound->str() + " in " +
                                binding->what + prev);
        if (binding->loc.isValid())
          diag.note(binding->loc,
                    "'" + de.name + "' was bound to " + bound->str() + " here");
      } else {
        diag.error(ctx.loc, "size variable '" + de.name + "' is " +
                                actual->str() + " in " + ctx.what + found +
                                " but " + bound->str() + " in this scope");
      }
      ok = false;
      // Report once: the mismatch is already explained.
      return std::nullopt;
    }
    return bound;
  }

  Dim dim;
  if (actual)
    dim = *actual;
  else if (st.freshVars)
    dim = Dim::of(types.newSizeVar(de.name, de.loc));
  else {
    diag.error(de.loc, "unknown size variable '" + de.name + "'");
    ok = false;
    return std::nullopt;
  }
  SizeBinding b;
  b.dim = dim;
  b.loc = ctx.loc.isValid() ? ctx.loc : de.loc;
  b.what = ctx.what;
  b.type = actualType;
  st.vars[de.name] = b;
  st.order.push_back(de.name);
  return dim;
}

const StructDecl *SemaImpl::lookupStruct(const ModuleInfo *module,
                                         llvm::StringRef qualifier,
                                         llvm::StringRef name, SourceLoc loc,
                                         const ModuleInfo **declModule) {
  const ModuleInfo *target = module;
  if (!qualifier.empty()) {
    auto it = module->imports.find(qualifier.str());
    if (it == module->imports.end()) {
      diag.error(loc, "unknown module '" + qualifier + "'");
      return nullptr;
    }
    target = it->second;
  }
  auto it = target->decls.find(name.str());
  if (it != target->decls.end())
    if (auto *st = llvm::dyn_cast<StructDecl>(it->second)) {
      if (declModule)
        *declModule = target;
      return st;
    }
  std::string full =
      qualifier.empty() ? name.str() : qualifier.str() + "." + name.str();
  diag.error(loc, "unknown type '" + full + "'");
  std::vector<std::string> candidates = {"bool", "i32",  "i64", "u32",
                                         "f16",  "bf16", "f32", "f64"};
  for (const auto &[declName, decl] : target->decls)
    if (llvm::isa<StructDecl>(decl))
      candidates.push_back(declName);
  if (auto s = suggest(name, candidates))
    diag.note(loc, "did you mean '" + *s + "'?");
  return nullptr;
}

const std::vector<std::string> &
SemaImpl::structParams(const StructDecl *decl, const ModuleInfo *module) {
  auto it = structParamCache.find(decl);
  if (it != structParamCache.end())
    return it->second;
  std::vector<std::string> names;
  if (!structsInProgress.insert(decl).second) {
    diag.error(decl->loc, "struct '" + decl->name +
                              "' contains itself; a struct cannot be "
                              "recursive");
    badStructs.insert(decl);
    return structParamCache[decl] = names;
  }
  auto add = [&](const std::string &n) {
    if (std::find(names.begin(), names.end(), n) == names.end())
      names.push_back(n);
  };
  std::function<void(const TypeExpr &)> walk = [&](const TypeExpr &te) {
    if (te.kind == TypeExpr::Kind::Tuple) {
      for (const auto &el : te.elements)
        if (el)
          walk(*el);
      return;
    }
    if (te.hasDims) {
      for (const auto &d : te.dims)
        if (!d.value)
          add(d.name);
      return;
    }
    if (parseDType(te.name) && te.qualifier.empty())
      return;
    // A bare nested struct contributes its own parameters.
    const ModuleInfo *nestedModule = module;
    if (!te.qualifier.empty()) {
      auto imp = module->imports.find(te.qualifier);
      if (imp == module->imports.end())
        return;
      nestedModule = imp->second;
    }
    auto found = nestedModule->decls.find(te.name);
    if (found == nestedModule->decls.end())
      return;
    if (auto *nested = llvm::dyn_cast<StructDecl>(found->second)) {
      for (const auto &n : structParams(nested, nestedModule))
        add(n);
      // A struct that contains a recursive struct is unusable too.
      if (badStructs.count(nested))
        badStructs.insert(decl);
    }
  };
  for (const auto &field : decl->fields)
    if (field.type)
      walk(*field.type);
  structsInProgress.erase(decl);
  return structParamCache[decl] = names;
}

const StructType *SemaImpl::makeStructType(const StructDecl *decl,
                                           const ModuleInfo *module,
                                           llvm::ArrayRef<Dim> params) {
  const auto &names = structParams(decl, module);
  if (names.size() != params.size() || badStructs.count(decl))
    return nullptr;
  if (!structsBuilding.insert(decl).second)
    return nullptr; // recursive; reported by structParams
  auto done = llvm::make_scope_exit([&] { structsBuilding.erase(decl); });
  SigState st;
  st.freshVars = false;
  for (size_t i = 0; i < names.size(); ++i) {
    SizeBinding b;
    b.dim = params[i];
    b.what = "struct '" + decl->name + "'";
    st.vars[names[i]] = b;
  }
  std::vector<StructType::Field> fields;
  bool ok = true;
  for (const auto &field : decl->fields) {
    const Type *ft = nullptr;
    if (field.type) {
      MatchCtx ctx{"field '" + field.name + "' of '" + decl->name + "'",
                   field.loc, module};
      // Struct field types are declared by the struct, not by the user of
      // this instance: resolve them without a scope.
      std::vector<FnScope *> saved;
      saved.swap(fnStack);
      ft = matchType(*field.type, nullptr, st, ctx);
      saved.swap(fnStack);
    }
    if (!ft)
      ok = false;
    fields.push_back({field.name, ft});
  }
  if (!ok)
    return nullptr;
  std::string name = decl->name;
  if (!program->modules.empty() && module != program->modules[0].get())
    name = module->name + "." + name;
  return types.getStruct(decl, name, params, std::move(fields));
}

const Type *SemaImpl::matchType(const TypeExpr &te, const Type *actual,
                                SigState &st, const MatchCtx &ctx) {
  auto mismatch = [&]() -> const Type * {
    // Show what the annotation's size variables stand for here.
    std::vector<std::string> bound;
    std::function<void(const TypeExpr &)> collect = [&](const TypeExpr &t) {
      for (const auto &el : t.elements)
        if (el)
          collect(*el);
      for (const auto &d : t.dims) {
        auto it = d.value ? st.vars.end() : st.vars.find(d.name);
        std::string entry =
            it == st.vars.end() ? "" : d.name + " = " + it->second.dim.str();
        if (!entry.empty() && it->second.dim.str() != d.name &&
            std::find(bound.begin(), bound.end(), entry) == bound.end())
          bound.push_back(entry);
      }
    };
    collect(te);
    std::string where =
        bound.empty() ? "" : " (where " + llvm::join(bound, ", ") + ")";
    diag.error(ctx.loc, "type mismatch for " + ctx.what + ": expected " +
                            typeExprToString(te) + where + ", got " +
                            typeToString(actual));
    return nullptr;
  };

  if (te.kind == TypeExpr::Kind::Tuple) {
    auto *tuple = llvm::dyn_cast_or_null<TupleType>(actual);
    if (actual && (!tuple || tuple->getElements().size() != te.elements.size()))
      return mismatch();
    std::vector<const Type *> elements;
    for (size_t i = 0; i < te.elements.size(); ++i) {
      if (!te.elements[i])
        return nullptr;
      const Type *el = matchType(
          *te.elements[i], tuple ? tuple->getElements()[i] : nullptr, st, ctx);
      if (!el)
        return nullptr;
      elements.push_back(el);
    }
    return types.getTuple(elements);
  }

  // A dtype, scalar or array.
  if (auto dtype = parseDType(te.name); dtype && te.qualifier.empty()) {
    auto *array = llvm::dyn_cast_or_null<ArrayType>(actual);
    size_t rank = te.hasDims ? te.dims.size() : 0;
    if (actual &&
        (!array || array->getRank() != rank || !weakConvertible(array, *dtype)))
      return mismatch();
    Shape shape;
    bool ok = true;
    for (size_t i = 0; i < rank; ++i) {
      std::optional<Dim> actualDim;
      if (array)
        actualDim = array->getShape()[i];
      bool dimOk = true;
      auto dim = matchDim(te.dims[i], actualDim, st, ctx, actual, dimOk);
      if (!dim) // reported (conflict or bad dim)
        return nullptr;
      if (!dimOk)
        ok = false;
      shape.push_back(*dim);
    }
    if (!ok)
      return mismatch();
    return types.getArray(*dtype, shape);
  }

  // A struct.
  const ModuleInfo *declModule = nullptr;
  const StructDecl *decl =
      lookupStruct(ctx.module, te.qualifier, te.name, te.loc, &declModule);
  if (!decl)
    return nullptr;
  structParams(decl, declModule);
  if (badStructs.count(decl))
    return nullptr; // reported at the declaration
  auto *actualStruct = llvm::dyn_cast_or_null<StructType>(actual);
  if (actual && (!actualStruct || actualStruct->getDecl() != decl))
    return mismatch();
  const auto &names = structParams(decl, declModule);
  if (te.hasDims && te.dims.size() != names.size()) {
    diag.error(te.loc,
               "struct '" + te.name + "' has " + std::to_string(names.size()) +
                   " size parameters, got " + std::to_string(te.dims.size()));
    return nullptr;
  }
  Shape params;
  bool ok = true;
  for (size_t i = 0; i < names.size(); ++i) {
    DimExpr de;
    if (te.hasDims) {
      de = te.dims[i];
    } else {
      de.loc = te.loc;
      de.name = names[i];
    }
    std::optional<Dim> actualDim;
    if (actualStruct)
      actualDim = actualStruct->getParams()[i];
    bool dimOk = true;
    auto dim = matchDim(de, actualDim, st, ctx, actual, dimOk);
    if (!dim)
      return nullptr;
    if (!dimOk)
      ok = false;
    params.push_back(*dim);
  }
  if (!ok)
    return mismatch();
  return makeStructType(decl, declModule, params);
}

const StructType *SemaImpl::inferStructType(
    const StructDecl *decl, const ModuleInfo *module,
    llvm::ArrayRef<std::pair<std::string, const Type *>> values,
    llvm::ArrayRef<SourceLoc> locs, SourceLoc loc) {
  SigState st;
  st.freshVars = false;
  bool ok = true;
  for (size_t i = 0; i < values.size(); ++i) {
    const StructDecl::Field *field = nullptr;
    for (const auto &f : decl->fields)
      if (f.name == values[i].first)
        field = &f;
    if (!field || !field->type || !values[i].second) {
      ok = false;
      continue;
    }
    MatchCtx ctx{"field '" + field->name + "' of '" + decl->name + "'", locs[i],
                 module};
    std::vector<FnScope *> saved;
    saved.swap(fnStack);
    if (!matchType(*field->type, values[i].second, st, ctx))
      ok = false;
    saved.swap(fnStack);
  }
  if (!ok)
    return nullptr;
  Shape params;
  for (const auto &name : structParams(decl, module)) {
    auto it = st.vars.find(name);
    if (it == st.vars.end()) {
      diag.error(loc, "cannot infer size parameter '" + name + "' of '" +
                          decl->name + "'");
      return nullptr;
    }
    params.push_back(it->second.dim);
  }
  return makeStructType(decl, module, params);
}

const Type *SemaImpl::strongify(const Type *t) {
  if (!t)
    return nullptr;
  if (auto *a = llvm::dyn_cast<ArrayType>(t))
    return a->isWeak() ? types.getArray(a->getDType(), a->getShape()) : a;
  if (auto *tuple = llvm::dyn_cast<TupleType>(t)) {
    std::vector<const Type *> elements;
    for (const Type *el : tuple->getElements())
      elements.push_back(strongify(el));
    return types.getTuple(elements);
  }
  return t;
}

const Type *SemaImpl::joinTypes(const Type *a, const Type *b) {
  if (!a || !b)
    return nullptr;
  if (a == b)
    return a;
  auto *aa = llvm::dyn_cast<ArrayType>(a);
  auto *ba = llvm::dyn_cast<ArrayType>(b);
  if (aa && ba) {
    if (aa->getShape() != ba->getShape())
      return nullptr;
    if (!aa->isWeak() && !ba->isWeak())
      return aa->getDType() == ba->getDType() ? a : nullptr;
    Promotion p = promoteDTypes(aa->getDType(), aa->isWeak(), ba->getDType(),
                                ba->isWeak());
    // A weak side adopts the strong side's dtype; two strong sides must agree.
    if (!aa->isWeak() && p.dtype != aa->getDType())
      return nullptr;
    if (!ba->isWeak() && p.dtype != ba->getDType())
      return nullptr;
    return types.getArray(p.dtype, aa->getShape(), p.weak);
  }
  auto *at = llvm::dyn_cast<TupleType>(a);
  auto *bt = llvm::dyn_cast<TupleType>(b);
  if (at && bt && at->getElements().size() == bt->getElements().size()) {
    std::vector<const Type *> elements;
    for (size_t i = 0; i < at->getElements().size(); ++i) {
      const Type *el = joinTypes(at->getElements()[i], bt->getElements()[i]);
      if (!el)
        return nullptr;
      elements.push_back(el);
    }
    return types.getTuple(elements);
  }
  return nullptr;
}

bool SemaImpl::assignable(const Type *from, const Type *to) {
  if (!from || !to || from == to)
    return true;
  auto *fa = llvm::dyn_cast<ArrayType>(from);
  auto *ta = llvm::dyn_cast<ArrayType>(to);
  if (fa && ta)
    return fa->getShape() == ta->getShape() &&
           (fa->getDType() == ta->getDType() ||
            weakConvertible(fa, ta->getDType()));
  auto *ft = llvm::dyn_cast<TupleType>(from);
  auto *tt = llvm::dyn_cast<TupleType>(to);
  if (ft && tt && ft->getElements().size() == tt->getElements().size()) {
    for (size_t i = 0; i < ft->getElements().size(); ++i)
      if (!assignable(ft->getElements()[i], tt->getElements()[i]))
        return false;
    return true;
  }
  return false;
}

bool SemaImpl::containsFunction(const Type *t) {
  if (!t)
    return false;
  if (llvm::isa<FunctionType>(t))
    return true;
  if (auto *tuple = llvm::dyn_cast<TupleType>(t))
    for (const Type *el : tuple->getElements())
      if (containsFunction(el))
        return true;
  return false;
}

std::optional<std::string>
SemaImpl::suggest(llvm::StringRef name,
                  llvm::ArrayRef<std::string> candidates) {
  unsigned best = ~0u;
  std::optional<std::string> result;
  unsigned limit = std::max<unsigned>(1, (name.size() + 2) / 3);
  for (const auto &c : candidates) {
    if (c == name || c.empty() || c == "_")
      continue;
    unsigned d = name.edit_distance(c, true, limit + 1);
    if (d <= limit && d < best && d < c.size()) {
      best = d;
      result = c;
    }
  }
  return result;
}
