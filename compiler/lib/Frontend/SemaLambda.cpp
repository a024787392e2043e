//===- SemaLambda.cpp - Closure conversion of lambdas ---------------------===//
//
// A lambda is a compile-time function value. Its free variables that name
// local values (let bindings, parameters, size variables) become its
// captures, read in the enclosing body when the lambda is formed; its body
// is checked later, once per distinct argument types, as an instance whose
// trailing parameters are the captures.
//
//===----------------------------------------------------------------------===//

#include "SemaImpl.h"

#include "llvm/ADT/StringExtras.h"

#include <set>

using namespace jx;

namespace {
/// Collects the free names of a lambda, in order of first use: names used
/// and not bound by the lambda's parameters or its own `let`s. Names in
/// annotations' dims count (they may be captured size variables).
class FreeVars {
public:
  std::vector<std::string> order;

  void bind(const std::string &name) { bound.back().insert(name); }
  void push() { bound.emplace_back(); }
  void pop() { bound.pop_back(); }

  void use(const std::string &name) {
    for (const auto &set : bound)
      if (set.count(name))
        return;
    if (seen.insert(name).second)
      order.push_back(name);
  }

  void typeExpr(const TypeExpr *te) {
    if (!te)
      return;
    for (const auto &el : te->elements)
      typeExpr(el.get());
    for (const auto &d : te->dims)
      if (!d.value)
        use(d.name);
  }

  void pattern(const Pattern *p) {
    if (!p)
      return;
    if (p->kind == Pattern::Kind::Name)
      bind(p->name);
    for (const auto &el : p->elements)
      pattern(el.get());
  }

  void items(const std::vector<IndexItem> &items) {
    for (const auto &item : items) {
      expr(item.value.get());
      expr(item.lo.get());
      expr(item.hi.get());
      expr(item.step.get());
    }
  }

  void lambda(const LambdaExpr *l) {
    push();
    for (const auto &p : l->params) {
      typeExpr(p.type.get());
      bind(p.name);
    }
    typeExpr(l->resultType.get());
    expr(l->body.get());
    pop();
  }

  void expr(const Expr *e) {
    if (!e)
      return;
    switch (e->kind) {
    case Expr::Kind::Name:
      use(llvm::cast<NameExpr>(e)->name);
      return;
    case Expr::Kind::Tuple:
      for (const auto &el : llvm::cast<TupleExpr>(e)->elements)
        expr(el.get());
      return;
    case Expr::Kind::ArrayLit:
      for (const auto &el : llvm::cast<ArrayLitExpr>(e)->elements)
        expr(el.get());
      return;
    case Expr::Kind::Unary:
      expr(llvm::cast<UnaryExpr>(e)->operand.get());
      return;
    case Expr::Kind::Binary:
      expr(llvm::cast<BinaryExpr>(e)->lhs.get());
      expr(llvm::cast<BinaryExpr>(e)->rhs.get());
      return;
    case Expr::Kind::Call: {
      auto *call = llvm::cast<CallExpr>(e);
      expr(call->callee.get());
      for (const auto &arg : call->args)
        expr(arg.value.get());
      return;
    }
    case Expr::Kind::Index:
      expr(llvm::cast<IndexExpr>(e)->base.get());
      items(llvm::cast<IndexExpr>(e)->items);
      return;
    case Expr::Kind::Field:
      expr(llvm::cast<FieldExpr>(e)->base.get());
      return;
    case Expr::Kind::TupleField:
      expr(llvm::cast<TupleFieldExpr>(e)->base.get());
      return;
    case Expr::Kind::AtUpdate: {
      auto *at = llvm::cast<AtUpdateExpr>(e);
      expr(at->base.get());
      items(at->items);
      for (const auto &arg : at->args)
        expr(arg.value.get());
      return;
    }
    case Expr::Kind::StructLit:
      for (const auto &f : llvm::cast<StructLitExpr>(e)->fields)
        expr(f.value.get());
      return;
    case Expr::Kind::If: {
      auto *ife = llvm::cast<IfExpr>(e);
      expr(ife->cond.get());
      expr(ife->thenBranch.get());
      expr(ife->elseBranch.get());
      return;
    }
    case Expr::Kind::Lambda:
      lambda(llvm::cast<LambdaExpr>(e));
      return;
    case Expr::Kind::Block: {
      auto *block = llvm::cast<BlockExpr>(e);
      push();
      for (const auto &stmt : block->stmts) {
        if (!stmt)
          continue;
        expr(stmt->value.get());
        typeExpr(stmt->annotation.get());
        if (stmt->kind == Stmt::Kind::Let)
          pattern(stmt->pattern.get());
      }
      expr(block->result.get());
      pop();
      return;
    }
    default:
      return;
    }
  }

private:
  std::vector<std::set<std::string>> bound;
  std::set<std::string> seen;
};
} // namespace

const Type *SemaImpl::checkLambda(LambdaExpr *e) {
  FreeVars fv;
  fv.lambda(e);
  auto c = std::make_unique<Callable>();
  c->kind = Callable::Kind::Lambda;
  c->loc = e->loc;
  c->lambda = e;
  c->module = scope().module;
  c->enclosing = scope().inst;
  c->enclosingSymbol = scope().inst->symbol;
  LambdaInfo info;
  bool ok = true;
  for (const auto &name : fv.order) {
    const Binding *b = lookupLocal(name);
    if (!b)
      continue; // a global, a built-in, or undeclared (reported on use)
    if (!b->type)
      ok = false;
    c->captures.push_back({name, b->type, b->value});
    info.captureSources.push_back(b->ref);
  }
  if (!ok)
    return nullptr;
  info.callable = intern(
      std::move(c), "L:" + llvm::utohexstr(reinterpret_cast<uintptr_t>(e)));
  program->lambdas[e] = info;
  return types.getFunction(info.callable);
}
