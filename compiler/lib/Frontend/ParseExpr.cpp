//===- ParseExpr.cpp - Expressions, blocks and statements -----------------===//
//
// Precedence, lowest first (as in Python):
//
//   or; and; not (prefix); == != < <= > >= (not chainable); |; ^; &;
//   << >>; + -; * / // % @; unary - + ~; ** (right-assoc); postfix
//
// Binary operators are parsed by precedence climbing. `-x**2` is `-(x**2)`
// and `2**-1` is `2**(-1)`. `fn` lambdas and `if` expressions are primaries
// whose bodies extend as far as possible.
//
//   block ::= '{' (stmt (newline | ';'))* '}'
//   stmt  ::= 'let' pattern [':' type] '=' expr | expr
//
// The last expression statement of a block is its result.
//
//===----------------------------------------------------------------------===//

#include "ParserImpl.h"

#include "llvm/ADT/StringExtras.h"

#include <cmath>
#include <cstdlib>
#include <optional>

using namespace jx;

bool jx::parseIntegerText(llvm::StringRef text, uint64_t &value) {
  std::string digits;
  digits.reserve(text.size());
  for (char c : text)
    if (c != '_')
      digits += c;
  llvm::StringRef ref(digits);
  unsigned radix = 10;
  if (ref.size() > 2 && ref[0] == '0') {
    char kind = llvm::toLower(ref[1]);
    if (kind == 'x' || kind == 'b' || kind == 'o') {
      radix = kind == 'x' ? 16 : kind == 'b' ? 2 : 8;
      ref = ref.drop_front(2);
    }
  }
  // getAsInteger returns true on error (including overflow).
  return !ref.getAsInteger(radix, value);
}

//===----------------------------------------------------------------------===//
// Operators
//===----------------------------------------------------------------------===//

namespace {
enum Precedence : int {
  kOrPrec = 1,
  kAndPrec = 2,
  kNotPrec = 3,
  kComparisonPrec = 4,
  kBitOrPrec = 5,
  kBitXorPrec = 6,
  kBitAndPrec = 7,
  kShiftPrec = 8,
  kAdditivePrec = 9,
  kMultiplicativePrec = 10,
};

struct BinaryOpInfo {
  BinaryOp op;
  int prec;
};
} // namespace

static std::optional<BinaryOpInfo> binaryOpInfo(TokenKind kind) {
  switch (kind) {
  case TokenKind::KwOr:
    return BinaryOpInfo{BinaryOp::Or, kOrPrec};
  case TokenKind::KwAnd:
    return BinaryOpInfo{BinaryOp::And, kAndPrec};
  case TokenKind::EqEq:
    return BinaryOpInfo{BinaryOp::Eq, kComparisonPrec};
  case TokenKind::NotEq:
    return BinaryOpInfo{BinaryOp::Ne, kComparisonPrec};
  case TokenKind::Less:
    return BinaryOpInfo{BinaryOp::Lt, kComparisonPrec};
  case TokenKind::LessEq:
    return BinaryOpInfo{BinaryOp::Le, kComparisonPrec};
  case TokenKind::Greater:
    return BinaryOpInfo{BinaryOp::Gt, kComparisonPrec};
  case TokenKind::GreaterEq:
    return BinaryOpInfo{BinaryOp::Ge, kComparisonPrec};
  case TokenKind::Pipe:
    return BinaryOpInfo{BinaryOp::BitOr, kBitOrPrec};
  case TokenKind::Caret:
    return BinaryOpInfo{BinaryOp::BitXor, kBitXorPrec};
  case TokenKind::Amp:
    return BinaryOpInfo{BinaryOp::BitAnd, kBitAndPrec};
  case TokenKind::Shl:
    return BinaryOpInfo{BinaryOp::Shl, kShiftPrec};
  case TokenKind::Shr:
    return BinaryOpInfo{BinaryOp::Shr, kShiftPrec};
  case TokenKind::Plus:
    return BinaryOpInfo{BinaryOp::Add, kAdditivePrec};
  case TokenKind::Minus:
    return BinaryOpInfo{BinaryOp::Sub, kAdditivePrec};
  case TokenKind::Star:
    return BinaryOpInfo{BinaryOp::Mul, kMultiplicativePrec};
  case TokenKind::Slash:
    return BinaryOpInfo{BinaryOp::Div, kMultiplicativePrec};
  case TokenKind::SlashSlash:
    return BinaryOpInfo{BinaryOp::FloorDiv, kMultiplicativePrec};
  case TokenKind::Percent:
    return BinaryOpInfo{BinaryOp::Mod, kMultiplicativePrec};
  case TokenKind::At:
    return BinaryOpInfo{BinaryOp::MatMul, kMultiplicativePrec};
  default:
    return std::nullopt;
  }
}

