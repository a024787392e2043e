//===- ParseDecl.cpp - Declarations, types, parameters, patterns ----------===//
//
//   decl     ::= 'import' name ('.' name)* ['as' name]
//              | 'struct' name '{' (field (',' | newline))* '}'
//              | ['export'] 'def' name params ['->' type] ('=' expr | block)
//   field    ::= name ':' type
//   params   ::= '(' [param (',' param)* [',']] ')'
//   param    ::= name [':' type]
//   type     ::= name ['.' name] ['[' [dim (',' dim)* [',']] ']']
//              | '(' [type (',' type)* [',']] ')'
//   dim      ::= integer | name
//   pattern  ::= name | '_' | '(' [pattern (',' pattern)* [',']] ')'
//
// `(T)` and `(p)` are parenthesized, not one-element tuples (`(T,)` is).
//
//===----------------------------------------------------------------------===//

#include "ParserImpl.h"

using namespace jx;

std::unique_ptr<Decl> Parser::parseDecl() {
  switch (tok().kind) {
  case TokenKind::KwImport:
    return parseImport();
  case TokenKind::KwStruct:
    return parseStruct();
  case TokenKind::KwDef:
    return parseFunction(/*isExport=*/false);
  case TokenKind::KwExport:
    consume();
    if (tok().isNot(TokenKind::KwDef)) {
      errorExpected("'def' after 'export'");
      return nullptr;
    }
    return parseFunction(/*isExport=*/true);
  default:
    errorExpected("a declaration ('def', 'struct' or 'import')");
    return nullptr;
  }
}

bool Parser::expectDeclEnd() {
  if (tok().is(TokenKind::Newline) || tok().is(TokenKind::Semi)) {
    consume();
    return true;
  }
  if (tok().is(TokenKind::Eof))
    return true;
  errorExpected("newline or ';' after declaration");
  return false;
}

std::unique_ptr<ImportDecl> Parser::parseImport() {
  consume(); // import
  if (tok().isNot(TokenKind::Identifier)) {
    errorExpected("module name after 'import'");
    return nullptr;
  }
  auto decl = std::make_unique<ImportDecl>(tok().loc);
  decl->path.push_back(consume().text.str());
  while (consumeIf(TokenKind::Dot)) {
    if (tok().isNot(TokenKind::Identifier)) {
      errorExpected("module name after '.'");
      return nullptr;
    }
    decl->path.push_back(consume().text.str());
  }
  if (consumeIf(TokenKind::KwAs)) {
    if (tok().isNot(TokenKind::Identifier)) {
      errorExpected("name after 'as'");
      return nullptr;
    }
    decl->alias = consume().text.str();
  } else {
    decl->alias = decl->path.back();
  }
  return decl;
}

std::unique_ptr<StructDecl> Parser::parseStruct() {
  consume(); // struct
  if (tok().isNot(TokenKind::Identifier)) {
    errorExpected("struct name after 'struct'");
    return nullptr;
  }
  Token nameTok = consume();
  auto decl = std::make_unique<StructDecl>(nameTok.loc);
  decl->name = nameTok.text.str();
  skipNewlineBefore(TokenKind::LBrace);
  if (tok().isNot(TokenKind::LBrace)) {
    errorExpected("'{' after struct name");
    return nullptr;
  }
  Token open = consume();
  unsigned depth = open.depth + 1;
  while (true) {
    skipNewlines();
    if (consumeIf(TokenKind::RBrace))
      break;
    if (atListTerminator()) {
      expectClosing(TokenKind::RBrace, open, "at end of struct");
      break;
    }
    uint32_t start = tok().loc.offset;
    auto recover = [&] {
      skipToStmtEnd(depth, /*stopAtComma=*/true);
      if (tok().loc.offset == start && tok().isNot(TokenKind::Eof))
        consume();
    };
    if (tok().isNot(TokenKind::Identifier)) {
      errorExpected("field name");
      recover();
      continue;
    }
    StructDecl::Field field;
    field.loc = tok().loc;
    field.name = consume().text.str();
    if (!expect(TokenKind::Colon, "':' after field name")) {
      recover();
      continue;
    }
    field.type = parseType();
    if (!field.type) {
      recover();
      continue;
    }
    decl->fields.push_back(std::move(field));
    if (consumeIf(TokenKind::Comma) || tok().is(TokenKind::Newline) ||
        tok().is(TokenKind::RBrace))
      continue;
    errorExpected("',' or newline after struct field");
    recover();
  }
  return decl;
}

std::unique_ptr<FunctionDecl> Parser::parseFunction(bool isExport) {
  consume(); // def
  if (tok().isNot(TokenKind::Identifier)) {
    errorExpected("function name after 'def'");
    return nullptr;
  }
  Token nameTok = consume();
  auto fn = std::make_unique<FunctionDecl>(nameTok.loc);
  fn->name = nameTok.text.str();
  fn->isExport = isExport;
  if (tok().isNot(TokenKind::LParen)) {
    errorExpected("'(' after function name");
    return nullptr;
  }
  if (!parseParams(fn->params))
    return nullptr;
  skipNewlineBefore(TokenKind::Arrow);
  if (consumeIf(TokenKind::Arrow)) {
    fn->resultType = parseType();
    if (!fn->resultType)
      return nullptr;
  }
  skipNewlineBefore(TokenKind::LBrace);
  skipNewlineBefore(TokenKind::Equal);
  if (consumeIf(TokenKind::Equal)) {
    fn->body = parseExpr();
  } else if (tok().is(TokenKind::LBrace)) {
    fn->body = parseBlock();
  } else {
    errorExpected("'=' or '{' after function signature");
    return nullptr;
  }
  if (!fn->body)
    return nullptr;
  return fn;
}

