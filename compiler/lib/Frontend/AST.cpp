//===- AST.cpp - Deep copies and operator spellings for the AST -----------===//
//
// Sema instantiates a generic function by cloning its declaration and
// type-checking the copy, so `clone()` copies everything the parser built and
// nothing Sema added: clones start untyped (`Expr::type == nullptr`).
//
//===----------------------------------------------------------------------===//

#include "jx/Frontend/AST.h"

#include "llvm/Support/ErrorHandling.h"

using namespace jx;

llvm::StringRef jx::spelling(UnaryOp op) {
  switch (op) {
  case UnaryOp::Neg:
    return "-";
  case UnaryOp::Plus:
    return "+";
  case UnaryOp::Not:
    return "not";
  case UnaryOp::BitNot:
    return "~";
  }
  llvm_unreachable("unknown unary operator");
}

llvm::StringRef jx::spelling(BinaryOp op) {
  switch (op) {
  case BinaryOp::Add:
    return "+";
  case BinaryOp::Sub:
    return "-";
  case BinaryOp::Mul:
    return "*";
  case BinaryOp::Div:
    return "/";
  case BinaryOp::FloorDiv:
    return "//";
  case BinaryOp::Mod:
    return "%";
  case BinaryOp::Pow:
    return "**";
  case BinaryOp::MatMul:
    return "@";
  case BinaryOp::Eq:
    return "==";
  case BinaryOp::Ne:
    return "!=";
  case BinaryOp::Lt:
    return "<";
  case BinaryOp::Le:
    return "<=";
  case BinaryOp::Gt:
    return ">";
  case BinaryOp::Ge:
    return ">=";
  case BinaryOp::And:
    return "and";
  case BinaryOp::Or:
    return "or";
  case BinaryOp::BitAnd:
    return "&";
  case BinaryOp::BitOr:
    return "|";
  case BinaryOp::BitXor:
    return "^";
  case BinaryOp::Shl:
    return "<<";
  case BinaryOp::Shr:
    return ">>";
  }
  llvm_unreachable("unknown binary operator");
}

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

static ExprPtr cloneOrNull(const ExprPtr &expr) {
  return expr ? expr->clone() : nullptr;
}

template <typename T>
static std::unique_ptr<T> cloneOrNull(const std::unique_ptr<T> &node) {
  return node ? node->clone() : nullptr;
}

static std::vector<ExprPtr> cloneExprs(const std::vector<ExprPtr> &exprs) {
  std::vector<ExprPtr> result;
  result.reserve(exprs.size());
  for (const ExprPtr &expr : exprs)
    result.push_back(cloneOrNull(expr));
  return result;
}

static std::vector<Argument> cloneArgs(const std::vector<Argument> &args) {
  std::vector<Argument> result;
  result.reserve(args.size());
  for (const Argument &arg : args)
    result.push_back(Argument{arg.loc, arg.name, cloneOrNull(arg.value)});
  return result;
}

static std::vector<IndexItem> cloneItems(const std::vector<IndexItem> &items) {
  std::vector<IndexItem> result;
  result.reserve(items.size());
  for (const IndexItem &item : items) {
    IndexItem copy;
    copy.kind = item.kind;
    copy.loc = item.loc;
    copy.value = cloneOrNull(item.value);
    copy.lo = cloneOrNull(item.lo);
    copy.hi = cloneOrNull(item.hi);
    copy.step = cloneOrNull(item.step);
    result.push_back(std::move(copy));
  }
  return result;
}

static std::vector<Param> cloneParams(const std::vector<Param> &params) {
  std::vector<Param> result;
  result.reserve(params.size());
  for (const Param &param : params)
    result.push_back(param.clone());
  return result;
}

//===----------------------------------------------------------------------===//
// clone()
//===----------------------------------------------------------------------===//

std::unique_ptr<TypeExpr> TypeExpr::clone() const {
  auto copy = std::make_unique<TypeExpr>();
  copy->kind = kind;
  copy->loc = loc;
  copy->qualifier = qualifier;
  copy->name = name;
  copy->hasDims = hasDims;
  copy->dims = dims;
  for (const auto &element : elements)
    copy->elements.push_back(cloneOrNull(element));
  return copy;
}

std::unique_ptr<Pattern> Pattern::clone() const {
  auto copy = std::make_unique<Pattern>();
  copy->kind = kind;
  copy->loc = loc;
  copy->name = name;
  for (const auto &element : elements)
    copy->elements.push_back(cloneOrNull(element));
  return copy;
}

std::unique_ptr<Stmt> Stmt::clone() const {
  auto copy = std::make_unique<Stmt>();
  copy->kind = kind;
  copy->loc = loc;
  copy->pattern = cloneOrNull(pattern);
  copy->annotation = cloneOrNull(annotation);
  copy->value = cloneOrNull(value);
  return copy;
}

Param Param::clone() const {
  Param copy;
  copy.loc = loc;
  copy.name = name;
  copy.type = cloneOrNull(type);
  return copy;
}