bool Parser::atListTerminator() {
  switch (tok().kind) {
  case TokenKind::Newline:
  case TokenKind::Eof:
  case TokenKind::Error:
  case TokenKind::Semi:
  case TokenKind::RParen:
  case TokenKind::RBracket:
  case TokenKind::RBrace:
  case TokenKind::KwDef:
  case TokenKind::KwExport:
  case TokenKind::KwStruct:
  case TokenKind::KwImport:
  case TokenKind::KwLet:
    return true;
  default:
    return false;
  }
}

//===----------------------------------------------------------------------===//
// Operator expressions
//===----------------------------------------------------------------------===//

ExprPtr Parser::parseExpr() {
  NestingScope scope(*this);
  if (!checkNesting())
    return nullptr;
  return parseBinary(kOrPrec);
}

ExprPtr Parser::parseBinary(int minPrec) {
  ExprPtr lhs;
  if (tok().is(TokenKind::KwNot) && minPrec <= kNotPrec) {
    Token op = consume();
    NestingScope scope(*this);
    if (!checkNesting())
      return nullptr;
    ExprPtr operand = parseBinary(kNotPrec);
    if (!operand)
      return nullptr;
    lhs = std::make_unique<UnaryExpr>(op.loc, UnaryOp::Not, std::move(operand));
    ++lastHeight;
  } else {
    lhs = parseUnary();
  }
  if (!lhs)
    return nullptr;

  unsigned height = lastHeight;
  bool lastWasComparison = false;
  while (true) {
    std::optional<BinaryOpInfo> info = binaryOpInfo(tok().kind);
    if (!info || info->prec < minPrec)
      break;
    Token op = consume();
    ExprPtr rhs = parseBinary(info->prec + 1);
    if (!rhs)
      return nullptr;
    height = std::max(height, lastHeight) + 1;
    if (!checkHeight(height))
      return nullptr;

    bool isComparison = info->prec == kComparisonPrec;
    if (isComparison && lastWasComparison)
      error(op.loc, "comparison operators cannot be chained; combine the "
                    "comparisons with 'and' or add parentheses");
    lastWasComparison = isComparison;
    lhs = std::make_unique<BinaryExpr>(op.loc, info->op, std::move(lhs),
                                       std::move(rhs));
  }
  return withHeight(std::move(lhs), height);
}

ExprPtr Parser::parseUnary() {
  UnaryOp op;
  switch (tok().kind) {
  case TokenKind::Minus:
    op = UnaryOp::Neg;
    break;
  case TokenKind::Plus:
    op = UnaryOp::Plus;
    break;
  case TokenKind::Tilde:
    op = UnaryOp::BitNot;
    break;
  default:
    return parsePower();
  }
  Token opTok = consume();
  NestingScope scope(*this);
  if (!checkNesting())
    return nullptr;
  ExprPtr operand = parseUnary();
  if (!operand)
    return nullptr;
  return withHeight(
      std::make_unique<UnaryExpr>(opTok.loc, op, std::move(operand)),
      lastHeight + 1);
}

ExprPtr Parser::parsePower() {
  ExprPtr base = parsePostfix();
  if (!base || tok().isNot(TokenKind::StarStar))
    return base;
  unsigned baseHeight = lastHeight;
  Token op = consume();
  NestingScope scope(*this);
  if (!checkNesting())
    return nullptr;
  // The exponent may be signed and is itself a power: right-associative.
  ExprPtr exponent = parseUnary();
  if (!exponent)
    return nullptr;
  return withHeight(std::make_unique<BinaryExpr>(op.loc, BinaryOp::Pow,
                                                 std::move(base),
                                                 std::move(exponent)),
                    std::max(baseHeight, lastHeight) + 1);
}

//===----------------------------------------------------------------------===//
// Postfix expressions
//===----------------------------------------------------------------------===//

static bool isAtMethod(llvm::StringRef name) {
  return name == "set" || name == "add" || name == "mul" || name == "min" ||
         name == "max" || name == "get";
}