bool Parser::parseParams(std::vector<Param> &params) {
  Token open = consume(); // (
  while (true) {
    if (tok().is(TokenKind::RParen) || atListTerminator())
      break;
    if (tok().isNot(TokenKind::Identifier)) {
      errorExpected("parameter name");
      return false;
    }
    Param param;
    param.loc = tok().loc;
    param.name = consume().text.str();
    if (consumeIf(TokenKind::Colon)) {
      param.type = parseType();
      if (!param.type)
        return false;
    }
    params.push_back(std::move(param));
    if (!consumeIf(TokenKind::Comma))
      break;
  }
  return expectClosing(TokenKind::RParen, open, "after parameters");
}

std::unique_ptr<TypeExpr> Parser::parseType() {
  NestingScope scope(*this);
  if (!checkNesting())
    return nullptr;

  if (tok().is(TokenKind::LParen)) {
    Token open = consume();
    auto type = std::make_unique<TypeExpr>();
    type->kind = TypeExpr::Kind::Tuple;
    type->loc = open.loc;
    bool sawComma = false;
    while (true) {
      if (tok().is(TokenKind::RParen) || atListTerminator())
        break;
      auto element = parseType();
      if (!element)
        return nullptr;
      type->elements.push_back(std::move(element));
      if (!consumeIf(TokenKind::Comma))
        break;
      sawComma = true;
    }
    if (!expectClosing(TokenKind::RParen, open, "after tuple type"))
      return nullptr;
    if (type->elements.size() == 1 && !sawComma)
      return std::move(type->elements.front());
    return type;
  }

  if (tok().isNot(TokenKind::Identifier)) {
    errorExpected("type");
    return nullptr;
  }
  auto type = std::make_unique<TypeExpr>();
  type->kind = TypeExpr::Kind::Named;
  type->loc = tok().loc;
  type->name = consume().text.str();
  if (consumeIf(TokenKind::Dot)) {
    if (tok().isNot(TokenKind::Identifier)) {
      errorExpected("type name after '.'");
      return nullptr;
    }
    type->qualifier = std::move(type->name);
    type->name = consume().text.str();
  }
  if (tok().is(TokenKind::LBracket)) {
    Token open = consume();
    type->hasDims = true;
    while (true) {
      if (tok().is(TokenKind::RBracket) || atListTerminator())
        break;
      DimExpr dim;
      if (!parseDim(dim))
        return nullptr;
      type->dims.push_back(std::move(dim));
      if (!consumeIf(TokenKind::Comma))
        break;
    }
    if (!expectClosing(TokenKind::RBracket, open, "after dimensions"))
      return nullptr;
  }
  return type;
}

bool Parser::parseDim(DimExpr &dim) {
  dim.loc = tok().loc;
  if (tok().is(TokenKind::Identifier)) {
    dim.name = consume().text.str();
    return true;
  }
  if (tok().is(TokenKind::IntLiteral)) {
    Token token = consume();
    uint64_t value = 0;
    if (!token.hasError &&
        (!parseIntegerText(token.text, value) || value > uint64_t(INT64_MAX))) {
      error(token.loc, "integer literal is too large");
      value = 0;
    }
    dim.value = static_cast<int64_t>(value);
    return true;
  }
  errorExpected("dimension (an integer or a size variable)");
  return false;
}

std::unique_ptr<Pattern> Parser::parsePattern() {
  NestingScope scope(*this);
  if (!checkNesting())
    return nullptr;

  auto pattern = std::make_unique<Pattern>();
  pattern->loc = tok().loc;
  if (tok().is(TokenKind::Identifier)) {
    Token name = consume();
    if (name.text == "_") {
      pattern->kind = Pattern::Kind::Wildcard;
    } else {
      pattern->kind = Pattern::Kind::Name;
      pattern->name = name.text.str();
    }
    return pattern;
  }
  if (tok().isNot(TokenKind::LParen)) {
    errorExpected("pattern (a name, '_' or a tuple)");
    return nullptr;
  }
  Token open = consume();
  pattern->kind = Pattern::Kind::Tuple;
  bool sawComma = false;
  while (true) {
    if (tok().is(TokenKind::RParen) || atListTerminator())
      break;
    auto element = parsePattern();
    if (!element)
      return nullptr;
    pattern->elements.push_back(std::move(element));
    if (!consumeIf(TokenKind::Comma))
      break;
    sawComma = true;
  }
  if (!expectClosing(TokenKind::RParen, open, "after tuple pattern"))
    return nullptr;
  if (pattern->elements.size() == 1 && !sawComma)
    return std::move(pattern->elements.front());
  return pattern;
}