std::unique_ptr<FunctionDecl> FunctionDecl::clone() const {
  auto copy = std::make_unique<FunctionDecl>(loc);
  copy->name = name;
  copy->isExport = isExport;
  copy->params = cloneParams(params);
  copy->resultType = cloneOrNull(resultType);
  copy->body = cloneOrNull(body);
  return copy;
}

ExprPtr Expr::clone() const {
  switch (kind) {
  case Kind::IntLit:
    return std::make_unique<IntLitExpr>(loc,
                                        llvm::cast<IntLitExpr>(this)->value);
  case Kind::FloatLit: {
    const auto *e = llvm::cast<FloatLitExpr>(this);
    return std::make_unique<FloatLitExpr>(loc, e->value, e->spellingText);
  }
  case Kind::BoolLit:
    return std::make_unique<BoolLitExpr>(loc,
                                         llvm::cast<BoolLitExpr>(this)->value);
  case Kind::StringLit:
    return std::make_unique<StringLitExpr>(
        loc, llvm::cast<StringLitExpr>(this)->value);
  case Kind::NoneLit:
    return std::make_unique<NoneLitExpr>(loc);
  case Kind::Name:
    return std::make_unique<NameExpr>(loc, llvm::cast<NameExpr>(this)->name);
  case Kind::Tuple: {
    auto copy = std::make_unique<TupleExpr>(loc);
    copy->elements = cloneExprs(llvm::cast<TupleExpr>(this)->elements);
    return copy;
  }
  case Kind::ArrayLit: {
    auto copy = std::make_unique<ArrayLitExpr>(loc);
    copy->elements = cloneExprs(llvm::cast<ArrayLitExpr>(this)->elements);
    return copy;
  }
  case Kind::Unary: {
    const auto *e = llvm::cast<UnaryExpr>(this);
    return std::make_unique<UnaryExpr>(loc, e->op, cloneOrNull(e->operand));
  }
  case Kind::Binary: {
    const auto *e = llvm::cast<BinaryExpr>(this);
    return std::make_unique<BinaryExpr>(loc, e->op, cloneOrNull(e->lhs),
                                        cloneOrNull(e->rhs));
  }
  case Kind::Call: {
    const auto *e = llvm::cast<CallExpr>(this);
    auto copy = std::make_unique<CallExpr>(loc, cloneOrNull(e->callee));
    copy->args = cloneArgs(e->args);
    return copy;
  }
  case Kind::Index: {
    const auto *e = llvm::cast<IndexExpr>(this);
    auto copy = std::make_unique<IndexExpr>(loc, cloneOrNull(e->base));
    copy->items = cloneItems(e->items);
    return copy;
  }
  case Kind::Field: {
    const auto *e = llvm::cast<FieldExpr>(this);
    return std::make_unique<FieldExpr>(loc, cloneOrNull(e->base), e->field);
  }
  case Kind::TupleField: {
    const auto *e = llvm::cast<TupleFieldExpr>(this);
    return std::make_unique<TupleFieldExpr>(loc, cloneOrNull(e->base),
                                            e->index);
  }
  case Kind::AtUpdate: {
    const auto *e = llvm::cast<AtUpdateExpr>(this);
    auto copy = std::make_unique<AtUpdateExpr>(loc, cloneOrNull(e->base));
    copy->items = cloneItems(e->items);
    copy->method = e->method;
    copy->args = cloneArgs(e->args);
    return copy;
  }
  case Kind::StructLit: {
    const auto *e = llvm::cast<StructLitExpr>(this);
    auto copy = std::make_unique<StructLitExpr>(loc);
    copy->qualifier = e->qualifier;
    copy->name = e->name;
    for (const auto &field : e->fields)
      copy->fields.push_back(StructLitExpr::FieldInit{
          field.loc, field.name, cloneOrNull(field.value)});
    return copy;
  }
  case Kind::If: {
    const auto *e = llvm::cast<IfExpr>(this);
    auto copy = std::make_unique<IfExpr>(loc);
    copy->cond = cloneOrNull(e->cond);
    copy->thenBranch = cloneOrNull(e->thenBranch);
    copy->elseBranch = cloneOrNull(e->elseBranch);
    return copy;
  }
  case Kind::Lambda: {
    const auto *e = llvm::cast<LambdaExpr>(this);
    auto copy = std::make_unique<LambdaExpr>(loc);
    copy->params = cloneParams(e->params);
    copy->resultType = cloneOrNull(e->resultType);
    copy->body = cloneOrNull(e->body);
    return copy;
  }
  case Kind::Block: {
    const auto *e = llvm::cast<BlockExpr>(this);
    auto copy = std::make_unique<BlockExpr>(loc);
    for (const auto &stmt : e->stmts)
      copy->stmts.push_back(cloneOrNull(stmt));
    copy->result = cloneOrNull(e->result);
    return copy;
  }
  }
  llvm_unreachable("unknown expression kind");
}