ExprPtr Parser::parsePostfix() {
  ExprPtr expr = parsePrimary();
  if (!expr)
    return nullptr;

  // The height of `expr`; each postfix operator adds a level on top of it
  // and of its own operands (`lastHeight` after parsing them).
  unsigned height = lastHeight;
  auto grow = [&](unsigned operands) {
    height = std::max(height, operands) + 1;
    return checkHeight(height);
  };

  while (true) {
    switch (tok().kind) {
    case TokenKind::LParen: {
      SourceLoc loc = expr->loc;
      auto call = std::make_unique<CallExpr>(loc, std::move(expr));
      if (!parseCallArgs(call->args) || !grow(lastHeight))
        return nullptr;
      expr = std::move(call);
      continue;
    }
    case TokenKind::LBracket: {
      auto index = std::make_unique<IndexExpr>(tok().loc, std::move(expr));
      if (!parseIndexItems(index->items) || !grow(lastHeight))
        return nullptr;
      expr = std::move(index);
      continue;
    }
    case TokenKind::Dot: {
      consume();
      if (tok().is(TokenKind::IntLiteral)) {
        Token index = consume();
        uint64_t value = 0;
        if (!index.hasError &&
            (!parseIntegerText(index.text, value) || value > UINT32_MAX)) {
          error(index.loc, "tuple index is too large");
          value = 0;
        }
        expr = std::make_unique<TupleFieldExpr>(index.loc, std::move(expr),
                                                static_cast<unsigned>(value));
        if (!grow(0))
          return nullptr;
        continue;
      }
      if (tok().isNot(TokenKind::Identifier)) {
        errorExpected("field name or tuple index after '.'");
        return nullptr;
      }
      Token name = consume();
      if (name.text != "at" || tok().isNot(TokenKind::LBracket)) {
        expr = std::make_unique<FieldExpr>(name.loc, std::move(expr),
                                           name.text.str());
        if (!grow(0))
          return nullptr;
        continue;
      }
      // `x.at[idx].set(v)`.
      std::vector<IndexItem> items;
      if (!parseIndexItems(items))
        return nullptr;
      unsigned itemsHeight = lastHeight;
      llvm::StringRef methods =
          "'.set', '.add', '.mul', '.min', '.max' or '.get' after 'at[...]'";
      if (!consumeIf(TokenKind::Dot) || tok().isNot(TokenKind::Identifier)) {
        errorExpected(methods);
        return nullptr;
      }
      Token method = consume();
      if (!isAtMethod(method.text))
        error(method.loc, "unknown 'at' update method '" + method.text +
                              "'; expected 'set', 'add', 'mul', 'min', "
                              "'max' or 'get'");
      auto update = std::make_unique<AtUpdateExpr>(method.loc, std::move(expr));
      update->items = std::move(items);
      update->method = method.text.str();
      if (tok().isNot(TokenKind::LParen)) {
        errorExpected("'(' after '." + method.text + "'");
        return nullptr;
      }
      if (!parseCallArgs(update->args) ||
          !grow(std::max(itemsHeight, lastHeight)))
        return nullptr;
      expr = std::move(update);
      continue;
    }
    case TokenKind::LBrace:
      if (!looksLikeStructLiteral(*expr))
        return withHeight(std::move(expr), height);
      expr = parseStructLiteral(std::move(expr));
      if (!expr)
        return nullptr;
      height = lastHeight;
      continue;
    default:
      return withHeight(std::move(expr), height);
    }
  }
}

bool Parser::parseCallArgs(std::vector<Argument> &args) {
  Token open = consume(); // (
  StructLiteralScope allow(*this, /*forbid=*/false);
  bool sawKeyword = false;
  unsigned height = 0;
  while (true) {
    if (tok().is(TokenKind::RParen) || atListTerminator())
      break;
    Argument arg;
    arg.loc = tok().loc;
    if (tok().is(TokenKind::Identifier) && peek(1).is(TokenKind::Equal)) {
      arg.name = consume().text.str();
      consume(); // =
      sawKeyword = true;
    } else if (sawKeyword) {
      error(arg.loc, "positional argument follows keyword argument");
    }
    arg.value = parseExpr();
    if (!arg.value)
      return false;
    height = std::max(height, lastHeight);
    args.push_back(std::move(arg));
    if (!consumeIf(TokenKind::Comma))
      break;
  }
  lastHeight = height;
  return expectClosing(TokenKind::RParen, open, "after arguments");
}

