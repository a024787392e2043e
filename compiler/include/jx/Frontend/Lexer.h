//===- Lexer.h - Tokenizer for .jx files ------------------------*- C++ -*-===//
//
// Produces tokens on demand. Besides splitting the text, the lexer decides
// which newlines end a statement, so that the parser only sees `Newline`
// tokens where a statement may end:
//
//  - inside `(...)` and `[...]` newlines are ignored; inside `{...}` (blocks,
//    struct bodies and literals) they separate statements or fields;
//  - a line that ends in a binary operator, `=`, `=>`, `->`, `,`, `:` or `.`
//    continues on the next line;
//  - a line that starts with `.name` (a method chain) continues the previous
//    line;
//  - consecutive newlines, and newlines before the first token, collapse.
//
// As error recovery for an unclosed `(` or `[`, a line that starts with
// `def`, `export`, `struct`, `import` or `let` closes every `(` and `[` left
// open since the innermost `{`: those keywords cannot appear inside brackets.
//
//===----------------------------------------------------------------------===//

#ifndef JX_FRONTEND_LEXER_H
#define JX_FRONTEND_LEXER_H

#include "jx/Frontend/Diagnostics.h"
#include "jx/Frontend/Token.h"

#include "llvm/ADT/StringRef.h"

#include <vector>

namespace jx {

class Lexer {
public:
  Lexer(uint32_t fileId, const SourceManager &sm, DiagnosticEngine &diag);

  /// Returns the next token; after the end of the buffer, `Eof` forever.
  Token next();

private:
  /// Lexes one token starting at `pos` (not whitespace, not a newline).
  Token lexToken();
  Token lexNumber(uint32_t start);
  Token lexString(uint32_t start);
  Token lexIdentifier(uint32_t start);
  Token lexInvalid(uint32_t start);

  /// Decides whether the newline at `pos` (already consumed) ends a
  /// statement; may close brackets left open (see the file comment).
  bool newlineEndsStatement();
  /// The offset of the next character that is not whitespace, a newline or
  /// part of a comment, starting at `from`.
  uint32_t nextSignificant(uint32_t from);
  /// Skips spaces, tabs and comments (not newlines).
  void skipBlanks();

  SourceLoc locAt(uint32_t offset) const;
  Token makeToken(TokenKind kind, uint32_t start);
  void updateBrackets(Token &token);
  void error(uint32_t offset, const llvm::Twine &message);

  uint32_t fileId;
  llvm::StringRef buffer;
  DiagnosticEngine &diag;

  uint32_t pos = 0;
  uint32_t line = 1;
  uint32_t lineStart = 0;

  /// The open brackets, innermost last: '(', '[' or '{'.
  std::vector<char> brackets;
  /// The kind of the last token returned (Newline when none yet).
  TokenKind lastKind = TokenKind::Newline;
  /// The last token was the integer of a tuple field (`t.0`); a following
  /// `.1` is another tuple field, not a float.
  bool lastWasTupleIndex = false;
  /// The last token was a `.` that starts a tuple field: digits that follow
  /// are an integer, never a float.
  bool afterTupleDot = false;

  /// Cache for nextSignificant: every offset in [from, to] maps to `to`.
  uint32_t significantFrom = 1, significantTo = 0;
};

} // namespace jx

#endif // JX_FRONTEND_LEXER_H
