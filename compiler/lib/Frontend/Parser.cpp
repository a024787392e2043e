//===- Parser.cpp - Token handling, error recovery and the module ---------===//
//
// The entry points (`parseModule`, `dumpTokens`) and the parser's shared
// machinery: lookahead, diagnostics, and the skipping that error recovery
// uses. Declarations are in ParseDecl.cpp, expressions in ParseExpr.cpp.
//
//===----------------------------------------------------------------------===//

#include "ParserImpl.h"

#include "jx/Frontend/Parser.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"

using namespace jx;

Parser::Parser(uint32_t fileId, const SourceManager &sm, DiagnosticEngine &diag)
    : lexer(fileId, sm, diag), diag(diag), sm(sm), fileId(fileId) {}

//===----------------------------------------------------------------------===//
// Tokens
//===----------------------------------------------------------------------===//

const Token &Parser::peek(unsigned n) {
  while (lookahead.size() <= n)
    lookahead.push_back(lexer.next());
  return lookahead[n];
}

Token Parser::consume() {
  peek(0);
  Token token = std::move(lookahead.front());
  // Eof stays: consuming it again yields it again.
  if (token.isNot(TokenKind::Eof))
    lookahead.pop_front();
  return token;
}

bool Parser::consumeIf(TokenKind kind) {
  if (tok().isNot(kind))
    return false;
  consume();
  return true;
}

void Parser::skipNewlines() {
  while (tok().is(TokenKind::Newline))
    consume();
}

void Parser::skipNewlineBefore(TokenKind kind) {
  if (tok().is(TokenKind::Newline) && peek(1).is(kind))
    consume();
}

bool Parser::atStmtEnd() {
  switch (tok().kind) {
  case TokenKind::Newline:
  case TokenKind::Semi:
  case TokenKind::RBrace:
  case TokenKind::Eof:
    return true;
  default:
    return false;
  }
}

//===----------------------------------------------------------------------===//
// Diagnostics
//===----------------------------------------------------------------------===//

void Parser::error(SourceLoc loc, const llvm::Twine &message) {
  if (loc.offset == lastErrorOffset)
    return;
  lastErrorOffset = loc.offset;
  diag.error(loc, message);
}

void Parser::errorExpected(const llvm::Twine &what) {
  const Token &token = tok();
  if (token.is(TokenKind::Error)) {
    lastErrorOffset = token.loc.offset;
    return;
  }
  error(token.loc, "expected " + what + ", found " + token.describe());
}

bool Parser::expect(TokenKind kind, const llvm::Twine &what) {
  if (consumeIf(kind))
    return true;
  errorExpected(what);
  return false;
}

bool Parser::expectClosing(TokenKind kind, const Token &open,
                           llvm::StringRef context) {
  if (consumeIf(kind))
    return true;
  llvm::StringRef closer = kind == TokenKind::RParen     ? "')'"
                           : kind == TokenKind::RBracket ? "']'"
                                                         : "'}'";
  const Token &token = tok();
  if (token.is(TokenKind::Error) || token.loc.offset == lastErrorOffset) {
    lastErrorOffset = token.loc.offset;
    return false;
  }
  errorExpected(closer + llvm::Twine(context.empty() ? "" : " ") + context);
  diag.note(open.loc, "to match this '" + open.text + "'");
  return false;
}

bool Parser::checkNesting() {
  if (nesting <= kMaxNesting)
    return true;
  if (!reportedTooDeep)
    error(tok().loc, "expression nested too deeply");
  reportedTooDeep = true;
  return false;
}

bool Parser::checkHeight(unsigned height) {
  if (height <= kMaxHeight)
    return true;
  if (!reportedTooDeep)
    error(tok().loc, "expression nested too deeply");
  reportedTooDeep = true;
  return false;
}

//===----------------------------------------------------------------------===//
// Recovery
//===----------------------------------------------------------------------===//

static bool isDeclKeyword(TokenKind kind) {
  return kind == TokenKind::KwDef || kind == TokenKind::KwExport ||
         kind == TokenKind::KwStruct || kind == TokenKind::KwImport;
}

void Parser::skipToStmtEnd(unsigned depth, bool stopAtComma) {
  while (true) {
    const Token &token = tok();
    if (token.is(TokenKind::Eof) || isDeclKeyword(token.kind))
      return;
    // A closer of the enclosing block (or of something further out).
    if (token.depth < depth)
      return;
    if (token.depth == depth &&
        (token.is(TokenKind::Newline) || token.is(TokenKind::Semi) ||
         (stopAtComma && token.is(TokenKind::Comma)))) {
      consume();
      return;
    }
    consume();
  }
}

void Parser::skipToDecl() {
  while (tok().isNot(TokenKind::Eof) && !isDeclKeyword(tok().kind))
    consume();
}

//===----------------------------------------------------------------------===//
// Module
//===----------------------------------------------------------------------===//

std::unique_ptr<Module> Parser::parseModule() {
  auto module = std::make_unique<Module>();
  module->fileId = fileId;
  module->name = llvm::sys::path::stem(sm.getFile(fileId).path).str();
  while (true) {
    while (tok().is(TokenKind::Newline) || tok().is(TokenKind::Semi))
      consume();
    if (tok().is(TokenKind::Eof))
      break;
    if (!isDeclKeyword(tok().kind)) {
      errorExpected("a declaration ('def', 'struct' or 'import')");
      consume();
      skipToDecl();
      continue;
    }
    reportedTooDeep = false;
    std::unique_ptr<Decl> decl = parseDecl();
    if (!decl) {
      skipToDecl();
      continue;
    }
    module->decls.push_back(std::move(decl));
    if (!expectDeclEnd())
      skipToDecl();
  }
  return module;
}

std::unique_ptr<Module> jx::parseModule(uint32_t fileId,
                                        const SourceManager &sm,
                                        DiagnosticEngine &diag) {
  Parser parser(fileId, sm, diag);
  return parser.parseModule();
}

/// Spells control bytes in token text as `\xNN`.
static std::string escapeForDump(llvm::StringRef text) {
  std::string out;
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f)
      out += "\\x" + llvm::utohexstr(c, /*LowerCase=*/true, /*Width=*/2);
    else
      out += static_cast<char>(c);
  }
  return out;
}

void jx::dumpTokens(uint32_t fileId, const SourceManager &sm,
                    DiagnosticEngine &diag, llvm::raw_ostream &os) {
  Lexer lexer(fileId, sm, diag);
  while (true) {
    Token token = lexer.next();
    os << token.loc.line << ':' << token.loc.col << ' '
       << tokenKindName(token.kind) << ' ';
    if (token.is(TokenKind::Eof))
      os << "''";
    else if (token.is(TokenKind::Newline))
      os << "'\\n'";
    else
      os << '\'' << escapeForDump(token.text) << '\'';
    os << '\n';
    if (token.is(TokenKind::Eof))
      break;
  }
}