bool Parser::parseIndexItems(std::vector<IndexItem> &items) {
  Token open = consume(); // [
  StructLiteralScope allow(*this, /*forbid=*/false);
  if (tok().is(TokenKind::RBracket)) {
    errorExpected("index");
    return false;
  }
  unsigned height = 0;
  while (true) {
    if (tok().is(TokenKind::RBracket) || atListTerminator())
      break;
    IndexItem item;
    unsigned itemHeight = parseIndexItem(item);
    if (itemHeight == 0)
      return false;
    height = std::max(height, itemHeight);
    items.push_back(std::move(item));
    if (!consumeIf(TokenKind::Comma))
      break;
  }
  lastHeight = height;
  return expectClosing(TokenKind::RBracket, open, "after index");
}

unsigned Parser::parseIndexItem(IndexItem &item) {
  item.loc = tok().loc;
  if (consumeIf(TokenKind::Ellipsis)) {
    item.kind = IndexItem::Kind::Ellipsis;
    return 1;
  }
  if (tok().is(TokenKind::KwNone) &&
      (peek(1).is(TokenKind::Comma) || peek(1).is(TokenKind::RBracket))) {
    consume();
    item.kind = IndexItem::Kind::NewAxis;
    return 1;
  }
  unsigned height = 1;
  ExprPtr lo;
  if (tok().isNot(TokenKind::Colon)) {
    lo = parseExpr();
    if (!lo)
      return 0;
    height = std::max(height, lastHeight);
  }
  if (!consumeIf(TokenKind::Colon)) {
    item.kind = IndexItem::Kind::Expr;
    item.value = std::move(lo);
    return height;
  }
  item.kind = IndexItem::Kind::Slice;
  item.lo = std::move(lo);
  auto partEnds = [&] {
    return tok().is(TokenKind::Colon) || tok().is(TokenKind::Comma) ||
           atListTerminator();
  };
  if (!partEnds()) {
    item.hi = parseExpr();
    if (!item.hi)
      return 0;
    height = std::max(height, lastHeight);
  }
  if (consumeIf(TokenKind::Colon) && !partEnds()) {
    item.step = parseExpr();
    if (!item.step)
      return 0;
    height = std::max(height, lastHeight);
  }
  return height;
}

bool Parser::looksLikeStructLiteral(const Expr &base) {
  if (noStructLiteral)
    return false;
  llvm::StringRef name;
  if (const auto *nameExpr = llvm::dyn_cast<NameExpr>(&base))
    name = nameExpr->name;
  else if (const auto *field = llvm::dyn_cast<FieldExpr>(&base);
           field && llvm::isa<NameExpr>(field->base.get()))
    name = field->field;
  if (name.empty() || !llvm::isUpper(name.front()))
    return false;
  unsigned i = peek(1).is(TokenKind::Newline) ? 2 : 1;
  return peek(i).is(TokenKind::RBrace) || (peek(i).is(TokenKind::Identifier) &&
                                           peek(i + 1).is(TokenKind::Colon));
}

ExprPtr Parser::parseStructLiteral(ExprPtr base) {
  auto literal = std::make_unique<StructLitExpr>(base->loc);
  if (auto *field = llvm::dyn_cast<FieldExpr>(base.get())) {
    literal->qualifier = llvm::cast<NameExpr>(field->base.get())->name;
    literal->name = field->field;
  } else {
    literal->name = llvm::cast<NameExpr>(base.get())->name;
  }
  Token open = consume(); // {
  StructLiteralScope allow(*this, /*forbid=*/false);
  unsigned height = 0;
  while (true) {
    skipNewlines();
    if (consumeIf(TokenKind::RBrace))
      break;
    if (atListTerminator()) {
      expectClosing(TokenKind::RBrace, open, "after struct literal fields");
      return nullptr;
    }
    if (tok().isNot(TokenKind::Identifier)) {
      errorExpected("field name in struct literal");
      return nullptr;
    }
    StructLitExpr::FieldInit init;
    init.loc = tok().loc;
    init.name = consume().text.str();
    if (!expect(TokenKind::Colon, "':' after field name"))
      return nullptr;
    init.value = parseExpr();
    if (!init.value)
      return nullptr;
    height = std::max(height, lastHeight);
    literal->fields.push_back(std::move(init));
    if (consumeIf(TokenKind::Comma) || tok().is(TokenKind::Newline) ||
        tok().is(TokenKind::RBrace))
      continue;
    expectClosing(TokenKind::RBrace, open, "after struct literal fields");
    return nullptr;
  }
  return withHeight(std::move(literal), height + 1);
}

//===----------------------------------------------------------------------===//
// Primary expressions
//===----------------------------------------------------------------------===//

