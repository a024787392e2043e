//===- SemaScope.cpp - Blocks, let patterns and if ------------------------===//
//
// Lexical scoping: a block's `let`s bind patterns (shadowing earlier names)
// until the block ends; `if` is control flow whose branches must agree
// (weak types join).
//
//===----------------------------------------------------------------------===//

#include "SemaImpl.h"

#include "llvm/ADT/StringExtras.h"

#include <set>

using namespace jx;

void SemaImpl::bindPattern(Pattern &p, const Type *t,
                           const std::optional<StaticValue> &value) {
  program->patternTypes[&p] = t;
  switch (p.kind) {
  case Pattern::Kind::Wildcard:
    return;
  case Pattern::Kind::Name: {
    if (p.name == "_")
      return;
    Binding b;
    b.name = p.name;
    b.ref.kind = NameRef::Kind::Local;
    b.ref.local = &p;
    b.type = t;
    b.value = value;
    b.loc = p.loc;
    scope().bindings.push_back(b);
    return;
  }
  case Pattern::Kind::Tuple: {
    auto *tuple = llvm::dyn_cast_or_null<TupleType>(t);
    if (t && !tuple) {
      diag.error(p.loc, "cannot destructure a value of type " +
                            typeToString(t) + " with a tuple pattern of " +
                            std::to_string(p.elements.size()) + " element(s)");
      t = nullptr;
    } else if (tuple && tuple->getElements().size() != p.elements.size()) {
      diag.error(p.loc, "tuple pattern has " +
                            std::to_string(p.elements.size()) +
                            " element(s) but the value has " +
                            std::to_string(tuple->getElements().size()) +
                            " (type " + typeToString(t) + ")");
      t = nullptr;
      tuple = nullptr;
    }
    for (size_t i = 0; i < p.elements.size(); ++i) {
      if (!p.elements[i])
        continue;
      std::optional<StaticValue> elValue;
      if (value && value->kind == StaticValue::Kind::Tuple &&
          i < value->elements.size())
        elValue = value->elements[i];
      bindPattern(*p.elements[i], tuple ? tuple->getElements()[i] : nullptr,
                  elValue);
    }
    return;
  }
  }
}

const Type *SemaImpl::checkBlock(BlockExpr *e) {
  size_t mark = scope().bindings.size();
  for (auto &stmt : e->stmts) {
    if (!stmt)
      continue;
    if (stmt->kind == Stmt::Kind::Expr) {
      checkExpr(stmt->value.get());
      continue;
    }
    const Type *t = checkExpr(stmt->value.get());
    std::optional<StaticValue> value = getStatic(stmt->value.get());
    if (stmt->annotation && t) {
      SigState st;
      st.lookupScope = true;
      MatchCtx ctx{"the 'let' binding",
                   stmt->value ? stmt->value->loc : stmt->loc, scope().module};
      const Type *declared = matchType(*stmt->annotation, t, st, ctx);
      if (declared && containsFunction(t))
        declared = t;
      t = declared;
    }
    if (stmt->pattern)
      bindPattern(*stmt->pattern, t, value);
  }
  const Type *t = nullptr;
  if (e->result) {
    t = checkExpr(e->result.get());
  } else {
    SourceLoc loc =
        e->stmts.empty() || !e->stmts.back() ? e->loc : e->stmts.back()->loc;
    diag.error(loc, e->stmts.empty()
                        ? "empty block has no value"
                        : "a block must end with an expression, not a 'let'");
  }
  if (t)
    if (auto sv = getStatic(e->result.get()))
      setStatic(e, *sv);
  scope().bindings.resize(mark);
  return t;
}

const Type *SemaImpl::checkIf(IfExpr *e) {
  const Type *c = checkExpr(e->cond.get());
  if (c) {
    auto *a = llvm::dyn_cast<ArrayType>(c);
    if (!a || !a->isScalar() || a->getDType() != DType::Bool) {
      diag.error(e->cond ? e->cond->loc : e->loc,
                 "the condition of 'if' must be a scalar bool, got " +
                     typeToString(c));
      if (a && !a->isScalar())
        diag.note(e->loc, "for an elementwise choice use 'where(c, a, b)'");
    }
  }
  const Type *a = checkExpr(e->thenBranch.get());
  const Type *b = checkExpr(e->elseBranch.get());
  if (!a || !b)
    return nullptr;
  if (containsFunction(a) || containsFunction(b)) {
    if (a == b)
      return a;
    diag.error(e->loc, "cannot resolve function value statically: the "
                       "branches of 'if' give different functions");
    diag.note(e->thenBranch->loc, "the 'then' branch gives " + typeToString(a));
    diag.note(e->elseBranch->loc, "the 'else' branch gives " + typeToString(b));
    return nullptr;
  }
  const Type *joined = joinTypes(a, b);
  if (!joined)
    diag.error(e->loc, "the branches of 'if' have different types: " +
                           typeToString(a) + " and " + typeToString(b));
  return joined;
}
