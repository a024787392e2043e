//===- Token.h - Tokens of the jx language ----------------------*- C++ -*-===//
//
// The lexer turns a `.jx` buffer into these tokens. A token refers to its
// spelling in the source buffer; string literals also carry their unescaped
// value. Statement-ending newlines are tokens too (`Newline`): the lexer
// decides where a newline ends a statement (see Lexer.h).
//
//===----------------------------------------------------------------------===//

#ifndef JX_FRONTEND_TOKEN_H
#define JX_FRONTEND_TOKEN_H

#include "jx/Frontend/Diagnostics.h"

#include "llvm/ADT/StringRef.h"

#include <string>

namespace jx {

enum class TokenKind {
  Eof,
  Newline, ///< a newline that ends a statement
  Error,   ///< invalid characters; the lexer has already reported them

  Identifier,
  IntLiteral,
  FloatLiteral,
  StringLiteral,

  // Keywords.
  KwDef,
  KwExport,
  KwImport,
  KwAs,
  KwStruct,
  KwLet,
  KwFn,
  KwIf,
  KwElse,
  KwTrue,
  KwFalse,
  KwNone,
  KwAnd,
  KwOr,
  KwNot,

  // Punctuation.
  LParen,   ///< (
  RParen,   ///< )
  LBracket, ///< [
  RBracket, ///< ]
  LBrace,   ///< {
  RBrace,   ///< }
  Comma,    ///< ,
  Colon,    ///< :
  Semi,     ///< ;
  Dot,      ///< .
  Ellipsis, ///< ...
  Arrow,    ///< ->
  FatArrow, ///< =>
  Equal,    ///< =

  // Operators.
  Plus,       ///< +
  Minus,      ///< -
  Star,       ///< *
  StarStar,   ///< **
  Slash,      ///< /
  SlashSlash, ///< //
  Percent,    ///< %
  At,         ///< @
  EqEq,       ///< ==
  NotEq,      ///< !=
  Less,       ///< <
  LessEq,     ///< <=
  Greater,    ///< >
  GreaterEq,  ///< >=
  Amp,        ///< &
  Pipe,       ///< |
  Caret,      ///< ^
  Tilde,      ///< ~
  Shl,        ///< <<
  Shr,        ///< >>
};

/// The name `--emit=tokens` prints for a kind: `identifier`, `kw_def`,
/// `l_paren`, ...
llvm::StringRef tokenKindName(TokenKind kind);

struct Token {
  TokenKind kind = TokenKind::Eof;
  SourceLoc loc;
  /// The spelling in the source buffer (empty for `Eof`, "\n" for `Newline`).
  llvm::StringRef text;
  /// StringLiteral only: the value with escapes resolved.
  std::string stringValue;
  /// How many brackets (`(`, `[`, `{`) enclose this token. A closing bracket
  /// has the depth of the bracket it closes. Error recovery uses it to skip
  /// to the end of the statement at the right nesting level.
  unsigned depth = 0;
  /// The lexer already reported a malformed literal here; the parser uses
  /// the token without reporting it again.
  bool hasError = false;

  bool is(TokenKind k) const { return kind == k; }
  bool isNot(TokenKind k) const { return kind != k; }
  bool isKeyword() const {
    return kind >= TokenKind::KwDef && kind <= TokenKind::KwNot;
  }
  /// How a diagnostic names this token: `'def'`, `newline`, `end of file`.
  std::string describe() const;
};

} // namespace jx

#endif // JX_FRONTEND_TOKEN_H