ExprPtr Parser::parsePrimary() {
  switch (tok().kind) {
  case TokenKind::IntLiteral:
    return parseIntLiteral();
  case TokenKind::FloatLiteral:
    return parseFloatLiteral();
  case TokenKind::StringLiteral: {
    Token token = consume();
    return withHeight(std::make_unique<StringLitExpr>(
                          token.loc, std::move(token.stringValue)),
                      1);
  }
  case TokenKind::KwTrue:
  case TokenKind::KwFalse: {
    Token token = consume();
    return withHeight(
        std::make_unique<BoolLitExpr>(token.loc, token.is(TokenKind::KwTrue)),
        1);
  }
  case TokenKind::KwNone:
    return withHeight(std::make_unique<NoneLitExpr>(consume().loc), 1);
  case TokenKind::Identifier: {
    Token token = consume();
    return withHeight(std::make_unique<NameExpr>(token.loc, token.text.str()),
                      1);
  }
  case TokenKind::LParen:
    return parseParenExpr();
  case TokenKind::LBracket:
    return parseArrayLiteral();
  case TokenKind::LBrace:
    return parseBlock();
  case TokenKind::KwFn:
    return parseLambda();
  case TokenKind::KwIf:
    return parseIf();
  default:
    errorExpected("expression");
    return nullptr;
  }
}

ExprPtr Parser::parseIntLiteral() {
  Token token = consume();
  uint64_t value = 0;
  if (!token.hasError &&
      (!parseIntegerText(token.text, value) || value > uint64_t(INT64_MAX))) {
    error(token.loc, "integer literal is too large");
    value = 0;
  }
  return withHeight(
      std::make_unique<IntLitExpr>(token.loc, static_cast<int64_t>(value)), 1);
}

ExprPtr Parser::parseFloatLiteral() {
  Token token = consume();
  std::string digits;
  for (char c : token.text)
    if (c != '_')
      digits += c;
  double value = std::strtod(digits.c_str(), nullptr);
  if (!token.hasError && std::isinf(value))
    error(token.loc, "floating-point literal is too large");
  return withHeight(
      std::make_unique<FloatLitExpr>(token.loc, value, token.text.str()), 1);
}

ExprPtr Parser::parseParenExpr() {
  Token open = consume(); // (
  StructLiteralScope allow(*this, /*forbid=*/false);
  if (consumeIf(TokenKind::RParen))
    return withHeight(std::make_unique<TupleExpr>(open.loc), 1);
  ExprPtr first = parseExpr();
  if (!first)
    return nullptr;
  if (consumeIf(TokenKind::RParen))
    return first; // keeps its height
  unsigned height = lastHeight;
  if (tok().isNot(TokenKind::Comma)) {
    expectClosing(TokenKind::RParen, open, "");
    return nullptr;
  }
  auto tuple = std::make_unique<TupleExpr>(open.loc);
  tuple->elements.push_back(std::move(first));
  while (consumeIf(TokenKind::Comma)) {
    if (tok().is(TokenKind::RParen) || atListTerminator())
      break;
    ExprPtr element = parseExpr();
    if (!element)
      return nullptr;
    height = std::max(height, lastHeight);
    tuple->elements.push_back(std::move(element));
  }
  if (!expectClosing(TokenKind::RParen, open, "after tuple elements"))
    return nullptr;
  return withHeight(std::move(tuple), height + 1);
}

ExprPtr Parser::parseArrayLiteral() {
  Token open = consume(); // [
  StructLiteralScope allow(*this, /*forbid=*/false);
  auto array = std::make_unique<ArrayLitExpr>(open.loc);
  unsigned height = 0;
  while (true) {
    if (tok().is(TokenKind::RBracket) || atListTerminator())
      break;
    ExprPtr element = parseExpr();
    if (!element)
      return nullptr;
    height = std::max(height, lastHeight);
    array->elements.push_back(std::move(element));
    if (!consumeIf(TokenKind::Comma))
      break;
  }
  if (!expectClosing(TokenKind::RBracket, open, "after array elements"))
    return nullptr;
  return withHeight(std::move(array), height + 1);
}

ExprPtr Parser::parseIf() {
  NestingScope scope(*this);
  if (!checkNesting())
    return nullptr;
  auto node = std::make_unique<IfExpr>(consume().loc);
  {
    // `if x == Foo { ... }`: the brace opens the block, as in Rust.
    StructLiteralScope forbid(*this, /*forbid=*/true);
    node->cond = parseExpr();
  }
  if (!node->cond)
    return nullptr;
  unsigned height = lastHeight;
  if (tok().isNot(TokenKind::LBrace)) {
    errorExpected("'{' after 'if' condition");
    return nullptr;
  }
  node->thenBranch = parseBlock();
  if (!node->thenBranch)
    return nullptr;
  height = std::max(height, lastHeight);
  skipNewlineBefore(TokenKind::KwElse);
  if (!consumeIf(TokenKind::KwElse)) {
    errorExpected("'else' after 'if' block (an 'if' expression needs both "
                  "branches)");
    return nullptr;
  }
  skipNewlineBefore(TokenKind::KwIf);
  skipNewlineBefore(TokenKind::LBrace);
  if (tok().is(TokenKind::KwIf)) {
    node->elseBranch = parseIf();
  } else if (tok().is(TokenKind::LBrace)) {
    node->elseBranch = parseBlock();
  } else {
    errorExpected("'{' or 'if' after 'else'");
    return nullptr;
  }
  if (!node->elseBranch)
    return nullptr;
  return withHeight(std::move(node), std::max(height, lastHeight) + 1);
}

ExprPtr Parser::parseLambda() {
  auto lambda = std::make_unique<LambdaExpr>(consume().loc);
  if (tok().isNot(TokenKind::LParen)) {
    errorExpected("'(' after 'fn'");
    return nullptr;
  }
  if (!parseParams(lambda->params))
    return nullptr;
  if (consumeIf(TokenKind::Arrow)) {
    lambda->resultType = parseType();
    if (!lambda->resultType)
      return nullptr;
  }
  if (consumeIf(TokenKind::FatArrow)) {
    lambda->body = parseExpr();
  } else if (tok().is(TokenKind::LBrace)) {
    lambda->body = parseBlock();
  } else {
    errorExpected("'=>' or '{' after lambda parameters");
    return nullptr;
  }
  if (!lambda->body)
    return nullptr;
  return withHeight(std::move(lambda), lastHeight + 1);
}

//===----------------------------------------------------------------------===//
// Blocks and statements
//===----------------------------------------------------------------------===//

std::unique_ptr<BlockExpr> Parser::parseBlock() {
  NestingScope scope(*this);
  if (!checkNesting())
    return nullptr;
  Token open = consume(); // {
  StructLiteralScope allow(*this, /*forbid=*/false);
  auto block = std::make_unique<BlockExpr>(open.loc);
  unsigned depth = open.depth + 1;
  unsigned height = 0;
  while (true) {
    while (tok().is(TokenKind::Newline) || tok().is(TokenKind::Semi))
      consume();
    if (consumeIf(TokenKind::RBrace))
      break;
    TokenKind kind = tok().kind;
    if (kind == TokenKind::Eof || kind == TokenKind::KwDef ||
        kind == TokenKind::KwExport || kind == TokenKind::KwStruct ||
        kind == TokenKind::KwImport) {
      expectClosing(TokenKind::RBrace, open, "at end of block");
      break;
    }
    uint32_t start = tok().loc.offset;
    std::unique_ptr<Stmt> stmt = parseStmt();
    if (stmt) {
      height = std::max(height, lastHeight);
      block->stmts.push_back(std::move(stmt));
      if (atStmtEnd())
        continue;
      errorExpected("newline or ';' after statement");
    }
    skipToStmtEnd(depth);
    // Always make progress, whatever the token.
    if (tok().loc.offset == start && tok().isNot(TokenKind::Eof) &&
        tok().isNot(TokenKind::RBrace))
      consume();
  }
  if (!block->stmts.empty() && block->stmts.back()->kind == Stmt::Kind::Expr) {
    block->result = std::move(block->stmts.back()->value);
    block->stmts.pop_back();
  }
  lastHeight = height + 1;
  return block;
}

std::unique_ptr<Stmt> Parser::parseStmt() {
  auto stmt = std::make_unique<Stmt>();
  stmt->loc = tok().loc;
  if (consumeIf(TokenKind::KwLet)) {
    stmt->kind = Stmt::Kind::Let;
    stmt->pattern = parsePattern();
    if (!stmt->pattern)
      return nullptr;
    if (consumeIf(TokenKind::Colon)) {
      stmt->annotation = parseType();
      if (!stmt->annotation)
        return nullptr;
    }
    if (!expect(TokenKind::Equal, "'=' in 'let' binding"))
      return nullptr;
  } else {
    stmt->kind = Stmt::Kind::Expr;
  }
  stmt->value = parseExpr();
  if (!stmt->value)
    return nullptr;
  return stmt;
}
